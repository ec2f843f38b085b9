"""After every app's demo data: the daily jobs run once as of the demo's today, so the home page's
to-do list shows the reminders a real county would have found there this morning."""

from __future__ import annotations

from wicket.campaigns.services.reminders import reminders_send

ORDER = 90
LABEL = "整改提醒（按演示日期运行一次每日提醒）"


def load(ctx) -> None:
    reminders_send(today=ctx.today, workdays=3)
