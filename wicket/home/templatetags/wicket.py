from django import template

from wicket.orgs.people import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """{{ user|person }} → 王镇长"""
    return person_name(user)


@register.filter
def visible_to(batch, user) -> bool:
    """{% if batch|visible_to:user %}: whether the user may open a staged import (wicket.core.staging)."""
    return batch.visible_to(user)
