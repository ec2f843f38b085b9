"""Excel in and out: the unit's fill-in template, the consolidated county tables, and the import.

Exports are laid out for print (A4 landscape, title, header rows, totals, repeated header rows on
every page) and never write a formula: a text starting with = + - @ is stored as text.
Imports take xlsx, xls or CSV (UTF-8/GBK) through analysis.tabular, find the header row below any
title rows, and refuse the whole file with every fault named by sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analysis.common import InputError
from analysis.tabular import _norm_header, read_grid
from wicket.core.xlsx import print_setup

from .tables import (
    BOOL_FIELDS,
    BY_FIELD,
    FALSE_WORDS,
    INT_FIELDS,
    TABLE_TITLES,
    TRUE_WORDS,
    UNIT_COLUMN,
    Col,
    bool_text,
    columns_for,
    kind_labels,
)

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
MAX_ERRORS = 30
FORMULA_STARTS = ("=", "+", "-", "@")

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
FONT = "宋体"


class ImportRefused(InputError):
    """The file does not fit the template: every fault found (each an InputError naming its sheet,
    row and column), nothing stored."""

    def __init__(self, errors: Sequence[InputError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


# ---------------------------------------------------------------- writing

def put(ws: Worksheet, row: int, col: int, value: Any, *, style: str = "cell") -> None:
    """Write a value; text that a spreadsheet would take for a formula stays text."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.value = value
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = value
    cell.font = Font(name=FONT, size=10, bold=style in ("head", "total"))
    cell.border = BORDER
    cell.alignment = CENTER if style in ("head", "center") or isinstance(value, int) else WRAP
    if style == "head":
        cell.fill = HEAD_FILL


def _value(col: Col, row: dict[str, Any]) -> Any:
    value = row.get(col.field, "")
    if col.type == "bool":
        return bool_text(bool(value), col.field)
    if col.type == "kind":
        return row.get("kind_label") or value
    return value


def _title(ws: Worksheet, text: str, subtitle: str, ncols: int) -> int:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    c = ws.cell(row=1, column=1, value=text)
    c.font = Font(name="黑体", size=16, bold=True)
    c.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
    s = ws.cell(row=2, column=1)
    s.value = subtitle
    s.data_type = "s"
    s.font = Font(name=FONT, size=10)
    s.alignment = Alignment(horizontal="left", vertical="center")
    return 2


def write_table_sheet(ws: Worksheet, *, table: str, title: str, subtitle: str,
                      blocks: list[tuple[str, list[dict[str, Any]], str]], with_unit: bool) -> None:
    """A printed table: title, a two-level header, one row per hall, a totals row.

    blocks: (unit name, hall rows, remark for a unit with no rows, e.g. 零报告).
    """
    cols = columns_for(table)
    lead = ["序号"] + (["填报单位"] if with_unit else [])
    ncols = len(lead) + len(cols)
    r = _title(ws, title, subtitle, ncols)
    top, sub = r + 1, r + 2
    merges: list[tuple[int, int, int, int]] = []  # applied last: a merged cell cannot be styled
    for i, label in enumerate(lead, start=1):
        put(ws, top, i, label, style="head")
        put(ws, sub, i, None, style="head")
        merges.append((top, i, sub, i))
    group_start: dict[str, int] = {}
    for j, col in enumerate(cols, start=len(lead) + 1):
        if col.group:
            group_start.setdefault(col.group, j)
            put(ws, top, j, col.group if group_start[col.group] == j else None, style="head")
            put(ws, sub, j, col.label, style="head")
        else:
            put(ws, top, j, col.label, style="head")
            put(ws, sub, j, None, style="head")
            merges.append((top, j, sub, j))
    for group, start in group_start.items():
        end = start + sum(1 for c in cols if c.group == group) - 1
        merges.append((top, start, top, end))
    ws.row_dimensions[top].height = 20
    ws.row_dimensions[sub].height = 30

    r = sub
    n = halls = 0
    totals = {f: 0 for f in (*INT_FIELDS, *BOOL_FIELDS)}
    for unit_name, rows, empty_remark in blocks:
        if not rows and empty_remark:
            r += 1
            n += 1
            values: list[Any] = [n] + ([unit_name] if with_unit else [])
            values += ["" for _ in cols]
            for j, v in enumerate(values, start=1):
                put(ws, r, j, v, style="center" if j == 1 else "cell")
            put(ws, r, ncols, empty_remark)
            continue
        for row in rows:
            r += 1
            n += 1
            halls += 1
            values = [n] + ([unit_name] if with_unit else []) + [_value(c, row) for c in cols]
            for j, v in enumerate(values, start=1):
                put(ws, r, j, v, style="center" if j == 1 or (j > len(lead) and cols[j - len(lead) - 1].type
                                                               in ("bool", "kind")) else "cell")
            for f in INT_FIELDS:
                totals[f] += int(row.get(f) or 0)
            for f in BOOL_FIELDS:
                totals[f] += 1 if row.get(f) else 0
    r += 1
    put(ws, r, 1, "合计", style="total")
    if len(lead) > 1:
        put(ws, r, 2, None, style="total")
        merges.append((r, 1, r, len(lead)))
    for j, col in enumerate(cols, start=len(lead) + 1):
        if col.field in totals:
            put(ws, r, j, totals[col.field], style="total")
        elif col.field == "name":
            put(ws, r, j, f"共 {halls} 个", style="total")
        else:
            put(ws, r, j, None, style="total")
    for a, b, c, d in merges:
        ws.merge_cells(start_row=a, start_column=b, end_row=c, end_column=d)
    widths = [5] + ([16] if with_unit else []) + [c.width for c in cols]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    print_setup(ws, first_header_row=3, last_header_row=4)


def workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def unit_template(*, unit, table: str, rows: list[dict[str, Any]]) -> bytes:
    """The unit's own table to fill in Excel/WPS: one header row (the import reads it back), prefilled."""
    cols = columns_for(table)
    wb = Workbook()
    ws = wb.active
    ws.title = "填报表"
    ncols = len(cols) + 1
    _title(ws, str(TABLE_TITLES[table]), f"填报单位：{unit.name}（类型可填：{'、'.join(kind_labels(table))}；"
                                          f"设施填“有”或“无”；本表整体替换本单位已登记的内容）", ncols)
    header = [UNIT_COLUMN.label] + [c.label for c in cols]
    for j, label in enumerate(header, start=1):
        put(ws, 3, j, label, style="head")
    for i, row in enumerate(rows, start=4):
        for j, v in enumerate([unit.name] + [_value(c, row) for c in cols], start=1):
            put(ws, i, j, v)
    for j, w in enumerate([16] + [c.width for c in cols], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    print_setup(ws, first_header_row=3, last_header_row=3)
    return workbook_bytes(wb)


def round_workbook(*, round_title: str, deadline: dt.datetime, exported_at: dt.datetime,
                   tables: dict[str, list[tuple[str, list[dict[str, Any]], str]]],
                   status_rows: list[list[Any]]) -> bytes:
    """The consolidated county tables (attachments 1 and 2) plus the reporting status, one sheet each."""
    wb = Workbook()
    wb.remove(wb.active)
    subtitle = f"{round_title}　截止时间：{deadline:%Y-%m-%d %H:%M}　导出时间：{exported_at:%Y-%m-%d %H:%M}"
    for table, name in (("town", "附件1 镇(园区)"), ("department", "附件2 县直部门")):
        ws = wb.create_sheet(name)
        write_table_sheet(ws, table=table, title=str(TABLE_TITLES[table]), subtitle=subtitle,
                          blocks=tables.get(table, []), with_unit=True)
    ws = wb.create_sheet("报送情况")
    head = ["序号", "单位", "报送状态", "截止时间", "签字人", "签字时间", "大厅（窗口）数", "经办人", "联系电话"]
    _title(ws, "窗口和服务大厅统计表报送情况", subtitle, len(head))
    for j, label in enumerate(head, start=1):
        put(ws, 3, j, label, style="head")
    for i, row in enumerate(status_rows, start=4):
        for j, v in enumerate([i - 3, *row], start=1):
            put(ws, i, j, v, style="center" if j in (1, 3) else "cell")
    for j, w in enumerate([5, 24, 12, 16, 10, 16, 10, 10, 14], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    print_setup(ws, first_header_row=3, last_header_row=3)
    return workbook_bytes(wb)


# ---------------------------------------------------------------- reading

def _formula_cells(data: bytes, file: str, header: list[str]) -> list[InputError]:
    """Real formula cells in an xlsx: refused, since their value is whatever Excel last computed."""
    if data[:4] != b"PK\x03\x04":
        return []
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # noqa: BLE001 - the tabular reader reports a broken file better
        return []
    ws = wb.worksheets[0]
    found = []
    for row in ws.iter_rows():
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                letter = get_column_letter(cell.column)
                label = header[cell.column - 1] if cell.column - 1 < len(header) else ""
                found.append(InputError(f"单元格 {cell.coordinate} 是公式“{cell.value}”，请复制后“粘贴为数值”再上传",
                                        file=file, sheet=ws.title, row=cell.row,
                                        column=f"{letter}（{label}）" if label else letter))
                if len(found) >= MAX_ERRORS:
                    return found
    wb.close()
    return found


def _find_header(grid: list[list[str]], cols: list[Col]) -> tuple[int, dict[str, int]] | None:
    labels = {}
    for col in (*cols, UNIT_COLUMN):
        for label in (col.label, *col.aliases):
            labels[_norm_header(label)] = col.field
    for i, row in enumerate(grid[:15]):
        index: dict[str, int] = {}
        for j, cell in enumerate(row):
            field = labels.get(_norm_header(cell)) if cell else None
            if field and field not in index:
                index[field] = j
        if len(index) >= 3:
            return i, index
    return None


def parse_upload(data: bytes, *, file: str, unit, table: str) -> list[dict[str, Any]]:
    """The rows of an uploaded table as Hall fields, or ImportRefused naming every fault."""
    if not data or not data.strip():
        raise ImportRefused([InputError("文件为空", file=file)])
    if len(data) > MAX_BYTES:
        raise ImportRefused([InputError(f"文件太大（{len(data) / 1e6:.1f} MB），上限 {MAX_BYTES / 1e6:.0f} MB", file=file)])
    try:
        grid, sheet = read_grid(data, file=file)
    except InputError as exc:
        raise ImportRefused([exc]) from None
    cols = columns_for(table)
    found = _find_header(grid, cols)
    formulas = _formula_cells(data, file, grid[found[0]] if found else [])
    if formulas:
        raise ImportRefused(formulas)
    expected = "、".join(c.label for c in cols if c.required)
    if found is None:
        raise ImportRefused([InputError(f"找不到表头：前 15 行中没有包含“{expected}”等列名的一行；请使用下载的填报模板",
                                        file=file, sheet=sheet)])
    h, index = found
    missing = [c for c in cols if c.required and c.field not in index]
    if missing:
        raise ImportRefused([InputError(f"缺少必需的列“{c.label}”（表头应包含：{expected}）", file=file, sheet=sheet,
                                        row=h + 1, column=c.label) for c in missing])
    body = [(n, r) for n, r in enumerate(grid[h + 1:], start=h + 2) if any(c.strip() for c in r)]
    if not body:
        raise ImportRefused([InputError("表头下没有任何数据行；没有单独设立窗口的单位请报“零报告”", file=file, sheet=sheet,
                                        row=h + 2)])
    if len(body) > MAX_ROWS:
        raise ImportRefused([InputError(f"数据行太多（{len(body)} 行），一个单位最多 {MAX_ROWS} 行", file=file, sheet=sheet)])
    errors: list[InputError] = []
    rows: list[dict[str, Any]] = []
    names = {_norm_header(n) for n in unit.names()}
    kinds = kind_labels(table)
    kind_codes = {v: v for v in kinds.values()}
    seen: dict[str, int] = {}

    def err(n: int, col: Col, message: str) -> None:
        errors.append(InputError(message, file=file, sheet=sheet, row=n, column=col.label))

    for n, raw in body:
        def cell(field: str, raw: list[str] = raw) -> str:
            j = index.get(field)
            return raw[j].strip() if j is not None and j < len(raw) else ""

        out: dict[str, Any] = {}
        who = cell("unit")
        if who and _norm_header(who) not in names:
            err(n, UNIT_COLUMN, f"“{who}”不是本单位（{unit.name}）：只能填报本单位的窗口和大厅，其他单位的请由该单位填报")
        for col in cols:
            v = cell(col.field)
            if v.startswith("=") and col.type == "text":
                err(n, col, f"“{v}”像是公式：请填写文字内容，不要以“=”开头")
                continue
            if col.required and not v:
                err(n, col, f"“{col.label}”不能为空")
                continue
            if col.type == "int":
                try:
                    number = float(v) if v else 0.0
                except ValueError:
                    err(n, col, f"“{v}”不是整数，应填写 0 或正整数")
                    continue
                if number < 0 or not number.is_integer() or number > 100000:
                    err(n, col, f"“{v}”不是合理的数量，应填写 0 或正整数")
                    continue
                out[col.field] = int(number)
            elif col.type == "bool":
                word = v.lower()
                if word in TRUE_WORDS:
                    out[col.field] = True
                elif word in FALSE_WORDS:
                    out[col.field] = False
                else:
                    err(n, col, f"“{v}”应填“有”或“无”（“是”或“否”）")
            elif col.type == "kind":
                code = kinds.get(v) or kind_codes.get(v)
                if code is None:
                    err(n, col, f"“{v}”不是本表的类型，应为：{'、'.join(kinds)}")
                out[col.field] = code
            else:
                if col.max_length and len(v) > col.max_length:
                    err(n, col, f"内容过长（{len(v)} 字），最多 {col.max_length} 字")
                out[col.field] = v
        if isinstance(out.get("window_count"), int) and isinstance(out.get("authorized_windows"), int) \
                and out["authorized_windows"] > out["window_count"]:
            err(n, BY_FIELD["authorized_windows"], f"可审批窗口数（{out['authorized_windows']}）不能大于窗口数（{out['window_count']}）")
        name = out.get("name")
        if name:
            key = _norm_header(name)
            if key in seen:
                err(n, BY_FIELD["name"], f"名称“{name}”与第 {seen[key]} 行重复")
            seen.setdefault(key, n)
        rows.append(out)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise ImportRefused(errors)
    return rows
