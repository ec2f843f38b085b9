"""Every ticket rule on small logs whose answer is known by hand: positive and negative cases."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.queueing import QueueSettings, find_ticket_problems, load_tickets

HALL = "城东便民服务中心"
HEADER = "ticket_id,hall,issued_at,called_at,started_at,finished_at,window,item,holder,channel,queue,status"
BASE = dt.datetime(2024, 3, 4)  # a Monday


class Log:
    """Builds a ticket CSV: times are minutes after 09:00 of a day (day 0 = 2024-03-04)."""

    def __init__(self) -> None:
        self.rows: list[str] = []

    def add(self, issued: float, called: float | None = None, *, day: int = 0, item: str = "社保",
            queue: str | None = None, window: str = "1", holder: str = "", channel: str = "onsite",
            status: str | None = None, service: float = 5, tid: str | None = None) -> str:
        at = lambda m: (BASE + dt.timedelta(days=day, hours=9, minutes=m)).strftime("%Y-%m-%d %H:%M:%S")  # noqa: E731
        status = status or ("served" if called is not None else "unserved")
        tid = tid or f"T{len(self.rows) + 1:03d}"
        called_s = at(called) if called is not None else ""
        served = status == "served"
        self.rows.append(",".join([
            tid, HALL, at(issued), called_s, at(called) if served else "",
            at(called + service) if served and called is not None else "",
            window if called is not None else "", item, holder, channel, queue or item, status]))
        return tid

    def findings(self, kind: str, **options):
        data = ("\n".join([HEADER, *self.rows]) + "\n").encode()
        found = find_ticket_problems(load_tickets(data, file="t.csv"), settings=QueueSettings(**options))
        return [f for f in found if f.kind == kind]


# ------------------------------------------------------------------------------------ long_wait


@pytest.mark.parametrize(("late", "flagged"), [(3, True), (2, False)])
def test_a_day_below_the_service_level_goal_is_a_long_wait(late, flagged):
    log = Log()
    for i in range(10):  # FIFO, one queue per ticket so nothing else fires
        log.add(i, i + (45 if i < late else 10), queue=f"Q{i}")
    found = [f for f in log.findings("long_wait") if f.key[0] == "day"]
    assert bool(found) is flagged
    if flagged:
        f = found[0]
        assert (f.subject, f.checklist, f.key) == (HALL, "5", ("day", "2024-03"))
        assert f.evidence["days"] == [{"day": "2024-03-04", "called": 10, "service_level": 0.7, "wait_p90": 45.0}]


@pytest.mark.parametrize(("min_called", "flagged"), [(10, True), (11, False)])
def test_hours_and_items_need_enough_called_tickets(min_called, flagged):
    log = Log()
    for i in range(10):
        log.add(i, i + (45 if i < 5 else 10), queue=f"Q{i}", item="不动产登记")
    keys = {f.key for f in log.findings("long_wait", min_called=min_called)}
    assert (("hour", "09") in keys) is flagged
    assert (("item", "不动产登记") in keys) is flagged


# --------------------------------------------------------------------------- unserved_at_closing


@pytest.mark.parametrize(("unserved", "flagged"), [(2, True), (1, False)])
def test_a_day_sending_home_more_than_the_share_is_flagged_with_the_tickets(unserved, flagged):
    log = Log()
    for i in range(20 - unserved):
        log.add(i, i + 1, queue=f"Q{i}")
    ids = [log.add(400 + i, None, queue="L") for i in range(unserved)]
    found = log.findings("unserved_at_closing")
    assert bool(found) is flagged
    if flagged:
        assert found[0].evidence["tickets"] == ids
        assert found[0].evidence["days"][0]["unserved_share"] == pytest.approx(0.1)


# ---------------------------------------------------------------------- ticket_expired_overnight


@pytest.mark.parametrize(("second", "flagged"), [
    ({"day": 1}, True),  # same item the next day
    ({"day": 7}, True),  # a week later is still within the default 7 days
    ({"day": 8}, False),
    ({"day": 1, "item": "医保"}, False),  # another item
    ({"day": 0, "issued": 300}, False),  # a second ticket the same day is not overnight
])
def test_a_holder_left_unserved_who_queues_again_later_for_the_same_item(second, flagged):
    log = Log()
    log.add(480, None, holder="p1", tid="U1")
    issued = second.pop("issued", 10)
    log.add(issued, issued + 10, holder="p1", tid="N1", **second)
    found = log.findings("ticket_expired_overnight")
    assert bool(found) is flagged
    if flagged:
        case = found[0].evidence["cases"][0]
        assert (case["unserved_ticket"], case["next_ticket"], case["holder"]) == ("U1", "N1", "p1")


def test_tickets_with_no_holder_cannot_be_linked_overnight():
    log = Log()
    log.add(480, None)
    log.add(10, 20, day=1)
    assert log.findings("ticket_expired_overnight") == []


# -------------------------------------------------------------------------------- repeat_visits


@pytest.mark.parametrize(("days", "agents", "flagged"), [
    ((0, 16), (), True),  # 3-4 and 3-20
    ((0, 30), (), True),  # exactly 30 days apart
    ((0, 31), (), False),
    ((0, 0), (), False),  # twice the same day is one visit
    ((0, 16), ("p1",), False),  # a registered agent
])
def test_a_holder_served_for_the_same_item_on_two_days_within_30_days(days, agents, flagged):
    log = Log()
    for i, d in enumerate(days):
        log.add(10 * i, 10 * i + 5, day=d, holder="p1")
    found = log.findings("repeat_visits", agents=frozenset(agents))
    assert bool(found) is flagged
    if flagged:
        f = found[0]
        assert (f.checklist, f.key, f.evidence["repeat_visits"], f.evidence["holders_count"]) == ("1.4", ("社保",), 1, 1)


# ------------------------------------------------------------------------------ scalper_suspect


def _tickets(log: Log, spec: list[tuple[int, float, str, str]]) -> None:
    for day, minute, item, status in spec:
        called = None if status in ("unserved", "cancelled") else minute + 1
        log.add(minute, called, day=day, item=item, holder="p9", status=status, queue=f"{day}{minute}")


@pytest.mark.parametrize(("spec", "options", "reasons"), [
    ([(0, 0, "a", "served"), (0, 100, "b", "served"), (0, 200, "c", "served")], {}, ["many_tickets_a_day"]),
    ([(0, 0, "a", "served"), (0, 100, "b", "served")], {}, []),
    ([(0, 0, "a", "served"), (0, 0.5, "a", "served"), (0, 1, "a", "served")], {"scalper_tickets_per_day": 9},
     ["kiosk_burst"]),  # three within 60 seconds
    ([(0, 0, "a", "served"), (0, 0.5, "a", "served"), (0, 1.02, "a", "served")], {"scalper_tickets_per_day": 9},
     []),  # the third 61 seconds after the first
    ([(d, 0, f"i{d}", "served") for d in range(5)], {}, ["many_items"]),  # five items in March
    ([(d, 0, f"i{d}", "served") for d in range(4)], {}, []),
    ([(d * 7, 0, f"i{d}", "served") for d in range(5)], {}, []),  # 3 items in March, 2 in April
    ([(d, 0, "a", "no_show" if d < 3 else "served") for d in range(6)], {}, ["mostly_unused"]),
    ([(d, 0, "a", "cancelled" if d < 2 else "served") for d in range(6)], {}, []),
    ([(d, 0, "a", "no_show") for d in range(5)], {}, []),  # too few tickets to judge
    ([(0, 0, "a", "served"), (0, 100, "b", "served"), (0, 200, "c", "served")],
     {"agents": frozenset({"p9"})}, []),  # a registered agent
])
def test_scalper_suspects_are_flagged_with_their_reasons(spec, options, reasons):
    log = Log()
    _tickets(log, spec)
    found = log.findings("scalper_suspect", **options)
    assert [r for f in found for r in f.evidence["reasons"]] == reasons
    if found:
        assert (found[0].checklist, found[0].key, found[0].evidence["tickets_count"]) == ("4.3", ("p9",), len(spec))


def test_tickets_with_no_holder_are_never_scalpers():
    log = Log()
    for i in range(5):
        log.add(i * 0.1, i + 10, queue=f"Q{i}")
    assert log.findings("scalper_suspect") == []


# ------------------------------------------------------------------------------- queue_jumping


def test_a_ticket_called_ahead_of_an_earlier_onsite_ticket_is_a_jump_at_its_window():
    log = Log()
    log.add(0, 20, window="1", tid="A1")
    log.add(1, 25, window="1", tid="A2")
    log.add(5, 10, window="7", tid="B1")  # skips A1 and A2
    [f] = log.findings("queue_jumping")
    assert (f.subject, f.checklist, f.key) == (HALL, "4.3", ("7",))
    assert (f.evidence["jumps"], f.evidence["skipped"]) == (1, 2)
    assert f.evidence["tickets"][0]["skipped_tickets"] == ["A1", "A2"]


@pytest.mark.parametrize("late", [
    {"channel": "appointment"},
    {"channel": "priority"},
    {"queue": "other"},  # a different queue of the same window
    {"day": 1},
    {"issued": 0},  # issued the same second
])
def test_it_is_not_a_jump_across_channels_queues_days_or_at_the_same_issue_time(late):
    log = Log()
    log.add(0, 20, window="1")
    log.add(late.pop("issued", 5), 10, window="3", **late)
    assert log.findings("queue_jumping") == []


def test_an_earlier_ticket_that_was_never_called_is_not_jumped():
    log = Log()
    log.add(0, None)
    log.add(5, 10)
    assert log.findings("queue_jumping") == []


def test_a_window_serving_two_queues_is_judged_queue_by_queue():
    log = Log()
    log.add(0, 30, queue="A", window="3")
    log.add(1, 10, queue="B", window="3")  # B's first ticket: no jump though called before A's
    log.add(2, 40, queue="A", window="3")
    log.add(3, 20, queue="B", window="3")
    log.add(4, 35, queue="A", window="3")  # jumps the A ticket issued at 2
    [f] = log.findings("queue_jumping")
    assert (f.evidence["jumps"], f.evidence["skipped"], f.evidence["queues"]) == (1, 1, ["A"])


def test_every_finding_exposes_the_common_fields():
    log = Log()
    log.add(0, 20, holder="p1")
    log.add(5, 10, holder="p1", window="2")
    log.add(6, 11, holder="p1", window="2")
    found = log.findings("queue_jumping") + log.findings("scalper_suspect")
    for f in found:
        d = f.to_dict()
        assert {"kind", "checklist", "subject", "message", "fingerprint", "evidence"} <= set(d)
        assert f.subject == HALL and len(f.fingerprint) == 32
