"""Erlang C (M/M/c) for counting windows, by the stable Erlang-B recursion.

    B(0) = 1,  B(k) = A·B(k−1) / (k + A·B(k−1))        (Erlang B, blocking)
    C(c) = c·B(c) / (c − A·(1 − B(c)))                 (Erlang C, probability of waiting)
    SL(t) = 1 − C·exp(−(c − A)·t / s)                   (share answered within t)
    W = C·s / (c − A)                                   (mean wait)

A = λ·s is the offered load in Erlangs. No factorials or powers, so it stays finite and exact to
rounding for hundreds of windows. With A ≥ c the queue grows without bound: C = 1, SL = 0, W = ∞.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


def _check(servers: int, load: float) -> None:
    if servers < 0 or int(servers) != servers:
        raise ValueError("窗口数必须是非负整数")
    if load < 0 or not math.isfinite(load):
        raise ValueError("业务量必须是非负有限数")


def erlang_b(servers: int, load: float) -> float:
    """Probability that all `servers` are busy in a loss system with offered load `load` (Erlangs)."""
    _check(servers, load)
    b = 1.0
    for k in range(1, int(servers) + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(servers: int, load: float) -> float:
    """Probability that an arrival has to wait (M/M/c); 1.0 when load >= servers."""
    _check(servers, load)
    if load == 0:
        return 0.0
    if load >= servers:
        return 1.0
    b = erlang_b(servers, load)
    return servers * b / (servers - load * (1 - b))


def offered_load(arrivals_per_hour: float, service_minutes: float) -> float:
    """A = λ × mean service time, in Erlangs."""
    return arrivals_per_hour * service_minutes / 60.0


def wait_probability(servers: int, arrivals_per_hour: float, service_minutes: float) -> float:
    return erlang_c(servers, offered_load(arrivals_per_hour, service_minutes))


def service_level(servers: int, arrivals_per_hour: float, service_minutes: float, target_minutes: float) -> float:
    """Share of arrivals whose wait is at most `target_minutes`."""
    a = offered_load(arrivals_per_hour, service_minutes)
    if a == 0:
        return 1.0
    if a >= servers:
        return 0.0
    c = erlang_c(servers, a)
    return max(0.0, 1.0 - c * math.exp(-(servers - a) * target_minutes / service_minutes))


def mean_wait(servers: int, arrivals_per_hour: float, service_minutes: float) -> float:
    """Mean wait in minutes over all arrivals (math.inf when load >= servers)."""
    a = offered_load(arrivals_per_hour, service_minutes)
    if a == 0:
        return 0.0
    if a >= servers:
        return math.inf
    return erlang_c(servers, a) * service_minutes / (servers - a)


def occupancy(servers: int, arrivals_per_hour: float, service_minutes: float) -> float:
    """Share of window time spent serving, A / c (capped at 1)."""
    if servers == 0:
        return 1.0
    return min(1.0, offered_load(arrivals_per_hour, service_minutes) / servers)


def windows_needed(arrivals_per_hour: float, service_minutes: float, target_minutes: float,
                   service_level_goal: float, *, max_windows: int = 10_000) -> int:
    """The fewest windows whose service level within `target_minutes` reaches the goal."""
    if not 0 < service_level_goal < 1:
        raise ValueError("服务水平目标应在 0 与 1 之间（不含）")
    a = offered_load(arrivals_per_hour, service_minutes)
    if a == 0:
        return 0
    c = max(1, math.floor(a) + 1)
    # One Erlang-B pass up to c, then one step per extra window: O(c) in all.
    b = erlang_b(c - 1, a)
    while c <= max_windows:
        b = a * b / (c + a * b)
        wait = c * b / (c - a * (1 - b))
        if 1.0 - wait * math.exp(-(c - a) * target_minutes / service_minutes) >= service_level_goal:
            return c
        c += 1
    raise ValueError(f"超过 {max_windows} 个窗口仍达不到服务水平目标")


@dataclass(frozen=True)
class Staffing:
    """What Erlang C says about one arrival rate served by a number of windows."""

    windows: int
    arrivals_per_hour: float
    service_minutes: float
    target_minutes: float
    load: float
    wait_probability: float
    service_level: float
    mean_wait_minutes: float
    occupancy: float

    def to_dict(self) -> dict[str, Any]:
        return {"windows": self.windows, "arrivals_per_hour": self.arrivals_per_hour,
                "service_minutes": self.service_minutes, "target_minutes": self.target_minutes,
                "load": round(self.load, 4), "wait_probability": round(self.wait_probability, 4),
                "service_level": round(self.service_level, 4),
                "mean_wait_minutes": None if math.isinf(self.mean_wait_minutes)
                else round(self.mean_wait_minutes, 3),
                "occupancy": round(self.occupancy, 4)}


def staffing(windows: int, arrivals_per_hour: float, service_minutes: float, target_minutes: float) -> Staffing:
    return Staffing(windows=windows, arrivals_per_hour=arrivals_per_hour, service_minutes=service_minutes,
                    target_minutes=target_minutes, load=offered_load(arrivals_per_hour, service_minutes),
                    wait_probability=wait_probability(windows, arrivals_per_hour, service_minutes),
                    service_level=service_level(windows, arrivals_per_hour, service_minutes, target_minutes),
                    mean_wait_minutes=mean_wait(windows, arrivals_per_hour, service_minutes),
                    occupancy=occupancy(windows, arrivals_per_hour, service_minutes))


def staffing_for(arrivals_per_hour: float, service_minutes: float, target_minutes: float,
                 service_level_goal: float) -> Staffing:
    """The fewest windows meeting the goal, with their figures."""
    c = windows_needed(arrivals_per_hour, service_minutes, target_minutes, service_level_goal)
    return staffing(c, arrivals_per_hour, service_minutes, target_minutes)
