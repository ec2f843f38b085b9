"""Arbitrary JSON and arbitrary text never crash the checker: only findings or an InputError."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.common import InputError
from analysis.guides import check_guides, load_guides
from analysis.guides.loader import GUIDE_KEYS, load_guides_lenient
from analysis.guides.rules.catch_all import find_catch_all
from analysis.guides.rules.phones import phones_in
from analysis.guides.rules.steps import is_chain
from analysis.guides.values import parse_days, parse_visits
from tests.analysis.guides_support import CLEAN, raw

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like guides: Chinese words the rules react to, digits, dashes, punctuation.
WORDS = st.sampled_from(["其他", "其它", "材料", "等", "相关", "规定", "认为", "需要", "申请书", "申请表", "承诺书",
                         "——", "→", "-", "0557", "8828006", "12345", "个工作日", "次", "元", "不收费", "无", "、",
                         "，", "。", "（", "）", " ", "\n", "受理", "审核"])
GUIDE_TEXT = st.lists(st.one_of(WORDS, st.text(max_size=4)), max_size=12).map("".join)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | GUIDE_TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(sorted(GUIDE_KEYS) + ["required", "blank_form", "sample", "description", "days",
                                              "事项名称", "材料名称", "x"]) | st.text(max_size=3),
        children, max_size=6),
    max_leaves=25,
)


def _run(data: bytes) -> None:
    try:
        guides = load_guides(data, file="h.json")
    except InputError as exc:
        assert exc.file == "h.json" and exc.message
        return
    for f in check_guides(guides):
        assert f.kind and f.checklist and f.message and len(f.fingerprint) == 32
        json.dumps(f.to_dict(), ensure_ascii=False)
        ev = f.evidence
        if "start" in ev:
            assert ev["context"][ev["start"]:ev["end"]] == f.text


@SETTINGS
@given(JSON)
def test_arbitrary_json_gives_findings_or_an_input_error(value: Any) -> None:
    _run(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    _run(json.dumps([value], ensure_ascii=False).encode("utf-8"))


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(GUIDE_KEYS)), JSON, max_size=8))
def test_arbitrary_values_in_a_guide_give_findings_or_an_input_error(changes: dict[str, Any]) -> None:
    _run(json.dumps([{**CLEAN, **changes}], ensure_ascii=False).encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_findings_or_an_input_error(data: bytes) -> None:
    _run(data)


TEXT_FIELDS = ["name", "department", "code", "source", "fee", "fee_basis", "location", "hours", "phone",
               "supervision_phone", "visits_reason", "statutory_days", "promised_days", "visits", "conditions"]


@SETTINGS
@given(st.dictionaries(st.sampled_from(TEXT_FIELDS), GUIDE_TEXT, max_size=6),
       st.lists(st.fixed_dictionaries({"name": GUIDE_TEXT.filter(bool)},
                                      optional={"blank_form": GUIDE_TEXT, "sample": GUIDE_TEXT,
                                                "origin": GUIDE_TEXT, "required": st.booleans()}), max_size=4),
       st.lists(st.fixed_dictionaries({}, optional={"name": GUIDE_TEXT, "description": GUIDE_TEXT}), max_size=4))
def test_arbitrary_text_in_every_field_never_crashes(fields: dict[str, str], materials: list[dict[str, Any]],
                                                      steps: list[dict[str, Any]]) -> None:
    _run(json.dumps([raw(**fields, materials=materials, steps=steps)], ensure_ascii=False).encode("utf-8"))


@SETTINGS
@given(st.lists(st.fixed_dictionaries(
    {"name": GUIDE_TEXT.filter(str.strip), "department": GUIDE_TEXT.filter(str.strip)},
    optional={"code": GUIDE_TEXT | st.integers(0, 10**9), "fee": GUIDE_TEXT | st.integers(0, 100),
              "statutory_days": GUIDE_TEXT | st.integers(0, 60) | st.floats(0, 60),
              "visits": GUIDE_TEXT | st.integers(0, 5) | st.none(), "conditions": GUIDE_TEXT | st.lists(GUIDE_TEXT),
              "materials": st.lists(st.fixed_dictionaries({"name": GUIDE_TEXT.filter(bool)},
                                                          optional={"copies": st.integers(0, 3) | GUIDE_TEXT})),
              "steps": st.lists(st.fixed_dictionaries({"name": GUIDE_TEXT},
                                                      optional={"days": st.integers(0, 9) | GUIDE_TEXT}))}),
    max_size=3))
def test_the_fast_reader_and_the_lenient_reader_agree(guides: list[dict[str, Any]]) -> None:
    data = json.dumps(guides, ensure_ascii=False).encode("utf-8")
    assert load_guides(data, file="h.json") == load_guides_lenient(data, file="h.json")


@SETTINGS
@given(st.text(max_size=60) | GUIDE_TEXT)
def test_the_text_readers_take_any_string(text: str) -> None:
    for start, end in find_catch_all(text, is_name=True) + find_catch_all(text, is_name=False):
        assert 0 <= start < end <= len(text)
    for p in phones_in(text):
        assert text[p.start:p.end] == p.text
    is_chain(text)
    parse_days(text)
    parse_visits(text)
