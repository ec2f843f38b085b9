from django import template

from wicket.registry.tables import columns_for

register = template.Library()


@register.simple_tag
def content_columns(table: str):
    """The columns of a frozen table, for the sign-off page."""
    return columns_for(table if table in ("town", "department") else "department")
