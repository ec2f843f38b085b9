"""The manager's live page: people waiting, longest wait, windows open, and an alert naming the queue whose
expected wait passes the target, with the windows needed now."""

from __future__ import annotations

from wicket.ticketing.selectors.board import live_figures
from wicket.ticketing.services import calling, issue

from .conftest import MONDAY, at


def test_a_queue_past_its_target_raises_an_alert_with_the_windows_needed(th, county, client_for, clock):
    for minute in range(0, 40, 2):  # 20 people for 社会保障 since 9:00, 6 minutes each (the estimate)
        issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(MONDAY, 9, minute))
    calling.ticket_call_next(window=th.w1, by=county.liaison, now=at(MONDAY, 9, 41))
    live = live_figures(th.hall, now=at(MONDAY, 9, 45))
    a = next(r for r in live["queues"] if r.queue == th.a)
    assert (a.now.waiting, a.now.windows_open, live["windows_open"]) == (19, 1, 1)
    assert a.now.expected_wait_minutes == 114.0 and a.longest_wait_minutes == 43.0  # 19 × 6 / 1; since 9:02
    assert (a.now.windows_needed_erlang, a.now.windows_needed_backlog) == (3, 4)  # 20 an hour; ⌈19 × 6 / 30⌉
    assert a.now.over_target and a.now.windows_needed == 4
    assert [r.queue for r in live["alerts"]] == [th.a]

    clock.set(at(MONDAY, 9, 45))
    page = client_for(county.head).get(f"/ticketing/halls/{th.hall.hall_id}/").content.decode()
    assert "“社会保障”预计等候 114.0 分钟，超过目标 30 分钟：现在需要开 4 个窗口（已开 1 个）" in page
