"""step_without_requirements (1.1): a step with a name and nothing that says what happens or
what is needed, a step that only names the office (“受理：镇便民服务站；审核：县民政局” — who, not
what), or a process given only as a chain of step names (“提出申请——受理——审核”)."""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from analysis.guides.hanzi import has_traditional, simplified
from analysis.guides.model import Guide, GuideFinding, Step

from . import vague
from .base import Found, make, place, step_key

_PUNCT_RE = re.compile(r"[\s\W_]+")
# Descriptions that describe nothing.
VACUOUS = frozenset({
    "", "无", "略", "暂无", "同上", "见上", "详见", "详见指南", "详见办事指南", "见办事指南", "按规定办理", "按规定",
    "依法办理", "按程序办理", "按流程办理", "按要求办理", "按相关规定办理", "按有关规定办理", "依规办理", "依规定办理",
    "按照规定办理", "按照有关规定办理", "按照相关规定办理", "依照规定办理", "依程序办理", "按照程序办理", "待定", "null", "none",
})
# 提出申请——受理——审核, 申请→受理→办结, 申请->审核->发证
_STRONG_SEP = r"\s*(?:—{2,}|→|->|=>|⇒|⟶|＞|>|》)\s*"
_WEAK_SEP = r"\s*(?:—|－|-{1,2})\s*"
_SEGMENT = r"[^\s—－\-→>＞》⇒⟶=，,。；;：:]{1,15}"
CHAIN_RE = re.compile(
    rf"^{_SEGMENT}(?:{_STRONG_SEP}{_SEGMENT})+$|^{_SEGMENT}(?:{_WEAK_SEP}{_SEGMENT}){{2,}}$"
)
_SEPARATOR_RE = re.compile(r"[—－\-→>＞》⇒⟶]")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _norm(text: str) -> str:
    return _PUNCT_RE.sub("", text)


def is_chain(text: str) -> bool:
    """A list of step names joined by arrows or dashes, with nothing else."""
    if _SEPARATOR_RE.search(text) is None:
        return False  # no arrow or dash at all (the common case, found at C speed)
    t = text.strip()
    if CHAIN_RE.match(t) is None:
        return False
    parts = [p for p in re.split(r"—+|－+|-+|→|>|＞|》|⇒|⟶|=", t) if p.strip()]
    return len(parts) >= 2 and all(_CJK_RE.search(p) for p in parts)


_LONGEST_VACUOUS = max(len(v) for v in VACUOUS)


def says_nothing(step: Step) -> bool:
    """The description is empty, a placeholder, or only repeats the step's name."""
    raw = step.description
    if len(raw) > _LONGEST_VACUOUS + 4 and len(raw) > len(step.name) + 6:
        return False  # too long to be a placeholder or the name again (the common case)
    d = _norm(raw)
    if d.lower() in VACUOUS:
        return True
    n = _norm(step.name)
    return bool(n) and d in (n, n + "环节", n + "阶段", "进行" + n, "负责" + n, n + "。")


# An office and nothing else: “镇便民服务站”, “由县民政局负责”, “县政务服务中心民政窗口”.
_OFFICE_RE = re.compile(
    r"^(?:由|在|到|向)?[\u4e00-\u9fff（）()、]{0,30}?"
    r"(?:人民政府|政府|局|站|所|中心|窗口|办公室|办|科|股|室|大厅|委员会|村委会|居委会|社区|办事处|街道|乡|镇|"
    r"分局|队|院|部门|机关|馆|处)"
    r"(?:负责|办理|受理|承办|经办|实施)?$"
)
# “受理：镇便民服务站；审核：县民政局” written as one step's name
_NAMED_OFFICES_RE = re.compile(r"^(?:[^：:；;]{1,8}[：:][^：:；;]{2,30}[；;，,]?\s*)+$")
_NOT_OFFICE_RE = re.compile(r"审查|审核|核查|材料|提交|提供|出具|作出|决定|签字|核验|填写|领取|送达|办结|公示|调查|"
                            r"日内|工作日|当场|告知|通知|准予|不予")


def names_only_office(text: str, step_name: str = "") -> bool:
    """The text names who handles the step and says nothing of what happens or what is needed."""
    t = _PUNCT_RE.sub("", simplified(text))
    if not t or len(t) > 40:
        return False
    n = _PUNCT_RE.sub("", simplified(step_name))
    if n and t.endswith(n) and len(t) > len(n):
        t = t[: -len(n)]  # “县民政局审核” in a step named 审核: the office, then the name again
    return _OFFICE_RE.match(t) is not None and _NOT_OFFICE_RE.search(t) is None


def offices_in_name(name: str) -> bool:
    """A step name written as “受理：镇便民服务站；审核：县民政局” — stage and office pairs only."""
    t = simplified(name).strip()
    if "：" not in t and ":" not in t:
        return False
    if _NAMED_OFFICES_RE.match(t) is None:
        return False
    pairs = [p for p in re.split(r"[；;，,]", t) if p.strip()]
    return all(names_only_office(re.split(r"[：:]", p, maxsplit=1)[1]) for p in pairs)


EMPTY, CHAIN_IN_NAME, CHAIN_IN_DESCRIPTION, OFFICE_ONLY = 1, 2, 4, 8


@lru_cache(maxsize=65536)
def step_flags(name: str, description: str) -> int:
    """EMPTY | CHAIN_IN_NAME | CHAIN_IN_DESCRIPTION | OFFICE_ONLY for a step (steps repeat: remembered).
    OFFICE_ONLY comes with EMPTY: the step says who, not what."""
    empty = says_nothing(Step(name, description))
    flags = EMPTY if empty else 0
    if not empty and names_only_office(description, name) or empty and not description and offices_in_name(name):
        flags = EMPTY | OFFICE_ONLY
    if empty and is_chain(name):
        flags |= CHAIN_IN_NAME  # a name like “受理——审核” is fine when the description says what happens
    if is_chain(description):
        flags |= CHAIN_IN_DESCRIPTION
    return flags


_EMPTY_ONLY = frozenset({EMPTY, EMPTY | OFFICE_ONLY})


@lru_cache(maxsize=16384)
def found(name: str, description: str, flags: int) -> Found:
    """The finding about one step with these flags (not part of a process given only as names)."""
    if flags & (CHAIN_IN_NAME | CHAIN_IN_DESCRIPTION):
        field = "description" if flags & CHAIN_IN_DESCRIPTION else "name"
        text = description if field == "description" else name
        return ("step_without_requirements", field, text,
                f"办理流程写成了一串环节名称“{text}”，没有说明各环节的具体要求。"
                "请拆分为各个环节，逐一写明办理内容、办理要求和时限。", {"context": text}, ())
    if not name and not description:
        message = "办理流程中有一个空环节（没有名称也没有说明）。请删除或补全该环节。"
    elif flags & OFFICE_ONLY:
        who = description or name
        message = (f"办理环节“{name}”只写了由谁办理（{who}），没有说明这一环节做什么、需要申请人提供什么。"
                   "请写明办理内容、办理要求和时限。")
    else:
        message = (f"办理环节“{name}”只有名称，没有说明这一环节做什么、需要申请人提供什么。"
                   "请写明办理内容、办理要求和时限。")
    return ("step_without_requirements", "description", name, message, {"context": name}, ())


class Facts(NamedTuple):
    """What a step's name and description say, the same in every guide that lists the step."""

    flags: int  # step_flags()
    vague: Found | None  # vague wording in the description (vague.py)
    traditional: bool  # traditional characters in the name or the description (reported by faults.py)


@lru_cache(maxsize=16384)  # findings with their messages: bounded for a long-running web worker
def facts(name: str, description: str) -> Facts:
    return Facts(step_flags(name, description), vague.step_found(description, name),
                 has_traditional(name) or has_traditional(description))


def facts_of(guide: Guide) -> list[Facts]:
    return [facts(s.name, s.description) for s in guide.steps]


_FLAGS = itemgetter(0)


def check(guide: Guide, index: int, out: list[GuideFinding], facts_: list[Facts]) -> None:
    """step_without_requirements, from `facts_` (facts_of(guide))."""
    if not any(map(_FLAGS, facts_)):
        return
    steps = guide.steps
    flags = list(map(_FLAGS, facts_))
    if len(steps) >= 2 and _EMPTY_ONLY.issuperset(flags):
        if any(f & OFFICE_ONLY for f in flags):
            chain = "；".join(f"{s.name}：{s.description}" if s.description else s.name for s in steps)
            message = (f"办理流程只写了各环节由哪个单位办理（{chain}），没有说明每个环节做什么、要什么。"
                       "请逐个环节写明办理内容、办理要求和时限。")
        else:
            chain = "——".join(s.name for s in steps)
            message = (f"办理流程只列出了环节名称（{chain}），没有说明每个环节做什么、要什么。"
                       "请逐个环节写明办理内容、办理要求和时限。")
        out.append(make(
            guide, index, "step_without_requirements", where="steps", where_key="steps", text=chain,
            message=message, evidence={"context": chain, "steps": [s.name for s in steps]},
        ))
        return
    for j, f in enumerate(flags):
        if f:
            s = steps[j]
            out.append(place(guide, index, found(s.name, s.description, f), f"steps[{j}]", step_key(guide, j)))
