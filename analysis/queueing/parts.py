"""A report a batch of halls at a time: every section but `overall` is per hall, and the overall
figures merge exactly from per-batch counts, integer sums and value counts. Used for logs too big
for one batch and for the stored per-hall aggregates (aggregates.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

from .kpis import (
    _PART_SUMS,
    BATCH_ROWS,
    KPI_COLUMNS,
    US_PER_MIN,
    _avg,
    _dicts,
    _kpis,
    _ordered,
    _quantiles_from_counts,
    compute_kpis,
    hall_batches,
    load_batch,
)
from .report import KpiReport
from .settings import QueueSettings


def overall_part(con: duckdb.DuckDBPyConnection, target_us: int) -> dict[str, Any]:
    """The overall KPIs of table `tk` as mergeable parts (JSON-able): counts and exact integer
    sums, the two maxima, and the exact value counts of wait and service time."""
    row = _dicts(con, _PART_SUMS.format(target=int(target_us)))[0]
    out: dict[str, Any] = {"sums": {k: int(v or 0) for k, v in row.items() if k not in ("w_max", "s_max")},
                           "maxes": {k: (None if row[k] is None else int(row[k])) for k in ("w_max", "s_max")},
                           "hist": {}}
    for col in ("wait_us", "svc_us"):
        a = con.execute(f"SELECT {col} AS v, count(*) AS c FROM tk WHERE {col} IS NOT NULL GROUP BY 1").fetchnumpy()
        out["hist"][col] = [np.asarray(a["v"], dtype=np.int64).tolist(), np.asarray(a["c"], dtype=np.int64).tolist()]
    return out


def merge_overall(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One overall row (as `_grouped` gives) from the `overall_part`s of batches of halls."""
    sums: dict[str, int] = {}
    maxes: dict[str, int | None] = {"w_max": None, "s_max": None}
    for part in parts:
        for key, value in part["sums"].items():
            sums[key] = sums.get(key, 0) + int(value)
        for key, value in part["maxes"].items():
            if value is not None:
                old = maxes[key]
                maxes[key] = value if old is None else max(old, value)
    out: dict[str, Any] = {k: sums.get(k, 0) for k in ("tickets", "called", "served", "no_show", "unserved",
                                                       "cancelled", "s_n", "within")}
    out.update(maxes)
    out["w_mean"], out["s_mean"] = _avg(sums.get("w_sum", 0), out["called"]), _avg(sums.get("s_sum", 0), out["s_n"])
    for col, key in (("wait_us", "w_q"), ("svc_us", "s_q")):
        values = np.concatenate([np.asarray(p["hist"][col][0], dtype=np.int64) for p in parts] or [np.empty(0, np.int64)])
        counts = np.concatenate([np.asarray(p["hist"][col][1], dtype=np.int64) for p in parts] or [np.empty(0, np.int64)])
        out[key] = _quantiles_from_counts(values, counts, (0.5, 0.9, 0.95))
    return out


@dataclass(frozen=True)
class Part:
    """The report of a batch of halls: every section but `overall` (empty), plus `overall_part`."""

    report: KpiReport
    overall: dict[str, Any]


def compute_parts(con: duckdb.DuckDBPyConnection, source: str, settings: QueueSettings, *, findings: bool,
                  batch_rows: int = BATCH_ROWS, batches: list[list[str]] | None = None) -> list[Part]:
    """`source` on `con` a batch of halls at a time (see `hall_batches`)."""
    from .findings import find_ticket_problems_on

    columns = "*" if findings else KPI_COLUMNS
    parts = []
    for halls in batches if batches is not None else hall_batches(con, source, batch_rows):
        load_batch(con, source, halls, columns=columns)
        whole = overall_part(con, round(settings.target_minutes * US_PER_MIN))
        part = compute_kpis(con, target_minutes=settings.target_minutes, overall=False)
        if findings:
            part.findings.extend(find_ticket_problems_on(con, part, settings))
        parts.append(Part(part, whole))
    return parts


def merge_parts(parts: list[Part], settings: QueueSettings) -> KpiReport:
    """One report from the parts of disjoint sets of halls (rows ordered by hall as at once)."""
    reports = [p.report for p in parts]
    firsts = [p.first_day for p in reports if p.first_day is not None]
    lasts = [p.last_day for p in reports if p.last_day is not None]
    span = (min(firsts) if firsts else None, max(lasts) if lasts else None)

    def rows(name: str) -> list[Any]:
        out = [r for p in reports for r in getattr(p, name)]
        return sorted(out, key=lambda r: r.hall)  # stable: the order within a hall is kept

    return KpiReport(
        target_minutes=settings.target_minutes, first_day=span[0], last_day=span[1],
        overall=_kpis(merge_overall([p.overall for p in parts])),
        by_hall=rows("by_hall"), by_day=rows("by_day"), by_hour=rows("by_hour"),
        by_weekday_hour=rows("by_weekday_hour"), by_window=rows("by_window"), by_item=rows("by_item"),
        findings=_ordered([f for p in reports for f in p.findings]))
