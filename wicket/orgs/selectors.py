from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import Membership, Role, Unit


def unit_contacts(units: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """Units with their liaisons and heads prefetched (for reminder lists and status boards)."""
    qs = units if units is not None else Unit.objects.all()
    people = Membership.objects.filter(role__in=[Role.LIAISON, Role.HEAD]).select_related("user")
    return qs.prefetch_related(Prefetch("memberships", queryset=people, to_attr="contacts"))


def normalize_name(name: str) -> str:
    """The key two ways of writing a unit's name are compared by: full-width forms folded to
    half-width (（）→ (), ＡＢ → AB) and every space, full-width or not, removed."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def unit_resolver():
    """A function mapping a name as written in data (full name, short name or alias) to a Unit."""
    index: dict[str, Unit] = {}
    for unit in Unit.objects.all():
        for name in unit.names():
            index.setdefault(normalize_name(name), unit)

    def resolve(name: str) -> Unit | None:
        return index.get(normalize_name(name))

    return resolve


def unit_name_kinds(unit: Unit) -> list[tuple[str, Any]]:
    """(name, what it is) for each of the unit's names: 单位名称, 简称, 其他名称."""
    fields = Unit._meta
    out: list[tuple[str, Any]] = [(unit.name, fields.get_field("name").verbose_name)]
    if unit.short_name:
        out.append((unit.short_name, fields.get_field("short_name").verbose_name))
    out.extend((a, fields.get_field("aliases").verbose_name) for a in unit.aliases)
    return out


def units_by_name(q: str = "") -> list[Unit]:
    """Every unit, or those one of whose names contains `q` (compared as the resolver compares)."""
    units = list(Unit.objects.order_by("order", "id"))
    key = normalize_name(q)
    if not key:
        return units
    return [u for u in units if any(key in normalize_name(n) for n in u.names())]


@dataclass
class AliasChange:
    at: Any
    by: Any
    unit_name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reason: str = ""


def alias_changes(*, limit: int = 50) -> list[AliasChange]:
    """Changes to any unit's aliases, newest first, from the units' history (one query)."""
    records = Unit.history.select_related("history_user").order_by("id", "history_date", "history_id")
    changes: list[AliasChange] = []
    previous: dict[int, list[str]] = {}
    for rec in records:
        before = previous.get(rec.id)
        after = list(rec.aliases or [])
        previous[rec.id] = after
        if before is None:  # the unit's creation: where it started, not a change
            continue
        added = [a for a in after if a not in before]
        removed = [a for a in before if a not in after]
        if added or removed:
            changes.append(AliasChange(at=rec.history_date, by=rec.history_user, unit_name=rec.name,
                                       added=added, removed=removed, reason=rec.history_change_reason or ""))
    changes.sort(key=lambda c: c.at, reverse=True)
    return changes[:limit]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def units_like(name: str, *, limit: int = 5) -> list[Unit]:
    """Units whose names share the most two-character pieces with `name`: likely owners of an unknown name."""
    wanted = _bigrams(normalize_name(name))
    scored = []
    for unit in Unit.objects.order_by("order", "id"):
        score = max((len(wanted & _bigrams(normalize_name(n))) for n in unit.names()), default=0)
        if score:
            scored.append((-score, unit.order, unit.pk, unit))
    return [u for *_, u in sorted(scored, key=lambda t: t[:3])[:limit]]
