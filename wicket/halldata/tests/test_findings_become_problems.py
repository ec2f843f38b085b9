"""Findings land in the owning unit's problem list with their evidence; re-running never duplicates;
a finding that goes away is offered for closure."""

from wicket.halldata import services
from wicket.problems.models import Problem

from .helpers import CALL_FIELDS, RATING_FIELDS, call, csv_bytes, rating, ticket, tickets_gbk


def _store(county, kind, data):
    return services.import_log(kind=kind, name="log.csv", data=data, by=county.center_staff)


def _calls(answered_every):
    return csv_bytes([call(f"C{i}", "0557-8600001", "县市场监管局", f"2026-03-02 09:{i:02d}:00", i % answered_every == 0)
                      for i in range(20)], fields=CALL_FIELDS)


def test_a_phone_nobody_answers_becomes_one_problem_of_its_unit_and_clears_when_fixed(county):
    _store(county, "calls", _calls(2))  # 10 of 20 answered: 50%
    problem = Problem.objects.get(detector="calls")
    assert problem.unit == county.other_unit and problem.checklist_code == "1.3"
    assert problem.findings.get().data["evidence"]["answer_rate"] == 0.5
    assert problem.title == "咨询电话 0557-8600001：接通率低于要求"

    _store(county, "calls", _calls(2))
    assert Problem.objects.filter(detector="calls").count() == 1

    _store(county, "calls", _calls(1))  # the same calls, now all answered
    problem.refresh_from_db()
    assert problem.detector_cleared_at is not None


def test_unanswered_bad_ratings_of_a_window_become_one_problem_listing_them(county):
    rows = [rating(f"R{i}", "城关镇", "综合窗口2", f"2026-03-0{i} 10:00:00", 1, comment=f"第{i}次没人理")
            for i in range(2, 5)]
    rows.append(rating("R9", "城关镇", "综合窗口1", "2026-03-02 10:00:00", 5))
    _store(county, "ratings", csv_bytes(rows, fields=RATING_FIELDS))
    problems = Problem.objects.filter(detector="ratings")
    assert problems.count() == 1
    p = problems.get()
    assert p.unit == county.unit and p.checklist_code == "6"
    assert p.title == "窗口“综合窗口2”好差评：差评超期未答复"
    assert p.description.startswith("测试县城关镇人民政府综合窗口2有 3 条差评超过 5 个工作日仍未答复")
    assert "第2次没人理" in p.description and p.findings.get().data["evidence"]["rating_ids"] == ["R2", "R3", "R4"]


def test_a_scalper_in_a_hall_becomes_a_problem_of_the_unit_that_owns_the_hall(county, halls):
    rows = [ticket(f"S{i}", f"09:0{i}:00", f"09:1{i}:00", holder="H-001", item=f"事项{i}") for i in range(4)]
    _store(county, "tickets", tickets_gbk(rows))
    p = Problem.objects.get(detector="queue", checklist_code="4.3")
    assert p.unit == county.unit and p.scope == f"halldata:hall:{halls.town.pk}"
    assert p.title.endswith("疑似“黄牛”取号（1 人）") and p.findings.get().data["evidence"]["holder"] == "H-001"
    before = Problem.objects.filter(detector="queue").count()
    _store(county, "tickets", tickets_gbk(rows))
    assert Problem.objects.filter(detector="queue").count() == before
