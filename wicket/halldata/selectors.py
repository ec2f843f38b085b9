"""Reads for the hall-data pages. Dashboards read Snapshots (precomputed), never the raw rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from wicket.orgs import access
from wicket.orgs.models import Unit
from wicket.problems.lifecycle import OPEN_STATUSES
from wicket.problems.models import Problem
from wicket.registry.models import Hall

from .analyse import DETECTOR, intake_scope, snapshot_key
from .models import ApiToken, Kind, Snapshot, Upload

SUMMARY_FIELDS = ("id", "key", "kind", "hall", "unit", "rows", "findings", "phone_tests", "first_day", "last_day",
                  "headline", "computed_at")


def snapshots_summary(kind: str, *, units: set[int] | None = None) -> QuerySet[Snapshot]:
    """The per-hall or per-unit snapshots of one kind without their (large) data."""
    qs = (Snapshot.objects.filter(kind=kind).exclude(key=f"{kind}:county")
          .select_related("hall__unit", "unit").only(*SUMMARY_FIELDS, "hall__name", "hall__unit__name",
                                                      "hall__unit__short_name", "unit__name", "unit__short_name"))
    if units is not None:
        qs = qs.filter(unit_id__in=units) if kind != Kind.TICKETS else qs.filter(hall__unit_id__in=units)
    return qs.order_by("key")


def snapshot(kind: str, *, hall: Hall | None = None, unit: Unit | None = None) -> Snapshot | None:
    return Snapshot.objects.filter(key=snapshot_key(kind, hall=hall, unit=unit)).first()


def hall_get_for_user(user, hall_id) -> Hall:
    return access.get_for_user(Hall.objects.select_related("unit"), user, pk=hall_id)


def unit_urls(names) -> dict[str, str]:
    """Unit name as the reports write it → its hall-data page."""
    found = Unit.objects.filter(name__in=set(names)).values_list("name", "pk")
    return {name: reverse("halldata:unit", args=[pk]) for name, pk in found}


def scope_problems(user, kind: str, *, hall: Hall | None = None, unit: Unit | None = None) -> QuerySet[Problem]:
    qs = Problem.objects.filter(detector=DETECTOR[kind], scope=intake_scope(kind, hall=hall, unit=unit))
    return (access.scope_to_user(qs, user).filter(status__in=OPEN_STATUSES).select_related("unit")
            .order_by("-found_on", "-id"))


def uploads_recent(limit: int = 30) -> QuerySet[Upload]:
    return Upload.objects.select_related("hall", "created_by", "token").order_by("-created_at", "-id")[:limit]


def tokens_list() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("hall", "created_by").order_by("-created_at", "-id")


@dataclass
class MyScope:
    units: list[Unit]
    halls: list[Hall]


def my_scope(user) -> MyScope:
    units = list(Unit.objects.filter(pk__in=access.unit_ids_for(user)).order_by("order", "pk"))
    halls = list(Hall.objects.filter(unit__in=units, tickets__isnull=False).distinct().select_related("unit")
                 .order_by("unit__order", "order", "pk"))
    return MyScope(units, halls)
