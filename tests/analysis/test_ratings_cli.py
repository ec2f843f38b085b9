"""`wicket ratings kpis`: text and JSON output, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.ratings_cli import main

HEADER = "rating_id,unit,window,item,staff,channel,rated_at,level,comment,handled_at"
ROWS = [
    "r1,县税务局,税务1号窗口,发票领用,王芳,评价器,2025-09-22 10:00:00,5,,",
    "r2,县税务局,税务1号窗口,发票领用,王芳,评价器,2025-09-23 10:00:00,4,,",
    # rated Fri 26 Sep 2025, never answered: 5 working days end on Fri 10 Oct (National Day in between)
    "r3,县税务局,税务1号窗口,税务登记,李伟,评价器,2025-09-26 10:00:00,1,态度差,",
]


def write(tmp_path: Path, rows: list[str], *, name: str = "ratings.csv") -> str:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("today", "code"), [("2025-10-10", 0), ("2025-10-11", 1)])
def test_an_unanswered_bad_rating_is_a_finding_only_after_its_deadline(tmp_path: Path, capsys, today, code) -> None:
    assert main(["kpis", write(tmp_path, ROWS), "--today", today]) == code
    out = capsys.readouterr().out
    assert "好差评分析：3 条评价（2025-09-22 至 2025-09-26）" in out
    assert "满意率 66.6%" in out  # 2 of 3
    assert ("[6] 县税务局" in out) == (code == 1)


def test_the_text_output_shows_tables_the_worst_window_and_the_overdue_summary(tmp_path: Path, capsys) -> None:
    assert main(["kpis", write(tmp_path, ROWS), "--today", "2025-11-03", "--min-ratings", "3"]) == 1
    out = capsys.readouterr().out
    for heading in ("按单位", "按窗口", "按事项", "按工作人员", "满意率最低的窗口", "差评答复超期（按窗口）"):
        assert heading in out
    assert "- 2025-09-26 态度差" in out
    assert "仍未答复，已超过 5 个工作日的答复期限（2025-10-10）" in out


def test_the_json_output_has_the_breakdowns_and_findings(tmp_path: Path, capsys) -> None:
    assert main(["kpis", write(tmp_path, ROWS), "--today", "2025-11-03", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["today"] == "2025-11-03" and data["settings"]["reply_deadline_workdays"] == 5
    assert (data["overall"]["ratings"], data["overall"]["bad"]) == (3, 1)
    assert [(x["window"], x["ratings"]) for x in data["by_window"]] == [("税务1号窗口", 3)]
    assert [(x["item"], x["bad"]) for x in data["by_item"]] == [("发票领用", 0), ("税务登记", 1)]
    assert [x["staff"] for x in data["by_staff"]] == ["李伟", "王芳"]
    (finding,) = data["findings"]
    assert (finding["kind"], finding["checklist"], finding["key"]) == ("bad_rating_unanswered", "6", ["r3"])
    assert finding["evidence"]["deadline"] == "2025-10-10"
    assert data["warnings"] == []


def test_a_longer_deadline_is_a_setting(tmp_path: Path, capsys) -> None:
    # 10 working days from 26 Sep: 28, 29, 30, 9, 10, 11, 13, 14, 15, 16 October
    assert main(["kpis", write(tmp_path, ROWS), "--today", "2025-10-16", "--deadline-workdays", "10"]) == 0
    assert main(["kpis", write(tmp_path, ROWS), "--today", "2025-10-17", "--deadline-workdays", "10"]) == 1


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("r4,县税务局,,,,,2025-09-26 10:00:00,9,,", "第 5 行，列 level"),
        ("r4,县税务局,,,,,2025-09-26 10:00:00,1,,2025-09-25 10:00:00", "第 5 行，列 handled_at"),
        ("r1,县税务局,,,,,2025-09-26 10:00:00,5,,", "第 5 行，列 rating_id"),
    ],
)
def test_an_unreadable_file_exits_2_naming_file_row_and_column(tmp_path: Path, capsys, row, says) -> None:
    path = write(tmp_path, [*ROWS, row])
    assert main(["kpis", path, "--today", "2025-11-03"]) == 2
    err = capsys.readouterr().err
    assert f"文件 {path}" in err and says in err


@pytest.mark.parametrize(
    "argv", [["kpis", "x.csv", "--today", "2025-13-01"], ["kpis", "/nonexistent/r.csv"], ["stats", "x.csv"]],
)
def test_bad_arguments_or_a_missing_file_exit_2(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_it_runs_as_wicket_ratings_in_a_subprocess(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "wicket.cli", "ratings", "kpis", write(tmp_path, ROWS),
                           "--today", "2025-11-03"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "发现问题 1 条" in done.stdout
