"""The KPI report's dataclasses and its JSON shape (see docs/analysis/queue.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from analysis.common import Finding

WEEKDAYS = ("", "周一", "周二", "周三", "周四", "周五", "周六", "周日")  # ISO weekday 1..7


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


@dataclass(frozen=True)
class Stats:
    """Distribution of a duration in minutes; percentiles linear-interpolated (quantile_cont)."""

    count: int
    mean: float | None
    p50: float | None
    p90: float | None
    p95: float | None
    max: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "mean": _r(self.mean), "p50": _r(self.p50), "p90": _r(self.p90),
                "p95": _r(self.p95), "max": _r(self.max)}


@dataclass(frozen=True)
class Kpis:
    """The KPI definitions of the product brief over one group of tickets."""

    tickets: int
    called: int
    served: int
    no_show: int
    unserved: int
    cancelled: int
    wait_minutes: Stats
    service_minutes: Stats
    within_target: int  # called tickets with wait <= target

    @property
    def service_level(self) -> float | None:
        """Share of called tickets with wait <= target; None when nobody was called."""
        return self.within_target / self.called if self.called else None

    @property
    def unserved_share(self) -> float | None:
        """Tickets sent home unserved at closing, as a share of tickets issued."""
        return self.unserved / self.tickets if self.tickets else None

    def to_dict(self) -> dict[str, Any]:
        return {"tickets": self.tickets, "called": self.called, "served": self.served,
                "no_show": self.no_show, "unserved": self.unserved, "cancelled": self.cancelled,
                "unserved_share": _r(self.unserved_share, 4),
                "wait_minutes": self.wait_minutes.to_dict(),
                "service_minutes": self.service_minutes.to_dict(),
                "service_level": _r(self.service_level, 4)}


@dataclass(frozen=True)
class HallKpis:
    hall: str
    kpis: Kpis

    def to_dict(self) -> dict[str, Any]:
        return {"hall": self.hall, **self.kpis.to_dict()}


@dataclass(frozen=True)
class DayKpis:
    hall: str
    day: dt.date
    kpis: Kpis
    peak_queue: int  # most people waiting at once (issued, not yet called, not cancelled)
    peak_queue_at: dt.datetime | None

    @property
    def weekday(self) -> int:
        return self.day.isoweekday()

    def to_dict(self) -> dict[str, Any]:
        return {"hall": self.hall, "day": self.day.isoformat(), "weekday": self.weekday,
                **self.kpis.to_dict(), "peak_queue": self.peak_queue,
                "peak_queue_at": self.peak_queue_at.isoformat(sep=" ") if self.peak_queue_at else None}


@dataclass(frozen=True)
class HourKpis:
    """Tickets by the hour of day they were issued."""

    hall: str
    hour: int
    kpis: Kpis

    def to_dict(self) -> dict[str, Any]:
        return {"hall": self.hall, "hour": self.hour, **self.kpis.to_dict()}


@dataclass(frozen=True)
class WeekdayHourKpis:
    hall: str
    weekday: int  # ISO: 1 = Monday … 7 = Sunday
    hour: int
    kpis: Kpis

    def to_dict(self) -> dict[str, Any]:
        return {"hall": self.hall, "weekday": self.weekday, "hour": self.hour, **self.kpis.to_dict()}


@dataclass(frozen=True)
class WindowKpis:
    """Tickets called at one window. Utilisation = busy minutes / open minutes, where a window is
    open each day from its first call to its last call (or the end of that last service)."""

    hall: str
    window: str
    kpis: Kpis
    queues: tuple[str, ...]
    days_open: int
    busy_minutes: float
    open_minutes: float

    @property
    def utilisation(self) -> float | None:
        return self.busy_minutes / self.open_minutes if self.open_minutes > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {"hall": self.hall, "window": self.window, **self.kpis.to_dict(),
                "queues": list(self.queues), "days_open": self.days_open,
                "busy_minutes": _r(self.busy_minutes), "open_minutes": _r(self.open_minutes),
                "utilisation": _r(self.utilisation, 4)}


@dataclass(frozen=True)
class ItemKpis:
    hall: str
    item: str
    kpis: Kpis

    def to_dict(self) -> dict[str, Any]:
        return {"hall": self.hall, "item": self.item, **self.kpis.to_dict()}


@dataclass(frozen=True)
class KpiReport:
    target_minutes: float
    first_day: dt.date | None
    last_day: dt.date | None
    overall: Kpis
    by_hall: list[HallKpis]
    by_day: list[DayKpis]
    by_hour: list[HourKpis]
    by_weekday_hour: list[WeekdayHourKpis]
    by_window: list[WindowKpis]
    by_item: list[ItemKpis]
    findings: list[Finding] = field(default_factory=list)

    @property
    def halls(self) -> list[str]:
        return [h.hall for h in self.by_hall]

    def wait_matrix(self, hall: str, *, statistic: str = "mean") -> dict[str, Any]:
        """Weekday × hour grid of a wait statistic (mean, p50, p90, p95, max) or service_level,
        for a heat map: rows are weekdays 1..7, columns the hours seen in the log, None where empty."""
        rows = [r for r in self.by_weekday_hour if r.hall == hall]
        hours = sorted({r.hour for r in rows})
        cell: dict[tuple[int, int], float | None] = {}
        for r in rows:
            if statistic == "service_level":
                cell[(r.weekday, r.hour)] = r.kpis.service_level
            else:
                cell[(r.weekday, r.hour)] = getattr(r.kpis.wait_minutes, statistic)
        return {"hall": hall, "statistic": statistic, "hours": hours, "weekdays": list(range(1, 8)),
                "values": [[cell.get((wd, h)) for h in hours] for wd in range(1, 8)]}

    def to_dict(self) -> dict[str, Any]:
        return {
            "target_minutes": self.target_minutes,
            "period": {"first_day": self.first_day.isoformat() if self.first_day else None,
                       "last_day": self.last_day.isoformat() if self.last_day else None},
            "overall": self.overall.to_dict(),
            "by_hall": [r.to_dict() for r in self.by_hall],
            "by_day": [r.to_dict() for r in self.by_day],
            "by_hour": [r.to_dict() for r in self.by_hour],
            "by_weekday_hour": [r.to_dict() for r in self.by_weekday_hour],
            "by_window": [r.to_dict() for r in self.by_window],
            "by_item": [r.to_dict() for r in self.by_item],
            "findings": [f.to_dict() for f in self.findings],
        }
