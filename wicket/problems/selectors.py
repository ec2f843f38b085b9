"""Reads on problems: the scoped, filtered list; counts; what is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from wicket.orgs import access

from .lifecycle import OPEN_STATUSES
from .models import Problem, Status


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
