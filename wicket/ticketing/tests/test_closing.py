"""Tickets unserved at closing stay valid the next working day (Chinese calendar, 调休 included) and are
called first that morning; the holder's status page says so."""

from __future__ import annotations

import datetime as dt

from wicket.ticketing.models import Action, Status, TicketEvent, Tier
from wicket.ticketing.services import calling, closing, issue
from wicket.ticketing.workdays import next_working_day

from .conftest import ID_A, at

FRIDAY = dt.date(2026, 3, 13)
NEXT_MONDAY = dt.date(2026, 3, 16)


def test_the_next_working_day_follows_the_holiday_calendar(db):
    assert next_working_day(FRIDAY) == NEXT_MONDAY
    assert next_working_day(dt.date(2026, 4, 30)) == dt.date(2026, 5, 6)  # 劳动节
    assert next_working_day(dt.date(2026, 5, 8)) == dt.date(2026, 5, 9)  # a 调休 Saturday


def test_a_ticket_left_at_closing_is_called_first_on_the_next_working_day(th, county, client, clock):
    kept = issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", person=ID_A, now=at(FRIDAY, 16, 50))
    clock.set(at(FRIDAY, 16, 55))
    page = client.get(f"/ticketing/t/{kept.public_code}/")
    assert "今天下班前未叫到的号，下一个工作日（3月16日）仍然有效" in page.content.decode()
    clock.set(at(FRIDAY, 17, 40))
    page = client.get(f"/ticketing/t/{kept.public_code}/")
    assert "今天已下班，您的号保留到下一个工作日（3月16日）" in page.content.decode()

    carried = closing.day_close(hall=th.hall, day=FRIDAY, now=at(FRIDAY, 18))
    assert carried == 1
    kept.refresh_from_db()
    assert (kept.day, kept.tier, kept.carried, kept.status) == (NEXT_MONDAY, Tier.CARRIED, 1, Status.WAITING)
    clock.set(at(FRIDAY, 18, 30))
    page = client.get(f"/ticketing/t/{kept.public_code}/").content.decode()
    assert "您的号保留到 3月16日，当天开门后优先叫号" in page
    clock.set(at(NEXT_MONDAY, 8, 20))
    page = client.get(f"/ticketing/t/{kept.public_code}/").content.decode()
    assert "这是您 3月13日 取的号，当天未叫到，今天优先叫号" in page

    early = issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(NEXT_MONDAY, 8, 0))
    got = calling.ticket_call_next(window=th.w1, by=county.liaison, now=at(NEXT_MONDAY, 8, 30))
    assert got == kept and got.code == "A001"  # its own number, ahead of Monday's A001
    assert early.code == "A001" and early.issued_on == NEXT_MONDAY
    call = TicketEvent.objects.get(ticket=kept, action=Action.CALL)
    assert call.reason == "03月13日 取的号当天未叫到，保留到今天优先叫号"
    assert TicketEvent.objects.get(ticket=kept, action=Action.CARRY).data == {"from": "2026-03-13",
                                                                              "to": "2026-03-16"}


def test_without_the_nightly_job_the_first_call_of_the_day_carries_the_tickets_over(th, county):
    kept = issue.ticket_issue(hall=th.hall, queue=th.b, item="最低生活保障申请", now=at(FRIDAY, 17))
    issue.ticket_issue(hall=th.hall, queue=th.b, item="最低生活保障申请", now=at(NEXT_MONDAY, 8, 10))
    got = calling.ticket_call_next(window=th.w2, by=county.liaison, now=at(NEXT_MONDAY, 8, 31))
    assert got is not None and got.pk == kept.pk and got.carried == 1


def test_tickets_left_at_a_window_at_closing_are_settled(th, county):
    for minute in (1, 2):
        issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(FRIDAY, 16, minute))
    serving = calling.ticket_call_next(window=th.w1, by=county.liaison, now=at(FRIDAY, 17))
    calling.ticket_start(window=th.w1, by=county.liaison, now=at(FRIDAY, 17, 1))
    called = calling.ticket_call_next(window=th.w3, by=county.liaison, now=at(FRIDAY, 17, 2))
    assert serving is not None and called is not None
    closing.day_close(hall=th.hall, day=FRIDAY, now=at(FRIDAY, 23))
    serving.refresh_from_db()
    called.refresh_from_db()
    assert (serving.status, serving.finished_at) == (Status.SERVED, at(FRIDAY, 17, 30))
    assert called.status == Status.NO_SHOW


def test_a_day_the_county_declares_off_is_skipped(th, county):
    from wicket.workcal import services as workcal

    workcal.calendar_day_set(day=NEXT_MONDAY, kind="holiday", name="县定假日", by=county.supervisor)
    kept = issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(FRIDAY, 17))
    closing.day_close(hall=th.hall, day=FRIDAY, now=at(FRIDAY, 18))
    kept.refresh_from_db()
    assert kept.day == dt.date(2026, 3, 17)
