from django import template

from wicket.registry.tables import bool_text

register = template.Library()


@register.filter
def cell(row, col):
    """{{ row|cell:col }}: one table cell of a Hall or of a frozen row, as the printed table shows it."""
    value = row.get(col.field, "") if isinstance(row, dict) else getattr(row, col.field, "")
    if col.type == "bool":
        return bool_text(bool(value), col.field)
    if col.type == "kind":
        return (row.get("kind_label") if isinstance(row, dict) else row.kind_label) or value
    return "—" if value in ("", None) else value
