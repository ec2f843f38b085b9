"""The dashboards: a hall's queue, a unit's phones and ratings, the county's overview, phones and
ratings. Each reads one precomputed Snapshot; each chart's numbers are a table away and export to xlsx.

Access: county pages for the supervisor and the centre; a hall's or unit's page also for that
unit's liaison and head (read-only); anyone else 404.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wicket.core.downloads import XLSX, attachment
from wicket.orgs import access
from wicket.orgs.models import Role

from . import selectors
from .cards import Card, xlsx
from .models import Kind
from .queue_cards import hall_cards
from .service_cards import call_cards, rating_cards

COUNTY_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)


def _with_exports(cards: list[Card], base: str) -> list[Card]:
    for c in cards:
        c.export_url = f"{base}{c.name}.xlsx"
    return cards


def _export(cards: list[Card], name: str, heading: str) -> HttpResponse:
    card = next((c for c in cards if c.name == name), None)
    if card is None:
        raise Http404
    return attachment(xlsx(card, heading=heading), f"{heading}-{card.title}.xlsx".replace("/", "、"), XLSX)


# ---------------------------------------------------------------- county


def overview_view(request):
    access.require_role(request.user, *COUNTY_ROLES)
    return render(request, "halldata/overview.html", {
        "halls": selectors.snapshots_summary(Kind.TICKETS), "calls": selectors.snapshots_summary(Kind.CALLS),
        "ratings": selectors.snapshots_summary(Kind.RATINGS), "uploads": selectors.uploads_recent(8),
        "can_manage": access.is_center_staff(request.user),
    })


def _county_cards(kind: str):
    snap = selectors.snapshot(kind)
    if snap is None:
        return None, []
    report = snap.data.get("report", {})
    names = [r["unit"] for r in report.get("by_unit", [])]
    urls = selectors.unit_urls(names)
    cards = (call_cards if kind == Kind.CALLS else rating_cards)(snap.data, county=True, unit_urls=urls)
    return snap, _with_exports(cards, reverse("halldata:county_export", args=[kind, "x"])[:-6])


def county_view(request, kind):
    access.require_role(request.user, *COUNTY_ROLES)
    if kind not in (Kind.CALLS, Kind.RATINGS):
        raise Http404
    snap, cards = _county_cards(kind)
    return render(request, "halldata/county.html", {"kind": kind, "kind_label": Kind(kind).label, "snap": snap,
                                                    "cards": cards})


def county_export_view(request, kind, name):
    access.require_role(request.user, *COUNTY_ROLES)
    if kind not in (Kind.CALLS, Kind.RATINGS):
        raise Http404
    _snap, cards = _county_cards(kind)
    return _export(cards, name, _("全县") + str(Kind(kind).label))


# ---------------------------------------------------------------- a hall


def _hall_cards(hall, snap):
    if snap is None:
        return []
    return _with_exports(hall_cards(snap.data), reverse("halldata:hall_export", args=[hall.pk, "x"])[:-6])


def hall_view(request, hall_id):
    hall = selectors.hall_get_for_user(request.user, hall_id)
    snap = selectors.snapshot(Kind.TICKETS, hall=hall)
    return render(request, "halldata/hall.html", {
        "hall": hall, "snap": snap, "cards": _hall_cards(hall, snap), "county": access.is_county_wide(request.user),
        "overall": snap.data["report"]["overall"] if snap else None,
        "plan_summary": (snap.data["plan"].get("summary") or [None])[0] if snap else None,
        "problems": selectors.scope_problems(request.user, Kind.TICKETS, hall=hall),
    })


def hall_export_view(request, hall_id, name):
    hall = selectors.hall_get_for_user(request.user, hall_id)
    return _export(_hall_cards(hall, selectors.snapshot(Kind.TICKETS, hall=hall)), name, hall.name)


# ---------------------------------------------------------------- a unit's phones and ratings


def _unit_cards(unit, kind):
    snap = selectors.snapshot(kind, unit=unit)
    if snap is None:
        return None, []
    cards = (call_cards if kind == Kind.CALLS else rating_cards)(snap.data, county=False, unit_urls={})
    return snap, _with_exports(cards, reverse("halldata:unit_export", args=[unit.pk, kind, "x"])[:-6])


def unit_view(request, unit_id):
    unit = access.unit_get_for_user(request.user, unit_id)
    calls, call_list = _unit_cards(unit, Kind.CALLS)
    ratings, rating_list = _unit_cards(unit, Kind.RATINGS)
    return render(request, "halldata/unit.html", {
        "unit": unit, "calls": calls, "call_cards": call_list, "ratings": ratings, "rating_cards": rating_list,
        "halls": selectors.snapshots_summary(Kind.TICKETS, units={unit.pk}),
        "call_problems": selectors.scope_problems(request.user, Kind.CALLS, unit=unit),
        "rating_problems": selectors.scope_problems(request.user, Kind.RATINGS, unit=unit),
    })


def unit_export_view(request, unit_id, kind, name):
    unit = access.unit_get_for_user(request.user, unit_id)
    if kind not in (Kind.CALLS, Kind.RATINGS):
        raise Http404
    _snap, cards = _unit_cards(unit, kind)
    return _export(cards, name, f"{unit.display_name}{Kind(kind).label}")


def mine_view(request):
    """A unit's liaison or head: their unit's halls and phones/ratings pages."""
    scope = selectors.my_scope(request.user)
    if not scope.units:
        raise Http404
    if len(scope.units) == 1 and not scope.halls:
        return redirect("halldata:unit", unit_id=scope.units[0].pk)
    return render(request, "halldata/mine.html", {"scope": scope})
