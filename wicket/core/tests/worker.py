"""A real `wicket worker` process against the test database, for the tests that need one (they use
`transactional_db`, so the worker sees what the test commits).

The worker and the test share the queue (the database backend instead of the tests' immediate one),
the uploaded files (MEDIA_ROOT) and the cache that carries live progress (a file cache in the
test's own directory)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.test import override_settings

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def database_url() -> str:
    """The test database as a DATABASE_URL (the worker process reads its settings from the environment)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"]) + (":" + quote(s["PASSWORD"]) if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextlib.contextmanager
def shared_settings(directory: Path, *, stale_seconds: int = 2) -> Iterator[None]:
    """The test process's side: the database queue and the file cache the worker uses too."""
    caches = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(directory / "cache")}}
    with override_settings(TASKS=DATABASE_TASKS, CACHES=caches, WICKET_JOB_STALE_SECONDS=stale_seconds):
        yield


class Worker:
    """`directory`: the one given to shared_settings (the worker's data directory, so its file cache
    is the test's); each worker writes its log there under its own `name`."""

    def __init__(self, directory: Path, *, name: str = "worker", stale_seconds: int = 2):
        self.directory = directory
        self.log = directory / f"{name}.log"
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wicket.settings", "WICKET_TESTING": "1",
                    "WICKET_TASKS": "database", "DATABASE_URL": database_url(), "WICKET_DATA_DIR": str(directory),
                    "MEDIA_ROOT": str(settings.MEDIA_ROOT), "WICKET_JOB_STALE_SECONDS": str(stale_seconds),
                    "WICKET_BACKGROUND_KB": str(settings.WICKET_BACKGROUND_BYTES // 1024),
                    "WICKET_DAILY_AT": "off"}  # tests/jobs/test_daily_jobs.py starts those itself
        self.proc: subprocess.Popen | None = None

    def start(self) -> Worker:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "wicket.cli", "worker", "--interval", "0.2",
                                          "--no-reload", "--verbosity", "1"],
                                         env=self.env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def kill(self) -> None:
        """SIGKILL: no clean-up, no rollback by the worker itself (the database undoes what it began)."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextlib.contextmanager
def worker_process(directory: Path, *, name: str = "worker", stale_seconds: int = 2) -> Iterator[Worker]:
    worker = Worker(directory, name=name, stale_seconds=stale_seconds).start()
    try:
        yield worker
    finally:
        worker.stop()


def wait_for(check: Callable[[], object], *, timeout: float = 120, every: float = 0.05, worker: Worker | None = None):
    """Poll until check() returns something true; fail with the worker's log after `timeout` s."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        if worker is not None and worker.proc is not None and worker.proc.poll() is not None:
            raise AssertionError(f"the worker exited ({worker.proc.returncode}):\n{worker.output()[-3000:]}")
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s" + (f"; worker log:\n{worker.output()[-3000:]}" if worker else ""))
