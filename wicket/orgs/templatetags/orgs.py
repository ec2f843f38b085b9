from django import template

from wicket.orgs import access

register = template.Library()


@register.simple_tag(takes_context=True)
def may_edit_aliases(context) -> bool:
    """{% may_edit_aliases as can %}: the request's user keeps units' other names.
    No query beyond the user's roles, which are fetched once per request and cached on the user."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and access.may_edit_unit_names(user))
