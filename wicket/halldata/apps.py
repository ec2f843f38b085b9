from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallDataConfig(AppConfig):
    name = "wicket.halldata"
    label = "halldata"
    verbose_name = _("大厅数据")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav
        from wicket.orgs.models import Role
        from wicket.problems.closure import register_closure

        from .closure import calls_closure, queue_closure, ratings_closure

        register_closure("calls", calls_closure)
        register_closure("queue", queue_closure)
        register_closure("ratings", ratings_closure)

        register_nav(
            NavItem(_("大厅数据"), "halldata:overview", roles=(Role.SUPERVISOR, Role.CENTER_STAFF), order=55),
            NavItem(_("本单位大厅数据"), "halldata:mine", roles=(Role.LIAISON, Role.HEAD), order=56),
        )
