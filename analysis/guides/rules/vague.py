"""vague_requirement (1.1): a requirement left to someone else's rules or to later — “以当地规定为准”,
“按有关部门要求提供”, “视情况提供”, “根据审查需要另行通知”, “具体材料请咨询窗口” — in a material's
name or requirements, a condition, or a step. The applicant cannot tell from the guide what to bring
(一次性告知不到位).

vague_time_limit (1.1): a time limit with no figure (“按法定时限办结”, “视情况而定”, “待定”), or a
promise of “即办” with no number where the law sets one and the process itself takes days
(steps with days, 公示, 入户调查, 现场核查 …).

Words a catch-all already reports (“视情况提供的材料”) are left to catch_all_clause.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.guides.hanzi import simplified
from analysis.guides.model import Days, Guide, GuideFinding
from analysis.guides.values import IMMEDIATE_RE, NO_LIMIT_RE, is_empty, show_number

from .base import Found, make, place, span, step_key

_WHO = (r"(?:当地|各地|本地|属地|地方|窗口|受理窗口|办事窗口|现场|审批部门|审核部门|受理部门|主管部门|有关部门|"
        r"相关部门|业务部门|工作人员|经办人员|审批人员|实际)")
VAGUE_RE = re.compile("|".join((
    # 以当地规定为准, 具体以窗口要求为准, 以实际情况为准
    rf"以{_WHO}的?(?:规定|要求|政策|告知|通知|情况|解释|口径|标准|审核|意见)?为准",
    # 按有关部门要求提供, 按照主管部门的规定提交
    r"(?:按|按照|依|依照|根据)(?:有关|相关|主管|上级|业务|审批|行业)?部门的?(?:规定|要求|意见)(?:提供|提交|办理|准备|执行|补充|出具)?",
    # 按当地规定提供, 按相关规定提交
    r"(?:按|按照|依照)(?:当地|各地|有关|相关)的?(?:规定|要求|政策)(?:提供|提交|准备|补充|出具|补交)",
    # 视情况提供, 视具体情况而定
    r"视(?:具体|实际|个人|申请人|申请|审查|审核)?情况(?:而定|确定|决定|提供|提交|补充|补交|另行|需要|出具)",
    # 根据审查需要另行通知, 根据工作需要补充提供
    r"(?:根据|视|依|按)(?:审查|审核|审批|工作|实际|核查|办理|业务)的?需要(?:另行|再行|再)?"
    r"(?:通知|告知|补充|提供|提交|要求|补交|增加)",
    # 所需材料另行通知
    r"(?:材料|资料|要求|证明|补充|其他|其它|要件)[^，,。；;：:]{0,6}另行(?:通知|告知|要求)",
    # 具体材料请咨询窗口工作人员
    r"(?:具体|所需|详细|需要提交的|需提交的)(?:材料|要求|资料|内容|事项|证明)?(?:请|可|须|需)?(?:向|到)?"
    r"(?:咨询|询问|电话咨询|来电咨询|致电)(?:受理|办事|业务)?(?:窗口工作人员|窗口|工作人员|当地|经办人员|经办人|办理部门)",
    # 是否需要提供由窗口工作人员确定
    r"由(?:窗口|受理窗口|工作人员|审批人员|经办人员|受理人员|审核人员|审批部门)(?:根据(?:实际|具体)?情况)?(?:决定|确定|认定|酌定)",
)))
# Characters that start some pattern: a cheap test before the regex.
_TRIGGERS = frozenset("以按依根视材资要证补其具所详需由")


@lru_cache(maxsize=65536)
def vague_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of vague wording in a text (matched on its simplified form; spans hold for the original)."""
    t = simplified(text)
    if _TRIGGERS.isdisjoint(t):
        return ()
    return tuple(m.span() for m in VAGUE_RE.finditer(t))


def _overlaps(span_: tuple[int, int], others: tuple[tuple[int, int], ...]) -> bool:
    s, e = span_
    return any(s < oe and os < e for os, oe in others)


def _found(field: str, text: str, start: int, end: int, what: str) -> Found:
    words = text[start:end]
    return ("vague_requirement", field, words,
            f"{what}“{text}”中“{words}”把要求交给了别人的规定或以后再说，群众看了指南仍不知道要准备什么。"
            "请把具体要求（哪种情形、交什么、几份）直接写进办事指南，一次性告知。",
            span(text, start, end), (words,))


def _finding(guide: Guide, index: int, out: list[GuideFinding], *, where: str, where_key: str, text: str,
             start: int, end: int, what: str) -> None:
    kind, _, words, message, evidence, extra_key = _found("", text, start, end, what)
    out.append(make(guide, index, kind, where=where, where_key=where_key, text=words, message=message,
                    evidence=evidence, extra_key=extra_key))


def material_found(name: str, requirements: str, catch_all: tuple[tuple[int, int], ...]) -> list[Found]:
    """Vague wording in a material's name (not where a catch-all is reported) and in its requirements
    (placed in a guide by materials.py)."""
    out = []
    for field, text, skip in (("name", name, catch_all), ("requirements", requirements, ())):
        if not text:
            continue
        for s, e in vague_spans(text):
            if not skip or not _overlaps((s, e), skip):
                out.append(_found(field, text, s, e, "申请材料" if field == "name" else f"申请材料“{name}”的要求"))
                break
    return out


def check_conditions(guide: Guide, index: int, out: list[GuideFinding],
                     catch_all: dict[int, tuple[tuple[int, int], ...]]) -> None:
    for j, cond in enumerate(guide.conditions):
        for s, e in vague_spans(cond):
            if _overlaps((s, e), catch_all.get(j, ())):
                continue
            where = f"conditions[{j}]" if guide.conditions_is_list else "conditions"
            _finding(guide, index, out, where=where, where_key=where, text=cond, start=s, end=e, what="受理条件")


def step_found(description: str, step_name: str) -> Found | None:
    """Vague wording in a step's description (placed in a guide by check_steps)."""
    spans = vague_spans(description) if description else ()
    if not spans:
        return None
    s, e = spans[0]
    return _found("description", description, s, e, f"办理环节“{step_name}”的说明")


def check_steps(guide: Guide, index: int, out: list[GuideFinding], found: list[Found | None]) -> None:
    """`found`: step_found() of each step, in order."""
    for j, f in enumerate(found):
        if f is not None:
            out.append(place(guide, index, f, f"steps[{j}]", step_key(guide, j)))


# What a process that promises 即办 cannot do on the spot.
_TAKES_DAYS_RE = re.compile(r"公示|入户调查|实地调查|家庭经济状况调查|现场核查|现场勘[查察验]|实地核查|踏勘|勘验|"
                            r"专家评审|专家论证|听证|检测|检验|鉴定|评估")
_PENDING = frozenset({"待定", "待补充", "未定", "另定"})
_LABELS = {"statutory_days": "法定办结时限", "promised_days": "承诺办结时限"}


def _step_days(guide: Guide) -> float:
    total = 0.0
    for s in guide.steps:
        d = s.days
        if d.__class__ is int or d.__class__ is float:
            total += d  # type: ignore[operator]
        elif d.__class__ is str and d:
            from analysis.guides.values import parse_days

            v = parse_days(simplified(d)).value  # type: ignore[arg-type]
            total += v or 0.0
    return total


def check_time_limits(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    for field in ("statutory_days", "promised_days"):
        d: Days | None = getattr(guide, field)
        if d is None or d.value is not None:
            continue
        text = d.text
        if is_empty(text) and text.strip() not in _PENDING or NO_LIMIT_RE.match(simplified(text).strip()):
            continue  # nothing written, or "no statutory limit"
        label = _LABELS[field]
        out.append(make(
            guide, index, "vague_time_limit", where=field, where_key=field, text=text,
            message=f"{label}写为“{text}”，没有具体天数。请写明几个工作日（或当场办结）。",
            evidence={"context": text, "start": 0, "end": len(text), "field": field},
        ))
    p, s = guide.promised_days, guide.statutory_days
    if p is None or s is None or p.value != 0.0 or not s.value:
        return
    simple = simplified(p.text)
    if not IMMEDIATE_RE.search(simple) or re.search(r"\d|[一二三四五六七八九十]", simple):
        return  # a figure is given (即办，1个工作日内办结)
    days = _step_days(guide)
    slow = next((m.group() for st in guide.steps for m in [_TAKES_DAYS_RE.search(simplified(st.name + st.description))]
                 if m), "")
    if not days and not slow:
        return
    why = f"办理流程各环节共需 {show_number(days)} 天" if days else f"办理流程含“{slow}”，不能当场完成"
    out.append(make(
        guide, index, "vague_time_limit", where="promised_days", where_key="promised_days", text=p.text,
        message=f"承诺办结时限只写“{p.text}”，没有天数，而法定办结时限为{s.text}，且{why}。"
                "请写明实际承诺的办结时限（几个工作日）。",
        evidence={"context": p.text, "start": 0, "end": len(p.text), "field": "promised_days",
                  "statutory_text": s.text, "step_days": days, "slow_step": slow},
        extra_key=("immediate",),
    ))
