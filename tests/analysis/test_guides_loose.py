"""Real exports read through structs made for their keys (loose.py) give the lenient reader's guides."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.common import InputError
from analysis.guides import load_guides
from analysis.guides.lenient import GUIDE_ALIASES, MATERIAL_ALIASES, STEP_ALIASES
from analysis.guides.loader import load_guides_lenient
from analysis.guides.loose import Fallback, read_loose

EXPORT: dict[str, Any] = {
    "事项编码": 11341321000001, "事项名称": "食品经营许可證核发", "实施主体": "县市场监督管理局", "发布来源": "县政务服务网",
    "设定依据": "《中华人民共和国食品安全法》第三十五条", "受理条件": "1.申请人具有完全民事行为能力；2.有经营场所",
    "申请材料": [
        {"材料名称": "食品经营许可申请书", "是否必需": "是", "份数": 1, "来源渠道": "申请人自备", "空白表格": "", "示范文本": None,
         "材料要求": "以当地规定为准"},
        "营业执照复印件",
        None,
        {"材料名称": "", "材料要求": "原件1份"},
        {"材料名称": "法定代表人身份证明", "是否必需": 0, "份数": "原件1份，复印件1份"},
    ],
    "办理流程": [{"环节名称": "受理", "办理内容": "镇便民服务站", "办理时限": "1个工作日"}, None,
             {"环节名称": "决定", "办理内容": "作出决定", "办理时限": 2.5}],
    "法定办结时限": "２０（工作日）", "承诺办结时限": "自受理之日起5个工作日", "收费标准": 0, "到办事现场次数": "最多跑一次",
    "咨询电话": "0557-8021234", "监督投诉电话": 12345, "办理地点": "", "到现场原因": None,
}


def _export(**changes: Any) -> dict[str, Any]:
    d = json.loads(json.dumps(EXPORT))
    for k, v in changes.items():
        if v is None:
            d.pop(k, None)
        else:
            d[k] = v
    return d


def _agree(data: bytes, file: str = "g.json") -> list[Any]:
    loose = read_loose(data, file)
    assert loose == load_guides_lenient(data, file=file)
    assert load_guides(data, file=file) == loose
    return loose


def test_a_real_export_is_read_as_the_lenient_reader_reads_it() -> None:
    guides = _agree(json.dumps([EXPORT, _export(事项名称="另一事项")], ensure_ascii=False).encode())
    g = guides[0]
    assert g.code == "11341321000001" and g.name == "食品经营许可證核发" and not g.conditions_is_list
    assert [m.name for m in g.materials] == ["食品经营许可申请书", "营业执照复印件", "", "", "法定代表人身份证明"]
    assert [m.required for m in g.materials] == [True, None, None, None, False]
    assert g.steps[1].name == "" and g.steps[2].days == 2.5
    assert g.statutory_days is not None and g.statutory_days.value == 20 and g.visits == 1 and g.fee == "0"


@pytest.mark.parametrize("odd", [
    pytest.param(_export(名称="别名", 事项名称=None), id="another key for the name"),
    pytest.param({**_export(), "名称": "第二个名称"}, id="two keys for the name: the first wins"),
    pytest.param(_export(序号=7, 备注={"x": [1, 2]}), id="keys that name no field"),
    pytest.param(_export(法定办结时限=-3), id="a negative time limit"),
    pytest.param(_export(到办事现场次数=1.5), id="a fraction of a visit"),
    pytest.param(_export(申请材料=[{"材料名称": "申请书", "是否必需": "也许"}]), id="是否必需 nobody can read"),
    pytest.param(_export(申请材料=[{"材料名称": "申请书", "是否必需": " 是 "}]), id="是否必需 with spaces"),
    pytest.param(_export(申请材料=[{"名称": "申请书", "份数": 1.0}]), id="another key for a material's name"),
    pytest.param(_export(申请材料={"材料名称": "申请书"}), id="one material written without its list"),
    pytest.param(_export(申请材料=5), id="a number for the materials"),
    pytest.param(_export(事项名称=""), id="no name"),
    pytest.param(_export(实施主体=True), id="a yes/no for the department"),
    pytest.param(_export(办理流程=[{"环节名称": "受理", "办理时限": [1]}]), id="a list for a step's days"),
    pytest.param(_export(设定依据=["《条例》", 3, None]), id="a number and a null among the legal bases"),
])
def test_a_record_unlike_the_first_is_read_as_the_lenient_reader_reads_it(odd: dict[str, Any]) -> None:
    _agree(json.dumps([EXPORT, odd, EXPORT], ensure_ascii=False).encode())


def test_json_lines_keep_their_line_numbers() -> None:
    lines = [json.dumps(EXPORT, ensure_ascii=False), "", json.dumps(_export(序号=2), ensure_ascii=False)]
    guides = _agree("\n".join(lines).encode(), file="g.jsonl")
    assert [g.line for g in guides] == [1, 3]


@pytest.mark.parametrize("data", [
    b'{"guides": [{"name": "a", "department": "b"}]}',  # one object: the lenient reader unwraps it
    '[{"事项名称": "a", "实施主体": "b", "收费标准": NaN}]'.encode(),  # JSON only Python's json reads
    '[{"事项名称": "\\ud800", "实施主体": "b"}]'.encode(),  # a lone surrogate
    "[{\"事项名称\": \"食品\", \"实施主体\": \"局\"}]".encode("gbk"),  # not UTF-8
    b'[{"name": "a", "department": "b"}, 3]',  # a record that is no object: the lenient reader's error
    b"[1, 2",
])
def test_what_only_the_lenient_reader_reads_is_left_to_it(data: bytes) -> None:
    with pytest.raises(Fallback):
        read_loose(data, "g.json")


KEYS = st.sampled_from(sorted(GUIDE_ALIASES) + ["name", "department", "materials", "steps", "visits", "序号"])
MATERIAL_KEYS = st.sampled_from(sorted(MATERIAL_ALIASES) + ["name", "required", "copies", "x"])
STEP_KEYS = st.sampled_from(sorted(STEP_ALIASES) + ["days", "description"])
VALUE = (st.none() | st.booleans() | st.integers(-3, 10**20) | st.floats(allow_nan=False)
         | st.sampled_from(["是", "否", " 是", "", "20个工作日", "即办", "1次", "其他材料", "x"]) | st.text(max_size=4))
# records like the export above, with a few keys added or changed to anything
MATERIAL = st.dictionaries(MATERIAL_KEYS, VALUE, max_size=3).map(lambda c: {"材料名称": "申请书", "是否必需": "是", **c})
STEP = st.dictionaries(STEP_KEYS, VALUE, max_size=3).map(lambda c: {"环节名称": "受理", "办理内容": "审查", **c})
ENTRIES = st.lists(MATERIAL | STEP | VALUE, max_size=3)
RECORD = st.tuples(st.dictionaries(KEYS, VALUE | ENTRIES | MATERIAL, max_size=3), st.lists(MATERIAL, max_size=3),
                   st.lists(STEP, max_size=3)).map(lambda t: {**_export(申请材料=t[1], 办理流程=t[2]), **t[0]})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RECORD, max_size=4), st.booleans())
def test_any_records_read_alike_on_both_paths(records: list[dict[str, Any]], lines: bool) -> None:
    if lines:
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    else:
        data = json.dumps(records, ensure_ascii=False).encode()
    try:
        expected: Any = load_guides_lenient(data, file="h.json")
    except InputError as exc:
        expected = exc.to_dict()
    try:
        got: Any = load_guides(data, file="h.json")
    except InputError as exc:
        got = exc.to_dict()
    assert got == expected
