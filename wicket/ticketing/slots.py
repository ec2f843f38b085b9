"""Appointment slots: each half-day of the hall cut into the queue's slot length, each slot holding the
queue's limit for that half-day (0: no appointments then)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Queue, TicketingHall
from .workdays import working_days_from

BOOKING_DAYS = 7  # working days ahead the booking page offers, today included


@dataclass(frozen=True)
class Slot:
    queue_id: int
    half: str  # "am" / "pm"
    start: dt.time
    end: dt.time
    limit: int

    @property
    def key(self) -> str:
        """The counter of its bookings (per hall and day)."""
        return f"slot:{self.queue_id}:{self.start:%H%M}"


def _add(t: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(dt.date(2000, 1, 1), t) + dt.timedelta(minutes=minutes)).time()


def slots_of(hall: TicketingHall, queue: Queue) -> list[Slot]:
    out = []
    for half, opens, closes in hall.sessions:
        limit = queue.slot_limit(half)
        if not limit:
            continue
        start = opens
        while _add(start, queue.slot_minutes) <= closes and _add(start, queue.slot_minutes) > start:
            end = _add(start, queue.slot_minutes)
            out.append(Slot(queue.pk, half, start, end, limit))
            start = end
    return out


def slot_at(hall: TicketingHall, queue: Queue, day: dt.date, start: dt.time) -> Slot | None:
    return next((s for s in slots_of(hall, queue) if s.start == start), None)


def booking_days(hall: TicketingHall, today: dt.date) -> list[dt.date]:
    return working_days_from(today, BOOKING_DAYS)
