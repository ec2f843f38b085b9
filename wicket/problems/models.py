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

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="optimistic lock: bumped on every write")
    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        ordering = ["-found_on", "-id"]
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
        CALENDAR_CORRECTED = "calendar_corrected", _("工作日历更正")

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)
    # evidence_updated: {"old": ..., "new": ...}, the problem's evidence_data before and after the run.
    data = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


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
