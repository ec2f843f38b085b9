"""Phone tests (拨测): every call is kept; a failed call becomes a 1.3 problem; the rows feed the call KPIs."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from wicket.problems.models import Problem, Source
from wicket.supervision.models import PhoneCall
from wicket.supervision.selectors import phone_test_calls
from wicket.supervision.services.tasks import phone_call_record

AT = timezone.make_aware(dt.datetime(2026, 5, 26, 9, 30))


def call(task, county, outcome, line="0557-8812345", **kw):
    return phone_call_record(task=task, by=county.inspector, unit=county.unit, line=line, started_at=AT,
                             outcome=outcome, **kw)


def test_an_unanswered_call_becomes_a_problem_of_category_1_3(county, phone_task):
    c = call(phone_task, county, "no_answer", ring_seconds=60)
    p = c.problem
    assert p.checklist_code == "1.3" and p.source == Source.PHONE_TEST and p.unit == county.unit
    assert "0557-8812345" in p.title and "无人接听" in p.title and p.deadline is not None


def test_an_answered_call_is_kept_and_makes_no_problem(county, phone_task):
    c = call(phone_task, county, "answered", ring_seconds=5, talk_seconds=120)
    assert c.problem is None and PhoneCall.objects.count() == 1 and not Problem.objects.exists()


def test_a_second_failure_on_the_same_line_joins_the_open_problem(county, phone_task):
    first = call(phone_task, county, "busy")
    second = call(phone_task, county, "invalid_number")
    assert second.problem == first.problem and Problem.objects.count() == 1
    assert "空号停机" in first.problem.events.last().note


def test_the_calls_are_exposed_in_the_calls_format(county, phone_task):
    call(phone_task, county, "hung_up", ring_seconds=8, talk_seconds=3)
    call(phone_task, county, "no_answer", line="0557-8800000", ring_seconds=60)
    rows = phone_test_calls()
    assert [set(r) for r in rows] == [{"call_id", "line", "unit", "started_at", "answered", "ring_seconds",
                                       "talk_seconds", "outcome"}] * 2
    assert rows[0]["unit"] == "测试县城关镇人民政府" and rows[0]["started_at"] == "2026-05-26 09:30:00"
    assert [(r["answered"], r["outcome"]) for r in rows] == [(1, "hung_up"), (0, "no_answer")]


def test_the_rows_read_as_calls_in_the_analysis_package(county, phone_task):
    from analysis.calls import Call

    call(phone_task, county, "busy", ring_seconds=0)
    row = phone_test_calls()[0]
    parsed = Call(call_id=row["call_id"], line=row["line"], unit=row["unit"],
                  started_at=dt.datetime.fromisoformat(row["started_at"]), answered=bool(row["answered"]),
                  ring_seconds=row["ring_seconds"], talk_seconds=row["talk_seconds"], outcome=row["outcome"])
    assert parsed.result == "busy"


def test_the_inspector_records_a_call_in_the_browser_form(county, client_for, phone_task):
    response = client_for(county.inspector).post(reverse("supervision:call_new", args=[phone_task.pk]), {
        "unit": county.other_unit.pk, "line": "0557-8899999", "started_at": "2026-05-26T10:00", "outcome": "wrong_unit",
        "ring_seconds": 3, "talk_seconds": 20})
    assert response.status_code == 302
    c = PhoneCall.objects.get()
    assert c.unit == county.other_unit and c.problem.checklist_code == "1.3"


def test_a_call_without_an_outcome_is_refused(county, client_for, phone_task):
    response = client_for(county.inspector).post(reverse("supervision:call_new", args=[phone_task.pk]), {
        "unit": county.unit.pk, "line": "0557-1", "started_at": "2026-05-26T10:00"})
    assert response.status_code == 400 and "拨测结果" in response.content.decode()
    assert not PhoneCall.objects.exists()
