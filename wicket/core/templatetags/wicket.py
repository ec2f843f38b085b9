from django import template

from wicket.orgs.people import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """{{ user|person }} → 王镇长"""
    return person_name(user)
