from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from wicket.core.nav import Todo
from wicket.orgs import access

from .selectors import reports_to_triage_count


def public_todos(*, user, today: dt.date) -> list[Todo]:
    if not access.is_supervisor(user):
        return []
    n = reports_to_triage_count()
    if not n:
        return []
    return [Todo(text=_("待处理的群众反映"), url=reverse("public:triage_list") + "?status=received", level="warning",
                 count=n)]
