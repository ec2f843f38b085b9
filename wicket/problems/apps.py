from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    name = "wicket.problems"
    verbose_name = _("问题整改清单")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav, register_panel, register_todos

        from .todos import problem_todos, unit_causes_panel

        register_nav(NavItem(_("问题整改清单"), "problems:list", order=20))
        register_todos(problem_todos)
        register_panel(unit_causes_panel)
