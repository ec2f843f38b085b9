"""`wicket calls kpis`: text and JSON output, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.calls_cli import main

HEADER = "call_id,line,unit,started_at,answered,ring_seconds,talk_seconds,outcome"
# line 8021001 answers 3 of 4 (75%); line 8021002 answers 2 of 2
ROWS = [
    "c1,8021001,县市场监督管理局,2025-03-03 09:00:00,1,5,60,answered",
    "c2,8021001,县市场监督管理局,2025-03-03 09:30:00,1,20,60,answered",
    "c3,8021001,县市场监督管理局,2025-03-03 10:00:00,1,8,60,answered",
    "c4,8021001,县市场监督管理局,2025-03-03 12:10:00,0,45,0,no_answer",
    "c5,8021002,县税务局,2025-03-04 14:00:00,1,3,30,answered",
    "c6,8021002,县税务局,2025-03-04 15:00:00,1,4,30,answered",
]


def write(tmp_path: Path, name: str, rows: list[str], *, header: str = HEADER, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes("\n".join([header, *rows]).encode(encoding))
    return str(path)


def test_it_prints_the_figures_and_the_weak_line_and_exits_1(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, "calls.csv", ROWS)
    assert main(["kpis", path]) == 1
    out = capsys.readouterr().out
    assert "咨询电话接通分析：2 个号码，6 通来电（2025-03-03 至 2025-03-04）" in out
    assert "发现问题 1 条" in out
    assert "[1.3] 县市场监督管理局：咨询电话 8021001" in out and "接通率 75.0%" in out
    assert "12:00" in out  # the by-hour table


def test_it_exits_0_when_every_line_answers_enough(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, "calls.csv", ROWS)
    assert main(["kpis", path, "--min-answer-rate", "0.75"]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_the_json_output_has_figures_per_line_unit_and_hour_and_findings(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, "calls.csv", ROWS)
    assert main(["kpis", path, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == [path]
    assert data["settings"] == {"min_answer_rate": 0.95, "answer_within_seconds": 15}
    assert (data["overall"]["calls"], data["overall"]["answered"], data["overall"]["answer_rate"]) == (6, 5, 0.8333)
    assert [(x["line"], x["unit"], x["answer_rate"], x["answered_within_share"]) for x in data["by_line"]] == [
        ("8021001", "县市场监督管理局", 0.75, 0.5), ("8021002", "县税务局", 1.0, 1.0)]  # by unit name
    assert [u["unit"] for u in data["by_unit"]] == ["县市场监督管理局", "县税务局"]
    assert [h["hour"] for h in data["by_hour"]] == [9, 10, 12, 14, 15]
    (finding,) = data["findings"]
    assert finding["kind"] == "unanswered_line" and finding["subject"] == "县市场监督管理局"
    assert finding["evidence"]["line"] == "8021001" and len(finding["fingerprint"]) == 32


def test_it_reads_several_files_including_gbk_with_chinese_headers(tmp_path: Path, capsys) -> None:
    first = write(tmp_path, "a.csv", ROWS[:4])
    second = write(tmp_path, "b.csv", [r.replace(",answered", ",接通") for r in ROWS[4:]],
                   header="通话编号,号码,单位,来电时间,是否接听,振铃时长,通话时长,结果", encoding="gbk")
    assert main(["kpis", first, second, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["overall"]["calls"] == 6


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        (ROWS[:2] + ["c3,8021001,县市场监督管理局,2025-03-03 25:00:00,1,5,60,"], "第 4 行，列 started_at"),
        (ROWS[:2] + ["c3,8021001,县市场监督管理局,2025-03-03 10:00:00,yes?,5,60,"], "第 4 行，列 answered"),
        (ROWS[:2] + ["c1,8021001,县市场监督管理局,2025-03-03 10:00:00,1,5,60,"], "第 4 行，列 call_id"),
    ],
)
def test_an_unreadable_file_exits_2_naming_file_row_and_column(tmp_path: Path, capsys, rows, says) -> None:
    path = write(tmp_path, "bad.csv", rows)
    assert main(["kpis", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"文件 {path}" in captured.err and says in captured.err


def test_a_call_id_repeated_in_a_second_file_is_refused(tmp_path: Path, capsys) -> None:
    first = write(tmp_path, "a.csv", ROWS[:2])
    second = write(tmp_path, "b.csv", ROWS[1:3])
    assert main(["kpis", first, second]) == 2
    err = capsys.readouterr().err
    assert f"文件 {second}，第 2 行，列 call_id" in err and f"文件 {first} 第 3 行已出现" in err


@pytest.mark.parametrize(
    "argv",
    [["kpis", "/nonexistent/calls.csv"], ["kpis"], ["kpis", "x.csv", "--min-answer-rate", "1.5"],
     ["kpis", "x.csv", "--format", "xml"], []],
)
def test_bad_arguments_or_a_missing_file_exit_2(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_it_runs_as_wicket_calls_in_a_subprocess(tmp_path: Path) -> None:
    path = write(tmp_path, "calls.csv", ROWS)
    done = subprocess.run([sys.executable, "-m", "wicket.cli", "calls", "kpis", path, "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["findings"][0]["evidence"]["line"] == "8021001"
