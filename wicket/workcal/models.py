"""The county's working-day calendar: its own days (休/班 with a name), the years whose schedule it has
entered in full, the imports of a schedule table, and one revision row that every change bumps.

The package (chinese-calendar) stays the base; these rows only correct and extend it
(analysis.workdays.WorkCalendar). Every change is kept: the days and years carry
django-simple-history, so a removed day stays in the history with who removed it and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wicket.core.staging import StagedImport


class DayKind(models.TextChoices):
    """The two kinds of day, as analysis.workdays names them (HOLIDAY, WORKDAY)."""

    HOLIDAY = "holiday", _("休")
    WORKDAY = "workday", _("班")


class CalendarDay(models.Model):
    """One day the county declares off (休) or on (班), winning over the package for that date."""

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=50, help_text=_("例如：2027年春节、春节调休上班、县定假日"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("录入时间"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "updated_by"])

    class Meta:
        ordering = ["day"]
        verbose_name = _("县定日历日")
        verbose_name_plural = _("县定日历日")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["holiday", "workday"]), name="workcal_day_kind_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="workcal_day_has_name"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()} {self.name}"


class CalendarYear(models.Model):
    """A year whose whole schedule the county has entered: its deadlines are no longer estimates."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(_("确认时间"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["confirmed_at", "confirmed_by"])

    class Meta:
        ordering = ["year"]
        verbose_name = _("已录入全年安排的年份")
        verbose_name_plural = _("已录入全年安排的年份")
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="workcal_year_range"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class CalendarRevision(models.Model):
    """One row (pk 1): a new token on every change of the county's calendar. Processes compare it with
    the token of the calendar they cached; services lock it, so changes to the calendar (and the
    deadline recomputations that follow) happen one at a time."""

    token = models.CharField(max_length=32, default="")
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.token


class CalendarImport(StagedImport):
    """A schedule table (a file or pasted text) parsed and previewed, then applied or discarded."""

    rows = models.JSONField(_("日历日"), default=list, help_text='[{"day": "2027-02-05", "kind": "holiday", "name": …}]')
    whole_years = models.BooleanField(
        _("全年安排"), default=True,
        help_text=_("表中所涉年份的节假日安排已全部录入：这些年份的期限不再按周一至周五估算"))
    summary = models.JSONField(_("导入结果"), default=dict, blank=True)
    history = HistoricalRecords(excluded_fields=["rows", "summary"])

    class Meta(StagedImport.Meta):
        verbose_name = _("工作日历导入")
        verbose_name_plural = _("工作日历导入")
