"""A year of queue tickets for a few demo halls, from a small FIFO multi-window simulation.

Each hall has queues (a ticket prefix, its items, its windows, a mean service time). Tickets arrive
by the hour's weight; each queue's windows call them in order; a window pauses for lunch
(12:00–13:30); whoever is still waiting at 17:00 goes home unserved. Planted problems:

    understaffed   a queue whose afternoon has fewer windows than its demand needs
    scalper        a holder who takes a burst of tickets for different items on some mornings
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from analysis.synth_halls import poisson
from wicket.workcal.selectors import effective_calendar

OPEN, LUNCH, REOPEN, CLOSE = 9 * 60, 12 * 60, 13 * 60 + 30, 17 * 60
HOURS = {9: 1.5, 10: 1.7, 11: 1.2, 13: 0.4, 14: 1.4, 15: 1.3, 16: 0.9}


@dataclass(frozen=True)
class Queue:
    prefix: str
    items: tuple[str, ...]
    windows: tuple[str, ...]
    service_minutes: float
    share: float
    afternoon_windows: int | None = None  # fewer windows after lunch: the planted understaffing


@dataclass(frozen=True)
class HallPlan:
    hall: str
    per_day: float
    queues: tuple[Queue, ...]
    scalper: str = ""  # holder id of the planted scalper, "" for none
    agents: tuple[str, ...] = field(default_factory=tuple)


def open_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """The halls' working days (the county's calendar; Monday–Friday in a year not yet known)."""
    calendar = effective_calendar()
    out, day = [], start
    while day <= end:
        ok = calendar.day_info(day).workday
        if ok:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _arrival(rng: random.Random) -> int:
    """Minute of the day a walk-in takes a ticket."""
    hour = rng.choices(list(HOURS), weights=list(HOURS.values()))[0]
    lo = REOPEN if hour == 13 else hour * 60
    return rng.randrange(lo, hour * 60 + 60)


def _fmt(day: dt.date, minute: float) -> str:
    seconds = int(round(minute * 60))
    return (dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def _serve(rng: random.Random, day: dt.date, q: Queue, arrivals: list[tuple[float, str, str]],
           counter: list[int], weekday_factor: float) -> list[dict]:
    free = dict.fromkeys(q.windows, float(OPEN))
    afternoon = set(q.windows[: q.afternoon_windows]) if q.afternoon_windows else set(q.windows)
    rows = []
    last_called = 0.0  # one queue is called in ticket order: jitter never reorders it
    for issued, item, holder in sorted(arrivals):
        counter[0] += 1
        tid = f"{q.prefix}{day:%Y%m%d}{counter[0]:04d}"
        base = {"ticket_id": tid, "issued_at": _fmt(day, issued), "item": item, "holder": holder, "channel": "现场",
                "queue": q.prefix, "window": "", "called_at": "", "started_at": "", "finished_at": ""}
        if rng.random() < 0.01:
            rows.append(base | {"status": "已取消"})
            continue
        best = None
        for w in q.windows:
            t = max(issued, free[w])
            if LUNCH <= t < REOPEN:
                t = float(REOPEN)
            if t >= LUNCH and w not in afternoon:
                continue
            if best is None or t < best[0]:
                best = (t, w)
        if best is None or best[0] >= CLOSE:
            rows.append(base | {"status": "未叫号"})
            continue
        called, window = max(best[0] + rng.random() * 0.5, last_called + 0.01), best[1]
        last_called = called
        if rng.random() < 0.04:
            free[window] = called + 1
            rows.append(base | {"status": "过号", "window": window, "called_at": _fmt(day, called)})
            continue
        started = called + rng.random() * 0.5
        service = max(1.5, rng.expovariate(1 / (q.service_minutes * weekday_factor)))
        finished = started + service
        free[window] = finished
        rows.append(base | {"status": "已办理", "window": window, "called_at": _fmt(day, called),
                            "started_at": _fmt(day, started), "finished_at": _fmt(day, finished)})
    return rows


def hall_year(plan: HallPlan, *, start: dt.date, end: dt.date, seed: str) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    pool = max(int(plan.per_day * 3000), 1000)  # pseudonymous holders: repeat visits stay rare
    days = open_days(start, end)
    for n, day in enumerate(days):
        factor = {0: 1.25, 1: 1.05, 2: 1.0, 3: 0.95, 4: 0.9}.get(day.weekday(), 0.7) * (1.15 if day.month == 1 else 1.0)
        counter = [0]
        by_queue: dict[str, list[tuple[float, str, str]]] = {q.prefix: [] for q in plan.queues}
        for q in plan.queues:
            for _ in range(poisson(rng, plan.per_day * factor * q.share)):
                holder = f"P{rng.randrange(pool):06d}" if rng.random() < 0.5 else ""
                by_queue[q.prefix].append((float(_arrival(rng)), rng.choice(q.items), holder))
        if plan.scalper and n % 6 == 2:  # the scalper: a burst of tickets for different items at opening
            at = OPEN + 1 + rng.random()
            for k, q in enumerate(plan.queues * 2):
                if k >= 4:
                    break
                by_queue[q.prefix].append((at + k * 0.2, q.items[k % len(q.items)], plan.scalper))
        for q in plan.queues:
            rows.extend(_serve(rng, day, q, by_queue[q.prefix], counter, 1.0))
    for r in rows:
        r["hall"] = plan.hall
    return rows
