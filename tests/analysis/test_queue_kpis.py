"""Ticket KPIs over a log small enough to compute by hand.

Hall 县政务服务中心, Monday 2024-03-04 and Tuesday 2024-03-05:

    id  queue issued  called  service       window status     wait  service
    T1  A     09:00   09:10   09:10–09:20   W1     served      10    10
    T2  A     09:05   09:25   09:25–09:31   W1     served      20     6
    T3  B     09:10   09:50                 W2     no_show     40
    T4  B     09:20   10:20   10:21–10:41   W2     served      60    20
    T5  A     09:30   10:50   10:50–11:02   W2     served      80    12   (W2 serves two queues)
    T6  A     16:50                                unserved           (no window, no holder)
    T7  A     10:00                                cancelled
    T8  A     09:00   09:05   09:05–09:15   W1     served       5    10   (Tuesday)
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.queueing import kpi_report, load_ticket_paths, load_tickets, save_parquet

HALL = "县政务服务中心"
HEADER = "ticket_id,hall,issued_at,called_at,started_at,finished_at,window,item,holder,channel,queue,status"


def t(day: int, hm: str | None) -> str:
    return f"2024-03-0{day} {hm}:00" if hm else ""


def row(tid, day, queue, item, issued, called, start, end, window, holder, status):
    return ",".join([tid, HALL, t(day, issued), t(day, called), t(day, start), t(day, end), window, item,
                     holder, "onsite", queue, status])


ROWS = [
    row("T1", 4, "A", "社保", "09:00", "09:10", "09:10", "09:20", "W1", "h1", "served"),
    row("T2", 4, "A", "社保", "09:05", "09:25", "09:25", "09:31", "W1", "h2", "served"),
    row("T3", 4, "B", "医保", "09:10", "09:50", None, None, "W2", "h3", "no_show"),
    row("T4", 4, "B", "医保", "09:20", "10:20", "10:21", "10:41", "W2", "h4", "served"),
    row("T5", 4, "A", "社保", "09:30", "10:50", "10:50", "11:02", "W2", "h5", "served"),
    row("T6", 4, "A", "社保", "16:50", None, None, None, "", "", "unserved"),
    row("T7", 4, "A", "社保", "10:00", None, None, None, "", "h7", "cancelled"),
    row("T8", 5, "A", "社保", "09:00", "09:05", "09:05", "09:15", "W1", "h1", "served"),
]
DATA = ("\n".join([HEADER, *ROWS]) + "\n").encode()


@pytest.fixture(scope="module")
def report():
    return kpi_report(load_tickets(DATA, file="t.csv"), target_minutes=30)


def test_overall_counts_follow_the_status_of_each_ticket(report):
    o = report.overall
    assert (o.tickets, o.called, o.served, o.no_show, o.unserved, o.cancelled) == (8, 6, 5, 1, 1, 1)
    assert o.unserved_share == pytest.approx(1 / 8)


def test_wait_is_call_minus_issue_over_called_tickets_with_linear_percentiles(report):
    # waits 5 10 20 40 60 80
    w = report.overall.wait_minutes
    assert (w.count, w.mean, w.p50, w.p90, w.p95, w.max) == pytest.approx((6, 215 / 6, 30, 70, 75, 80))


def test_service_time_is_finish_minus_start_over_served_tickets(report):
    # services 6 10 10 12 20
    s = report.overall.service_minutes
    assert (s.count, s.mean, s.p50, s.p90, s.p95, s.max) == pytest.approx((5, 11.6, 10, 16.8, 18.4, 20))


@pytest.mark.parametrize(("target", "level"), [(30, 3 / 6), (40, 4 / 6), (4, 0), (80, 1)])
def test_service_level_is_the_share_of_called_tickets_waiting_at_most_the_target(target, level):
    assert kpi_report(load_tickets(DATA, file="t.csv"), target_minutes=target,
                      findings=False).overall.service_level == pytest.approx(level)


def test_each_day_has_its_own_service_level_and_unserved_share(report):
    monday, tuesday = report.by_day
    assert (monday.day, monday.kpis.tickets, monday.kpis.called) == (dt.date(2024, 3, 4), 7, 5)
    assert monday.kpis.service_level == pytest.approx(2 / 5)
    assert monday.kpis.unserved_share == pytest.approx(1 / 7)
    assert monday.kpis.wait_minutes.mean == pytest.approx(42)
    assert (tuesday.kpis.tickets, tuesday.kpis.service_level, tuesday.kpis.unserved_share) == (1, 1.0, 0.0)


def test_the_peak_queue_counts_a_call_before_an_issue_at_the_same_second(report):
    # at 09:10 T1 is called as T3 is issued: still 2 waiting; the peak of 3 comes at 09:20
    monday = report.by_day[0]
    assert (monday.peak_queue, monday.peak_queue_at) == (3, dt.datetime(2024, 3, 4, 9, 20))


def test_window_utilisation_is_busy_time_over_first_call_to_last_call_or_finish(report):
    w1, w2 = report.by_window
    # W1: Monday open 09:10–09:31 (21 min) busy 16; Tuesday 09:05–09:15 (10) busy 10
    assert (w1.window, w1.days_open, w1.busy_minutes, w1.open_minutes) == ("W1", 2, 26, 31)
    assert w1.utilisation == pytest.approx(26 / 31)
    # W2 serves queues A and B: open 09:50–11:02 (72 min), busy 20 + 12
    assert (w2.window, w2.queues, w2.kpis.called) == ("W2", ("A", "B"), 3)
    assert w2.utilisation == pytest.approx(32 / 72)


def test_unserved_tickets_with_no_window_are_in_no_window_row(report):
    assert sum(w.kpis.tickets for w in report.by_window) == 6


def test_by_hour_weekday_hour_and_item(report):
    hours = {h.hour: h.kpis.tickets for h in report.by_hour}
    assert hours == {9: 6, 10: 1, 16: 1}
    cells = {(c.weekday, c.hour): c.kpis.tickets for c in report.by_weekday_hour}
    assert cells == {(1, 9): 5, (1, 10): 1, (1, 16): 1, (2, 9): 1}
    items = {i.item: i.kpis for i in report.by_item}
    assert items["社保"].tickets == 6 and items["社保"].wait_minutes.mean == pytest.approx((10 + 20 + 80 + 5) / 4)
    assert items["医保"].no_show == 1


def test_the_wait_matrix_is_weekday_rows_by_hour_columns(report):
    m = report.wait_matrix(HALL)
    assert m["hours"] == [9, 10, 16]
    assert m["values"][0] == [pytest.approx(42), None, None]  # Monday 9:00 mean of 10 20 40 60 80
    assert m["values"][1] == [5, None, None]
    assert m["values"][6] == [None, None, None]


def test_the_json_shape_holds_the_sections_the_issue_names(report):
    d = report.to_dict()
    assert {"overall", "by_day", "by_hour", "by_window", "by_item", "findings"} <= set(d)
    assert {"tickets", "served", "no_show", "unserved", "cancelled", "wait_minutes", "service_minutes",
            "service_level"} <= set(d["overall"])
    assert set(d["overall"]["wait_minutes"]) >= {"mean", "p50", "p90", "p95", "max"}


def test_a_log_of_only_cancelled_tickets_has_no_waits():
    data = ("\n".join([HEADER, ROWS[6]]) + "\n").encode()
    o = kpi_report(load_tickets(data, file="t.csv")).overall
    assert (o.tickets, o.called, o.wait_minutes.mean, o.service_level) == (1, 0, None, None)


def test_csv_python_path_fast_path_parquet_and_hall_batches_give_the_identical_report(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from gen_tickets import generate, write_csv

    csv_path = tmp_path / "gen.csv"
    write_csv(generate(4000, 2), csv_path)
    python_path = kpi_report(load_tickets(csv_path.read_bytes(), file="gen.csv")).to_dict()
    fast_path = kpi_report(load_ticket_paths([csv_path])).to_dict()
    save_parquet(load_ticket_paths([csv_path]), tmp_path / "pq")
    parquet = kpi_report(tmp_path / "pq").to_dict()
    hall_by_hall = kpi_report(tmp_path / "pq", batch_rows=1000).to_dict()  # two batches of one hall
    in_memory_by_hall = kpi_report(load_ticket_paths([csv_path]), batch_rows=1000).to_dict()
    assert python_path == fast_path == parquet == hall_by_hall == in_memory_by_hall
    assert python_path["overall"]["tickets"] == 4000 and python_path["findings"]


@settings(deadline=None)  # a pure function; on a shared machine one example can take 0.5 s
@given(st.lists(st.integers(0, 5000), min_size=1, max_size=200))
def test_percentiles_from_value_counts_equal_numpy_linear_percentiles(values):
    import numpy as np

    from analysis.queueing.kpis import _quantiles_from_histogram

    counts: dict[int, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    got = _quantiles_from_histogram(list(counts.items()), (0.5, 0.9, 0.95))
    assert got == pytest.approx(list(np.percentile(values, [50, 90, 95])), abs=1e-9)
