"""Queue ticketing's nightly work as a daily background job, started by the worker each morning
(wicket/core/jobs; `wicket ticketing_daily` still runs the same service by hand). A hall's first ticket
or call of a day also closes the days before it, so a late run loses nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wicket.core.jobs import background, report
from wicket.core.models import Job
from wicket.orgs import access

from .services.mirror import ticketing_daily


@background(visible=lambda user, job: access.is_county_wide(user),
            manage=lambda user, job: access.is_county_wide(user), daily=True,
            title=gettext_lazy("取号叫号每日处理"))
def ticketing_days_close(job: Job, *, day: str) -> str:
    """Close the days before `day` in every ticketing hall and store them as the halls' ticket logs.
    Idempotent: a closed day is closed once and a hall-day's log is replaced, never added twice."""
    report(stage=_("结束以前各天并写入大厅数据"))
    start = timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(0, 30)))
    lines = ticketing_daily(now=start)
    report(rows=len(lines), total=len(lines))
    return "；".join(lines) or _("没有开通取号叫号的大厅")
