"""Self-inspection (自查自纠): each unit answers every checklist point of its campaign."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wicket.core.evidence import EvidenceFile


class AnswerResult(models.TextChoices):
    NO_PROBLEM = "no_problem", _("无问题")
    PROBLEM = "problem", _("存在问题")
    NOT_APPLICABLE = "not_applicable", _("不适用")


class SelfInspection(models.Model):
    """One unit's self-inspection in one campaign; its answers change until the campaign ends."""

    campaign = models.ForeignKey("checklist.Campaign", on_delete=models.CASCADE, related_name="inspections")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="inspections")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("自查自纠")
        verbose_name_plural = _("自查自纠")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="inspection_unique_unit")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.campaign}"


class Answer(models.Model):
    inspection = models.ForeignKey(SelfInspection, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey("checklist.ChecklistItem", verbose_name=_("排查要点"), on_delete=models.PROTECT,
                             related_name="answers")
    result = models.CharField(_("自查结果"), max_length=20, choices=AnswerResult.choices)
    notes = models.TextField(_("自查情况说明"), blank=True)
    # Every 存在问题 answer leads to one or more problems in the one problem list.
    problems = models.ManyToManyField("problems.Problem", verbose_name=_("登记的问题"), blank=True,
                                      related_name="answers")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["answered_at"])

    class Meta:
        verbose_name = _("自查答复")
        verbose_name_plural = _("自查答复")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="answer_unique_item"),
            models.CheckConstraint(condition=models.Q(result__in=[r.value for r in AnswerResult]),
                                   name="answer_result_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.get_result_display()}"


def answer_evidence_path(instance: AnswerEvidence, filename: str) -> str:
    """Named by an early migration; new files go through EvidenceFile's upload_to (the same path)."""
    return f"inspection/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class AnswerEvidence(EvidenceFile):
    UPLOAD_DIR = "inspection"

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")

    class Meta(EvidenceFile.Meta):
        pass
