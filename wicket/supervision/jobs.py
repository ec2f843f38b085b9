"""The daily escalation (督办) run as a background job, started by the worker each day
(wicket/core/jobs; `wicket escalate` still runs the same service by hand). Named jobs.py because
services/tasks.py here holds the supervision tasks (督查任务), which are something else."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wicket.core.jobs import background, report
from wicket.core.models import Job
from wicket.orgs import access

from .services.escalation import escalation_run


def _county_wide(user, job: Job) -> bool:
    return access.is_county_wide(user)


@background(visible=_county_wide, manage=lambda user, job: access.is_supervisor(user), daily=True,
            title=gettext_lazy("每日逾期督办"))
def escalation_daily(job: Job, *, day: str) -> str:
    """Raise overdue problems to the level they have reached. Idempotent (one escalation per problem
    and level), so a retry or a second run the same day adds nothing."""
    report(stage=_("查找逾期问题"))
    made = escalation_run(today=dt.date.fromisoformat(day))
    report(findings=len(made))
    by_level = Counter(str(e.get_level_display()) for e in made)
    levels = "，".join(f"{k} {v}" for k, v in by_level.items())
    return _("%(day)s：新增督办 %(n)d 条%(levels)s") % {"day": day, "n": len(made),
                                                      "levels": f"（{levels}）" if levels else ""}
