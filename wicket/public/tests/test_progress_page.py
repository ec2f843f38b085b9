"""The public progress page: counts by category and status, each unit's closed problems, no personal data."""

from django.test import Client
from django.urls import reverse

from wicket.problems import services
from wicket.problems.tests.factories import make_problem


def test_anyone_sees_the_counts_and_the_closed_problems_without_personal_data(county, campaign):
    a = make_problem(county.unit, county.liaison, campaign=campaign, code="4.2", title="叫号机故障")
    services.problem_rectify(problem=a, by=county.liaison, version=a.version, measures="更换", responsible="李经办",
                             deadline=None, deadline_workdays=None, immediate=False)
    services.problem_transition(problem=a, action="submit", by=county.liaison)
    services.problem_transition(problem=a, action="close", by=county.supervisor)
    make_problem(county.unit, county.liaison, campaign=campaign, code="4.1", title="无复印服务")
    make_problem(county.other_unit, county.other_liaison, campaign=campaign, code="1.3", title="电话打不通")
    response = Client().get(reverse("public:progress"))
    assert response.status_code == 200
    body = response.content.decode()
    counts = response.context["counts"]
    row4 = next(r for r in counts["rows"] if r["code"] == "4")
    assert row4["counts"] == [1, 0, 0, 1] and row4["total"] == 2  # 待整改, 整改中, 待核验, 已销号
    assert counts["totals"] == [2, 0, 0, 1] and counts["total"] == 3
    assert "叫号机故障" in body and "无复印服务" not in body  # only closed problems are listed by name
    assert "李经办" not in body and "13800000000" not in body


def test_the_progress_page_uses_a_bounded_number_of_queries(county, campaign, django_assert_max_num_queries):
    for i in range(10):
        p = make_problem(county.unit if i % 2 else county.other_unit, county.supervisor, campaign=campaign,
                         title=f"问题{i}")
        services.problem_transition(problem=p, action="submit", by=county.liaison if i % 2 else county.other_liaison)
        services.problem_transition(problem=p, action="close", by=county.supervisor)
    with django_assert_max_num_queries(8):
        assert Client().get(reverse("public:progress")).status_code == 200
