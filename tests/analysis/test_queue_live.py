"""A queue right now (analysis/queue_live.py): expected wait from the recent service times and the windows
open; windows needed from Erlang C and from the people already waiting; the alert."""

from __future__ import annotations

import pytest

from analysis.queue_live import MIN_RECENT, queue_now
from analysis.queueing.erlang import windows_needed


def now(**kw):
    base = dict(waiting=12, windows_open=2, arrivals_last_hour=20, recent_service_minutes=[6, 8, 10],
                default_service_minutes=5, target_minutes=30)
    return queue_now(**{**base, **kw})


def test_the_expected_wait_uses_the_last_hours_services_once_there_are_enough():
    q = now()
    assert q.service_from_recent and q.service_minutes == 8
    assert q.expected_wait_minutes == 48.0  # 12 × 8 / 2
    few = now(recent_service_minutes=[30] * (MIN_RECENT - 1))
    assert not few.service_from_recent and few.expected_wait_minutes == 30.0  # 12 × 5 / 2


def test_windows_needed_is_the_larger_of_erlang_c_and_the_backlog():
    q = now()
    assert q.windows_needed_erlang == windows_needed(20, 8, 30, 0.8)
    assert q.windows_needed_backlog == 4  # ⌈12 × 8 / 30⌉
    assert q.windows_needed == max(q.windows_needed_erlang, 4)


@pytest.mark.parametrize("kw, alert", [
    ({}, True),                                        # 48 minutes > 30
    ({"windows_open": 4}, False),                      # 24 minutes
    ({"windows_open": 0}, True),                       # people waiting, nobody serving them
    ({"waiting": 0, "windows_open": 0}, False),        # nobody waiting: no alert
    ({"waiting": 0, "arrivals_last_hour": 0}, False),
])
def test_the_alert_fires_only_when_people_wait_past_the_target(kw, alert):
    q = now(**kw)
    assert q.over_target is alert


def test_no_window_means_no_expected_wait_and_no_arrivals_need_no_erlang_window():
    q = now(windows_open=0, arrivals_last_hour=0)
    assert q.expected_wait_minutes is None and q.windows_needed_erlang == 0 and q.windows_needed == 4


def test_nonsense_is_refused():
    with pytest.raises(ValueError):
        now(waiting=-1)
    with pytest.raises(ValueError):
        now(target_minutes=0)
