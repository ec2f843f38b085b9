"""`wicket proofs analyze FILE`: exit codes, text and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.proofs import catalog_template_xlsx
from analysis.proofs.cli import main

ROOT = Path(__file__).resolve().parents[2]

LOOP = {"proofs": [
    {"id": "P01", "name": "房屋所有权证", "issuer": "县不动产登记中心", "requires": ["P02"], "basis": "《条例》"},
    {"id": "P02", "name": "土地使用权证", "issuer": "县自然资源局", "requires": ["P01"], "basis": "《法》"},
], "items": [{"id": "S01", "name": "二手房交易登记", "department": "县住建局", "requires": ["P01"]}]}

CLEAN = {"proofs": [{"id": "P01", "name": "营业执照", "issuer": "县市场监管局", "requires": [], "basis": "《条例》"}],
         "items": [{"id": "S01", "name": "食品经营许可", "department": "县市场监管局", "requires": ["P01"]}]}


def write(tmp_path: Path, doc: object, name: str = "proofs.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_it_exits_1_and_prints_the_loop_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", write(tmp_path, LOOP)]) == 1
    out = capsys.readouterr().out
    assert "循环证明 1 个" in out
    assert "[2.1 循环证明] 县住建局：" in out
    assert "房屋所有权证 → 土地使用权证 → 房屋所有权证" in out


def test_it_exits_0_when_nothing_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", write(tmp_path, CLEAN)]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_json_output_has_findings_items_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", write(tmp_path, LOOP), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert {"findings", "items", "summary"} <= set(doc)
    assert [f["kind"] for f in doc["findings"]] == ["circular_proof"] * 3
    assert doc["items"][0]["id"] == "S01" and doc["items"][0]["blocked"] is True
    assert doc["summary"]["cycles"] == 1


@pytest.mark.parametrize(("max_issuers", "code"), [("1", 1), ("2", 0)])
def test_max_issuers_sets_the_runaround_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   max_issuers: str, code: int) -> None:
    doc = {"proofs": [{"id": "A", "name": "甲证明", "issuer": "甲局", "requires": ["B"], "basis": "依据"},
                      {"id": "B", "name": "乙证明", "issuer": "乙局", "requires": [], "basis": "依据"}],
           "items": [{"id": "S1", "name": "事项", "department": "县民政局", "requires": ["A"]}]}
    assert main(["analyze", write(tmp_path, doc), "--max-issuers", max_issuers, "--format", "json"]) == code
    kinds = [f["kind"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert kinds == (["excessive_runaround"] if code else [])


def test_an_undefined_proof_id_exits_2_naming_the_item_and_the_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = {"proofs": [], "items": [{"id": "S09", "name": "事项", "department": "县民政局", "requires": ["P404"]}]}
    assert main(["analyze", write(tmp_path, doc)]) == 2
    err = capsys.readouterr().err
    assert "事项“S09”" in err and "“P404”" in err and "proofs.json" in err


@pytest.mark.parametrize("argv", [["analyze"], ["analyze", "x.json", "--max-issuers", "-1"], ["other"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "none.json")]) == 2
    assert "none.json" in capsys.readouterr().err


def test_it_reads_the_xlsx_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "template.xlsx"
    path.write_bytes(catalog_template_xlsx())
    assert main(["analyze", str(path), "--format", "json"]) == 1  # the example proof is in 电子证照库
    doc = json.loads(capsys.readouterr().out)
    assert [f["kind"] for f in doc["findings"]] == ["replaceable_by_shared_data"]


def test_the_wicket_command_runs_it(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "wicket.cli", "proofs", "analyze", write(tmp_path, LOOP),
                             "--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["items_blocked"] == 1
