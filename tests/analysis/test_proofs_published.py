"""Proof lists as counties publish them (issue 15): 保留证明事项清单 with no prerequisite column.

Wording paraphrased from published lists: 赤壁市司法局《2023年赤壁市保留证明事项清单》 (open-ended
proof names, 经营者 as issuer, item names as proof names, a purpose repeated down the rows), the
民政部等六部门 list of proofs 村(居)委会 should no longer issue, and county guides for 低保, 户口, 不动产.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from openpyxl import Workbook

from analysis.common import InputError
from analysis.proofs import analyze, catalog_from_xlsx, load_catalog
from analysis.proofs.cli import main


def _row(name: str, issuer: str = "县公安局", **extra: Any) -> dict[str, Any]:
    return {"证明名称": name, "开具单位": issuer, "索要单位": extra.pop("demanded_by", "县民政局"),
            "设定依据": extra.pop("basis", "《社会救助暂行办法》第十一条"), **extra}


def _analyze(*rows: dict[str, Any]) -> Any:
    data = json.dumps([{"序号": i + 1, **r} for i, r in enumerate(rows)], ensure_ascii=False).encode()
    return analyze(load_catalog(data, file="清单.json"))


def _kinds(report: Any, kind: str) -> list[Any]:
    return [f for f in report.findings if f.kind == kind]


def test_a_published_list_is_read_and_says_it_gives_no_prerequisites(capsys: pytest.CaptureFixture[str],
                                                                   tmp_path: Any) -> None:
    report = _analyze(_row("居民户口簿", purpose="最低生活保障审核确认"), _row("残疾人证", "县残联", purpose="最低生活保障审核确认"))
    s = report.summary
    assert s["prerequisites_given"] is False and s["not_checked"] == ["circular_proof", "duplicate_proof:chain"]
    assert "没有列出任何前置证明" in s["note"]
    [item] = report.items
    assert (item.name, item.department, item.proofs_total, item.issuers_total) == ("最低生活保障审核确认", "县民政局", 2, 2)
    path = tmp_path / "清单.json"
    path.write_text(json.dumps([_row("居民户口簿")], ensure_ascii=False), encoding="utf-8")
    main(["analyze", str(path)])
    assert "注意：本清单没有列出任何前置证明" in capsys.readouterr().out


def test_a_catalogue_with_prerequisites_says_nothing_of_the_kind() -> None:
    data = {"proofs": [{"id": "P1", "name": "a", "issuer": "x", "requires": ["P2"], "basis": "b"},
                       {"id": "P2", "name": "b", "issuer": "y", "basis": "b"}], "items": []}
    s = analyze(load_catalog(json.dumps(data).encode(), file="c.json")).summary
    assert s["prerequisites_given"] is True and s["note"] == "" and s["not_checked"] == []


def test_a_published_workbook_with_a_title_and_a_two_row_header_is_read() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["2023年某县保留证明事项清单"])
    ws.append(["单位（盖章）：县司法局"])
    ws.append(["序号", "证明名称", "证明用途", "设定依据", "实施基本情况", None])
    ws.append([None, None, None, None, "索要单位", "开具单位"])
    ws.append([1, "符合规定条件的有关材料", "烟花爆竹经营许可", "《烟花爆竹安全管理条例》第十九条", "县应急管理局", "经营者"])
    ws.append([2, "出生医学证明", "户口登记", "《户口登记条例》第七条", "县公安局", "县卫生健康局"])
    buf = io.BytesIO()
    wb.save(buf)
    catalog = catalog_from_xlsx(buf.getvalue(), file="清单.xlsx")
    assert [(p.id, p.name, p.issuer, p.demanded_by, p.purpose) for p in catalog.proofs] == [
        ("1", "符合规定条件的有关材料", "经营者", "县应急管理局", "烟花爆竹经营许可"),
        ("2", "出生医学证明", "县卫生健康局", "县公安局", "户口登记")]
    report = analyze(catalog)
    assert {f.kind for f in report.findings} == {"open_ended_proof", "self_issued_proof"}


def test_a_row_without_an_issuer_is_refused_naming_sheet_row_and_column() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["序号", "证明名称", "开具单位", "索要单位"])
    ws.append([1, "出生医学证明", "", "县公安局"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(InputError) as info:
        catalog_from_xlsx(buf.getvalue(), file="清单.xlsx")
    assert (info.value.row, info.value.column) == (2, "开具单位")


OPEN_ENDED = [
    "能够证明符合《烟花爆竹安全管理条例》第十八条规定条件的有关材料",  # 赤壁市 list, row 1
    "符合规定条件的有关材料",
    "符合法定条件的相关证明材料",
    "具备相应条件的证明文件",
    "其他证明材料",
    "相关证明",
    "有关材料",
    "其他相关证明材料",
    "能够证明申请人具备经营条件的材料",
    "身份证明、收入证明等材料",
    "满足规定要求的证明资料",
]
SPECIFIC_PROOFS = [
    "出生医学证明", "居民户口簿", "无犯罪记录证明", "残疾人证", "婚姻登记记录证明", "不动产权属证明",
    "死亡医学证明（推断）书", "疾病诊断证明", "居民身份证", "社会保险参保缴费证明", "离婚判决书",
]


@pytest.mark.parametrize("name", OPEN_ENDED)
def test_an_open_ended_proof_name(name: str) -> None:
    [f] = _kinds(_analyze(_row(name)), "open_ended_proof")
    assert (f.checklist, f.subject, f.key) == ("2.1", "县民政局", ("proof", "1"))


@pytest.mark.parametrize("name", SPECIFIC_PROOFS)
def test_a_specific_proof_name_is_not_open_ended(name: str) -> None:
    assert _kinds(_analyze(_row(name)), "open_ended_proof") == []


SELF_ISSUERS = ["经营者", "申请人", "本人", "申请人本人", "当事人", "申请单位", "申请企业", "申请人自行出具", "个人", "申报人"]
OTHER_ISSUERS = ["县公安局", "村民委员会", "居民委员会", "县卫生健康局", "用人单位", "医疗机构", "县民政局",
                 "申请人所在单位", "县不动产登记中心", "人民法院"]


@pytest.mark.parametrize("issuer", SELF_ISSUERS)
def test_a_proof_the_applicant_issues_is_self_issued_and_pledged(issuer: str) -> None:
    report = _analyze(_row("家庭收入情况说明", issuer))
    [f] = _kinds(report, "self_issued_proof")
    assert "告知承诺" in f.message and f.evidence["recommendation"] == "告知承诺"
    assert report.proofs[0].recommendation == "告知承诺" and "自我证明" in report.proofs[0].reason


@pytest.mark.parametrize("issuer", OTHER_ISSUERS)
def test_a_proof_another_body_issues_is_not_self_issued(issuer: str) -> None:
    assert _kinds(_analyze(_row("家庭收入情况说明", issuer)), "self_issued_proof") == []


def test_a_pledge_the_applicant_signs_is_already_the_remedy() -> None:
    assert _kinds(_analyze(_row("信息真实性告知承诺书", "申请人")), "self_issued_proof") == []


ITEM_NAMES = [
    "危险化学品（不含仓储）经营许可证变更核发",  # 赤壁市 list, row 2
    "危险化学品经营许可证延期核发",
    "结婚登记",
    "最低生活保障审批",
    "户口迁移",
    "个体工商户设立登记",
    "建筑工程施工许可",
    "城乡居民养老保险待遇申领",
    "不动产首次登记",
    "社会保险登记变更",
]
PROOF_NAMES = [
    "危险化学品经营许可证", "结婚证", "婚姻登记记录证明", "户口迁移证", "准予迁入证明", "营业执照",
    "建筑工程施工许可证", "社会保险登记证", "不动产登记证明", "低保审批表", "死亡证明",
]


@pytest.mark.parametrize("name", ITEM_NAMES)
def test_a_proof_named_like_an_item(name: str) -> None:
    [f] = _kinds(_analyze(_row(name)), "proof_name_is_item")
    assert "办事事项" in f.message


@pytest.mark.parametrize("name", PROOF_NAMES)
def test_a_document_name_is_a_proof(name: str) -> None:
    assert _kinds(_analyze(_row(name)), "proof_name_is_item") == []


def test_a_proof_carrying_a_listed_items_name_in_a_catalogue() -> None:
    data = {"proofs": [{"id": "P1", "name": "低保对象认定", "issuer": "县民政局", "basis": "b"}],
            "items": [{"id": "S1", "name": "低保对象认定", "department": "县医保局", "requires": ["P1"]}]}
    report = analyze(load_catalog(json.dumps(data, ensure_ascii=False).encode(), file="c.json"))
    assert [f.subject for f in _kinds(report, "proof_name_is_item")] == ["县医保局"]


COPIED = [  # (row above, this row): same purpose, another law or another item
    (_row("能够证明符合条件的有关材料", basis="《烟花爆竹安全管理条例》第十九条", purpose="烟花爆竹经营许可"),
     _row("危险化学品经营许可证", basis="《危险化学品经营许可证管理办法》第十四条", purpose="烟花爆竹经营许可")),
    (_row("出生医学证明", basis="《户口登记条例》第七条", purpose="出生登记"),
     _row("死亡医学证明", basis="《殡葬管理条例》第十条", purpose="出生登记")),
    (_row("残疾人证", basis="《残疾人保障法》第十二条", purpose="低保申请"),
     _row("工伤认定决定书", basis="《工伤保险条例》第十七条", purpose="低保申请")),
    (_row("结婚证", item="户口迁入", purpose="办理户口迁移"), _row("毕业证书", item="高校毕业生落户", purpose="办理户口迁移")),
    (_row("房屋租赁合同", item="居住证办理", purpose="用于办理"), _row("营业执照", item="个体户变更", purpose="用于办理")),
    (_row("无犯罪记录证明", basis="《律师法》第五条", purpose="执业许可"),
     _row("学历证书", basis="《教师法》第十一条", purpose="执业许可")),
    (_row("土地使用权证", basis="《土地管理法》第十二条", purpose="不动产登记"),
     _row("建设工程规划许可证", basis="《城乡规划法》第四十条", purpose="不动产登记")),
    (_row("献血证", basis="《献血法》第十四条", purpose="医疗费用减免"),
     _row("优抚对象证", basis="《军人抚恤优待条例》第三十条", purpose="医疗费用减免")),
    (_row("收入证明", item="公租房申请", purpose="住房保障"), _row("户口簿", item="廉租房补贴", purpose="住房保障")),
    (_row("健康证明", basis="《食品安全法》第四十五条", purpose="食品经营许可"),
     _row("消防验收意见", basis="《消防法》第十三条", purpose="食品经营许可")),
]
NOT_COPIED = [
    (_row("居民户口簿", purpose="低保审核确认"), _row("残疾人证", purpose="低保审核确认")),  # same law: one item's proofs
    (_row("出生医学证明", basis="《户口登记条例》第七条", purpose="出生登记"),
     _row("结婚证", basis="《户口登记条例》第七条", purpose="出生登记")),
    (_row("结婚证", item="户口迁入", purpose="办理户口迁移"), _row("户口簿", item="户口迁入", purpose="办理户口迁移")),
    (_row("出生医学证明", purpose="出生登记"), _row("出生医学证明", purpose="出生登记")),  # the same proof twice
    (_row("收入证明", purpose="低保"), _row("财产证明", purpose="临时救助")),  # different purposes
    (_row("收入证明", basis="", purpose="住房保障"), _row("户口簿", basis="", purpose="住房保障")),  # nothing to compare
    (_row("健康证明", basis="《食品安全法》第四十五条", purpose="食品经营许可"),
     _row("从业人员培训证明", basis="《食品安全法》第四十四条", purpose="食品经营许可")),
    (_row("毕业证书", purpose=""), _row("学位证书", purpose="")),
    (_row("结婚证", item="户口迁入"), _row("毕业证书", item="高校毕业生落户")),  # no purpose given
    (_row("土地使用权证", basis="《土地管理法》第十二条；《不动产登记暂行条例》第十四条", purpose="不动产登记"),
     _row("房屋测绘报告", basis="《不动产登记暂行条例》第十六条", purpose="不动产登记")),
]


@pytest.mark.parametrize(("above", "row"), COPIED)
def test_a_purpose_copied_from_the_row_above(above: dict[str, Any], row: dict[str, Any]) -> None:
    [f] = _kinds(_analyze(above, row), "purpose_copied")
    assert f.key == ("purpose", "2") and f.evidence["above"] == "1"


@pytest.mark.parametrize(("above", "row"), NOT_COPIED)
def test_a_purpose_shared_for_one_matter_is_not_copied(above: dict[str, Any], row: dict[str, Any]) -> None:
    assert _kinds(_analyze(above, row), "purpose_copied") == []


def test_fingerprints_of_the_new_kinds_survive_reordering_the_rows() -> None:
    rows = [_row("符合规定条件的有关材料", "经营者"), _row("结婚登记", "县民政局"), _row("居民户口簿")]
    a = {f.fingerprint for f in _analyze(*rows).findings if f.kind != "purpose_copied"}
    data = json.dumps([{"序号": n, **r} for n, r in zip((1, 2, 3), rows, strict=True)][::-1], ensure_ascii=False)
    b = {f.fingerprint for f in analyze(load_catalog(data.encode(), file="清单.json")).findings
         if f.kind != "purpose_copied"}
    assert a == b and len(a) == 3
