"""The xlsx template for proof catalogues: a "proofs" sheet and an "items" sheet, Chinese headers.

proofs: 证明编号 · 证明名称 · 开具单位 · 前置证明 · 设定依据 · 共享数据源
items:  事项编号 · 事项名称 · 实施部门 · 所需证明
Several ids in one cell are separated by 、 , ， ; ； or spaces. The sheets may also be named
证明 / 事项, and the English field names work as headers too.
"""

from __future__ import annotations

import io
import re
from typing import Any

from analysis.common import InputError
from analysis.tabular import Column, Table, read_table

from .loader import build_catalog, check_shared_source, unique_ids
from .model import SHARED_SOURCES, Item, Proof, ProofCatalog

PROOF_COLUMNS = (
    Column("id", ("证明编号", "编号")),
    Column("name", ("证明名称", "名称")),
    Column("issuer", ("开具单位", "出具单位")),
    Column("requires", ("前置证明", "需先提供的证明"), required=False),
    Column("basis", ("设定依据", "法律依据"), required=False),
    Column("shared_source", ("共享数据源", "共享来源"), required=False),
)
ITEM_COLUMNS = (
    Column("id", ("事项编号", "编号")),
    Column("name", ("事项名称", "名称")),
    Column("department", ("实施部门", "实施主体", "索要单位")),
    Column("requires", ("所需证明", "要求的证明"), required=False),
)
SHEETS = {"proofs": ("proofs", "证明"), "items": ("items", "事项")}
_SPLIT = re.compile(r"[、,，;；\s]+")


def catalog_from_xlsx(data: bytes, *, file: str) -> ProofCatalog:
    """Read the template (or any workbook with those two sheets and headers)."""
    names = _sheet_names(data, file)
    if not any(n.strip().lower() in SHEETS["proofs"] for n in names):
        published = _published_table(data, file, names)
        if published is not None:
            return published
    tables: dict[str, Table] = {}
    for section, columns in (("proofs", PROOF_COLUMNS), ("items", ITEM_COLUMNS)):
        sheet = next((n for n in names if n.strip().lower() in SHEETS[section]), None)
        if sheet is None:
            raise InputError(f"找不到工作表“{SHEETS[section][0]}”或“{SHEETS[section][1]}”"
                             f"（现有：{'、'.join(names)}）", file=file)
        tables[section] = read_table(data, file=file, columns=columns, sheet=sheet)
    labels = {"proofs": {c.name: c.aliases[0] for c in PROOF_COLUMNS},
              "items": {c.name: c.aliases[0] for c in ITEM_COLUMNS}}

    def locate(section: str, index: int, column: str | None) -> tuple[str, dict[str, Any]]:
        t = tables[section]
        col = labels[section].get(column or "", column)
        return "", {"file": file, "sheet": t.sheet, "row": t.row_numbers[index], "column": col}

    def need(section: str, index: int, row: dict[str, str], key: str) -> str:
        value = row.get(key, "").strip()
        if not value:
            raise InputError(f"{labels[section][key]}不能为空", **locate(section, index, key)[1])
        return value

    proofs: list[Proof] = []
    for i, row in enumerate(tables["proofs"].rows):
        try:
            shared = check_shared_source(row.get("shared_source"))
        except ValueError as exc:
            raise InputError(str(exc), **locate("proofs", i, "shared_source")[1]) from None
        proofs.append(Proof(id=need("proofs", i, row, "id"), name=need("proofs", i, row, "name"),
                            issuer=need("proofs", i, row, "issuer"), requires=_ids(row.get("requires", "")),
                            basis=row.get("basis", "").strip(), shared_source=shared))
    items = [Item(id=need("items", i, row, "id"), name=need("items", i, row, "name"),
                  department=need("items", i, row, "department"), requires=_ids(row.get("requires", "")))
             for i, row in enumerate(tables["items"].rows)]
    return build_catalog(proofs, items, file=file, locate=locate)


def _published_table(data: bytes, file: str, names: list[str]) -> ProofCatalog | None:
    """A published list (保留证明事项清单) on one sheet: the first sheet with a header row — under a
    title and a 单位（盖章） line, possibly split over two rows by merged cells — naming 证明名称."""
    from analysis.tabular import read_grid

    from .published import COLUMNS, catalog_from_rows

    labels = {"".join(a.split()): f for f, aliases in COLUMNS.items() for a in aliases}
    for sheet in names:
        grid, sheet_name = read_grid(data, file=file, sheet=sheet)
        head = next((r for r in range(min(len(grid), 12))
                     if any(labels.get("".join(c.split())) == "name" for c in grid[r])), None)
        if head is None:
            continue
        fields: dict[int, str] = {}
        for r in (head, head + 1):
            if r >= len(grid):
                break
            for c, cell in enumerate(grid[r]):
                f = labels.get("".join(cell.split()))
                if f is not None and f not in fields.values():
                    fields.setdefault(c, f)
        first = head + 2 if head + 1 < len(grid) and any(
            labels.get("".join(c.split())) for c in grid[head + 1]) else head + 1
        rows, numbers = [], []
        for r in range(first, len(grid)):
            row = {f: grid[r][c] if c < len(grid[r]) else "" for c, f in fields.items()}
            if any(v.strip() for v in row.values()):
                rows.append(row)
                numbers.append(r + 1)

        def where(index: int, field: str | None, numbers: list[int] = numbers,
                  sheet_name: str | None = sheet_name) -> dict[str, Any]:
            return {"file": file, "sheet": sheet_name, "row": numbers[index] if index < len(numbers) else None,
                    "column": COLUMNS[field][0] if field else None}

        return catalog_from_rows(rows, file=file, where=where)
    return None


def _ids(cell: str) -> tuple[str, ...]:
    return unique_ids([x for x in _SPLIT.split(cell.strip()) if x])


def _sheet_names(data: bytes, file: str) -> list[str]:
    from python_calamine import CalamineWorkbook

    try:
        return list(CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except Exception as exc:  # calamine raises several types for a broken file
        raise InputError(f"无法读取电子表格：{exc}", file=file) from exc


def catalog_template_xlsx() -> bytes:
    """An empty template with one example row per sheet and a 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "proofs"
    ws.append([c.aliases[0] for c in PROOF_COLUMNS])
    ws.append(["P001", "房屋所有权证明", "县不动产登记中心", "P002", "《不动产登记暂行条例》第二十条", "电子证照库"])
    ws.append(["P002", "土地使用权证明", "县自然资源局", "", "《中华人民共和国土地管理法》第十二条", ""])
    dv = DataValidation(type="list", formula1='"' + ",".join(SHARED_SOURCES) + '"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("F2:F5000")
    items = wb.create_sheet("items")
    items.append([c.aliases[0] for c in ITEM_COLUMNS])
    items.append(["S001", "二手房交易登记", "县住建局", "P001"])
    for sheet, widths in ((ws, (12, 24, 22, 18, 36, 14)), (items, (12, 24, 18, 24))):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col, width in zip("ABCDEF", widths, strict=False):
            sheet.column_dimensions[col].width = width
        sheet.freeze_panes = "A2"
    notes = wb.create_sheet("说明")
    for line in (
        "证明事项目录模板（proofs：证明；items：办事事项）",
        "证明编号、事项编号：全表唯一；前置证明、所需证明：填写证明编号，多个用顿号或逗号分隔",
        "前置证明：开具本证明前，开具单位要求群众先提供的证明",
        "设定依据：法律、法规或规章的名称和条款；留空表示无设定依据（建议取消）",
        f"共享数据源：{'、'.join(SHARED_SOURCES)}，或留空",
        "示例行可删除",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 90
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
