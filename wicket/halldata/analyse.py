"""Recompute the analysis of what is stored, cache it as Snapshots, and feed the findings to the
problem list. Run after every store (and on demand: new phone tests, a new day for deadlines).

Scopes: a hall's tickets (detector "queue"), a unit's calls ("calls") or ratings ("ratings"); the
county's calls and ratings are cached too, for the county dashboards, but send no findings of
their own (each unit's run does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pyarrow as pa
from django.conf import settings
from django.utils import timezone

from analysis.calls import Call as ACall
from analysis.calls import call_report
from analysis.queueing import TicketLog, kpi_report, staffing_plan
from analysis.ratings import Rating as ARating
from analysis.ratings import rating_report
from wicket.checklist.selectors import campaign_current
from wicket.orgs.models import Unit
from wicket.problems.intake import IntakeResult, findings_intake
from wicket.registry.models import Hall
from wicket.supervision.selectors import phone_test_calls
from wicket.workcal.selectors import effective_calendar

from .contracts import snapshot_check
from .findings import rating_findings, scoped
from .models import Call, Kind, Rating, Snapshot, Ticket
from .storage import tz

DETECTOR = {Kind.TICKETS: "queue", Kind.CALLS: "calls", Kind.RATINGS: "ratings"}


HEADLINE = {
    Kind.TICKETS: ("tickets", "called", "unserved", "service_level", "unserved_share", "wait_minutes"),
    Kind.CALLS: ("calls", "answered", "answer_rate", "answered_within_share"),
    Kind.RATINGS: ("ratings", "satisfaction", "bad", "bad_replies"),
}


def target_minutes() -> float:
    return float(getattr(settings, "WICKET_QUEUE_TARGET_MINUTES", 30))


def reply_workdays() -> int:
    return int(getattr(settings, "WICKET_RATING_REPLY_WORKDAYS", 5))


def snapshot_key(kind: str, *, hall: Hall | None = None, unit: Unit | None = None) -> str:
    if hall is not None:
        return f"{kind}:hall:{hall.pk}"
    if unit is not None:
        return f"{kind}:unit:{unit.pk}"
    return f"{kind}:county"


def intake_scope(kind: str, *, hall: Hall | None = None, unit: Unit | None = None) -> str:
    return "halldata:" + snapshot_key(kind, hall=hall, unit=unit).split(":", 1)[1]


def _local(value: dt.datetime | None, zone) -> dt.datetime | None:
    return None if value is None else value.astimezone(zone).replace(tzinfo=None)


def _save(key: str, kind: str, *, data: dict[str, Any], rows: int, findings: int, period: tuple,
          hall: Hall | None = None, unit: Unit | None = None, phone_tests: int = 0) -> None:
    overall = data.get("report", {}).get("overall", {})
    headline = {k: overall.get(k) for k in HEADLINE[kind]}
    if rows == 0:
        Snapshot.objects.filter(key=key).delete()
        return
    snapshot_check(kind, data)  # what the dashboards read is there, in its type, or the analysis fails here
    Snapshot.objects.update_or_create(key=key, defaults=dict(
        kind=kind, hall=hall, unit=unit, rows=rows, headline=headline, findings=findings, phone_tests=phone_tests,
        first_day=period[0], last_day=period[1], data=data, computed_at=timezone.now()))



# ---------------------------------------------------------------- tickets

TICKET_COLUMNS = ("ticket_id", "issued_at", "called_at", "started_at", "finished_at", "window", "item", "holder",
                  "channel", "queue", "status")


def ticket_log(hall: Hall) -> TicketLog:
    """The hall's stored tickets as the analysis reads them (local times, the hall's registry name)."""
    zone = tz()
    rows = list(Ticket.objects.filter(hall=hall).order_by("issued_at", "id").values_list(*TICKET_COLUMNS))
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(TICKET_COLUMNS)
    data = dict(zip(TICKET_COLUMNS, cols, strict=True))
    ts = pa.timestamp("us")
    text = pa.string()

    def times(name: str) -> pa.Array:
        return pa.array([_local(v, zone) for v in data[name]], type=ts)

    def opt(name: str) -> pa.Array:
        return pa.array([v or None for v in data[name]], type=text)

    table = pa.table({
        "ticket_id": pa.array(data["ticket_id"], type=text), "hall": pa.array([hall.name] * len(rows), type=text),
        "issued_at": times("issued_at"), "called_at": times("called_at"), "started_at": times("started_at"),
        "finished_at": times("finished_at"), "window": opt("window"), "item": pa.array(data["item"], type=text),
        "holder": opt("holder"), "channel": pa.array(data["channel"], type=text),
        "queue": pa.array(data["queue"], type=text), "status": pa.array(data["status"], type=text),
    })
    return TicketLog(table=table, files=(hall.name,))


def analyse_hall(hall: Hall, *, by=None) -> IntakeResult:
    log = ticket_log(hall)
    rows = len(log)
    findings = []
    data: dict[str, Any] = {}
    period: tuple = (None, None)
    if rows:
        report = kpi_report(log, target_minutes=target_minutes())
        plan = staffing_plan(log, target_minutes=target_minutes())
        findings = scoped([*report.findings, *plan.findings], f"hall:{hall.pk}")
        data = {"report": {k: v for k, v in report.to_dict().items() if k != "findings"},
                "plan": {k: v for k, v in plan.to_dict().items() if k != "findings"},
                "findings": [f.to_dict() for f in findings]}
        period = (report.first_day, report.last_day)
    _save(snapshot_key(Kind.TICKETS, hall=hall), Kind.TICKETS, data=data, rows=rows, findings=len(findings),
          period=period, hall=hall)
    return findings_intake(findings=findings, detector=DETECTOR[Kind.TICKETS],
                           scope=intake_scope(Kind.TICKETS, hall=hall), resolve_unit=lambda _s: hall.unit,
                           campaign=campaign_current(), by=by)


# ---------------------------------------------------------------- calls

def _calls(unit: Unit | None) -> tuple[list[ACall], int]:
    zone = tz()
    qs = Call.objects.all() if unit is None else Call.objects.filter(unit=unit)
    out = [ACall(call_id=c[0], line=c[1], unit=c[2], started_at=_local(c[3], zone), answered=c[4],
                 ring_seconds=c[5], talk_seconds=c[6], outcome=c[7])
           for c in qs.order_by("started_at", "id").values_list(
               "call_id", "line", "unit__name", "started_at", "answered", "ring_seconds", "talk_seconds", "outcome")]
    tests = phone_test_calls(unit=unit)
    for t in tests:
        out.append(ACall(call_id=t["call_id"], line=t["line"], unit=t["unit"],
                         started_at=dt.datetime.strptime(t["started_at"], "%Y-%m-%d %H:%M:%S"),
                         answered=bool(t["answered"]), ring_seconds=t["ring_seconds"],
                         talk_seconds=t["talk_seconds"], outcome=t["outcome"] or ""))
    return out, len(tests)


def _calls_snapshot(unit: Unit | None) -> list:
    calls, tests = _calls(unit)
    report = call_report(calls)
    scope = f"unit:{unit.pk}" if unit is not None else "county"
    findings = scoped(report.findings, scope)
    data = {"report": {k: v for k, v in report.to_dict().items() if k != "findings"},
            "findings": [f.to_dict() for f in findings]}
    days = (report.overall.first_call, report.overall.last_call)
    _save(snapshot_key(Kind.CALLS, unit=unit), Kind.CALLS, data=data, rows=len(calls), findings=len(findings),
          period=tuple(d.date() if d else None for d in days), unit=unit, phone_tests=tests)
    return findings


def _analyse_units(kind: str, snapshot: Callable[[Unit | None], list], units: Iterable[Unit], *,
                   by=None) -> IntakeResult:
    """Each unit's snapshot and findings into its problem list, then the county snapshot."""
    total = IntakeResult()
    campaign = campaign_current()
    for unit in units:
        total.add(findings_intake(findings=snapshot(unit), detector=DETECTOR[kind],
                                  scope=intake_scope(kind, unit=unit),
                                  resolve_unit=lambda _s, unit=unit: unit, campaign=campaign, by=by))
    snapshot(None)
    return total


def analyse_calls(units: Iterable[Unit], *, by=None) -> IntakeResult:
    return _analyse_units(Kind.CALLS, _calls_snapshot, units, by=by)


# ---------------------------------------------------------------- ratings

def _ratings(unit: Unit | None) -> list[ARating]:
    zone = tz()
    qs = Rating.objects.all() if unit is None else Rating.objects.filter(unit=unit)
    return [ARating(rating_id=r[0], unit=r[1], rated_at=_local(r[2], zone), level=r[3], window=r[4], item=r[5],
                    staff=r[6], channel=r[7], comment=r[8], handled_at=_local(r[9], zone))
            for r in qs.order_by("rated_at", "id").values_list(
                "rating_id", "unit__name", "rated_at", "level", "window", "item", "staff", "channel", "comment",
                "handled_at")]


def _ratings_snapshot(unit: Unit | None) -> list:
    ratings = _ratings(unit)
    workdays = reply_workdays()
    report = rating_report(ratings, reply_deadline_workdays=workdays, today=timezone.localdate(),
                           calendar=effective_calendar())
    scope = f"unit:{unit.pk}" if unit is not None else "county"
    findings = rating_findings(report.findings, scope, workdays=workdays)
    data = {"report": {k: v for k, v in report.to_dict().items() if k != "findings"},
            "findings": [f.to_dict() for f in findings]}
    days = (report.overall.first_rating, report.overall.last_rating)
    _save(snapshot_key(Kind.RATINGS, unit=unit), Kind.RATINGS, data=data, rows=len(ratings),
          findings=len(findings), period=tuple(d.date() if d else None for d in days), unit=unit)
    return findings


def analyse_ratings(units: Iterable[Unit], *, by=None) -> IntakeResult:
    return _analyse_units(Kind.RATINGS, _ratings_snapshot, units, by=by)


def analyse(kind: str, *, halls: Iterable[int] = (), units: Iterable[int] = (), by=None) -> IntakeResult:
    if kind == Kind.TICKETS:
        total = IntakeResult()
        for hall in Hall.objects.select_related("unit").filter(pk__in=list(halls)).order_by("pk"):
            total.add(analyse_hall(hall, by=by))
        return total
    chosen = list(Unit.objects.filter(pk__in=list(units)).order_by("pk"))
    return analyse_calls(chosen, by=by) if kind == Kind.CALLS else analyse_ratings(chosen, by=by)
