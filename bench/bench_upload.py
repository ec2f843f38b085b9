"""How long a large ticket upload keeps the browser waiting, in the request and in the background.

    createdb -h 127.0.0.1 -U postgres wicket_upload_bench
    python bench/gen_tickets.py --tickets 300000 --halls 3 --out /tmp/county.csv
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wicket_upload_bench \\
        .venv/bin/python bench/bench_upload.py --file /tmp/county.csv --mode both --runs 2

Each run empties the ticket table, then, logged in as the centre's staff with Django's test client,
posts the file to the upload page and 确认保存 on its page:

- `request`: the file under WICKET_BACKGROUND_KB is checked and stored inside the two requests (the
  path every upload took before background jobs);
- `background`: a real `wicket worker` process checks and stores it; the two requests only keep the
  file and queue the work. The background times are the jobs' own (queued → finished).

`both` alternates the two modes run by run. Prints each run and the medians.

`kill` checks by hand what tests/jobs/test_worker_process.py checks on a small file: the file is
stored in the request (the baseline figures), then uploaded again in the background; the worker is
killed with SIGKILL while it writes the rows (past --kill-at rows); the stored tickets must be the
baseline's, untouched; after 重试 a new worker stores the file again and every hall's figures must
equal the baseline's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres", "sqlite")):
        sys.exit("DATABASE_URL must name the benchmark's database (see the docstring)")
    os.environ.setdefault("WICKET_TESTING", "1")
    os.environ.setdefault("WICKET_DATA_DIR", tempfile.mkdtemp(prefix="wicket-bench-upload-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wicket.settings")
    os.environ["WICKET_TASKS"] = "database"
    os.environ["WICKET_DAILY_AT"] = "off"
    os.environ.setdefault("WICKET_JOB_STALE_SECONDS", "10")  # kill: the page says 已中断 10 s after
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def county(halls: int):
    import gen_tickets
    from django.contrib.auth import get_user_model

    from wicket.orgs.models import Membership, Role, Unit, UnitKind
    from wicket.registry.models import Hall, HallKind

    center, _ = Unit.objects.get_or_create(name="基准县政务服务中心", defaults={"kind": UnitKind.SERVICE_CENTER})
    user, _ = get_user_model().objects.get_or_create(username="bench_center")
    Membership.objects.get_or_create(user=user, unit=center, role=Role.CENTER_STAFF)
    for h in range(halls):
        Hall.objects.get_or_create(unit=center, name=gen_tickets.hall_name(h),
                                   defaults={"kind": HallKind.GENERAL, "window_count": 12})
    return user


def empty_tickets() -> None:
    from django.db import connection

    from wicket.halldata.models import Ticket

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {Ticket._meta.db_table}")
    else:
        Ticket.objects.all().delete()


def wait_job(pk: int, timeout: float = 1800) -> float:
    """The job's own time from queued to finished, in seconds, once it is done."""
    from wicket.core.models import Job

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = Job.objects.get(pk=pk)
        if job.status in ("succeeded", "failed"):
            assert job.status == "succeeded", job.error
            return (job.finished_at - job.created_at).total_seconds()
        time.sleep(0.1)
    raise SystemExit(f"job {pk} did not finish in {timeout} s")


def one_run(client, data: bytes, name: str, mode: str) -> dict[str, float]:
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wicket.core.models import Job
    from wicket.halldata.models import Upload

    settings.WICKET_BACKGROUND_BYTES = 10**12 if mode == "request" else 2048 * 1024
    empty_tickets()
    out: dict[str, float] = {}
    t = time.perf_counter()
    response = client.post("/halldata/uploads/new/", {"kind": "tickets", "file": SimpleUploadedFile(name, data)})
    out["upload request"] = time.perf_counter() - t
    assert response.status_code == 302, response.content[:500]
    upload = Upload.objects.latest("id")
    if mode == "background":
        out["check job"] = wait_job(Job.objects.latest("id").pk)
    t = time.perf_counter()
    response = client.post(f"/halldata/uploads/{upload.pk}/confirm/")
    out["confirm request"] = time.perf_counter() - t
    assert response.status_code == 302
    if mode == "background":
        out["store job"] = wait_job(Job.objects.latest("id").pk)
    upload.refresh_from_db()
    assert upload.status == "stored", upload.status
    out["rows"] = upload.row_count
    return out


def start_worker() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "wicket.cli", "worker", "--interval", "0.1", "--verbosity", "0"],
                            env=os.environ.copy())


def figures() -> dict:
    """What a user would compare: each hall's dashboard figures and findings, the rows stored."""
    from wicket.halldata.models import Snapshot, Ticket

    return {"tickets": Ticket.objects.count(),
            "halls": {s.hall_id: (s.rows, s.findings, s.headline) for s in Snapshot.objects.filter(kind="tickets")}}


def kill_run(client, data: bytes, name: str, kill_at: int) -> int:
    import signal

    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wicket.core.jobs import job_state, progress
    from wicket.core.models import Job
    from wicket.halldata.models import Ticket, Upload

    baseline_run = one_run(client, data, name, "request")
    base, base_upload = figures(), Upload.objects.latest("id").pk
    print(f"baseline (in the request): {base['tickets']} tickets stored; upload {baseline_run['upload request']:.1f} s,"
          f" confirm {baseline_run['confirm request']:.1f} s", flush=True)
    settings.WICKET_BACKGROUND_BYTES = 2048 * 1024
    worker = start_worker()
    client.post("/halldata/uploads/new/", {"kind": "tickets", "file": SimpleUploadedFile(name, data)})
    upload = Upload.objects.latest("id")
    wait_job(Job.objects.latest("id").pk)
    client.post(f"/halldata/uploads/{upload.pk}/confirm/")
    store = Job.objects.latest("id")
    while True:
        live = progress.live(store.pk)
        if live is not None and live.stage == "保存记录" and live.rows >= kill_at:
            break
        assert Job.objects.get(pk=store.pk).status in ("queued", "running"), "finished before the kill"
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed_at = time.perf_counter()
    upload.refresh_from_db()
    stored_ids = set(Ticket.objects.values_list("upload_id", flat=True).distinct())
    print(f"killed (SIGKILL) at {live.rows} of {live.total} rows written: upload {upload.get_status_display()}, "
          f"{Ticket.objects.count()} tickets stored, all from the baseline upload: {stored_ids == {base_upload}}",
          flush=True)
    ok = upload.status == "pending" and figures() == base and stored_ids == {base_upload}
    while job_state(Job.objects.get(pk=store.pk)).status != "interrupted":
        time.sleep(0.5)
    print(f"the page shows 已中断 {time.perf_counter() - killed_at:.1f} s after the kill", flush=True)
    assert client.post(f"/jobs/{store.pk}/retry/").status_code == 302
    worker = start_worker()
    try:
        wait_job(store.pk)
    finally:
        worker.terminate()
        worker.wait(60)
    done = Job.objects.get(pk=store.pk)
    seconds = (done.finished_at - done.started_at).total_seconds()  # the retried attempt alone
    upload.refresh_from_db()
    after = figures()
    same = after == base
    print(f"retry: attempt {Job.objects.get(pk=store.pk).attempts}, stored {upload.row_count} rows (replaced "
          f"{upload.replaced_count}) in {seconds:.1f} s; every hall's figures equal the baseline's: {same}", flush=True)
    return 0 if ok and same and upload.replaced_count == base["tickets"] else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="large ticket upload: request vs background")
    p.add_argument("--file", required=True)
    p.add_argument("--mode", choices=("request", "background", "both", "kill"), default="both")
    p.add_argument("--kill-at", type=int, default=100_000, help="kill: rows written before the worker is killed")
    p.add_argument("--runs", type=int, default=2)
    p.add_argument("--halls", type=int, default=3)
    args = p.parse_args(argv)
    setup_django()
    from django.test import Client

    user = county(args.halls)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    data = Path(args.file).read_bytes()
    if args.mode == "kill":
        return kill_run(client, data, Path(args.file).name, args.kill_at)
    modes = ["request", "background"] if args.mode == "both" else [args.mode]
    worker = start_worker() if "background" in modes else None
    results: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
    try:
        for run in range(args.runs):
            for mode in modes:
                r = one_run(client, data, Path(args.file).name, mode)
                results[mode].append(r)
                print(f"run {run + 1} {mode:10s} " + "  ".join(f"{k} {v:.2f} s" for k, v in r.items() if k != "rows")
                      + f"  ({int(r['rows'])} rows)", flush=True)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(60)
    for mode, runs in results.items():
        keys = [k for k in runs[0] if k != "rows"]
        print(f"median {mode:10s} " + "  ".join(f"{k} {statistics.median(r[k] for r in runs):.2f} s" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
