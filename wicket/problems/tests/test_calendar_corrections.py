"""Deadlines follow the county's calendar: entering a year's schedule, declaring a local holiday or
removing it recomputes the deadlines that depend on it, with an event and a history row each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analysis.workdays import WORKDAY
from wicket.problems import services as problem_services
from wicket.problems.models import Problem, ProblemEvent, Status
from wicket.problems.tests.factories import problem_due_in
from wicket.workcal import services
from wicket.workcal.selectors import effective_calendar
from wicket.workcal.tests.helpers import SPRING_2027

D = dt.date
CORRECTED = ProblemEvent.Action.CALENDAR_CORRECTED


def corrections(problem) -> list[ProblemEvent]:
    return list(problem.events.filter(action=CORRECTED))


def test_a_deadline_across_the_2027_spring_festival_before_and_after_the_schedule_is_entered(county):
    # Found Monday 1 February 2027, 10 working days. 2027 is past the package: Monday–Friday estimate.
    p = problem_due_in(county, found_on=D(2027, 2, 1), workdays=10)
    assert (p.deadline, p.deadline_estimated) == (D(2027, 2, 15), True)

    rules = services.schedule_read(name="2027年安排", text=SPRING_2027)
    result = services.calendar_rules_apply(rules=rules, by=county.supervisor, reason="录入 2027 年节假日安排（假设）",
                                           whole_years=True)
    assert result.years_confirmed == [2027] and result.added == 11

    p.refresh_from_db()
    # 2, 3, 4 February; the holiday 5–13; 15–19; the 调休 Saturday 20; Monday 22.
    assert (p.deadline, p.deadline_estimated) == (D(2027, 2, 22), False)
    assert p.version == 2
    [event] = corrections(p)
    assert event.by == county.supervisor
    assert "2027-02-15" in event.note and "2027-02-22" in event.note and "原为估算" in event.note
    assert "录入 2027 年节假日安排" in event.note
    assert event.data["old_estimated"] is True and event.data["new_estimated"] is False
    last = p.history.first()
    assert last.deadline == D(2027, 2, 22) and last.history_user == county.supervisor
    assert "工作日历更正" in last.history_change_reason
    assert any("1 个问题的整改时限已按新日历重新计算" in e for e in result.effects)


def test_a_deadline_the_schedule_does_not_move_loses_only_its_estimate(county):
    p = problem_due_in(county, found_on=D(2027, 3, 1), workdays=5)  # March: no holiday in the schedule
    assert (p.deadline, p.deadline_estimated) == (D(2027, 3, 8), True)
    services.calendar_rules_apply(rules=services.schedule_read(name="t", text=SPRING_2027), by=county.supervisor,
                                  reason="录入", whole_years=True)
    p.refresh_from_db()
    assert (p.deadline, p.deadline_estimated) == (D(2027, 3, 8), False)
    [event] = corrections(p)
    assert "不再是估算" in event.note


def test_a_county_holiday_moves_a_deadline_and_removing_it_moves_it_back(county):
    p = problem_due_in(county, found_on=D(2025, 11, 3), workdays=5)  # Monday → Monday 10 November
    assert p.deadline == D(2025, 11, 10)

    services.calendar_day_set(day=D(2025, 11, 5), kind="holiday", name="县定假日", by=county.supervisor)
    p.refresh_from_db()
    assert p.deadline == D(2025, 11, 11)
    services.calendar_day_remove(day=D(2025, 11, 5), by=county.supervisor)
    p.refresh_from_db()
    assert p.deadline == D(2025, 11, 10)

    notes = [e.note for e in corrections(p)]
    assert len(notes) == 2
    assert "由 2025-11-10 改为 2025-11-11" in notes[0] and "县定假日" in notes[0]
    assert "由 2025-11-11 改为 2025-11-10" in notes[1] and "删除 2025-11-05" in notes[1]
    assert [h.deadline for h in p.history.order_by("history_date", "history_id")] == [
        D(2025, 11, 10), D(2025, 11, 11), D(2025, 11, 10)]


def test_a_county_workday_on_a_weekend_brings_a_deadline_forward(county):
    p = problem_due_in(county, found_on=D(2025, 11, 6), workdays=2)  # Thursday → Friday, Monday 10th
    assert p.deadline == D(2025, 11, 10)
    services.calendar_day_set(day=D(2025, 11, 8), kind=WORKDAY, name="补班", by=county.supervisor)
    p.refresh_from_db()
    assert p.deadline == D(2025, 11, 8)


def test_deadlines_that_do_not_depend_on_the_changed_day_are_left_alone(county):
    holiday = D(2025, 11, 12)
    before = problem_due_in(county, found_on=D(2025, 11, 3), workdays=5, title="之前到期")  # 10 November
    after = problem_due_in(county, found_on=holiday, workdays=3, title="当天发现")  # the day itself is not counted
    fixed = problem_services.problem_create(unit=county.unit, checklist_code="4.2", source="self_inspection",
                                            title="定日期", by=county.liaison, found_on=D(2025, 11, 3),
                                            deadline=D(2025, 11, 20))
    closed = problem_due_in(county, found_on=D(2025, 11, 10), workdays=5, title="已销号")
    Problem.objects.filter(pk=closed.pk).update(status=Status.CLOSED, closed_at="2025-11-11T10:00:00Z")
    moved = problem_due_in(county, found_on=D(2025, 11, 10), workdays=5, title="跨过假日")  # 17 November
    snapshot = {p.pk: (p.deadline, p.history.count()) for p in (before, after, fixed, closed)}

    services.calendar_day_set(day=holiday, kind="holiday", name="县定假日", by=county.supervisor)

    for p in (before, after, fixed, closed):
        p.refresh_from_db()
        assert (p.deadline, p.history.count()) == snapshot[p.pk], p.title
        assert corrections(p) == []
    moved.refresh_from_db()
    assert moved.deadline == D(2025, 11, 18) and len(corrections(moved)) == 1


def test_lifting_a_years_mark_makes_its_deadlines_estimates_again(county):
    services.calendar_rules_apply(rules=services.schedule_read(name="t", text=SPRING_2027), by=county.supervisor,
                                  reason="录入", whole_years=True)
    p = problem_due_in(county, found_on=D(2027, 3, 1), workdays=5)
    assert not p.deadline_estimated
    services.calendar_year_unconfirm(year=2027, by=county.supervisor)
    p.refresh_from_db()
    assert p.deadline_estimated and "现为估算" in corrections(p)[0].note
    assert not effective_calendar().is_known(2027)


def test_the_recomputation_is_bulk_whatever_the_number_of_deadlines(county):
    from wicket.orgs import access

    access.is_supervisor(county.supervisor)  # the user's roles, fetched once and kept on the user
    def run(n: int, day: dt.date) -> int:
        for i in range(n):
            problem_due_in(county, found_on=day - dt.timedelta(days=3), workdays=5, title=f"问题{i}")
        with CaptureQueriesContext(connection) as ctx:
            services.calendar_day_set(day=day, kind="holiday", name="县定假日", by=county.supervisor)
        assert Problem.objects.filter(events__action=CORRECTED, events__note__contains=day.isoformat()).count() == n
        return len(ctx.captured_queries)

    assert run(3, D(2025, 11, 19)) == run(30, D(2025, 12, 10))


def test_the_people_responsible_see_the_new_date_on_their_home_page(county, client_for):
    p = problem_due_in(county, found_on=D(2025, 11, 3), workdays=5, title="取号机故障")
    services.calendar_day_set(day=D(2025, 11, 5), kind="holiday", name="县定假日", by=county.supervisor)
    for user in (county.liaison, county.head):
        page = client_for(user).get("/").content.decode()
        assert "取号机故障——整改时限按工作日历更正为 2025-11-11（原 2025-11-10）" in page
        assert f"/problems/{p.pk}/" in page
    assert "取号机故障" not in client_for(county.other_liaison).get("/").content.decode()


def test_a_failing_listener_undoes_the_calendar_change(county, monkeypatch):
    from wicket.workcal import hooks
    from wicket.workcal.models import CalendarDay

    def broken(change):
        raise RuntimeError("boom")

    monkeypatch.setattr(hooks, "_LISTENERS", [*hooks._LISTENERS, broken])
    p = problem_due_in(county, found_on=D(2025, 11, 3), workdays=5)
    with pytest.raises(RuntimeError):
        services.calendar_day_set(day=D(2025, 11, 5), kind="holiday", name="县定假日", by=county.supervisor)
    p.refresh_from_db()
    assert p.deadline == D(2025, 11, 10) and not CalendarDay.objects.exists()
    assert effective_calendar().is_workday(D(2025, 11, 5))


def test_the_office_is_told_what_followed_a_change_on_the_page(county, client_for):
    from django.urls import reverse

    p = problem_due_in(county, found_on=D(2025, 11, 3), workdays=5)
    r = client_for(county.supervisor).post(reverse("workcal:day_save"),
                                           {"day": "2025-11-05", "kind": "holiday", "name": "县定假日"}, follow=True)
    assert "新增 1 天。1 个问题的整改时限已按新日历重新计算（1 个日期变动），已记入各问题的时间线" in r.content.decode()
    p.refresh_from_db()
    assert p.deadline == D(2025, 11, 11)


def test_the_command_line_import_recomputes_deadlines(county, tmp_path, capsys):
    from django.core.management import call_command

    p = problem_due_in(county, found_on=D(2027, 2, 1), workdays=10)
    path = tmp_path / "2027年节假日安排.csv"
    path.write_text(SPRING_2027.replace("\t", ","), encoding="utf-8")
    call_command("wicket_calendar", "import", str(path))
    assert "1 个问题的整改时限已按新日历重新计算" in capsys.readouterr().out
    p.refresh_from_db()
    assert (p.deadline, p.deadline_estimated) == (D(2027, 2, 22), False)
    event = p.events.get(action=CORRECTED)
    assert event.by is None and "命令行导入 2027年节假日安排.csv" in event.note
