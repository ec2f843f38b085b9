"""inconsistent_across_sources and nonstandard_name (1.2): 同源发布 and standard names."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analysis.guides_support import check, of_kind, raw

COUNTY, PROVINCE = "县政务服务网", "省政务服务网"


def _across(*guides: dict[str, Any]) -> list[Any]:
    return of_kind(check(*guides), "inconsistent_across_sources")


def test_identical_copies_on_two_sites_are_fine() -> None:
    assert _across(raw(source=COUNTY), raw(source=PROVINCE)) == []


def test_copies_differing_only_in_width_and_spaces_are_fine() -> None:
    assert _across(raw(source=COUNTY, name="食品经营许可（新办）"),
                   raw(source=PROVINCE, name="食品经营许可 (新办)")) == []


def test_it_lists_each_differing_field_with_each_sites_value() -> None:
    province = raw(source=PROVINCE, name="食品经营许可（新办）", promised_days="10个工作日", fee="工本费10元",
                   fee_basis="皖价费〔2017〕12号", visits=2, visits_reason="提交材料、领证")
    province["materials"] = province["materials"][:2]
    [f] = _across(raw(source=COUNTY), province)
    assert f.checklist == "1.2"
    assert f.subject == f.department == "县市场监督管理局"
    assert f.code == "11341321MB0001"
    assert f.source == "县政务服务网、省政务服务网"  # sources in code-point order: 县 (U+53BF) before 省
    diffs = {d["field"]: d["values"] for d in f.evidence["differences"]}
    assert list(diffs) == ["name", "materials", "promised_days", "fee", "visits"]
    assert diffs["name"] == {COUNTY: "食品经营许可证核发", PROVINCE: "食品经营许可（新办）"}
    assert diffs["promised_days"] == {COUNTY: "5个工作日", PROVINCE: "10个工作日"}
    assert diffs["fee"] == {COUNTY: "不收费", PROVINCE: "工本费10元"}
    assert diffs["visits"] == {COUNTY: "1", PROVINCE: "2"}
    only_in = f.evidence["differences"][1]["only_in"]
    assert only_in == {COUNTY: ["法定代表人身份证明"], PROVINCE: []}
    assert "事项名称、申请材料、承诺办结时限、收费标准、到办事现场次数" in f.message
    assert f.where == "name、materials、promised_days、fee、visits"


@pytest.mark.parametrize(("county", "province"), [
    ({"statutory_days": 20}, {"statutory_days": "20个工作日"}),  # a bare number is read as working days too
    ({"fee": "不收费"}, {"fee": "免费"}),
    ({"fee": "0"}, {"fee": "不收费"}),
    ({"visits": 1}, {"visits": "1次"}),
    ({"promised_days": "5个工作日"}, {"promised_days": "5 个工作日"}),
])
def test_the_same_value_written_two_ways_is_not_a_difference(county: dict[str, Any],
                                                               province: dict[str, Any]) -> None:
    assert _across(raw(source=COUNTY, **county), raw(source=PROVINCE, **province)) == []


def test_a_copy_without_code_joins_the_item_with_the_same_department_and_name() -> None:
    [f] = _across(raw(source=COUNTY), raw(source=PROVINCE, code=None, promised_days="15个工作日"))
    assert f.evidence["guides"] == [0, 1]  # one per source, sources in code-point order


def test_copies_without_code_match_by_department_and_normalised_name() -> None:
    a = raw(source=COUNTY, code=None, name="食品经营许可证核发")
    b = raw(source=PROVINCE, code=None, name="食品经营许可证 核发。", visits=0, visits_reason="")
    [f] = _across(a, b)
    assert [d["field"] for d in f.evidence["differences"]] == ["name", "visits"]


def test_same_name_in_another_department_is_another_item() -> None:
    a = raw(source=COUNTY, code=None)
    b = raw(source=PROVINCE, code=None, department="县卫生健康委员会", promised_days="15个工作日")
    assert _across(a, b) == []


def test_two_copies_on_the_same_site_are_not_compared() -> None:
    assert _across(raw(), raw(promised_days="15个工作日")) == []


def test_three_sites_give_one_finding_with_three_values() -> None:
    [f] = _across(raw(source=COUNTY), raw(source=PROVINCE), raw(source="县市场监管局网站", promised_days="3个工作日"))
    [diff] = f.evidence["differences"]
    assert diff["values"] == {COUNTY: "5个工作日", "县市场监管局网站": "3个工作日", PROVINCE: "5个工作日"}


STANDARD = {"11341321MB0001": "食品经营许可证核发"}


@pytest.mark.parametrize(("name", "flagged"), [
    ("食品经营许可证核发", False),
    ("食品经营许可证核发 ", False),
    ("食品经营许可（新办）", True),
    ("食品经营许可证办理", True),
])
def test_it_compares_the_name_with_the_standard_catalogue(name: str, flagged: bool) -> None:
    found = of_kind(check(raw(name=name), standard=STANDARD), "nonstandard_name")
    assert bool(found) is flagged
    if flagged:
        assert (found[0].where, found[0].text, found[0].checklist) == ("name", name, "1.2")
        assert found[0].evidence["standard_name"] == "食品经营许可证核发"


def test_a_code_missing_from_the_catalogue_is_not_judged() -> None:
    assert check(raw(name="别的名字"), standard={"999": "某事项"}) == []
    assert check(raw(code=None, name="别的名字"), standard=STANDARD) == []
