"""The ranking as an xlsx workbook: one row per unit with every line, and the explanation in words.

Text cells are written as strings: a unit name or note starting with = + - @ never becomes a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .services.scoring import UnitScore

FORMULA_START = ("=", "+", "-", "@")


def _text(ws, row: int, col: int, value: str) -> None:
    cell = ws.cell(row=row, column=col)
    value = str(value)
    if value.startswith(FORMULA_START):
        value = "'" + value
    cell.value = value
    cell.data_type = TYPE_STRING


def ranking_xlsx(*, campaign, scores: list[UnitScore]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "考核排名"
    kinds = [(line.kind, line.label) for line in scores[0].lines] if scores else []
    header = ["名次", "单位", "得分", "基础分"]
    for _kind, label in kinds:
        header += [f"{label}（项）", f"{label}（分）"]
    header.append("计分说明")
    _text(ws, 1, 1, campaign.name)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    for col, title in enumerate(header, start=1):
        _text(ws, 2, col, title)
        ws.cell(row=2, column=col).font = Font(bold=True)
    for r, s in enumerate(scores, start=3):
        ws.cell(row=r, column=1, value=s.rank)
        _text(ws, r, 2, s.unit.name)
        ws.cell(row=r, column=3, value=float(s.score))
        ws.cell(row=r, column=4, value=float(s.base))
        col = 5
        for line in s.lines:
            ws.cell(row=r, column=col, value=line.count)
            ws.cell(row=r, column=col + 1, value=float(line.subtotal))
            col += 2
        _text(ws, r, col, s.explanation())
        ws.cell(row=r, column=col).alignment = Alignment(wrap_text=True)
    widths = [6, 30, 8, 8] + [10] * (2 * len(kinds)) + [70]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "C3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
