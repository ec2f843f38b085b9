"""Working days on the Chinese calendar: statutory holidays and 调休 make-up workdays.

Deadlines "in working days" (差评 replies, rectification deadlines) count the days the
State Council's holiday notice makes workdays: weekends are off unless they are 调休
make-up days, and statutory holidays are off even on a weekday. The data comes from the
`chinese-calendar` package, which only knows the years whose notice has been published;
outside them every function here raises CalendarUnavailable instead of guessing.

Conventions (chosen so that the two main functions are inverse to each other):

    add_workdays(d, n)        the n-th working day after d (d itself is never counted);
                              n = 0 gives d unchanged, n < 0 counts backwards
    workdays_between(a, b)    how many working days x have a < x <= b (negative if b < a)

    workdays_between(d, add_workdays(d, n)) == n   for every d and n >= 0,
                                                   and for n < 0 when d is a working day
    workdays_between(a, b) == -workdays_between(b, a)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar


class CalendarUnavailable(ValueError):
    """The holiday calendar has no data for this year (not yet published, or too old)."""

    def __init__(self, year: int) -> None:
        self.year = year
        years = supported_years()
        super().__init__(
            f"节假日日历没有 {year} 年的数据（现有 {years.start}–{years.stop - 1} 年），"
            "无法按工作日计算期限；请升级 chinese-calendar 后重试"
        )


@lru_cache(maxsize=1)
def supported_years() -> range:
    """The years the installed calendar knows, e.g. range(2004, 2027)."""
    from chinese_calendar import constants

    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    return range(min(years), max(years) + 1)


def covers(day: dt.date) -> bool:
    """Whether the calendar has holiday data for the year of `day`."""
    return day.year in supported_years()


@lru_cache(maxsize=8192)
def _is_workday(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        raise CalendarUnavailable(day.year) from None


def _as_date(day: dt.date) -> dt.date:
    # datetime is a subclass of date; cache and compare on the calendar day only.
    return day.date() if isinstance(day, dt.datetime) else day


def is_workday(day: dt.date) -> bool:
    """True on a working day (including a 调休 weekend), False on a weekend or holiday."""
    return _is_workday(_as_date(day))


@lru_cache(maxsize=65536)
def _add(day: dt.date, n: int) -> dt.date:
    step = 1 if n > 0 else -1
    left = abs(n)
    while left:
        day += dt.timedelta(days=step)
        if _is_workday(day):
            left -= 1
    return day


def add_workdays(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (before it if n < 0); `day` itself is not counted.

    add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9): 1–8 October 2025 are the
    National Day holiday. Raises CalendarUnavailable if the count leaves the known years.
    """
    return _add(_as_date(day), int(n))


def workdays_between(a: dt.date, b: dt.date) -> int:
    """The number of working days x with a < x <= b; negative (−count over b < x <= a) if b < a."""
    a, b = _as_date(a), _as_date(b)
    if b < a:
        return -workdays_between(b, a)
    count = 0
    day = a
    while day < b:
        day += dt.timedelta(days=1)
        if _is_workday(day):
            count += 1
    return count


def next_workday(day: dt.date) -> dt.date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    day = _as_date(day)
    return day if _is_workday(day) else _add(day, 1)
