"""The per-hall pre-aggregates of a stored Parquet log: a report read from them equals the report
computed from the tickets; stale, missing or other-settings aggregates are never used."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.queueing import QueueSettings, kpi_report, load_parquet, load_tickets, save_parquet
from analysis.queueing.aggregates import AGG_DIR, cached_parts, save_aggregates
from tests.analysis.test_queue_fastpaths import assert_same_report, logs

_n = 0


def stored(data: bytes, tmp: Path, **kw: bool) -> Path:
    global _n
    _n += 1
    out = tmp / f"pq{_n}"
    save_parquet(load_tickets(data, file="t.csv"), out, **kw)
    return out


def halls_from_aggregates(directory: Path, s: QueueSettings, findings: bool = True) -> int:
    cached = cached_parts(load_parquet(directory), s, findings=findings)
    assert cached is not None
    return len({h.hall for p in cached.parts for h in p.report.by_hall})


@settings(max_examples=6, deadline=None)
@given(data=logs())
def test_a_report_from_the_aggregates_equals_the_report_from_the_tickets(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("agg")
    directory = stored(data, tmp)
    raw = kpi_report(load_tickets(data, file="t.csv"))
    halls = len(raw.by_hall)
    assert halls_from_aggregates(directory, QueueSettings()) == halls  # every hall from its aggregates
    assert_same_report(kpi_report(load_parquet(directory)).to_dict(), raw.to_dict())
    assert_same_report(kpi_report(load_parquet(directory), findings=False).to_dict(),
                       kpi_report(load_tickets(data, file="t.csv"), findings=False).to_dict())


@settings(max_examples=5, deadline=None)
@given(data=logs(), target=st.sampled_from([5, 30, 60]), per_day=st.sampled_from([2, 3]))
def test_other_settings_are_computed_from_the_tickets(tmp_path_factory, data, target, per_day):
    directory = stored(data, tmp_path_factory.mktemp("agg"))
    s = QueueSettings(target_minutes=target, scalper_tickets_per_day=per_day)
    default = s == QueueSettings()
    n_halls = len(kpi_report(load_tickets(data, file="t.csv"), aggregates=False).by_hall)
    assert halls_from_aggregates(directory, s) == (n_halls if default else 0)
    assert halls_from_aggregates(directory, s, findings=False) == (n_halls if target == 30 else 0)
    assert_same_report(kpi_report(load_parquet(directory), settings=s).to_dict(),
                       kpi_report(load_tickets(data, file="t.csv"), settings=s).to_dict())


def _one_partition(directory: Path) -> Path:
    return sorted(directory.rglob("*.parquet"))[0]


@settings(max_examples=5, deadline=None)
@given(data=logs(), change=st.sampled_from(["rewrite", "remove", "add", "no_aggregates"]))
def test_changed_partitions_make_their_halls_aggregates_stale(tmp_path_factory, data, change):
    tmp = tmp_path_factory.mktemp("agg")
    directory = stored(data, tmp)
    part = _one_partition(directory)
    hall_dir = part.relative_to(directory).parts[0]
    table = pq.read_table(part)
    if change == "remove" and len(list(directory.rglob("*.parquet"))) == 1:
        change = "rewrite"  # the log's only file: nothing would be left to read
    if change == "rewrite":  # one ticket fewer (or the same tickets written again: new mtime)
        pq.write_table(table.slice(0, max(table.num_rows - 1, 1)), part)
        os.utime(part, ns=(part.stat().st_atime_ns, part.stat().st_mtime_ns + 1_000_000))
    elif change == "remove":
        part.unlink()
    elif change == "add":  # a copy of a partition's tickets under new ids, as another file
        ids = pa.array([f"X{i}" for i in range(table.num_rows)])
        pq.write_table(table.set_column(table.schema.get_field_index("ticket_id"), "ticket_id", ids),
                       part.with_name("part-extra.parquet"))
    else:
        shutil.rmtree(directory / AGG_DIR)
    expected = kpi_report(load_parquet(directory), aggregates=False)
    cached = cached_parts(load_parquet(directory), QueueSettings(), findings=True)
    assert cached is not None
    if any((directory / hall_dir).rglob("*.parquet")):  # the changed hall is read from its tickets
        assert cached.stale is not None and any(hall_dir in f for f in cached.stale.files)
    else:  # its only file removed: the hall is gone from the log, and from the report
        assert cached.stale is None
    assert_same_report(kpi_report(load_parquet(directory)).to_dict(), expected.to_dict())
    save_aggregates(directory)  # writing them again brings every hall back
    fresh = cached_parts(load_parquet(directory), QueueSettings(), findings=True)
    assert fresh is not None and fresh.stale is None
    assert_same_report(kpi_report(load_parquet(directory)).to_dict(), expected.to_dict())


TWO_HALLS = (
    "ticket_id,hall,issued_at,called_at,started_at,finished_at,window,item,holder,channel,queue,status\n"
    "A1,甲厅,2024-03-04 09:00:00,2024-03-04 09:10:00,2024-03-04 09:10:00,2024-03-04 09:20:00,1,社保,p1,onsite,,served\n"
    "A2,甲厅,2024-04-01 09:00:00,2024-04-01 09:40:00,2024-04-01 09:40:00,2024-04-01 09:45:00,1,社保,p1,onsite,,served\n"
    "B1,乙厅,2024-03-05 10:00:00,,,,,医保,,onsite,,unserved\n"
).encode()


@pytest.mark.parametrize(("aggregates", "from_aggregates"), [(True, 2), (False, 0)])
def test_save_parquet_writes_aggregates_unless_told_not_to(tmp_path, aggregates, from_aggregates):
    directory = stored(TWO_HALLS, tmp_path, aggregates=aggregates)
    assert halls_from_aggregates(directory, QueueSettings()) == from_aggregates
    report = kpi_report(load_parquet(directory))
    # by hand: 3 tickets, 2 served with waits 10 and 40 minutes (mean 25), one unserved
    assert (report.overall.tickets, report.overall.served, report.overall.unserved) == (3, 2, 1)
    assert report.overall.wait_minutes.mean == 25 and report.overall.wait_minutes.max == 40
    assert report.overall.service_level == 0.5
    assert [(d.hall, d.day) for d in report.by_day] == [
        ("乙厅", dt.date(2024, 3, 5)), ("甲厅", dt.date(2024, 3, 4)), ("甲厅", dt.date(2024, 4, 1))]
    # April in 甲厅 waited 40 > 30 minutes; 乙厅 sent its only ticket home; p1 came back within 28 days
    assert [(f.kind, f.subject) for f in report.findings] == [
        ("long_wait", "甲厅"), ("unserved_at_closing", "乙厅"), ("repeat_visits", "甲厅")]


@pytest.mark.parametrize("layout", ["file", "glob"])
def test_logs_not_stored_by_hall_are_read_from_the_tickets(tmp_path, layout):
    directory = stored(TWO_HALLS, tmp_path)
    files = sorted(directory.rglob("*.parquet"))
    if layout == "file":
        log = load_parquet(files[0])
    elif layout == "glob":
        log = load_parquet(str(directory / "**" / "*.parquet"))
    else:
        log = load_parquet(str(directory / "**" / "*.parquet"))
    assert cached_parts(log, QueueSettings(), findings=True) is None
    assert kpi_report(log).overall.tickets == (1 if layout == "file" else 3)
