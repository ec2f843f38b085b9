"""`wicket guides lint PATH... [--format text|json] [--standard CATALOG]`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.guides import guides_template_xlsx
from analysis.guides.cli import main
from tests.analysis.guides_support import load, raw

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, *guides: dict[str, object]) -> str:
    path.write_text(json.dumps(list(guides), ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_it_exits_0_when_nothing_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", _write(tmp_path / "g.json", raw())]) == 0
    assert "共 1 个办事指南，未发现问题" in capsys.readouterr().out


def test_text_output_marks_the_offending_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = raw(phone="8828006")
    d["materials"].append({"name": "法律、行政法规规定的其他材料"})
    assert main(["lint", _write(tmp_path / "g.json", d)]) == 1
    out = capsys.readouterr().out
    assert "■ 食品经营许可证核发（11341321MB0001） · 县市场监督管理局 · 县政务服务网" in out
    assert "[1.1 兜底条款] materials[3].name：“法律、行政法规规定的【其他材料】”" in out
    assert "[1.3 电话号码不规范] phone：“【8828006】”" in out
    assert "发现问题 2 条" in out


def test_json_output_has_the_guide_count_and_every_field(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "g.json", raw(visits=2), raw(code="B", name="另一事项"))
    assert main(["lint", path, "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["guides"] == 2
    [f] = payload["findings"]
    assert {k: f[k] for k in ("kind", "checklist", "code", "name", "department", "source", "where", "text")} == {
        "kind": "too_many_visits", "checklist": "1.4", "code": "11341321MB0001", "name": "食品经营许可证核发",
        "department": "县市场监督管理局", "source": "县政务服务网", "where": "visits", "text": "2"}
    assert f["subject"] == "县市场监督管理局" and len(f["fingerprint"]) == 32 and f["message"]


def test_two_files_are_compared_as_two_sites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path / "county.json", raw())
    b = _write(tmp_path / "province.json", raw(source="省政务服务网", promised_days="10个工作日"))
    assert main(["lint", a, b]) == 1
    out = capsys.readouterr().out
    assert "多渠道发布不一致" in out and "省政务服务网：“10个工作日”" in out
    assert f"{a} [0]" in out  # the finding sits with the first copy, at its place in its own file


def test_a_directory_and_an_xlsx_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "t.xlsx").write_bytes(guides_template_xlsx(load(raw(visits=3))))
    _write(tmp_path / "g.json", raw(code="B"))
    assert main(["lint", str(tmp_path), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["guides"] == 2
    assert [f["kind"] for f in payload["findings"]] == ["too_many_visits"]


def test_the_standard_catalogue_is_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = tmp_path / "c.json"
    catalog.write_text(json.dumps({"11341321MB0001": "食品经营许可"}, ensure_ascii=False), encoding="utf-8")
    assert main(["lint", _write(tmp_path / "g.json", raw()), "--standard", str(catalog)]) == 1
    assert "事项名称不标准" in capsys.readouterr().out


@pytest.mark.parametrize(("content", "where"), [
    (b'[{"name": "a",', "第 1 行"),
    (b'[1]', "位置 [0]"),
    (b'\xff\xfe\x00', "bad.json"),
])
def test_it_exits_2_naming_the_fault(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
                                     where: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["lint", str(path), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert str(path) in captured.err and where in captured.err
    assert json.loads(captured.out)["error"]["file"] == str(path)


def test_a_missing_file_or_a_bad_option_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(tmp_path / "nope.json")]) == 2
    assert main(["lint"]) == 2
    assert main(["lint", "x.json", "--format", "xml"]) == 2


def test_the_wicket_command_runs_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.json", raw(visits=2))
    done = subprocess.run([sys.executable, "-m", "wicket.cli", "guides", "lint", path, "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1, done.stderr
    assert [f["kind"] for f in json.loads(done.stdout)["findings"]] == ["too_many_visits"]
