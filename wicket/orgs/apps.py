from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "wicket.orgs"
    verbose_name = _("单位与人员")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav

        from .access import COUNTY_WIDE_ROLES

        register_nav(NavItem(_("单位名称对照"), "orgs:names", roles=COUNTY_WIDE_ROLES, order=90))
