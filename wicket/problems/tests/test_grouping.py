"""One problem per cause: a hall's kind of queue finding is one problem whose months and hours are
occurrences inside it; a new occurrence joins it, after closure it reopens it."""

import json
import re

import pytest
from django.urls import reverse

from analysis.common import Finding
from wicket.problems import causes, services
from wicket.problems.intake import findings_intake
from wicket.problems.models import Problem, ProblemEvent

HALL = "城关镇为民服务中心"


def month(m: str, days: int = 2) -> Finding:
    return Finding(kind="long_wait", checklist="5", subject=HALL, key=("day", m),
                   message=f"{causes.month_label(m)}有 {days} 天等候不超过 30 分钟的比例低于 80.0%。请按时段增开窗口或调整排班。",
                   evidence={"scope": "day", "month": m, "days_count": days, "target_minutes": 30,
                             "service_level_goal": 0.8})


def hour(h: int, level: float = 0.7) -> Finding:
    return Finding(kind="long_wait", checklist="5", subject=HALL, key=("hour", f"{h:02d}"),
                   message=f"{h}:00–{h + 1}:00 取号的群众中，等候不超过 30 分钟的只有 {level:.0%}。请在该时段增开窗口。",
                   evidence={"scope": "hour", "hour": h, "service_level": level})


def unserved(m: str) -> Finding:
    return Finding(kind="unserved_at_closing", checklist="5", subject=HALL, key=(m,),
                   message=f"{causes.month_label(m)}有 3 天下班时仍有群众未被叫号。", evidence={"days_count": 3})


def run(county, items):
    return findings_intake(findings=items, detector="queue", scope="halldata:hall:1",
                           resolve_unit=lambda _s: county.unit, by=county.center_staff)


def test_months_and_hours_of_slow_afternoons_are_one_problem_named_for_the_hall(county):
    result = run(county, [month("2026-01"), month("2026-02"), month("2026-03", 3), hour(14), hour(15),
                          unserved("2026-01")])
    assert (result.created, result.findings_added) == (2, 6)
    slow = Problem.objects.filter(findings__kind="long_wait").distinct().get()
    assert slow.title == f"{HALL}：下午等候过长（3 个月出现，2 个时段）"
    assert slow.description.startswith("共出现 5 次：2026年1月、2026年2月、2026年3月、14:00–15:00、15:00–16:00。")
    assert Problem.objects.exclude(pk=slow.pk).get().title == f"{HALL}：下班时仍有群众未被叫号（1 个月出现）"


def test_the_problem_page_shows_the_occurrences_with_a_trend_chart(county, client_for):
    run(county, [month("2026-01"), month("2026-02", 4), hour(14)])
    p = Problem.objects.get()
    page = client_for(county.liaison).get(reverse("problems:detail", args=[p.pk])).content.decode()
    assert 'data-chart="chart-occurrences"' in page
    m = re.search(r'<script id="chart-occurrences" type="application/json">(.*?)</script>', page, re.S)
    assert m
    option = json.loads(m.group(1))
    assert option["xAxis"]["data"] == ["2026年1月", "2026年2月"] and option["series"][0]["data"] == [2, 4]
    assert 'data-finding-action' not in page  # occurrences are not marked fixed one by one
    assert "出现情况" in page and "共 3 次" in page


def test_a_new_month_joins_the_problem_and_the_title_follows(county):
    run(county, [month("2026-01"), hour(15)])
    p = Problem.objects.get()
    result = run(county, [month("2026-01"), month("2026-02"), hour(15)])
    p.refresh_from_db()
    assert (result.created, result.findings_added, Problem.objects.count()) == (0, 1, 1)
    assert p.title == f"{HALL}：下午等候过长（2 个月出现，1 个时段）"
    assert "2026年2月" in p.events.get(action="findings_added").note


def test_the_data_a_problem_was_closed_on_does_not_reopen_it_but_a_new_month_does(county):
    run(county, [month("2026-01"), month("2026-02")])
    p = Problem.objects.get()
    services.problem_transition(problem=p, action="submit", by=county.liaison)
    services.problem_transition(problem=p, action="close", by=county.supervisor)
    assert run(county, [month("2026-01"), month("2026-02")]).reopened == 0
    p.refresh_from_db()
    assert p.status == "closed"
    result = run(county, [month("2026-01"), month("2026-02"), month("2026-03")])
    p.refresh_from_db()
    assert result.reopened == 1 and p.status == "in_progress" and p.closed_at is None
    event = ProblemEvent.objects.get(problem=p, action="detected_again")
    assert "2026年3月" in event.note and event.from_status == "closed"


def test_a_person_who_renamed_the_problem_keeps_the_name(county):
    run(county, [month("2026-01")])
    p = Problem.objects.get()
    Problem.objects.filter(pk=p.pk).update(title="综合大厅下午窗口不足")
    run(county, [month("2026-01"), month("2026-02")])
    p.refresh_from_db()
    assert p.title == "综合大厅下午窗口不足"


@pytest.mark.parametrize(("hours", "part"), [
    ([14, 15], "下午"), ([12], "下午"), ([9, 10], "上午"), ([11], "上午"),
    ([10, 14], ""), ([], ""), ([11, 12], ""), ([8, 16], ""),
])
def test_the_time_of_day_is_named_only_when_every_slow_hour_lies_in_it(hours, part):
    findings = [hour(h).to_dict() for h in hours] or [month("2026-01").to_dict()]
    title = causes.queue_title(findings)
    assert title == f"{HALL}：{part}等候过长（{f'{len(hours)} 个时段' if hours else '1 个月出现'}）"


@pytest.mark.parametrize(("detector", "a", "b", "same"), [
    # the same cause
    ("guides", {"kind": "missing_sample", "key": ["编码:A1", "县网", "materials「甲」"]},
     {"kind": "bad_phone", "key": ["编码:A1", "省网", "phone"]}, True),
    ("proofs", {"kind": "duplicate_proof", "key": ["chain", "S1"]},
     {"kind": "excessive_runaround", "key": ["item", "S1"]}, True),
    ("calls", {"kind": "unanswered_line", "key": ["8001"], "evidence": {"line": "8001"}},
     {"kind": "unanswered_line", "key": ["8001"], "evidence": {"line": "8001"}}, True),
    ("ratings", {"kind": "bad_ratings_unanswered", "key": ["窗口1"], "evidence": {"window": "窗口1"}},
     {"kind": "low_satisfaction", "key": ["window", "窗口1"]}, True),
    # different causes
    ("guides", {"kind": "missing_sample", "key": ["编码:A1", "县网", "materials「甲」"]},
     {"kind": "missing_sample", "key": ["编码:A2", "县网", "materials「甲」"]}, False),
    ("proofs", {"kind": "proof_without_basis", "key": ["proof", "P1"]},
     {"kind": "proof_without_basis", "key": ["proof", "P2"]}, False),
    ("queue", {"kind": "long_wait", "key": ["day", "2026-01"]},
     {"kind": "unserved_at_closing", "key": ["2026-01"]}, False),
    ("ratings", {"kind": "low_satisfaction", "key": ["window", "窗口1"]},
     {"kind": "low_satisfaction", "key": ["item", "窗口1"]}, False),
])
def test_findings_share_a_problem_only_when_they_share_a_cause(detector, a, b, same):
    def fp(d):
        return causes.cause_fingerprint(detector, "scope", 1, {"fingerprint": "x", **d})

    assert (fp(a) == fp(b)) is same
    assert causes.cause_fingerprint(detector, "scope", 2, {"fingerprint": "x", **a}) != fp(a)  # another unit


def test_a_detector_without_a_grouping_keeps_one_problem_per_finding(county):
    items = [Finding(kind="overdue_case", checklist="5", subject="城关镇", message=f"办件{i}超期", key=(str(i),))
             for i in range(3)]
    findings_intake(findings=items, detector="unknown", scope="x", resolve_unit=lambda _s: county.unit)
    assert set(Problem.objects.values_list("fingerprint", flat=True)) == {f.fingerprint for f in items}
    assert {p.title for p in Problem.objects.all()} == {"办件0超期", "办件1超期", "办件2超期"}
