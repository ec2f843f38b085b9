"""Tolerant reading (issue 15): what real files hold is a finding on that guide, never an error that
stops the rest of the file; traditional characters are matched as simplified ones, quoted as written."""

from __future__ import annotations

import json
from typing import Any

import pytest

from analysis.guides import check_guides, load_guides
from analysis.guides.cli import main
from tests.analysis.guides_support import CLEAN, check, of_kind, raw, with_material

UNREADABLE = [  # (a change to the clean guide, where, words in the message)
    ({"materials": [{"材料名称": "", "份数": "1"}]}, "materials[0].name", "没有写材料名称"),
    ({"materials": [None]}, "materials[0].name", "没有写材料名称"),
    ({"materials": [{"name": "户口簿", "required": "也许"}]}, "materials[0].required", "是否必需"),
    ({"materials": [{"name": "户口簿", "copies": {"原件": 1}}]}, "materials[0].copies", "份数"),
    ({"materials": [{"name": ["结婚证", "离婚证"]}]}, "materials[0].name", "应为文字"),
    ({"materials": [3]}, "materials[0]", "应为对象或文字"),
    ({"steps": [{"name": "受理", "description": {"text": "当场受理"}}]}, "steps[0].description", "应为文字"),
    ({"steps": [{"name": "受理", "description": "当场受理", "days": [1]}]}, "steps[0].days", "时限"),
    ({"statutory_days": -20}, "statutory_days", "不小于 0"),
    ({"promised_days": {"value": 5}}, "promised_days", "时限应为天数或文字"),
    ({"visits": "视情况而定"}, "visits", "看不出要跑几次"),
    ({"phone": ["0557-8021234"]}, "phone", "应为文字"),
]
READABLE = [  # loose but readable: no unreadable_value
    {"materials": [{"材料名称": "户口簿", "是否必需": "是", "份数": "原件1份"}]},
    {"materials": ["居民身份证", "户口簿"]},
    {"materials": {"name": "结婚证"}},
    {"statutory_days": "２０个工作日"},
    {"statutory_days": "20（工作日）"},
    {"promised_days": "自受理之日起5个工作日"},
    {"visits": "最多跑一次"},
    {"visits": "0次"},
    {"fee": 0},
    {"code": 11341321},
    {"steps": "申请——受理——审核"},
    {"materials": [{"name": "户口簿", "required": "非必需"}]},
]


@pytest.mark.parametrize(("changes", "where", "words"), UNREADABLE)
def test_an_unreadable_value_is_reported_on_its_guide(changes: dict[str, Any], where: str, words: str) -> None:
    found = of_kind(check(raw(**changes)), "unreadable_value")
    assert [f.where for f in found] == [where]
    assert words in found[0].message and found[0].checklist == "1.1"


@pytest.mark.parametrize("changes", READABLE)
def test_loose_but_readable_values_are_read(changes: dict[str, Any]) -> None:
    assert of_kind(check(raw(**changes)), "unreadable_value") == []


def test_a_file_with_bad_rows_is_read_whole_and_exits_1(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    guides = [CLEAN, raw(code="B", materials=[{"材料名称": ""}, None]), raw(code="C", visits=True), CLEAN]
    path = tmp_path / "g.json"
    path.write_text(json.dumps(guides, ensure_ascii=False), encoding="utf-8")
    assert main(["lint", str(path), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["guides"] == 4
    assert sorted((f["guide_index"], f["where"]) for f in out["findings"]) == [
        (1, "materials[0].name"), (1, "materials[1].name"), (2, "visits")]


TRADITIONAL = [  # (a change, where the finding points, the traditional words quoted)
    ({"name": "不動產登記"}, "name", "動產"),
    ({"materials": [{"name": "不動產登記申請書", "blank_form": "a", "sample": "b"}]}, "materials[0].name", "動產"),
    ({"materials": [{"name": "申請人身份證明"}]}, "materials[0].name", "申請"),
    ({"conditions": ["申請人具有完全民事行為能力"]}, "conditions[0]", "申請"),
    ({"steps": [{"name": "受理", "description": "窗口當場審查申請材料"}]}, "steps[0].description", "當場審"),
    ({"location": "縣政務服務中心二樓"}, "location", "縣"),
    ({"promised_days": "自受理登記申請之日起25個工作日"}, "promised_days", "登記申請"),
    ({"hours": "週一至週五"}, "hours", "週"),
    ({"materials": [{"name": "戶口簿"}]}, "materials[0].name", "戶"),
    ({"materials": [{"name": "營業執照副本"}]}, "materials[0].name", "營"),
]
SIMPLIFIED = [
    {"name": "不动产登记"}, {"name": "乾隆路社区居委会证明事项"}, {"name": "著作权登记"}, {"location": "县政务服务中心"},
    {"materials": [{"name": "户口簿"}]}, {"hours": "周一至周五"}, {"promised_days": "25个工作日"},
    {"conditions": ["申请人具有完全民事行为能力"]}, {"materials": [{"name": "营业执照副本"}]},
    {"steps": [{"name": "受理", "description": "窗口当场审查申请材料"}]},
]


@pytest.mark.parametrize(("changes", "where", "words"), TRADITIONAL)
def test_traditional_characters_are_reported_once_per_guide(changes: dict[str, Any], where: str, words: str) -> None:
    [f] = of_kind(check(raw(**changes)), "traditional_characters")
    assert f.where == where and f.checklist == "1.1"
    assert any(words in w or w in words for w in f.evidence["words"])
    assert "规范汉字" in f.message


@pytest.mark.parametrize("changes", SIMPLIFIED)
def test_simplified_text_is_not_reported(changes: dict[str, Any]) -> None:
    assert of_kind(check(raw(**changes)), "traditional_characters") == []


def test_traditional_wording_is_matched_and_quoted_as_written() -> None:
    found = check(with_material(name="法律、行政法規規定的其他材料"))
    [f] = of_kind(found, "catch_all_clause")
    assert f.text == "其他材料" and f.evidence["context"] == "法律、行政法規規定的其他材料"
    [form] = of_kind(check(with_material(name="不動產登記申請書")), "missing_blank_form")
    assert form.text == "不動產登記申請書"
    [v] = of_kind(check(with_material(name="結婚證", requirements="視情況提供")), "vague_requirement")
    assert (v.text, v.evidence["simplified"]) == ("視情況提供", "视情况提供")


def test_a_guide_in_traditional_characters_gets_the_same_findings_as_in_simplified() -> None:
    simple = raw(conditions=["法律、法规规定的其他条件"], promised_days="30个工作日")
    simple["materials"].append({"name": "不动产登记申请书"})
    trad = raw(conditions=["法律、法規規定的其他條件"], promised_days="30個工作日")
    trad["materials"].append({"name": "不動產登記申請書"})
    kinds = [f.kind for f in check(simple)]
    assert [f.kind for f in check(trad) if f.kind != "traditional_characters"] == kinds
    assert "promised_exceeds_statutory" in kinds


def test_the_lenient_and_the_fast_reader_read_a_nameless_row_alike() -> None:
    from analysis.guides.loader import load_guides_lenient

    data = json.dumps([raw(materials=[{"name": ""}, {"name": "户口簿"}])], ensure_ascii=False).encode()
    assert load_guides(data, file="g.json") == load_guides_lenient(data, file="g.json")
    assert [f.kind for f in check_guides(load_guides(data, file="g.json"))] == ["unreadable_value"]
