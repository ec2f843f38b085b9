"""A circular as a .docx in the Chinese official-document layout (GB/T 9704-2012 《党政机关公文格式》).

    page           A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm
    发文机关标志    red, 小标宋, centred
    发文字号        3号仿宋, centred, under it a red separator line the width of the type area
    标题            2号小标宋 (22 pt), centred
    主送机关        3号仿宋, flush left, ending in a full-width colon
    正文            3号仿宋_GB2312 (16 pt), first line indented two characters, fixed 28.95 pt lines
                    (22 lines a page); "一、" headings in 黑体, "（一）" headings in 楷体
    署名 / 成文日期  right, four characters in from the right margin
    页码            4号宋体 "— 1 —" in the footer

Fonts missing on a machine fall back through the font table's altName (e.g. 方正小标宋简体 → 宋体/SimSun).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONG = "宋体"
FALLBACKS = {XIAOBIAOSONG: "SimSun", FANGSONG: "FangSong", HEITI: "SimHei", KAITI: "KaiTi", SONG: "SimSun"}
RED = RGBColor(0xFF, 0x00, 0x00)
SIZE_2 = Pt(22)  # 2号
SIZE_3 = Pt(16)  # 3号
SIZE_4 = Pt(14)  # 4号
LINE = Pt(28.95)
HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")


@dataclass(frozen=True)
class CircularText:
    issuer: str
    doc_number: str
    title: str
    addressees: str
    paragraphs: list[str]
    signature: str
    date_text: str


def _font(run, face: str, size, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size = size
    run.font.bold = bold
    run.font.name = FALLBACKS.get(face, face)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face)
    fonts.set(qn("w:hint"), "eastAsia")
    if color is not None:
        run.font.color.rgb = color


def _paragraph(doc, text: str, face: str, size, *, align=None, indent_chars: int = 0, right_chars: int = 0,
               bold: bool = False, color=None, space_before=None, line=LINE):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_after = Pt(0)
    fmt.space_before = space_before or Pt(0)
    if align is not None:
        p.alignment = align
    if indent_chars:
        fmt.first_line_indent = Pt(size.pt * indent_chars)
    if right_chars:
        fmt.right_indent = Pt(size.pt * right_chars)
    if text:
        _font(p.add_run(text), face, size, bold=bold, color=color)
    return p


def _red_rule_below(paragraph) -> None:
    """The red separator line: a bottom border the width of the type area, about 4 mm under the text."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "11"), ("w:color", "FF0000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), SONG, SIZE_4)
    run = p.add_run()
    _font(run, SONG, SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _font(p.add_run(" —"), SONG, SIZE_4)


def _font_table_fallbacks(doc) -> None:
    """Declare each Chinese font with an altName so a reader without it substitutes a close face."""
    for rel in doc.part.rels.values():
        if not rel.reltype.endswith("/fontTable"):
            continue
        part = rel.target_part
        root = etree.fromstring(part.blob)
        for face, alt in FALLBACKS.items():
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), face)
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
            etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def circular_docx(text: CircularText) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)

    center = WD_ALIGN_PARAGRAPH.CENTER
    issuer_size = Pt(26) if len(text.issuer) > 12 else Pt(32)
    _paragraph(doc, text.issuer, XIAOBIAOSONG, issuer_size, align=center, color=RED, line=Pt(issuer_size.pt * 1.3))
    _paragraph(doc, "", FANGSONG, SIZE_3)
    _paragraph(doc, "", FANGSONG, SIZE_3)
    number = _paragraph(doc, text.doc_number, FANGSONG, SIZE_3, align=center)
    _red_rule_below(number)
    _paragraph(doc, "", FANGSONG, SIZE_3)
    _paragraph(doc, "", FANGSONG, SIZE_3)
    _paragraph(doc, text.title, XIAOBIAOSONG, SIZE_2, align=center, line=Pt(35))
    _paragraph(doc, "", FANGSONG, SIZE_3)
    addressees = text.addressees.rstrip("：:") + "："
    _paragraph(doc, addressees, FANGSONG, SIZE_3)
    for para in text.paragraphs:
        if HEADING_1.match(para):
            _paragraph(doc, para, HEITI, SIZE_3, indent_chars=2)
        elif HEADING_2.match(para):
            _paragraph(doc, para, KAITI, SIZE_3, indent_chars=2)
        else:
            _paragraph(doc, para, FANGSONG, SIZE_3, indent_chars=2)
    _paragraph(doc, "", FANGSONG, SIZE_3)
    _paragraph(doc, "", FANGSONG, SIZE_3)
    _paragraph(doc, text.signature, FANGSONG, SIZE_3, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    _paragraph(doc, text.date_text, FANGSONG, SIZE_3, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    _page_number_footer(section)
    _font_table_fallbacks(doc)

    props = doc.core_properties
    props.title = text.title
    props.subject = text.doc_number
    props.author = text.signature
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
