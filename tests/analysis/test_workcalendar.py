"""The calendar object: the county's days win over the package, and a year is known once the county
has entered it. The 2027 days below are made up for the tests (HYPOTHETICAL — not the State
Council's schedule, which was not published when they were written)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import workdays
from analysis.workdays import (
    COUNTY,
    ESTIMATE,
    HOLIDAY,
    PACKAGE,
    WEEKDAY,
    WORKDAY,
    CalendarUnavailable,
    DayRule,
    WorkCalendar,
    package_calendar,
)

D = dt.date
# HYPOTHETICAL 2027 Spring Festival: off Friday 5 to Saturday 13 February, Saturday 20 February worked.
SPRING_2027 = [DayRule(D(2027, 2, 5) + dt.timedelta(days=i), HOLIDAY, "2027年春节（假设）") for i in range(9)]
SPRING_2027.append(DayRule(D(2027, 2, 20), WORKDAY, "春节调休上班（假设）"))


def test_without_county_days_it_is_the_package_calendar() -> None:
    cal = WorkCalendar()
    assert cal.add_workdays(D(2025, 9, 30), 1) == workdays.add_workdays(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert cal.is_known(2026) and not cal.is_known(2027)
    assert package_calendar().county_years == frozenset()


def test_a_county_holiday_wins_over_the_package_and_a_county_workday_over_the_weekend() -> None:
    cal = WorkCalendar([DayRule(D(2025, 10, 9), HOLIDAY, "县定假日"), DayRule(D(2025, 10, 12), WORKDAY, "补班")])
    assert not cal.is_workday(D(2025, 10, 9))  # a Thursday the package calls a workday
    assert cal.is_workday(D(2025, 10, 12))  # a Sunday
    assert cal.add_workdays(D(2025, 9, 30), 1) == D(2025, 10, 10)
    assert cal.workdays_between(D(2025, 9, 30), D(2025, 10, 12)) == 3  # 10th, 11th (package 调休), 12th
    # ... and a county workday inside the package's holiday reopens that day.
    cal = WorkCalendar([DayRule(D(2025, 10, 3), WORKDAY, "值班")])
    assert cal.add_workdays(D(2025, 9, 30), 1) == D(2025, 10, 3)


def test_a_year_is_known_once_the_county_has_entered_it() -> None:
    before = WorkCalendar(SPRING_2027)
    after = WorkCalendar(SPRING_2027, years=[2027])
    start = D(2027, 2, 1)  # a Monday
    # 2–4 February, the holiday, 15–19, the 调休 Saturday 20 and Monday 22.
    # Before: the county's days count, the rest of 2027 is guessed, and the answer says so.
    assert before.deadline(start, 10) == (D(2027, 2, 22), True)
    with pytest.raises(CalendarUnavailable):
        before.add_workdays(start, 10)
    # After: the same days, now certain.
    assert after.deadline(start, 10) == (D(2027, 2, 22), False)
    assert after.add_workdays(start, 10) == D(2027, 2, 22)
    # Without the county's days the holiday is missed: Monday–Friday only (2–5, 8–12, 15 February).
    assert WorkCalendar().deadline(start, 10) == (D(2027, 2, 15), True)


def test_elapsed_counts_like_workdays_between_and_flags_a_guess() -> None:
    cal = WorkCalendar(SPRING_2027, years=[2027])
    assert cal.elapsed(D(2027, 2, 4), D(2027, 2, 22)) == (cal.workdays_between(D(2027, 2, 4), D(2027, 2, 22)), False)
    assert cal.elapsed(D(2027, 2, 4), D(2027, 2, 22)).workdays == 7  # 15–19, 20 (调休), 22
    assert cal.elapsed(D(2027, 2, 22), D(2027, 2, 4)).workdays == -7
    # 31 December 2026 (the package), then 1 and 4 January 2027 guessed Monday–Friday.
    assert WorkCalendar().elapsed(D(2026, 12, 30), D(2027, 1, 4)) == (3, True)


def test_day_info_names_the_source_and_both_tables() -> None:
    cal = WorkCalendar([DayRule(D(2026, 2, 16), WORKDAY, "值班")], years=[2027])
    info = cal.day_info(D(2026, 2, 16))
    assert (info.workday, info.source, info.county.name, info.package.name, info.package.kind) == (
        True, COUNTY, "值班", "春节", HOLIDAY)
    assert cal.day_info(D(2026, 2, 17)).source == PACKAGE and cal.day_info(D(2026, 2, 17)).name == "春节"
    assert cal.day_info(D(2026, 3, 3)).source == WEEKDAY
    assert cal.day_info(D(2027, 3, 3)).source == WEEKDAY  # the county entered 2027
    assert cal.day_info(D(2028, 3, 3)).source == ESTIMATE and cal.day_info(D(2028, 3, 3)).estimated


def test_year_days_list_the_package_and_the_county_side_by_side() -> None:
    cal = WorkCalendar([DayRule(D(2026, 5, 8), HOLIDAY, "县庆")])
    days = cal.year_days(2026)
    assert [d.day for d in days] == sorted(d.day for d in days)
    assert D(2026, 5, 8) in {d.day for d in days if d.source == COUNTY}
    assert {d.day for d in days if d.package and d.package.workday} >= {D(2026, 1, 4), D(2026, 2, 14)}
    assert WorkCalendar().year_days(2027) == []


def test_the_message_names_the_county_years() -> None:
    cal = WorkCalendar(years=[2027])
    with pytest.raises(CalendarUnavailable) as info:
        cal.add_workdays(D(2027, 12, 28), 5)
    assert info.value.year == 2028
    assert "2028" in str(info.value) and "县里已录入 2027 年" in str(info.value)


def test_bad_rules_are_refused() -> None:
    with pytest.raises(ValueError):
        DayRule(D(2027, 1, 1), "maybe", "x")
    with pytest.raises(ValueError):
        WorkCalendar([DayRule(D(2027, 1, 1), HOLIDAY, "a"), DayRule(D(2027, 1, 1), WORKDAY, "b")])


def test_the_module_functions_take_a_calendar() -> None:
    cal = WorkCalendar([DayRule(D(2025, 10, 9), HOLIDAY, "县定假日")])
    assert workdays.add_workdays(D(2025, 9, 30), 1, cal) == D(2025, 10, 10)
    assert workdays.workdays_between(D(2025, 9, 30), D(2025, 10, 10), cal) == 1
    assert workdays.next_workday(D(2025, 10, 9), cal) == D(2025, 10, 10)
    assert not workdays.is_workday(D(2025, 10, 9), cal)
    assert workdays.covers(D(2027, 1, 1), WorkCalendar(years=[2027]))


@settings(deadline=None)
@given(day=st.dates(min_value=D(2026, 6, 1), max_value=D(2027, 6, 30)), n=st.integers(0, 40))
def test_counting_undoes_adding_with_county_days(day: dt.date, n: int) -> None:
    cal = WorkCalendar([*SPRING_2027, DayRule(D(2026, 10, 9), HOLIDAY, "县定假日")], years=[2027])
    target = cal.add_workdays(day, n)
    assert cal.workdays_between(day, target) == n
    assert cal.deadline(day, n) == (target, False)


def test_the_reply_deadline_of_a_bad_rating_follows_the_calendar_it_is_given() -> None:
    from analysis.ratings import Rating, rating_report, reply_status

    late = Rating("r1", "城关镇", dt.datetime(2026, 12, 28, 10), 1, handled_at=dt.datetime(2027, 1, 8, 10))
    # The package alone cannot tell (2027 unknown); with the county's 2027 it can.
    assert reply_status(late, workdays=5, today=D(2027, 3, 1)).status == "undetermined"
    county = WorkCalendar([DayRule(D(2027, 1, 1), HOLIDAY, "元旦（假设）")], years=[2027])
    st = reply_status(late, workdays=5, today=D(2027, 3, 1), calendar=county)
    assert (st.status, st.deadline) == ("late", D(2027, 1, 5))  # 29, 30, 31 Dec, 4, 5 Jan
    report = rating_report([late], today=D(2027, 3, 1), calendar=county)
    assert [f.evidence["workdays_late"] for f in report.findings] == [3]  # 6, 7, 8 January
