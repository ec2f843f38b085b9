"""The window caller: strict order per queue, except transferred, carried, due appointments and the priority
lane, each call out of order logged with its reason; recall, no-show, transfer, finish, pause."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wicket.ticketing.models import Action, Status, TicketEvent, WindowState
from wicket.ticketing.services import calling, issue

from .conftest import ID_A, MONDAY, at


def take(th, minute, queue=None, person=""):
    queue = queue or th.a
    return issue.ticket_issue(hall=th.hall, queue=queue, item=queue.item_list[0], person=person,
                              now=at(MONDAY, 9, minute))


def call(th, window, minute, by):
    return calling.ticket_call_next(window=window, by=by, now=at(MONDAY, 10, minute))


def finish(th, window, minute, by):
    return calling.ticket_finish(window=window, by=by, now=at(MONDAY, 10, minute))


def test_a_queue_is_called_in_the_order_tickets_were_taken(th, county):
    tickets = [take(th, m) for m in (1, 2, 3)]
    called = []
    for m in (0, 2, 4):
        called.append(call(th, th.w1, m, county.liaison).code)
        finish(th, th.w1, m + 1, county.liaison)
    assert called == [t.code for t in tickets]
    assert call(th, th.w1, 10, county.liaison) is None


def test_a_universal_window_calls_whoever_has_waited_longest_among_its_queues(th, county):
    take(th, 1, queue=th.b)
    take(th, 2)
    assert call(th, th.w3, 0, county.liaison).code == "B001"
    finish(th, th.w3, 1, county.liaison)
    assert call(th, th.w3, 2, county.liaison).code == "A001"
    assert call(th, th.w2, 3, county.liaison) is None  # window 2 serves only B


def test_the_priority_lane_goes_before_earlier_walk_ins_and_the_call_says_why(th, county):
    walk_in = take(th, 1)
    priority = issue.ticket_issue_priority(hall=th.hall, queue=th.a, item="社会保障卡补办", reason="孕妇",
                                           by=county.head, now=at(MONDAY, 9, 50))
    assert call(th, th.w1, 0, county.liaison) == priority
    finish(th, th.w1, 1, county.liaison)
    assert call(th, th.w1, 2, county.liaison) == walk_in
    calls = dict(TicketEvent.objects.filter(action=Action.CALL).values_list("ticket__code", "reason"))
    assert calls == {priority.code: "绿色通道：孕妇", walk_in.code: ""}


def test_an_appointment_is_called_at_its_slot_ahead_of_earlier_walk_ins(th, county):
    walk_ins = [take(th, m) for m in (1, 2)]
    appt = issue.appointment_book(hall=th.hall, queue=th.a, item="社会保障卡补办", day=MONDAY, start=dt.time(10, 30),
                                  person=ID_A, now=at(MONDAY, 8))
    booked = issue.appointment_check_in(hall=th.hall, code=appt.code, now=at(MONDAY, 10, 0))
    # Before 10:30 the appointment waits like anyone who came at 10:30: the walk-ins first.
    assert call(th, th.w1, 10, county.liaison) == walk_ins[0]
    finish(th, th.w1, 29, county.liaison)
    # At 10:30 its slot begins: it is called before the walk-in who has waited since 9:02.
    assert call(th, th.w1, 30, county.liaison) == booked
    event = TicketEvent.objects.get(ticket=booked, action=Action.CALL)
    assert event.reason == "预约 10:30 时段已到，先于现场取号" and event.by == county.liaison


def test_recall_no_show_and_finish_are_logged_with_the_window_and_the_clerk(th, county):
    take(th, 1)
    take(th, 2)
    first = call(th, th.w1, 0, county.liaison)
    assert calling.ticket_recall(window=th.w1, by=county.liaison, now=at(MONDAY, 10, 1)).recalls == 1
    assert calling.ticket_no_show(window=th.w1, by=county.liaison, now=at(MONDAY, 10, 2)).status == Status.NO_SHOW
    second = call(th, th.w1, 3, county.liaison)
    calling.ticket_start(window=th.w1, by=county.liaison, now=at(MONDAY, 10, 4))
    with pytest.raises(ValidationError):
        calling.ticket_no_show(window=th.w1, by=county.liaison, now=at(MONDAY, 10, 5))
    done = calling.ticket_finish(window=th.w1, by=county.liaison, now=at(MONDAY, 10, 9))
    assert (done.status, done.started_at, done.finished_at) == (Status.SERVED, at(MONDAY, 10, 4), at(MONDAY, 10, 9))
    log = list(TicketEvent.objects.filter(ticket__in=[first, second]).exclude(action=Action.ISSUE)
               .values_list("ticket__code", "action", "window__number", "by__username"))
    assert log == [("A001", "call", 1, "liaison"), ("A001", "recall", 1, "liaison"), ("A001", "no_show", 1, "liaison"),
                   ("A002", "call", 1, "liaison"), ("A002", "start", 1, "liaison"), ("A002", "finish", 1, "liaison")]


def test_a_window_holding_a_ticket_or_paused_cannot_call(th, county):
    take(th, 1)
    take(th, 2)
    call(th, th.w1, 0, county.liaison)
    with pytest.raises(ValidationError) as busy:
        call(th, th.w1, 1, county.liaison)
    assert "请先办结、转窗或标记过号当前的 A001 号" in busy.value.messages[0]
    finish(th, th.w1, 2, county.liaison)
    calling.window_pause(window=th.w1, by=county.liaison, reason="系统故障", now=at(MONDAY, 10, 3))
    th.w1.refresh_from_db()
    assert (th.w1.state, th.w1.state_reason) == (WindowState.PAUSED, "系统故障")
    with pytest.raises(ValidationError) as paused:
        call(th, th.w1, 4, county.liaison)
    assert "本窗口已暂停" in paused.value.messages[0]
    calling.window_resume(window=th.w1, by=county.liaison, now=at(MONDAY, 10, 5))
    assert call(th, th.w1, 6, county.liaison).code == "A002"


def test_a_transfer_to_another_queue_is_called_there_before_walk_ins(th, county):
    moved = take(th, 1)
    waiting_b = take(th, 2, queue=th.b)
    call(th, th.w1, 0, county.liaison)
    calling.ticket_transfer(window=th.w1, by=county.liaison, reason="需先办民政认定", queue=th.b, now=at(MONDAY, 10, 3))
    moved.refresh_from_db()
    assert (moved.status, moved.queue, moved.code) == (Status.WAITING, th.b, "A001")
    assert call(th, th.w2, 5, county.liaison) == moved
    event = TicketEvent.objects.get(ticket=moved, action=Action.TRANSFER)
    assert (event.reason, event.data) == ("需先办民政认定", {"from_window": 1, "from_queue": "A", "to_queue": "B"})
    finish(th, th.w2, 6, county.liaison)
    assert call(th, th.w2, 7, county.liaison) == waiting_b


def test_a_transfer_to_a_named_window_is_called_only_there(th, county):
    take(th, 1)
    take(th, 2)
    moved = call(th, th.w1, 0, county.liaison)
    with pytest.raises(ValidationError):
        calling.ticket_transfer(window=th.w1, by=county.liaison, reason="", to_window=th.w3, now=at(MONDAY, 10, 1))
    calling.ticket_transfer(window=th.w1, by=county.liaison, reason="综合窗口受理", to_window=th.w3,
                            now=at(MONDAY, 10, 1))
    assert call(th, th.w1, 2, county.liaison).code == "A002"  # window 1 passes it over
    assert call(th, th.w3, 3, county.liaison) == moved
