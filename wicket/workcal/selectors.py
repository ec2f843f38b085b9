"""Reads of the working-day calendar.

`effective_calendar()` is the calendar every working-day calculation in Wicket uses: the package's
holiday notices corrected by the county's table. It is built once per process and change (two
queries) and reused; each call checks one small row (the revision token) so a change made by
another process is seen at once, and inside a web request even that check is made only once.
"""

from __future__ import annotations

import datetime as dt
import threading
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from analysis.workdays import DayInfo, DayRule, WorkCalendar, supported_years

from .models import CalendarDay, CalendarImport, CalendarRevision, CalendarYear, DayKind

REVISION_PK = 1

_lock = threading.Lock()
_cached: tuple[str, WorkCalendar] | None = None
# Inside a web request: {} at first, then {"calendar": …} (set and cleared by request signals, apps.py).
_request_memo: ContextVar[dict[str, WorkCalendar] | None] = ContextVar("workcal_request_memo", default=None)


def build_calendar() -> WorkCalendar:
    """The calendar as the database has it now, bypassing every cache (two queries)."""
    rules = [DayRule(day, kind, name) for day, kind, name in CalendarDay.objects.values_list("day", "kind", "name")]
    return WorkCalendar(rules, years=CalendarYear.objects.values_list("year", flat=True))


def revision_token() -> str:
    return CalendarRevision.objects.filter(pk=REVISION_PK).values_list("token", flat=True).first() or ""


def effective_calendar() -> WorkCalendar:
    """The county's working-day calendar (package + county table). Use it for every count of working days."""
    global _cached
    memo = _request_memo.get()
    if memo is not None and "calendar" in memo:
        return memo["calendar"]
    token = revision_token()
    with _lock:
        cached = _cached
    if cached is None or cached[0] != token:
        calendar = build_calendar()
        with _lock:
            _cached = (token, calendar)
    else:
        calendar = cached[1]
    if memo is not None:
        memo["calendar"] = calendar
    return calendar


def calendar_cache_clear() -> None:
    """Forget the cached calendar (the services call it after every change)."""
    global _cached
    with _lock:
        _cached = None
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


def request_started(**kwargs: Any) -> None:
    _request_memo.set({})


def request_finished(**kwargs: Any) -> None:
    _request_memo.set(None)


# ---------------------------------------------------------------- the calendar page

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class YearStatus:
    year: int
    state: str  # "package" (内置), "county" (县里已录入全年安排) or "estimate" (按周一至周五估算)
    county_days: int = 0
    confirmed: CalendarYear | None = None

    @property
    def label(self) -> str:
        return {"package": _("内置日历"), "county": _("县里已录入"), "estimate": _("估算")}[self.state]


@dataclass(frozen=True)
class DayRow:
    info: DayInfo

    @property
    def weekday(self) -> str:
        return _("星期%(d)s") % {"d": WEEKDAYS[self.info.day.weekday()]}

    @property
    def weekend(self) -> bool:
        return self.info.day.weekday() >= 5

    @property
    def county_overrides(self) -> bool:
        """The county's entry changes the package's answer (or the weekday's) for this day."""
        c, p = self.info.county, self.info.package
        if c is None:
            return False
        return c.workday != (p.workday if p is not None else self.info.day.weekday() < 5)

    @property
    def kind_label(self) -> str:
        return str(DayKind(self.info.county.kind).label) if self.info.county else ""


def year_statuses(*, today: dt.date, calendar: WorkCalendar | None = None) -> list[YearStatus]:
    """The years around today and every year the county has touched, each with its state. One query."""
    calendar = calendar or effective_calendar()
    package = supported_years()
    years = set(range(max(package.stop - 2, today.year - 1), max(package.stop, today.year) + 3))
    counts: dict[int, int] = {}
    for day in calendar.rules:
        counts[day.year] = counts.get(day.year, 0) + 1
    years |= set(counts) | set(calendar.county_years)
    confirmed = {y.year: y for y in CalendarYear.objects.select_related("confirmed_by")}
    out = []
    for year in sorted(years):
        state = "package" if year in package else "county" if year in calendar.county_years else "estimate"
        out.append(YearStatus(year, state, counts.get(year, 0), confirmed.get(year)))
    return out


def year_rows(year: int, *, calendar: WorkCalendar | None = None) -> list[DayRow]:
    """The year's holidays and make-up days, the package's and the county's side by side."""
    return [DayRow(info) for info in (calendar or effective_calendar()).year_days(year)]


def county_day(day: dt.date) -> CalendarDay | None:
    return CalendarDay.objects.filter(day=day).first()


# ---------------------------------------------------------------- history

@dataclass
class CalendarChangeEntry:
    at: Any
    by: Any
    what: str
    reason: str = ""
    details: list[str] = field(default_factory=list)


def _day_text(kind: str, name: str) -> str:
    return f"{DayKind(kind).label}（{name}）"


def calendar_changes() -> list[CalendarChangeEntry]:
    """Every change of the county's calendar, newest first, from the days' and years' history (two queries)."""
    out: list[CalendarChangeEntry] = []
    before: dict[int, Any] = {}
    day_history = CalendarDay.history.select_related("history_user").order_by("id", "history_date", "history_id")
    for rec in day_history:
        old = before.get(rec.id)
        before[rec.id] = rec
        day = f"{rec.day:%Y-%m-%d}"
        if rec.history_type == "+":
            what = _("新增 %(day)s：%(new)s") % {"day": day, "new": _day_text(rec.kind, rec.name)}
        elif rec.history_type == "-":
            what = _("删除 %(day)s：%(old)s") % {"day": day, "old": _day_text(rec.kind, rec.name)}
        else:
            if old is not None and (old.kind, old.name) == (rec.kind, rec.name):
                continue
            what = _("修改 %(day)s：%(old)s → %(new)s") % {
                "day": day, "old": _day_text(old.kind, old.name) if old is not None else "—",
                "new": _day_text(rec.kind, rec.name)}
        out.append(CalendarChangeEntry(rec.history_date, rec.history_user, what, rec.history_change_reason or ""))
    for rec in CalendarYear.history.select_related("history_user").order_by("history_date", "history_id"):
        if rec.history_type == "+":
            what = _("确认 %(y)s 年全年节假日安排已录入") % {"y": rec.year}
        elif rec.history_type == "-":
            what = _("撤销 %(y)s 年的“已录入全年安排”，该年恢复估算") % {"y": rec.year}
        else:
            continue
        out.append(CalendarChangeEntry(rec.history_date, rec.history_user, what, rec.history_change_reason or ""))
    out.sort(key=lambda e: e.at, reverse=True)
    return out


@dataclass(frozen=True)
class ImportRow:
    """One day of an import next to what the calendar says now: new, changed or the same."""

    day: dt.date
    kind: str
    name: str
    now: DayInfo

    @property
    def weekday(self) -> str:
        return _("星期%(d)s") % {"d": WEEKDAYS[self.day.weekday()]}

    @property
    def kind_label(self) -> str:
        return str(DayKind(self.kind).label)

    @property
    def state(self) -> str:
        c = self.now.county
        if c is None:
            return "new"
        return "same" if (c.kind, c.name) == (self.kind, self.name) else "changed"

    @property
    def moves(self) -> bool:
        """Whether the day's answer (working or not) differs from what the calendar says now."""
        return (self.kind == "workday") != self.now.workday or self.now.estimated


def import_rows(batch: CalendarImport, *, calendar: WorkCalendar | None = None) -> list[ImportRow]:
    calendar = calendar or effective_calendar()
    out = []
    for r in batch.rows:
        day = dt.date.fromisoformat(r["day"])
        out.append(ImportRow(day, r["kind"], r["name"], calendar.day_info(day)))
    return out


def import_counts(rows: list[ImportRow]) -> dict[str, int]:
    counts = {"new": 0, "changed": 0, "same": 0}
    for r in rows:
        counts[r.state] += 1
    return counts


def imports_applied(*, limit: int = 20) -> list[CalendarImport]:
    return list(CalendarImport.objects.filter(status="applied").select_related("created_by")
                .order_by("-applied_at", "-id")[:limit])


__all__ = ["effective_calendar", "build_calendar", "calendar_cache_clear", "year_statuses", "year_rows",
           "calendar_changes", "import_rows", "import_counts", "imports_applied"]
