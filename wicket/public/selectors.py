"""Reads for public reports and the public progress page (no personal data on anything public)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, QuerySet
from django.http import Http404

from wicket.checklist.models import ChecklistItem
from wicket.orgs import access
from wicket.orgs.models import Role, Unit, UnitKind
from wicket.problems.models import Problem, Status

from .models import PublicReport, ReportStatus

STAFF_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)


def report_by_receipt(receipt: str) -> PublicReport | None:
    return PublicReport.objects.select_related("problem__unit", "unit").filter(receipt=receipt).first()


def reports_for_staff(*, user, status: str = "") -> QuerySet[PublicReport]:
    access.require_role(user, *STAFF_ROLES)
    qs = PublicReport.objects.select_related("unit", "problem")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def report_get_for_staff(*, user, pk) -> PublicReport:
    access.require_role(user, *STAFF_ROLES)
    try:
        return PublicReport.objects.select_related("unit", "problem__unit", "recorded_by", "triaged_by").get(pk=pk)
    except (PublicReport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def reports_to_triage_count() -> int:
    return PublicReport.objects.filter(status=ReportStatus.RECEIVED).count()


def supervision_phone() -> str:
    office = Unit.objects.filter(kind=UnitKind.GOV_OFFICE).order_by("order", "id").first()
    return office.phone if office else ""


def category_titles() -> dict[str, str]:
    return dict(ChecklistItem.objects.filter(parent__isnull=True).values_list("code", "title").distinct())


def progress_counts(campaign=None) -> dict:
    """Counts by category (1–6) and status for the county: one query."""
    qs = Problem.objects.all()
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    table: dict[str, dict[str, int]] = defaultdict(lambda: {s.value: 0 for s in Status})
    for row in qs.values("checklist_code", "status").annotate(n=Count("id")):
        table[row["checklist_code"].split(".")[0]][row["status"]] += row["n"]
    titles = category_titles()
    rows = []
    totals = {s.value: 0 for s in Status}
    for code in sorted(set(titles) | set(table)):
        counts = table[code]
        for k, v in counts.items():
            totals[k] += v
        rows.append({"code": code, "title": titles.get(code, ""), "counts": [counts[s.value] for s in Status],
                     "total": sum(counts.values())})
    return {"rows": rows, "totals": [totals[s.value] for s in Status], "total": sum(totals.values()),
            "statuses": [s.label for s in Status]}


def closed_by_unit(campaign=None, *, limit: int = 2000) -> list[dict]:
    """Each unit's closed problems: title, category, date closed — nothing about people. One query."""
    qs = Problem.objects.filter(status=Status.CLOSED)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    rows = (qs.order_by("unit__order", "unit_id", "-closed_at")
            .values("unit_id", "unit__name", "title", "checklist_code", "closed_at")[:limit])
    out: dict[int, dict] = {}
    for r in rows:
        entry = out.setdefault(r["unit_id"], {"unit": r["unit__name"], "problems": []})
        entry["problems"].append({"title": r["title"], "code": r["checklist_code"], "closed_at": r["closed_at"]})
    return list(out.values())
