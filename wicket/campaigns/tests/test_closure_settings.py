"""The supervisor sets how much fresh data proves a data-detected problem fixed; the defaults hold until then."""

from django.urls import reverse

from wicket.problems.closure import settings_for
from wicket.problems.tests.factories import make_problem


def test_the_defaults_are_four_weeks_and_ten_working_days(campaign, county):
    p = make_problem(county.unit, county.liaison, campaign=campaign)
    assert (settings_for(p).weeks, settings_for(p).workdays) == (4, 10)


def test_the_supervisor_changes_them_and_the_change_is_kept_in_history(campaign, county, client_for):
    c = client_for(county.supervisor)
    page = c.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert 'data-testid="closure-settings"' in page
    response = c.post(reverse("campaigns:closure", args=[campaign.pk]), {"closure_weeks": 6, "closure_workdays": 15})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.closure_weeks, campaign.closure_workdays) == (6, 15)
    assert campaign.history.first().history_change_reason == "修改数据核验要求"
    p = make_problem(county.unit, county.liaison, campaign=campaign)
    assert (settings_for(p).weeks, settings_for(p).workdays) == (6, 15)


def test_out_of_range_values_are_refused_in_chinese(campaign, county, client_for):
    response = client_for(county.supervisor).post(reverse("campaigns:closure", args=[campaign.pk]),
                                                  {"closure_weeks": 0, "closure_workdays": 61})
    body = response.content.decode()
    assert response.status_code == 400 and "1" in body and "60" in body
    campaign.refresh_from_db()
    assert (campaign.closure_weeks, campaign.closure_workdays) == (4, 10)


def test_a_unit_and_a_stranger_cannot_change_them(campaign, county, client_for):
    for user in (county.liaison, county.other_liaison, county.center_staff):
        c = client_for(user)
        assert 'data-testid="closure-settings"' not in c.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
        assert c.post(reverse("campaigns:closure", args=[campaign.pk]),
                      {"closure_weeks": 1, "closure_workdays": 1}).status_code == 404
    campaign.refresh_from_db()
    assert (campaign.closure_weeks, campaign.closure_workdays) == (4, 10)
