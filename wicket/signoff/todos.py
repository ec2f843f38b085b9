from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from wicket.core.nav import Todo

from .selectors import awaiting_signature_for


def signoff_todos(*, user, today: dt.date) -> list[Todo]:
    return [Todo(text=_("待您审核签字：%(t)s（%(u)s）") % {"t": s.title, "u": s.unit.display_name},
                 url=reverse("signoff:detail", args=[s.pk]), level="warning")
            for s in awaiting_signature_for(user).select_related("unit")[:20]]
