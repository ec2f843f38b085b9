from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Membership, Role, Unit


def unit_contacts(units: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """Units with their liaisons and heads prefetched (for reminder lists and status boards)."""
    qs = units if units is not None else Unit.objects.all()
    people = Membership.objects.filter(role__in=[Role.LIAISON, Role.HEAD]).select_related("user")
    return qs.prefetch_related(Prefetch("memberships", queryset=people, to_attr="contacts"))


def unit_resolver():
    """A function mapping a name as written in data (full name, short name or alias) to a Unit."""
    index: dict[str, Unit] = {}
    for unit in Unit.objects.all():
        for name in unit.names():
            index.setdefault(_norm(name), unit)

    def resolve(name: str) -> Unit | None:
        return index.get(_norm(name))

    return resolve


def _norm(name: str) -> str:
    return "".join(name.split())
