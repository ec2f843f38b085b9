"""Live updates of queue ticketing under a county's load: call → display latency and the server's cost.

    createdb -h 127.0.0.1 -U postgres wicket_ticketing_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wicket_ticketing_bench \
        .venv/bin/python bench/bench_ticketing.py --halls 30 --windows 10 --seconds 60 [--no-version]

Builds (every run, after emptying the database) `--halls` halls with ticketing, each with two queues,
`--windows` windows serving both, a display link and 300 tickets waiting; starts the site under gunicorn
(2 workers × 4 threads, as `wicket serve`) on 127.0.0.1:--port; then for `--seconds` plays, per hall:

- the hall display polling its board every second (`?v=<version>`: 204 while nothing happened);
- each window's caller page polling its waiting counts every 5 seconds (the same way);
- each window finishing its ticket and calling the next one every `--call-every` seconds (default 120 s,
  i.e. a two-minute service), with its session and CSRF token, as the caller page's buttons do.

It prints, per kind of request, the count, the share answered 204 and the latency (p50/p95); the
call → display latency (from the call's POST leaving to the first board answer that shows it); and the
server's CPU (user + system of the gunicorn master and workers, from /proc) over the measured window, in
total, per hall and minute, and as a share of one core. `--no-version` polls without the version, so
every poll renders the board: the baseline the version counter is measured against.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA_DIR = "/tmp/wicket-ticketing-bench"
CSRF = "b" * 32
boards: dict[int, str] = {}  # hall → the text of the last board its display received


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database (see the docstring)")
    os.environ.setdefault("WICKET_DEMO", "1")
    os.environ.setdefault("WICKET_DATA_DIR", DATA_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wicket.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def build(halls: int, windows: int) -> tuple[list[dict], str]:
    """The county: halls with ticketing, their display tokens, a signed-in session for the callers."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from wicket.orgs.models import Membership, Role, Unit, UnitKind
    from wicket.registry.models import Hall, HallKind
    from wicket.ticketing.models import DeviceKind, Ticket, TicketingHall, Tier
    from wicket.ticketing.services import setup

    center = Unit.objects.create(name="基准县政务服务中心", kind=UnitKind.SERVICE_CENTER)
    user = get_user_model().objects.create(username="bench")
    Membership.objects.create(user=user, unit=center, role=Role.CENTER_STAFF)
    today = timezone.localdate()
    start = timezone.now() - dt.timedelta(hours=1)
    out = []
    for h in range(halls):
        unit = Unit.objects.create(name=f"基准镇{h:02d}", kind=UnitKind.TOWN)
        hall = Hall.objects.create(unit=unit, name=f"基准镇{h:02d}为民服务中心", kind=HallKind.CITIZEN_CENTER,
                                   window_count=windows, hours="8:30-12:00 14:00-17:30")
        th = setup.ticketing_enable(hall=hall, by=user)
        qa = setup.queue_save(hall=th, by=user, name="社会保障", prefix="A", items="社会保障卡补办")
        qb = setup.queue_save(hall=th, by=user, name="民政救助", prefix="B", items="最低生活保障申请")
        for w in th.windows.all():
            w.queues.set([qa, qb])
        _device, token = setup.device_create(hall=th, kind=DeviceKind.DISPLAY, name="大屏", by=user)
        tickets = []
        for i in range(300):
            q = qa if i % 2 else qb
            issued = start + dt.timedelta(seconds=i)
            tickets.append(Ticket(hall=th, queue=q, code=f"{q.prefix}{i // 2 + 1:03d}", number=i // 2 + 1,
                                  issued_on=today, day=today, item=q.item_list[0], tier=Tier.WALK_IN, sort_at=issued,
                                  public_code=secrets.token_urlsafe(12), issued_at=issued))
        Ticket.objects.bulk_create(tickets)
        TicketingHall.objects.filter(pk=th.pk).update(closed_through=today - dt.timedelta(days=1))
        out.append({"hall_id": hall.pk, "token": token, "windows": [w.number for w in th.windows.all()]})
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    assert settings.SESSION_COOKIE_NAME
    return out, session.session_key or ""


def serve(port: int) -> subprocess.Popen:
    env = {**os.environ, "WICKET_DEMO": "1", "WICKET_DATA_DIR": DATA_DIR, "LOG_LEVEL": "ERROR"}
    proc = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "wicket.wsgi:application", "--bind",
                             f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--log-level", "error"],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except requests.RequestException:
            pass
        time.sleep(0.1)
    proc.kill()
    sys.exit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """User + system seconds of a process and its children (the gunicorn workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    total = 0.0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.no_change: dict[str, int] = defaultdict(int)
        self.errors: dict[str, int] = defaultdict(int)
        self.seen: list[float] = []

    def add(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if status == 204:
                self.no_change[kind] += 1
            elif status >= 400:
                self.errors[kind] += 1


def hall_loop(base: str, hall: dict, session_key: str, args, stats: Stats, stop: threading.Event,
              pending: dict[str, float], part: str) -> None:
    """One hall's display (part "display": its own connection, like the screen) or its windows' caller pages
    (part "windows"). `pending`: ticket code → when its call's POST left, shared by the two."""
    s = requests.Session()
    s.cookies.set("sessionid", session_key)
    s.cookies.set("csrftoken", CSRF)
    rng = random.Random(f"{hall['hall_id']}-{part}")
    now = time.monotonic()
    due: dict[tuple[str, int], float] = {}
    if part == "display":
        due[("display", 0)] = now + rng.random()
    else:
        for n in hall["windows"]:
            due[("waiting", n)] = now + rng.random() * 5
            due[("call", n)] = now + rng.random() * args.call_every
    versions: dict[tuple[str, int], str] = {}
    board = f"{base}/ticketing/d/{hall['token']}/board/"
    while not stop.is_set():
        key = min(due, key=due.__getitem__)
        wait = due[key] - time.monotonic()
        if wait > 0:
            stop.wait(wait)
            if stop.is_set():
                return
        kind, n = key
        began = time.monotonic()
        if kind == "display":
            v = "" if args.no_version else versions.get(key, "")
            r = s.get(board + (f"?v={v}" if v else ""))
            stats.add("display", time.monotonic() - began, r.status_code)
            if r.status_code == 200:
                found = re.search(r"board/\?v=(\d+)", r.text)
                versions[key] = found.group(1) if found else ""
                with stats.lock:
                    pending["__board__"] = time.monotonic()  # when the latest board arrived …
                    boards[hall["hall_id"]] = r.text  # … and what it shows
                    for code, t0 in list(pending.items()):
                        if code == "__board__":
                            continue
                        if f"请 {code} 号到" in r.text:
                            stats.seen.append(time.monotonic() - t0)
                            del pending[code]
            due[key] += 1.0
        elif kind == "waiting":
            url = f"{base}/ticketing/halls/{hall['hall_id']}/windows/{n}/waiting/"
            v = "" if args.no_version else versions.get(key, "")
            r = s.get(url + (f"?v={v}" if v else ""), headers={"HX-Request": "true"})
            stats.add("caller poll", time.monotonic() - began, r.status_code)
            if r.status_code == 200:
                found = re.search(r"waiting/\?v=(\d+)", r.text)
                versions[key] = found.group(1) if found else ""
            due[key] += 5.0
        else:
            act = f"{base}/ticketing/halls/{hall['hall_id']}/windows/{n}/act/"
            headers = {"HX-Request": "true", "X-CSRFToken": CSRF}
            r = s.post(act, data={"action": "finish"}, headers=headers)
            stats.add("finish", time.monotonic() - began, r.status_code)
            t0 = time.monotonic()
            r = s.post(act, data={"action": "call"}, headers=headers)
            stats.add("call", time.monotonic() - t0, r.status_code)
            found = re.search(r'data-testid="current-code">([A-Z]\d+)<', r.text)
            if found:
                code = found.group(1)
                with stats.lock:
                    # The display may have shown the call before this POST's answer came back.
                    shown_at = pending.get("__board__", 0.0)
                    if f"请 {code} 号到" in boards.get(hall["hall_id"], "") and shown_at >= t0:
                        stats.seen.append(shown_at - t0)
                    else:
                        pending[code] = t0
            due[key] += args.call_every


def per_request(halls: list[dict], session_key: str, n: int) -> None:
    """CPU per request inside one process (Django's test client, no network, no server): the cost of a poll
    answered 204, of a board rendered, of a caller poll, apart from how busy the machine is."""
    from django.test import Client

    c = Client(HTTP_HOST="127.0.0.1")
    c.cookies["sessionid"] = session_key
    hall = halls[0]
    board = f"/ticketing/d/{hall['token']}/board/"
    first = c.get(board).content.decode()
    found = re.search(r"board/\?v=(\d+)", first)
    version = found.group(1) if found else ""
    waiting = f"/ticketing/halls/{hall['hall_id']}/windows/1/waiting/"
    found = re.search(r"waiting/\?v=(\d+)", c.get(waiting).content.decode())
    wversion = found.group(1) if found else ""
    cases = [("display poll, unchanged (204)", lambda: c.get(f"{board}?v={version}")),
             ("display board rendered (200)", lambda: c.get(board)),
             ("caller poll, unchanged (204)", lambda: c.get(f"{waiting}?v={wversion}")),
             ("caller counts rendered (200)", lambda: c.get(waiting))]
    for label, call in cases:
        for _ in range(20):
            assert call().status_code in (200, 204)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(n):
            call()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"{label:<32} {cpu / n * 1000:6.2f} ms CPU, {wall / n * 1000:6.2f} ms wall per request (n={n})")


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--halls", type=int, default=30)
    p.add_argument("--windows", type=int, default=10)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--warmup", type=float, default=5)
    p.add_argument("--call-every", type=float, default=120)
    p.add_argument("--port", type=int, default=8109)
    p.add_argument("--no-version", action="store_true", help="poll without ?v= (every poll renders)")
    p.add_argument("--per-request", type=int, default=0, metavar="N",
                   help="instead of the load: CPU per request of each poll, N requests in-process")
    args = p.parse_args()
    setup_django()
    t = time.monotonic()
    halls, session_key = build(args.halls, args.windows)
    print(f"built {args.halls} halls × {args.windows} windows in {time.monotonic() - t:.1f} s")
    if args.per_request:
        print(f"load average {os.getloadavg()[0]:.2f} (2 cores)")
        per_request(halls, session_key, args.per_request)
        return
    server = serve(args.port)
    base = f"http://127.0.0.1:{args.port}"
    stats, stop = Stats(), threading.Event()
    threads = []
    for h in halls:
        pending: dict[str, float] = {}
        threads += [threading.Thread(target=hall_loop, args=(base, h, session_key, args, stats, stop, pending, part),
                                     daemon=True) for part in ("display", "windows")]
    try:
        for th in threads:
            th.start()
        time.sleep(args.warmup)
        with stats.lock:
            for v in stats.latency.values():
                v.clear()
            stats.no_change.clear()
            stats.seen.clear()
        cpu0, wall0, load0 = cpu_seconds(server.pid), time.monotonic(), os.getloadavg()
        time.sleep(args.seconds)
        cpu1, wall1, load1 = cpu_seconds(server.pid), time.monotonic(), os.getloadavg()
        stop.set()
        for th in threads:
            th.join(timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=20)
    span = wall1 - wall0
    mode = "without the version (every poll renders)" if args.no_version else "with the version (?v=, 204)"
    print(f"{args.halls} halls × {args.windows} windows × 1 display, {span:.0f} s measured, polling {mode}")
    print(f"load average before {load0[0]:.2f} / after {load1[0]:.2f} (2 cores)")
    print(f"{'request':<12} {'count':>7} {'per s':>7} {'204':>6} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for kind in ("display", "caller poll", "call", "finish"):
        v = stats.latency.get(kind, [])
        if not v:
            continue
        print(f"{kind:<12} {len(v):>7} {len(v) / span:>7.1f} {stats.no_change[kind] / len(v):>6.0%} "
              f"{stats.errors[kind]:>6} {pct(v, 50) * 1000:>7.1f} {pct(v, 95) * 1000:>7.1f}")
    if stats.seen:
        seen = stats.seen
        print(f"call → display: n={len(seen)} p50 {pct(seen, 50):.2f} s, p95 {pct(seen, 95):.2f} s, "
              f"max {max(seen):.2f} s (display polls every 1 s)")
    cpu = cpu1 - cpu0
    print(f"server CPU: {cpu:.1f} s in {span:.0f} s = {cpu / span:.2f} of one core; "
          f"per hall {cpu / args.halls / span * 60:.2f} CPU-s per minute ({cpu / span / args.halls * 100:.2f} % of a core)")


if __name__ == "__main__":
    main()
