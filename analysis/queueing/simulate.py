"""Replay a hall's day with ciw to check a staffing plan (Erlang C is optimistic near full load).

Time is in minutes from opening. Walk-ins arrive as a Poisson process whose rate changes hour by
hour; appointments arrive at booked times spread evenly over their hour and go ahead of walk-ins;
tickets kept valid from the day before are served first at opening. Windows follow the plan hour by
hour; at closing no one new is called (a service under way is finished), and everyone still waiting
is counted as sent home unserved. With `keep_overnight` their tickets are valid the next morning;
without it they come back during the first hour and queue again like everyone else.
"""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import ciw
import numpy as np

from .report import Stats
from .staffing import WEEKDAY_NAMES, StaffingPlan

_AFTER_CLOSING = 24 * 60.0  # simulate on past closing so services under way can finish


@dataclass(frozen=True)
class DayPlan:
    """One day at one hall: per opening hour, walk-in and appointment rates and windows open."""

    arrivals_per_hour: tuple[float, ...]  # walk-ins per hour
    windows: tuple[int, ...]
    service_minutes: float
    appointments_per_hour: tuple[float, ...] = ()
    opening_hour: int = 9  # for labels only

    def __post_init__(self) -> None:
        if len(self.windows) != len(self.arrivals_per_hour):
            raise ValueError("每个小时都要给出窗口数")
        if self.appointments_per_hour and len(self.appointments_per_hour) != len(self.arrivals_per_hour):
            raise ValueError("预约量与到达量的小时数不一致")
        if self.service_minutes <= 0:
            raise ValueError("平均办理时长必须大于 0")

    @property
    def hours(self) -> int:
        return len(self.arrivals_per_hour)


@dataclass(frozen=True)
class SimulatedDay:
    day: int  # 1-based
    arrivals: float  # means over replications
    carried_over: float
    served: float  # called by closing
    unserved: float
    service_level: float | None
    wait_mean: float | None

    def to_dict(self) -> dict[str, Any]:
        r = lambda v: None if v is None else round(v, 4)  # noqa: E731
        return {"day": self.day, "arrivals": r(self.arrivals), "carried_over": r(self.carried_over),
                "served": r(self.served), "unserved": r(self.unserved), "service_level": r(self.service_level),
                "wait_mean": r(self.wait_mean)}


@dataclass(frozen=True)
class SimulationResult:
    plan: DayPlan
    days: int
    replications: int
    keep_overnight: bool
    target_minutes: float
    wait_minutes: Stats  # over everyone called, all days and replications
    service_level: float | None
    unserved_per_day: float
    per_day: list[SimulatedDay] = field(default_factory=list)
    by_hour: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"days": self.days, "replications": self.replications, "keep_overnight": self.keep_overnight,
                "target_minutes": self.target_minutes, "service_minutes": self.plan.service_minutes,
                "windows": list(self.plan.windows), "arrivals_per_hour": list(self.plan.arrivals_per_hour),
                "wait_minutes": self.wait_minutes.to_dict(),
                "service_level": None if self.service_level is None else round(self.service_level, 4),
                "unserved_per_day": round(self.unserved_per_day, 3),
                "per_day": [d.to_dict() for d in self.per_day], "by_hour": self.by_hour}


def _sequence(times: Sequence[float]) -> ciw.dists.Sequential | None:
    """Arrivals at the given times (minutes from opening)."""
    if not times:
        return None
    ts = sorted(max(t, 1e-9) for t in times)
    gaps = [ts[0]] + [max(b - a, 1e-9) for a, b in zip(ts, ts[1:], strict=False)] + [math.inf]
    return ciw.dists.Sequential(gaps)


def _one_day(plan: DayPlan, carried: int, returning: int, rng: random.Random) -> tuple[list[tuple[float, float]], int, int]:
    """One replication of one day: (arrival, wait) of everyone called, how many came, how many not called."""
    closing = 60.0 * plan.hours
    endpoints = [60.0 * (h + 1) for h in range(plan.hours)]
    walk_in = ciw.dists.PoissonIntervals([r / 60.0 for r in plan.arrivals_per_hour], endpoints, closing) \
        if any(plan.arrivals_per_hour) else None
    booked = [60.0 * h + 60.0 * (k + 0.5) / n
              for h, rate in enumerate(plan.appointments_per_hour) if (n := int(round(rate))) > 0
              for k in range(n)]
    back = [rng.uniform(0, min(60.0, closing)) for _ in range(returning)]
    arrivals = {"carried": _sequence([1e-9 * (i + 1) for i in range(carried)]),
                "appointment": _sequence(booked), "onsite": walk_in, "returning": _sequence(back)}
    classes = [c for c, d in arrivals.items() if d is not None]
    if not classes:
        return [], 0, 0
    service = ciw.dists.Exponential(1.0 / plan.service_minutes)
    priority = {"carried": 0, "appointment": 1, "onsite": 2, "returning": 2}
    network = ciw.create_network(
        arrival_distributions={c: [arrivals[c]] for c in classes},
        service_distributions={c: [service] for c in classes},
        number_of_servers=[ciw.Schedule(numbers_of_servers=[*plan.windows, 0],
                                        shift_end_dates=[*endpoints, closing + _AFTER_CLOSING])],
        # ciw wants priorities numbered 0..k-1 over the classes present
        priority_classes={c: sorted({priority[x] for x in classes}).index(priority[c]) for c in classes})
    with warnings.catch_warnings():  # ciw deep-copies itertools objects (deprecated in Python 3.12)
        warnings.simplefilter("ignore", DeprecationWarning)
        sim = ciw.Simulation(network)
        sim.simulate_until_max_time(closing + _AFTER_CLOSING)
    called = [(r.arrival_date, r.waiting_time) for r in sim.get_all_records() if r.record_type == "service"]
    came = sim.nodes[0].number_of_individuals
    return called, came, came - len(called)


def simulate(plan: DayPlan, *, days: int = 1, keep_overnight: bool = True, carried_over: int = 0,
             target_minutes: float = 30, replications: int = 20, seed: int = 1) -> SimulationResult:
    """Simulate `days` consecutive days of `plan`, `replications` times, and average."""
    if days < 1 or replications < 1:
        raise ValueError("天数和重复次数至少为 1")
    waits: list[float] = []
    hour_waits: list[list[float]] = [[] for _ in range(plan.hours)]
    per_day = np.zeros((days, 4))  # arrivals, carried, served, unserved
    day_waits: list[list[float]] = [[] for _ in range(days)]
    for rep in range(replications):
        ciw.seed(seed * 10_007 + rep)
        rng = random.Random(seed * 7_919 + rep)
        left = carried_over
        for d in range(days):
            carried, returning = (left, 0) if keep_overnight else (0, left)
            called, came, left = _one_day(plan, carried, returning, rng)
            per_day[d] += (came, carried, len(called), left)
            for arrival, wait in called:
                waits.append(wait)
                day_waits[d].append(wait)
                hour_waits[min(int(arrival // 60), plan.hours - 1)].append(wait)
    per_day /= replications
    within = lambda ws: (sum(w <= target_minutes for w in ws) / len(ws)) if ws else None  # noqa: E731
    return SimulationResult(
        plan=plan, days=days, replications=replications, keep_overnight=keep_overnight,
        target_minutes=target_minutes, wait_minutes=_stats(waits), service_level=within(waits),
        unserved_per_day=float(per_day[:, 3].mean()),
        per_day=[SimulatedDay(day=d + 1, arrivals=float(per_day[d, 0]), carried_over=float(per_day[d, 1]),
                              served=float(per_day[d, 2]), unserved=float(per_day[d, 3]),
                              service_level=within(day_waits[d]),
                              wait_mean=float(np.mean(day_waits[d])) if day_waits[d] else None)
                 for d in range(days)],
        by_hour=[{"hour": plan.opening_hour + h, "windows": plan.windows[h],
                  "arrivals_per_hour": plan.arrivals_per_hour[h], "called": len(ws) / replications / days,
                  "wait_mean": round(float(np.mean(ws)), 3) if ws else None,
                  "service_level": None if not ws else round(within(ws) or 0.0, 4)}
                 for h, ws in enumerate(hour_waits)])


def simulate_day(plan: DayPlan, *, carried_over: int = 0, target_minutes: float = 30,
                 replications: int = 20, seed: int = 1) -> SimulationResult:
    """One day; `carried_over` tickets from yesterday are served first at opening."""
    return simulate(plan, days=1, carried_over=carried_over, target_minutes=target_minutes,
                    replications=replications, seed=seed)


def _stats(values: list[float]) -> Stats:
    if not values:
        return Stats(0, None, None, None, None, None)
    a = np.asarray(values)
    q = np.percentile(a, [50, 90, 95])
    return Stats(len(values), float(a.mean()), float(q[0]), float(q[1]), float(q[2]), float(a.max()))


def day_plan(plan: StaffingPlan, *, hall: str, weekday: int, windows: str = "needed") -> DayPlan:
    """A DayPlan from a staffing plan's slots for one hall and weekday.

    windows="needed" takes Erlang C's universal windows, "open" the windows the log shows open.
    """
    slots = {s.hour: s for s in plan.slots if s.hall == hall and s.weekday == weekday}
    if not slots:
        raise ValueError(f"日志中没有大厅“{hall}”在{WEEKDAY_NAMES[weekday] if 1 <= weekday <= 7 else weekday}的数据")
    if windows not in ("needed", "open"):
        raise ValueError("windows 应为 needed 或 open")
    first, last = min(slots), max(slots)
    hours = range(first, last + 1)
    total = sum(s.arrivals_per_hour * s.service_minutes for s in slots.values())
    demand = sum(s.arrivals_per_hour for s in slots.values())
    service = total / demand if demand else 1.0

    def count(h: int) -> int:
        s = slots.get(h)
        if s is None:
            return 0
        return s.windows_needed if windows == "needed" else int(round(s.windows_open))
    return DayPlan(
        arrivals_per_hour=tuple(max(0.0, slots[h].arrivals_per_hour - slots[h].appointments_per_hour)
                                if h in slots else 0.0 for h in hours),
        appointments_per_hour=tuple(slots[h].appointments_per_hour if h in slots else 0.0 for h in hours),
        windows=tuple(count(h) for h in hours), service_minutes=service, opening_hour=first)
