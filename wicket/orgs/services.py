"""Writes to units. Only the unit's other names (aliases) are edited in the web; the rest is set up by data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Unit
from .selectors import normalize_name, unit_name_kinds

ALIAS_MAX_LENGTH = 100
REASON_MAX_LENGTH = 100  # django-simple-history keeps the reason in 100 characters


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请写明原因"), code="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(_("原因不能超过 %(n)s 个字") % {"n": REASON_MAX_LENGTH}, code="reason")
    return reason


def _locked_units() -> list[Unit]:
    """Every unit, locked in a fixed order: two people adding the same name to two units can't both win."""
    return list(Unit.objects.select_for_update().order_by("pk"))


def _save(unit: Unit, *, by, reason: str) -> None:
    unit._change_reason = reason  # type: ignore[attr-defined]  # django-simple-history's change reason
    unit._history_user = by  # type: ignore[attr-defined]
    unit.save(update_fields=["aliases"])


@transaction.atomic
def unit_alias_add(*, unit: Unit, alias: str, reason: str, by) -> Unit:
    """Add another way of writing the unit's name, so that data naming the unit that way resolves to it."""
    alias = (alias or "").strip()
    if not alias or not normalize_name(alias):
        raise ValidationError(_("其他名称不能为空"), code="blank")
    if len(alias) > ALIAS_MAX_LENGTH:
        raise ValidationError(_("其他名称不能超过 %(n)s 个字") % {"n": ALIAS_MAX_LENGTH}, code="too_long")
    reason = _clean_reason(reason)
    key = normalize_name(alias)
    units = _locked_units()
    target = next((u for u in units if u.pk == unit.pk), None)
    if target is None:
        raise ValidationError(_("单位不存在"), code="unit")
    for other in units:
        for name, what in unit_name_kinds(other):
            if normalize_name(name) != key:
                continue
            if other.pk == target.pk:
                raise ValidationError(
                    _("“%(alias)s”已经是“%(unit)s”的%(what)s（“%(name)s”），不需要再添加")
                    % {"alias": alias, "unit": other.name, "what": what, "name": name}, code="own")
            raise ValidationError(
                _("“%(alias)s”已经是“%(other)s”的%(what)s（“%(name)s”），不能再作为“%(unit)s”的其他名称；"
                  "同一个名称只能对应一个单位")
                % {"alias": alias, "other": other.name, "what": what, "name": name, "unit": target.name},
                code="taken")
    target.aliases = [*target.aliases, alias]
    _save(target, by=by, reason=reason)
    return target


@transaction.atomic
def unit_alias_remove(*, unit: Unit, alias: str, reason: str, by) -> Unit:
    """Remove one of the unit's other names (compared as the resolver compares them)."""
    reason = _clean_reason(reason)
    target = Unit.objects.select_for_update().get(pk=unit.pk)
    key = normalize_name(alias or "")
    kept = [a for a in target.aliases if normalize_name(a) != key]
    if not key or len(kept) == len(target.aliases):
        raise ValidationError(_("“%(alias)s”不是“%(unit)s”的其他名称，可能已被他人删除，请刷新页面")
                              % {"alias": alias, "unit": target.name}, code="missing")
    target.aliases = kept
    _save(target, by=by, reason=reason)
    return target
