"""Reads of the registry: a unit's register, a round's status board, the consolidated tables, facility gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analysis.common import Finding
from wicket.orgs import access
from wicket.orgs.models import Role, Unit
from wicket.orgs.people import person_name
from wicket.orgs.selectors import unit_contacts
from wicket.signoff.models import Submission, SubmissionStatus
from wicket.signoff.selectors import latest_signed

from .models import SIGNOFF_KIND, Hall, HallKind, ReportingRound, RoundReport
from .tables import table_for


class State:
    SUBMITTED = "submitted"
    ZERO = "zero"
    DRAFT = "draft"
    NOT_STARTED = "not_started"
    LATE = "late"


STATE_LABELS = {
    State.SUBMITTED: _("已报送"),
    State.ZERO: _("零报告"),
    State.DRAFT: _("填报中"),
    State.NOT_STARTED: _("未填报"),
    State.LATE: _("逾期未报"),
}
STATE_BADGES = {State.SUBMITTED: "bg-green-lt", State.ZERO: "bg-azure-lt", State.DRAFT: "bg-yellow-lt",
                State.NOT_STARTED: "bg-secondary-lt", State.LATE: "bg-red-lt"}


def halls_of(unit: Unit | int) -> QuerySet[Hall]:
    return Hall.objects.filter(unit=unit).order_by("order", "id")


def round_latest() -> ReportingRound | None:
    return ReportingRound.objects.order_by("-opened_at", "-id").first()


def rounds_all() -> QuerySet[ReportingRound]:
    return ReportingRound.objects.order_by("-opened_at", "-id")


@dataclass
class UnitRound:
    """One unit's place in one round, as its liaison and the county see it."""

    report: RoundReport
    state: str
    signed: Submission | None = None
    awaiting: Submission | None = None
    contacts: list[Any] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]

    @property
    def unit(self) -> Unit:
        return self.report.unit

    @property
    def extended(self) -> bool:
        return self.report.deadline != self.report.round.deadline

    @property
    def signed_late(self) -> bool:
        return self.signed is not None and self.signed.signed_at > self.report.deadline

    @property
    def halls(self) -> int | None:
        return len(self.signed.content.get("halls", [])) if self.signed else None

    @property
    def windows(self) -> int | None:
        return self.signed.content.get("totals", {}).get("window_count") if self.signed else None

    @property
    def liaisons(self) -> list[dict[str, str]]:
        return [{"name": person_name(m.user), "phone": m.phone} for m in self.contacts if m.role == Role.LIAISON]


def state_of(report: RoundReport, *, signed: Submission | None, awaiting: Submission | None,
             now: dt.datetime) -> str:
    if signed is not None:
        return State.ZERO if signed.content.get("zero_report") else State.SUBMITTED
    if now > report.deadline:
        return State.LATE
    if awaiting is not None or report.started_at or report.zero_report:
        return State.DRAFT
    return State.NOT_STARTED


def _awaiting(kind_key: str, unit_ids=None) -> dict[int, Submission]:
    qs = Submission.objects.filter(kind=SIGNOFF_KIND, key=kind_key, status=SubmissionStatus.AWAITING_SIGNATURE)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return {s.unit_id: s for s in qs}


@dataclass
class Board:
    round: ReportingRound
    rows: list[UnitRound]
    counts: dict[str, int]
    late: list[UnitRound]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return self.counts[State.SUBMITTED] + self.counts[State.ZERO]

    def count_items(self) -> list[dict[str, Any]]:
        return [{"state": s, "label": STATE_LABELS[s], "badge": STATE_BADGES[s], "count": self.counts[s]}
                for s in STATE_LABELS]


def round_board(*, rnd: ReportingRound, now: dt.datetime | None = None, state: str = "") -> Board:
    """Every unit in the round with its state; five queries whatever the number of units."""
    now = now or timezone.now()
    reports = list(rnd.reports.select_related("unit", "round").order_by("unit__order", "unit_id"))
    contacts = {u.pk: u.contacts for u in unit_contacts(Unit.objects.filter(round_reports__round=rnd))}
    signed = latest_signed(kind=SIGNOFF_KIND, key=rnd.signoff_key)
    awaiting = _awaiting(rnd.signoff_key)
    rows = [UnitRound(report=r, state=state_of(r, signed=signed.get(r.unit_id), awaiting=awaiting.get(r.unit_id),
                                                now=now),
                      signed=signed.get(r.unit_id), awaiting=awaiting.get(r.unit_id),
                      contacts=contacts.get(r.unit_id, []))
            for r in reports]
    counts = {s: 0 for s in STATE_LABELS}
    for row in rows:
        counts[row.state] += 1
    late = [r for r in rows if r.state == State.LATE]
    if state:
        rows = [r for r in rows if r.state == state]
    return Board(round=rnd, rows=rows, counts=counts, late=late)


def unit_rounds(*, unit: Unit, now: dt.datetime | None = None) -> list[UnitRound]:
    """The unit's open rounds, newest first, with its state in each."""
    now = now or timezone.now()
    reports = list(RoundReport.objects.filter(unit=unit, round__closed_at__isnull=True).select_related("round", "unit")
                   .order_by("-round__opened_at"))
    out = []
    for r in reports:
        mine = (Submission.objects.filter(kind=SIGNOFF_KIND, key=r.round.signoff_key, unit=unit,
                                          status=SubmissionStatus.SIGNED).order_by("-version").first())
        awaiting = _awaiting(r.round.signoff_key, [unit.pk]).get(unit.pk)
        out.append(UnitRound(report=r, state=state_of(r, signed=mine, awaiting=awaiting, now=now), signed=mine,
                             awaiting=awaiting))
    return out


def report_get_for_user(*, user, pk) -> RoundReport:
    return access.get_for_user(RoundReport.objects.select_related("unit", "round"), user, pk=pk)


def hall_get_for_user(*, user, pk) -> Hall:
    return access.get_for_user(Hall.objects.select_related("unit"), user, pk=pk)


def open_reports_due(*, user) -> QuerySet[RoundReport]:
    """Open rounds of the user's units (as liaison) that are not signed yet: the home page's to-do."""
    units = access.unit_ids_for(user, (Role.LIAISON,))
    signed_keys = Submission.objects.filter(kind=SIGNOFF_KIND, status=SubmissionStatus.SIGNED, unit_id__in=units)
    pairs = {(s.unit_id, s.key) for s in signed_keys.only("unit_id", "key")}
    reports = RoundReport.objects.filter(unit_id__in=units, round__closed_at__isnull=True).select_related(
        "round", "unit")
    return [r for r in reports if (r.unit_id, r.round.signoff_key) not in pairs]  # type: ignore[return-value]


# ---------------------------------------------------------------- the consolidated tables

def round_tables(*, rnd: ReportingRound) -> dict[str, list[tuple[str, list[dict[str, Any]], str]]]:
    """Per table, the units' signed content in unit order: (unit name, hall rows, remark if none)."""
    signed = latest_signed(kind=SIGNOFF_KIND, key=rnd.signoff_key)
    out: dict[str, list[tuple[str, list[dict[str, Any]], str]]] = {"town": [], "department": []}
    for report in rnd.reports.select_related("unit").order_by("unit__order", "unit_id"):
        sub = signed.get(report.unit_id)
        if sub is None:
            continue
        c = sub.content
        remark = f"零报告：{c.get('zero_statement', '')}" if c.get("zero_report") else ""
        out[c.get("table") or table_for(report.unit)].append((report.unit.name, c.get("halls", []), remark))
    return out


# ---------------------------------------------------------------- facility gaps (for the detectors)

QUEUE_MIN_WINDOWS = 2  # a hall where people queue: two or more windows


@dataclass(frozen=True)
class FacilityGap:
    kind: str
    checklist: str
    hall: Hall
    message: str
    evidence: dict[str, Any]

    def finding(self) -> Finding:
        return Finding(kind=self.kind, checklist=self.checklist, subject=self.hall.unit.name, message=self.message,
                       key=(self.hall.name,), evidence=self.evidence)


def facility_gaps() -> list[FacilityGap]:
    """Halls without a queue machine (4.2) or copying service (4.1); windows that only receive (3.2).

    Online halls have no counters and are skipped; a queue machine is expected where a hall has
    at least two windows; a village agency station (代理工作站) exists to receive and forward, so
    its windows are not expected to approve.
    """
    gaps: list[FacilityGap] = []
    halls = (Hall.objects.exclude(kind=HallKind.ONLINE).select_related("unit")
             .filter(Q(has_copier=False) | Q(has_queue_machine=False, window_count__gte=QUEUE_MIN_WINDOWS)
                     | (Q(authorized_windows__lt=F("window_count")) & ~Q(kind=HallKind.AGENCY_STATION)))
             .order_by("unit__order", "unit_id", "order", "id"))
    for h in halls:
        ev = {"hall": h.name, "unit": h.unit.name, "kind": h.kind_label, "window_count": h.window_count,
              "authorized_windows": h.authorized_windows, "has_copier": h.has_copier, "has_scanner": h.has_scanner,
              "has_queue_machine": h.has_queue_machine}
        if h.authorized_windows < h.window_count and h.kind != HallKind.AGENCY_STATION:
            gaps.append(FacilityGap(
                "window_without_authority", "3.2", h,
                f"{h.name}：{h.window_count} 个窗口中有 {h.receive_only_windows} 个只收件、无审批权，"
                f"申请材料仍需拿回原部门审批，应授权到位", ev))
        if not h.has_queue_machine and h.window_count >= QUEUE_MIN_WINDOWS:
            gaps.append(FacilityGap(
                "hall_without_queue_machine", "4.2", h,
                f"{h.name}：设有 {h.window_count} 个窗口但没有排队叫号机，应配置叫号机并设置指引标识", ev))
        if not h.has_copier:
            extra = "（有高拍仪但不提供复印）" if h.has_scanner else ""
            gaps.append(FacilityGap(
                "hall_without_copier", "4.1", h,
                f"{h.name}：不提供复印服务{extra}，办事群众需离开窗口复印后重新排队", ev))
    return gaps
