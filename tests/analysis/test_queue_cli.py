"""`wicket queue ...` in-process (fast) and once through the console entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.queueing.cli import main

ROOT = Path(__file__).resolve().parents[2]
HEADER = "ticket_id,hall,issued_at,called_at,started_at,finished_at,window,item,holder,channel,queue,status"
ROWS = [
    "A1,县政务服务中心,2024-03-04 09:00:00,2024-03-04 09:10:00,2024-03-04 09:10:00,2024-03-04 09:20:00,1,社保,,onsite,A,served",
    "A2,县政务服务中心,2024-03-04 09:05:00,2024-03-04 09:20:00,2024-03-04 09:20:00,2024-03-04 09:30:00,1,社保,,onsite,A,served",
]


@pytest.fixture()
def log_file(tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def test_kpis_json_has_the_report_sections_and_exit_0_when_nothing_is_found(log_file, capsys):
    assert main(["kpis", str(log_file), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["overall"]["tickets"] == 2 and d["overall"]["wait_minutes"]["mean"] == 12.5
    assert d["findings"] == []


def test_kpis_exits_1_when_there_are_findings_and_prints_them_in_chinese(log_file, capsys):
    assert main(["kpis", str(log_file), "--target-minutes", "10"]) == 1  # 1 of 2 within 10 min
    out = capsys.readouterr().out
    assert "取号 2" in out and "long_wait" in out


def test_kpis_refuses_a_bad_file_with_exit_2_naming_the_row(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([HEADER, ROWS[0].replace("served", "done")]) + "\n", encoding="utf-8")
    assert main(["kpis", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "第 2 行" in err and "status" in err


def test_staffing_json_gives_the_published_example(capsys):
    assert main(["staffing", "--arrivals-per-hour", "200", "--service-minutes", "3",
                 "--target-minutes", str(20 / 60), "--service-level", "0.888", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert (d["windows"], d["service_level"], d["wait_probability"]) == (14, 0.8884, 0.1741)
    assert d["occupancy"] == pytest.approx(10 / 14, abs=1e-4) and d["mean_wait_minutes"] > 0


def test_staffing_can_evaluate_a_given_number_of_windows(capsys):
    assert main(["staffing", "--arrivals-per-hour", "200", "--service-minutes", "3",
                 "--target-minutes", str(20 / 60), "--windows", "11"]) == 0
    assert "39.0%" in capsys.readouterr().out


def test_plan_and_simulate_from_a_log(log_file, capsys):
    assert main(["plan", str(log_file), "--format", "json"]) in (0, 1)
    plan = json.loads(capsys.readouterr().out)
    assert plan["slots"][0]["arrivals_per_hour"] == 2
    assert main(["simulate", str(log_file), "--hall", "县政务服务中心", "--replications", "2",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["replications"] == 2


@pytest.mark.parametrize(("argv", "code"), [
    (["simulate", "--arrivals-per-hour", "20,30", "--service-minutes", "5", "--windows", "3,3"], 0),
    (["simulate", "--arrivals-per-hour", "20,30", "--service-minutes", "5"], 2),  # windows per hour missing
    (["simulate", "--arrivals-per-hour", "20,x", "--service-minutes", "5", "--windows", "3,3"], 2),
    (["staffing", "--service-minutes", "5"], 2),
    (["nonsense"], 2),
])
def test_usage_errors_exit_2(argv, code, capsys):
    assert main([*argv, "--replications", "2"] if argv[0] == "simulate" else argv) == code


def test_to_parquet_writes_a_dataset_kpis_can_read(log_file, tmp_path, capsys):
    out = tmp_path / "pq"
    assert main(["to-parquet", str(log_file), "--out", str(out)]) == 0
    assert main(["kpis", str(out), "--format", "json"]) == 0
    assert '"tickets": 2' in capsys.readouterr().out


@pytest.mark.parametrize(("flags", "aggregated"), [([], True), (["--no-aggregates"], False)])
def test_to_parquet_stores_hall_aggregates_unless_told_not_to(log_file, tmp_path, capsys, flags, aggregated):
    out = tmp_path / "pq"
    assert main(["to-parquet", str(log_file), "--out", str(out), *flags]) == 0
    assert any((out / "_wicket_aggregates").glob("*.json")) == aggregated
    assert ("汇总" in capsys.readouterr().out) == aggregated
    assert main(["kpis", str(out), "--format", "json"]) == 0
    assert '"tickets": 2' in capsys.readouterr().out


def test_the_console_entry_point_runs_queue_staffing():
    done = subprocess.run([sys.executable, "-m", "wicket.cli", "queue", "staffing", "--arrivals-per-hour", "200",
                           "--service-minutes", "3", "--target-minutes", "0.3333333", "--service-level", "0.8",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["windows"] >= 12
