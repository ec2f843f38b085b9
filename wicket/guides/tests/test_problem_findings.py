"""A guide's problem, worked through finding by finding and closed on fresh data.

The department (county.other_unit, 县市场监管局) has one faulty guide: a catch-all material and a phone
number without area code — one problem, two findings inside.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wicket.guides import services
from wicket.problems import services as problem_services
from wicket.problems.errors import ProblemError
from wicket.problems.models import Problem, ProblemEvent, ProblemFinding

from .conftest import as_json, faulty, guide

FIXED = {"phone": "0557-8828006"}


def fixed_guide(**changes):
    g = faulty(**{**FIXED, **changes})
    g["materials"] = [m for m in g["materials"] if m["name"] != "法律、行政法规规定的其他材料"]
    return g


@pytest.fixture
def problem(county, campaign):
    services.import_guides(name="县.json", data=as_json(guide(), faulty()), by=county.center_staff, send=True)
    return Problem.objects.get()


def finding(problem, kind):
    return problem.findings.get(kind=kind)


def act(client, problem, f, action, note="", htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("problems:finding", args=[problem.pk, f.pk]), {"action": action, "note": note},
                       headers=headers)


def reimport(county, *guides):
    return services.import_guides(name="县-更新.json", data=as_json(*guides), by=county.center_staff, send=True)[1]


def written():
    return (ProblemEvent.objects.count(), Problem.history.count(), ProblemFinding.history.count(),
            list(ProblemFinding.objects.order_by("id").values_list("state", "gone_at")))


def test_the_page_lists_each_finding_with_where_it_is_and_what_to_write(county, client_for, problem):
    assert problem.title == "办事指南《个体工商户设立登记》：2 处需修改"
    page = client_for(county.other_liaison).get(reverse("problems:detail", args=[problem.pk])).content.decode()
    assert page.count('data-testid="finding"') == 2
    assert "县政务服务网 · 申请材料“法律、行政法规规定的其他材料” · 材料名称" in page
    assert "县政务服务网 · 咨询电话" in page
    assert '<mark class="mark-offending"' in page  # the words at fault, marked
    assert page.count('data-finding-action="fix"') == 2 and 'data-finding-action="accept"' not in page
    guide_pk = services.department_guides(county.other_unit)[1].pk
    assert reverse("guides:guide", args=[guide_pk]) in page


def test_re_detecting_unchanged_data_changes_nothing(county, problem):
    before = written()
    result = reimport(county, guide(), faulty())
    assert (result.created, result.unchanged, result.findings_added, result.findings_cleared) == (0, 1, 0, 0)
    assert written() == before


def test_a_fixed_finding_clears_inside_its_problem_and_the_rest_stays_open(county, problem):
    result = reimport(county, guide(), faulty(**FIXED))
    problem.refresh_from_db()
    assert (result.created, result.findings_cleared, result.cleared) == (0, 1, 0)
    assert finding(problem, "bad_phone").state == "fixed" and finding(problem, "catch_all_clause").state == "open"
    assert problem.detector_cleared_at is None
    assert problem.events.filter(action="findings_cleared").get().note.startswith("重新检测未再发现 1 处")


def test_the_liaison_works_through_the_findings_and_submits_when_none_is_open(county, client_for, problem):
    liaison = client_for(county.other_liaison)
    response = act(liaison, problem, finding(problem, "bad_phone"), "fix", "已改为 0557-8828006")
    assert response.status_code == 200 and 'data-state="reported"' in response.content.decode()
    with pytest.raises(ProblemError, match="还有 1 个问题点未整改"):
        problem_services.problem_transition(problem=problem, action="submit", by=county.other_liaison)
    # The catch-all clause is in the law the item rests on: the supervisor accepts it, with the reason.
    sup = client_for(county.supervisor)
    refused = act(sup, problem, finding(problem, "catch_all_clause"), "accept", "")
    assert refused.status_code == 400 and "必须填写理由" in refused.content.decode()
    act(sup, problem, finding(problem, "catch_all_clause"), "accept", "《个体工商户条例》第八条明确规定")
    liaison.post(reverse("problems:transition", args=[problem.pk]), {"action": "submit"})
    problem.refresh_from_db()
    assert problem.status == "awaiting_verification" and problem.closure_state == "no_fresh_data"
    page = client_for(county.supervisor).get(reverse("problems:detail", args=[problem.pk])).content.decode()
    assert "尚未收到新的数据" in page and "《个体工商户条例》第八条明确规定" in page


def test_fresh_data_confirms_the_fix_for_the_verifier(county, client_for, problem):
    for f in problem.findings.all():
        problem_services.problem_finding_act(finding=f, action="fix", by=county.other_liaison, note="已修改")
    problem_services.problem_transition(problem=problem, action="submit", by=county.other_liaison)
    reimport(county, guide(), fixed_guide())  # the centre imports the corrected guide
    problem.refresh_from_db()
    assert problem.closure_state == "confirmed" and problem.detector_cleared_at is not None
    assert problem.events.filter(action="data_confirmed").count() == 1
    sup = client_for(county.supervisor)
    page = sup.get(reverse("problems:detail", args=[problem.pk])).content.decode()
    assert "已由数据确认整改" in page and re.search(r"已于 \d{4}-\d\d-\d\d \d\d:\d\d 重新检测", page)
    assert "原 2 处问题点均未再发现" in page
    listed = sup.get(reverse("problems:list"), {"ready": "1"}).content.decode()
    assert reverse("problems:detail", args=[problem.pk]) in listed
    queue = sup.get(reverse("supervision:verify")).content.decode()
    assert 'data-testid="verify-closure"' in queue and "已由数据确认整改" in queue


def test_data_still_showing_a_finding_the_unit_marked_fixed_opens_it_again(county, problem):
    f = finding(problem, "bad_phone")
    problem_services.problem_finding_act(finding=f, action="fix", by=county.other_liaison)
    reimport(county, guide(), faulty())  # imported after the mark, still without the area code
    f.refresh_from_db()
    assert f.state == "open" and "新的检测数据仍发现" in f.note
    assert problem.events.filter(action="finding_reopened").exists()


def test_a_recurrence_after_closure_reopens_the_problem(county, problem, campaign):
    for f in problem.findings.all():
        problem_services.problem_finding_act(finding=f, action="fix", by=county.other_liaison)
    problem_services.problem_transition(problem=problem, action="submit", by=county.other_liaison)
    reimport(county, guide(), fixed_guide())
    problem_services.problem_transition(problem=problem, action="close", by=county.supervisor)
    result = reimport(county, guide(), faulty())  # the old guide is published again
    problem.refresh_from_db()
    assert result.reopened == 1 and problem.status == "in_progress"
    event = problem.events.get(action="detected_again")
    assert event.from_status == "closed" and "销号后再次检测到" in event.note and event.data["recurred"]
    assert set(problem.findings.values_list("state", flat=True)) == {"open"}


def test_who_may_do_what_to_a_finding(county, client_for, problem):
    f = finding(problem, "bad_phone")
    assert act(client_for(county.liaison), problem, f, "fix").status_code == 404
    assert act(client_for(county.supervisor), problem, f, "fix").status_code == 400
    assert act(client_for(county.other_liaison), problem, f, "accept", "理由").status_code == 400
    assert act(client_for(county.center_staff), problem, f, "fix").status_code == 400
    f.refresh_from_db()
    assert f.state == "open" and not f.history.filter(history_type="~").exists()
    # A finding of another problem is not found through this one.
    other = Problem.objects.create(unit=county.other_unit, checklist_code="1.1", source="self_inspection",
                                   title="x", found_on=problem.found_on)
    assert client_for(county.other_liaison).post(reverse("problems:finding", args=[other.pk, f.pk]),
                                                 {"action": "fix"}).status_code == 404


def test_marking_and_undoing_leave_history_and_events(county, problem):
    f = finding(problem, "bad_phone")
    problem_services.problem_finding_act(finding=f, action="fix", by=county.other_liaison, note="已改")
    problem_services.problem_finding_act(finding=f, action="reopen", by=county.other_liaison)
    f.refresh_from_db()
    assert f.state == "open"
    assert [h.state for h in f.history.order_by("history_date", "history_id")] == ["open", "reported", "open"]
    assert list(problem.events.filter(action__startswith="finding_").values_list("action", flat=True)) == [
        "finding_fixed", "finding_reopened"]


def detail_queries(client, problem) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("problems:detail", args=[problem.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_the_problem_page_takes_the_same_queries_whatever_the_number_of_findings(county, client_for, problem):
    c = client_for(county.other_liaison)
    few = detail_queries(c, problem)
    many = faulty()
    many["materials"] += [{"name": f"其他材料{i}（根据有关法律法规规定应提交的其他材料）", "required": False}
                          for i in range(12)]
    reimport(county, guide(), many)
    problem.refresh_from_db()
    assert problem.findings.count() > 10
    assert detail_queries(c, problem) == few
