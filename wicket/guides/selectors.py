"""Reads: the guide list with filters, one guide with its findings, the county overview."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from analysis.guides import KINDS
from wicket.orgs import access
from wicket.orgs.models import Unit
from wicket.problems.models import Problem
from wicket.problems.selectors import problems_by_finding

from .models import Finding, Guide, GuideImport, ImportStatus
from .services import DETECTOR

CHECKLIST_CODES = sorted({code for code, _ in KINDS.values()})


@dataclass(frozen=True)
class GuideFilters:
    unit: int | None = None
    kind: str = ""
    checklist: str = ""
    source: str = ""
    q: str = ""
    flagged: bool = False

    def query(self, **changes: Any) -> str:
        values = {"unit": self.unit or "", "kind": self.kind, "checklist": self.checklist, "source": self.source,
                  "q": self.q, "flagged": "1" if self.flagged else "", **changes}
        return urlencode({k: v for k, v in values.items() if v})


def guide_list(*, user, filters: GuideFilters) -> QuerySet[Guide]:
    qs = access.scope_to_user(Guide.objects.select_related("unit").defer("data"), user)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(code__icontains=filters.q))
    if filters.kind or filters.checklist:
        hits = Finding.objects.all()
        if filters.kind:
            hits = hits.filter(kind=filters.kind)
        if filters.checklist:
            hits = hits.filter(checklist=filters.checklist)
        qs = qs.filter(pk__in=Finding.guides.through.objects.filter(finding__in=hits).values("guide_id"))
    elif filters.flagged:
        qs = qs.filter(finding_count__gt=0)
    return qs


def kinds_of(guides: list[Guide]) -> dict[int, list[str]]:
    """Finding kinds per guide of one page: one query."""
    rows = (Finding.guides.through.objects.filter(guide_id__in=[g.pk for g in guides])
            .values_list("guide_id", "finding__kind"))
    out: dict[int, Counter[str]] = defaultdict(Counter)
    for guide_id, kind in rows:
        out[guide_id][kind] += 1
    return {gid: [k for k in KINDS if k in c] for gid, c in out.items()}


def sources_for(user, unit: Unit | None = None) -> list[str]:
    qs = access.scope_to_user(Guide.objects.all(), user)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return sorted(qs.order_by().values_list("source", flat=True).distinct())


def guide_units_for(user) -> QuerySet[Unit]:
    """Units that have guides stored, among those the user may see."""
    return access.units_visible_to(user).filter(guides__isnull=False).distinct().order_by("order", "id")


def guide_get_for_user(*, user, pk) -> Guide:
    return access.get_for_user(Guide.objects.select_related("unit", "batch", "batch__created_by"), user, pk=pk)


def guide_findings(guide: Guide) -> list[Finding]:
    return list(guide.findings.order_by("id").prefetch_related("guides"))


def guide_copies(guide: Guide) -> list[Guide]:
    """The same item as the department's other sources publish it."""
    return list(Guide.objects.filter(unit_id=guide.unit_id, identity=guide.identity).exclude(pk=guide.pk)
                .defer("data").order_by("source", "id"))


def problems_by_fingerprint(fingerprints: list[str]) -> dict[str, Problem]:
    """Finding fingerprint -> the problem it is filed under (one problem per cause holds several)."""
    return problems_by_finding(fingerprints, detector=DETECTOR)


def batches_list(limit: int = 50) -> list[GuideImport]:
    return list(GuideImport.objects.exclude(status=ImportStatus.DISCARDED).select_related("created_by")
                .prefetch_related("parts__unit")[:limit])


@dataclass
class UnitRow:
    unit: Unit
    guides: int = 0
    items: int = 0
    sources: int = 0
    findings: int = 0
    flagged: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    cells: list[tuple[str, int]] = field(default_factory=list)  # (kind, count) in the overview's kind order
    url: str = ""

    @property
    def per_item(self) -> float:
        return self.findings / self.items if self.items else 0.0


@dataclass
class Overview:
    rows: list[UnitRow]
    kinds: list[tuple[str, str, str, int]]  # (kind, checklist, label, total)
    guides: int
    items: int
    findings: int

    @property
    def per_item(self) -> float:
        return self.findings / self.items if self.items else 0.0


def department_url(unit_id: int, **query: Any) -> str:
    url = reverse("guides:unit", args=[unit_id])
    return f"{url}?{urlencode(query)}" if query else url


def county_overview() -> Overview:
    """Every department with guides, ranked by findings per item (item = one code, or one name
    without code, across the department's sources). Three queries whatever the size."""
    per_unit = (Guide.objects.values("unit_id")
                .annotate(guides=Count("id"), items=Count("identity", distinct=True),
                          sources=Count("source", distinct=True), flagged=Count("id", filter=Q(finding_count__gt=0))))
    rows: dict[int, UnitRow] = {}
    units = Unit.objects.in_bulk([r["unit_id"] for r in per_unit])
    for r in per_unit:
        rows[r["unit_id"]] = UnitRow(unit=units[r["unit_id"]], guides=r["guides"], items=r["items"],
                                     sources=r["sources"], flagged=r["flagged"], url=department_url(r["unit_id"]))
    totals: Counter[str] = Counter()
    for r in Finding.objects.values("unit_id", "kind").annotate(n=Count("id")):
        row = rows.get(r["unit_id"])
        if row is None:
            continue
        row.kinds[r["kind"]] = r["n"]
        row.findings += r["n"]
        totals[r["kind"]] += r["n"]
    ranked = sorted(rows.values(), key=lambda r: (-r.per_item, -r.findings, r.unit.order, r.unit.pk))
    kinds = [(k, code, label, totals[k]) for k, (code, label) in KINDS.items() if totals[k]]
    for row in ranked:
        row.cells = [(k, row.kinds.get(k, 0)) for k, *_ in kinds]
    return Overview(rows=ranked, kinds=kinds, guides=sum(r.guides for r in ranked),
                    items=sum(r.items for r in ranked), findings=sum(totals.values()))


def overview_chart(overview: Overview, title: str) -> dict[str, Any]:
    """A horizontal bar per department, worst on top; a bar opens that department's guides."""
    rows = list(reversed(overview.rows))  # ECharts draws the first category at the bottom
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"left": 10, "right": 40, "top": 10, "bottom": 20, "containLabel": True},
        "xAxis": {"type": "value"},
        "yAxis": {"type": "category", "data": [r.unit.display_name for r in rows], "axisLabel": {"interval": 0}},
        "series": [{"type": "bar", "name": title, "label": {"show": True, "position": "right"},
                    "data": [{"value": round(r.per_item, 2), "url": r.url} for r in rows]}],
    }


def unit_summary(unit: Unit) -> dict[str, Any]:
    agg = Guide.objects.filter(unit=unit).aggregate(
        guides=Count("id"), items=Count("identity", distinct=True), flagged=Count("id", filter=Q(finding_count__gt=0)))
    kinds = dict(Finding.objects.filter(unit=unit).values_list("kind").annotate(n=Count("id")))
    findings = sum(kinds.values())
    agg.update(findings=findings, per_item=findings / agg["items"] if agg["items"] else 0.0,
               kinds=[(k, code, label, kinds[k]) for k, (code, label) in KINDS.items() if kinds.get(k)])
    return agg


def unit_problem_counts(unit: Unit) -> dict[str, int]:
    """Problems the guide check registered for the department: open, and offered for closure."""
    qs = Problem.objects.filter(detector=DETECTOR, unit=unit)
    return qs.aggregate(total=Count("id"), open=Count("id", filter=~Q(status="closed")),
                        cleared=Count("id", filter=Q(detector_cleared_at__isnull=False) & ~Q(status="closed")))


def unit_finding_counts(unit_ids: list[int]) -> dict[int, int]:
    """Current findings per department (after the latest re-check)."""
    return dict(Finding.objects.filter(unit_id__in=unit_ids).values("unit_id").annotate(n=Count("id"))
                .values_list("unit_id", "n"))
