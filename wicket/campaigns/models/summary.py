"""The county's campaign summary (巩固提升: 全面总结排查整改成果) and the reminders the daily job leaves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已印发")


class CampaignSummary(models.Model):
    """Generated from the data, edited in the browser, then issued (frozen, with a digest)."""

    campaign = models.OneToOneField("checklist.Campaign", on_delete=models.CASCADE, related_name="summary")
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("正文"))
    status = models.CharField(_("状态"), max_length=20, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="optimistic lock: bumped on every save")
    generated_at = models.DateTimeField(_("生成时间"))
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    digest = models.CharField(_("SHA-256 摘要"), max_length=64, blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("工作总结")
        verbose_name_plural = _("工作总结")
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="issued") | models.Q(issued_at__isnull=False),
                                   name="summary_issued_has_time"),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    OVERDUE = "overdue", _("已逾期")
    DUE_SOON = "due_soon", _("即将到期")


class Reminder(models.Model):
    """One problem a person is reminded of on one day (the daily `send_reminders` run)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="reminders")
    problem = models.ForeignKey("problems.Problem", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    deadline = models.DateField()
    run_on = models.DateField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "problem", "run_on"], name="reminder_unique_day")]
        indexes = [models.Index(fields=["user", "run_on"])]

    def __str__(self) -> str:
        return f"{self.run_on} {self.user} #{self.problem_id}"
