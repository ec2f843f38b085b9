"""Working days on the Chinese calendar, checked against the State Council's holiday notices.

2024 国庆: 10月1日至7日放假调休，9月29日（周日）、10月12日（周六）上班。
2025 国庆、中秋: 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班。
2026 元旦: 1月1日至3日放假调休，1月4日（周日）上班。
2026 春节: 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班。
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.workdays import (
    CalendarUnavailable,
    add_workdays,
    covers,
    is_workday,
    next_workday,
    supported_years,
    workdays_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 9, 26), True),  # Friday
        (D(2025, 9, 27), False),  # Saturday
        (D(2025, 9, 28), True),  # Sunday, 调休 make-up day
        (D(2025, 10, 1), False),  # National Day
        (D(2025, 10, 6), False),  # Monday inside the holiday
        (D(2025, 10, 8), False),  # last day of the holiday (a Wednesday)
        (D(2025, 10, 9), True),
        (D(2025, 10, 11), True),  # Saturday, 调休 make-up day
        (D(2025, 10, 12), False),  # Sunday
        (D(2026, 2, 14), True),  # Saturday before the Spring Festival, 调休
        (D(2026, 2, 16), False),  # Monday in the Spring Festival
        (dt.datetime(2025, 10, 11, 15, 30), True),  # a datetime counts as its day
    ],
)
def test_it_knows_holidays_and_make_up_workdays(day: dt.date, expected: bool) -> None:
    assert is_workday(day) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2025, 11, 7), 1, D(2025, 11, 10)),  # ordinary Friday -> Monday
        (D(2025, 11, 7), 0, D(2025, 11, 7)),
        (D(2025, 9, 27), 0, D(2025, 9, 27)),  # zero days leaves even a Saturday alone
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # the make-up Sunday is the next workday
        (D(2025, 9, 26), 2, D(2025, 9, 29)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),  # jumps the whole National Day holiday
        (D(2025, 9, 26), 5, D(2025, 10, 10)),  # 28, 29, 30, 9, 10
        (D(2025, 9, 30), 5, D(2025, 10, 14)),  # 9, 10, 11 (Sat), 13, 14
        (D(2025, 10, 3), 1, D(2025, 10, 9)),  # counting from inside the holiday
        (D(2025, 10, 10), 1, D(2025, 10, 11)),  # Friday -> make-up Saturday
        (D(2025, 10, 11), 1, D(2025, 10, 13)),
        (D(2024, 9, 27), 1, D(2024, 9, 29)),  # 2024: Sunday 29 September is a workday
        (D(2024, 9, 30), 1, D(2024, 10, 8)),
        (D(2024, 10, 11), 1, D(2024, 10, 12)),
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Spring Festival 2026 make-up Saturday
        (D(2026, 2, 14), 1, D(2026, 2, 24)),  # then nine days off
        (D(2025, 10, 9), -1, D(2025, 9, 30)),  # backwards over the holiday
        (D(2025, 9, 29), -1, D(2025, 9, 28)),
        (D(2025, 12, 31), 1, D(2026, 1, 4)),  # New Year 2026: 1–3 January off, Sunday 4 January 调休
    ],
)
def test_it_adds_working_days(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_workdays(start, n) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2025, 9, 30), D(2025, 10, 8), 0),  # nothing but holiday in between
        (D(2025, 9, 30), D(2025, 10, 9), 1),
        (D(2025, 9, 26), D(2025, 10, 12), 6),  # 28, 29, 30, 9, 10, 11
        (D(2025, 10, 12), D(2025, 9, 26), -6),
        (D(2025, 11, 3), D(2025, 11, 3), 0),
        (D(2025, 11, 3), D(2025, 11, 10), 5),  # an ordinary week
    ],
)
def test_it_counts_working_days_between_two_dates(a: dt.date, b: dt.date, expected: int) -> None:
    assert workdays_between(a, b) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2025, 10, 3), D(2025, 10, 9)), (D(2025, 10, 9), D(2025, 10, 9)), (D(2025, 9, 27), D(2025, 9, 28))],
)
def test_next_workday_is_the_day_itself_or_the_first_one_after(day: dt.date, expected: dt.date) -> None:
    assert next_workday(day) == expected


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_workdays(D(2026, 12, 30), 5),  # the count runs into a year without data
        lambda: is_workday(D(2003, 6, 2)),
        lambda: workdays_between(D(2026, 12, 30), D(2027, 1, 8)),
        lambda: add_workdays(D(2004, 1, 5), -10),
    ],
)
def test_it_refuses_to_guess_outside_the_calendar(call) -> None:
    with pytest.raises(CalendarUnavailable) as info:
        call()
    assert str(info.value.year) in str(info.value)
    assert "节假日日历没有" in str(info.value)


def test_the_calendar_covers_the_years_it_has_data_for() -> None:
    years = supported_years()
    assert 2004 in years and 2025 in years
    assert covers(D(2025, 6, 1))
    assert not covers(D(years.stop, 1, 1))
    assert not covers(D(2003, 12, 31))


@settings(deadline=None)  # no timing assertions: the CPU is shared
@given(day=st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 12, 31)), n=st.integers(0, 40))
def test_counting_undoes_adding(day: dt.date, n: int) -> None:
    target = add_workdays(day, n)
    assert workdays_between(day, target) == n
    if n:
        assert is_workday(target) and target > day


@settings(deadline=None)  # no timing assertions: the CPU is shared
@given(day=st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 12, 31)), n=st.integers(1, 40))
def test_counting_back_from_a_workday_undoes_subtracting(day: dt.date, n: int) -> None:
    day = next_workday(day)
    target = add_workdays(day, -n)
    assert is_workday(target) and target < day
    assert workdays_between(day, target) == -n


@settings(deadline=None)  # no timing assertions: the CPU is shared
@given(a=st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 12, 31)),
       b=st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 12, 31)))
def test_swapping_the_dates_flips_the_sign(a: dt.date, b: dt.date) -> None:
    assert workdays_between(a, b) == -workdays_between(b, a)
