"""Windows needed per weekday × hour from a ticket log, against windows actually open, and what
pooling dedicated windows into universal windows (综合窗口) would save.

Demand in an hour = tickets issued in it that wanted service (served + unserved; no-shows and
cancellations left out), averaged over the dates of that weekday the hall was open. Service time
is each queue's mean over the whole log. Windows open = distinct windows that called someone in
that hour, averaged the same way. Dedicated: every queue gets its own windows (sum of Erlang C per
queue). Universal: one pool for all queues with the demand-weighted mean service time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from analysis.common import Finding

from .engine import connect
from .erlang import staffing, windows_needed
from .kpis import BASE_VIEW, TicketSource, as_log


@dataclass(frozen=True)
class QueueDemand:
    queue: str
    arrivals_per_hour: float
    service_minutes: float
    windows_needed: int

    def to_dict(self) -> dict[str, Any]:
        return {"queue": self.queue, "arrivals_per_hour": round(self.arrivals_per_hour, 3),
                "service_minutes": round(self.service_minutes, 3), "windows_needed": self.windows_needed}


@dataclass(frozen=True)
class PlanSlot:
    hall: str
    weekday: int
    hour: int
    dates: int  # how many dates of this weekday the averages are over
    arrivals_per_hour: float
    appointments_per_hour: float
    service_minutes: float
    windows_open: float
    windows_needed: int  # universal windows (one pool)
    windows_needed_dedicated: int  # every queue on its own windows
    service_level_open: float | None  # Erlang C with round(windows_open) windows
    queues: tuple[QueueDemand, ...] = ()

    @property
    def shortfall(self) -> float:
        return self.windows_needed - self.windows_open

    @property
    def pooling_saves(self) -> int:
        return self.windows_needed_dedicated - self.windows_needed

    def to_dict(self) -> dict[str, Any]:
        return {"hall": self.hall, "weekday": self.weekday, "hour": self.hour, "dates": self.dates,
                "arrivals_per_hour": round(self.arrivals_per_hour, 3),
                "appointments_per_hour": round(self.appointments_per_hour, 3),
                "service_minutes": round(self.service_minutes, 3), "windows_open": round(self.windows_open, 2),
                "windows_needed": self.windows_needed, "windows_needed_dedicated": self.windows_needed_dedicated,
                "pooling_saves": self.pooling_saves, "shortfall": round(self.shortfall, 2),
                "service_level_open": None if self.service_level_open is None else round(self.service_level_open, 4),
                "queues": [q.to_dict() for q in self.queues]}


@dataclass(frozen=True)
class StaffingPlan:
    target_minutes: float
    service_level_goal: float
    slots: list[PlanSlot]
    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> list[dict[str, Any]]:
        """Per hall, window-hours in an average week: open, needed universal, needed dedicated."""
        halls: dict[str, dict[str, Any]] = {}
        for s in self.slots:
            h = halls.setdefault(s.hall, {"hall": s.hall, "window_hours_open": 0.0, "window_hours_needed": 0,
                                          "window_hours_dedicated": 0, "peak_windows_needed": 0,
                                          "slots_short": 0})
            h["window_hours_open"] += s.windows_open
            h["window_hours_needed"] += s.windows_needed
            h["window_hours_dedicated"] += s.windows_needed_dedicated
            h["peak_windows_needed"] = max(h["peak_windows_needed"], s.windows_needed)
            h["slots_short"] += s.shortfall > 0.5
        for h in halls.values():
            h["window_hours_open"] = round(h["window_hours_open"], 2)
        return list(halls.values())

    def to_dict(self) -> dict[str, Any]:
        return {"target_minutes": self.target_minutes, "service_level_goal": self.service_level_goal,
                "summary": self.summary(), "slots": [s.to_dict() for s in self.slots],
                "findings": [f.to_dict() for f in self.findings]}


_PLAN_SQL = """
WITH dates AS (SELECT DISTINCT hall, day, wd FROM tk),
ndates AS (SELECT hall, wd, count(*) AS n FROM dates GROUP BY ALL),
svc AS (SELECT hall, queue, avg(svc_us) / 60e6 AS s FROM tk WHERE svc_us IS NOT NULL GROUP BY ALL),
hall_svc AS (SELECT hall, avg(svc_us) / 60e6 AS s FROM tk WHERE svc_us IS NOT NULL GROUP BY ALL),
demand AS (SELECT hall, wd, hr, queue, count_if(status IN ('served', 'unserved')) AS n,
                  count_if(status IN ('served', 'unserved') AND channel = 'appointment') AS appt
           FROM tk GROUP BY ALL),
opened AS (SELECT hall, wd, hr, count(*) AS window_hours FROM (
             SELECT DISTINCT hall, CAST(called_at AS DATE) AS day, isodow(called_at)::INTEGER AS wd,
                    hour(called_at)::INTEGER AS hr, "window"
             FROM tk WHERE "window" IS NOT NULL AND called_at IS NOT NULL)
           GROUP BY ALL)
SELECT coalesce(d.hall, o.hall) AS hall, coalesce(d.wd, o.wd) AS wd, coalesce(d.hr, o.hr) AS hr,
       d.queue, coalesce(d.n, 0) AS n, coalesce(d.appt, 0) AS appt,
       coalesce(svc.s, hall_svc.s) AS s, coalesce(o.window_hours, 0) AS window_hours, nd.n AS dates
FROM demand d FULL JOIN opened o ON d.hall = o.hall AND d.wd = o.wd AND d.hr = o.hr
LEFT JOIN svc ON svc.hall = d.hall AND svc.queue = d.queue
LEFT JOIN hall_svc ON hall_svc.hall = coalesce(d.hall, o.hall)
JOIN ndates nd ON nd.hall = coalesce(d.hall, o.hall) AND nd.wd = coalesce(d.wd, o.wd)
ORDER BY 1, 2, 3, 4
"""


def staffing_plan(source: TicketSource, *, target_minutes: float = 30,
                  service_level_goal: float = 0.8) -> StaffingPlan:
    """Windows needed per hall × weekday × hour (universal and dedicated) against windows open."""
    con = connect()
    as_log(source).register(con, materialize=True)
    con.execute(BASE_VIEW)
    groups: dict[tuple[str, int, int], list[tuple[Any, ...]]] = defaultdict(list)
    for row in con.execute(_PLAN_SQL).fetchall():
        groups[(row[0], row[1], row[2])].append(row)
    slots = []
    for (hall, wd, hr), rows in groups.items():
        dates = int(rows[0][8])
        open_windows = rows[0][7] / dates
        queues = []
        for _, _, _, queue, n, _, s, _, _ in rows:
            if queue is None or n == 0 or s is None or s <= 0:
                continue
            lam = n / dates
            queues.append(QueueDemand(queue, lam, float(s),
                                      windows_needed(lam, float(s), target_minutes, service_level_goal)))
        lam_total = sum(q.arrivals_per_hour for q in queues)
        appt = sum(r[5] for r in rows) / dates
        s_pool = (sum(q.arrivals_per_hour * q.service_minutes for q in queues) / lam_total) if lam_total else 0.0
        needed = windows_needed(lam_total, s_pool, target_minutes, service_level_goal) if lam_total else 0
        at_open = round(open_windows)
        sl_open = (staffing(at_open, lam_total, s_pool, target_minutes).service_level if lam_total else None)
        slots.append(PlanSlot(hall=hall, weekday=wd, hour=hr, dates=dates, arrivals_per_hour=lam_total,
                              appointments_per_hour=appt, service_minutes=s_pool, windows_open=open_windows,
                              windows_needed=needed,
                              windows_needed_dedicated=sum(q.windows_needed for q in queues),
                              service_level_open=sl_open, queues=tuple(queues)))
    slots.sort(key=lambda s: (s.hall, s.weekday, s.hour))
    plan = StaffingPlan(target_minutes, service_level_goal, slots)
    plan.findings.extend(too_few_windows(plan))
    return plan


WEEKDAY_NAMES = ("", "周一", "周二", "周三", "周四", "周五", "周六", "周日")


def too_few_windows(plan: StaffingPlan, *, cap: int = 20) -> list[Finding]:
    """Per hall: the weekday-hours where fewer windows were open than Erlang C says are needed."""
    by_hall: dict[str, list[PlanSlot]] = defaultdict(list)
    for s in plan.slots:
        if s.shortfall > 0.5:
            by_hall[s.hall].append(s)
    out = []
    for hall, short in sorted(by_hall.items()):
        worst = max(short, key=lambda s: s.shortfall)
        out.append(Finding(
            kind="too_few_windows", checklist="5", subject=hall, key=(),
            message=(f"有 {len(short)} 个时段开放窗口少于测算所需（等候不超过 {plan.target_minutes:g} 分钟的比例达到 "
                     f"{plan.service_level_goal * 100:.0f}%），最缺的是{WEEKDAY_NAMES[worst.weekday]} {worst.hour}:00，"
                     f"开 {worst.windows_open:.1f} 个、需 {worst.windows_needed} 个。请按时段调整排班或设置综合窗口。"),
            evidence={"slots_count": len(short),
                      "slots": [{"weekday": s.weekday, "hour": s.hour, "windows_open": round(s.windows_open, 2),
                                 "windows_needed": s.windows_needed,
                                 "windows_needed_dedicated": s.windows_needed_dedicated}
                                for s in sorted(short, key=lambda s: -s.shortfall)[:cap]]}))
    return out

