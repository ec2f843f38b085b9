"""The booking page's slots with their places left (one query for the day's counters)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from wicket.ticketing.models import Counter, Queue, TicketingHall
from wicket.ticketing.slots import slots_of


def slot_table(hall: TicketingHall, queue: Queue, day: dt.date, now: dt.datetime) -> list[dict[str, Any]]:
    slots = slots_of(hall, queue)
    booked = dict(Counter.objects.filter(hall=hall, day=day, key__in=[s.key for s in slots])
                  .values_list("key", "value"))
    out = []
    for s in slots:
        taken = booked.get(s.key, 0)
        started = timezone.make_aware(dt.datetime.combine(day, s.start)) <= now
        out.append({"slot": s, "left": max(s.limit - taken, 0), "open": not started and taken < s.limit,
                    "value": f"{s.start:%H:%M}", "label": f"{s.start:%H:%M}–{s.end:%H:%M}"})
    return out
