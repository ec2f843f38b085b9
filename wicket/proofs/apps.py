from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProofsConfig(AppConfig):
    name = "wicket.proofs"
    verbose_name = _("证明材料清理")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav
        from wicket.orgs.models import Role

        register_nav(
            NavItem(_("证明材料清理"), "proofs:overview", roles=(Role.SUPERVISOR, Role.CENTER_STAFF), order=52),
            NavItem(_("本单位索要的证明"), "proofs:list", roles=(Role.LIAISON, Role.HEAD), order=53),
        )
