import datetime as dt

from django.urls import reverse

from wicket.checklist.models import Campaign


def test_the_supervisor_creates_the_notices_campaign_in_one_step(county, client_for):
    r = client_for(county.supervisor).post(reverse("campaigns:create_from_notice"), {"year": 2026, "doc_number": "青政办〔2026〕18号"})
    campaign = Campaign.objects.get()
    assert r["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    assert [(p.kind, p.deadline) for p in campaign.phases.all()] == [
        ("self_inspection", dt.date(2026, 5, 20)), ("supervision", dt.date(2026, 6, 20)),
        ("consolidation", dt.date(2026, 7, 20))]
    assert set(campaign.units.all()) == {county.unit, county.other_unit}
    assert campaign.doc_number == "青政办〔2026〕18号"


def test_the_supervisor_creates_a_campaign_with_its_own_phases(county, client_for, campaign):
    data = {"name": "回头看", "doc_number": "", "issuer": "县政府办", "checklist": campaign.checklist.pk,
            "units": [county.unit.pk],
            "self_inspection_start": "2027-03-01", "self_inspection_deadline": "2027-03-15",
            "supervision_start": "2027-03-16", "supervision_deadline": "2027-04-15",
            "consolidation_start": "2027-04-16", "consolidation_deadline": "2027-05-15"}
    r = client_for(county.supervisor).post(reverse("campaigns:create"), data)
    new = Campaign.objects.get(name="回头看")
    assert r.status_code == 302 and list(new.units.all()) == [county.unit]
    assert new.phases.get(kind="supervision").deadline == dt.date(2027, 4, 15)


def test_phases_out_of_order_are_refused_with_a_message_and_nothing_is_stored(county, client_for, campaign):
    data = {"name": "错", "checklist": campaign.checklist.pk, "units": [county.unit.pk],
            "self_inspection_start": "2027-03-01", "self_inspection_deadline": "2027-03-15",
            "supervision_start": "2027-03-10", "supervision_deadline": "2027-04-15",
            "consolidation_start": "2027-04-16", "consolidation_deadline": "2027-04-01"}
    r = client_for(county.supervisor).post(reverse("campaigns:create"), data)
    assert r.status_code == 200
    assert "“集中督查”阶段应在上一阶段截止后开始" in r.content.decode()
    assert not Campaign.objects.filter(name="错").exists()


def test_only_the_supervisor_may_create_campaigns(county, client_for):
    for user in (county.liaison, county.head, county.other_liaison, county.center_staff, county.inspector):
        c = client_for(user)
        assert c.get(reverse("campaigns:create")).status_code == 404
        assert c.post(reverse("campaigns:create_from_notice"), {"year": 2026}).status_code == 404
    assert not Campaign.objects.exists()


def test_the_current_phase_is_shown_on_every_page(county, client_for, campaign):
    for url in (reverse("home"), reverse("problems:list"), reverse("campaigns:list")):
        body = client_for(county.liaison).get(url).content.decode()
        assert 'data-testid="phase-badge"' in body and "当前阶段：集中督查" in body, url


def test_a_liaison_sees_their_units_links_on_the_campaign_page(county, client_for, campaign):
    body = client_for(county.liaison).get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert reverse("campaigns:inspection", args=[campaign.pk, county.unit.pk]) in body
    assert reverse("campaigns:inspection", args=[campaign.pk, county.other_unit.pk]) not in body


def test_a_unit_outside_the_campaign_does_not_see_it(county, client_for, campaign):
    campaign.units.set([county.unit])
    c = client_for(county.other_liaison)
    assert c.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 404
    assert reverse("campaigns:detail", args=[campaign.pk]) + '"' not in c.get(reverse("campaigns:list")).content.decode()
