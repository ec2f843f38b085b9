"""The xlsx template: written, filled in, read back — the same guides and findings as JSON."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from analysis.common import InputError
from analysis.guides import check_guides, guides_from_xlsx, guides_template_xlsx
from tests.analysis.guides_support import load, raw


def test_the_empty_template_has_the_three_sheets_and_a_help_sheet() -> None:
    wb = load_workbook(io.BytesIO(guides_template_xlsx()))
    assert wb.sheetnames == ["办事指南", "申请材料", "办理流程", "填写说明"]
    assert [c.value for c in wb["申请材料"][1]][:3] == ["指南序号", "材料名称", "是否必需"]
    assert guides_from_xlsx(guides_template_xlsx(), file="t.xlsx") == []


def _faulty() -> list[dict[str, object]]:
    a = raw(phone="8828006", visits=2, visits_reason="", conditions=["年满18周岁", "法律、法规规定的其他条件"])
    a["materials"].append({"name": "其他材料", "required": False})
    a["materials"].append({"name": "变更登记表", "required": True, "blank_form": "", "sample": ""})
    b = raw(source="省政务服务网", name="食品经营许可（新办）", steps=[{"name": "申请——受理——审核"}])
    return [a, b, raw(code="X9", name="老年人优待证办理", department="县民政局")]


def test_a_workbook_gives_the_same_findings_as_the_json_it_was_made_from() -> None:
    guides = load(*_faulty())
    back = guides_from_xlsx(guides_template_xlsx(guides), file="t.xlsx")
    assert [(g.code, g.name, g.source, len(g.materials), len(g.steps)) for g in back] == \
        [(g.code, g.name, g.source, len(g.materials), len(g.steps)) for g in guides]
    assert [m.name for m in back[0].materials] == [m.name for m in guides[0].materials]
    assert back[0].materials[3].required is False
    assert back[0].conditions == guides[0].conditions
    expected = [(f.kind, f.where, f.text, f.fingerprint) for f in check_guides(guides)]
    assert [(f.kind, f.where, f.text, f.fingerprint) for f in check_guides(back)] == expected
    assert expected  # the example does have findings


def _book(guides: list[list[object]], materials: list[list[object]] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "办事指南"
    ws.append(["序号", "事项名称", "实施主体", "咨询电话"])
    for row in guides:
        ws.append(row)
    if materials is not None:
        ms = wb.create_sheet("申请材料")
        ms.append(["指南序号", "材料名称", "是否必需"])
        for row in materials:
            ms.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_hand_made_workbook_with_fewer_columns_is_read() -> None:
    [g] = guides_from_xlsx(_book([[1, "婚姻登记", "县民政局", "8828006"]], [[1, "结婚登记申请表", "是"]]),
                           file="h.xlsx")
    assert (g.name, g.phone, g.materials[0].name, g.materials[0].required) == \
        ("婚姻登记", "8828006", "结婚登记申请表", True)


@pytest.mark.parametrize(("book", "sheet", "row", "column", "words"), [
    (_book([[1, "婚姻登记", "县民政局", ""], [1, "收养登记", "县民政局", ""]]), "办事指南", 3, "序号", "重复"),
    (_book([[1, "婚姻登记", "县民政局", ""]], [[2, "申请表", "是"]]), "申请材料", 2, "指南序号", "不存在"),
])
def test_it_names_the_sheet_row_and_column_of_a_fault(book: bytes, sheet: str, row: int, column: str,
                                                       words: str) -> None:
    with pytest.raises(InputError) as info:
        guides_from_xlsx(book, file="h.xlsx")
    e = info.value
    assert (e.file, e.sheet, e.row, e.column) == ("h.xlsx", sheet, row, column)
    assert words in e.message


def test_it_refuses_a_workbook_without_the_guides_sheet() -> None:
    wb = Workbook()
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(InputError, match="办事指南"):
        guides_from_xlsx(buf.getvalue(), file="h.xlsx")


def test_read_guides_tells_a_workbook_from_json_by_content() -> None:
    from analysis.guides import read_guides

    book = guides_template_xlsx(load(raw()))
    assert [g.name for g in read_guides(book, file="upload")] == ["食品经营许可证核发"]
    assert [g.name for g in read_guides(b'[{"name": "a", "department": "b"}]', file="upload")] == ["a"]


def test_a_cell_it_cannot_read_is_a_finding_naming_sheet_row_and_column() -> None:
    book = _book([[1, "婚姻登记", "县民政局", "0557-8828006"], [2, "", "县民政局", ""]],
                 [[1, "结婚登记申请表", "也许"], [1, "", "是"]])
    guides = guides_from_xlsx(book, file="h.xlsx")
    assert [g.name for g in guides] == ["婚姻登记", ""]
    found = [f for f in check_guides(guides) if f.kind == "unreadable_value"]
    by_where = {(f.guide_index, f.where): f for f in found}
    required = by_where[(0, "materials[0].required")]
    assert "true/false" in required.message and "工作表 申请材料 第 2 行 是否必需" in required.message
    assert "没有写材料名称" in by_where[(0, "materials[1].name")].message
    assert "缺少事项名称" in by_where[(1, "name")].message
