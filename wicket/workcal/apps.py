from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalConfig(AppConfig):
    """The county's working-day calendar (工作日历): below problems, above orgs."""

    name = "wicket.workcal"
    verbose_name = _("工作日历")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from wicket.core.nav import NavItem, register_nav
        from wicket.orgs.models import Role

        from . import selectors

        register_nav(NavItem(_("工作日历"), "workcal:calendar", roles=(Role.SUPERVISOR,), order=91))
        # The effective calendar is checked once per request (selectors.effective_calendar).
        request_started.connect(selectors.request_started, dispatch_uid="workcal_request_started")
        request_finished.connect(selectors.request_finished, dispatch_uid="workcal_request_finished")
