"""The checklist (the notice's six categories as data, versioned) and campaigns with their phases.

These models were born in the campaigns app; their tables keep the names they had there (db_table),
so moving them here changed no data."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Checklist(models.Model):
    """One version of the checklist. A campaign uses exactly one; a later one may use an edited copy."""

    version = models.CharField(_("版本"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    based_on = models.ForeignKey("self", verbose_name=_("复制自"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="copies")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(table_name="campaigns_historicalchecklist")

    class Meta:
        db_table = "campaigns_checklist"
        verbose_name = _("排查清单")
        verbose_name_plural = _("排查清单")

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）"


class ChecklistItem(models.Model):
    """A category ("1") or a focus point ("1.1"). Points have a parent category."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("编码"), max_length=10)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="points")
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("排查内容"), blank=True)
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(table_name="campaigns_historicalchecklistitem")

    class Meta:
        db_table = "campaigns_checklistitem"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["checklist", "code", "parent"],
                                               name="checklist_item_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_point(self) -> bool:
        return self.parent_id is not None


class Campaign(models.Model):
    name = models.CharField(_("工作名称"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=100, blank=True)
    checklist = models.ForeignKey(Checklist, verbose_name=_("排查清单"), on_delete=models.PROTECT)
    units = models.ManyToManyField("orgs.Unit", verbose_name=_("参与单位"), related_name="campaigns")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Closure proven by fresh data (problems/closure.py): how much data after a rectification the
    # verifier sees before a data-detected problem counts as confirmed fixed.
    closure_weeks = models.PositiveSmallIntegerField(
        _("数据核验周数"), default=4, validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_("咨询电话接通率、好差评满意率须在整改后连续多少周达标"))
    closure_workdays = models.PositiveSmallIntegerField(
        _("数据核验工作日数"), default=10, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("排队等候、下班未叫号等须在整改后连续多少个有数据的工作日达标"))
    history = HistoricalRecords(table_name="campaigns_historicalcampaign")

    class Meta:
        db_table = "campaigns_campaign"
        ordering = ["-created_at"]
        verbose_name = _("排查整改工作")
        verbose_name_plural = _("排查整改工作")
        constraints = [
            models.CheckConstraint(condition=models.Q(closure_weeks__gte=1, closure_weeks__lte=26),
                                   name="campaign_closure_weeks_range"),
            models.CheckConstraint(condition=models.Q(closure_workdays__gte=1, closure_workdays__lte=60),
                                   name="campaign_closure_workdays_range"),
        ]

    def __str__(self) -> str:
        return self.name


class PhaseKind(models.TextChoices):
    SELF_INSPECTION = "self_inspection", _("自查自纠")
    SUPERVISION = "supervision", _("集中督查")
    CONSOLIDATION = "consolidation", _("巩固提升")


class Phase(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("阶段"), max_length=20, choices=PhaseKind.choices)
    starts_on = models.DateField(_("开始日期"))
    deadline = models.DateField(_("截止日期"))
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(table_name="campaigns_historicalphase")

    class Meta:
        db_table = "campaigns_phase"
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="phase_unique_kind"),
            models.CheckConstraint(condition=models.Q(deadline__gte=models.F("starts_on")),
                                   name="phase_deadline_after_start"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
