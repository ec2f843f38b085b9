from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from wicket.core.nav import Panel, Todo
from wicket.orgs import access

from .models import Problem
from .selectors import overdue_q, problems_due, unit_open_causes


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


def unit_causes_panel(*, user, today: dt.date) -> Panel | None:
    """A unit's people see their open problems on the home page, one line per cause (not per finding)."""
    if access.is_county_wide(user):
        return None
    units = access.unit_ids_for(user)
    if not units:
        return None
    problems = unit_open_causes(unit_ids=list(units), limit=PANEL_ROWS + 1)
    return Panel("problems/_home_causes.html", {
        "problems": problems[:PANEL_ROWS], "more": len(problems) > PANEL_ROWS, "today": today,
        "list_url": reverse("problems:list") + "?status=open"}, order=10)


PANEL_ROWS = 15
