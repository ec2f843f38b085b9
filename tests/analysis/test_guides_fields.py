"""missing_field, promised_exceeds_statutory, fee_without_basis (1.1); visits (1.4)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analysis.guides_support import check, of_kind, raw


@pytest.mark.parametrize(("field", "value"), [
    ("legal_basis", None), ("legal_basis", []), ("legal_basis", ["无"]), ("legal_basis", ""),
    ("statutory_days", None), ("statutory_days", ""),
    ("promised_days", None),
    ("fee", None), ("fee", ""),
    ("location", None), ("location", "暂无"),
    ("hours", None), ("hours", "—"),
    ("phone", None), ("phone", ""),
    ("supervision_phone", None),
    ("steps", []),
])
def test_it_reports_a_missing_field(field: str, value: Any) -> None:
    d = raw()
    if value is None:
        del d[field]
    else:
        d[field] = value
    [f] = check(d)
    assert (f.kind, f.checklist, f.where, f.text) == ("missing_field", "1.1", field, "")
    assert f.evidence["field"] == field
    assert f.message.startswith("办事指南未写明")


@pytest.mark.parametrize(("field", "value"), [
    ("fee", "0"), ("fee", "无"), ("fee", 0), ("fee", "免费"),
    ("statutory_days", "无"), ("statutory_days", "无法定时限"), ("statutory_days", 0),
    ("promised_days", "即办"),
    ("legal_basis", "《中华人民共和国行政许可法》"),
])
def test_it_accepts_a_field_that_says_there_is_none(field: str, value: Any) -> None:
    assert of_kind(check(raw(**{field: value})), "missing_field") == []


def test_it_reports_every_missing_field_of_an_empty_guide() -> None:
    found = check({"name": "老年人优待证办理", "department": "县民政局"})
    assert [f.where for f in found] == ["legal_basis", "statutory_days", "promised_days", "fee", "location",
                                       "hours", "phone", "supervision_phone", "steps", "materials", "visits"]


@pytest.mark.parametrize(("promised", "statutory", "exceeds"), [
    ("30个工作日", "20个工作日", True),
    ("二十五个工作日", "二十个工作日", True),
    (30, 20, True),
    ("21", "20个工作日", True),
    ("20个工作日", "20个工作日", False),
    ("5个工作日", "20个工作日", False),
    ("即办", "20个工作日", False),
    ("30日", "20个工作日", False),  # natural days against working days: not comparable
    ("2个月", "90日", False),
    ("4个月", "90日", True),
    ("30个工作日", "无", False),
])
def test_it_compares_promised_with_statutory_days(promised: Any, statutory: Any, exceeds: bool) -> None:
    found = of_kind(check(raw(promised_days=promised, statutory_days=statutory)), "promised_exceeds_statutory")
    assert bool(found) is exceeds
    if exceeds:
        assert found[0].where == "promised_days"
        assert found[0].text == str(promised)


@pytest.mark.parametrize(("fee", "basis", "flagged"), [
    ("工本费10元", "", True),
    ("按国家标准收取", "", True),
    (50, "", True),
    ("每件20元", "无", True),
    ("免费（工本费10元）", "", True),
    ("工本费10元", "《收费标准》皖价费〔2017〕12号", False),
    ("不收费", "", False),
    ("免费", "", False),
    ("0元", "", False),
    ("依法免收", "", False),
])
def test_it_wants_a_basis_for_any_fee(fee: Any, basis: str, flagged: bool) -> None:
    found = of_kind(check(raw(fee=fee, fee_basis=basis)), "fee_without_basis")
    assert bool(found) is flagged
    if flagged:
        assert (found[0].where, found[0].text) == ("fee_basis", str(fee))


@pytest.mark.parametrize(("visits", "reason", "kinds"), [
    (0, "", []),
    ("0次", "", []),
    ("零跑动", "", []),
    (1, "领取证件时核验原件", []),
    (1, "", ["visits_without_reason"]),
    ("1次", "无", ["visits_without_reason"]),
    ("一次", "", ["visits_without_reason"]),
    (2, "提交材料、领取证件", ["too_many_visits"]),
    ("两次", "", ["visits_without_reason", "too_many_visits"]),
    (3, "", ["visits_without_reason", "too_many_visits"]),
])
def test_it_holds_visits_to_at_most_one_with_a_reason(visits: Any, reason: str, kinds: list[str]) -> None:
    found = check(raw(visits=visits, visits_reason=reason))
    assert [f.kind for f in found] == kinds
    assert all(f.checklist == "1.4" for f in found)


def test_a_visit_count_is_quoted_as_written() -> None:
    [f] = of_kind(check(raw(visits="两次", visits_reason="")), "too_many_visits")
    assert (f.where, f.text, f.evidence["visits"]) == ("visits", "两次", 2)
