"""Reads for the county view: every unit's phase status, problems by category and status, what is
late, and the trend — each figure with the problem-list URL that shows the problems behind it."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.checklist.models import Campaign
from wicket.orgs.selectors import unit_contacts
from wicket.problems.models import Problem, Source, Status
from wicket.problems.selectors import ProblemFilters, overdue_q, problem_list
from wicket.signoff.models import Submission, SubmissionStatus

from .selectors import inspection_progress
from .services.inspection import REPORT_KIND, report_key

CATEGORIES = ("1", "2", "3", "4", "5", "6")
STATUSES = tuple(Status)


def problems_url(filters: ProblemFilters, **extra) -> str:
    f = replace(filters, **{k: v for k, v in extra.items() if k in ProblemFilters.__dataclass_fields__})
    params = {k: v for k, v in {
        "campaign": f.campaign, "status": f.status, "category": f.category, "unit": f.unit, "source": f.source,
        "overdue": "1" if f.overdue else "", "found_from": f.found_from, "found_to": f.found_to,
        "closed_from": f.closed_from, "closed_to": f.closed_to}.items() if v}
    return f"{reverse('problems:list')}?{urlencode(params)}"


@dataclass
class Cell:
    n: int
    url: str


@dataclass
class CountyView:
    filters: ProblemFilters
    total: Cell
    by_status: dict[str, Cell]
    overdue: Cell
    categories: list[dict]  # {"code", "cells": {status: Cell}, "overdue": Cell, "total": Cell}
    sources: list[dict]  # {"value", "label", "cell"}
    units: list[dict]
    phases: list
    overdue_problems: list[Problem]
    trend: list[dict] = field(default_factory=list)  # {"week", "start", "end", "found": Cell, "closed": Cell, "open"}


def _unit_rows(campaign: Campaign, base, filters: ProblemFilters, phases, today: dt.date) -> list[dict]:
    units = list(unit_contacts(campaign.units.order_by("order", "id")))
    counts = {r["unit_id"]: r for r in base.values("unit_id").annotate(
        total=Count("id"), open=Count("id", filter=~Q(status=Status.CLOSED)),
        closed=Count("id", filter=Q(status=Status.CLOSED)), overdue=Count("id", filter=overdue_q(today)))}
    subs: dict[tuple[int, str], Submission] = {}
    for s in (Submission.objects.filter(kind=REPORT_KIND, key__in=[report_key(p) for p in phases],
                                        unit__in=units).exclude(status=SubmissionStatus.WITHDRAWN)
              .order_by("unit_id", "key", "-version")):
        key = (s.unit_id, s.key)
        # The newest signed version counts; an unsigned newer draft only if nothing is signed yet.
        if key not in subs or (subs[key].status != SubmissionStatus.SIGNED and s.status == SubmissionStatus.SIGNED):
            subs[key] = s
    progress = inspection_progress(campaign=campaign)
    rows = []
    for u in units:
        c = counts.get(u.pk, {"total": 0, "open": 0, "closed": 0, "overdue": 0})
        cells = []
        for p in phases:
            s = subs.get((u.pk, report_key(p)))
            state = "none"
            if s is not None:
                state = "signed" if s.status == SubmissionStatus.SIGNED else "awaiting"
            late = (state == "signed" and timezone.localdate(s.signed_at) > p.deadline) or \
                   (state != "signed" and today > p.deadline)
            cells.append({"phase": p, "state": state, "submission": s, "late": late,
                          "started": p.starts_on <= today})
        rows.append({
            "unit": u, "answered": progress.get(u.pk, 0),
            "contacts": getattr(u, "contacts", []),
            "total": Cell(c["total"], problems_url(filters, unit=u.pk)),
            "open": Cell(c["open"], problems_url(filters, unit=u.pk, status="open")),
            "closed": Cell(c["closed"], problems_url(filters, unit=u.pk, status=Status.CLOSED)),
            "overdue": Cell(c["overdue"], problems_url(filters, unit=u.pk, overdue=True)),
            "phases": cells,
        })
    return rows


def _trend(campaign: Campaign, base, filters: ProblemFilters, today: dt.date, phases) -> list[dict]:
    if not phases:
        return []
    start = phases[0].starts_on
    start -= dt.timedelta(days=start.weekday())  # weeks run Monday to Sunday
    end = min(today, phases[-1].deadline + dt.timedelta(days=60))
    found: Counter = Counter()
    closed: Counter = Counter()
    for found_on, closed_at in base.values_list("found_on", "closed_at"):
        found[(found_on - start).days // 7] += 1
        if closed_at is not None:
            closed[(timezone.localdate(closed_at) - start).days // 7] += 1
    weeks = max(0, (end - start).days // 7) + 1
    weeks = max(weeks, max([*found, *closed, 0]) + 1)
    rows, open_now = [], 0
    for w in range(weeks):
        a = start + dt.timedelta(days=7 * w)
        b = a + dt.timedelta(days=6)
        open_now += found[w] - closed[w]
        rows.append({"week": w, "start": a, "end": b, "open": open_now,
                     "found": Cell(found[w], problems_url(filters, found_from=a, found_to=b)),
                     "closed": Cell(closed[w], problems_url(filters, status=Status.CLOSED, closed_from=a,
                                                            closed_to=b))})
    return rows


def county_view(*, user, campaign: Campaign, filters: ProblemFilters, today: dt.date | None = None) -> CountyView:
    today = today or timezone.localdate()
    filters = replace(filters, campaign=campaign.pk, overdue=False, found_from=None, found_to=None,
                      closed_from=None, closed_to=None, q="")
    base = problem_list(user=user, filters=filters, today=today).order_by()
    phases = list(campaign.phases.all())

    by_code = defaultdict(Counter)
    overdue_by_cat: Counter = Counter()
    for row in base.values("checklist_code", "status").annotate(n=Count("id"), late=Count("id", filter=overdue_q(today))):
        cat = row["checklist_code"].split(".")[0]
        by_code[cat][row["status"]] += row["n"]
        overdue_by_cat[cat] += row["late"]
    categories = []
    for cat in sorted(set(CATEGORIES) | set(by_code)):
        cells = {s.value: Cell(by_code[cat][s.value], problems_url(filters, category=cat, status=s.value))
                 for s in STATUSES}
        categories.append({"code": cat, "cells": cells,
                           "overdue": Cell(overdue_by_cat[cat], problems_url(filters, category=cat, overdue=True)),
                           "total": Cell(sum(by_code[cat].values()), problems_url(filters, category=cat))})
    totals = Counter()
    for cat in by_code.values():
        totals.update(cat)
    source_counts = dict(base.values_list("source").annotate(n=Count("id")))
    sources = [{"value": v, "label": label,
                "cell": Cell(source_counts.get(v, 0), problems_url(filters, source=v))}
               for v, label in Source.choices]
    overdue_problems = list(base.filter(overdue_q(today)).select_related("unit").order_by("deadline", "id")[:100])
    return CountyView(
        filters=filters,
        total=Cell(sum(totals.values()), problems_url(filters)),
        by_status={s.value: Cell(totals[s.value], problems_url(filters, status=s.value)) for s in STATUSES},
        overdue=Cell(sum(overdue_by_cat.values()), problems_url(filters, overdue=True)),
        categories=categories, sources=sources,
        units=_unit_rows(campaign, base, filters, phases, today), phases=phases,
        overdue_problems=overdue_problems, trend=_trend(campaign, base, filters, today, phases),
    )


def county_charts(view: CountyView, category_titles: dict[str, str]) -> dict:
    """ECharts options; every bar carries the URL of the problems behind it."""
    status_labels = dict(Status.choices)
    cats = [c["code"] for c in view.categories]
    by_category = {
        "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 40, "right": 20, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "axisLabel": {"interval": 0},
                  "data": [f"{c} {category_titles.get(c, '')[:4]}" for c in cats]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": str(status_labels[s.value]), "type": "bar", "stack": "status",
                    "data": [{"value": c["cells"][s.value].n, "url": c["cells"][s.value].url}
                             for c in view.categories]} for s in STATUSES],
    }
    by_source = {
        "tooltip": {"trigger": "item"},
        "series": [{"type": "pie", "radius": ["40%", "70%"],
                    "data": [{"name": str(s["label"]), "value": s["cell"].n, "url": s["cell"].url}
                             for s in view.sources if s["cell"].n]}],
    }
    trend = {
        "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 40, "right": 20, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "data": [f"{r['start']:%m-%d}" for r in view.trend]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": _("新发现"), "type": "bar", "data": [{"value": r["found"].n, "url": r["found"].url}
                                                     for r in view.trend]},
            {"name": _("销号"), "type": "bar", "data": [{"value": r["closed"].n, "url": r["closed"].url}
                                                   for r in view.trend]},
            {"name": _("未销号（累计）"), "type": "line", "data": [r["open"] for r in view.trend]},
        ],
    }
    return {"by_category": by_category, "by_source": by_source, "trend": trend}
