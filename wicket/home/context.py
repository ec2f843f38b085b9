from wicket.orgs import access

from .nav import nav_groups_for


def wicket_context(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_groups": nav_groups_for(user),
        "is_supervisor": access.is_supervisor(user),
        "is_center_staff": access.is_center_staff(user),
        "my_roles": user.memberships.select_related("unit").all(),
    }
