"""A detector that runs again: the problem shows what it sees now, and keeps what it saw before."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analysis.common import Finding
from wicket.orgs.selectors import unit_resolver
from wicket.problems import services
from wicket.problems.intake import findings_intake
from wicket.problems.models import Problem, ProblemEvent, Status

LINE = "0571-8800001"


def line_finding(rate: float, calls: int = 40, line: str = LINE) -> Finding:
    answered = round(calls * rate)
    return Finding(kind="unanswered_line", checklist="1.3", subject="城关镇",
                   message=f"咨询电话 {line} 共有来电 {calls} 通，接通 {answered} 通，接通率 {rate * 100:.1f}%，低于 90.0% 的要求。",
                   key=(line,), evidence={"line": line, "calls": calls, "answered": answered, "answer_rate": rate,
                                          "period": {"from": "2026-03-01", "to": "2026-03-31"}})


def run(county, items, *, by=None):
    return findings_intake(findings=items, detector="calls", scope="calls:城关镇", resolve_unit=unit_resolver(),
                           by=by or county.center_staff)


def written(problem=None):
    """Events and history rows, of one problem or of all."""
    if problem is None:
        return ProblemEvent.objects.count(), Problem.history.count()
    return problem.events.count(), problem.history.count()


def section(page: str, testid: str) -> str:
    """The HTML of the element carrying data-testid=testid, up to its own closing tag."""
    m = re.search(rf'<(\w+)[^>]*data-testid="{testid}"', page)
    assert m, testid
    tag, start = m.group(1), m.start()
    depth, pos = 0, start
    for t in re.finditer(rf"<(/?){tag}\b", page[start:]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            pos = start + t.start()
            break
    return page[start:pos]


def test_the_same_data_again_writes_nothing(county):
    run(county, [line_finding(0.5), line_finding(0.4, line="0571-8800002")])
    before = written()
    result = run(county, [line_finding(0.5), line_finding(0.4, line="0571-8800002")])
    assert (result.created, result.unchanged, result.updated) == (0, 2, 0)
    assert written() == before
    assert "已更新" not in result.summary()


def test_changed_figures_replace_the_evidence_and_keep_the_old_on_one_event(county):
    run(county, [line_finding(0.5)])
    p = Problem.objects.get()
    f = p.findings.get()
    events, history, finding_history = *written(p), f.history.count()
    result = run(county, [line_finding(0.62)])
    p.refresh_from_db()
    f.refresh_from_db()
    assert result.updated == 1 and "其中 1 个问题的检测数据有变化，已更新" in result.summary()
    assert f.data["evidence"]["answer_rate"] == 0.62 and "接通率 62.0%" in f.message
    assert "接通率 62.0%" in p.description and p.title == f"咨询电话 {LINE}：接通率低于要求"
    assert written(p) == (events + 1, history + 1) and f.history.count() == finding_history + 1
    event = p.events.get(action="evidence_updated")
    (change,) = event.data["findings"]
    assert change["fingerprint"] == f.fingerprint
    assert change["old"]["evidence"]["answer_rate"] == 0.5 and change["new"]["evidence"]["answer_rate"] == 0.62
    assert "1 处问题点的检测数据有变化（2 项）" in event.note  # answer rate and answered calls
    assert p.history.first().history_change_reason == "检测数据已更新"
    # Running the new figures once more is again a no-op.
    run(county, [line_finding(0.62)])
    assert written(p) == (events + 1, history + 1) and f.history.count() == finding_history + 1


def test_the_page_shows_the_new_figure_and_the_old_one_under_history(county, client_for):
    run(county, [line_finding(0.5)])
    run(county, [line_finding(0.62)])
    p = Problem.objects.get()
    page = client_for(county.liaison).get(reverse("problems:detail", args=[p.pk])).content.decode()
    finding = section(page, "findings")
    assert "接通率 62.0%" in finding and "62.0%" in finding and "50.0%" not in finding
    history = section(page, "detection-history")
    assert "<summary>" in history and "检测数据已更新 1 次" in history
    assert re.search(r"<td>接通率</td><td>50.0%</td><td>62.0%</td>", history)
    assert "接通率 50.0%" in history  # the conclusion as it read before
    # The record's own history does not dump the raw data.
    assert "answer_rate" not in page


def test_a_problem_never_redetected_shows_its_evidence_without_history(county, client_for):
    run(county, [line_finding(0.5)])
    p = Problem.objects.get()
    page = client_for(county.liaison).get(reverse("problems:detail", args=[p.pk])).content.decode()
    assert "50.0%" in section(page, "findings")
    assert 'data-testid="detection-history"' not in page


def test_the_stranger_cannot_see_the_evidence(county, client_for):
    run(county, [line_finding(0.5)])
    run(county, [line_finding(0.62)])
    p = Problem.objects.get()
    assert client_for(county.other_liaison).get(reverse("problems:detail", args=[p.pk])).status_code == 404


def test_a_description_a_person_rewrote_is_not_overwritten(county):
    run(county, [line_finding(0.5)])
    p = Problem.objects.get()
    p.description = "镇便民服务中心电话午间无人值守，经核实属实。"
    p._change_reason = "人工修改"
    p.save()
    run(county, [line_finding(0.62)])
    p.refresh_from_db()
    assert p.description == "镇便民服务中心电话午间无人值守，经核实属实。"
    assert p.findings.get().data["evidence"]["answer_rate"] == 0.62
    assert "问题描述已被人工修改，未覆盖" in p.events.get(action="evidence_updated").note


def close(county, p):
    services.problem_transition(problem=p, action="submit", by=county.liaison)
    services.problem_transition(problem=p, action="close", by=county.supervisor)


def test_a_closed_line_is_not_reopened_by_the_data_it_was_closed_on(county):
    """The line's finding covers the whole period: the same data again proves nothing new."""
    run(county, [line_finding(0.5)])
    p = Problem.objects.get()
    close(county, p)
    history = p.history.count()
    result = run(county, [line_finding(0.5)])
    p.refresh_from_db()
    assert result.reopened == 0 and p.status == Status.CLOSED and p.history.count() == history


def test_another_line_of_the_unit_after_closure_is_a_cause_of_its_own(county):
    run(county, [line_finding(0.5)])
    p = Problem.objects.get()
    close(county, p)
    result = run(county, [line_finding(0.5), line_finding(0.4, line="0571-8800002")])
    p.refresh_from_db()
    assert (result.created, result.reopened) == (1, 0) and p.status == Status.CLOSED


def test_a_cleared_problem_seen_again_is_no_longer_offered_for_closure(county):
    run(county, [line_finding(0.5)])
    p = Problem.objects.get()
    run(county, [])
    p.refresh_from_db()
    assert p.detector_cleared_at is not None and p.findings.get().state == "fixed"
    assert p.history.first().history_change_reason == "问题点已由数据确认整改；检测已不再发现"
    history = p.history.count()
    run(county, [line_finding(0.5)])
    p.refresh_from_db()
    assert p.detector_cleared_at is None and p.history.count() == history + 1
    assert p.events.last().action == "detected_again" and "不宜销号" in p.events.last().note
    assert p.findings.get().state == "open"


def findings_for(n: int, rate: float, prefix: str = "0571-88") -> list[Finding]:
    return [line_finding(rate, line=f"{prefix}{i:05d}") for i in range(n)]


def intake_queries(county, n: int, rate: float) -> int:
    resolve = unit_resolver()
    items = findings_for(n, rate, prefix=f"{n}-")
    with CaptureQueriesContext(connection) as ctx:
        findings_intake(findings=items, detector="calls", scope=f"calls:{n}", resolve_unit=resolve,
                        by=county.center_staff)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("n", [5, 120])
def test_intake_uses_a_bounded_number_of_queries_whatever_the_number_of_findings(
        county, n, django_assert_max_num_queries):
    resolve = unit_resolver()
    for rate in (0.5, 0.6, 0.6):  # new, changed, unchanged
        with django_assert_max_num_queries(14):
            findings_intake(findings=findings_for(n, rate), detector="calls", scope="calls:bulk",
                            resolve_unit=resolve, by=county.center_staff)
    assert ProblemEvent.objects.filter(action="evidence_updated").count() == n
    with django_assert_max_num_queries(14):  # every problem cleared at once
        findings_intake(findings=[], detector="calls", scope="calls:bulk", resolve_unit=resolve,
                        by=county.center_staff)
    assert Problem.objects.filter(detector_cleared_at__isnull=False).count() == n


def test_the_query_count_does_not_grow_with_the_number_of_findings(county):
    small = [intake_queries(county, 4, r) for r in (0.5, 0.6, 0.6)]
    large = [intake_queries(county, 80, r) for r in (0.5, 0.6, 0.6)]
    assert small == large


def test_results_of_several_scopes_add_up_field_by_field():
    from collections import Counter

    from wicket.problems.intake import IntakeResult

    total = IntakeResult(created=1, updated=2, unresolved=Counter({"甲": 1}))
    total.add(IntakeResult(created=2, unchanged=3, reopened=1, cleared=4, updated=1, unresolved=Counter({"甲": 2})))
    assert (total.created, total.unchanged, total.reopened, total.cleared, total.updated) == (3, 3, 1, 4, 3)
    assert total.unresolved == Counter({"甲": 3})
    assert "其中 3 个问题的检测数据有变化" in total.summary()
