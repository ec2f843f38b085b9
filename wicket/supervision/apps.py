from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "wicket.supervision"
    verbose_name = _("督查督办")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav, register_todos
        from wicket.orgs.models import Role

        from .todos import supervision_todos

        register_nav(
            NavItem(_("督查任务"), "supervision:tasks", roles=(Role.SUPERVISOR, Role.INSPECTOR), order=40),
            NavItem(_("核验销号"), "supervision:verify", roles=(Role.SUPERVISOR,), order=42),
            NavItem(_("督办"), "supervision:escalations", roles=(Role.SUPERVISOR, Role.HEAD, Role.LIAISON), order=44),
            NavItem(_("通报"), "supervision:circulars", roles=(Role.SUPERVISOR,), order=46),
            NavItem(_("考核"), "supervision:ranking", roles=(Role.SUPERVISOR,), order=48),
        )
        register_todos(supervision_todos)
