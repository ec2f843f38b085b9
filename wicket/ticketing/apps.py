from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketingConfig(AppConfig):
    name = "wicket.ticketing"
    label = "ticketing"
    verbose_name = _("取号叫号")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav
        from wicket.orgs.models import Role

        register_nav(NavItem(_("取号叫号"), "ticketing:halls",
                             roles=(Role.SUPERVISOR, Role.CENTER_STAFF, Role.LIAISON, Role.HEAD), order=57))
