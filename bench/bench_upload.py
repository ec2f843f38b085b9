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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="large ticket upload: request vs background")
    p.add_argument("--file", required=True)
    p.add_argument("--mode", choices=("request", "background", "both"), default="both")
    p.add_argument("--runs", type=int, default=2)
    p.add_argument("--halls", type=int, default=3)
    args = p.parse_args(argv)
    setup_django()
    from django.test import Client

    user = county(args.halls)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    data = Path(args.file).read_bytes()
    modes = ["request", "background"] if args.mode == "both" else [args.mode]
    worker = None
    if "background" in modes:
        worker = subprocess.Popen([sys.executable, "-m", "wicket.cli", "worker", "--interval", "0.1",
                                   "--verbosity", "0"], env=os.environ.copy())
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
