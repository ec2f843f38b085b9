from __future__ import annotations

import signal
import subprocess
import sys

from django.core.management.base import BaseCommand

GRACE_SECONDS = 10  # a running job may finish before the worker is told again (then it rolls back)


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM if this process dies without stopping it (kill -9 of serve)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass


def start_worker() -> subprocess.Popen:
    """`wicket worker` as a child process, stopped with the web server."""
    return subprocess.Popen([sys.executable, "-m", "wicket.cli", "worker", "--verbosity", "1"],
                            preexec_fn=_die_with_parent)  # noqa: PLW1509 (no threads yet)


def stop_worker(worker: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, GRACE_SECONDS), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if worker.poll() is not None:
            return
        worker.send_signal(sig)
        try:
            worker.wait(wait)
        except subprocess.TimeoutExpired:
            continue


class Command(BaseCommand):
    help = "用 gunicorn 启动站点，并一同启动后台处理进程（生产环境请放在 nginx 等反向代理之后）"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true",
                            help="不启动后台处理进程（已另行运行 wicket worker 时）")

    def handle(self, *args, port: int, host: str, workers: int, no_worker: bool, **options):
        from gunicorn.app.wsgiapp import run

        worker = None if no_worker else start_worker()
        sys.argv = ["gunicorn", "wicket.wsgi:application", "--bind", f"{host}:{port}", "--workers", str(workers),
                    "--threads", "4", "--timeout", "120", "--access-logfile", "-"]
        try:
            run()
        finally:
            if worker is not None:
                stop_worker(worker)
