from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from wicket.core.nav import Todo
from wicket.orgs import access

from .models import Problem
from .selectors import overdue_q, problems_due


def problem_todos(*, user, today: dt.date) -> list[Todo]:
    todos: list[Todo] = []
    list_url = reverse("problems:list")
    due = list(problems_due(user=user, today=today)[:20])
    for p in due:
        level = "danger" if p.is_overdue else "warning"
        todos.append(Todo(text=_("%(unit)s：%(title)s（时限 %(d)s）") % {"unit": p.unit.display_name, "title": p.title,
                                                                   "d": p.deadline.isoformat()},
                          url=reverse("problems:detail", args=[p.pk]), level=level))
    if access.is_supervisor(user):
        overdue = Problem.objects.filter(overdue_q(today)).count()
        if overdue:
            todos.append(Todo(text=_("全县逾期未整改的问题"), url=f"{list_url}?overdue=1", level="danger",
                              count=overdue))
    return todos
