"""The windows and halls registry (四.(四)): each unit's halls and windows, and the reporting rounds.

A `Hall` is one row of the notice's two statistics tables: a service hall, a standalone window, a
town's 为民服务中心, a village agency station or an online hall. The rows are the unit's live
register; what a unit *reports* in a round is a frozen snapshot signed by its head through
wicket.signoff (kind "windows_round", key "round:<id>").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wicket.core.staging import StagedFile

SIGNOFF_KIND = "windows_round"


class HallKind(models.TextChoices):
    GENERAL = "general", _("综合服务大厅")
    DEPARTMENT = "department", _("部门办事大厅")
    WINDOW = "window", _("独立窗口")
    CITIZEN_CENTER = "citizen_center", _("为民服务中心")
    AGENCY_STATION = "agency_station", _("代理工作站")
    ONLINE = "online", _("网上办事大厅")


class Hall(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="halls")
    name = models.CharField(_("大厅（窗口）名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=HallKind.choices)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    in_county_center = models.BooleanField(_("在县政务服务中心内"), default=False)
    separate_reason = models.CharField(_("单独设立原因"), max_length=200, blank=True)
    window_count = models.PositiveIntegerField(_("窗口数"), default=0)
    authorized_windows = models.PositiveIntegerField(
        _("可审批窗口数"), default=0, help_text=_("授权到位、能当场审批办结的窗口；其余窗口只收件"))
    staff_count = models.PositiveIntegerField(_("工作人员数"), default=0)
    hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    items = models.TextField(_("办理事项"), blank=True)
    phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    has_copier = models.BooleanField(_("复印"), default=False)
    has_scanner = models.BooleanField(_("高拍仪"), default=False)
    has_queue_machine = models.BooleanField(_("排队叫号机"), default=False)
    has_signage = models.BooleanField(_("指引标识"), default=False)
    has_info_desk = models.BooleanField(_("咨询台"), default=False)
    manager = models.CharField(_("负责人"), max_length=50, blank=True)
    manager_phone = models.CharField(_("负责人电话"), max_length=50, blank=True)
    remarks = models.CharField(_("备注"), max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "order", "id"]
        verbose_name = _("服务大厅（窗口）")
        verbose_name_plural = _("服务大厅（窗口）")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="hall_unique_name_per_unit"),
            models.CheckConstraint(condition=Q(authorized_windows__lte=F("window_count")),
                                   name="hall_authorized_within_windows"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return str(self.get_kind_display())

    @property
    def receive_only_windows(self) -> int:
        return max(self.window_count - self.authorized_windows, 0)


class ReportingRound(models.Model):
    """The county asks a set of units for their two tables by a deadline."""

    title = models.CharField(_("报送名称"), max_length=200)
    deadline = models.DateTimeField(_("报送截止时间"))
    note = models.TextField(_("报送要求"), blank=True)
    units = models.ManyToManyField("orgs.Unit", through="RoundReport", related_name="reporting_rounds")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("窗口统计报送")
        verbose_name_plural = _("窗口统计报送")

    def __str__(self) -> str:
        return self.title

    @property
    def signoff_key(self) -> str:
        return f"round:{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class RoundReport(models.Model):
    """One unit in one round: its zero-report statement, whether it has started, its own deadline."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="round_reports")
    deadline = models.DateTimeField(_("截止时间"), help_text=_("默认为本轮截止时间；延期后为延期后的时间"))
    zero_report = models.BooleanField(_("零报告"), default=False)
    zero_statement = models.TextField(_("零报告说明"), blank=True)
    started_at = models.DateTimeField(_("开始填报时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "unit__order", "unit_id"]
        verbose_name = _("单位报送")
        verbose_name_plural = _("单位报送")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="round_report_unique_unit"),
            models.CheckConstraint(condition=Q(zero_report=False) | ~Q(zero_statement=""),
                                   name="round_report_zero_has_statement"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.unit}"


class ImportPreview(StagedFile):
    """A parsed upload waiting for the liaison to confirm it: shown first, stored only on confirm.
    It lives only while it waits: confirming or discarding it deletes it (the halls keep the history)."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    rows = models.JSONField()
