from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wicket.core"
    verbose_name = _("基础")

    def ready(self) -> None:
        # Each app's background jobs (its jobs.py) are known to every process: the web pages that
        # start and show them, and the worker's scheduler of daily jobs.
        autodiscover_modules("jobs")
