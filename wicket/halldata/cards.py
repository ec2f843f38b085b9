"""A dashboard card: one chart, the table of the numbers behind it, and its xlsx export.

The chart option and the table are built from the same rows, so what the chart shows is exactly
what the table lists and the workbook holds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@")
TEXT, INT, NUM, PCT = "text", "int", "num", "pct"
GB_T_33358 = 0.95  # a government line answers at least 95% (GB/T 33358)


@dataclass(frozen=True)
class Col:
    label: str
    fmt: str = TEXT


@dataclass
class Card:
    name: str  # the export's name: /export/<name>.xlsx
    title: str
    columns: list[Col]
    rows: list[list[Any]]
    option: dict[str, Any] | None = None  # ECharts option; None for a table-only card
    note: str = ""
    tall: bool = False
    export_url: str = ""
    links: list[str] = field(default_factory=list)  # per row: a link for the first cell, or ""

    @property
    def chart_id(self) -> str:
        return f"chart-{self.name}"

    def cells(self) -> list[list[tuple[str, str]]]:
        """Rows as (display text, css class) pairs."""
        return [[(display(v, c.fmt), "text-end" if c.fmt != TEXT else "") for v, c in zip(r, self.columns,
                                                                                          strict=True)]
                for r in self.rows]

    def table_rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        links = self.links or [""] * len(self.rows)
        return list(zip(links, self.cells(), strict=True))


def display(value: Any, fmt: str) -> str:
    if value is None or value == "":
        return "—"
    if fmt == PCT:
        return f"{value * 100:.1f}%"
    if fmt == NUM:
        return f"{value:.1f}"
    if fmt == INT:
        return f"{int(round(value))}"
    return str(value)


def pct(value: float | None) -> float | None:
    """A share as a percentage for a chart axis (one decimal)."""
    return None if value is None else round(value * 100, 1)


def xlsx(card: Card, *, heading: str) -> bytes:
    """The card's table as a workbook. Text never becomes a formula (= + - @ are guarded)."""
    wb = Workbook()
    ws = wb.active
    ws.title = card.title[:31].replace("/", "、").replace("×", "x") or "data"
    ws.cell(row=1, column=1, value=f"{heading} · {card.title}").font = Font(bold=True, size=13)
    if card.note:
        ws.cell(row=2, column=1, value=card.note)
    for j, col in enumerate(card.columns, start=1):
        ws.cell(row=3, column=j, value=col.label).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(j)].width = 14 if col.fmt != TEXT else 24
    for i, row in enumerate(card.rows, start=4):
        for j, (value, col) in enumerate(zip(row, card.columns, strict=True), start=1):
            cell = ws.cell(row=i, column=j)
            if value is None:
                continue
            if col.fmt == TEXT or isinstance(value, str):
                text = str(value)
                cell.value = ("'" + text) if text.startswith(FORMULA_START) else text
                cell.data_type = TYPE_STRING
            else:
                cell.value = value
                cell.number_format = {PCT: "0.0%", NUM: "0.0", INT: "0"}.get(col.fmt, "General")
    ws.freeze_panes = "A4"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- chart helpers


def bar_option(categories: list[str], series: list[dict[str, Any]], *, percent: bool = False,
               target: float | None = None, horizontal: bool = False) -> dict[str, Any]:
    value_axis: dict[str, Any] = {"type": "value"}
    if percent:
        value_axis |= {"max": 100, "axisLabel": {"formatter": "{value}%"}}
    cat_axis = {"type": "category", "data": categories, "axisLabel": {"interval": 0, "rotate": 0 if horizontal else 30}}
    out_series = []
    for i, s in enumerate(series):
        item = {"type": s.get("type", "bar"), "name": s["name"], "data": s["data"], "barMaxWidth": 36}
        if target is not None and i == 0:
            item["markLine"] = {"silent": True, "symbol": "none", "data": [{"yAxis" if not horizontal else "xAxis":
                                                                             round(target * 100, 1)}],
                                "label": {"formatter": f"{target * 100:g}%"}, "lineStyle": {"color": "#d63939"}}
        out_series.append(item)
    return {
        "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 50 if not horizontal else 160, "right": 44, "top": 36, "bottom": 70 if not horizontal else 30,
                 "containLabel": not horizontal},
        "xAxis": value_axis if horizontal else cat_axis, "yAxis": cat_axis if horizontal else value_axis,
        "series": out_series,
    }
