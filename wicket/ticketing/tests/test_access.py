"""Who may open what. Setup and caller pages: the hall's unit staff and the service centre. The live page
also the supervisor (read only). A stranger from another unit and an inspector get 404 everywhere and
change nothing. Public pages need no login but a live token or code: anything else is 404."""

from __future__ import annotations

import pytest

from wicket.ticketing.models import Agent, Device, Queue, Ticket, Window
from wicket.ticketing.services import calling, issue, setup

from .conftest import ID_A, MONDAY, at


@pytest.fixture
def pages(th, county):
    ticket = issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(MONDAY, 9))
    agent = setup.agent_register(hall=th.hall, name="王代办", person=ID_A, by=county.liaison)
    h = th.hall.hall_id
    reads = [f"/ticketing/halls/{h}/", f"/ticketing/halls/{h}/live/", f"/ticketing/halls/{h}/tickets/{ticket.pk}/"]
    manage = [f"/ticketing/halls/{h}/setup/", f"/ticketing/halls/{h}/queues/new/",
              f"/ticketing/halls/{h}/queues/{th.a.pk}/", f"/ticketing/halls/{h}/windows/new/",
              f"/ticketing/halls/{h}/windows/1/edit/", f"/ticketing/halls/{h}/devices/",
              f"/ticketing/halls/{h}/agents/", f"/ticketing/halls/{h}/priority/", f"/ticketing/halls/{h}/windows/1/",
              f"/ticketing/halls/{h}/windows/1/waiting/"]
    posts = [f"/ticketing/halls/{h}/enable/", f"/ticketing/halls/{h}/setup/", f"/ticketing/halls/{h}/queues/new/",
             f"/ticketing/halls/{h}/windows/1/edit/", f"/ticketing/halls/{h}/devices/",
             f"/ticketing/halls/{h}/devices/{th.kiosk.pk}/revoke/", f"/ticketing/halls/{h}/agents/",
             f"/ticketing/halls/{h}/agents/{agent.pk}/deactivate/", f"/ticketing/halls/{h}/priority/",
             f"/ticketing/halls/{h}/windows/1/act/", f"/ticketing/halls/{h}/windows/1/transfer/"]
    return {"reads": reads, "manage": manage, "posts": posts, "ticket": ticket}


def _unchanged(th):
    assert Device.objects.filter(revoked_at__isnull=False).count() == 0
    assert Agent.objects.get().active and Queue.objects.count() == 2 and Ticket.objects.count() == 1
    assert Ticket.objects.get().status == "waiting" and Window.objects.get(hall=th.hall, number=1).name == "社保窗口"


@pytest.mark.parametrize("who", ["other_liaison", "other_head", "inspector"])
def test_a_stranger_gets_404_everywhere_and_changes_nothing(client_for, county, th, pages, who):
    c = client_for(getattr(county, who))
    for url in pages["reads"] + pages["manage"]:
        assert c.get(url).status_code == 404, url
    for url in pages["posts"]:
        data = {"action": "call", "name": "X", "prefix": "C", "items": "x", "kind": "kiosk", "number": 1,
                "reason": "x", "person": ID_A}
        assert c.post(url, data).status_code == 404, url
    _unchanged(th)
    assert c.get("/ticketing/").status_code in (200, 404)
    if c.get("/ticketing/").status_code == 200:
        assert th.hall.hall.name not in c.get("/ticketing/").content.decode()


def test_the_supervisor_reads_the_live_page_but_cannot_set_up_or_call(client_for, county, th, pages):
    c = client_for(county.supervisor)
    for url in pages["reads"]:
        assert c.get(url).status_code == 200, url
    for url in pages["manage"]:
        assert c.get(url).status_code == 404, url
    for url in pages["posts"]:
        assert c.post(url, {"action": "call"}).status_code == 404, url
    _unchanged(th)


@pytest.mark.parametrize("who", ["liaison", "head", "center_staff"])
def test_the_units_staff_and_the_centre_run_the_hall(client_for, county, th, pages, who):
    c = client_for(getattr(county, who))
    for url in pages["reads"] + pages["manage"]:
        assert c.get(url).status_code == 200, url
    response = c.post(f"/ticketing/halls/{th.hall.hall_id}/windows/1/act/", {"action": "call"})
    assert response.status_code in (302, 409)  # called (or outside opening hours today): the clerk may try


def test_public_pages_answer_404_to_unknown_revoked_or_other_kind_links(client, county, th, pages):
    ticket = pages["ticket"]
    good = [f"/ticketing/k/{th.kiosk_token}/", f"/ticketing/d/{th.display_token}/",
            f"/ticketing/d/{th.display_token}/board/", f"/ticketing/b/{th.booking_token}/",
            f"/ticketing/t/{ticket.public_code}/", f"/ticketing/t/{ticket.public_code}/panel/",
            f"/ticketing/k/{th.kiosk_token}/checkin/"]
    for url in good:
        assert client.get(url).status_code == 200, url
    wrong = [f"/ticketing/k/{th.display_token}/", f"/ticketing/d/{th.kiosk_token}/", f"/ticketing/b/{th.kiosk_token}/",
             "/ticketing/k/nope/", "/ticketing/t/nope/", f"/ticketing/t/{ticket.public_code}x/",
             f"/ticketing/k/{th.kiosk_token}/t/{ticket.public_code}x/", "/ticketing/b/x/a/ABCDEFGH/"]
    for url in wrong:
        assert client.get(url).status_code == 404, url
    setup.device_revoke(device=th.kiosk, by=county.liaison)
    assert client.get(f"/ticketing/k/{th.kiosk_token}/").status_code == 404
    assert client.post(f"/ticketing/k/{th.kiosk_token}/take/", {"q": th.a.pk, "i": 0}).status_code == 404


def test_a_ticket_of_another_hall_is_not_shown_on_this_halls_kiosk(client, county, th):
    from wicket.registry.models import Hall, HallKind

    other = Hall.objects.create(unit=county.other_unit, name="市场主体登记窗口", kind=HallKind.WINDOW, window_count=1)
    oth = setup.ticketing_enable(hall=other, by=county.center_staff)
    q = setup.queue_save(hall=oth, by=county.center_staff, name="登记", prefix="A", items="设立登记")
    t = issue.ticket_issue(hall=oth, queue=q, item="设立登记", now=at(MONDAY, 9))
    assert client.get(f"/ticketing/k/{th.kiosk_token}/t/{t.public_code}/").status_code == 404


def test_the_public_pages_show_no_personal_data(client, th, county):
    t = issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", person=ID_A, now=at(MONDAY, 9))
    calling.ticket_call_next(window=th.w1, by=county.liaison, now=at(MONDAY, 9, 5))
    for url in (f"/ticketing/t/{t.public_code}/", f"/ticketing/d/{th.display_token}/"):
        html = client.get(url).content.decode()
        assert ID_A not in html and t.holder not in html and "李" not in html  # no number, hash, or clerk
