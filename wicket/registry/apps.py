from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "wicket.registry"
    verbose_name = _("窗口和服务大厅统计")

    def ready(self) -> None:
        from wicket.core.nav import NavItem, register_nav, register_todos
        from wicket.orgs.models import Role

        from .todos import registry_todos

        register_nav(
            NavItem(_("窗口大厅填报"), "registry:home", roles=(Role.LIAISON,), order=30),
            NavItem(_("窗口统计报送情况"), "registry:board", roles=(Role.SUPERVISOR, Role.CENTER_STAFF), order=31),
        )
        register_todos(registry_todos)
