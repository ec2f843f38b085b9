from collections import Counter

import pytest

from analysis.common import Finding
from wicket.orgs.selectors import unit_resolver
from wicket.problems import services
from wicket.problems.intake import findings_intake
from wicket.problems.models import Problem, Status


def findings(*subjects_and_keys):
    return [Finding(kind="catch_all_clause", checklist="1.1", subject=s, message=f"删除兜底条款：{k}", key=(k,),
                    evidence={"text": k}) for s, k in subjects_and_keys]


def run(county, items, scope="guides:县市场监管局"):
    return findings_intake(findings=items, detector="guides", scope=scope, resolve_unit=unit_resolver(),
                           by=county.center_staff)


def test_feeding_the_same_findings_twice_makes_no_duplicates(county):
    items = findings(("县市场监管局", "a"), ("县市场监管局", "b"), ("城关镇", "c"))
    first = run(county, items)
    second = run(county, items)
    assert (first.created, second.created, second.unchanged) == (3, 0, 3)
    assert Problem.objects.count() == 3
    assert Counter(Problem.objects.values_list("unit__short_name", flat=True)) == {"县市场监管局": 2, "城关镇": 1}


def test_a_finding_that_disappears_is_offered_for_closure_not_dropped(county):
    run(county, findings(("县市场监管局", "a"), ("县市场监管局", "b")))
    result = run(county, findings(("县市场监管局", "a")))
    assert result.cleared == 1
    gone = Problem.objects.get(findings__data__evidence__text="b")
    assert gone.status == Status.PENDING and gone.detector_cleared_at is not None
    assert gone.events.filter(action="detector_cleared").exists()
    # The supervisor may now close it straight away.
    services.problem_transition(problem=gone, action="close", by=county.supervisor)


def test_another_scope_is_not_touched_by_a_run(county):
    run(county, findings(("县市场监管局", "a")), scope="guides:县市场监管局")
    run(county, [], scope="guides:城关镇")
    assert Problem.objects.get().detector_cleared_at is None


def test_a_closed_problem_found_again_is_reopened(county):
    run(county, findings(("城关镇", "x")))
    p = Problem.objects.get()
    services.problem_finding_act(finding=p.findings.get(), action="fix", by=county.liaison, note="已删除")
    services.problem_transition(problem=p, action="submit", by=county.liaison)
    services.problem_transition(problem=p, action="close", by=county.supervisor)
    result = run(county, findings(("城关镇", "x")))  # data newer than the closure still shows it
    p.refresh_from_db()
    assert result.reopened == 1 and p.status == Status.IN_PROGRESS
    assert p.events.last().action == "detected_again"
    assert p.findings.get().state == "open"


def test_findings_for_an_unknown_unit_are_reported_not_lost(county):
    result = run(county, findings(("不存在的局", "a"), ("不存在的局", "b"), ("城关镇", "c")))
    assert result.created == 1
    assert result.unresolved == {"不存在的局": 2}
    assert "不存在的局（2条）" in result.summary()


@pytest.mark.parametrize("name", ["测试县市场监督管理局", "县市场监管局", " 县市场 监管局 "])
def test_units_are_found_by_full_name_short_name_or_alias(county, name):
    assert unit_resolver()(name) == county.other_unit
