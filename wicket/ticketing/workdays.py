"""The working days a ticket stays valid over and appointments can be booked on: the Chinese calendar
with 调休 (analysis/workdays.py); beyond the years it knows, Monday to Friday."""

from __future__ import annotations

import datetime as dt

from analysis.workdays import CalendarUnavailable, is_workday


def is_working_day(day: dt.date) -> bool:
    try:
        return is_workday(day)
    except CalendarUnavailable:
        return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    """The first working day after `day`."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_days_from(day: dt.date, n: int) -> list[dt.date]:
    """`day` if it is a working day, then the following working days: n days in all."""
    out = [day] if is_working_day(day) else []
    while len(out) < n:
        day = next_working_day(day)
        out.append(day)
    return out[:n]
