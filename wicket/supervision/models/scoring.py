"""Unit assessment (考核): a base score and rules stored per campaign, editable by the supervisor."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RuleKind(models.TextChoices):
    OVERDUE_PROBLEM = "overdue_problem", _("问题逾期未整改（含逾期后整改）")
    SUPERVISION_FINDING = "supervision_finding", _("督查发现问题")
    UPHELD_PUBLIC_REPORT = "upheld_public_report", _("群众反映问题属实")
    SEND_BACK = "send_back", _("整改被退回")
    CLOSED_ON_TIME = "closed_on_time", _("按期整改销号")
    RECURRED = "recurred", _("销号后问题复发（数据检测再次发现）")


DEFAULT_POINTS = {
    RuleKind.OVERDUE_PROBLEM: Decimal("-2"),
    RuleKind.SUPERVISION_FINDING: Decimal("-1"),
    RuleKind.UPHELD_PUBLIC_REPORT: Decimal("-1"),
    RuleKind.SEND_BACK: Decimal("-0.5"),
    RuleKind.CLOSED_ON_TIME: Decimal("0.5"),
    RuleKind.RECURRED: Decimal("-1"),
}


class AssessmentScheme(models.Model):
    campaign = models.OneToOneField("checklist.Campaign", on_delete=models.CASCADE, related_name="assessment")
    base = models.DecimalField(_("基础分"), max_digits=6, decimal_places=2, default=Decimal("100"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核办法")
        verbose_name_plural = _("考核办法")

    def __str__(self) -> str:
        return f"{self.campaign} · {self.base}"


class ScoringRule(models.Model):
    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("计分项"), max_length=30, choices=RuleKind.choices)
    points = models.DecimalField(_("每项分值"), max_digits=6, decimal_places=2,
                                 help_text=_("负数为扣分，正数为加分"))
    active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("计分规则")
        verbose_name_plural = _("计分规则")
        constraints = [models.UniqueConstraint(fields=["scheme", "kind"], name="scoring_rule_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.points}"
