from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from wicket.demo.loader import load_demo
from wicket.orgs.demo import DEMO_LOGINS, DEMO_PASSWORD
from wicket.ticketing.demo import demo_links


class Command(BaseCommand):
    help = "创建或升级演示数据库，载入演示县，并启动站点"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="只准备数据，不启动站点")

    def handle(self, *args, port: int, no_serve: bool, **options):
        db = settings.DATABASES["default"]["NAME"]
        self.stdout.write(f"数据目录 (data directory): {settings.DATA_DIR}")
        self.stdout.write(f"数据库 (database): {db}")
        call_command("migrate", interactive=False, verbosity=0)
        ran = load_demo(stdout=self.stdout)
        self.stdout.write("演示数据已是最新。" if not ran else f"已载入 {len(ran)} 组演示数据。")
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} {role}")
        self.stdout.write("  其他单位：t01…t13（镇）、p01…p02（园区）、d01…d40（县直部门），加 _jbr 为经办人、_fzr 为主要负责人")
        links = demo_links(f"http://127.0.0.1:{port}")
        if links:
            self.stdout.write("")
            self.stdout.write("取号叫号演示（城关镇为民服务中心）：")
            for label, url in links:
                self.stdout.write(f"  {label}：{url}")
        if no_serve:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"请在浏览器中打开 http://127.0.0.1:{port}/ （按 Ctrl+C 停止）"))
        call_command("wicket_serve", port=port)
