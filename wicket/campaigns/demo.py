"""The demo county runs the notice's campaign, now in its 集中督查 phase."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from .services import campaign_create_from_notice

ORDER = 20
LABEL = "排查整改工作（当前处于集中督查阶段）"


def load(ctx) -> None:
    by = get_user_model().objects.get(username="duchashi")
    # Laid so that today falls in the middle of 集中督查 (the notice's durations kept).
    start = ctx.today - dt.timedelta(days=25)
    campaign_create_from_notice(year=ctx.today.year, by=by, start=start, doc_number=f"青政办〔{ctx.today.year}〕18号",
                                name=f"{ctx.today.year}年全县政府机构窗口服务突出问题排查整改")
