"""Reads: the current catalogue's proofs (the 清理清单) and items with filters, one item's chain,
the county overview. Every list is a bounded number of queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from analysis.proofs import RECOMMENDATIONS, SHARED_SOURCES
from wicket.orgs import access
from wicket.orgs.models import Unit
from wicket.problems.models import Problem
from wicket.problems.selectors import problems_by_finding

from .models import CatalogVersion, FindingRow, ItemRow, ProofRow, VersionStatus
from .services import DETECTOR

KIND_LABELS = {
    "circular_proof": _("循环证明"),
    "duplicate_proof": _("重复证明"),
    "proof_without_basis": _("无设定依据的证明"),
    "replaceable_by_shared_data": _("可由共享数据替代的证明"),
    "excessive_runaround": _("群众跑动部门过多"),
}


@dataclass(frozen=True)
class ProofFilters:
    recommendation: str = ""
    unit: int | None = None  # the demanding department
    issuer: str = ""
    shared_source: str = ""
    in_cycle: bool = False
    q: str = ""

    def query(self, **changes: Any) -> str:
        values = {"recommendation": self.recommendation, "unit": self.unit or "", "issuer": self.issuer,
                  "shared_source": self.shared_source, "in_cycle": "1" if self.in_cycle else "", "q": self.q,
                  **changes}
        return urlencode({k: v for k, v in values.items() if v})


@dataclass(frozen=True)
class ItemFilters:
    unit: int | None = None
    blocked: bool = False
    over: bool = False  # more issuing offices than the version allows
    q: str = ""

    def query(self, **changes: Any) -> str:
        values = {"unit": self.unit or "", "blocked": "1" if self.blocked else "", "over": "1" if self.over else "",
                  "q": self.q, **changes}
        return urlencode({k: v for k, v in values.items() if v})


def proof_list(*, user, version: CatalogVersion, filters: ProofFilters) -> QuerySet[ProofRow]:
    """The current version's proofs the user may see: the county sees all, a department the proofs it
    demands (directly: its items' windows, or its office before issuing a proof of its own)."""
    qs = ProofRow.objects.filter(version=version)
    if not access.is_county_wide(user):
        qs = qs.filter(pk__in=ProofRow.demanding_units.through.objects.filter(
            unit_id__in=access.unit_ids_for(user)).values("proofrow_id"))
    if filters.unit:
        qs = qs.filter(pk__in=ProofRow.demanding_units.through.objects.filter(unit_id=filters.unit)
                       .values("proofrow_id"))
    if filters.recommendation:
        qs = qs.filter(recommendation=filters.recommendation)
    if filters.issuer:
        qs = qs.filter(issuer=filters.issuer)
    if filters.shared_source:
        qs = qs.filter(shared_source=filters.shared_source)
    if filters.in_cycle:
        qs = qs.filter(in_cycle=True)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(proof_id__icontains=filters.q))
    return qs.order_by("position", "id")


def item_links(*, user, version: CatalogVersion, item_ids: set[str]) -> dict[str, int]:
    """item id -> ItemRow pk, for the items among `item_ids` whose chain the user may open (one query)."""
    qs = access.scope_to_user(ItemRow.objects.filter(version=version, item_id__in=item_ids), user)
    return dict(qs.values_list("item_id", "pk"))


def item_list(*, user, version: CatalogVersion, filters: ItemFilters) -> QuerySet[ItemRow]:
    qs = access.scope_to_user(ItemRow.objects.filter(version=version).select_related("unit").defer("chain"), user)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.blocked:
        qs = qs.filter(blocked=True)
    if filters.over:
        qs = qs.filter(issuers_total__gt=version.max_issuers)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(item_id__icontains=filters.q))
    return qs.order_by("position", "id")


def item_get_for_user(*, user, version: CatalogVersion, pk) -> ItemRow:
    return access.get_for_user(ItemRow.objects.filter(version=version).select_related("unit"), user, pk=pk)


def item_findings(item: ItemRow) -> list[FindingRow]:
    """Findings about this item: proofs it demands twice in its chain, too many offices."""
    return list(FindingRow.objects.filter(version_id=item.version_id, item_ref=item.item_id).order_by("id"))


def item_cycles(item: ItemRow) -> list[dict[str, Any]]:
    """The loops of proofs the item's chain reaches (why it cannot be completed)."""
    if not item.blocked_by:
        return []
    hit = set(item.blocked_by)
    return [c for c in cycles_of(item.version) if hit.intersection(c["members"])]


def demanding_units(version: CatalogVersion, user) -> QuerySet[Unit]:
    """Units that demand at least one proof of the version, among those the user may see."""
    ids = ProofRow.demanding_units.through.objects.filter(proofrow__version=version).values("unit_id")
    return access.units_visible_to(user).filter(pk__in=ids).order_by("order", "id")


def item_units(version: CatalogVersion, user) -> QuerySet[Unit]:
    ids = ItemRow.objects.filter(version=version).values("unit_id")
    return access.units_visible_to(user).filter(pk__in=ids).order_by("order", "id")


def issuers_of(version: CatalogVersion) -> list[str]:
    return sorted(ProofRow.objects.filter(version=version).order_by().values_list("issuer", flat=True).distinct())


def problems_by_fingerprint(fingerprints: list[str]) -> dict[str, Problem]:
    """Finding fingerprint -> the problem it is filed under (one problem per cause holds several)."""
    return problems_by_finding(fingerprints, detector=DETECTOR)


def versions_list(limit: int = 50) -> list[CatalogVersion]:
    return list(CatalogVersion.objects.exclude(status=VersionStatus.DISCARDED).select_related("created_by")
                .defer("catalog", "summary", "names")[:limit])


def problem_counts() -> dict[str, int]:
    """Problems the proof analysis registered: all, still open, and offered for closure."""
    return Problem.objects.filter(detector=DETECTOR).aggregate(
        total=Count("id"), open=Count("id", filter=~Q(status="closed")),
        cleared=Count("id", filter=Q(detector_cleared_at__isnull=False) & ~Q(status="closed")))


def finding_counts(version: CatalogVersion) -> list[tuple[str, str, str, int, int]]:
    """(kind, checklist, label, findings, of them with no known unit) per kind, in the analysis's order."""
    rows = {r["kind"]: r for r in FindingRow.objects.filter(version=version).values("kind", "checklist")
            .annotate(n=Count("id"), unresolved=Count("id", filter=Q(unit__isnull=True)))}
    return [(k, rows[k]["checklist"], label, rows[k]["n"], rows[k]["unresolved"])
            for k, label in KIND_LABELS.items() if k in rows]


def top_items(version: CatalogVersion, limit: int = 10) -> list[ItemRow]:
    """The items that send a citizen to the most offices (then the deepest chains)."""
    return list(ItemRow.objects.filter(version=version).select_related("unit").defer("chain")
                .order_by("-blocked", "-issuers_total", "-proofs_total", "position")[:limit])


def cycles_of(version: CatalogVersion) -> list[dict[str, Any]]:
    """The loops of proofs, each once (from the evidence of the stored circular findings)."""
    seen: dict[tuple[str, ...], dict[str, Any]] = {}
    for data in FindingRow.objects.filter(version=version, kind="circular_proof").values_list("data", flat=True):
        ev = data["evidence"]
        seen.setdefault(tuple(ev["cycle"]), {"members": ev["cycle"], "names": ev["names"], "issuers": ev["issuers"],
                                             "blocked_items": ev["blocked_items"],
                                             "steps": list(zip(ev["names"], ev["issuers"], strict=True))})
    return [seen[k] for k in sorted(seen)]


def recommendation_counts(version: CatalogVersion) -> list[tuple[str, int]]:
    counts = version.summary.get("recommendations", {})
    return [(r, counts.get(r, 0)) for r in RECOMMENDATIONS]


SHARED_SOURCE_CHOICES = SHARED_SOURCES
