"""missing_blank_form / missing_sample (1.1): forms the applicant fills in need both."""

from __future__ import annotations

import pytest

from tests.analysis.guides_support import check, of_kind, with_material

FILL_IN = [
    "申请书",
    "食品经营许可申请书",
    "不动产登记申请表",
    "个体工商户开业登记申请书",
    "信用承诺书",
    "授权委托书",
    "变更登记表",
    "报名表",
    "单位基本信息表",
    "人员基本情况表",
    "建设项目审批表",
    "行政复议申请书",
    "告知承诺书",
    "知情同意书",
    "《社会团体成立登记申请表》",
    "申请人声明",
    "设立登记申请书（原件）",
    "从业人员信息采集表",
]
NOT_FILLED_IN = [
    "营业执照",
    "居民身份证",
    "户口簿",
    "结婚证",
    "不动产权证书",
    "房屋租赁合同",
    "检测报告",
    "审计报告",
    "验资报告",
    "民事判决书",
    "行政许可决定书",
    "医疗机构设置批准书",
    "毕业证书",
    "公证书",
    "法定代表人身份证明",
    "申请人身份证明",
    "申请材料清单",
    "资产负债表",
    "成绩单",
    "原登记申请书复印件",
    "环境影响报告表",
    "检验报告单",
    "申请人代表身份证",
    "司法鉴定意见书",
    "可行性研究报告",
]


@pytest.mark.parametrize("name", FILL_IN)
def test_it_flags_a_fill_in_form_without_blank_form_or_sample(name: str) -> None:
    found = check(with_material(name=name, blank_form="", sample=""))
    [form] = of_kind(found, "missing_blank_form")
    [sample] = of_kind(found, "missing_sample")
    assert (form.where, sample.where) == ("materials[3].blank_form", "materials[3].sample")
    assert form.text == sample.text == name
    assert form.checklist == sample.checklist == "1.1"
    assert "空白表格" in form.message and "示范文本" in sample.message


@pytest.mark.parametrize("name", NOT_FILLED_IN)
def test_it_asks_nothing_of_documents_others_issue(name: str) -> None:
    found = check(with_material(name=name, blank_form="", sample=""))
    assert of_kind(found, "missing_blank_form") == of_kind(found, "missing_sample") == []


@pytest.mark.parametrize(("blank_form", "sample", "kinds"), [
    ("申请表.docx", "", ["missing_sample"]),
    ("", "示范文本.pdf", ["missing_blank_form"]),
    ("申请表.docx", "示范文本.pdf", []),
    ("无", "暂无", ["missing_blank_form", "missing_sample"]),
    ("—", "/", ["missing_blank_form", "missing_sample"]),
])
def test_it_reports_only_what_is_missing(blank_form: str, sample: str, kinds: list[str]) -> None:
    found = check(with_material(name="不动产登记申请表", blank_form=blank_form, sample=sample))
    assert [f.kind for f in found] == kinds


@pytest.mark.parametrize("name", ["情况说明", "书面申请", "申请报告", "未按时申报出生登记的情况说明"])
def test_it_asks_no_form_of_free_text_the_applicant_writes(name: str) -> None:
    # both findings or neither: free text has no blank form, so no sample is asked either
    assert check(with_material(name=name, blank_form="", sample="")) == []


@pytest.mark.parametrize("origin", ["政府部门核发", "中介机构出具"])
def test_it_asks_nothing_of_a_form_another_body_issues(origin: str) -> None:
    assert check(with_material(name="准予登记审批表", origin=origin)) == []
