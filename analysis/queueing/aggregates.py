"""Per-hall pre-aggregates of a Parquet log written by `save_parquet` (hall=…/month=…/ directories).

Every section of the report except `overall` is per hall, and so is every finding; the overall
figures merge exactly from per-hall counts, integer sums and value counts (`kpis.merge_overall`).
So when a log is stored, each hall's part of the report (`kpis.Part`) is computed from its
tickets and kept as JSON in `<dir>/_wicket_aggregates/`, stamped with

- the hall directory's Parquet files (relative path, size, mtime in ns): a changed, added or
  removed partition file makes the hall's aggregates stale;
- the settings (target and every rule threshold) and a format version.

`kpi_report` takes a hall from its aggregates only when the stamp matches; every other hall
(stale, missing, other settings) is computed from its tickets, so the report is the same as the
one computed from the tickets alone (tests/analysis/test_queue_aggregates.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.common import Finding

from .engine import connect
from .load import TicketLog, parquet_files
from .parts import Part, compute_parts
from .report import DayKpis, HallKpis, HourKpis, ItemKpis, KpiReport, Kpis, Stats, WeekdayHourKpis, WindowKpis
from .settings import QueueSettings

AGG_DIR = "_wicket_aggregates"
VERSION = 1


@dataclass(frozen=True)
class Cached:
    parts: list[Part]  # halls read from current aggregates
    stale: TicketLog | None  # the Parquet files of every other hall, or None when there are none


def _hall_files(root: Path) -> dict[str, list[Path]] | None:
    """Parquet files by hall directory; None unless every file lies under a `hall=…/` directory."""
    out: dict[str, list[Path]] = defaultdict(list)
    for f in sorted(root.rglob("*.parquet")):
        rel = f.relative_to(root)
        if len(rel.parts) < 2 or not rel.parts[0].startswith("hall="):
            return None
        out[rel.parts[0]].append(f)
    return dict(out)


def _stamp(root: Path, files: list[Path]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for f in files:
        st = f.stat()
        out.append([f.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns])
    return out


def _params(settings: QueueSettings) -> dict[str, Any]:
    d = dataclasses.asdict(settings)
    d["agents"] = sorted(settings.agents)
    return {"version": VERSION, "settings": d}


def _agg_path(root: Path, hall_dir: str) -> Path:
    return root / AGG_DIR / (hashlib.sha1(hall_dir.encode()).hexdigest()[:24] + ".json")


def _root(log: TicketLog) -> Path | None:
    if log.parquet is None or log.table is not None:
        return None
    root = Path(log.parquet)
    return root if root.is_dir() else None


def _usable(saved: dict[str, Any], params: dict[str, Any], findings: bool) -> bool:
    if saved.get("params", {}).get("version") != VERSION:
        return False
    if findings:
        return bool(saved.get("params") == params)
    return bool(saved["params"]["settings"]["target_minutes"] == params["settings"]["target_minutes"])


def cached_parts(log: TicketLog, settings: QueueSettings, *, findings: bool) -> Cached | None:
    """The halls of `log` with current aggregates, and a log of the rest; None when `log` is not
    a save_parquet directory."""
    root = _root(log)
    halls = _hall_files(root) if root is not None else None
    if root is None or not halls:
        return None
    params = _params(settings)
    parts: list[Part] = []
    stale: list[Path] = []
    for hall_dir, files in halls.items():
        saved = _read(_agg_path(root, hall_dir))
        if (saved is not None and saved.get("hall_dir") == hall_dir and _usable(saved, params, findings)
                and saved.get("files") == _stamp(root, files)):
            parts.append(_part_from_json(saved["part"], findings=findings))
        else:
            stale.extend(files)
    return Cached(parts, _files_log(stale) if stale else None)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _files_log(files: list[Path]) -> TicketLog:
    """A log of these Parquet files (hive partition columns read from their paths)."""
    return TicketLog(parquet=parquet_files(files), files=tuple(str(f) for f in files))


def save_aggregates(directory: str | Path, settings: QueueSettings | None = None) -> int:
    """Write the aggregates of every hall of a save_parquet directory whose aggregates are missing
    or stale; returns the number of halls written."""
    root = Path(directory)
    settings = settings or QueueSettings()
    halls = _hall_files(root)
    if not halls:
        return 0
    params = _params(settings)
    (root / AGG_DIR).mkdir(exist_ok=True)
    written = 0
    for hall_dir, files in halls.items():
        path = _agg_path(root, hall_dir)
        stamp = _stamp(root, files)
        saved = _read(path)
        if saved is not None and saved.get("params") == params and saved.get("files") == stamp:
            continue
        con = connect()
        _files_log(files).register(con, "source")
        parts = compute_parts(con, "source", settings, findings=True, batch_rows=2**62)  # one batch
        con.close()
        if len(parts) != 1:
            continue  # no tickets: nothing to keep
        data = {"params": params, "hall_dir": hall_dir, "files": stamp, "part": _part_to_json(parts[0])}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
        written += 1
    return written


# ------------------------------------------------------------------------------ JSON round trip


def _kpis_json(k: Kpis) -> dict[str, Any]:
    return dataclasses.asdict(k)


def _kpis_from(d: dict[str, Any]) -> Kpis:
    return Kpis(**{**d, "wait_minutes": Stats(**d["wait_minutes"]), "service_minutes": Stats(**d["service_minutes"])})


def _date(s: str | None) -> dt.date | None:
    return None if s is None else dt.date.fromisoformat(s)


def _part_to_json(part: Part) -> dict[str, Any]:
    r = part.report
    return {
        "first_day": r.first_day.isoformat() if r.first_day else None,
        "last_day": r.last_day.isoformat() if r.last_day else None,
        "overall": part.overall,
        "by_hall": [[x.hall, _kpis_json(x.kpis)] for x in r.by_hall],
        "by_day": [[x.hall, x.day.isoformat(), _kpis_json(x.kpis), x.peak_queue,
                    x.peak_queue_at.isoformat() if x.peak_queue_at else None] for x in r.by_day],
        "by_hour": [[x.hall, x.hour, _kpis_json(x.kpis)] for x in r.by_hour],
        "by_weekday_hour": [[x.hall, x.weekday, x.hour, _kpis_json(x.kpis)] for x in r.by_weekday_hour],
        "by_window": [[x.hall, x.window, _kpis_json(x.kpis), list(x.queues), x.days_open, x.busy_minutes,
                       x.open_minutes] for x in r.by_window],
        "by_item": [[x.hall, x.item, _kpis_json(x.kpis)] for x in r.by_item],
        "findings": [[f.kind, f.checklist, f.subject, f.message, list(f.key), f.evidence] for f in r.findings],
    }


def _part_from_json(d: dict[str, Any], *, findings: bool) -> Part:
    report = KpiReport(
        target_minutes=0, first_day=_date(d["first_day"]), last_day=_date(d["last_day"]),
        overall=_kpis_from({"tickets": 0, "called": 0, "served": 0, "no_show": 0, "unserved": 0, "cancelled": 0,
                            "within_target": 0,
                            "wait_minutes": {"count": 0, "mean": None, "p50": None, "p90": None, "p95": None,
                                             "max": None},
                            "service_minutes": {"count": 0, "mean": None, "p50": None, "p90": None, "p95": None,
                                                "max": None}}),
        by_hall=[HallKpis(h, _kpis_from(k)) for h, k in d["by_hall"]],
        by_day=[DayKpis(h, dt.date.fromisoformat(day), _kpis_from(k), peak,
                        None if at is None else dt.datetime.fromisoformat(at)) for h, day, k, peak, at in d["by_day"]],
        by_hour=[HourKpis(h, hr, _kpis_from(k)) for h, hr, k in d["by_hour"]],
        by_weekday_hour=[WeekdayHourKpis(h, wd, hr, _kpis_from(k)) for h, wd, hr, k in d["by_weekday_hour"]],
        by_window=[WindowKpis(h, w, _kpis_from(k), tuple(q), days, busy, open_)
                   for h, w, k, q, days, busy, open_ in d["by_window"]],
        by_item=[ItemKpis(h, item, _kpis_from(k)) for h, item, k in d["by_item"]],
        findings=[Finding(kind=k, checklist=c, subject=s, message=m, key=tuple(key), evidence=e)
                  for k, c, s, m, key, e in d["findings"]] if findings else [],
    )
    return Part(report, d["overall"])
