"""Escalation (督办) of overdue problems, in levels."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class EscalationLevel(models.IntegerChoices):
    REMINDER = 1, _("提醒经办人")
    ORDER = 2, _("督办单")
    CIRCULAR = 3, _("列入通报")


class Escalation(models.Model):
    problem = models.ForeignKey("problems.Problem", on_delete=models.PROTECT, related_name="escalations")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT,
                             related_name="escalations")
    level = models.PositiveSmallIntegerField(_("督办级别"), choices=EscalationLevel.choices)
    overdue_workdays = models.PositiveSmallIntegerField(_("逾期工作日"))
    # 督办单 only: a numbered document the unit head must acknowledge.
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    seq = models.PositiveIntegerField(null=True, blank=True)
    number = models.CharField(_("督办单编号"), max_length=60, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    ack_note = models.TextField(_("签收意见"), blank=True)
    circular = models.ForeignKey("supervision.Circular", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="escalations")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("督办")
        verbose_name_plural = _("督办")
        constraints = [
            models.UniqueConstraint(fields=["problem", "level"], name="escalation_once_per_level"),
            models.UniqueConstraint(fields=["year", "seq"], condition=models.Q(level=2),
                                    name="escalation_order_number_unique"),
            models.CheckConstraint(condition=~models.Q(level=2) | models.Q(seq__isnull=False),
                                   name="escalation_order_has_number"),
        ]
        indexes = [models.Index(fields=["unit", "level"])]

    def __str__(self) -> str:
        return self.number or f"{self.get_level_display()} · {self.problem}"
