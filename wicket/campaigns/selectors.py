from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from wicket.checklist.models import Campaign, ChecklistItem
from wicket.orgs import access
from wicket.orgs.models import Unit
from wicket.problems.models import Problem
from wicket.problems.selectors import with_overdue
from wicket.signoff.models import Submission, SubmissionStatus

from .models import Answer


def campaigns_for_user(user) -> QuerySet[Campaign]:
    """County-wide roles see every campaign; a unit's people see those their unit takes part in."""
    qs = Campaign.objects.all()
    if not access.is_county_wide(user):
        qs = qs.filter(units__in=access.units_visible_to(user)).distinct()
    return qs.order_by("-created_at", "-id")


def campaign_get_for_user(*, user, pk) -> Campaign:
    try:
        return campaigns_for_user(user).select_related("checklist").get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def campaign_unit_get(*, user, campaign: Campaign, unit_id) -> Unit:
    """A participating unit the user may see, else 404 (a stranger learns nothing)."""
    unit = access.unit_get_for_user(user, unit_id)
    if not campaign.units.filter(pk=unit.pk).exists():
        raise Http404
    return unit


@dataclass
class SheetCategory:
    item: ChecklistItem
    points: list[dict]


def inspection_sheet(*, campaign: Campaign, unit: Unit) -> list[SheetCategory]:
    """The checklist with this unit's answers, their problems and evidence (a fixed number of queries)."""
    answers = {a.item_id: a for a in Answer.objects.filter(inspection__campaign=campaign, inspection__unit=unit)
               .select_related("answered_by")
               .prefetch_related(Prefetch("problems", queryset=with_overdue(Problem.objects.order_by("id"))),
                                 "evidence")}
    cats: dict[int, SheetCategory] = {}
    for item in campaign.checklist.items.order_by("order"):
        if item.parent_id is None:
            cats[item.pk] = SheetCategory(item=item, points=[])
        else:
            cats[item.parent_id].points.append({"item": item, "answer": answers.get(item.pk)})
    return list(cats.values())


def inspection_progress(*, campaign: Campaign) -> dict[int, int]:
    """unit_id -> how many checklist points it has answered (one query)."""
    rows = (Answer.objects.filter(inspection__campaign=campaign).values("inspection__unit_id")
            .annotate(n=Count("id")))
    return {r["inspection__unit_id"]: r["n"] for r in rows}


def point_count(campaign: Campaign) -> int:
    return campaign.checklist.items.filter(parent__isnull=False).count()


def unit_reports(*, campaign: Campaign, unit: Unit) -> list[dict]:
    """Each phase with this unit's report versions, newest first (two queries)."""
    from .services.inspection import REPORT_KIND, report_key

    phases = list(campaign.phases.all())
    subs = Submission.objects.filter(unit=unit, kind=REPORT_KIND, key__in=[report_key(p) for p in phases]) \
        .select_related("signed_by").order_by("-version")
    by_key: dict[str, list[Submission]] = {}
    for s in subs:
        by_key.setdefault(s.key, []).append(s)
    out = []
    for p in phases:
        versions = by_key.get(report_key(p), [])
        signed = next((s for s in versions if s.status == SubmissionStatus.SIGNED), None)
        out.append({"phase": p, "versions": versions, "latest": versions[0] if versions else None,
                    "signed": signed})
    return out
