from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignoffConfig(AppConfig):
    name = "wicket.signoff"
    verbose_name = _("报送与签字")

    def ready(self) -> None:
        from wicket.core.nav import register_todos

        from .todos import signoff_todos

        register_todos(signoff_todos)
