from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "wicket.guides"
    verbose_name = _("办事指南体检")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav
        from wicket.orgs.models import Role
        from wicket.problems.presenting import register_presenter

        from .presenting import guide_presenter

        register_presenter("guides", guide_presenter)

        register_nav(
            NavItem(_("办事指南体检"), "guides:overview", roles=(Role.SUPERVISOR, Role.CENTER_STAFF), order=50),
            NavItem(_("本单位办事指南"), "guides:list", roles=(Role.LIAISON, Role.HEAD), order=51),
        )
