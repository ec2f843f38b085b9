"""Reading guides: JSON array, JSON Lines, {"guides": [...]}, UTF-8 or GBK, Chinese keys; faults named."""

from __future__ import annotations

import json
from typing import Any

import pytest

from analysis.common import InputError
from analysis.guides import Days, GuideInputError, Material, Step, check_guides, load_guides, load_standard
from analysis.guides.loader import load_guides_lenient
from tests.analysis.guides_support import CLEAN, raw


def _bytes(value: Any, encoding: str = "utf-8") -> bytes:
    return json.dumps(value, ensure_ascii=False).encode(encoding)


def test_it_reads_an_array_into_guides() -> None:
    [g] = load_guides(_bytes([CLEAN]), file="g.json")
    assert (g.code, g.name, g.department, g.source) == ("11341321MB0001", "食品经营许可证核发", "县市场监督管理局",
                                                        "县政务服务网")
    assert g.materials[0] == Material("食品经营许可申请书", True, 1, "纸质或电子", "申请人自备",
                                      "https://zwfw.example.gov.cn/forms/申请书.docx",
                                      "https://zwfw.example.gov.cn/samples/申请书示范文本.pdf", "申请人签字",
                                      "《食品经营许可管理办法》第十条")
    assert g.steps[1] == Step("受理", "窗口当场审查，材料齐全、符合法定形式的予以受理", 1)
    assert g.statutory_days == Days("20个工作日", 20.0, "workday")
    assert g.promised_days == Days("5个工作日", 5.0, "workday")
    assert (g.visits, g.visits_text) == (1, "1")
    assert g.conditions_is_list and len(g.conditions) == 2
    assert (g.file, g.line) == ("g.json", None)


def test_it_reads_json_lines_with_line_numbers() -> None:
    data = b"\n".join([_bytes(raw(code="A")), b"", _bytes(raw(code="B"))]) + b"\n"
    guides = load_guides(data, file="g.jsonl")
    assert [(g.code, g.line) for g in guides] == [("A", 1), ("B", 3)]


def test_it_reads_a_wrapper_object_and_a_single_guide() -> None:
    assert [g.code for g in load_guides(_bytes({"guides": [raw(code="A"), raw(code="B")]}), file="g.json")] == \
        ["A", "B"]
    assert [g.code for g in load_guides(json.dumps(raw(code="A"), indent=2).encode(), file="g.json")] == ["A"]


def test_it_reads_gbk_and_a_utf8_bom() -> None:
    gbk = load_guides(_bytes([CLEAN], "gbk"), file="g.json")
    bom = load_guides(b"\xef\xbb\xbf" + _bytes([CLEAN]), file="g.json")
    assert gbk == bom == load_guides(_bytes([CLEAN]), file="g.json")


def test_it_reads_chinese_keys_and_loose_values() -> None:
    d = {"事项编码": 11341321, "事项名称": "食品经营许可证核发", "实施主体": "县市场监督管理局",
         "申请材料": [{"材料名称": "申请书", "是否必需": "是", "份数": 2}, "营业执照复印件"],
         "办理流程": "申请——受理——审核", "法定办结时限": 20, "到办事现场次数": "1次", "收费标准": 0}
    [g] = load_guides(_bytes([d]), file="g.json")
    assert g.code == "11341321"
    assert g.materials == (Material("申请书", True, 2), Material("营业执照复印件"))
    assert g.steps == (Step("申请——受理——审核"),)
    assert g.statutory_days == Days("20", 20.0, "")
    assert (g.visits, g.visits_text, g.fee) == (1, "1次", "0")


@pytest.mark.parametrize(("data", "row", "column", "path", "words"), [
    (b'[{"name": "a", "department": "b"', 1, "33", None, "JSON 格式错误"),
    (b'{"name": "a", "department": "b"}\n{"name": "a",\n', 2, "14", None, "JSON 格式错误"),
    (b"[1]", None, None, "[0]", "应为对象"),
    (b'[{"name": "a", "department": "b"}, "x"]', None, None, "[1]", "应为对象"),
    (b"", None, None, None, "文件为空"),
    (b"hello", 1, "1", None, "JSON 格式错误"),
])
def test_it_names_the_fault(data: bytes, row: int | None, column: str | None, path: str | None, words: str) -> None:
    with pytest.raises(GuideInputError) as info:
        load_guides(data, file="g.json")
    e = info.value
    assert isinstance(e, InputError)
    assert (e.file, e.row, e.column, e.path) == ("g.json", row, column, path)
    assert words in e.message
    assert "g.json" in str(e)
    if path:
        assert f"位置 {path}" in str(e)


# A value inside a guide that cannot be read is a finding on that guide (unreadable_value), never an
# error that stops the file: the other guides of the file are still read and checked.
@pytest.mark.parametrize(("data", "path", "words"), [
    (b'{"department": "b"}', "name", "缺少事项名称"),
    (b'{"name": "a"}', "department", "缺少实施主体"),
    (b'{"name": " ", "department": "b"}', "name", "缺少事项名称"),
    (b'{"name": "a", "department": "b", "materials": [{"name": "x", "required": "maybe"}]}',
     "materials[0].required", "true/false"),
    (b'{"name": "a", "department": "b", "materials": [{"name": ""}]}', "materials[0].name", "没有写材料名称"),
    ('{"name": "a", "department": "b", "materials": [{"name": "户口簿"}, null]}'.encode(), "materials[1].name",
     "第 2 项没有写材料名称"),
    (b'{"name": "a", "department": "b", "materials": 7}', "materials", "应为列表"),
    (b'{"name": "a", "department": "b", "steps": [{"name": ["x"]}]}', "steps[0].name", "应为文字"),
    (b'{"name": "a", "department": "b", "statutory_days": -3}', "statutory_days", "不小于 0"),
    (b'{"name": "a", "department": "b", "visits": true}', "visits", "整数"),
    (b'{"name": "a", "department": "b", "fee": {}}', "fee", "应为文字"),
    ('{"name": "a", "department": "b", "visits": "视情况"}'.encode(), "visits", "看不出要跑几次"),
])
def test_an_unreadable_value_is_a_finding_on_its_guide(data: bytes, path: str, words: str) -> None:
    good = json.dumps(CLEAN, ensure_ascii=False).encode()
    guides = load_guides(b"[" + good + b"," + data + b"," + good + b"]", file="g.json")
    assert len(guides) == 3
    found = check_guides(guides)
    assert [f for f in found if f.guide_index != 1] == []  # the good guides around it are checked as usual
    [f] = [f for f in found if f.kind == "unreadable_value"]
    assert (f.guide_index, f.where, f.checklist) == (1, path, "1.1")
    assert words in f.message


def test_a_material_given_as_one_object_is_read_as_a_list_of_one() -> None:
    [g] = load_guides(b'[{"name": "a", "department": "b", "materials": {"name": "x"}}]', file="g.json")
    assert g.materials == (Material("x"),) and g.faults == ()


def test_it_names_the_line_and_column_of_a_syntax_error_in_an_array() -> None:
    with pytest.raises(GuideInputError) as info:
        load_guides(b'[\n  {"name": "a",\n   "department": }\n]', file="g.json")
    assert (info.value.row, info.value.column) == (3, "18")  # 3 spaces, "department": (13), a space, then }


@pytest.mark.parametrize("guide", [
    raw(),
    raw(conditions="受理条件写成一段", legal_basis="一条依据", steps=None, materials=None),
    raw(code=None, source=None, visits="1次", statutory_days=20, promised_days=3.5, fee=10),
    raw(phone=None, fee_basis=None, visits=0),
])
def test_the_fast_and_the_lenient_reader_agree(guide: dict[str, Any]) -> None:
    data = _bytes([guide, guide])
    assert load_guides(data, file="g.json") == load_guides_lenient(data, file="g.json")
    lines = _bytes(guide) + b"\n" + _bytes(guide)
    assert load_guides(lines, file="g.jsonl") == load_guides_lenient(lines, file="g.jsonl")


def test_null_values_read_as_empty() -> None:
    d = raw(fee_basis=None)
    d["fee_basis"] = None
    d["materials"][0]["sample"] = None
    [g] = load_guides(_bytes([d]), file="g.json")
    assert (g.fee_basis, g.materials[0].sample) == ("", "")


@pytest.mark.parametrize(("data", "file"), [
    ('{"A1": "食品经营许可证核发", "B2": "药品零售许可"}'.encode(), "c.json"),
    ('[{"code": "A1", "name": "食品经营许可证核发"}, {"事项编码": "B2", "事项名称": "药品零售许可"}]'.encode(), "c.json"),
    ("事项编码,事项名称\nA1,食品经营许可证核发\nB2,药品零售许可\n".encode("gbk"), "c.csv"),
])
def test_it_reads_a_standard_catalogue(data: bytes, file: str) -> None:
    assert load_standard(data, file=file) == {"A1": "食品经营许可证核发", "B2": "药品零售许可"}


@pytest.mark.parametrize("data", [b'{"A1": ""}', b'[{"code": "A1"}]', b'[1]', b'{"A1": 3}'])
def test_it_refuses_a_broken_catalogue(data: bytes) -> None:
    with pytest.raises(InputError):
        load_standard(data, file="c.json")
