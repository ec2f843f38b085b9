"""The benchmark's generator and driver at tiny size, so they cannot rot."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_queue  # noqa: E402
import gen_tickets  # noqa: E402

from analysis.queueing import load_ticket_paths  # noqa: E402


def test_the_generator_is_deterministic_and_writes_csv_and_parquet(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert gen_tickets.main(["--tickets", "900", "--halls", "2", "--out", str(a)]) == 0
    gen_tickets.main(["--tickets", "900", "--halls", "2", "--out", str(b)])
    assert a.read_bytes() == b.read_bytes()
    assert len(load_ticket_paths([a])) == 900
    gen_tickets.main(["--tickets", "900", "--halls", "2", "--format", "parquet", "--out", str(tmp_path / "pq")])
    assert len(load_ticket_paths([tmp_path / "pq"])) == 900


def test_the_benchmark_runs_at_tiny_size(tmp_path, capsys):
    assert bench_queue.main(["--county", "1000", "--province", "1000", "--province-halls", "2", "--pandas-max", "600",
                             "--dir", str(tmp_path), "--repeat", "1", "--in-process"]) == 0
    out = capsys.readouterr().out
    assert "county" in out and "province" in out and "pandas" in out


def test_the_pandas_baseline_computes_the_same_overall_figures(tmp_path):
    import pandas as pd

    from analysis.queueing import kpi_report

    path = tmp_path / "a.csv"
    gen_tickets.main(["--tickets", "3000", "--halls", "2", "--out", str(path)])
    ours = kpi_report(load_ticket_paths([path])).overall
    df = pd.read_csv(path, parse_dates=["issued_at", "called_at", "started_at", "finished_at"],
                     dtype={"window": "string", "holder": "string"})
    theirs = bench_queue.pandas_report(df)["overall"].iloc[0]
    assert (theirs["tickets"], theirs["called"], theirs["unserved"]) == (ours.tickets, ours.called, ours.unserved)
    assert theirs["w_mean"] == ours.wait_minutes.mean and theirs["w_p90"] == ours.wait_minutes.p90
    assert theirs["s_p95"] == ours.service_minutes.p95
