"""Reads: who may open a hall's ticketing pages (through wicket.orgs.access), the device behind a link,
the version a live page polls, and (in the modules beside this one) the display board, the caller,
the manager's live figures and a ticket's status."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone

from wicket.orgs import access
from wicket.orgs.models import Role
from wicket.registry.models import Hall
from wicket.ticketing.models import Device, TicketEvent, TicketingHall, Window
from wicket.ticketing.rules import may_manage, token_hash

READ_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF, Role.LIAISON, Role.HEAD)
SEEN_EVERY = dt.timedelta(seconds=60)


def registry_hall_for(user, hall_id, *, manage: bool) -> Hall:
    """A registry hall the user may see (manage: set up and call), else 404."""
    access.require_role(user, *READ_ROLES)
    hall = access.get_for_user(Hall.objects.select_related("unit"), user, pk=hall_id)
    if manage and not may_manage(user, hall):
        raise Http404
    return hall


def hall_for(user, hall_id, *, manage: bool) -> TicketingHall:
    """The ticketing of a hall the user may see, else 404 (also when the hall has no ticketing)."""
    hall = registry_hall_for(user, hall_id, manage=manage)
    try:
        return TicketingHall.objects.select_related("hall__unit").get(hall=hall)
    except TicketingHall.DoesNotExist:
        raise Http404 from None


def window_for(user, hall_id, number) -> Window:
    """A window of a hall the user may run, with its hall, registry hall and the hall's version
    (`window.version`) in one query (the caller polls it every few seconds), else 404."""
    access.require_role(user, *READ_ROLES)
    window = access.get_for_user(
        Window.objects.select_related("hall__hall__unit").annotate(version=version_subquery(field="hall_id")),
        user, unit_field="hall__hall__unit", hall__hall_id=hall_id, number=number)
    if not may_manage(user, window.hall.hall):
        raise Http404
    return window


def halls_for(user) -> list[Hall]:
    """The registry halls the user may see, with their ticketing if any (one query)."""
    access.require_role(user, *READ_ROLES)
    qs = access.scope_to_user(Hall.objects.select_related("unit", "ticketing"), user).exclude(kind="online")
    return list(qs.order_by("unit__order", "unit_id", "order", "id"))


def version_subquery(field: str = "hall_id"):
    """The latest event id of the hall in `field` of the outer query: the version a live page polls."""
    return Subquery(TicketEvent.objects.filter(hall_id=OuterRef(field)).values("hall_id")
                    .annotate(v=Max("id")).values("v")[:1])


def device_for(token: str, kind: str) -> Device:
    """The live device behind a link, with its hall and the hall's version (`device.version`), in one query;
    404 for an unknown or revoked link. Its last use is written at most once a minute."""
    if not token or len(token) > 64:
        raise Http404
    device = (Device.objects.select_related("hall__hall").annotate(version=version_subquery())
              .filter(token_hash=token_hash(token), kind=kind, revoked_at__isnull=True, hall__enabled=True).first())
    if device is None:
        raise Http404
    now = timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at > SEEN_EVERY:
        Device.objects.filter(pk=device.pk).update(last_seen_at=now)
    return device


def device_version(device: Device | Window) -> int:
    """The hall's version read with the device (`device_for`) or the window (`window_for`)."""
    return int(getattr(device, "version", 0) or 0)


def hall_version(hall_id: int) -> int:
    return TicketEvent.objects.filter(hall_id=hall_id).aggregate(v=Max("id"))["v"] or 0
