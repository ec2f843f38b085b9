"""The xlsx template for guides, and reading it back.

Layout (sheet names and headers in Chinese; English field names are accepted as headers too):

    办事指南 (guides)     one row per guide; 序号 (no) numbers the guide, then the guide's fields.
                          设定依据 and 受理条件 take one entry per line (Alt+Enter in a cell).
    申请材料 (materials)  one row per material; 指南序号 (guide_no) is the 序号 of its guide.
    办理流程 (steps)      one row per step; 指南序号 (guide_no) likewise. Rows keep their order.
    填写说明              what each column means (ignored when reading).

Every value goes through the same reader as JSON, so an xlsx and a JSON file with the same
content give the same guides and the same findings. Faults name the sheet, row and column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from analysis.common import InputError
from analysis.tabular import Column, Table, read_table

from .loader import GuideInputError, guide_from_dict
from .model import Guide

GUIDES_SHEET, MATERIALS_SHEET, STEPS_SHEET, HELP_SHEET = "办事指南", "申请材料", "办理流程", "填写说明"
SHEET_ALIASES = {GUIDES_SHEET: ("guides",), MATERIALS_SHEET: ("materials",), STEPS_SHEET: ("steps",)}

# (field, Chinese header, help text)
GUIDE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("no", "序号", "本表内唯一的编号，申请材料、办理流程表用它对应到指南"),
    ("code", "事项编码", "可空"),
    ("name", "事项名称", "必填"),
    ("department", "实施主体", "必填"),
    ("source", "发布来源", "发布这份指南的网站或渠道，如 县市场监管局网站、省政务服务网"),
    ("legal_basis", "设定依据", "每行一条"),
    ("conditions", "受理条件", "每行一条"),
    ("statutory_days", "法定办结时限", "如 20个工作日；无法定时限写“无”"),
    ("promised_days", "承诺办结时限", "如 5个工作日、即办"),
    ("fee", "收费标准", "不收费写“不收费”"),
    ("fee_basis", "收费依据", "收费的写明文件名称和文号"),
    ("location", "办理地点", ""),
    ("hours", "办理时间", ""),
    ("phone", "咨询电话", "带区号，如 0557-8828006"),
    ("supervision_phone", "监督投诉电话", "带区号"),
    ("visits", "到办事现场次数", "0、1、2 …"),
    ("visits_reason", "到现场原因", "需要到现场的写明原因"),
    ("online_url", "网上办理地址", ""),
)
MATERIAL_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("guide_no", "指南序号", "对应“办事指南”表的序号"),
    ("name", "材料名称", "必填"),
    ("required", "是否必需", "是 / 否"),
    ("copies", "份数", ""),
    ("medium", "介质", "纸质 / 电子 / 纸质或电子"),
    ("origin", "来源渠道", "申请人自备 / 政府部门核发 / 中介机构出具 / 其他"),
    ("blank_form", "空白表格", "下载链接或文件名，没有则空"),
    ("sample", "示范文本", "下载链接或文件名，没有则空"),
    ("requirements", "材料要求", ""),
    ("basis", "材料依据", ""),
)
STEP_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("guide_no", "指南序号", "对应“办事指南”表的序号"),
    ("name", "环节名称", ""),
    ("description", "办理内容", "该环节做什么、需要什么"),
    ("days", "办理时限", ""),
)
_LIST_FIELDS = ("legal_basis", "conditions")


def _columns(spec: Sequence[tuple[str, str, str]], required: set[str]) -> list[Column]:
    return [Column(f, (zh,), required=f in required) for f, zh, _ in spec]


def _sheet_names(data: bytes, file: str) -> list[str]:
    from python_calamine import CalamineWorkbook

    try:
        return list(CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except Exception as exc:  # calamine raises several types for a broken file
        raise InputError(f"无法读取电子表格：{exc}", file=file) from exc


def _find_sheet(names: list[str], sheet: str) -> str | None:
    wanted = {sheet, *SHEET_ALIASES[sheet]}
    return next((n for n in names if n.strip() in wanted or n.strip().lower() in wanted), None)


def _label(spec: Sequence[tuple[str, str, str]], field: str) -> str:
    return next((zh for f, zh, _ in spec if f == field), field)


def guides_from_xlsx(data: bytes, *, file: str) -> list[Guide]:
    """Guides from the template workbook (see the module docstring for the layout)."""
    names = _sheet_names(data, file)
    guides_sheet = _find_sheet(names, GUIDES_SHEET)
    if guides_sheet is None:
        raise InputError(f"找不到工作表“{GUIDES_SHEET}”（现有：{'、'.join(names)}）", file=file)
    guides = read_table(data, file=file, sheet=guides_sheet,
                        columns=_columns(GUIDE_COLUMNS, {"no", "name", "department"}))
    by_no: dict[str, dict[str, Any]] = {}
    rows_of: dict[str, dict[str, tuple[Table, int]]] = {}  # guide no -> path suffix -> (table, index)
    order: list[str] = []
    for i, row in enumerate(guides.rows):
        no = row["no"]
        if not no:
            raise guides.error(i, "序号", "序号不能为空")
        if no in by_no:
            raise guides.error(i, "序号", f"序号“{no}”重复")
        raw: dict[str, Any] = {k: v for k, v in row.items() if k != "no"}
        for key in _LIST_FIELDS:
            lines = [x.strip() for x in raw.get(key, "").splitlines() if x.strip()]
            raw[key] = lines if len(lines) > 1 else (lines[0] if lines else None)
        raw["materials"], raw["steps"] = [], []
        by_no[no] = raw
        rows_of[no] = {"": (guides, i)}
        order.append(no)
    for sheet, spec, key in ((MATERIALS_SHEET, MATERIAL_COLUMNS, "materials"), (STEPS_SHEET, STEP_COLUMNS, "steps")):
        found = _find_sheet(names, sheet)
        if found is None:
            continue
        table = read_table(data, file=file, sheet=found, columns=_columns(spec, {"guide_no", "name"}))
        for i, row in enumerate(table.rows):
            no = row["guide_no"]
            if no not in by_no:
                raise table.error(i, "指南序号", f"指南序号“{no}”在“{GUIDES_SHEET}”表中不存在")
            items = by_no[no][key]
            rows_of[no][f".{key}[{len(items)}]"] = (table, i)
            items.append({k: v for k, v in row.items() if k != "guide_no"})
    out = []
    for index, no in enumerate(order):
        where = rows_of[no]

        def fail(suffix: str, message: str, where: dict[str, tuple[Table, int]] = where) -> GuideInputError:
            # ".materials[2].required" -> the materials row, column 是否必需
            head, _, field = suffix.rpartition(".")
            table, i = where.get(head, where[""])
            spec = {"": GUIDE_COLUMNS}.get(head, MATERIAL_COLUMNS if ".materials" in head else STEP_COLUMNS)
            return GuideInputError(message, file=file, sheet=table.sheet, row=table.row_numbers[i],
                                   column=_label(spec, field.split("[")[0]))

        out.append(guide_from_dict(by_no[no], index=index, file=file, fail=fail))
    return out


def _cell(guide: Guide, field: str) -> str:
    value = getattr(guide, field)
    if field in _LIST_FIELDS:
        return "\n".join(value)
    if field in ("statutory_days", "promised_days"):
        return "" if value is None else value.text
    if field == "visits":
        return guide.visits_text
    return "" if value is None else str(value)


def guides_template_xlsx(guides: Sequence[Guide] = ()) -> bytes:
    """The template workbook, empty or filled with these guides (numbered 1, 2, …)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    sheets = ((GUIDES_SHEET, GUIDE_COLUMNS), (MATERIALS_SHEET, MATERIAL_COLUMNS), (STEPS_SHEET, STEP_COLUMNS))
    ws_by_name = {}
    for n, (title, spec) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append([zh for _, zh, _ in spec])
        for c, (_, zh, _) in enumerate(spec, start=1):
            cell = ws.cell(row=1, column=c)
            cell.font, cell.fill = head_font, head_fill
            ws.column_dimensions[cell.column_letter].width = max(10, min(40, 2 * len(zh) + 6))
        ws.freeze_panes = "A2"
        ws_by_name[title] = ws
    wrap = Alignment(wrap_text=True, vertical="top")
    for no, g in enumerate(guides, start=1):
        ws_by_name[GUIDES_SHEET].append([str(no), *(_cell(g, f) for f, _, _ in GUIDE_COLUMNS[1:])])
        for c in range(1, len(GUIDE_COLUMNS) + 1):
            ws_by_name[GUIDES_SHEET].cell(row=no + 1, column=c).alignment = wrap
        for m in g.materials:
            required = "" if m.required is None else ("是" if m.required else "否")
            ws_by_name[MATERIALS_SHEET].append([str(no), m.name, required, m.copies, m.medium, m.origin,
                                                m.blank_form, m.sample, m.requirements, m.basis])
        for s in g.steps:
            ws_by_name[STEPS_SHEET].append([str(no), s.name, s.description, "" if s.days is None else str(s.days)])
    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.append(["工作表", "列", "英文字段名", "说明"])
    for title, spec in sheets:
        for field, zh, note in spec:
            help_ws.append([title, zh, field, note])
    for col, width in zip("ABCD", (12, 16, 20, 60), strict=True):
        help_ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
