"""Closing a day: tickets still waiting keep their number and move to the next working day, where they
are called first (头天排号第二天仍然有效); a ticket left called or in service is settled; windows close.

It runs from the daily job after closing and, should the job not have run, at the hall's first ticket
or call of a later day (`ensure_day_open`), so a carried ticket is never lost or called late.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.ticketing.models import (
    Action,
    Status,
    Ticket,
    TicketEvent,
    TicketingHall,
    Tier,
    Window,
    WindowState,
)
from wicket.ticketing.workdays import next_working_day


def _closing_at(hall: TicketingHall, day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, hall.closing))


@transaction.atomic
def day_close(*, hall: TicketingHall, day: dt.date, now: dt.datetime | None = None) -> int:
    """Close `day` for the hall (idempotent). Returns how many tickets were carried to the next working day."""
    now = now or timezone.now()
    hall = TicketingHall.objects.select_for_update().get(pk=hall.pk)
    to = next_working_day(day)
    closing = min(now, _closing_at(hall, day))
    waiting = list(Ticket.objects.filter(hall=hall, day__lte=day, status=Status.WAITING).order_by("sort_at", "id"))
    events = []
    for t in waiting:
        events.append(TicketEvent(hall=hall, ticket=t, action=Action.CARRY, at=now, data={
            "from": t.day.isoformat(), "to": to.isoformat()},
            reason=_("下班时未叫到，保留到 %(day)s，开门后优先叫号") % {"day": f"{to:%m月%d日}"}))
        # Carried tickets among themselves: in the order they were taken.
        t.day, t.carried, t.tier, t.target_window, t.sort_at = to, t.carried + 1, Tier.CARRIED, None, t.issued_at
    Ticket.objects.bulk_update(waiting, ["day", "carried", "tier", "sort_at", "target_window"])
    # Left at a window when the hall closed: in service → done at closing; called but never came → no-show.
    for t in Ticket.objects.filter(hall=hall, day__lte=day, status__in=[Status.CALLED, Status.SERVING]):
        served = t.status == Status.SERVING
        t.status = Status.SERVED if served else Status.NO_SHOW
        t.finished_at = max(closing, t.started_at or closing) if served else None
        t.save(update_fields=["status", "finished_at"])
        events.append(TicketEvent(hall=hall, ticket=t, window_id=t.window_id, action=Action.CLOSE, at=now,
                                  reason=_("下班时仍在办理，按办结记录") if served else _("下班时叫号未到，按过号记录")))
    TicketEvent.objects.bulk_create(events)
    Window.objects.filter(hall=hall).exclude(state=WindowState.CLOSED).update(
        state=WindowState.CLOSED, state_reason="", state_since=now)
    if hall.closed_through is None or hall.closed_through < day:
        hall.closed_through = day
        hall.save(update_fields=["closed_through"])
    return len(waiting)


def ensure_day_open(hall: TicketingHall, today: dt.date, *, now: dt.datetime | None = None) -> None:
    """Before the first ticket or call of `today`: close every earlier day that still has open tickets."""
    yesterday = today - dt.timedelta(days=1)
    if hall.closed_through is not None and hall.closed_through >= yesterday:
        return
    for _round in range(366):  # a day's carried tickets may land on a day that has passed too
        day = (Ticket.objects.filter(hall=hall, day__lt=today, status__in=[Status.WAITING, Status.CALLED,
                                                                           Status.SERVING])
               .order_by("day").values_list("day", flat=True).first())
        if day is None:
            break
        day_close(hall=hall, day=day, now=now)
    TicketingHall.objects.filter(pk=hall.pk).filter(closed_through__lt=yesterday).update(closed_through=yesterday)
    TicketingHall.objects.filter(pk=hall.pk, closed_through__isnull=True).update(closed_through=yesterday)
    hall.closed_through = yesterday
