from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    name = "wicket.problems"
    verbose_name = _("问题整改清单")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav, register_todos
        from wicket.workcal.hooks import register_listener

        from .deadlines import deadlines_recompute
        from .todos import calendar_correction_todos, problem_todos

        register_nav(NavItem(_("问题整改清单"), "problems:list", order=20))
        register_todos(problem_todos)
        register_todos(calendar_correction_todos)
        register_listener(deadlines_recompute)
