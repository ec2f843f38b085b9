from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top of the house: the home page, the menu and the to-do list, composed from what every app
    registers (wicket.core.nav). Nothing below imports from here."""

    name = "wicket.home"
    verbose_name = _("首页")
