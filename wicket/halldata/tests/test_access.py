"""Who may see and do what. The centre's staff upload and manage; the supervisor reads everything;
a unit's liaison and head read their own unit's pages; a stranger from another unit gets 404 and
changes nothing."""

import pytest

from wicket.halldata import services
from wicket.halldata.models import ApiToken, Upload

from .helpers import CALL_FIELDS, RATING_FIELDS, call, csv_bytes, four_tickets, rating, tickets_gbk


@pytest.fixture
def stored(county, halls):
    by = county.center_staff
    services.import_log(kind="tickets", name="t.csv", data=tickets_gbk(four_tickets()), by=by)
    services.import_log(kind="calls", name="c.csv", by=by, data=csv_bytes(
        [call("C1", "0557-1", "城关镇", "2026-03-02 09:00:00", True)], fields=CALL_FIELDS))
    services.import_log(kind="ratings", name="r.csv", by=by, data=csv_bytes(
        [rating("R1", "城关镇", "综合窗口1", "2026-03-02 09:00:00", 5)], fields=RATING_FIELDS))
    pending = services.upload_preview(kind="tickets", name="p.csv", data=tickets_gbk(four_tickets("2026-03-03", "P")),
                                      by=by)
    token, _ = services.token_create(name="叫号机", kind="tickets", by=by)
    return {"hall": halls.town.pk, "unit": county.unit.pk, "pending": pending.pk, "token": token.pk,
            "stored": Upload.objects.filter(status="stored").first().pk}


def _reads(s):
    return ["/halldata/", "/halldata/uploads/", f"/halldata/uploads/{s['stored']}/", "/halldata/county/calls/",
            "/halldata/county/ratings/", "/halldata/county/calls/export/lines.xlsx",
            "/halldata/county/ratings/export/unit.xlsx"]


def _unit_pages(s):
    return [f"/halldata/halls/{s['hall']}/", f"/halldata/halls/{s['hall']}/export/heatmap.xlsx",
            f"/halldata/units/{s['unit']}/", f"/halldata/units/{s['unit']}/calls/export/lines.xlsx",
            f"/halldata/units/{s['unit']}/ratings/export/window.xlsx"]


def _writes(s):
    return [f"/halldata/uploads/{s['pending']}/confirm/", f"/halldata/uploads/{s['pending']}/discard/",
            "/halldata/reanalyse/", f"/halldata/tokens/{s['token']}/revoke/", "/halldata/tokens/"]


def test_a_stranger_from_another_unit_gets_404_everywhere_and_changes_nothing(client_for, county, stored):
    c = client_for(county.other_liaison)
    for url in _reads(stored) + _unit_pages(stored) + ["/halldata/tokens/"]:
        assert c.get(url).status_code == 404, url
    for url in _writes(stored) + ["/halldata/uploads/new/"]:
        assert c.post(url, {"name": "x", "kind": "tickets"}).status_code == 404, url
    assert Upload.objects.get(pk=stored["pending"]).status == "pending"
    assert ApiToken.objects.get().revoked_at is None and ApiToken.objects.count() == 1


def test_the_units_liaison_and_head_read_their_own_pages_but_nothing_else(client_for, county, stored):
    for user in (county.liaison, county.head):
        c = client_for(user)
        for url in _unit_pages(stored):
            assert c.get(url).status_code == 200, url
        for url in _reads(stored):
            assert c.get(url).status_code == 404, url
        for url in _writes(stored):
            assert c.post(url).status_code == 404, url
    assert Upload.objects.get(pk=stored["pending"]).status == "pending"


def test_the_supervisor_reads_everything_but_cannot_upload_or_manage(client_for, county, stored):
    c = client_for(county.supervisor)
    for url in _reads(stored) + _unit_pages(stored):
        assert c.get(url).status_code == 200, url
    for url in _writes(stored):
        assert c.post(url).status_code == 404, url
    assert c.get(f"/halldata/uploads/{stored['pending']}/").status_code == 404  # someone else's preview


def test_the_inspector_has_no_hall_data_pages(client_for, county, stored):
    c = client_for(county.inspector)
    for url in _reads(stored):
        assert c.get(url).status_code == 404, url


def test_a_liaison_lands_on_their_units_hall_data(client_for, county, stored):
    page = client_for(county.liaison).get("/halldata/mine/").content.decode()
    assert f"/halldata/units/{county.unit.pk}/" in page and f"/halldata/halls/{stored['hall']}/" in page
