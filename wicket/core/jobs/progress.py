"""Live progress of a running job, and whether the workers are alive.

A job writes what it keeps in one transaction, so figures written to its row meanwhile would stay
invisible to the page until the end (and on SQLite would wait for the write lock the job holds).
They travel through the cache instead — the file cache in the data directory, shared by the web
processes and the worker of one machine — and a thread beats every few seconds, so the page can
tell a job that is working from one whose worker was killed. The row gets the figures at the end.
"""

from __future__ import annotations

import threading
import time
from contextvars import ContextVar
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache

KEY = "wicket:job:{}"
WORKER_KEY = "wicket:worker"
FLUSH_SECONDS = 0.5  # at most two cache writes a second, however often a job reports


def stale_seconds() -> float:
    return float(settings.WICKET_JOB_STALE_SECONDS)


def beat_seconds() -> float:
    return max(0.2, stale_seconds() / 6)


@dataclass
class Live:
    stage: str = ""
    rows: int = 0
    total: int | None = None
    findings: int | None = None
    unit: str = ""  # what rows counts, in Chinese (行 when empty)
    beat: float = 0.0  # wall-clock seconds of the last sign of life

    def fresh(self, now: float | None = None) -> bool:
        return (now or time.time()) - self.beat < stale_seconds()


class Progress:
    """The running job's figures: set by report(), kept in the cache, beaten by a thread."""

    def __init__(self, job_id: int):
        self.key = KEY.format(job_id)
        self.live = Live()
        self._lock = threading.Lock()
        self._flushed = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def update(self, *, stage: str | None = None, rows: int | None = None, total: int | None = None,
               findings: int | None = None, unit: str | None = None) -> None:
        with self._lock:
            if unit is not None:
                self.live.unit = unit
            changed_stage = stage is not None and stage != self.live.stage
            if stage is not None:
                self.live.stage = stage
            if rows is not None:
                self.live.rows = rows
            if total is not None:
                self.live.total = total
            if findings is not None:
                self.live.findings = findings
            if changed_stage or time.monotonic() - self._flushed >= FLUSH_SECONDS:
                self._flush()

    def _flush(self) -> None:
        self.live.beat = time.time()
        self._flushed = time.monotonic()
        cache.set(self.key, asdict(self.live), timeout=max(3600, int(stale_seconds() * 10)))

    def _beat(self) -> None:
        while not self._stop.wait(beat_seconds()):
            with self._lock:
                self._flush()

    def __enter__(self) -> Progress:
        with self._lock:
            self._flush()
        self._thread = threading.Thread(target=self._beat, name=f"beat-{self.key}", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        cache.delete(self.key)


_current: ContextVar[Progress | None] = ContextVar("wicket_job_progress", default=None)


def report(*, stage: str | None = None, rows: int | None = None, total: int | None = None,
           findings: int | None = None, unit: str | None = None) -> None:
    """Tell the page how far the running job has got (nothing happens outside a job, so services
    can report from code the web request runs too). `rows`: rows read or written so far, of
    `total` (counting `unit`s, 行 by default); `findings`: found so far; `stage`: what it is
    doing, in Chinese."""
    progress = _current.get()
    if progress is not None:
        progress.update(stage=stage, rows=rows, total=total, findings=findings, unit=unit)


def current() -> Progress | None:
    return _current.get()


def live(job_id: int) -> Live | None:
    data = cache.get(KEY.format(job_id))
    return Live(**data) if data else None


def worker_beat() -> None:
    cache.set(WORKER_KEY, time.time(), timeout=max(3600, int(stale_seconds() * 10)))


def worker_alive() -> bool:
    """Whether some worker said it was alive lately (a job that waits without one says so)."""
    beat = cache.get(WORKER_KEY)
    return beat is not None and time.time() - beat < stale_seconds()
