"""Who may see and change what. Every view fetches unit-scoped records through these helpers.

County-wide roles (supervisor, service-centre staff) see every unit; everyone else sees only the
units they hold a role in. A record outside a user's units is answered with 404, never 403, so
a stranger cannot even learn that it exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from wicket.core.staging import StagedFile

from .models import Membership, Role, Unit

COUNTY_WIDE_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)
UNIT_ROLES = (Role.LIAISON, Role.HEAD)

def _roles(user) -> set[tuple[int, str]]:
    """(unit_id, role) pairs of the user, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_wicket_roles", None)
    if cached is None:
        cached = set(Membership.objects.filter(user=user).values_list("unit_id", "role"))
        user._wicket_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return any(r in roles for _, r in _roles(user))


def is_supervisor(user) -> bool:
    return has_role(user, Role.SUPERVISOR)


def is_center_staff(user) -> bool:
    return has_role(user, Role.CENTER_STAFF)


def is_county_wide(user) -> bool:
    return has_role(user, *COUNTY_WIDE_ROLES)


def may_edit_unit_names(user) -> bool:
    """Who keeps the table of units' other names (其他名称): the county-wide roles."""
    return is_county_wide(user)


def unit_ids_for(user, roles: Iterable[str] = UNIT_ROLES) -> set[int]:
    wanted = set(roles)
    return {unit_id for unit_id, r in _roles(user) if r in wanted}


def units_visible_to(user) -> QuerySet[Unit]:
    if is_county_wide(user):
        return Unit.objects.all()
    return Unit.objects.filter(id__in={u for u, _ in _roles(user)})


def can_edit_unit(user, unit: Unit | int) -> bool:
    """The unit's liaison and head fill in and change its records."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id in unit_ids_for(user, UNIT_ROLES)


def is_head_of(user, unit: Unit | int) -> bool:
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id in unit_ids_for(user, (Role.HEAD,))


def scope_to_user[M: Model](qs: QuerySet[M], user, *, unit_field: str = "unit") -> QuerySet[M]:
    """Restrict a queryset of unit-owned records to what the user may see."""
    if is_county_wide(user):
        return qs
    return qs.filter(**{f"{unit_field}__in": {u for u, _ in _roles(user)}})


def get_for_user[M: Model](qs: QuerySet[M], user, *, unit_field: str = "unit", **lookup) -> M:
    """One unit-owned record the user may see, else 404."""
    try:
        return scope_to_user(qs, user, unit_field=unit_field).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def unit_get_for_user(user, unit_id) -> Unit:
    try:
        return units_visible_to(user).get(pk=unit_id)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def require_role(user, *roles: str) -> None:
    """County-level pages: a user without the role gets 404 like any stranger."""
    if not has_role(user, *roles):
        raise Http404


def require_center_staff(user, refusal: str) -> None:
    """Services only the service centre's staff may run (imports of county-wide data): anyone else is
    refused with `refusal`, a sentence for the user naming what they may not do."""
    if not has_role(user, Role.CENTER_STAFF):
        raise PermissionDenied(refusal)


def staged_get[S: StagedFile](queryset: QuerySet[S], user, pk, *, roles: tuple[str, ...] = (),
                                scoped: bool = False) -> S:
    """The batch `pk` for a view, or 404. `roles`: who may open this app's batches at all;
    `scoped`: batches belong to a unit and go through wicket.orgs.access like any unit's record.
    A batch not shared yet is seen by its uploader alone."""
    if roles:
        require_role(user, *roles)
    if scoped:
        batch = get_for_user(queryset, user, pk=pk)
    else:
        try:
            batch = queryset.get(pk=pk)
        except (ObjectDoesNotExist, ValueError, TypeError):
            raise Http404 from None
    if not batch.visible_to(user):
        raise Http404  # a pending upload is its uploader's own business
    return batch
