"""The working days a ticket stays valid over and appointments can be booked on: the county's calendar
(`wicket.workcal.selectors.effective_calendar`: the Chinese holiday notices with 调休, corrected by the
county); for a year nobody has published or entered yet, Monday to Friday."""

from __future__ import annotations

import datetime as dt

from analysis.workdays import CalendarUnavailable, WorkCalendar
from wicket.workcal.selectors import effective_calendar


def _working(calendar: WorkCalendar, day: dt.date) -> bool:
    try:
        return calendar.is_workday(day)
    except CalendarUnavailable:
        return day.weekday() < 5


def is_working_day(day: dt.date) -> bool:
    return _working(effective_calendar(), day)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day after `day`."""
    calendar = effective_calendar()
    day += dt.timedelta(days=1)
    while not _working(calendar, day):
        day += dt.timedelta(days=1)
    return day


def working_days_from(day: dt.date, n: int) -> list[dt.date]:
    """`day` if it is a working day, then the following working days: n days in all."""
    calendar = effective_calendar()
    out = [day] if _working(calendar, day) else []
    while len(out) < n:
        day += dt.timedelta(days=1)
        if _working(calendar, day):
            out.append(day)
    return out[:n]
