from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "wicket.campaigns"
    verbose_name = _("排查整改工作")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav, register_todos

        from .todos import campaign_todos, reminder_todos

        register_nav(NavItem(_("排查整改工作"), "campaigns:list", order=10))
        register_todos(reminder_todos)
        register_todos(campaign_todos)
