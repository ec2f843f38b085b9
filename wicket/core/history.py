"""A record's change history (django-simple-history), as rows a person can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

ACTIONS = {"+": _("创建"), "~": _("修改"), "-": _("删除")}


@dataclass
class HistoryEntry:
    at: Any
    by: Any
    label: str
    changes: list[dict[str, Any]] = field(default_factory=list)


def _display(model, name: str, value: Any) -> Any:
    f = model._meta.get_field(name)
    if getattr(f, "choices", None):
        return dict(f.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return value


def history_entries(obj, *, limit: int = 100) -> list[HistoryEntry]:
    """Newest first. Two queries whatever the length: the records, and their users."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries: list[HistoryEntry] = []
    model = type(obj)
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        entry = HistoryEntry(at=newer.history_date, by=newer.history_user,
                             label=newer.history_change_reason or ACTIONS.get(newer.history_type, ""))
        if older is not None and newer.history_type == "~":
            for change in newer.diff_against(older).changes:
                entry.changes.append({
                    "field": model._meta.get_field(change.field).verbose_name,
                    "old": _display(model, change.field, change.old),
                    "new": _display(model, change.field, change.new),
                })
        entries.append(entry)
    return entries
