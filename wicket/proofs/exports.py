"""The 证明事项清理清单 as xlsx: a title row, the header, one row per proof; A4 landscape, the
header repeated on every printed page. Text never becomes a formula (= + - @ are stored as text)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from wicket.core.xlsx import print_setup

from .models import ProofRow

FORMULA_STARTS = ("=", "+", "-", "@")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(vertical="top", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
FONT = "宋体"
WIDTHS = (6, 24, 30, 22, 16, 14, 44, 10)


def headers() -> list[str]:
    return [_("序号"), _("证明名称"), _("设定依据"), _("索要单位"), _("开具单位"), _("清理建议"), _("理由"), _("涉及事项数")]


def _put(ws, row: int, col: int, value, *, head: bool = False) -> None:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.font = Font(name=FONT, size=10, bold=head)
    cell.border = BORDER
    cell.alignment = CENTER if head or isinstance(value, int) else WRAP
    if head:
        cell.fill = HEAD_FILL


def clearance_xlsx(*, title: str, subtitle: str, rows: Iterable[ProofRow]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("证明事项清理清单")
    cols = headers()
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
    t = ws.cell(row=1, column=1, value=title)
    t.font = Font(name="黑体", size=16, bold=True)
    t.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(cols))
    s = ws.cell(row=2, column=1)
    s.value = subtitle
    s.data_type = "s"
    s.font = Font(name=FONT, size=10)
    for col, text in enumerate(cols, start=1):
        _put(ws, 3, col, text, head=True)
    r = 3
    for i, p in enumerate(rows, start=1):
        r += 1
        values = [i, p.name, p.basis or _("无"), "、".join(p.demanded_by) or _("（无单位索要）"), p.issuer,
                  p.recommendation, p.reason, p.items_affected]
        for col, value in enumerate(values, start=1):
            _put(ws, r, col, value)
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[ws.cell(row=3, column=col).column_letter].width = width
    print_setup(ws, first_header_row=3, last_header_row=3)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
