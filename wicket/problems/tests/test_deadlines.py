import datetime as dt

import pytest

from wicket.problems.deadlines import add_workdays_or_estimate
from wicket.problems.tests.factories import make_problem


@pytest.mark.parametrize(("start", "n", "expected"), [
    # 2025 National Day + Mid-Autumn: 1–8 October off, Sunday 28 Sept and Saturday 11 Oct are 调休 workdays.
    (dt.date(2025, 9, 26), 1, dt.date(2025, 9, 28)),   # Friday → the 调休 Sunday
    (dt.date(2025, 9, 28), 2, dt.date(2025, 9, 30)),   # Monday 29 and Tuesday 30 September
    (dt.date(2025, 9, 30), 1, dt.date(2025, 10, 9)),   # across the whole holiday
    (dt.date(2025, 10, 9), 2, dt.date(2025, 10, 11)),  # Thursday → Friday → the 调休 Saturday
    (dt.date(2026, 11, 27), 1, dt.date(2026, 11, 30)),  # an ordinary weekend
])
def test_working_days_follow_the_holiday_calendar(db, start, n, expected):
    assert add_workdays_or_estimate(start, n) == (expected, False)


def test_a_deadline_into_a_year_without_calendar_data_is_estimated_monday_to_friday(db):
    from analysis.workdays import supported_years

    last = supported_years().stop - 1
    start = dt.date(last, 12, 31)
    day, estimated = add_workdays_or_estimate(start, 5)
    assert estimated is True
    assert day.year == last + 1 and day.weekday() < 5


def test_a_problem_with_a_working_day_deadline_stores_the_date(county):
    from wicket.problems import services

    p = services.problem_create(unit=county.unit, checklist_code="5", source="self_inspection", title="排队久",
                                by=county.liaison, found_on=dt.date(2025, 9, 30), deadline_workdays=1)
    assert p.deadline == dt.date(2025, 10, 9) and p.deadline_estimated is False
    assert make_problem(county.unit, county.liaison).deadline is None


def test_rectifying_in_working_days_counts_the_make_up_sunday_and_skips_national_day(county):
    from wicket.problems import services

    p = make_problem(county.unit, county.liaison, found_on=dt.date(2025, 9, 26))  # a Friday
    p = services.problem_rectify(problem=p, by=county.liaison, version=p.version, measures="购置复印机", responsible="李",
                                 deadline=None, deadline_workdays=3, immediate=False)
    assert p.deadline == dt.date(2025, 9, 30)  # Sunday 28 (调休), Monday 29, Tuesday 30
    p = services.problem_rectify(problem=p, by=county.liaison, version=p.version, measures="购置复印机", responsible="李",
                                 deadline=None, deadline_workdays=4, immediate=False)
    assert p.deadline == dt.date(2025, 10, 9) and not p.deadline_estimated  # 1–8 October are off
