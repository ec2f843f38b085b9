"""catch_all_clause (1.1): a material or condition that leaves the list open.

Flags “其他材料”, “法律、行政法规规定的其他材料”, “审批机关认为需要的其他材料”, “其他相关材料”,
“……等材料” and their many spellings; does not flag a specific material that merely contains
其他 (“其他股东的身份证明复印件”, “居民身份证或其他有效身份证件”), nor a list of examples in
brackets after a specific material (“收入证明（如工资单、劳动合同等）”).

catch_all_quoting_law (a note, not a problem):受理条件 that cite 《…》第…条 and reproduce its words
(“《中华人民共和国建筑法》第八条：……（八）法律、行政法规规定的其他条件”) quote the law's own
catch-all; the guide should still list the conditions concretely, but the department wrote no
catch-all of its own.

When a guide has no materials list at all, the process and the conditions are where it says what to
bring, so “携带身份证、申请书及相关材料到窗口办理” there is a catch-all too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.guides.hanzi import simplified
from analysis.guides.model import Guide, GuideFinding

from .base import Found, make, span, step_key

# A generic noun: what a catch-all leaves open.
_NOUN = r"(?:材料|资料|文件|要件|证件|证照|证书|证明|手续|文书|附件|条件)"
# Function words allowed between 其他 and the noun (“其他需要提交的相关证明材料”): nothing specific.
_FILL = (r"(?:相关|有关|必要|必需|必须|所需|需要|需|应当|应|须|另行|另外|补充|要求|规定|认为|其余|"
         r"提交|提供|补正|补交|出具|报送|递交|申请|证明|佐证|书面|的)")
# After the noun: words that make it specific again (“其他证明人”, “其他证件号码”).
_NOT_AFTER = r"(?![人者员方号码类种编])"
# Before 等: words where 等 is part of a word (中等, 高等, 一等功, 同等学力 ...).
_NOT_DENG = r"(?<![平同高中初上下优均对相头一二三四五六七八九十劣次特超何])"

_OTHER = rf"其[他它余]{_FILL}{{0,4}}?(?:证明)?{_NOUN}{_NOT_AFTER}"
_AS_NEEDED = (r"(?:认为|视情况|视需要|根据(?:审查|审核|审批|工作|实际|具体)?(?:需要|情况|要求)|"
              r"按(?:审查|审核|审批)?要求|(?:审查|审核|审批|实际|工作)需要)"
              rf"{_FILL}{{0,4}}?(?:材料|资料|文件|要件|条件)(?![人者员])")
_AS_PROVIDED = (r"规定(?:的|需要|需|应当|应|须|必须|提交|提供|报送|要求|具备){0,3}(?:材料|资料|文件|要件|条件)(?=$|[。．.；;，,）)])"
                r"|规定的?条件的(?:有关|相关|其他)?(?:证明)?(?:材料|资料|文件)")
_ETC = rf"{_NOT_DENG}等(?:等)?(?:相关|有关|其他|其它|必要|所需)?的?(?:证明)?{_NOUN}{_NOT_AFTER}"

# In free text (受理条件) only the explicit forms.
TEXT_RE = re.compile("|".join((_OTHER, _AS_NEEDED, _AS_PROVIDED, _ETC)))
# A material's name may also be a bare “其他”, end with “等”, or be nothing but a vague noun.
_BARE_OTHER = r"^(?:\d+[.、．]\s*)?(?P<bare>其[他它])(?=$|[:：（(。；;，,\s])|(?:及|和|或|以及|、)其[他它][。．.；;\s]*$"
_TRAILING_ETC = rf"{_NOT_DENG}等(?:等)?[。．.；;\s]*$"
_VAGUE = (r"^(?:相关|有关|其他|其它|其余|所需|必要|必要的|补充|需补充|另需|附加|附件|规定)的?(?:证明)?"
          r"(?:材料|资料|文件|证件|要件)(?:[（(][^）)]*[）)])?[。．.；;\s]*$")
NAME_RE = re.compile("|".join((_OTHER, _AS_NEEDED, _AS_PROVIDED, _ETC, _BARE_OTHER, _TRAILING_ETC, _VAGUE)))

# “无需提交其他材料”, “不得要求提交其他材料”: the opposite of a catch-all.
_NEGATED_RE = re.compile(r"(?:无需|无须|不需|不需要|不再|不得|不要求|不另|免于|免予|不用|没有)[^，,；;。]{0,10}$|[无非]$")
# The clause a match stands in: cut at these.
_CLAUSE_END = "，,；;。\n"
# Characters that can start any pattern: a cheap test before running the regex.
_TRIGGERS = frozenset("其他它等规定认为视根据按审查实际工作相关有关所需必要补充另附")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE_END:
        i -= 1
    j = end
    while j < len(text) and text[j] not in _CLAUSE_END:
        j += 1
    return i, j


def find_catch_all(text: str, *, is_name: bool) -> tuple[tuple[int, int], ...]:
    """Spans (start, end) of catch-all wording in a material name (is_name) or in free text."""
    return name_spans(text) if is_name else _text_spans(text)


# Material names and conditions repeat across a county's guides: remember the answers.
# Matching reads traditional characters as simplified ones (same length, so spans hold for the original).
@lru_cache(maxsize=65536)
def name_spans(text: str) -> tuple[tuple[int, int], ...]:
    return _spans(simplified(text), NAME_RE, first_only=True)


@lru_cache(maxsize=16384)
def _text_spans(text: str) -> tuple[tuple[int, int], ...]:
    return _spans(simplified(text), TEXT_RE, first_only=False)


# What a guide with no materials list asks the applicant to bring, left open:
# “携带身份证、申请书及相关材料到窗口办理”, “持有关证明材料向窗口提出申请”.
_BRING_RE = re.compile(
    r"(?:携带|携|持|提交|提供|递交|准备|带齐|带上|出示|报送|交验|备齐)[^，,。；;]{0,30}?"
    r"(?P<open>(?:及|和|以及|与|、)?(?:其他|其它)?(?:相关|有关|所需|必要|其他|其它)的?(?:证明|申请)?"
    r"(?:材料|资料|证件|手续|文件|要件))"
)


@lru_cache(maxsize=16384)
def bring_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Catch-all wording in process or conditions text of a guide without a materials list."""
    t = simplified(text)
    found = list(_text_spans(text))
    for m in _BRING_RE.finditer(t):
        start, end = m.span("open")
        if t[start] in "及和以与、":
            start += 2 if t.startswith("以及", start) else 1
        if not any(s <= start < e or start <= s < end for s, e in found):
            clause_start, _ = _clause(t, start, end)
            if not _NEGATED_RE.search(t, clause_start, start) and not in_example_brackets(t, start, end):
                found.append((start, end))
    return tuple(sorted(found))


# 《中华人民共和国建筑法》第八条, 《不动产登记暂行条例实施细则》第三十五条
CITATION_RE = re.compile(r"《[^》]{2,60}》\s*第[一二三四五六七八九十百千零〇两\d]+条")


_OPEN, _CLOSE = "（(【[", "）)】]"
# Inside brackets these words introduce examples of the material named before the bracket.
_EXAMPLES_RE = re.compile(r"[、，,/]|或|如|例如|比如|包括|含|诸如")


def in_example_brackets(text: str, start: int, end: int) -> bool:
    """The words stand inside brackets that follow a specific name and give examples of it:
    “收入证明（如工资单、劳动合同等）”, “身份证明（居民身份证、户口簿等有效证件）”."""
    depth_open = -1
    for i in range(start - 1, -1, -1):
        ch = text[i]
        if ch in _CLOSE:
            return False  # a bracket closed between: the words are outside it
        if ch in _OPEN:
            depth_open = i
            break
    if depth_open <= 0 or not text[:depth_open].strip():
        return False  # no bracket, or the bracket starts the text: nothing specific before it
    close = next((j for j in range(end, len(text)) if text[j] in _CLOSE), -1)
    if close < 0:
        return False
    inside = text[depth_open + 1:close]
    return "等" in text[start:end] or _EXAMPLES_RE.search(inside) is not None


def _spans(text: str, pattern: re.Pattern[str], *, first_only: bool) -> tuple[tuple[int, int], ...]:
    if _TRIGGERS.isdisjoint(text):
        return ()
    spans = []
    for m in pattern.finditer(text):
        start, end = m.span("bare") if pattern is NAME_RE and m.group("bare") else m.span()
        if start == end:
            continue
        clause_start, _ = _clause(text, start, end)
        if _NEGATED_RE.search(text, clause_start, start):
            continue
        if start > 0 and in_example_brackets(text, start, end):
            continue
        spans.append((start, end))
        if first_only:
            break
    return tuple(spans)


def material_found(name: str, span_: tuple[int, int]) -> Found:
    """catch_all_clause for a material's name (placed in a guide by materials.py)."""
    start, end = span_
    return ("catch_all_clause", "name", name[start:end],
            f"申请材料“{name}”是兜底条款，没有说清到底要交什么。请删除，或改为逐项列明具体材料及其依据。",
            span(name, start, end), ())


@lru_cache(maxsize=16384)
def _citation(text: str) -> str:
    m = CITATION_RE.search(simplified(text))
    return text[m.start():m.end()] if m else ""


def check_conditions(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    no_list = not guide.materials
    cited_before = ""  # a citation quotes what follows it: the rest of its entry and the entries after
    for j, cond in enumerate(guide.conditions):
        here = _citation(cond)
        here_at = cond.find(here) if here else -1
        before, cited_before = cited_before, cited_before or here
        spans = bring_spans(cond) if no_list else _text_spans(cond)
        if not spans:
            continue
        where = f"conditions[{j}]" if guide.conditions_is_list else "conditions"
        for start, end in spans:
            cs, ce = _clause(cond, start, end)
            clause = cond[cs:ce].strip()
            words = cond[start:end]
            cited = before or (here if 0 <= here_at < start else "")
            if cited:
                out.append(make(
                    guide, index, "catch_all_quoting_law", where=where, where_key=where, text=words,
                    message=f"受理条件“{clause}”引用的是{cited}的原文，“{words}”是法律条文本身的兜底表述，"
                            "不算本部门的兜底条款。建议在办事指南中把实际适用的具体条件逐条列明。",
                    evidence={**span(cond, start, end), "citation": cited, "severity": "note"},
                    extra_key=(clause,),
                ))
                continue
            message = f"受理条件“{clause}”是兜底条款，条件没有列全。请删除，或改为逐条列明具体条件及其依据。"
            if no_list and not _text_spans(cond):
                message = (f"办事指南没有单独的申请材料目录，受理条件中“{clause}”要求提供的材料没有列全"
                           f"（“{words}”）。请单列申请材料目录，逐项写明要交的材料。")
            out.append(make(
                guide, index, "catch_all_clause", where=where, where_key=where, text=words, message=message,
                evidence=span(cond, start, end), extra_key=(clause,),
            ))


def check_process(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    """A guide with no materials list: catch-all wording in its steps (where it says what to bring)."""
    if guide.materials or not guide.steps:
        return
    for j, step in enumerate(guide.steps):
        for field, text in (("name", step.name), ("description", step.description)):
            spans = bring_spans(text) if text else ()
            if not spans:
                continue
            start, end = spans[0]
            cs, ce = _clause(text, start, end)
            clause = text[cs:ce].strip()
            out.append(make(
                guide, index, "catch_all_clause", where=f"steps[{j}].{field}",
                where_key=f"{step_key(guide, j)}.{field}", text=text[start:end],
                message=f"办事指南没有单独的申请材料目录，办理流程中“{clause}”要求提供的材料没有列全"
                        f"（“{text[start:end]}”）。请单列申请材料目录，逐项写明要交的材料。",
                evidence=span(text, start, end), extra_key=(clause,),
            ))
