from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.core.nav import Todo
from wicket.orgs import access

from .lifecycle import OPEN_STATUSES
from .models import Problem, ProblemEvent
from .selectors import overdue_q, problems_due

CORRECTION_DAYS = 14  # how long a calendar correction of a deadline stays on the home page


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


def calendar_correction_todos(*, user, today: dt.date) -> list[Todo]:
    """For a unit's people: deadlines the county's calendar moved in the last two weeks, old → new date."""
    units = access.unit_ids_for(user)
    if not units:
        return []
    since = timezone.now() - dt.timedelta(days=CORRECTION_DAYS)
    events = (ProblemEvent.objects.filter(action=ProblemEvent.Action.CALENDAR_CORRECTED, at__gte=since,
                                          problem__unit_id__in=units, problem__status__in=OPEN_STATUSES)
              .select_related("problem__unit").order_by("-at", "-id")[:50])
    latest: dict[int, ProblemEvent] = {}
    for e in events:
        latest.setdefault(e.problem_id, e)
    todos = []
    for e in list(latest.values())[:20]:
        p = e.problem
        if e.data.get("old") == e.data.get("new") and e.data.get("new_estimated"):
            text = _("%(unit)s：%(title)s——整改时限 %(new)s 现为估算（该年节假日安排尚未确认）")
        elif e.data.get("old") == e.data.get("new"):
            text = _("%(unit)s：%(title)s——整改时限 %(new)s 已按工作日历核实，不再是估算")
        else:
            text = _("%(unit)s：%(title)s——整改时限按工作日历更正为 %(new)s（原 %(old)s）")
        todos.append(Todo(text=text % {"unit": p.unit.display_name, "title": p.title, "old": e.data.get("old"),
                                       "new": e.data.get("new")},
                          url=reverse("problems:detail", args=[p.pk]), level="info"))
    return todos
