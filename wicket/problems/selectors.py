"""Reads on problems: the scoped, filtered list; counts; what is due; a problem's detection data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.core.history import HistoryEntry, history_entries
from wicket.orgs import access

from . import causes, detection, presenting
from .lifecycle import OPEN_STATUSES
from .models import ClosureState, Problem, ProblemEvent, ProblemFinding, Status


def overdue_q(today: dt.date) -> Q:
    return Q(deadline__lt=today) & ~Q(status=Status.CLOSED)


def with_overdue(qs: QuerySet[Problem], today: dt.date | None = None) -> QuerySet[Problem]:
    today = today or timezone.localdate()
    return qs.annotate(is_overdue=Case(When(overdue_q(today), then=Value(True)), default=Value(False),
                                       output_field=BooleanField()))


@dataclass
class ProblemFilters:
    status: str = ""
    category: str = ""
    unit: int | None = None
    source: str = ""
    overdue: bool = False
    q: str = ""
    campaign: int | None = None
    # Date ranges (inclusive), so a chart's bar can open exactly the problems behind it.
    found_from: dt.date | None = None
    found_to: dt.date | None = None
    closed_from: dt.date | None = None
    closed_to: dt.date | None = None
    # Submitted as fixed, and the data since the rectification confirms it (closure.py).
    ready: bool = False
    detector: str = ""

    @property
    def dated(self) -> bool:
        return any((self.found_from, self.found_to, self.closed_from, self.closed_to))


def problem_list(*, user, filters: ProblemFilters | None = None, today: dt.date | None = None) -> QuerySet[Problem]:
    today = today or timezone.localdate()
    f = filters or ProblemFilters()
    qs = access.scope_to_user(Problem.objects.all(), user)
    if f.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.category:
        qs = qs.filter(Q(checklist_code=f.category) | Q(checklist_code__startswith=f"{f.category}."))
    if f.unit:
        qs = qs.filter(unit_id=f.unit)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.detector:
        qs = qs.filter(detector=f.detector)
    if f.ready:
        qs = qs.filter(status=Status.AWAITING_VERIFICATION, closure_state=ClosureState.CONFIRMED)
    if f.campaign:
        qs = qs.filter(campaign_id=f.campaign)
    if f.overdue:
        qs = qs.filter(overdue_q(today))
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(description__icontains=f.q))
    if f.found_from:
        qs = qs.filter(found_on__gte=f.found_from)
    if f.found_to:
        qs = qs.filter(found_on__lte=f.found_to)
    if f.closed_from:
        qs = qs.filter(closed_at__date__gte=f.closed_from)
    if f.closed_to:
        qs = qs.filter(closed_at__date__lte=f.closed_to)
    return with_overdue(qs.select_related("unit"), today)


def problem_get_for_user(*, user, pk) -> Problem:
    return access.get_for_user(Problem.objects.select_related("unit", "campaign"), user, pk=pk)


def problem_status_counts(qs: QuerySet[Problem], today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    agg = qs.aggregate(
        total=Count("id"),
        **{s.value: Count("id", filter=Q(status=s)) for s in Status},
        overdue=Count("id", filter=overdue_q(today)),
    )
    return agg


def problems_due(*, user, within_days: int = 5, today: dt.date | None = None) -> QuerySet[Problem]:
    """Open problems of the user's own units that are overdue or due within N calendar days."""
    today = today or timezone.localdate()
    qs = Problem.objects.filter(unit_id__in=access.unit_ids_for(user), status__in=OPEN_STATUSES,
                                deadline__isnull=False, deadline__lte=today + dt.timedelta(days=within_days))
    return with_overdue(qs.select_related("unit").order_by("deadline"), today)


def problem_detection(*, problem: Problem, events: list[ProblemEvent]) -> dict[str, Any] | None:
    """A problem from before problems had findings inside: what the detector saw (message, figures)
    and each earlier version, newest first. `events` is the timeline, already fetched: no query."""
    if not problem.evidence_data or "kind" not in problem.evidence_data:
        return None
    return {"message": problem.evidence_data.get("message", ""), "rows": detection.rows(problem.evidence_data),
            "updates": detection.updates(events)}


def problem_groups(qs: QuerySet[Problem]) -> dict[str, Any]:
    """Counts per unit and per category (one query): the list groups its rows by them."""
    rows = (qs.order_by().annotate(cat=Left("checklist_code", 1))
            .values("unit_id", "unit__name", "unit__short_name", "unit__order", "cat").annotate(n=Count("id")))
    units: dict[int, dict[str, Any]] = {}
    for r in rows:
        u = units.setdefault(r["unit_id"], {"unit_id": r["unit_id"], "name": r["unit__short_name"] or r["unit__name"],
                                            "order": r["unit__order"], "total": 0, "cats": {}})
        u["cats"][r["cat"]] = u["cats"].get(r["cat"], 0) + r["n"]
        u["total"] += r["n"]
    ordered = sorted(units.values(), key=lambda u: (u["order"], u["unit_id"]))
    for u in ordered:
        u["cells"] = [u["cats"].get(c, 0) for c in "123456"]
    return {"units": ordered, "by_unit": {u["unit_id"]: u for u in ordered}}


def group_rows(page, groups: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's problems with a header before each new unit and category (counts over the whole list)."""
    out: list[dict[str, Any]] = []
    last: tuple[int, str] | None = None
    for p in page:
        unit = groups["by_unit"].get(p.unit_id, {"name": "", "total": 0, "cats": {}})
        if last is None or last[0] != p.unit_id:
            out.append({"unit": unit})
        if last is None or last != (p.unit_id, p.category):
            out.append({"category": p.category, "n": unit["cats"].get(p.category, 0)})
        out.append({"problem": p})
        last = (p.unit_id, p.category)
    return out


def problems_by_finding(fingerprints: list[str], *, detector: str = "") -> dict[str, Problem]:
    """Finding fingerprint -> the (listed) problem it is filed under, for pages that show findings in place."""
    qs = ProblemFinding.objects.filter(fingerprint__in=fingerprints, problem__merged_into__isnull=True)
    if detector:
        qs = qs.filter(problem__detector=detector)
    return {f.fingerprint: f.problem for f in qs.select_related("problem")}


def problem_findings(*, problem: Problem) -> list[ProblemFinding]:
    return list(problem.findings.select_related("state_by").order_by("id"))


def problem_detail_extras(*, problem: Problem, findings: list[ProblemFinding], is_unit: bool,
                          is_supervisor: bool) -> dict[str, Any]:
    """What the problem page shows of its findings, its trend and what fresh data says."""
    views = presenting.finding_views(problem, findings, is_unit=is_unit, is_supervisor=is_supervisor)
    return {
        "findings": views,
        "finding_counts": presenting.finding_counts(findings),
        "itemised": causes.is_itemised(problem.detector),
        "chart": presenting.occurrence_chart(problem, findings) if findings else None,
        "closure": problem.closure_evidence or None,
        "merged": list(Problem.all_objects.filter(merged_into=problem).order_by("id")
                       .only("id", "title", "status", "found_on")),
    }


def unit_open_causes(*, unit_ids: list[int], limit: int = 30) -> list[Problem]:
    """A unit's open problems, one per cause, with how many findings are still open inside (one query)."""
    return list(Problem.objects.filter(unit_id__in=unit_ids, status__in=OPEN_STATUSES).select_related("unit")
                .annotate(findings_total=Count("findings"),
                          findings_open=Count("findings", filter=Q(findings__state="open")))
                .order_by("unit__order", "unit_id", "checklist_code", "-found_on", "-id")[:limit])


def problem_history(*, problem: Problem) -> list[HistoryEntry]:
    """The record's history; evidence swaps are shown in full under 检测数据, so here only named."""
    entries = history_entries(problem)
    evidence_label = Problem._meta.get_field("evidence_data").verbose_name
    for entry in entries:
        for change in entry.changes:
            if change["field"] == evidence_label:
                change["old"], change["new"] = _("（见检测数据的历次记录）"), _("（当前检测数据）")
    return entries


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def filters_from(request) -> ProblemFilters:
    g = request.GET
    return ProblemFilters(status=g.get("status", ""), category=g.get("category", ""), unit=_int(g.get("unit")),
                          source=g.get("source", ""), overdue=g.get("overdue") == "1", q=g.get("q", "").strip(),
                          campaign=_int(g.get("campaign")), found_from=_date(g.get("found_from")),
                          found_to=_date(g.get("found_to")), closed_from=_date(g.get("closed_from")),
                          closed_to=_date(g.get("closed_to")), ready=g.get("ready") == "1",
                          detector=g.get("detector", "").strip()[:50])
