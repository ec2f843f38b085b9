"""Benchmark: the queue KPI report (KPIs + all findings) on a county-year CSV and a province-year
Parquet dataset, beside a plain pandas implementation of the same report.

    python bench/bench_queue.py                                   # 300k county CSV, 30M province Parquet
    python bench/bench_queue.py --county 300000 --province 3000000 --province-halls 10 --dir /tmp/q

Parquet inputs are also measured with the per-hall aggregates that storing a log writes
(analysis/queueing/aggregates.py): "write-aggregates" (the time it adds to storing the log, from
scratch), then "wicket+agg" / "kpis-only+agg" (the report read from them). "wicket" and
"kpis-only" always compute from the tickets.

    python bench/bench_queue.py --repeat 3 --skip-pandas --aggregates-only   # province, stored

The province-year is also sampled (--pandas-max tickets, same generator, proportionally fewer
halls) so pandas and Wicket can be compared at a size pandas can hold in memory.

Every measurement runs in a fresh subprocess, which reports its own wall time (imports excluded)
and peak RSS (resource.getrusage). Inputs are generated deterministically by gen_tickets.py into
--dir and reused while their parameters match. DuckDB runs with 2 threads.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

TARGET = 30.0


# ------------------------------------------------------------------------ the pandas baseline


def pandas_report(df, target_minutes: float = TARGET) -> dict:  # type: ignore[no-untyped-def]
    """The same report as analysis.queueing.kpi_report, written plainly in pandas."""
    import numpy as np
    import pandas as pd

    us = 60_000_000
    df["day"] = df["issued_at"].dt.normalize()
    df["hr"] = df["issued_at"].dt.hour
    df["wd"] = df["issued_at"].dt.day_of_week + 1
    is_called = df["status"].isin(["served", "no_show"])
    df["wait"] = ((df["called_at"] - df["issued_at"]).dt.total_seconds() * 1e6).where(is_called) / us
    df["svc"] = ((df["finished_at"] - df["started_at"]).dt.total_seconds() * 1e6).where(df["status"] == "served") / us
    df["within"] = df["wait"] <= target_minutes
    for s in ("served", "no_show", "unserved", "cancelled"):
        df[s] = df["status"] == s

    def block(keys: list[str]) -> pd.DataFrame:
        g = df.groupby(keys, observed=True, dropna=True) if keys else df.assign(_all=0).groupby("_all")
        out = g.agg(tickets=("status", "size"), called=("wait", "count"), served=("served", "sum"),
                    no_show=("no_show", "sum"), unserved=("unserved", "sum"), cancelled=("cancelled", "sum"),
                    w_mean=("wait", "mean"), w_max=("wait", "max"), s_mean=("svc", "mean"), s_max=("svc", "max"),
                    within=("within", "sum"))
        for col, name in (("wait", "w"), ("svc", "s")):
            q = g[col].quantile([0.5, 0.9, 0.95]).unstack()
            out[[f"{name}_p50", f"{name}_p90", f"{name}_p95"]] = q.to_numpy()
        out["service_level"] = out["within"] / out["called"]
        return out

    report = {name: block(keys) for name, keys in {
        "overall": [], "by_hall": ["hall"], "by_day": ["hall", "day"], "by_hour": ["hall", "hr"],
        "by_weekday_hour": ["hall", "wd", "hr"], "by_window": ["hall", "window"], "by_item": ["hall", "item"]}.items()}
    # utilisation per window
    c = df[df["window"].notna() & df["called_at"].notna()]
    wd_ = c.groupby(["hall", "window", "day"], observed=True).agg(
        first=("called_at", "min"), last=("called_at", "max"), fin=("finished_at", "max"), busy=("svc", "sum"))
    wd_["open"] = (np.maximum(wd_["last"], wd_["fin"].fillna(wd_["last"])) - wd_["first"]).dt.total_seconds() / 60
    u = wd_.groupby(level=[0, 1], observed=True)[["busy", "open"]].sum()
    report["by_window"] = report["by_window"].join(u.assign(utilisation=u["busy"] / u["open"]))
    # peak queue per hall-day
    live = df[df["status"] != "cancelled"]
    ev = pd.concat([
        pd.DataFrame({"hall": live["hall"], "day": live["day"], "k": live["issued_at"].astype("int64") * 2 + 1, "d": 1}),
        pd.DataFrame({"hall": live["hall"], "day": live["day"], "k": live["called_at"].astype("int64") * 2, "d": -1})
        [live["called_at"].notna().to_numpy()]])
    ev = ev.sort_values(["hall", "day", "k"])
    ev["q"] = ev.groupby(["hall", "day"], observed=True)["d"].cumsum()
    report["peaks"] = ev.groupby(["hall", "day"], observed=True)["q"].max()
    report["findings"] = _pandas_findings(df)
    return report


def _pandas_findings(df) -> dict:  # type: ignore[no-untyped-def]
    import pandas as pd

    out = {}
    h = df[df["holder"].notna()]
    daily = h.groupby(["hall", "holder", "day"], observed=True).size()
    month = h["issued_at"].dt.to_period("M")
    items = h.assign(m=month).groupby(["hall", "holder", "m"], observed=True)["item"].nunique()
    per = h.assign(unused=h["no_show"] | h["cancelled"]).groupby(["hall", "holder"], observed=True).agg(
        tickets=("status", "size"), unused=("unused", "sum"))
    cand = daily[daily >= 3].reset_index()[["hall", "holder"]].drop_duplicates()
    hc = h.merge(cand, on=["hall", "holder"]).sort_values(["hall", "holder", "issued_at"])
    counts = hc.groupby(["hall", "holder"], observed=True).rolling("60s", on="issued_at")["ticket_id"].count() \
        if len(hc) else pd.Series(dtype=float)
    flagged = set(daily[daily >= 3].reset_index().set_index(["hall", "holder"]).index) \
        | set(items[items >= 5].reset_index().set_index(["hall", "holder"]).index) \
        | set(per[(per["tickets"] >= 6) & (per["unused"] >= 0.5 * per["tickets"])].index) \
        | set(counts[counts >= 3].reset_index().set_index(["hall", "holder"]).index if len(counts) else [])
    out["scalper_suspect"] = len(flagged)
    # queue jumping
    o = df[(df["channel"] == "onsite") & df["called_at"].notna()].sort_values(
        ["hall", "day", "queue", "issued_at", "called_at"])
    keys = [o["hall"], o["day"], o["queue"]]
    prev = o.groupby(keys, observed=True)["called_at"].cummax().groupby(keys, observed=True).shift()
    j = o[o["called_at"] < prev]
    pairs = j.merge(o, on=["hall", "day", "queue"], suffixes=("", "_a"))
    pairs = pairs[(pairs["issued_at_a"] < pairs["issued_at"]) & (pairs["called_at_a"] > pairs["called_at"])]
    out["queue_jumping"] = pairs.groupby(["hall", "window"], observed=True).size().to_dict()
    # repeat visits
    sd = df[(df["status"] == "served") & df["holder"].notna()][["hall", "item", "holder", "day"]].drop_duplicates()
    sd = sd.sort_values(["hall", "item", "holder", "day"])
    gap = sd.groupby(["hall", "item", "holder"], observed=True)["day"].diff().dt.days
    out["repeat_visits"] = int((gap <= 30).sum())
    # expired overnight
    u = df[(df["status"] == "unserved") & df["holder"].notna()][["hall", "holder", "item", "day", "ticket_id"]]
    m = u.merge(df[["hall", "holder", "item", "day"]], on=["hall", "holder", "item"], suffixes=("", "_v"))
    delta = (m["day_v"] - m["day"]).dt.days
    out["ticket_expired_overnight"] = int(m[(delta > 0) & (delta <= 7)]["ticket_id"].nunique())
    return out


# --------------------------------------------------------------------------- one measurement


def _measure(kind: str, path: str) -> dict:
    # Imports happen once per web worker, so they are left out of the timing.
    import pandas as pd

    from analysis.queueing import kpi_report, load_parquet, load_ticket_paths

    start, cpu = time.perf_counter(), time.process_time()
    if kind == "write-aggregates":  # what storing the log adds (see analysis/queueing/aggregates.py)
        import shutil

        from analysis.queueing.aggregates import AGG_DIR, save_aggregates

        shutil.rmtree(Path(path) / AGG_DIR, ignore_errors=True)
        start, cpu = time.perf_counter(), time.process_time()
        result = {"halls": save_aggregates(path)}
    elif kind.split("+")[0] in ("wicket", "kpis-only"):
        # "wicket" / "kpis-only": from the tickets; "+agg": from the stored per-hall aggregates
        p = Path(path)
        log = load_parquet(p, validate=False) if p.is_dir() else load_ticket_paths([p])
        loaded = time.perf_counter()
        report = kpi_report(log, findings=kind.startswith("wicket"), aggregates=kind.endswith("+agg"))
        result = {"tickets": report.overall.tickets, "findings": len(report.findings),
                  "load_s": loaded - start}
    elif kind == "validate":
        load_parquet(path, validate=True)
        result = {}
    else:
        df = pd.read_parquet(path) if Path(path).is_dir() else pd.read_csv(
            path, parse_dates=["issued_at", "called_at", "started_at", "finished_at"],
            dtype={"window": "string", "holder": "string"})
        loaded = time.perf_counter()
        r = pandas_report(df)
        result = {"tickets": int(r["overall"]["tickets"].iloc[0]), "load_s": loaded - start}
    result["seconds"] = time.perf_counter() - start
    result["cpu_s"] = time.process_time() - cpu  # all threads: on a shared machine, the fairer figure
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _child(kind: str, path: str) -> dict:
    cmd = [sys.executable, __file__, "--measure", kind, path]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ensure(path: Path, tickets: int, halls: int, fmt: str) -> float:
    """Generate the input unless the same parameters made it before; returns seconds spent."""
    import gen_tickets

    stamp = path.parent / f".{path.name}.params"
    params = f"{tickets} {halls} {fmt}"
    if path.exists() and stamp.exists() and stamp.read_text() == params:
        return 0.0
    if path.is_dir():
        import shutil

        shutil.rmtree(path)
    start = time.perf_counter()
    gen_tickets.main(["--tickets", str(tickets), "--halls", str(halls), "--format", fmt, "--out", str(path)])
    stamp.write_text(params)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--county", type=int, default=300_000)
    p.add_argument("--county-halls", type=int, default=3)
    p.add_argument("--province", type=int, default=30_000_000)
    p.add_argument("--province-halls", type=int, default=100)
    p.add_argument("--dir", default="/tmp/wicket-bench-queue")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--skip-pandas", action="store_true")
    p.add_argument("--skip-province", action="store_true", help="leave out the full province dataset")
    p.add_argument("--pandas-max", type=int, default=3_000_000,
                   help="pandas runs only on inputs up to this many tickets (it needs ~10× the memory)")
    p.add_argument("--aggregates-only", action="store_true",
                   help="province: only write the aggregates and report from them")
    p.add_argument("--in-process", action="store_true", help="measure in this process (tests; RSS is then shared)")
    p.add_argument("--measure", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.measure:
        print(json.dumps(_measure(*args.measure)))
        return 0
    d = Path(args.dir)
    d.mkdir(parents=True, exist_ok=True)
    county, province = d / f"county-{args.county}.csv", d / f"province-{args.province}"
    sample_n = min(args.province, args.pandas_max)
    sample_halls = max(1, round(args.province_halls * sample_n / args.province))
    sample = d / f"province-sample-{sample_n}"
    print(f"# generate: county {_ensure(county, args.county, args.county_halls, 'csv'):.1f} s, "
          f"province {_ensure(province, args.province, args.province_halls, 'parquet'):.1f} s, "
          f"province sample {_ensure(sample, sample_n, sample_halls, 'parquet'):.1f} s "
          f"(0 = reused); load average {os.getloadavg()[0]:.2f}")
    plan = [("county CSV", kind, county) for kind in ("wicket", "kpis-only", "pandas")]
    stored = ("write-aggregates", "wicket+agg", "kpis-only+agg")
    plan += [(f"province sample Parquet ({sample_n} tickets, {sample_halls} halls)", kind, sample)
             for kind in ("wicket", "kpis-only", "pandas", *stored)]
    if not args.skip_province:
        plan += [("province Parquet", kind, province)
                 for kind in ((*stored,) if args.aggregates_only else ("wicket", "kpis-only", "validate", *stored))]
    if args.province <= args.pandas_max:
        plan.append(("province Parquet", "pandas", province))
    rows = []
    for label, kind, path in plan:
        if kind == "pandas" and args.skip_pandas:
            continue
        measure = _measure if args.in_process else _child
        once = kind in ("pandas", "write-aggregates")
        runs = [measure(kind, str(path)) for _ in range(1 if once else args.repeat)]
        best = min(runs, key=lambda r: r["seconds"])
        rows.append((label, kind, best, [r["seconds"] for r in runs]))
        print(f"{label} | {kind:16} | best {best['seconds']:7.2f} s (runs: "
              f"{', '.join(f'{x:.2f}' for x in rows[-1][3])}) | cpu {best['cpu_s']:.2f} s | "
              f"read {best.get('load_s', 0):.2f} s | "
              f"peak RSS {best['peak_rss_mib']:.0f} MiB | tickets {best.get('tickets', '')} | "
              f"findings {best.get('findings', '')} | load avg {os.getloadavg()[0]:.2f}", flush=True)
    by = {(label, kind): best["seconds"] for label, kind, best, _ in rows}
    for label in dict.fromkeys(label for label, _, _ in plan):
        for kind in ("wicket", "wicket+agg"):
            if (label, "pandas") in by and (label, kind) in by:
                print(f"{label}: pandas / {kind} = {by[(label, 'pandas')] / by[(label, kind)]:.1f}x")
    print(f"# load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
