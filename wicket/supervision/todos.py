from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from wicket.core.nav import Todo
from wicket.orgs import access
from wicket.orgs.models import Role

from .selectors import (
    open_tasks_of_inspector,
    orders_to_acknowledge,
    reminders_for_liaison,
    verification_queue,
)


def supervision_todos(*, user, today: dt.date) -> list[Todo]:
    todos: list[Todo] = []
    if access.has_role(user, Role.INSPECTOR):
        for task in open_tasks_of_inspector(user).order_by("starts_on")[:10]:
            todos.append(Todo(text=_("督查任务：%(t)s（%(a)s—%(b)s）") % {
                "t": task.title, "a": task.starts_on.strftime("%m-%d"), "b": task.ends_on.strftime("%m-%d")},
                url=reverse("supervision:task", args=[task.pk])))
    for esc in orders_to_acknowledge(user)[:10]:
        todos.append(Todo(text=_("待签收督办单 %(n)s：%(t)s") % {"n": esc.number, "t": esc.problem.title},
                          url=reverse("supervision:escalation", args=[esc.pk]), level="danger"))
    for esc in reminders_for_liaison(user)[:10]:
        todos.append(Todo(text=_("督办提醒：%(t)s 已逾期，请尽快整改") % {"t": esc.problem.title},
                          url=reverse("problems:detail", args=[esc.problem_id]), level="danger"))
    if access.is_supervisor(user):
        n = verification_queue(today=today).count()
        if n:
            todos.append(Todo(text=_("核验队列：已整改待核验的问题"), url=reverse("supervision:verify"), count=n))
    return todos
