"""Concurrency on PostgreSQL, with threads that each hold their own database connection and start together:
10 windows calling 1,000 tickets, kiosks numbering at once, one person racing two kiosks, the daily cap and
an appointment slot's limit. (SQLite runs one writer at a time: these tests need PostgreSQL.)"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from wicket.ticketing.models import Appointment, Status, Ticket, TicketingHall, Tier
from wicket.ticketing.services import calling, issue, setup

from .conftest import ID_A, MONDAY, at

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs PostgreSQL's row locks: run with DATABASE_URL=postgres://…")


def run_together(n: int, work) -> list:
    """Run work(i) in n threads released at the same moment; return their results (exceptions re-raised)."""
    barrier = threading.Barrier(n)
    results: list = [None] * n
    errors: list = []

    def body(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def test_ten_windows_calling_a_thousand_tickets_call_each_exactly_once_and_in_order(th, county):
    hall = th.hall
    c = setup.queue_save(hall=hall, by=county.liaison, name="户籍代办", prefix="C", items="居住证办理")
    queues = [th.a, th.b, c]
    windows = []
    for n in range(1, 11):
        w = hall.windows.filter(number=n).first()
        serves = [queues[(n - 1) % 3]] if n <= 8 else queues  # 9 and 10 are universal windows
        windows.append(setup.window_save(hall=hall, by=county.liaison, window=w, number=n, name="", queues=serves))
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time(0, 0)))
    tickets: list[Ticket] = []
    numbers: dict[str, int] = defaultdict(int)
    for i in range(1000):
        q = queues[i % 3] if i % 7 else queues[0]
        numbers[q.prefix] += 1
        issued = start + dt.timedelta(seconds=i)
        tickets.append(Ticket(hall=hall, queue=q, code=f"{q.prefix}{numbers[q.prefix]:03d}", number=numbers[q.prefix],
                              issued_on=today, day=today, item=q.item_list[0], tier=Tier.WALK_IN, sort_at=issued,
                              public_code=secrets.token_urlsafe(12), issued_at=issued))
    Ticket.objects.bulk_create(tickets)
    TicketingHall.objects.filter(pk=hall.pk).update(closed_through=today - dt.timedelta(days=1))

    def window_calls(i: int) -> list[tuple[int, float, float]]:
        window = windows[i]
        got: list[tuple[int, float, float]] = []
        while True:
            began = time.monotonic()
            ticket = calling.ticket_call_next(window=window, by=county.liaison)
            ended = time.monotonic()
            if ticket is None:
                return got
            got.append((ticket.pk, began, ended))
            calling.ticket_finish(window=window, by=county.liaison)

    per_window = run_together(10, window_calls)

    called = [pk for calls in per_window for pk, _b, _e in calls]
    assert len(called) == 1000 and len(set(called)) == 1000  # every ticket called, none twice
    assert Ticket.objects.filter(status=Status.SERVED).count() == 1000
    assert all(calls for calls in per_window), "every window got work"
    order = {t.pk: (t.queue_id, t.sort_at) for t in Ticket.objects.all()}
    # Within each window, each queue's tickets come in the order they were taken.
    for calls in per_window:
        seen: dict[int, dt.datetime] = {}
        for pk, _b, _e in calls:
            qid, at_ = order[pk]
            assert seen.get(qid, at_) <= at_
            seen[qid] = at_
    # Across windows: no ticket is called by a call that ended before an earlier ticket's call began.
    spans = {pk: (b, e) for calls in per_window for pk, b, e in calls}
    by_queue: dict[int, list[int]] = defaultdict(list)
    for pk in sorted(order, key=lambda pk: order[pk][1]):
        by_queue[order[pk][0]].append(pk)
    for pks in by_queue.values():
        latest_begin = float("-inf")
        for pk in pks:  # in the order taken
            began, ended = spans[pk]
            assert ended >= latest_begin, "a later ticket was called before an earlier one"
            latest_begin = max(latest_begin, began)


def test_kiosks_issuing_at_once_never_share_a_number(th):
    tickets = run_together(20, lambda i: issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办",
                                                           now=at(MONDAY, 9)))
    assert sorted(t.number for t in tickets) == list(range(1, 21))
    assert len({t.code for t in tickets}) == 20


def _outcome(fn):
    try:
        return fn()
    except ValidationError as exc:
        return exc.messages[0]


def test_one_person_at_two_kiosks_at_once_gets_one_ticket_per_queue(th):
    results = run_together(8, lambda i: _outcome(lambda: issue.ticket_issue(
        hall=th.hall, queue=th.a, item="社会保障卡补办", person=ID_A, now=at(MONDAY, 9))))
    tickets = [r for r in results if isinstance(r, Ticket)]
    assert len(tickets) == 1 and Ticket.objects.count() == 1
    assert all("同一业务不能重复取号" in r for r in results if isinstance(r, str))


def test_the_daily_cap_holds_under_concurrent_requests(th, county):
    th.hall.daily_cap = 2
    th.hall.save()
    queues = [th.a, th.b] + [setup.queue_save(hall=th.hall, by=county.liaison, name=f"业务{p}", prefix=p, items="事项")
                             for p in "CDEF"]
    results = run_together(6, lambda i: _outcome(lambda: issue.ticket_issue(
        hall=th.hall, queue=queues[i], item=queues[i].item_list[0], person=ID_A, now=at(MONDAY, 9))))
    assert sum(isinstance(r, Ticket) for r in results) == 2 and Ticket.objects.count() == 2
    assert sum(isinstance(r, str) and "同一人每天最多取 2 个号" in r for r in results) == 4


def test_an_appointment_slot_never_takes_more_than_its_limit(th):
    people = [f"1391234{n:04d}" for n in range(10)]
    results = run_together(10, lambda i: _outcome(lambda: issue.appointment_book(
        hall=th.hall, queue=th.a, item="社会保障卡补办", day=dt.date(2026, 3, 10), start=dt.time(9, 0),
        person=people[i], now=at(MONDAY, 10))))
    assert sum(isinstance(r, Appointment) for r in results) == 2 == Appointment.objects.count()
    assert sum(isinstance(r, str) and "时段已约满" in r for r in results) == 8
