"""wicket escalate [--date YYYY-MM-DD]: raise overdue problems to the 督办 level they have reached. Run daily."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from wicket.supervision.services.escalation import escalation_run, thresholds


class Command(BaseCommand):
    help = "督办：把逾期问题按逾期工作日数升级（提醒经办人 → 督办单 → 列入通报）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="以这一天为“今天”（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date {options['date']!r}：日期格式应为 YYYY-MM-DD") from None
        limits = thresholds()
        made = escalation_run(today=today)
        by_level = Counter(e.get_level_display() for e in made)
        self.stdout.write(f"督办阈值（逾期工作日）：{limits[1]} / {limits[2]} / {limits[3]}")
        self.stdout.write(f"新增督办 {len(made)} 条" + ("：" + "，".join(f"{k} {v}" for k, v in by_level.items())
                                                      if made else ""))
        for e in made:
            if e.number:
                self.stdout.write(f"  {e.number} {e.unit.name}：{e.problem.title}")
