"""Deadlines given in working days, counted on the Chinese calendar with 调休.

The holiday calendar only knows years whose State Council notice is out (each November for
the next year). A deadline that runs into an unknown year is still set — counting Monday to
Friday in that year — and flagged as an estimate, so the page can say so and nobody is blocked.
"""

from __future__ import annotations

import datetime as dt

from analysis.workdays import covers, is_workday


def add_workdays_or_estimate(day: dt.date, n: int) -> tuple[dt.date, bool]:
    """The n-th working day after `day`, and whether a year without calendar data was crossed."""
    estimated = False
    left = n
    while left > 0:
        day += dt.timedelta(days=1)
        if covers(day):
            working = is_workday(day)
        else:
            estimated = True
            working = day.weekday() < 5
        if working:
            left -= 1
    return day, estimated
