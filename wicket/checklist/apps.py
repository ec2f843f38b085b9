from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistConfig(AppConfig):
    name = "wicket.checklist"
    verbose_name = _("排查清单与排查整改工作")
