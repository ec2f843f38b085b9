"""catch_all_clause (1.1): materials and conditions that leave the list open."""

from __future__ import annotations

import pytest

from tests.analysis.guides_support import check, of_kind, raw, with_material

# (material name, the words a reader should see marked)
CATCH_ALL_MATERIALS = [
    ("其他材料", "其他材料"),
    ("其它材料", "其它材料"),
    ("其他相关材料", "其他相关材料"),
    ("法律、行政法规规定的其他材料", "其他材料"),
    ("根据有关法律法规规定应提交的其他材料", "其他材料"),
    ("审批机关认为需要的其他材料", "其他材料"),
    ("审批机关认为需要提交的材料", "认为需要提交的材料"),
    ("其他需要提交的材料", "其他需要提交的材料"),
    ("其他必要的证明文件", "其他必要的证明文件"),
    ("其他证明材料", "其他证明材料"),
    ("依法需要提交的其他材料", "其他材料"),
    ("省级以上人民政府规定的其他材料", "其他材料"),
    ("根据审查需要补充提交的相关材料", "根据审查需要补充提交的相关材料"),
    ("视情况提供的材料", "视情况提供的材料"),
    ("法律法规规定应当提交的材料", "规定应当提交的材料"),
    ("营业执照、身份证明等材料", "等材料"),
    ("身份证明、营业执照等相关材料", "等相关材料"),
    ("营业执照、章程等有关资料", "等有关资料"),
    ("身份证、户口簿等", "等"),
    ("其他", "其他"),
    ("2.其他", "其他"),
    ("其他（根据实际情况提供）", "其他"),
    ("身份证及其他", "及其他"),
    ("相关材料", "相关材料"),
    ("有关资料", "有关资料"),
    ("补充材料", "补充材料"),
    ("相关证明材料", "相关证明材料"),
    ("其他材料（如有）", "其他材料"),
    ("其他所需证照", "其他所需证照"),
    ("营业执照等相关证明文件", "等相关证明文件"),
    ("专家评审意见等", "等"),
]

SPECIFIC_MATERIALS = [
    "其他股东的身份证明复印件",
    "其他合伙人签署的委托书",
    "其他共有人同意出售的书面材料",
    "其他家庭成员的户口簿",
    "其他有关部门出具的批准文件",
    "居民身份证或其他有效身份证件",
    "其他有效证件",
    "其他投资人身份证明",
    "其他证明人签字的证明",
    "其他证件号码登记表",
    "申请人身份证明",
    "营业执照副本",
    "中等职业学校毕业证书",
    "高等学校学历证明",
    "残疾等级证明",
    "一等功证明",
    "同等学力证明",
    "相关资质证书",
    "相关人员身份证明",
    "投资人为其他企业的，提交营业执照复印件",
    "除身份证外无需提交其他材料",
    "申请材料真实性承诺书",
    "申请人身份证明（居民身份证、护照等）",
    "房屋所有权证明（房产证、购房合同等有效证明材料）",
    "身份证、户口本等有效证件",
    "其他需要说明的情况",
    "其他单位委托的，需提交委托书",
    "其他资格证书",
    "其他证书编号",
]


@pytest.mark.parametrize(("name", "marked"), CATCH_ALL_MATERIALS)
def test_it_flags_a_catch_all_material(name: str, marked: str) -> None:
    [f] = of_kind(check(with_material(name=name)), "catch_all_clause")
    assert f.where == "materials[3].name"
    assert f.text == marked
    assert f.checklist == "1.1"
    assert f.subject == "县市场监督管理局"
    assert name in f.message
    assert f.marked().replace("【", "").replace("】", "") == name
    assert f"【{marked}】" in f.marked()


@pytest.mark.parametrize("name", SPECIFIC_MATERIALS)
def test_it_leaves_a_specific_material_alone(name: str) -> None:
    assert of_kind(check(with_material(name=name, blank_form="a.docx", sample="b.pdf")), "catch_all_clause") == []


CATCH_ALL_CONDITIONS = [
    ("法律、行政法规规定的其他条件", "其他条件"),
    ("符合法律法规规定的其他条件。", "其他条件"),
    ("具备国家规定的其他条件", "其他条件"),
    ("申请人应当具备法律法规规定的条件", "规定的条件"),
]
SPECIFIC_CONDITIONS = [
    "申请人为其他组织的，应当依法登记",
    "具有与经营规模相适应的场所、设备等",
    "不得要求申请人提交其他材料",
    "年满18周岁，身体健康",
]


@pytest.mark.parametrize(("text", "marked"), CATCH_ALL_CONDITIONS)
def test_it_flags_a_catch_all_condition(text: str, marked: str) -> None:
    [f] = of_kind(check(raw(conditions=["具有完全民事行为能力", text])), "catch_all_clause")
    assert f.where == "conditions[1]"
    assert f.text == marked


@pytest.mark.parametrize("text", SPECIFIC_CONDITIONS)
def test_it_leaves_a_specific_condition_alone(text: str) -> None:
    assert of_kind(check(raw(conditions=[text])), "catch_all_clause") == []


def test_it_quotes_the_clause_of_a_condition_written_as_one_text() -> None:
    text = "1.具有与经营的食品品种相适应的经营场所；2.法律、法规规定的其他条件。"
    [f] = of_kind(check(raw(conditions=text)), "catch_all_clause")
    assert f.where == "conditions"
    assert "“2.法律、法规规定的其他条件”" in f.message
    assert f.marked() == "1.具有与经营的食品品种相适应的经营场所；2.法律、法规规定的【其他条件】。"


def test_it_reports_each_catch_all_material_of_a_guide() -> None:
    d = raw()
    d["materials"] += [{"name": "其他材料"}, {"name": "审批机关认为需要的其他材料"}]
    found = of_kind(check(d), "catch_all_clause")
    assert [f.where for f in found] == ["materials[3].name", "materials[4].name"]
