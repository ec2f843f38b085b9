"""Windows needed per weekday × hour from a log, against windows open, and the effect of pooling."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.queueing import load_tickets, staffing_plan

HEADER = "ticket_id,hall,issued_at,called_at,started_at,finished_at,window,item,holder,channel,queue,status"


def _log(tickets: list[tuple[dt.datetime, str, str, str]]) -> bytes:
    """(issued, queue, window, channel): called at once, served for exactly 10 minutes."""
    rows = []
    for i, (issued, queue, window, channel) in enumerate(tickets):
        s = lambda x: x.strftime("%Y-%m-%d %H:%M:%S")  # noqa: E731
        rows.append(f"T{i},大厅,{s(issued)},{s(issued)},{s(issued)},{s(issued + dt.timedelta(minutes=10))},"
                    f"{window},{queue},,{channel},{queue},served")
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _monday_log() -> bytes:
    # Two Mondays, 12 tickets in the 9 o'clock hour each: λ = 12/h, s = 10 min, A = 2 Erlang.
    # 2024-03-04: windows W1 and W2 call; 2024-03-11: only W1. Windows open: (2 + 1) / 2 = 1.5.
    tickets = []
    for day, windows in ((dt.datetime(2024, 3, 4, 9), ("W1", "W2")), (dt.datetime(2024, 3, 11, 9), ("W1",))):
        for i in range(12):
            tickets.append((day + dt.timedelta(minutes=5 * i), "A", windows[i % len(windows)], "onsite"))
    tickets[0] = (tickets[0][0], "A", "W1", "appointment")
    return _log(tickets)


def test_demand_service_and_windows_open_are_averaged_over_the_dates_of_the_weekday():
    [slot] = staffing_plan(load_tickets(_monday_log(), file="t.csv")).slots
    assert (slot.weekday, slot.hour, slot.dates) == (1, 9, 2)
    assert slot.arrivals_per_hour == pytest.approx(12)
    assert slot.appointments_per_hour == pytest.approx(0.5)
    assert slot.service_minutes == pytest.approx(10)
    assert slot.windows_open == pytest.approx(1.5)


def test_erlang_c_needs_three_windows_for_two_erlangs_at_30_minutes_80_percent():
    # c = 3: B = 4/19, C = 4/9, SL = 1 − 4/9 · e^(−(3 − 2)·30/10) = 0.978 ≥ 0.8; c = 2 cannot keep up
    [slot] = staffing_plan(load_tickets(_monday_log(), file="t.csv")).slots
    assert slot.windows_needed == 3
    assert slot.shortfall == pytest.approx(1.5)


def test_too_few_windows_is_a_finding_for_the_hall():
    plan = staffing_plan(load_tickets(_monday_log(), file="t.csv"))
    [f] = plan.findings
    assert (f.kind, f.checklist, f.subject) == ("too_few_windows", "5", "大厅")
    assert f.evidence["slots"][0] == {"weekday": 1, "hour": 9, "windows_open": 1.5, "windows_needed": 3,
                                      "windows_needed_dedicated": 3}


@pytest.mark.parametrize(("goal", "dedicated", "pooled"), [
    # two queues of 3/h × 10 min (0.5 Erlang each)
    (0.95, 4, 2),  # one window each gives 88.8% < 95%, so 2 + 2; one pool of 2 gives 98.3%
    (0.80, 2, 2),  # one window each already gives 88.8%
])
def test_pooling_dedicated_windows_into_universal_windows(goal, dedicated, pooled):
    start = dt.datetime(2024, 3, 4, 9)
    tickets = [(start + dt.timedelta(minutes=20 * i + j), q, f"W{q}", "onsite")
               for i in range(3) for j, q in enumerate("AB")]
    [slot] = staffing_plan(load_tickets(_log(tickets), file="t.csv"), service_level_goal=goal).slots
    assert {q.queue: q.arrivals_per_hour for q in slot.queues} == {"A": 3, "B": 3}
    assert (slot.windows_needed_dedicated, slot.windows_needed) == (dedicated, pooled)
    assert slot.pooling_saves == dedicated - pooled


def test_the_plan_summary_adds_window_hours_per_hall():
    plan = staffing_plan(load_tickets(_monday_log(), file="t.csv"))
    assert plan.summary() == [{"hall": "大厅", "window_hours_open": 1.5, "window_hours_needed": 3,
                               "window_hours_dedicated": 3, "peak_windows_needed": 3, "slots_short": 1}]
    assert plan.to_dict()["slots"][0]["queues"][0]["queue"] == "A"
