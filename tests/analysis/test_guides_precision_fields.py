"""Precision tables for the field rules, from the wording of published guides (issue 15): fees, phones,
visits, time limits, names — as 不动产登记, 户口, 社会保险, 个体工商户 and 施工许可 guides write them.
Each phrase is paraphrased; the comment names where such wording was read."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analysis.guides_support import check, of_kind, raw

FEES_CHARGED = [  # a fee with no basis given: fee_without_basis
    "住宅类不动产登记收费标准：80元/件",  # 霸州市 不动产首次登记
    "非住宅类不动产登记550元/件",
    "户口簿工本费8元/册",  # 常德 出生登记
    "集体户口簿20元/册",
    "社会保险缴费专用卡工本费20元（由金融机构收取）",  # 上海 社会保险登记
    "开业登记费每户二十元",  # 个体工商户 (foodmate copy of old rules)
    "变更登记每户每次收费十元",
    "补发营业执照每次收费十元",
    "按国家规定标准收取",
    "每增加一页内芯收费2元",
    "工本费：10元",
]
FEES_FREE = [  # nothing charged, or a basis given: no finding
    "不收费", "免费", "免收登记费", "无", "0元", "不收取任何费用", "零收费", "依法免收", "不涉及收费",
    "无需缴费", "本事项不收费",
]


@pytest.mark.parametrize("fee", FEES_CHARGED)
def test_a_fee_without_its_basis(fee: str) -> None:
    [f] = of_kind(check(raw(fee=fee, fee_basis="")), "fee_without_basis")
    assert f.text == fee


@pytest.mark.parametrize("fee", FEES_FREE)
def test_no_fee_needs_no_basis(fee: str) -> None:
    assert of_kind(check(raw(fee=fee, fee_basis="")), "fee_without_basis") == []


@pytest.mark.parametrize("fee", FEES_CHARGED)
def test_a_fee_with_its_basis_is_fine(fee: str) -> None:
    assert of_kind(check(raw(fee=fee, fee_basis="《不动产登记收费标准》发改价格规〔2016〕2559号")), "fee_without_basis") == []


PHONES_BAD = [  # (phone, what is wrong)
    ("8828006", "no_area_code"),  # the county notice's own 督查室 number, as written
    ("联系电话:8828006", "no_area_code"),
    ("8095072", "no_area_code"),
    ("咨询电话：7861579（工作日）", "no_area_code"),
    ("见大厅公示", "no_number"),
    ("详见窗口公示", "no_number"),
    ("电话咨询窗口", "no_number"),
    ("0316-786157", "no_number"),  # a digit short: no dialable number
    ("7839141、0355-7839142", "no_area_code"),
    ("86128006", "no_area_code"),
]
PHONES_GOOD = [
    "0316-7861579",  # 霸州市 不动产 guide
    "0355-7839141",  # 沁源县 人社局
    "0316-12345",
    "咨询监督：0355-7839141",
    "0557-8828006",
    "12345",
    "13912345678",
    "（0316）7861580",
    "0316 7861579",
    "400-810-1234",
]


@pytest.mark.parametrize(("phone", "problem"), PHONES_BAD)
def test_a_consultation_phone_nobody_outside_can_dial(phone: str, problem: str) -> None:
    found = of_kind(check(raw(phone=phone, supervision_phone="0316-7868512")), "bad_phone")
    assert found and {f.evidence["problem"] for f in found} == {problem}


@pytest.mark.parametrize("phone", PHONES_GOOD)
def test_a_phone_anyone_can_dial(phone: str) -> None:
    assert of_kind(check(raw(phone=phone, supervision_phone="0316-7868512")), "bad_phone") == []


VISITS_MANY = [  # more than one visit: too_many_visits
    (2, "提交材料、领取证件"), ("2次", "首次提交材料，再次领取结果"), ("最多到现场2次", "原件预审"),  # 施工许可 guide
    ("两次", "受理和领证"), (3, "提交、勘验、领证"), ("3次", "申请、现场核查、领证"), ("二次", "受理、发证"),
    ("到现场2次", "核验原件、领取证照"), ("4次", "各环节均需到场"), ("两次（受理、发证）", "受理、发证"),
]
VISITS_ONE_OR_NONE = [
    (0, ""), ("0次", ""), ("零跑动", ""), ("不见面审批", ""), ("全程网办", ""), (1, "领证时核验原件"),
    ("1次", "提交纸质材料"), ("最多跑一次", "领取证照"), ("一次", "核验原件"), ("无需到现场", ""),
]


@pytest.mark.parametrize(("visits", "reason"), VISITS_MANY)
def test_more_than_one_visit(visits: Any, reason: str) -> None:
    [f] = of_kind(check(raw(visits=visits, visits_reason=reason)), "too_many_visits")
    assert f.checklist == "1.4"


@pytest.mark.parametrize(("visits", "reason"), VISITS_ONE_OR_NONE)
def test_at_most_one_visit(visits: Any, reason: str) -> None:
    found = check(raw(visits=visits, visits_reason=reason))
    assert of_kind(found, "too_many_visits") == of_kind(found, "visits_without_reason") == []


@pytest.mark.parametrize("visits", [1, "1次", "一次", "最多跑一次", 2, "2次", "两次", "到现场1次", "最多到现场1次",
                                    "1"])
def test_a_visit_without_its_reason(visits: Any) -> None:
    [f] = of_kind(check(raw(visits=visits, visits_reason="")), "visits_without_reason")
    assert f.checklist == "1.4"


STANDARD = {"11341321MB0001": "食品经营许可证核发"}
NONSTANDARD_NAMES = ["食品经营许可", "食品经营许可证办理", "食品经营许可证核发（新办）", "办理食品经营许可证",
                     "食品经营许可证申请", "食品经营许可证的核发", "食品流通许可证核发", "餐饮服务许可证核发",
                     "食品经营许可核发", "食品经营许可证发放"]
STANDARD_NAMES = ["食品经营许可证核发", "食品经营许可证核发 ", "食品经营许可证 核发", "食品经营许可证核发\n",
                  "食品经营许可证核发\u3000", " 食品经营许可证核发", "食品经营许可证\t核发", "食品经营许可证核发",
                  "食品经营许可证\u3000核发", "食品经营许可证核发 "]


@pytest.mark.parametrize("name", NONSTANDARD_NAMES)
def test_a_name_other_than_the_catalogues(name: str) -> None:
    [f] = of_kind(check(raw(name=name), standard=STANDARD), "nonstandard_name")
    assert f.evidence["standard_name"] == "食品经营许可证核发"


@pytest.mark.parametrize("name", STANDARD_NAMES)
def test_the_catalogues_name_up_to_width_and_spaces(name: str) -> None:
    assert of_kind(check(raw(name=name), standard=STANDARD), "nonstandard_name") == []
