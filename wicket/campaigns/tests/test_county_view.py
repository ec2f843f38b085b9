"""Every figure on the county view equals a count computed directly from the database,
and every figure links to the problem list that shows exactly those problems."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from wicket.campaigns.services.inspection import report_submit
from wicket.problems import services
from wicket.problems.models import Problem
from wicket.signoff.services import submission_sign

from .helpers import answer_all


@pytest.fixture
def spread(county, campaign):
    today = timezone.localdate()
    answer_all(campaign, county.unit, county.liaison, problems={"1.1": "指南不清", "4.1": "无复印", "5": "排队久"})
    mk = services.problem_create
    mk(unit=county.other_unit, campaign=campaign, checklist_code="2.1", source="onsite_check", title="重复证明",
       by=county.supervisor, deadline=today - dt.timedelta(days=3))
    mk(unit=county.other_unit, campaign=campaign, checklist_code="6", source="mystery_visit", title="玩手机",
       by=county.supervisor, deadline=today + dt.timedelta(days=3))
    mk(unit=county.unit, campaign=None, checklist_code="6", source="public_report", title="不属于本工作",
       by=county.supervisor)
    p = Problem.objects.get(title="指南不清")
    for action in ("start", "submit"):
        services.problem_transition(problem=p, action=action, by=county.liaison)
    services.problem_transition(problem=p, action="close", by=county.supervisor)
    q = Problem.objects.get(title="无复印")
    services.problem_transition(problem=q, action="submit", by=county.liaison)
    Problem.objects.filter(title="排队久").update(deadline=today - dt.timedelta(days=1))
    sub = report_submit(campaign=campaign, unit=county.unit, phase=campaign.phases.get(kind="supervision"),
                        by=county.liaison)
    submission_sign(submission=sub, by=county.head)
    return today


def _follow(client, url):
    """The number of problems the list behind a figure shows."""
    return client.get(url).context["page"].paginator.count


def test_the_county_figures_equal_counts_from_the_database(county, campaign, client_for, spread):
    today = spread
    c = client_for(county.supervisor)
    r = c.get(reverse("campaigns:county", args=[campaign.pk]))
    view = r.context["view"]
    mine = Problem.objects.filter(campaign=campaign)
    overdue = mine.filter(deadline__lt=today).exclude(status="closed")
    assert view.total.n == mine.count() == 5
    for status in ("pending", "in_progress", "awaiting_verification", "closed"):
        assert view.by_status[status].n == mine.filter(status=status).count(), status
    assert view.overdue.n == overdue.count() == 2
    for row in view.categories:
        in_cat = mine.filter(checklist_code__regex=rf"^{row['code']}(\.|$)")
        assert row["total"].n == in_cat.count(), row["code"]
        assert row["overdue"].n == overdue.filter(checklist_code__regex=rf"^{row['code']}(\.|$)").count()
        for status, cell in row["cells"].items():
            assert cell.n == in_cat.filter(status=status).count()
    for s in view.sources:
        assert s["cell"].n == mine.filter(source=s["value"]).count()
    for row in view.units:
        u = mine.filter(unit=row["unit"])
        assert (row["total"].n, row["closed"].n, row["open"].n, row["overdue"].n) == \
            (u.count(), u.filter(status="closed").count(), u.exclude(status="closed").count(),
             overdue.filter(unit=row["unit"]).count())
    assert {p.pk for p in view.overdue_problems} == set(overdue.values_list("pk", flat=True))
    assert sum(w["found"].n for w in view.trend) == mine.count()
    assert sum(w["closed"].n for w in view.trend) == mine.filter(status="closed").count()
    body = r.content.decode()
    assert f'data-testid="total">{mine.count()}<' in body and f'data-testid="overdue">{overdue.count()}<' in body


def test_every_figure_opens_exactly_the_problems_behind_it(county, campaign, client_for, spread):
    c = client_for(county.supervisor)
    view = c.get(reverse("campaigns:county", args=[campaign.pk])).context["view"]
    cells = [view.total, view.overdue, *view.by_status.values()]
    for row in view.categories:
        cells += [row["total"], row["overdue"], *row["cells"].values()]
    for row in view.units:
        cells += [row["total"], row["open"], row["closed"], row["overdue"]]
    cells += [s["cell"] for s in view.sources]
    cells += [w["found"] for w in view.trend] + [w["closed"] for w in view.trend]
    for cell in cells:
        assert parse_qs(urlparse(cell.url).query)["campaign"] == [str(campaign.pk)]
        assert _follow(c, cell.url) == cell.n, cell.url


def test_the_filters_narrow_every_figure(county, campaign, client_for, spread):
    c = client_for(county.supervisor)
    view = c.get(reverse("campaigns:county", args=[campaign.pk]), {"source": "self_inspection"}).context["view"]
    assert view.total.n == Problem.objects.filter(campaign=campaign, source="self_inspection").count() == 3
    assert "source=self_inspection" in view.total.url
    view = c.get(reverse("campaigns:county", args=[campaign.pk]), {"unit": county.other_unit.pk}).context["view"]
    assert view.total.n == 2


def test_the_unit_table_shows_who_signed_each_phase(county, campaign, client_for, spread):
    view = client_for(county.supervisor).get(reverse("campaigns:county", args=[campaign.pk])).context["view"]
    states = {row["unit"].pk: [c["state"] for c in row["phases"]] for row in view.units}
    assert states[county.unit.pk] == ["none", "signed", "none"]
    assert states[county.other_unit.pk] == ["none", "none", "none"]
    assert [c["late"] for c in view.units[0]["phases"]][0] is True  # 自查自纠 is past its deadline, unsigned


def test_the_county_view_uses_a_bounded_number_of_queries(county, campaign, client_for, spread,
                                                          django_assert_max_num_queries):
    c = client_for(county.supervisor)
    with django_assert_max_num_queries(25):
        c.get(reverse("campaigns:county", args=[campaign.pk]))
