"""`wicket serve` starts the background worker with the web server and stops it with it."""

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from wicket.core.tests.worker import database_url, wait_for

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from /proc")]


def _children(pid: int) -> dict[int, str]:
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                out[int(child)] = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except FileNotFoundError:
                pass
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text() if Path(f"/proc/{pid}/stat").exists() else ""
    return " Z " not in stat  # a zombie has exited


def test_serve_starts_the_worker_and_stops_it_with_the_web_server(tmp_path):
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wicket.settings", "WICKET_TESTING": "1",
           "WICKET_TASKS": "database", "DATABASE_URL": database_url(), "WICKET_DATA_DIR": str(tmp_path),
           "WICKET_DAILY_AT": "off"}
    serve = subprocess.Popen([sys.executable, "-m", "wicket.cli", "serve", "--port", str(port), "--workers", "1"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def healthy():
            try:
                return urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read() == b"ok"
            except OSError:
                return False

        wait_for(healthy, timeout=60, every=0.2)
        workers = wait_for(lambda: [pid for pid, cmd in _children(serve.pid).items() if "wicket.cli worker" in cmd],
                           timeout=30, every=0.2)
        assert len(workers) == 1
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(60) == 0
        wait_for(lambda: not _alive(workers[0]), timeout=30, every=0.2)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait(10)
