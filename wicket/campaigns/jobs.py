"""The daily reminder run as a background job, started by the worker each day (wicket/core/jobs;
`wicket send_reminders` still runs the same service by hand). Named jobs.py, not tasks.py: a "task"
is also a supervision task (督查任务) in this project."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wicket.core.jobs import background, report
from wicket.core.models import Job
from wicket.orgs import access

from .services.reminders import reminders_send

REMINDER_WORKDAYS = 3  # as `wicket send_reminders` by default


def _county_wide(user, job: Job) -> bool:
    return access.is_county_wide(user)


@background(visible=_county_wide, manage=lambda user, job: access.is_supervisor(user), daily=True,
            title=gettext_lazy("每日到期提醒"))
def reminders_daily(job: Job, *, day: str) -> str:
    """Remind each unit of its problems overdue or due within three working days. Idempotent: a second
    run on the same day (a retry) adds nothing."""
    report(stage=_("查找逾期和即将到期的问题"))
    run = reminders_send(today=dt.date.fromisoformat(day), workdays=REMINDER_WORKDAYS)
    overdue = sum(len(u.overdue) for u in run.units)
    report(findings=overdue + sum(len(u.due_soon) for u in run.units))
    return _("%(day)s：%(units)d 个单位有逾期或 %(n)d 个工作日内到期的问题（逾期 %(o)d 个），新增提醒 %(c)d 条") % {
        "day": day, "units": len(run.units), "n": REMINDER_WORKDAYS, "o": overdue, "c": run.created}
