"""How fast the hall-data dashboards render for a county-year of tickets, on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres wicket_halldata_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wicket_halldata_bench \
        .venv/bin/python bench/bench_dashboard.py --tickets 300000 --halls 3 --runs 30

Builds (once; --reload to rebuild) a county with three halls, generates the tickets with
bench/gen_tickets.py, stores them through the same service the upload page uses (parse, replace,
COPY, analyse, problem intake) and then requests each dashboard with Django's test client, logged
in as the centre's staff. Prints the load time and the median / p95 / max of each page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database (see the docstring)")
    os.environ.setdefault("WICKET_TESTING", "1")
    os.environ.setdefault("WICKET_DATA_DIR", tempfile.mkdtemp(prefix="wicket-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wicket.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(tickets: int, halls: int, *, reload: bool) -> tuple[float, list[int]]:
    import io

    import gen_tickets
    from django.contrib.auth import get_user_model

    from wicket.halldata import services
    from wicket.halldata.models import Ticket
    from wicket.orgs.models import Membership, Role, Unit, UnitKind
    from wicket.registry.models import Hall, HallKind

    center, _ = Unit.objects.get_or_create(name="基准县政务服务中心", defaults={"kind": UnitKind.SERVICE_CENTER})
    user, _ = get_user_model().objects.get_or_create(username="bench_center")
    Membership.objects.get_or_create(user=user, unit=center, role=Role.CENTER_STAFF)
    hall_ids = []
    for h in range(halls):
        hall, _ = Hall.objects.get_or_create(unit=center, name=gen_tickets.hall_name(h),
                                             defaults={"kind": HallKind.GENERAL, "window_count": 12})
        hall_ids.append(hall.pk)
    if Ticket.objects.filter(hall_id__in=hall_ids).count() == tickets and not reload:
        return 0.0, hall_ids
    from pyarrow import csv

    start = time.perf_counter()
    for h, table in enumerate(gen_tickets.generate(tickets, halls)):
        out = io.BytesIO()
        for name in ("issued_at", "called_at", "started_at", "finished_at"):
            import pyarrow as pa

            table = table.set_column(table.schema.get_field_index(name), name, table[name].cast(pa.timestamp("s")))
        csv.write_csv(table, out, write_options=csv.WriteOptions(quoting_style="none"))
        services.import_log(kind="tickets", name=f"hall-{h + 1}.csv", data=out.getvalue(), by=user)
    return time.perf_counter() - start, hall_ids


def timed(client, url: str, runs: int) -> list[float]:
    client.get(url)  # warm: templates compiled, the user's roles cached in the session
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="hall-data dashboard benchmark (PostgreSQL)")
    p.add_argument("--tickets", type=int, default=300_000)
    p.add_argument("--halls", type=int, default=3)
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--reload", action="store_true")
    args = p.parse_args(argv)
    setup_django()
    load, hall_ids = build(args.tickets, args.halls, reload=args.reload)
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="bench_center"),
                       backend="django.contrib.auth.backends.ModelBackend")
    print(f"tickets: {args.tickets} in {args.halls} halls" + (f"; stored and analysed in {load:.1f} s" if load else
                                                              " (already stored)"))
    for label, url in [("county overview", "/halldata/"), ("hall dashboard", f"/halldata/halls/{hall_ids[0]}/"),
                       ("hall export (heat map xlsx)", f"/halldata/halls/{hall_ids[0]}/export/heatmap.xlsx")]:
        ms = sorted(timed(client, url, args.runs))
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        print(f"{label:30s} median {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
