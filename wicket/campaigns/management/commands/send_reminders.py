"""`wicket send_reminders`: run daily by a scheduler (cron, systemd timer)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from wicket.campaigns.services.reminders import reminders_send
from wicket.orgs.people import person_name


class Command(BaseCommand):
    help = "提醒各单位经办人和主要负责人：逾期和 N 个工作日内到期的整改问题（结果显示在其首页待办中）"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="提前提醒的工作日数（默认 3）")
        parser.add_argument("--today", help="按指定日期运行（YYYY-MM-DD，默认今天）")

    def handle(self, *args, days: int, today: str | None, **options):
        if days < 0:
            raise CommandError("--days 不能为负数")
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today 日期格式不对：{today}（应为 YYYY-MM-DD）") from None
        run = reminders_send(today=day, workdays=days)
        note = "（跨入尚未公布节假日安排的年份，按周一至周五估算）" if run.estimated else ""
        self.stdout.write(f"{run.run_on}：提醒逾期及 {days} 个工作日内（{run.horizon} 前）到期的问题{note}")
        for entry in run.units:
            names = "、".join(person_name(u) for u in entry.recipients) or "（无经办人或负责人账号）"
            self.stdout.write(f"  {entry.unit.name}：逾期 {len(entry.overdue)} 个，即将到期 {len(entry.due_soon)} 个 → {names}")
        self.stdout.write(f"共 {len(run.units)} 个单位，新增提醒 {run.created} 条")
