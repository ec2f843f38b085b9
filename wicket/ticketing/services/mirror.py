"""Wicket's tickets as the hall's ticket log (the format of uploaded logs), so the hall-data dashboards,
KPIs and detectors cover a ticketing hall with no upload; and the daily job that stores them.

One row per ticket and day it waited on:

- a ticket served, missed or cancelled the day it was taken: one row, as a queue machine writes it;
- a ticket kept over closing (隔日保留): on each day it was not called, a row `unserved` with no holder
  (the hall did not serve it that day, and the KPI "not served by closing" must say so; without a
  holder it cannot look like 头天排号第二天不能用, since the holder never had to take a new ticket);
  on the day it is called, a row of its own (`<id>+1`), issued at that day's opening, channel
  `priority` (it is called before walk-ins by rule, so it is no queue jumping), with the holder;
- a registered agent's tickets carry no holder (the detectors whitelist agents; the log has no list);
- a transferred ticket stays one row: its first call, its first start, its finish, the window that
  finished it, the queue it was taken in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from wicket.halldata.services import tickets_store_for_hall
from wicket.ticketing.models import Action, Queue, Status, Ticket, TicketEvent, TicketingHall

from .closing import ensure_day_open

FMT = "%Y-%m-%d %H:%M:%S"
FINAL_STATUS = {Status.SERVED: "served", Status.NO_SHOW: "no_show", Status.CANCELLED: "cancelled",
                Status.WAITING: "unserved", Status.CALLED: "no_show", Status.SERVING: "served"}


def _text(value: dt.datetime | None) -> str | None:
    return None if value is None else timezone.localtime(value).strftime(FMT)


def ticket_rows(hall: TicketingHall, first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    """The log rows of the days first…last (each row's day is its issued_at's)."""
    tickets = list(Ticket.objects.filter(hall=hall, issued_on__lte=last, day__gte=first)
                   .select_related("window").order_by("issued_at", "id"))
    queues = {q.prefix: q.name for q in Queue.objects.filter(hall=hall)}
    carried_ids = [t.pk for t in tickets if t.carried]
    chains: dict[int, list[dt.date]] = defaultdict(list)
    calls: dict[int, list[dt.datetime]] = defaultdict(list)
    for e in (TicketEvent.objects.filter(ticket_id__in=carried_ids, action__in=[Action.CARRY, Action.CALL])
              .order_by("id").values("ticket_id", "action", "at", "data")):
        if e["action"] == Action.CARRY:
            chains[e["ticket_id"]].append(dt.date.fromisoformat(e["data"]["to"]))
        else:
            calls[e["ticket_id"]].append(e["at"])
    rows = []
    for t in tickets:
        base = {"hall": hall.hall.name, "item": t.item, "queue": queues.get(t.code[0], t.queue.name),
                "window": t.window.label if t.window else None}
        ticket_id = f"{t.issued_on:%Y%m%d}-{t.code}"
        holder = "" if t.agent else t.holder
        days = [t.issued_on, *chains.get(t.pk, [])] if t.carried else [t.issued_on]
        for k, day in enumerate(days):
            if not first <= day <= last:
                continue
            final = k == len(days) - 1
            if not final:
                rows.append({**base, "window": None, "ticket_id": ticket_id if k == 0 else f"{ticket_id}+{k}",
                             "issued_at": _text(t.issued_at) if k == 0 else _opening(hall, day),
                             "holder": None, "channel": t.channel if k == 0 else "priority", "status": "unserved"})
                continue
            rows.append(_final_row(hall, t, base, day, k, ticket_id, holder, calls.get(t.pk, [])))
    return rows


def _opening(hall: TicketingHall, day: dt.date) -> str:
    return dt.datetime.combine(day, hall.am_open).strftime(FMT)


def _final_row(hall: TicketingHall, t: Ticket, base: dict[str, Any], day: dt.date, k: int, ticket_id: str,
               holder: str, calls: list[dt.datetime]) -> dict[str, Any]:
    status = FINAL_STATUS[Status(t.status)]
    called = t.called_at
    if k:  # a carried ticket: its first call on the day it was served
        called = next((c for c in calls if timezone.localdate(c) == day), None)
    called = None if status in ("unserved", "cancelled") else called
    started = t.started_at if status == "served" else None
    if started is not None and called is not None:
        started = max(started, called)
    finished = t.finished_at if status == "served" else None
    if finished is not None and started is not None:
        finished = max(finished, started)
    issued = _text(t.issued_at)
    if k:
        opening = timezone.make_aware(dt.datetime.combine(day, hall.am_open))
        issued = _text(min(opening, called) if called else opening)
    return {**base, "ticket_id": ticket_id if k == 0 else f"{ticket_id}+{k}", "issued_at": issued,
            "called_at": _text(called), "started_at": _text(started), "finished_at": _text(finished),
            "holder": holder or None, "channel": t.channel if k == 0 else "priority", "status": status,
            "window": base["window"] if called else None}


@transaction.atomic
def hall_mirror(*, hall: TicketingHall, through: dt.date) -> tuple[int, str]:
    """Store the hall's closed days up to `through` into the hall data (replacing those days) and analyse them.
    Returns (rows stored, the intake summary)."""
    hall = TicketingHall.objects.select_for_update().select_related("hall__unit").get(pk=hall.pk)
    ensure_day_open(hall, through + dt.timedelta(days=1))
    first = (hall.synced_through + dt.timedelta(days=1)) if hall.synced_through else (
        Ticket.objects.filter(hall=hall).order_by("issued_on").values_list("issued_on", flat=True).first())
    if first is None or first > through:
        return 0, ""
    rows = ticket_rows(hall, first, through)
    summary = ""
    if rows:
        _upload, result = tickets_store_for_hall(hall=hall.hall, rows=rows,
                                                 name=f"取号叫号-{hall.hall.name}-{first:%Y%m%d}-{through:%Y%m%d}.csv")
        summary = result.summary()
    hall.synced_through = through
    hall.save(update_fields=["synced_through"])
    return len(rows), summary


def ticketing_daily(*, now: dt.datetime | None = None) -> list[str]:
    """The nightly job: close every day before today (carry its waiting tickets to the next working day)
    and mirror the closed days into the hall data, whose analysis files its findings through the intake.
    Run after midnight, so a hall that serves late (延时服务) is never cut short."""
    now = now or timezone.now()
    through = timezone.localdate(now) - dt.timedelta(days=1)
    lines = []
    for hall in TicketingHall.objects.filter(enabled=True).select_related("hall").order_by("pk"):
        rows, summary = hall_mirror(hall=hall, through=through)
        lines.append(f"{hall.hall.name}：{rows} 条记录" + (f"；{summary}" if summary else ""))
    return lines
