"""Reads on problems: the scoped, filtered list; counts; what is due; a problem's detection data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.core.history import HistoryEntry, history_entries
from wicket.orgs import access

from . import detection
from .lifecycle import OPEN_STATUSES
from .models import Problem, ProblemEvent, Status


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
    """What the detector sees now (message, labelled figures) and each earlier version, newest first.

    `events` is the problem's timeline, already fetched: the earlier versions come from it, no query.
    """
    if not problem.evidence_data:
        return None
    return {"message": problem.evidence_data.get("message", ""), "rows": detection.rows(problem.evidence_data),
            "updates": detection.updates(events)}


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
                          closed_to=_date(g.get("closed_to")))
