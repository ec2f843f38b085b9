"""Ticket KPIs in DuckDB SQL: one GROUPING SETS pass, utilisation per window, peak queue per day.

Durations are kept in integer microseconds until the end, so sums and averages are exact and a
log read by either loader gives the identical report.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import duckdb

from analysis.common import Finding

from .engine import connect, first_row
from .load import TicketLog, load_ticket_paths
from .report import (
    DayKpis,
    HallKpis,
    HourKpis,
    ItemKpis,
    KpiReport,
    Kpis,
    Stats,
    WeekdayHourKpis,
    WindowKpis,
)
from .settings import QueueSettings

US_PER_MIN = 60_000_000

# The view every query reads: the log plus day, hour, weekday, wait and service time.
def base_view(source: str = "tickets", name: str = "tk") -> str:
    return f"""
CREATE OR REPLACE TEMP VIEW {name} AS
SELECT *, CAST(issued_at AS DATE) AS day, hour(issued_at)::INTEGER AS hr,
       isodow(issued_at)::INTEGER AS wd,
       CASE WHEN status IN ('served', 'no_show') THEN epoch_us(called_at) - epoch_us(issued_at) END AS wait_us,
       CASE WHEN status = 'served' THEN epoch_us(finished_at) - epoch_us(started_at) END AS svc_us
FROM {source}
"""


BASE_VIEW = base_view()
# Holistic aggregates (percentiles) keep every value in memory; a province-year is therefore
# processed a batch of halls at a time (every grouping but `overall` includes the hall).
BATCH_ROWS = 4_000_000


def _aggregates(target_us: int) -> str:
    return f"""
  count(*) AS tickets, count(wait_us) AS called,
  count_if(status = 'served') AS served, count_if(status = 'no_show') AS no_show,
  count_if(status = 'unserved') AS unserved, count_if(status = 'cancelled') AS cancelled,
  avg(wait_us) AS w_mean, quantile_cont(wait_us, [0.5, 0.9, 0.95]) AS w_q, max(wait_us) AS w_max,
  count(svc_us) AS s_n, avg(svc_us) AS s_mean, quantile_cont(svc_us, [0.5, 0.9, 0.95]) AS s_q,
  max(svc_us) AS s_max,
  count(*) FILTER (WHERE wait_us <= {int(target_us)}) AS within"""


def _m(us: float | int | None) -> float | None:
    return None if us is None else float(us) / US_PER_MIN


def _stats(n: int, mean: Any, q: Any, mx: Any) -> Stats:
    q = q or [None, None, None]
    return Stats(count=int(n), mean=_m(mean), p50=_m(q[0]), p90=_m(q[1]), p95=_m(q[2]), max=_m(mx))


def _kpis(r: dict[str, Any]) -> Kpis:
    return Kpis(tickets=int(r["tickets"]), called=int(r["called"]), served=int(r["served"]),
                no_show=int(r["no_show"]), unserved=int(r["unserved"]), cancelled=int(r["cancelled"]),
                wait_minutes=_stats(r["called"], r["w_mean"], r["w_q"], r["w_max"]),
                service_minutes=_stats(r["s_n"], r["s_mean"], r["s_q"], r["s_max"]),
                within_target=int(r["within"]))


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


_SETS = {"overall": "()", "hall": "(hall)", "day": "(hall, day)", "hour": "(hall, hr)",
         "weekday_hour": "(hall, wd, hr)", "window": '(hall, "window")', "item": "(hall, item)"}


def _grouped(con: duckdb.DuckDBPyConnection, target_us: int, *, overall: bool = True,
             view: str = "tk") -> dict[str, list[dict[str, Any]]]:
    sets = {k: v for k, v in _SETS.items() if overall or k != "overall"}
    rows = _dicts(con, f"""
        SELECT GROUPING(hall, day, hr, wd, "window", item) AS gid, hall, day, hr, wd, "window", item,
               {_aggregates(target_us)}
        FROM {view} GROUP BY GROUPING SETS ({", ".join(sets.values())})""")
    # GROUPING() sets a bit for each column NOT grouped (hall is the most significant of six bits).
    grouped_cols = {"overall": (), "hall": ("hall",), "day": ("hall", "day"), "hour": ("hall", "hr"),
                    "weekday_hour": ("hall", "wd", "hr"), "window": ("hall", "window"),
                    "item": ("hall", "item")}
    order = ("hall", "day", "hr", "wd", "window", "item")
    gid_of = {name: sum(1 << (5 - i) for i, c in enumerate(order) if c not in cols)
              for name, cols in grouped_cols.items()}
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in _SETS}
    by_gid = {gid: name for name, gid in gid_of.items()}
    for r in rows:
        out[by_gid[r["gid"]]].append(r)
    return out


def _utilisation(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], dict[str, Any]]:
    rows = _dicts(con, """
        SELECT hall, "window", count(*) AS days_open, sum(busy_us) AS busy_us, sum(open_us) AS open_us,
               list_sort(list_distinct(flatten(list(queues)))) AS queues
        FROM (
          SELECT hall, "window", day, coalesce(sum(svc_us), 0) AS busy_us,
                 epoch_us(greatest(max(called_at), max(finished_at))) - epoch_us(min(called_at)) AS open_us,
                 list(DISTINCT queue) AS queues
          FROM tk WHERE "window" IS NOT NULL AND called_at IS NOT NULL
          GROUP BY hall, "window", day)
        GROUP BY hall, "window" """)
    return {(r["hall"], r["window"]): r for r in rows}


def _peaks(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, dt.date], tuple[int, dt.datetime]]:
    """Most people waiting at once each hall-day, rebuilt from issue and call times.

    A ticket waits from issue to call; unserved tickets wait until closing; cancelled tickets
    (their leaving time is unknown) are left out. At equal times, calls count before issues.
    """
    rows = con.execute("""
        WITH ev AS (  -- k orders events by time, a call (even k) before an issue (odd k) at equal times
          SELECT hall, day, epoch_us(issued_at) * 2 + 1 AS k, 1 AS d FROM tk WHERE status <> 'cancelled'
          UNION ALL
          SELECT hall, day, epoch_us(called_at) * 2 AS k, -1 AS d FROM tk
          WHERE status <> 'cancelled' AND called_at IS NOT NULL
        ), run AS (
          SELECT hall, day, k, sum(d) OVER (PARTITION BY hall, day ORDER BY k ROWS UNBOUNDED PRECEDING) AS q
          FROM ev)
        SELECT hall, day, max(q) AS peak, arg_max(k, {'q': q, 'k': -k}) AS at
        FROM run GROUP BY hall, day""").fetchall()
    return {(h, d): (int(p), _from_key(at)) for h, d, p, at in rows}


def _from_key(k: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=k // 2)


def compute_kpis(con: duckdb.DuckDBPyConnection, *, target_minutes: float, overall: bool = True) -> KpiReport:
    """The KPI part of the report over the table or view `tickets` on `con` (without `overall`
    when it is only a batch of halls: overall is then left empty for the caller to fill)."""
    con.execute(BASE_VIEW)
    target_us = round(target_minutes * US_PER_MIN)
    g = _grouped(con, target_us, overall=overall)
    util = _utilisation(con)
    peaks = _peaks(con)
    span = first_row(con, "SELECT min(day), max(day) FROM tk") or (None, None)

    def key(*cols: str):  # sort helper: hall first, then the named columns
        return lambda r: tuple(r[c] for c in cols)

    whole = _kpis(g["overall"][0]) if g["overall"] else _kpis(_EMPTY)
    by_window: list[WindowKpis] = []
    for r in sorted((r for r in g["window"] if r["window"] is not None), key=key("hall", "window")):
        u = util.get((r["hall"], r["window"]), {})
        by_window.append(WindowKpis(
            hall=r["hall"], window=r["window"], kpis=_kpis(r), queues=tuple(u.get("queues") or ()),
            days_open=int(u.get("days_open") or 0), busy_minutes=_m(u.get("busy_us") or 0) or 0.0,
            open_minutes=_m(u.get("open_us") or 0) or 0.0))
    by_day = []
    for r in sorted(g["day"], key=key("hall", "day")):
        peak, at = peaks.get((r["hall"], r["day"]), (0, None))
        by_day.append(DayKpis(hall=r["hall"], day=r["day"], kpis=_kpis(r), peak_queue=peak, peak_queue_at=at))
    return KpiReport(
        target_minutes=target_minutes, first_day=span[0], last_day=span[1], overall=whole,
        by_hall=[HallKpis(r["hall"], _kpis(r)) for r in sorted(g["hall"], key=key("hall"))],
        by_day=by_day,
        by_hour=[HourKpis(r["hall"], r["hr"], _kpis(r)) for r in sorted(g["hour"], key=key("hall", "hr"))],
        by_weekday_hour=[WeekdayHourKpis(r["hall"], r["wd"], r["hr"], _kpis(r))
                         for r in sorted(g["weekday_hour"], key=key("hall", "wd", "hr"))],
        by_window=by_window,
        by_item=[ItemKpis(r["hall"], r["item"], _kpis(r)) for r in sorted(g["item"], key=key("hall", "item"))],
    )


_EMPTY: dict[str, Any] = {"tickets": 0, "called": 0, "served": 0, "no_show": 0, "unserved": 0,
                          "cancelled": 0, "w_mean": None, "w_q": None, "w_max": None, "s_n": 0,
                          "s_mean": None, "s_q": None, "s_max": None, "within": 0}

TicketSource = TicketLog | str | Path


def as_log(source: TicketSource) -> TicketLog:
    """A TicketLog as given, or one read from a path (CSV/XLSX file or Parquet file/directory)."""
    return source if isinstance(source, TicketLog) else load_ticket_paths([source])


def _quantiles_from_histogram(pairs: list[tuple[int, int]], qs: tuple[float, ...]) -> list[float] | None:
    """Exactly what DuckDB's quantile_cont gives, from (value, count) pairs: for position
    RN = (n − 1)·q between the sorted values at floor(RN) and ceil(RN), lo + (hi − lo)·(RN − floor)."""
    pairs = sorted(pairs)
    n = sum(c for _, c in pairs)
    if n == 0:
        return None
    out = []
    for q in qs:
        rn = (n - 1) * q
        lo_i, hi_i = math.floor(rn), math.ceil(rn)
        lo = hi = None
        seen = 0
        for value, count in pairs:
            if lo is None and lo_i < seen + count:
                lo = value
            if hi_i < seen + count:
                hi = value
                break
            seen += count
        assert lo is not None and hi is not None
        out.append(float(lo) + float(hi - lo) * (rn - lo_i))
    return out


def _overall_by_histogram(con: duckdb.DuckDBPyConnection, target_us: int, view: str) -> dict[str, Any]:
    """The overall KPIs of a log too large to hold every wait in memory: plain aggregates in SQL,
    percentiles from the exact value counts (waits are whole seconds in practice: few values)."""
    cur = con.execute(f"""
        SELECT count(*) AS tickets, count(wait_us) AS called,
          count(*) FILTER (WHERE status = 'served') AS served, count(*) FILTER (WHERE status = 'no_show') AS no_show,
          count(*) FILTER (WHERE status = 'unserved') AS unserved,
          count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
          avg(wait_us) AS w_mean, max(wait_us) AS w_max, count(svc_us) AS s_n, avg(svc_us) AS s_mean,
          max(svc_us) AS s_max, count(*) FILTER (WHERE wait_us <= {int(target_us)}) AS within
        FROM {view}""")
    names = [d[0] for d in cur.description]
    row = dict(zip(names, cur.fetchall()[0], strict=True))
    for col, key in (("wait_us", "w_q"), ("svc_us", "s_q")):
        pairs = con.execute(f"SELECT {col}, count(*) FROM {view} WHERE {col} IS NOT NULL GROUP BY 1").fetchall()
        row[key] = _quantiles_from_histogram(pairs, (0.5, 0.9, 0.95))
    return row


def hall_batches(con: duckdb.DuckDBPyConnection, source: str, batch_rows: int) -> list[list[str]]:
    """Halls of `source` packed into batches of at most `batch_rows` tickets (a hall is never split)."""
    batches: list[list[str]] = []
    size = batch_rows
    for hall, n in con.execute(f"SELECT hall, count(*) FROM {source} GROUP BY hall ORDER BY hall").fetchall():
        if not batches or (batches[-1] and size + n > batch_rows):
            batches.append([])
            size = 0
        batches[-1].append(hall)
        size += n
    return batches


def load_batch(con: duckdb.DuckDBPyConnection, source: str, halls: list[str] | None) -> None:
    """(Re)create table `tickets` from `source`: all of it, or only these halls."""
    where = "" if halls is None else " WHERE hall IN (" + ", ".join(
        "'" + h.replace("'", "''") + "'" for h in halls) + ")"
    con.execute(f"CREATE OR REPLACE TEMP TABLE tickets AS SELECT * FROM {source}{where}")


def kpi_report(source: TicketSource, *, target_minutes: float = 30, settings: QueueSettings | None = None,
               findings: bool = True, batch_rows: int = BATCH_ROWS) -> KpiReport:
    """KPIs per hall, day, hour, weekday × hour, window and item, plus the ticket findings.

    `target_minutes` applies when no `settings` are given (settings carry their own target).
    Logs larger than `batch_rows` tickets are processed a batch of halls at a time.
    """
    from .findings import find_ticket_problems_on

    settings = settings or QueueSettings(target_minutes=target_minutes)
    con = connect()
    as_log(source).register(con, "source")
    batches = hall_batches(con, "source", batch_rows)
    if len(batches) <= 1:
        load_batch(con, "source", None)
        report = compute_kpis(con, target_minutes=settings.target_minutes)
        if findings:
            report.findings.extend(_ordered(find_ticket_problems_on(con, report, settings)))
        return report
    con.execute(base_view("source", "tk_all"))
    whole = _overall_by_histogram(con, round(settings.target_minutes * US_PER_MIN), "tk_all")
    span = first_row(con, "SELECT min(day), max(day) FROM tk_all") or (None, None)
    parts = []
    for halls in batches:
        load_batch(con, "source", halls)
        part = compute_kpis(con, target_minutes=settings.target_minutes, overall=False)
        if findings:
            part.findings.extend(find_ticket_problems_on(con, part, settings))
        parts.append(part)
    return KpiReport(
        target_minutes=settings.target_minutes, first_day=span[0], last_day=span[1],
        overall=_kpis(whole),
        by_hall=[r for p in parts for r in p.by_hall], by_day=[r for p in parts for r in p.by_day],
        by_hour=[r for p in parts for r in p.by_hour],
        by_weekday_hour=[r for p in parts for r in p.by_weekday_hour],
        by_window=[r for p in parts for r in p.by_window], by_item=[r for p in parts for r in p.by_item],
        findings=_ordered([f for p in parts for f in p.findings]))


RULE_ORDER = ("long_wait", "unserved_at_closing", "ticket_expired_overnight", "repeat_visits",
              "scalper_suspect", "queue_jumping")


def _ordered(found: list[Finding]) -> list[Finding]:
    """One order for findings however they were computed: rule, hall, key."""
    rank = {k: i for i, k in enumerate(RULE_ORDER)}
    return sorted(found, key=lambda f: (rank.get(f.kind, len(rank)), f.subject, f.key))
