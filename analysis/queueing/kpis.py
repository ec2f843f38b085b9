"""Ticket KPIs in DuckDB SQL: one GROUP BY per level, utilisation per window, peak queue per day (numpy).

Durations are kept in integer microseconds until the end, so sums and averages are exact and a
log read by either loader gives the identical report.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from analysis.common import Finding

from .engine import connect
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


_SETS = {"overall": (), "hall": ("hall",), "day": ("hall", "day"), "hour": ("hall", "hr"),
         "weekday_hour": ("hall", "wd", "hr"), "window": ("hall", "window"), "item": ("hall", "item")}


def _grouped(con: duckdb.DuckDBPyConnection, target_us: int, *, overall: bool = True,
             view: str = "tk") -> dict[str, list[dict[str, Any]]]:
    """One plain GROUP BY per level (DuckDB's GROUPING SETS with holistic aggregates such as
    quantile_cont is several times slower than the separate queries, and holds every set at once)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in _SETS}
    for name, cols in _SETS.items():
        if name == "overall" and not overall:
            continue
        keys = ", ".join(f'"{c}"' for c in cols)
        group = f" GROUP BY {keys}" if cols else ""
        out[name] = _dicts(con, f"SELECT {keys + ', ' if cols else ''}{_aggregates(target_us)} FROM {view}{group}")
    if overall and out["overall"] and out["overall"][0]["tickets"] == 0:
        out["overall"] = []  # an empty log: no row, as GROUPING SETS gave
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


def _peaks(con: duckdb.DuckDBPyConnection, first_day: dt.date | None,
           last_day: dt.date | None) -> dict[tuple[str, dt.date], tuple[int, dt.datetime]]:
    """Most people waiting at once each hall-day, rebuilt from issue and call times.

    A ticket waits from issue to call; unserved tickets wait until closing; cancelled tickets
    (their leaving time is unknown) are left out. At equal times, calls count before issues.
    The ±1 events are sorted once in numpy (see `peak_queues`), not by a SQL window.
    """
    if first_day is None or last_day is None:
        return {}
    halls = [h for (h,) in con.execute("SELECT DISTINCT hall FROM tk ORDER BY hall").fetchall()]
    n_days = (last_day - first_day).days + 1
    con.execute("CREATE OR REPLACE TEMP TABLE hall_ids (hall VARCHAR, hid BIGINT)")
    con.executemany("INSERT INTO hall_ids VALUES (?, ?)", [(h, i) for i, h in enumerate(halls)])
    a = con.execute(f"""
        SELECT hall_ids.hid * {n_days} + (tk.day - DATE '{first_day.isoformat()}') AS hd,
               epoch_us(tk.issued_at) - epoch_us(tk.day) AS issued,
               coalesce(epoch_us(tk.called_at) - epoch_us(tk.day), -1) AS called
        FROM tk JOIN hall_ids USING (hall) WHERE tk.status <> 'cancelled'""").fetchnumpy()
    hd, issued, called = (np.asarray(a[c], dtype=np.int64) for c in ("hd", "issued", "called"))
    con.execute("DROP TABLE hall_ids")
    out = {}
    for group, peak, at in zip(*peak_queues(hd, issued, called), strict=True):
        hid, off = divmod(int(group), n_days)
        day = first_day + dt.timedelta(days=off)
        out[(halls[hid], day)] = (int(peak), dt.datetime.combine(day, dt.time()) + dt.timedelta(microseconds=int(at)))
    return out


def peak_queues(group: np.ndarray, issued: np.ndarray,
                called: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per group: the largest number waiting at once and the first time it was reached.

    One row per (non-cancelled) ticket: `issued` and `called` are times within the group
    (`called` < 0: never called). Events are keyed 2t+1 for an issue and 2t for a call, so that
    at equal times the call counts first; the running sum of +1/−1 over the keys in order is the
    queue. Returns (groups, peaks, times of the peaks), groups ascending.
    """
    was_called = called >= 0
    grp = np.concatenate([group, group[was_called]])
    key = np.concatenate([issued * 2 + 1, called[was_called] * 2])
    if len(key) == 0:
        return (np.empty(0, np.int64),) * 3
    shift = max(int(key.max()), 1).bit_length()
    if int(key.min()) >= 0 and int(grp.min()) >= 0 and shift + int(grp.max()).bit_length() <= 63:
        packed = np.sort((grp << shift) | key)  # one int64 sort of (group, key)
        grp, key = packed >> shift, packed & ((1 << shift) - 1)
    else:  # keys too wide to pack: sort by (group, key) the slower way
        order = np.lexsort((key, grp))
        grp, key = grp[order], key[order]
    q = np.cumsum((key & 1) * 2 - 1)
    starts = np.flatnonzero(np.concatenate([[True], grp[1:] != grp[:-1]]))
    seg = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(key))))
    q -= np.concatenate([[0], q[starts[1:] - 1]])[seg]  # running sum within each group
    peak = np.maximum.reduceat(q, starts)
    hits = np.flatnonzero(q == peak[seg])
    first = hits[np.concatenate([[True], seg[hits][1:] != seg[hits][:-1]])]
    return grp[starts], peak, key[first] // 2


def compute_kpis(con: duckdb.DuckDBPyConnection, *, target_minutes: float, overall: bool = True) -> KpiReport:
    """The KPI part of the report over table `tk` on `con` (made by `load_batch`; without
    `overall` when it is only a batch of halls: overall is then left empty for the caller to fill)."""
    target_us = round(target_minutes * US_PER_MIN)
    g = _grouped(con, target_us, overall=overall)
    util = _utilisation(con)
    days = [r["day"] for r in g["day"]]
    span = (min(days), max(days)) if days else (None, None)
    peaks = _peaks(con, *span)

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
    values = np.array([v for v, _ in pairs], dtype=np.int64)
    counts = np.array([c for _, c in pairs], dtype=np.int64)
    return _quantiles_from_counts(values, counts, qs)


def _quantiles_from_counts(values: np.ndarray, counts: np.ndarray, qs: tuple[float, ...]) -> list[float] | None:
    """`_quantiles_from_histogram` over arrays (a value may appear more than once)."""
    order = np.argsort(values, kind="stable")
    values, cum = values[order], np.cumsum(counts[order])
    n = int(cum[-1]) if len(cum) else 0
    if n == 0:
        return None
    out = []
    for q in qs:
        rn = (n - 1) * q
        lo_i, hi_i = math.floor(rn), math.ceil(rn)
        lo = int(values[np.searchsorted(cum, lo_i, side="right")])
        hi = int(values[np.searchsorted(cum, hi_i, side="right")])
        out.append(float(lo) + float(hi - lo) * (rn - lo_i))
    return out


def _avg(total: int, n: int) -> float | None:
    """DuckDB's avg of BIGINT: the exact integer sum divided in long double, then rounded to double."""
    if n == 0:
        return None
    if abs(total) < 2**63:
        return float(np.longdouble(np.int64(total)) / np.longdouble(n))
    return total / n


_PART_SUMS = """SELECT count(*) AS tickets, count(wait_us) AS called,
      count_if(status = 'served') AS served, count_if(status = 'no_show') AS no_show,
      count_if(status = 'unserved') AS unserved, count_if(status = 'cancelled') AS cancelled,
      sum(wait_us)::HUGEINT AS w_sum, max(wait_us) AS w_max, count(svc_us) AS s_n,
      sum(svc_us)::HUGEINT AS s_sum, max(svc_us) AS s_max,
      count(*) FILTER (WHERE wait_us <= {target}) AS within FROM tk"""


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


# The columns the KPIs read (the findings also need ticket_id, holder and channel).
KPI_COLUMNS = 'hall, issued_at, called_at, started_at, finished_at, "window", item, queue, status'


def load_batch(con: duckdb.DuckDBPyConnection, source: str, halls: list[str] | None, *,
               columns: str = "*") -> None:
    """(Re)create table `tk` (the log plus day, hour, weekday, wait and service time; see
    `base_view`) from `source`: all of it, or only these halls. Materialised once, so the
    derived columns are not recomputed by each of the queries that follow."""
    where = "" if halls is None else " WHERE hall IN (" + ", ".join(
        "'" + h.replace("'", "''") + "'" for h in halls) + ")"
    con.execute(base_view(f"(SELECT {columns} FROM {source}{where})").replace("TEMP VIEW", "TEMP TABLE"))


def kpi_report(source: TicketSource, *, target_minutes: float = 30, settings: QueueSettings | None = None,
               findings: bool = True, batch_rows: int = BATCH_ROWS, aggregates: bool = True) -> KpiReport:
    """KPIs per hall, day, hour, weekday × hour, window and item, plus the ticket findings.

    `target_minutes` applies when no `settings` are given (settings carry their own target).
    Logs larger than `batch_rows` tickets are processed a batch of halls at a time. A Parquet
    directory written by `save_parquet` carries per-hall pre-aggregates: halls whose aggregates
    are current (same files, same settings) are read from them, the others from the tickets
    (`aggregates=False`: always from the tickets). See aggregates.py.
    """
    from .aggregates import cached_parts
    from .findings import find_ticket_problems_on
    from .parts import compute_parts, merge_parts

    settings = settings or QueueSettings(target_minutes=target_minutes)
    log = as_log(source)
    cached = cached_parts(log, settings, findings=findings) if aggregates else None
    con = connect()
    if cached is not None and cached.parts:
        parts = list(cached.parts)
        if cached.stale is not None:
            cached.stale.register(con, "source")
            parts += compute_parts(con, "source", settings, findings=findings, batch_rows=batch_rows)
        return merge_parts(parts, settings)
    log.register(con, "source")
    # An in-memory log that fits one batch needs no counting per hall to know it is one batch.
    small = log.table is not None and log.table.num_rows <= batch_rows
    batches = [] if small else hall_batches(con, "source", batch_rows)
    columns = "*" if findings else KPI_COLUMNS
    if len(batches) <= 1:
        load_batch(con, "source", None, columns=columns)
        report = compute_kpis(con, target_minutes=settings.target_minutes)
        if findings:
            report.findings.extend(_ordered(find_ticket_problems_on(con, report, settings)))
        return report
    return merge_parts(compute_parts(con, "source", settings, findings=findings, batches=batches), settings)


RULE_ORDER = ("long_wait", "unserved_at_closing", "ticket_expired_overnight", "repeat_visits",
              "scalper_suspect", "queue_jumping")


def _ordered(found: list[Finding]) -> list[Finding]:
    """One order for findings however they were computed: rule, hall, key."""
    rank = {k: i for i, k in enumerate(RULE_ORDER)}
    return sorted(found, key=lambda f: (rank.get(f.kind, len(rank)), f.subject, f.key))
