from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "wicket.public"
    label = "public"
    verbose_name = _("群众监督")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav, register_todos
        from wicket.orgs.models import Role

        from .todos import public_todos

        register_nav(NavItem(_("群众监督"), "public:triage_list", roles=(Role.SUPERVISOR, Role.CENTER_STAFF),
                             order=41))
        register_todos(public_todos)
