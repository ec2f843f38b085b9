"""The one problem list. Every source of findings — self-inspection, supervision, public reports,
data detectors — produces a Problem here, with one lifecycle."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wicket.core.evidence import EvidenceFile


class Source(models.TextChoices):
    SELF_INSPECTION = "self_inspection", _("自查自纠")
    ONSITE_CHECK = "onsite_check", _("现场督查")
    ONLINE_SPOT_CHECK = "online_spot_check", _("网上抽查")
    MYSTERY_VISIT = "mystery_visit", _("暗访")
    PHONE_TEST = "phone_test", _("电话拨测")
    PUBLIC_REPORT = "public_report", _("群众监督")
    DATA_DETECTION = "data_detection", _("数据检测")


class Status(models.TextChoices):
    PENDING = "pending", _("待整改")
    IN_PROGRESS = "in_progress", _("整改中")
    AWAITING_VERIFICATION = "awaiting_verification", _("已整改待核验")
    CLOSED = "closed", _("已销号")


class ClosureState(models.TextChoices):
    """What fresh data says about a data-detected problem submitted as fixed (see closure.py)."""

    CONFIRMED = "confirmed", _("已由数据确认整改")
    NO_FRESH_DATA = "no_fresh_data", _("整改以来尚无新数据")
    NOT_CONFIRMED = "not_confirmed", _("新数据显示问题仍在")


class ListedProblems(models.Manager):
    """The problem list: a problem merged into another (`merged_into`) lives on only as its record."""

    def get_queryset(self):
        return super().get_queryset().filter(merged_into__isnull=True)


class Problem(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT,
                             related_name="problems")
    campaign = models.ForeignKey("checklist.Campaign", verbose_name=_("排查整改工作"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="problems")
    checklist_code = models.CharField(_("问题类别"), max_length=10)
    source = models.CharField(_("问题来源"), max_length=30, choices=Source.choices)
    title = models.CharField(_("问题"), max_length=200)
    description = models.TextField(_("问题描述"), blank=True)
    found_on = models.DateField(_("发现日期"))
    status = models.CharField(_("状态"), max_length=30, choices=Status.choices, default=Status.PENDING)

    # The rectification (整改): measures, owner, deadline.
    measures = models.TextField(_("整改措施"), blank=True)
    responsible = models.CharField(_("责任人"), max_length=50, blank=True)
    deadline = models.DateField(_("整改时限"), null=True, blank=True)
    deadline_workdays = models.PositiveSmallIntegerField(_("工作日时限"), null=True, blank=True,
                                                         help_text=_("从发现日期起算的工作日数"))
    deadline_estimated = models.BooleanField(
        _("时限为估算"), default=False,
        help_text=_("时限跨入尚未公布节假日安排的年份，该年按周一至周五估算"))
    immediate = models.BooleanField(_("立行立改"), default=False)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)

    # Data detection: the detector's stable identity for this finding.
    detector = models.CharField(_("检测规则"), max_length=50, blank=True)
    scope = models.CharField(_("检测范围"), max_length=200, blank=True)
    # NULL (not "") for problems no detector made: the unique constraint applies only to real fingerprints.
    fingerprint = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    evidence_data = models.JSONField(_("检测依据"), default=dict, blank=True)
    last_detected_at = models.DateTimeField(_("最近一次检测到"), null=True, blank=True)
    detector_cleared_at = models.DateTimeField(_("检测已不再发现"), null=True, blank=True)
    # The latest detector run over this problem's scope, and how recent the data it read was.
    checked_at = models.DateTimeField(_("最近一次重新检测"), null=True, blank=True)
    data_as_of = models.DateTimeField(_("检测数据截至"), null=True, blank=True)

    # Closure proven by fresh data: the date the unit says the rectification took effect, and what the
    # data since then shows (closure.py), kept so the list can filter on it.
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    closure_state = models.CharField(_("数据核验"), max_length=20, choices=ClosureState.choices, blank=True)
    closure_evidence = models.JSONField(_("数据核验依据"), default=dict, blank=True)
    closure_checked_at = models.DateTimeField(_("数据核验时间"), null=True, blank=True)

    # Problems regrouped into one per cause keep their record; their timeline moved to the survivor.
    merged_into = models.ForeignKey("self", verbose_name=_("已并入"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="merged")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="optimistic lock: bumped on every write")
    # The times of detector runs and the closure verdict are refreshed by every run: the timeline records
    # what matters of them (检测已不再发现, 已由数据确认整改), the record's history would only be noise.
    history = HistoricalRecords(excluded_fields=["updated_at", "version", "checked_at", "data_as_of",
                                                 "closure_state", "closure_evidence", "closure_checked_at"])

    all_objects = models.Manager()  # merged problems too (their records, the migration)
    objects = ListedProblems()

    class Meta:
        ordering = ["-found_on", "-id"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        constraints = [
            models.UniqueConstraint(fields=["fingerprint"], condition=models.Q(fingerprint__isnull=False),
                                    name="problem_unique_fingerprint"),
            models.CheckConstraint(condition=models.Q(status__in=[s.value for s in Status]),
                                   name="problem_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=Status.CLOSED) | models.Q(closed_at__isnull=False),
                name="problem_closed_has_time",
            ),
            models.CheckConstraint(condition=models.Q(merged_into__isnull=True) | models.Q(fingerprint__isnull=True),
                                   name="problem_merged_has_no_fingerprint"),
        ]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["checklist_code"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def category(self) -> str:
        return self.checklist_code.split(".")[0]


class ProblemEvent(models.Model):
    """Append-only timeline of a problem: every transition and progress note, with who and when."""

    class Action(models.TextChoices):
        CREATE = "create", _("登记问题")
        START = "start", _("开始整改")
        SUBMIT = "submit", _("提交核验")
        CLOSE = "close", _("核验销号")
        SEND_BACK = "send_back", _("退回整改")
        REOPEN = "reopen", _("重新打开")
        NOTE = "note", _("整改进展")
        EDIT = "edit", _("修改整改方案")
        DETECTED_AGAIN = "detected_again", _("检测再次发现")
        DETECTOR_CLEARED = "detector_cleared", _("检测已不再发现")
        EVIDENCE_UPDATED = "evidence_updated", _("检测数据已更新")
        EVIDENCE = "evidence", _("上传佐证材料")
        ESCALATE = "escalate", _("督办")
        FINDINGS_ADDED = "findings_added", _("检测发现新的问题点")
        FINDINGS_CLEARED = "findings_cleared", _("数据确认已整改")
        FINDING_FIXED = "finding_fixed", _("问题点已整改")
        FINDING_ACCEPTED = "finding_accepted", _("核验认可保留")
        FINDING_REOPENED = "finding_reopened", _("问题点恢复待整改")
        MERGED = "merged", _("合并问题")
        DATA_CONFIRMED = "data_confirmed", _("已由数据确认整改")
        CALENDAR_CORRECTED = "calendar_corrected", _("工作日历更正")

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)
    # evidence_updated: {"findings": [{"fingerprint", "old", "new"}, ...]}, each finding's data before and
    # after the run (before problems were grouped by cause: {"old", "new"}, the problem's one finding).
    # Other finding events: {"findings": [fingerprint, ...]}; merged: {"merged": [{problem...}, ...]};
    # an event moved here from a merged problem: {"from_problem": id, ...}.
    data = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


class FindingState(models.TextChoices):
    OPEN = "open", _("待整改")
    REPORTED = "reported", _("单位已整改，待数据确认")
    FIXED = "fixed", _("数据确认已整改")
    ACCEPTED = "accepted", _("核验认可保留")


class ProblemFinding(models.Model):
    """One finding of a detector inside the problem of its cause (causes.py): where it is, what to write,
    and its own state. Re-detection adds, updates or clears findings; it never opens a second problem
    for the same cause."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="findings")
    fingerprint = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("检测规则"), max_length=50)
    checklist_code = models.CharField(_("问题类别"), max_length=10)
    message = models.TextField(_("检测结论"))
    data = models.JSONField(_("检测依据"), default=dict)  # the finding as the detector gave it (to_dict)
    state = models.CharField(_("状态"), max_length=20, choices=FindingState.choices, default=FindingState.OPEN)
    note = models.TextField(_("说明"), blank=True)  # the unit's note, or the verifier's reason for accepting
    state_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    state_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(_("首次发现"))
    last_seen_at = models.DateTimeField(_("最近一次发现"))
    gone_at = models.DateTimeField(_("检测已不再发现"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_seen_at"])

    class Meta:
        ordering = ["id"]
        verbose_name = _("问题点")
        verbose_name_plural = _("问题点")
        constraints = [
            models.CheckConstraint(condition=models.Q(state__in=[s.value for s in FindingState]),
                                   name="finding_state_valid"),
            models.CheckConstraint(condition=~models.Q(state=FindingState.ACCEPTED) | ~models.Q(note=""),
                                   name="finding_accepted_has_reason"),
        ]
        indexes = [models.Index(fields=["problem", "state"])]

    def __str__(self) -> str:
        return self.message[:60]

    @property
    def present(self) -> bool:
        """Still found by the latest run of its detector."""
        return self.gone_at is None


def evidence_path(instance: Evidence, filename: str) -> str:
    """Named by the first migration; new files go through EvidenceFile's upload_to (the same path)."""
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class Evidence(EvidenceFile):
    UPLOAD_DIR = "evidence"

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, default="finding",
                            help_text="finding: shows the problem; rectification: shows the fix")

    class Meta(EvidenceFile.Meta):
        pass
