"""Documents: the unit's problem list (xlsx), its signed report and the county summary (docx, in the
layout of an official document: A4, 黑体 headings, 仿宋 body), and the inspection pack (zip)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from wicket.problems.models import Problem

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(10.5)  # 五号
FORMULA_START = ("=", "+", "-", "@")


# ---- xlsx -------------------------------------------------------------------------------------------

def _safe(cell, value) -> None:
    """Text is text: a value that a spreadsheet would run as a formula is stored as a plain string."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"


def problems_xlsx(*, unit_name: str, problems: list[Problem], today: dt.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("问题整改清单")
    ws.append([_("%(u)s问题整改清单（导出日期 %(d)s）") % {"u": unit_name, "d": today.isoformat()}])
    ws["A1"].font = Font(bold=True, size=14)
    headers = [_("序号"), _("问题编号"), _("问题类别"), _("问题"), _("问题描述"), _("问题来源"), _("发现日期"),
               _("整改措施"), _("责任人"), _("整改时限"), _("立行立改"), _("状态"), _("是否逾期")]
    ws.append(headers)
    for c in ws[2]:
        c.font = Font(bold=True)
    for i, p in enumerate(problems, start=1):
        overdue = bool(p.deadline and p.deadline < today and p.status != "closed")
        row = [i, p.pk, p.checklist_code, p.title, p.description, str(p.get_source_display()), p.found_on,
               p.measures, p.responsible, p.deadline, _("是") if p.immediate else _("否"),
               str(p.get_status_display()), _("逾期") if overdue else ""]
        ws.append([None] * len(row))
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=i + 2, column=col)
            _safe(cell, value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGHIJKLM", (6, 9, 9, 36, 36, 10, 12, 36, 10, 12, 9, 12, 9), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---- docx -------------------------------------------------------------------------------------------

def _font(run, name: str, size, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def official_document() -> Document:
    """An empty A4 document with the margins and fonts of a government document (GB/T 9704)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    return doc


def para(doc, text: str, *, font: str = BODY_FONT, size=BODY_SIZE, bold: bool = False, align=None,
         indent: bool = True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(28)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    _font(p.add_run(text), font, size, bold)
    return p


def title(doc, text: str) -> None:
    para(doc, text, font=HEADING_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(doc, "", indent=False)


def table(doc, headers: list[str], rows: list[list]) -> None:
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, h in zip(t.rows[0].cells, headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(h), HEADING_FONT, TABLE_SIZE)
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run("" if value is None else str(value)), BODY_FONT, TABLE_SIZE)


def _bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def report_docx(content: dict, *, signed: dict | None = None) -> bytes:
    """A unit's phase report from its frozen content; `signed` adds who signed, when, and the digest."""
    doc = official_document()
    title(doc, _("%(unit)s\n%(phase)s阶段排查整改情况报告") % {"unit": content["unit"], "phase": content["phase_label"]})
    para(doc, _("报送单位：%(u)s") % {"u": content["unit"]}, indent=False)
    para(doc, _("所属工作：%(c)s %(d)s") % {"c": content["campaign"], "d": content.get("doc_number", "")}, indent=False)
    para(doc, _("报送日期：%(d)s") % {"d": content["prepared_on"]}, indent=False)
    t = content["totals"]
    para(doc, _("一、自查情况"), font=HEADING_FONT, indent=False)
    para(doc, _("对照排查清单 %(points)d 个要点逐条自查，%(pp)d 个要点存在问题，共登记问题 %(n)d 个，其中立行立改 "
                "%(imm)d 个，已销号 %(closed)d 个，逾期未整改 %(overdue)d 个。")
         % {"points": t["points"], "pp": t["problem_points"], "n": t["problems"], "imm": t["immediate"],
            "closed": t["closed"], "overdue": t["overdue"]})
    table(doc, [_("编码"), _("排查要点"), _("自查结果"), _("情况说明")],
          [[a["code"], a["title"], a["result_label"], a["notes"]] for a in content["answers"]])
    para(doc, _("二、问题整改清单"), font=HEADING_FONT, indent=False)
    table(doc, [_("序号"), _("类别"), _("问题"), _("整改措施"), _("责任人"), _("整改时限"), _("状态")],
          [[i, p["code"], p["title"] + (_("（立行立改）") if p["immediate"] else ""), p["measures"], p["responsible"],
            p["deadline"], p["status_label"] + (_("（逾期）") if p["overdue"] else "")]
           for i, p in enumerate(content["problems"], start=1)])
    para(doc, "", indent=False)
    if signed:
        para(doc, _("主要负责人（签字）：%(n)s") % {"n": signed["name"]}, indent=False)
        para(doc, _("签字时间：%(t)s") % {"t": signed["at"]}, indent=False)
        para(doc, _("电子版本第 %(v)s 版，内容 SHA-256 摘要：%(d)s") % {"v": signed["version"], "d": signed["digest"]},
             size=TABLE_SIZE, indent=False)
    else:
        para(doc, _("（未签字草稿，仅供核对）"), indent=False)
    return _bytes(doc)


HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")


def summary_docx(*, heading: str, text: str, issuer: str, date: dt.date | None, draft: bool) -> bytes:
    """The county summary from its (edited) text: 一、 lines are 黑体 headings, （一） lines bold."""
    doc = official_document()
    title(doc, heading)
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if HEADING_1.match(line):
            para(doc, line, font=HEADING_FONT)
        elif HEADING_2.match(line):
            para(doc, line, bold=True)
        else:
            para(doc, line)
    para(doc, "", indent=False)
    para(doc, issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if date:
        para(doc, f"{date.year}年{date.month}月{date.day}日", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if draft:
        para(doc, _("（草稿，尚未印发）"), align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    return _bytes(doc)


def pack_zip(files: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(name, data)
    return out.getvalue()
