"""What the analysis stores for the dashboards keeps the shape the cards read (wicket/halldata/contracts.py):
real analyses pass the check, and a key renamed on the analysis side is refused, naming where."""

import copy

import msgspec
import pytest

from wicket.halldata import services
from wicket.halldata.contracts import snapshot_check
from wicket.halldata.models import Snapshot

from .helpers import CALL_FIELDS, RATING_FIELDS, call, csv_bytes, four_tickets, rating, tickets_gbk


@pytest.fixture
def snapshots(county, halls):
    by = county.center_staff
    services.import_log(kind="tickets", name="t.csv", data=tickets_gbk(four_tickets()), by=by)
    services.import_log(kind="calls", name="c.csv", by=by, data=csv_bytes(
        [call("C1", "0557-1", "城关镇", "2026-03-02 09:00:00", True),
         call("C2", "0557-1", "城关镇", "2026-03-02 10:00:00", False)], fields=CALL_FIELDS))
    services.import_log(kind="ratings", name="r.csv", by=by, data=csv_bytes(
        [rating("R1", "城关镇", "综合窗口1", "2026-03-02 09:00:00", 5),
         rating("R2", "城关镇", "综合窗口1", "2026-03-02 10:00:00", 1, comment="态度差")], fields=RATING_FIELDS))
    return {s.kind: s for s in Snapshot.objects.filter(unit__isnull=True, hall__isnull=True)} | {
        "tickets": Snapshot.objects.get(hall=halls.town)}


def test_every_kind_of_stored_analysis_keeps_the_shape_the_dashboards_read(snapshots):
    assert set(snapshots) == {"tickets", "calls", "ratings"}
    for kind, snap in snapshots.items():
        snapshot_check(kind, snap.data)  # raises if a card's key were missing


@pytest.mark.parametrize(("kind", "path", "renamed"), [
    ("tickets", ("report", "by_day", 0, "weekday"), "week_day"),
    ("tickets", ("plan", "slots", 0, "windows_needed"), "needed"),
    ("calls", ("report", "by_line", 0, "answer_rate"), "rate"),
    ("ratings", ("report", "overall", "bad_replies", "on_time"), "ontime"),
])
def test_a_key_renamed_in_the_analysis_is_refused_naming_where(snapshots, kind, path, renamed):
    data = copy.deepcopy(snapshots[kind].data)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[renamed] = parent.pop(path[-1])
    with pytest.raises(msgspec.ValidationError) as exc:
        snapshot_check(kind, data)
    where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[:-1])
    assert str(exc.value) == f"Object missing required field `{path[-1]}` - at `{where}`"
