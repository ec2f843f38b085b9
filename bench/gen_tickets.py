"""Deterministic synthetic queue-ticket logs for the benchmark (numpy + pyarrow, no Python loops
over tickets).

    python bench/gen_tickets.py --tickets 300000 --halls 3 --out /tmp/county.csv
    python bench/gen_tickets.py --tickets 30000000 --halls 100 --out /tmp/province --format parquet

Each hall gets its share of the tickets over the working days (Mon–Fri) of one year. Tickets are
called in issue order within each hall, day and queue, except a few planted queue jumps; late
tickets are sometimes left unserved; a pool of pseudonymous holders gives repeat visits, and a
few heavy holders act like scalpers. CSV output is UTF-8 with English headers; Parquet output is
partitioned by hall and month (hall=…/month=YYYY-MM/), the layout analysis.queueing reads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

QUEUES = 6
ITEMS = 30
WINDOWS = 2 * QUEUES
HOUR_WEIGHTS = {9: 0.14, 10: 0.18, 11: 0.14, 12: 0.04, 13: 0.08, 14: 0.16, 15: 0.14, 16: 0.12}


def hall_name(h: int) -> str:
    return f"第{h + 1:03d}政务服务中心"


def working_days(year: int) -> np.ndarray:
    """Epoch seconds of midnight of every Monday–Friday of `year`."""
    start = np.datetime64(f"{year}-01-01")
    days = np.arange(start, np.datetime64(f"{year + 1}-01-01"), dtype="datetime64[D]")
    weekday = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday (3)
    return days[weekday < 5].astype("datetime64[s]").astype("int64")


def _dict_array(indices: np.ndarray, values: list[str]) -> pa.Array:
    """Strings as dictionary indices (cheap), decoded to plain strings for the file schema."""
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(values)).cast(pa.string())


def hall_tickets(h: int, n: int, *, year: int = 2024, seed: int = 20240501) -> pa.Table:
    rng = np.random.default_rng([seed, h])
    days = working_days(year)
    day = np.sort(rng.integers(0, len(days), n))
    hours = np.array(list(HOUR_WEIGHTS))
    hour = rng.choice(hours, n, p=np.array(list(HOUR_WEIGHTS.values())))
    issued = days[day] + hour * 3600 + rng.integers(0, 3600, n)
    item = rng.integers(0, ITEMS, n)
    queue = item % QUEUES
    # FIFO within (day, queue): called = running max of (issue + a wait that peaks mid-morning)
    order = np.lexsort((issued, queue, day))
    issued, item, queue, day, hour = issued[order], item[order], queue[order], day[order], hour[order]
    load = np.where(hour == 10, 25.0, np.where((hour == 11) | (hour == 14), 15.0, 8.0))
    wait = rng.gamma(2.0, load * 30.0).astype(np.int64)  # seconds; mean 2 × load × 30 s
    group = day * QUEUES + queue
    offset = group.astype(np.int64) * 10**10
    called = np.maximum.accumulate(issued + wait + offset) - offset
    jumpers = rng.random(n) < 0.001  # planted queue jumps: called well before their turn
    called = np.where(jumpers, np.maximum(issued + 5, called - rng.integers(600, 1800, n)), called)
    started = called + rng.integers(0, 30, n)
    finished = started + rng.exponential(480.0, n).astype(np.int64) + 30
    window = 2 * queue + rng.integers(0, 2, n)
    r = rng.random(n)
    late = (issued - days[day]) >= 16 * 3600 + 1800
    status = np.where(r < 0.03, 3, np.where(late & (r < 0.33), 2, np.where(r > 0.92, 1, 0)))
    channel = np.where(rng.random(n) < 0.85, 0, np.where(rng.random(n) < 0.66, 1, 2))
    pool = max(n // 3, 1)
    holder_no = np.where(rng.random(n) < 0.002, rng.integers(0, 5, n), rng.integers(5, pool + 5, n))
    no_holder = rng.random(n) < 0.2
    called_or_none = status <= 1  # served, no_show
    served = status == 0
    ts = pa.timestamp("us")

    def times(values: np.ndarray, mask: np.ndarray) -> pa.Array:
        return pa.array(values * 1_000_000, type=pa.int64(), mask=~mask).cast(ts)

    seq = pc.cast(pa.array(np.arange(n, dtype=np.int64)), pa.string())
    prefix = f"H{h + 1:03d}-"
    return pa.table({
        "ticket_id": pc.binary_join_element_wise(prefix, seq, ""),
        "hall": _dict_array(np.zeros(n, dtype=np.int32), [hall_name(h)]),
        "issued_at": times(issued, np.ones(n, bool)),
        "called_at": times(called, called_or_none),
        "started_at": times(started, served),
        "finished_at": times(finished, served),
        "window": _window_array(window, called_or_none),
        "item": _dict_array(item, [f"事项{i + 1:02d}" for i in range(ITEMS)]),
        "holder": _holder_array(holder_no, no_holder, h),
        "channel": _dict_array(channel, ["onsite", "appointment", "priority"]),
        "queue": _dict_array(queue, [chr(ord("A") + q) for q in range(QUEUES)]),
        "status": _dict_array(status, ["served", "no_show", "unserved", "cancelled"]),
    })


def _window_array(window: np.ndarray, mask: np.ndarray) -> pa.Array:
    labels = pa.array([str(w + 1) for w in range(WINDOWS)])
    arr = pa.DictionaryArray.from_arrays(pa.array(window.astype(np.int32), mask=~mask), labels)
    return arr.cast(pa.string())


def _holder_array(numbers: np.ndarray, empty: np.ndarray, h: int) -> pa.Array:
    text = pc.binary_join_element_wise(f"P{h + 1:03d}-", pc.cast(pa.array(numbers), pa.string()), "")
    return pc.if_else(pa.array(empty), pa.scalar(None, pa.string()), text)


def generate(tickets: int, halls: int, *, year: int = 2024, seed: int = 20240501) -> Iterator[pa.Table]:
    """One table per hall; hall h gets tickets // halls (+1 for the first tickets % halls halls)."""
    base, extra = divmod(tickets, halls)
    for h in range(halls):
        yield hall_tickets(h, base + (h < extra), year=year, seed=seed)


def write_csv(tables: Iterator[pa.Table], path: Path) -> None:
    from pyarrow import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    writer = None
    with path.open("wb") as fh:
        for t in tables:
            t = t.set_column(2, "issued_at", t["issued_at"].cast(pa.timestamp("s")))
            for name in ("called_at", "started_at", "finished_at"):
                t = t.set_column(t.schema.get_field_index(name), name, t[name].cast(pa.timestamp("s")))
            if writer is None:
                writer = csv.CSVWriter(fh, t.schema, write_options=csv.WriteOptions(quoting_style="none"))
            writer.write_table(t)
        if writer is not None:
            writer.close()


def write_parquet(tables: Iterator[pa.Table], directory: Path) -> None:
    import pyarrow.dataset as ds

    directory.mkdir(parents=True, exist_ok=True)
    for h, t in enumerate(tables):
        month = pc.strftime(t["issued_at"], format="%Y-%m")
        t = t.append_column("month", month)
        ds.write_dataset(t, directory, format="parquet", basename_template=f"part-{h:04d}-{{i}}.parquet",
                         partitioning=["hall", "month"], partitioning_flavor="hive",
                         existing_data_behavior="overwrite_or_ignore", max_partitions=4096)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="生成可复现的模拟取号日志")
    p.add_argument("--tickets", type=int, default=300_000)
    p.add_argument("--halls", type=int, default=3)
    p.add_argument("--year", type=int, default=2024)
    p.add_argument("--seed", type=int, default=20240501)
    p.add_argument("--format", choices=("csv", "parquet"), default="csv")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    start = time.perf_counter()
    tables = generate(args.tickets, args.halls, year=args.year, seed=args.seed)
    if args.format == "csv":
        write_csv(tables, Path(args.out))
    else:
        write_parquet(tables, Path(args.out))
    print(f"generated {args.tickets} tickets, {args.halls} halls -> {args.out} "
          f"in {time.perf_counter() - start:.1f} s ({dt.date.today()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
