from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.core.nav import Todo

from .selectors import open_reports_due


def registry_todos(*, user, today: dt.date) -> list[Todo]:
    """The liaison: a round is open for the unit and not signed yet (the head's to-do comes from signoff)."""
    now = timezone.now()
    todos = []
    for r in open_reports_due(user=user):
        deadline = timezone.localtime(r.deadline)
        late = now > r.deadline
        text = (_("%(u)s：%(t)s 已逾期（截止 %(d)s），请尽快填报并请负责人签字") if late
                else _("%(u)s：请填报%(t)s，截止 %(d)s")) % {
            "u": r.unit.display_name, "t": r.round.title, "d": deadline.strftime("%Y-%m-%d %H:%M")}
        todos.append(Todo(text=text, url=reverse("registry:unit", args=[r.unit_id]),
                          level="danger" if late else "warning"))
    return todos
