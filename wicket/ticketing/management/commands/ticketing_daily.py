from __future__ import annotations

from django.core.management.base import BaseCommand

from wicket.ticketing.services.mirror import ticketing_daily


class Command(BaseCommand):
    help = "取号叫号每日处理：结束以前各天（未叫到的号保留到下一个工作日），把号票写入大厅数据并检测问题（后台任务每天早上自动运行，也可手动运行）"

    def handle(self, *args, **options):
        for line in ticketing_daily():
            self.stdout.write(line)
