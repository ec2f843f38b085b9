"""The fast paths of the KPI report give what the plain definitions give, on random small logs:
peak queues sorted in numpy, the overall figures merged from batches of halls, and the scalper
rule run only on candidate holders."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.queueing import QueueSettings, kpi_report, load_tickets
from analysis.queueing.kpis import peak_queues

HEADER = "ticket_id,hall,issued_at,called_at,started_at,finished_at,window,item,holder,channel,queue,status"
STATUSES = ("served", "no_show", "unserved", "cancelled")


def brute_peak(events: list[tuple[int, int]]) -> tuple[int, int]:
    """(peak, first time) by walking the events: a call (key 2t) before an issue (2t+1)."""
    q, best, at = 0, None, None
    for key, d in sorted(events):
        q += d
        if best is None or q > best:
            best, at = q, key // 2
    assert best is not None and at is not None
    return best, at


tickets_st = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 50), st.one_of(st.none(), st.integers(0, 20))),
                      min_size=1, max_size=60)


@given(tickets_st)
def test_numpy_peak_queues_equal_walking_the_events(tickets):
    group = np.array([g for g, _, _ in tickets], dtype=np.int64)
    issued = np.array([i for _, i, _ in tickets], dtype=np.int64)
    called = np.array([-1 if w is None else i + w for _, i, w in tickets], dtype=np.int64)
    events: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for g, i, c in zip(group, issued, called, strict=True):
        events[int(g)].append((int(i) * 2 + 1, 1))
        if c >= 0:
            events[int(g)].append((int(c) * 2, -1))
    for wide in (False, True):  # group ids too wide to pack into one int64: the lexsort path
        g = group + (1 << 60 if wide else 0)
        groups, peaks, at = peak_queues(g, issued, called)
        got = {int(x) - (1 << 60 if wide else 0): (int(p), int(a)) for x, p, a in zip(groups, peaks, at, strict=True)}
        assert got == {k: brute_peak(v) for k, v in events.items()}


@st.composite
def logs(draw) -> bytes:  # type: ignore[no-untyped-def]
    rows = [HEADER]
    n = draw(st.integers(1, 40))
    for i in range(n):
        hall = draw(st.sampled_from(["甲厅", "乙厅", "丙厅"]))
        day = draw(st.integers(4, 8))
        issued = dt.datetime(2024, 3, day, 9) + dt.timedelta(seconds=draw(st.integers(0, 4 * 3600)))
        status = draw(st.sampled_from(STATUSES))
        holder = draw(st.sampled_from(["", "p1", "p2", "p3"]))
        item = draw(st.sampled_from(["社保", "医保", "公积金", "户籍", "税务", "不动产"]))
        channel = draw(st.sampled_from(["onsite", "onsite", "appointment", "priority"]))
        called = started = finished = None
        window = ""
        if status in ("served", "no_show"):
            called = issued + dt.timedelta(seconds=draw(st.integers(0, 5400)))
            window = draw(st.sampled_from(["1", "2"]))
        if status == "served":
            assert called is not None
            started = called + dt.timedelta(seconds=draw(st.integers(0, 60)))
            finished = started + dt.timedelta(seconds=draw(st.integers(0, 1800)))

        def f(x: dt.datetime | None) -> str:
            return x.strftime("%Y-%m-%d %H:%M:%S") if x else ""

        rows.append(",".join([f"T{i}", hall, f(issued), f(called), f(started), f(finished), window, item, holder,
                              channel, "", status]))
    return ("\n".join(rows) + "\n").encode()


@settings(max_examples=15, deadline=None)
@given(logs())
def test_a_report_made_one_hall_at_a_time_equals_the_report_made_at_once(data):
    log = load_tickets(data, file="t.csv")
    assert_same_report(kpi_report(log, batch_rows=1).to_dict(), kpi_report(log).to_dict())


def assert_same_report(a, b, path="report"):
    """Equal, except that a figure rounded to 2 decimals may land on either side of a rounding
    boundary (DuckDB and numpy interpolate in a different order of floating-point operations)."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), path
        for k in a:
            assert_same_report(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same_report(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert abs(a - b) <= 0.0100001, f"{path}: {a} != {b}"
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def brute_scalpers(data: bytes, s: QueueSettings) -> dict[tuple[str, str], list[str]]:
    """The scalper reasons per (hall, holder) straight from the rule's words."""
    log = load_tickets(data, file="t.csv")
    assert log.table is not None
    per: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in log.table.to_pylist():
        if r["holder"] and r["holder"] not in s.agents:
            per[(r["hall"], r["holder"])].append(r)
    out = {}
    for key, ts in per.items():
        days: dict[dt.date, int] = defaultdict(int)
        months: dict[tuple[int, int], set[str]] = defaultdict(set)
        for t in ts:
            days[t["issued_at"].date()] += 1
            months[(t["issued_at"].year, t["issued_at"].month)].add(t["item"])
        reasons = []
        if max(days.values()) >= s.scalper_tickets_per_day:
            reasons.append("many_tickets_a_day")
        times = sorted(t["issued_at"] for t in ts)
        window = dt.timedelta(seconds=s.burst_seconds)
        counts = [sum(1 for u in times if x - window <= u <= x) for x in times]
        if max(days.values()) >= s.burst_tickets and max(counts) >= s.burst_tickets:
            reasons.append("kiosk_burst")
        if max(len(v) for v in months.values()) >= s.scalper_items:
            reasons.append("many_items")
        unused = sum(t["status"] in ("no_show", "cancelled") for t in ts)
        if len(ts) >= s.unused_min_tickets and unused >= s.unused_share * len(ts):
            reasons.append("mostly_unused")
        if reasons:
            out[key] = reasons
    return out


@pytest.mark.parametrize("s", [QueueSettings(), QueueSettings(scalper_tickets_per_day=2, burst_tickets=2,
                                                              scalper_items=2, unused_min_tickets=2),
                               QueueSettings(scalper_tickets_per_day=9, burst_tickets=4, scalper_items=3,
                                             unused_min_tickets=9, agents=frozenset({"p1"}))])
@settings(max_examples=10, deadline=None)
@given(data=logs())
def test_scalper_suspects_are_those_the_rule_describes(s, data):
    found = {(f.subject, f.key[0]): f.evidence["reasons"]
             for f in kpi_report(load_tickets(data, file="t.csv"), settings=s).findings if f.kind == "scalper_suspect"}
    assert found == brute_scalpers(data, s)
