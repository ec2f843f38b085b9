from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "用 gunicorn 启动站点（生产环境请放在 nginx 等反向代理之后）"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, port: int, host: str, workers: int, **options):
        from gunicorn.app.wsgiapp import run

        sys.argv = ["gunicorn", "wicket.wsgi:application", "--bind", f"{host}:{port}", "--workers", str(workers),
                    "--threads", "4", "--timeout", "120", "--access-logfile", "-"]
        run()
