"""What the live pages show: the hall display (last calls, waiting per queue), the manager's live figures,
a ticket's status (people ahead, expected wait) and the window caller's side panel. A few grouped
queries per page, whatever the number of tickets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.queue_live import QueueNow, queue_now
from wicket.ticketing.models import (
    Action,
    Queue,
    Status,
    Ticket,
    TicketEvent,
    TicketingHall,
    Tier,
    Window,
    WindowState,
)

LAST_CALLS = 8
RECENT = dt.timedelta(hours=1)
REPEAT_DAYS = 30


@dataclass(frozen=True)
class CallShown:
    event_id: int
    code: str
    window: int
    at: dt.datetime
    recall: bool

    @property
    def announcement(self) -> str:
        return _("请 %(code)s 号到 %(window)s 号窗口办理") % {"code": self.code, "window": self.window}


def last_calls(hall: TicketingHall, today: dt.date, n: int = LAST_CALLS) -> list[CallShown]:
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    events = (TicketEvent.objects.filter(hall=hall, action__in=[Action.CALL, Action.RECALL], at__gte=start)
              .order_by("-id").values_list("id", "ticket__code", "window__number", "at", "action")[:n])
    return [CallShown(i, code, window, at, action == Action.RECALL) for i, code, window, at, action in events]


def waiting_by_queue(hall: TicketingHall, today: dt.date) -> dict[int, int]:
    rows = (Ticket.objects.filter(hall=hall, day=today, status=Status.WAITING).values("queue_id")
            .annotate(n=Count("id")).values_list("queue_id", "n"))
    return dict(rows)


def display_board(hall: TicketingHall, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    queues = list(Queue.objects.filter(hall=hall, active=True))
    waiting = waiting_by_queue(hall, today)
    calls = last_calls(hall, today)
    return {"calls": calls, "latest": calls[0] if calls else None,
            "queues": [{"queue": q, "waiting": waiting.get(q.pk, 0)} for q in queues],
            "windows_open": Window.objects.filter(hall=hall, state=WindowState.OPEN).count()}


# ---------------------------------------------------------------- the manager's live figures


@dataclass(frozen=True)
class QueueLive:
    queue: Queue
    now: QueueNow
    longest_wait_minutes: float | None


def live_figures(hall: TicketingHall, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    opening = timezone.make_aware(dt.datetime.combine(today, hall.am_open))
    queues = list(Queue.objects.filter(hall=hall, active=True))
    waiting = dict(Ticket.objects.filter(hall=hall, day=today, status=Status.WAITING).values("queue_id")
                   .annotate(n=Count("id")).values_list("queue_id", "n"))
    oldest = dict(Ticket.objects.filter(hall=hall, day=today, status=Status.WAITING).values("queue_id")
                  .annotate(first=Min("issued_at")).values_list("queue_id", "first"))
    arrivals = dict(Ticket.objects.filter(hall=hall, issued_at__gte=now - RECENT).values("queue_id")
                    .annotate(n=Count("id")).values_list("queue_id", "n"))
    recent: dict[int, list[float]] = {}
    for qid, started, finished in (Ticket.objects.filter(hall=hall, status=Status.SERVED, finished_at__gte=now - RECENT,
                                                         started_at__isnull=False)
                                   .values_list("queue_id", "started_at", "finished_at")):
        if started and finished:
            recent.setdefault(qid, []).append((finished - started).total_seconds() / 60)
    windows = list(Window.objects.filter(hall=hall).prefetch_related("queues"))
    open_on: dict[int, int] = {}
    for w in windows:
        if w.state == WindowState.OPEN:
            for q in w.queues.all():
                open_on[q.pk] = open_on.get(q.pk, 0) + 1
    rows = []
    for q in queues:
        first = oldest.get(q.pk)
        # A ticket kept from an earlier day has waited today since opening.
        longest = None if first is None else max(0.0, (now - max(first, opening)).total_seconds() / 60)
        rows.append(QueueLive(q, queue_now(
            waiting=waiting.get(q.pk, 0), windows_open=open_on.get(q.pk, 0), arrivals_last_hour=arrivals.get(q.pk, 0),
            recent_service_minutes=recent.get(q.pk, []), default_service_minutes=q.service_minutes,
            target_minutes=hall.target_minutes), None if longest is None else round(longest, 1)))
    served_today = Ticket.objects.filter(hall=hall, status=Status.SERVED, finished_at__gte=opening).count()
    return {"queues": rows, "alerts": [r for r in rows if r.now.over_target],
            "waiting": sum(r.now.waiting for r in rows),
            "longest": max((r.longest_wait_minutes for r in rows if r.longest_wait_minutes is not None), default=None),
            "windows": windows, "windows_open": sum(1 for w in windows if w.state == WindowState.OPEN),
            "served_today": served_today, "now": now}


# ---------------------------------------------------------------- a ticket's status


def position(ticket: Ticket, now: dt.datetime | None = None) -> dict[str, Any]:
    """People ahead of a waiting ticket in its queue, and the expected wait (None when it is not waiting)."""
    now = now or timezone.now()
    if ticket.status != Status.WAITING:
        return {"ahead": None, "wait": None}
    today = timezone.localdate(now)
    ahead_q = Ticket.objects.filter(hall_id=ticket.hall_id, day=ticket.day, status=Status.WAITING,
                                    queue_id=ticket.queue_id).exclude(pk=ticket.pk)
    mine = _rank(ticket, now)
    ahead = sum(1 for t in ahead_q.only("tier", "sort_at", "id") if _rank(t, now) < mine)
    windows = Window.objects.filter(hall_id=ticket.hall_id, queues=ticket.queue_id)
    open_n = windows.filter(state=WindowState.OPEN).count() or windows.count() or 1
    service = float(ticket.queue.service_minutes)
    recent = [(s, f) for s, f in Ticket.objects.filter(
        queue_id=ticket.queue_id, status=Status.SERVED, finished_at__gte=now - RECENT, started_at__isnull=False)
        .values_list("started_at", "finished_at")[:50] if s and f]
    if len(recent) >= 3:
        service = sum((f - s).total_seconds() for s, f in recent) / 60 / len(recent)
    wait = round(ahead * service / open_n) if ticket.day == today else None
    return {"ahead": ahead, "wait": wait}


def _rank(t: Ticket, now: dt.datetime) -> tuple:
    tier = Tier.WALK_IN if t.tier == Tier.APPOINTMENT and t.sort_at > now else t.tier
    return (tier, t.sort_at, t.pk)


# ---------------------------------------------------------------- the caller's side panel


def earlier_visits(ticket: Ticket, days: int = REPEAT_DAYS) -> list[dt.date]:
    """The days this holder was served for the same item here in the last `days` days (最多跑一次)."""
    if not ticket.holder or ticket.agent:
        return []
    since = ticket.issued_on - dt.timedelta(days=days)
    return sorted(set(Ticket.objects.filter(hall_id=ticket.hall_id, holder=ticket.holder, item=ticket.item,
                                            status=Status.SERVED, issued_on__gte=since)
                      .exclude(pk=ticket.pk).values_list("issued_on", flat=True)))


def window_waiting(window: Window, today: dt.date) -> list[dict[str, Any]]:
    queues = list(window.queues.filter(active=True))
    counts = waiting_by_queue(window.hall, today)
    targeted = Ticket.objects.filter(target_window=window, status=Status.WAITING, day=today).count()
    out = [{"queue": q, "waiting": counts.get(q.pk, 0)} for q in queues]
    if targeted:
        out.append({"queue": None, "waiting": targeted})
    return out


def today_tickets(hall: TicketingHall, today: dt.date, *, limit: int = 300) -> list[Ticket]:
    return list(Ticket.objects.filter(hall=hall).filter(Q(issued_on=today) | Q(day=today))
                .select_related("queue", "window").order_by("-issued_at", "-id")[:limit])
