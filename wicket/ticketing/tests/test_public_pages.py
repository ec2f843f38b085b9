"""The kiosk, display, status and booking pages through HTTP: what a citizen sees, the 204 of an unchanged
live poll, the throttles, and a bounded number of queries per poll."""

from __future__ import annotations

import re

from django.test import override_settings

from wicket.ticketing.models import Appointment, Ticket
from wicket.ticketing.services import calling, issue

from .conftest import ID_A, MONDAY, at


def test_the_kiosk_issues_a_ticket_with_a_qr_code_to_its_status_page(client, th, clock):
    clock.set(at(MONDAY, 9))
    home = client.get(f"/ticketing/k/{th.kiosk_token}/").content.decode()
    assert "社会保障卡补办" in home and "最低生活保障申请" in home
    confirm = client.get(f"/ticketing/k/{th.kiosk_token}/?q={th.a.pk}&i=0").content.decode()
    assert "身份证号或手机号（选填）" in confirm
    response = client.post(f"/ticketing/k/{th.kiosk_token}/take/", {"q": th.a.pk, "i": 0, "person": ID_A})
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/t/{ticket.public_code}/")
    page = client.get(response["Location"]).content.decode()
    assert ticket.code in page and "data:image/svg+xml" in page
    assert re.search(rf'data-url="http://testserver/ticketing/t/{ticket.public_code}/"', page)
    again = client.post(f"/ticketing/k/{th.kiosk_token}/take/", {"q": th.a.pk, "i": 1, "person": ID_A})
    assert "您已有“社会保障”的 A001 号" in again.content.decode() and Ticket.objects.count() == 1


@override_settings(WICKET_TICKETING_KIOSK_LIMIT=2)
def test_the_kiosk_is_throttled_per_address(client, th, clock):
    clock.set(at(MONDAY, 9))
    for _ in range(2):
        assert client.post(f"/ticketing/k/{th.kiosk_token}/take/", {"q": th.b.pk, "i": 0}).status_code == 302
    refused = client.post(f"/ticketing/k/{th.kiosk_token}/take/", {"q": th.b.pk, "i": 0})
    assert refused.status_code == 429 and "取号太频繁" in refused.content.decode()
    assert Ticket.objects.count() == 2


def test_the_display_poll_answers_204_until_something_happens(client, th, county, clock, django_assert_max_num_queries):
    clock.set(at(MONDAY, 9))
    issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(MONDAY, 9))
    page = client.get(f"/ticketing/d/{th.display_token}/").content.decode()
    found = re.search(r"board/\?v=(\d+)", page)
    assert found is not None
    version = found.group(1)
    with django_assert_max_num_queries(2):
        assert client.get(f"/ticketing/d/{th.display_token}/board/?v={version}").status_code == 204
    calling.ticket_call_next(window=th.w1, by=county.liaison, now=at(MONDAY, 9, 1))
    with django_assert_max_num_queries(8):
        board = client.get(f"/ticketing/d/{th.display_token}/board/?v={version}")
    html = board.content.decode()
    assert board.status_code == 200 and 'data-say="请 A001 号到 1 号窗口办理"' in html
    assert f"v={version}" not in html


def test_a_booking_through_the_page_and_its_code(client, th, clock):
    clock.set(at(MONDAY, 10))
    base = f"/ticketing/b/{th.booking_token}/"
    assert "社会保障卡补办" in client.get(base).content.decode()
    slots = client.get(f"{base}?q={th.a.pk}&i=0&d=2026-03-10").content.decode()
    assert "09:00–09:30" in slots and "余 2" in slots
    response = client.post(base, {"q": th.a.pk, "i": 0, "d": "2026-03-10", "s": "09:00", "person": ID_A})
    appt = Appointment.objects.get()
    assert response.status_code == 302 and appt.code in response["Location"]
    done = client.get(response["Location"]).content.decode()
    assert appt.code in done and "2026年3月10日 09:00–09:30" in done and ID_A not in done
    twice = client.post(base, {"q": th.a.pk, "i": 0, "d": "2026-03-10", "s": "10:00", "person": ID_A})
    assert "同一天同一业务只能预约一次" in twice.content.decode()


@override_settings(WICKET_TICKETING_BOOKING_LIMIT=1)
def test_booking_is_throttled_per_address(client, th, clock):
    clock.set(at(MONDAY, 10))
    base = f"/ticketing/b/{th.booking_token}/"
    client.post(base, {"q": th.a.pk, "i": 0, "d": "2026-03-10", "s": "09:00", "person": ID_A})
    refused = client.post(base, {"q": th.a.pk, "i": 0, "d": "2026-03-10", "s": "09:30", "person": "13912345678"})
    assert refused.status_code == 429 and Appointment.objects.count() == 1


def test_the_caller_poll_answers_204_in_a_few_queries(client_for, th, county, django_assert_max_num_queries):
    c = client_for(county.liaison)
    url = f"/ticketing/halls/{th.hall.hall_id}/windows/1/waiting/"
    found = re.search(r"waiting/\?v=(\d+)", c.get(url).content.decode())
    assert found is not None
    with django_assert_max_num_queries(4):  # session, user, roles, the window with its hall and version
        assert c.get(f"{url}?v={found.group(1)}").status_code == 204
    issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(MONDAY, 9))
    with django_assert_max_num_queries(8):
        page = c.get(f"{url}?v={found.group(1)}")
    assert page.status_code == 200 and "社会保障" in page.content.decode()
