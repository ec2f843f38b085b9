"""考核: a unit's score is the base plus its explained lines; rules live in the database."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wicket.problems import services
from wicket.problems.models import Problem, Source
from wicket.problems.tests.factories import make_problem
from wicket.supervision.services.scoring import scheme_for_campaign, unit_scores


@pytest.fixture
def record(county, campaign):
    """城关镇: 1 overdue, 1 onsite finding closed on time after a send-back, 1 upheld public report.
    县市场监管局: 1 closed on time."""
    today = timezone.localdate()
    make_problem(county.unit, county.liaison, campaign=campaign, deadline=today - dt.timedelta(days=3))
    found = make_problem(county.unit, county.inspector, campaign=campaign, source=Source.ONSITE_CHECK,
                         deadline=today + dt.timedelta(days=10))
    services.problem_transition(problem=found, action="submit", by=county.liaison)
    services.problem_transition(problem=found, action="send_back", by=county.supervisor, note="不到位")
    services.problem_transition(problem=found, action="submit", by=county.liaison)
    services.problem_transition(problem=found, action="close", by=county.supervisor)
    make_problem(county.unit, county.supervisor, campaign=campaign, source=Source.PUBLIC_REPORT,
                 deadline=today + dt.timedelta(days=10))
    ok = make_problem(county.other_unit, county.other_liaison, campaign=campaign, deadline=today + dt.timedelta(days=1))
    services.problem_transition(problem=ok, action="submit", by=county.other_liaison)
    services.problem_transition(problem=ok, action="close", by=county.supervisor)


def by_unit(scores):
    return {s.unit.short_name: s for s in scores}


def test_each_score_is_the_base_plus_its_lines(county, campaign, record):
    scores = by_unit(unit_scores(campaign=campaign))
    town = scores["城关镇"]
    counts = {line.kind: line.count for line in town.lines}
    assert counts == {"overdue_problem": 1, "supervision_finding": 1, "upheld_public_report": 1, "send_back": 1,
                      "closed_on_time": 1, "recurred": 0}
    # 100 − 2 − 1 − 1 − 0.5 + 0.5
    assert town.score == Decimal("96") == town.base + sum(line.subtotal for line in town.lines)
    dept = scores["县市场监管局"]
    assert dept.score == Decimal("100.5") == dept.base + sum(line.subtotal for line in dept.lines)
    assert (dept.rank, town.rank) == (1, 2)
    assert town.explanation() == ("基础分 100；问题逾期未整改（含逾期后整改） 1 × -2 = -2；督查发现问题 1 × -1 = -1；"
                                  "群众反映问题属实 1 × -1 = -1；整改被退回 1 × -0.5 = -0.5；按期整改销号 1 × 0.5 = 0.5")


def test_changing_a_rule_changes_the_score(county, campaign, client_for, record):
    scheme = scheme_for_campaign(campaign)
    form = {"base": "90"}
    for rule in scheme.rules.all():
        form[f"points_{rule.kind}"] = "-10" if rule.kind == "overdue_problem" else str(rule.points)
        form[f"active_{rule.kind}"] = "on" if rule.kind != "closed_on_time" else ""
    assert client_for(county.supervisor).post(reverse("supervision:scheme"), form).status_code == 302
    town = by_unit(unit_scores(campaign=campaign))["城关镇"]
    assert town.score == Decimal("90") - 10 - 1 - 1 - Decimal("0.5")
    assert "closed_on_time" not in {line.kind for line in town.lines}


def test_equal_scores_share_a_rank(county, campaign):
    assert [s.rank for s in unit_scores(campaign=campaign)] == [1, 1]


def test_the_ranking_page_explains_each_line_and_the_export_opens(county, campaign, client_for, record):
    from openpyxl import load_workbook

    c = client_for(county.supervisor)
    body = c.get(reverse("supervision:ranking")).content.decode()
    assert "测试县城关镇人民政府" in body and "整改被退回：1 × -0.5 = -0.5" in body
    response = c.get(reverse("supervision:ranking_export"))
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["B3"].value == "测试县市场监督管理局" and ws["C3"].value == 100.5
    assert ws["C4"].value == 96 and ws.cell(row=4, column=ws.max_column).value.startswith("基础分 100")


def test_a_unit_name_that_looks_like_a_formula_is_written_as_text(county, campaign):
    from openpyxl import load_workbook

    from wicket.supervision.exports import ranking_xlsx

    county.unit.name = "=HYPERLINK(\"http://x\")"
    county.unit.save()
    ws = load_workbook(io.BytesIO(ranking_xlsx(campaign=campaign, scores=unit_scores(campaign=campaign)))).active
    names = [ws.cell(row=r, column=2).value for r in (3, 4)]
    assert "'=HYPERLINK(\"http://x\")" in names


@pytest.mark.parametrize("who", ["liaison", "head", "other_liaison", "inspector", "center_staff"])
def test_only_the_supervisor_sees_scores(county, campaign, client_for, who):
    c = client_for(getattr(county, who))
    for name in ("supervision:ranking", "supervision:ranking_export", "supervision:scheme"):
        assert c.get(reverse(name)).status_code == 404
    assert c.post(reverse("supervision:scheme"), {"base": "0"}).status_code == 404
    assert scheme_for_campaign(campaign).base == Decimal("100")


def test_the_ranking_uses_a_bounded_number_of_queries(county, campaign, client_for, record,
                                                       django_assert_max_num_queries):
    c = client_for(county.supervisor)
    c.get(reverse("supervision:ranking"))
    with django_assert_max_num_queries(20):
        assert c.get(reverse("supervision:ranking")).status_code == 200


def test_a_problem_the_detectors_find_again_after_closure_counts_against_its_unit(county, campaign):
    from analysis.common import Finding
    from wicket.problems.intake import findings_intake

    def run():
        return findings_intake(
            findings=[Finding(kind="hall_without_copier", checklist="4.1", subject="城关镇", key=("便民服务站",),
                              message="便民服务站：不提供复印服务", evidence={"hall": "便民服务站"})],
            detector="registry", scope="registry", resolve_unit=lambda _s: county.unit, campaign=campaign)

    run()
    p = Problem.objects.get()
    services.problem_finding_act(finding=p.findings.get(), action="fix", by=county.liaison, note="已配复印机")
    services.problem_transition(problem=p, action="submit", by=county.liaison)
    services.problem_transition(problem=p, action="close", by=county.supervisor)
    assert run().reopened == 1  # the register still shows no copier
    line = next(line for line in by_unit(unit_scores(campaign=campaign))["城关镇"].lines if line.kind == "recurred")
    assert (line.count, line.subtotal, line.label) == (1, -1, "销号后问题复发（数据检测再次发现）")
