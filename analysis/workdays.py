"""Working days on the Chinese calendar: statutory holidays, 调休 make-up workdays and the county's own days.

Deadlines "in working days" (差评 replies, rectification deadlines, case-record clocks) count the
days the State Council's holiday notice makes workdays: weekends are off unless they are 调休
make-up days, and statutory holidays are off even on a weekday. The notice's data comes from the
`chinese-calendar` package, which only knows the years published before its release. A county
can correct and extend it: `WorkCalendar` takes the county's own days (a holiday or a workday, with
a name), which win over the package, and the years whose whole schedule the county has entered.

A year is *known* when the package has it or the county has declared its schedule entered. In a
known year every day is certain; in an unknown year a day the county did not declare is an
*estimate*: Monday to Friday work, Saturday and Sunday off.

Two ways to count, on the same object:

    strict    is_workday, add_workdays, workdays_between, next_workday
              raise CalendarUnavailable rather than guess in an unknown year
    lenient   deadline(day, n) -> Deadline(day, estimated)
              elapsed(a, b)    -> Elapsed(workdays, estimated)
              count Monday–Friday where they must guess, and say so

Conventions (chosen so that adding and counting are inverse to each other):

    add_workdays(d, n)        the n-th working day after d (d itself is never counted);
                              n = 0 gives d unchanged, n < 0 counts backwards
    workdays_between(a, b)    how many working days x have a < x <= b (negative if b < a)

    workdays_between(d, add_workdays(d, n)) == n   for every d and n >= 0,
                                                   and for n < 0 when d is a working day
    workdays_between(a, b) == -workdays_between(b, a)

The module-level functions are the same operations on the package's calendar alone (or on the
`calendar` passed to them), so code that passes nothing behaves as it always did:

    >>> cal = WorkCalendar([DayRule(dt.date(2025, 10, 9), HOLIDAY, "县定假日")])
    >>> add_workdays(dt.date(2025, 9, 30), 1), cal.add_workdays(dt.date(2025, 9, 30), 1)
    (datetime.date(2025, 10, 9), datetime.date(2025, 10, 10))

A WorkCalendar is immutable once built and safe to share between threads; it remembers the days
it has looked at, so build it once per change of the county's table, not once per question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from chinese_calendar import constants as _package

HOLIDAY = "holiday"  # 休: a day off, even on a weekday
WORKDAY = "workday"  # 班: a working day, even on a weekend (调休 make-up day)
KINDS = (HOLIDAY, WORKDAY)

# Where a day's answer comes from (DayInfo.source).
COUNTY = "county"  # the county's own table
PACKAGE = "package"  # the holiday notice as the chinese-calendar package has it
WEEKDAY = "weekday"  # an ordinary day of a known year: Monday–Friday work
ESTIMATE = "estimate"  # an unknown year: Monday–Friday work, as a guess


class CalendarUnavailable(ValueError):
    """The calendar cannot say whether a day is a working day: its year is not known."""

    def __init__(self, year: int, calendar: WorkCalendar | None = None) -> None:
        self.year = year
        years = supported_years()
        known = f"内置 {years.start}–{years.stop - 1} 年"
        county = sorted(calendar.county_years) if calendar is not None else []
        if county:
            known += "，县里已录入 " + "、".join(str(y) for y in county) + " 年"
        super().__init__(
            f"节假日日历没有 {year} 年的数据（{known}），无法按工作日计算期限；"
            "请由县督查室在“工作日历”中录入该年节假日安排，或升级 chinese-calendar 后重试"
        )


@lru_cache(maxsize=1)
def supported_years() -> range:
    """The years the installed package knows, e.g. range(2004, 2027)."""
    years = {d.year for d in _package.holidays} | {d.year for d in _package.workdays}
    return range(min(years), max(years) + 1)


def _as_date(day: dt.date) -> dt.date:
    # datetime is a subclass of date; compare and remember the calendar day only.
    return day.date() if isinstance(day, dt.datetime) else day


@dataclass(frozen=True, slots=True)
class DayRule:
    """One day declared a holiday (休) or a workday (班), with its name, e.g. 2027年春节."""

    day: dt.date
    kind: str  # HOLIDAY or WORKDAY
    name: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        if isinstance(self.day, dt.datetime):
            object.__setattr__(self, "day", self.day.date())

    @property
    def workday(self) -> bool:
        return self.kind == WORKDAY


@dataclass(frozen=True, slots=True)
class DayInfo:
    """Everything the calendar knows of one day: the answer, where it comes from, both tables' entries."""

    day: dt.date
    workday: bool
    name: str  # the holiday's name ("" on an ordinary day)
    source: str  # COUNTY, PACKAGE, WEEKDAY or ESTIMATE
    package: DayRule | None  # the package's entry for this day, if it has one
    county: DayRule | None  # the county's entry for this day, if it has one

    @property
    def estimated(self) -> bool:
        return self.source == ESTIMATE


class Deadline(NamedTuple):
    """A day counted in working days, and whether an unknown year was guessed on the way."""

    day: dt.date
    estimated: bool


class Elapsed(NamedTuple):
    """Working days between two dates, and whether an unknown year was guessed on the way."""

    workdays: int
    estimated: bool


def package_rule(day: dt.date) -> DayRule | None:
    """The package's entry for `day` (its Chinese name, e.g. 春节), or None for an ordinary day."""
    day = _as_date(day)
    if day in _package.workdays:
        return DayRule(day, WORKDAY, _chinese(_package.workdays[day]))
    if day in _package.holidays:
        return DayRule(day, HOLIDAY, _chinese(_package.holidays[day]))
    return None


def _chinese(english: str) -> str:
    try:
        return str(_package.Holiday(english).chinese)
    except ValueError:
        return english


class WorkCalendar:
    """The working-day calendar: the package's holiday notices, corrected by the county.

    rules   the county's days; each wins over the package for its date (at most one per date)
    years   the years whose whole schedule the county has entered: they count as known even
            past the package's last year, so deadlines in them are no longer estimates
    """

    def __init__(self, rules: Iterable[DayRule] = (), *, years: Iterable[int] = ()) -> None:
        by_day: dict[dt.date, DayRule] = {}
        for rule in rules:
            if rule.day in by_day:
                raise ValueError(f"two rules for {rule.day.isoformat()}")
            by_day[rule.day] = rule
        self._rules: Mapping[dt.date, DayRule] = MappingProxyType(by_day)
        self._years = frozenset(int(y) for y in years)
        self._memo: dict[dt.date, tuple[bool, bool]] = {}

    def __repr__(self) -> str:
        return f"WorkCalendar({len(self._rules)} county days, county years {sorted(self._years)})"

    # ------------------------------------------------------------ what it knows

    @property
    def rules(self) -> Mapping[dt.date, DayRule]:
        """The county's days by date (read-only)."""
        return self._rules

    @property
    def county_years(self) -> frozenset[int]:
        """The years the county has declared entered in full."""
        return self._years

    @staticmethod
    def package_years() -> range:
        return supported_years()

    def is_known(self, year: int) -> bool:
        """Whether `year`'s schedule is known: in the package, or entered by the county."""
        return year in supported_years() or year in self._years

    def covers(self, day: dt.date) -> bool:
        """Whether the year of `day` is known (see is_known)."""
        return self.is_known(_as_date(day).year)

    def day_info(self, day: dt.date) -> DayInfo:
        """The answer for `day` with its source and both tables' entries; never raises."""
        day = _as_date(day)
        county = self._rules.get(day)
        package = package_rule(day) if day.year in supported_years() else None
        if county is not None:
            return DayInfo(day, county.workday, county.name, COUNTY, package, county)
        if package is not None:
            return DayInfo(day, package.workday, package.name, PACKAGE, package, None)
        source = WEEKDAY if self.is_known(day.year) else ESTIMATE
        return DayInfo(day, day.weekday() < 5, "", source, None, None)

    def year_days(self, year: int) -> list[DayInfo]:
        """Every day of `year` that the package or the county lists, in date order."""
        days = {d for d in self._rules if d.year == year}
        if year in supported_years():
            days |= {d for d in _package.holidays if d.year == year}
            days |= {d for d in _package.workdays if d.year == year}
        return [self.day_info(d) for d in sorted(days)]

    # ------------------------------------------------------------ strict: refuse to guess

    def _workday(self, day: dt.date) -> tuple[bool, bool]:
        """(is it a working day, is that an estimate)."""
        found = self._memo.get(day)
        if found is None:
            rule = self._rules.get(day)
            if rule is not None:
                found = (rule.workday, False)
            elif day.year in supported_years():
                found = ((day in _package.workdays or (day.weekday() < 5 and day not in _package.holidays)), False)
            else:
                found = (day.weekday() < 5, day.year not in self._years)
            self._memo[day] = found
        return found

    def _certain(self, day: dt.date) -> bool:
        working, estimated = self._workday(day)
        if estimated:
            raise CalendarUnavailable(day.year, self)
        return working

    def is_workday(self, day: dt.date) -> bool:
        """True on a working day (including a 调休 weekend), False on a weekend or holiday.

        Raises CalendarUnavailable for a day of an unknown year the county did not declare."""
        return self._certain(_as_date(day))

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (before it if n < 0); `day` itself is not counted.

        add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9): 1–8 October 2025 are the
        National Day holiday. Raises CalendarUnavailable if the count leaves the known years."""
        day, n = _as_date(day), int(n)
        step = 1 if n > 0 else -1
        left = abs(n)
        while left:
            day += dt.timedelta(days=step)
            if self._certain(day):
                left -= 1
        return day

    def workdays_between(self, a: dt.date, b: dt.date) -> int:
        """The number of working days x with a < x <= b; negative (−count over b < x <= a) if b < a."""
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.workdays_between(b, a)
        count = 0
        day = a
        while day < b:
            day += dt.timedelta(days=1)
            count += self._certain(day)
        return count

    def next_workday(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, otherwise the first working day after it."""
        day = _as_date(day)
        return day if self._certain(day) else self.add_workdays(day, 1)

    # ------------------------------------------------------------ lenient: guess and say so

    def deadline(self, day: dt.date, n: int) -> Deadline:
        """The n-th working day after `day` (before it if n < 0), never refusing: a day of an
        unknown year counts Monday–Friday, and the result says whether that happened."""
        day, n = _as_date(day), int(n)
        step = 1 if n > 0 else -1
        left = abs(n)
        estimated = False
        while left:
            day += dt.timedelta(days=step)
            working, guess = self._workday(day)
            estimated |= guess
            left -= working
        return Deadline(day, estimated)

    def elapsed(self, a: dt.date, b: dt.date) -> Elapsed:
        """workdays_between(a, b), never refusing (Monday–Friday in unknown years, flagged)."""
        a, b = _as_date(a), _as_date(b)
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        count = 0
        estimated = False
        day = a
        while day < b:
            day += dt.timedelta(days=1)
            working, guess = self._workday(day)
            count += working
            estimated |= guess
        return Elapsed(sign * count, estimated)


_PACKAGE_CALENDAR = WorkCalendar()


def package_calendar() -> WorkCalendar:
    """The package's calendar alone, without any county days (shared, never changes)."""
    return _PACKAGE_CALENDAR


def covers(day: dt.date, calendar: WorkCalendar | None = None) -> bool:
    """Whether the calendar has holiday data for the year of `day`."""
    return (calendar or _PACKAGE_CALENDAR).covers(day)


def is_workday(day: dt.date, calendar: WorkCalendar | None = None) -> bool:
    """True on a working day (including a 调休 weekend), False on a weekend or holiday."""
    return (calendar or _PACKAGE_CALENDAR).is_workday(day)


def add_workdays(day: dt.date, n: int, calendar: WorkCalendar | None = None) -> dt.date:
    """The n-th working day after `day` (before it if n < 0); `day` itself is not counted."""
    return (calendar or _PACKAGE_CALENDAR).add_workdays(day, n)


def workdays_between(a: dt.date, b: dt.date, calendar: WorkCalendar | None = None) -> int:
    """The number of working days x with a < x <= b; negative if b < a."""
    return (calendar or _PACKAGE_CALENDAR).workdays_between(a, b)


def next_workday(day: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    return (calendar or _PACKAGE_CALENDAR).next_workday(day)
