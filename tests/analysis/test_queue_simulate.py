"""The ciw replay: closing time, appointments, tickets kept overnight, and agreement with Erlang C."""

from __future__ import annotations

import pytest

from analysis.queueing import DayPlan, day_plan, erlang, load_tickets, simulate, simulate_day, staffing_plan


def test_with_plenty_of_windows_nobody_waits_and_nobody_is_sent_home():
    r = simulate_day(DayPlan((30.0, 30.0), (50, 50), 5), replications=3)
    assert r.service_level == 1.0 and r.unserved_per_day == 0 and r.wait_minutes.max == 0


def test_with_no_window_open_everybody_who_came_is_sent_home():
    r = simulate_day(DayPlan((30.0,), (0,), 5), replications=3)
    day = r.per_day[0]
    assert day.served == 0 and day.unserved == day.arrivals > 0


def test_appointments_arrive_at_their_booked_times_and_are_all_served():
    r = simulate_day(DayPlan((0.0, 0.0), (1, 1), 5, appointments_per_hour=(2.0, 3.0)), replications=2)
    assert (r.per_day[0].arrivals, r.per_day[0].served) == (5, 5)


def test_tickets_kept_from_yesterday_are_served_first_at_opening():
    r = simulate_day(DayPlan((0.0,), (1,), 5), carried_over=3, replications=2)
    assert (r.per_day[0].carried_over, r.per_day[0].served, r.per_day[0].unserved) == (3, 3, 0)


@pytest.mark.parametrize("keep", [True, False])
def test_people_sent_home_come_back_the_next_day_with_or_without_their_ticket(keep):
    # 30 arrivals/h for 2 hours at one window serving 10-minute cases: about 40 are left each day
    r = simulate(DayPlan((30.0, 30.0), (1, 1), 10), days=2, keep_overnight=keep, replications=3)
    first, second = r.per_day
    assert first.unserved > 20
    assert (second.carried_over > 0) is keep
    if not keep:  # they return as new walk-ins, so day two has more arrivals than day one
        assert second.arrivals > first.arrivals + 20


def test_a_steady_day_agrees_with_erlang_c_within_a_few_points():
    # the published example: 200/h, 3 minutes, 14 windows → 88.8% within 20 seconds
    r = simulate(DayPlan((200.0,) * 6, (14,) * 6, 3), target_minutes=1 / 3, replications=4, seed=7)
    assert r.service_level == pytest.approx(erlang.service_level(14, 200, 3, 1 / 3), abs=0.04)


def test_a_day_plan_is_taken_from_a_staffing_plan():
    header = "ticket_id,hall,issued_at,called_at,started_at,finished_at,window,item,holder,channel,queue,status"
    rows = [f"T{i},H,2024-03-04 {h}:{m:02d}:00,2024-03-04 {h}:{m + 1:02d}:00,2024-03-04 {h}:{m + 1:02d}:00,"
            f"2024-03-04 {h}:{m + 7:02d}:00,W1,事项,,onsite,A,served"
            for i, (h, m) in enumerate([(9, 0), (9, 10), (11, 0)])]
    plan = staffing_plan(load_tickets(("\n".join([header, *rows]) + "\n").encode(), file="t.csv"))
    d = day_plan(plan, hall="H", weekday=1, windows="open")
    assert d.opening_hour == 9 and d.arrivals_per_hour == (2, 0, 1) and d.windows == (1, 0, 1)
    assert d.service_minutes == pytest.approx(6)
    with pytest.raises(ValueError):
        day_plan(plan, hall="H", weekday=2)


def test_a_plan_with_mismatched_hours_is_refused():
    with pytest.raises(ValueError):
        DayPlan((10.0, 10.0), (1,), 5)
