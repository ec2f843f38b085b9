"""Supervision tasks (督查任务), the findings inspectors record on them, and phone-test calls (拨测)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wicket.problems.models import Source


class Method(models.TextChoices):
    # The values are the problem sources, so a finding's problem carries its task's method.
    ONSITE_CHECK = Source.ONSITE_CHECK.value, _("现场督查")
    ONLINE_SPOT_CHECK = Source.ONLINE_SPOT_CHECK.value, _("网上抽查")
    MYSTERY_VISIT = Source.MYSTERY_VISIT.value, _("暗访")
    PHONE_TEST = Source.PHONE_TEST.value, _("电话拨测")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    DONE = "done", _("已完成")


class SupervisionTask(models.Model):
    campaign = models.ForeignKey("checklist.Campaign", verbose_name=_("排查整改工作"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="supervision_tasks")
    title = models.CharField(_("任务名称"), max_length=200)
    method = models.CharField(_("督查方式"), max_length=30, choices=Method.choices)
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("督查组成员"),
                                        related_name="supervision_tasks")
    units = models.ManyToManyField("orgs.Unit", verbose_name=_("督查单位"), related_name="supervision_tasks")
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    checklist_codes = models.JSONField(_("督查要点"), default=list, blank=True)
    notes = models.TextField(_("工作要求"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    revisit_of = models.ForeignKey("problems.Problem", verbose_name=_("复查的问题"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="revisit_tasks")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[inspectors, units])

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("督查任务")
        verbose_name_plural = _("督查任务")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="task_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class TaskFinding(models.Model):
    """A problem an inspector found while on a task (the problem itself lives in the one problem list)."""

    task = models.ForeignKey(SupervisionTask, on_delete=models.PROTECT, related_name="findings")
    problem = models.OneToOneField("problems.Problem", on_delete=models.PROTECT, related_name="task_finding")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} · {self.problem}"


class PhoneOutcome(models.TextChoices):
    # The codes of the calls format (product brief), so hall-data dashboards read these rows as they are.
    ANSWERED = "answered", _("接通")
    NO_ANSWER = "no_answer", _("无人接听")
    BUSY = "busy", _("占线")
    INVALID_NUMBER = "invalid_number", _("空号停机")
    HUNG_UP = "hung_up", _("接通后挂断")
    WRONG_UNIT = "wrong_unit", _("非本部门电话")


ANSWERED_OUTCOMES = (PhoneOutcome.ANSWERED, PhoneOutcome.HUNG_UP, PhoneOutcome.WRONG_UNIT)


class PhoneCall(models.Model):
    """One test call to a unit's published consultation phone. Every call is kept, failed or not."""

    task = models.ForeignKey(SupervisionTask, on_delete=models.PROTECT, related_name="calls")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("被拨测单位"), on_delete=models.PROTECT,
                             related_name="phone_tests")
    line = models.CharField(_("拨打号码"), max_length=30)
    started_at = models.DateTimeField(_("拨打时间"))
    outcome = models.CharField(_("拨测结果"), max_length=20, choices=PhoneOutcome.choices)
    ring_seconds = models.PositiveIntegerField(_("振铃秒数"), null=True, blank=True)
    talk_seconds = models.PositiveIntegerField(_("通话秒数"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    problem = models.ForeignKey("problems.Problem", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="phone_tests")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("拨测记录")
        verbose_name_plural = _("拨测记录")

    def __str__(self) -> str:
        return f"{self.line} {self.get_outcome_display()}"

    @property
    def answered(self) -> bool:
        return self.outcome in ANSWERED_OUTCOMES

    @property
    def failed(self) -> bool:
        return self.outcome != PhoneOutcome.ANSWERED
