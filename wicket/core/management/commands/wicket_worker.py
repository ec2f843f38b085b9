"""`wicket worker`: the background worker — django-tasks-db's db_worker, plus two small threads:
one says every few seconds that a worker is alive (pages waiting on a queued job can tell), one
starts the daily jobs when their time has come (WICKET_DAILY_AT; idempotent per day, so any number
of workers may run). `wicket serve` starts one beside the web server."""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.core.management.base import CommandError
from django.db import connection
from django.tasks import task_backends
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands import db_worker

from wicket.core.jobs import progress, schedule_tick

logger = logging.getLogger("wicket.jobs")
TICK_SECONDS = 30


def _keep_alive(stop: threading.Event) -> None:
    while not stop.is_set():
        progress.worker_beat()
        stop.wait(progress.beat_seconds())


def _schedule(stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            for job in schedule_tick():
                logger.info("daily job started: %s (job %s)", job.title, job.pk)
        except Exception:  # a busy database, say: try again at the next tick
            logger.exception("daily jobs: tick failed")
        finally:
            connection.close()
        stop.wait(TICK_SECONDS)


class Command(db_worker.Command):
    help = "后台处理进程：运行上传导入、分析等后台任务，并按时启动每日任务（到期提醒、逾期督办）"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64], startup_delay=False)

    def handle(self, *args, **options) -> None:
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError("WICKET_TASKS=immediate：后台任务在请求中直接运行，不需要后台处理进程")
        is_reloader_parent = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        stop = threading.Event()
        if not is_reloader_parent:
            for target in (_keep_alive, _schedule):
                threading.Thread(target=target, args=(stop,), name=target.__name__, daemon=True).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
