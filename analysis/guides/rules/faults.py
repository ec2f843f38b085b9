"""unreadable_value (1.1): what the lenient reader could not read, reported on the guide instead of
stopping the file — a value of the wrong type, 是否必需 “maybe”, a negative time limit (Guide.faults),
a material row without a name, a number of visits nobody can read (“视情况”).

traditional_characters (1.1): the guide is written (partly) in traditional characters. The rules
read them as simplified ones; this says the department should publish 规范汉字 (《中华人民共和国国家
通用语言文字法》第十三条: 公共服务行业以规范汉字为基本的服务用字).
"""

from __future__ import annotations

from itertools import chain
from operator import attrgetter

from analysis.guides.hanzi import TRADITIONAL, traditional_words
from analysis.guides.model import Guide, GuideFinding
from analysis.guides.values import is_empty

from . import materials, steps
from .base import make, material_key

_FIELD_LABELS = {
    "name": "事项名称", "department": "实施主体", "code": "事项编码", "source": "发布来源", "legal_basis": "设定依据",
    "conditions": "受理条件", "materials": "申请材料", "steps": "办理流程", "statutory_days": "法定办结时限",
    "promised_days": "承诺办结时限", "fee": "收费标准", "fee_basis": "收费依据", "location": "办理地点",
    "hours": "办理时间", "phone": "咨询电话", "supervision_phone": "监督投诉电话", "visits": "到办事现场次数",
    "visits_reason": "到现场原因", "online_url": "网上办理地址",
}
_PART_LABELS = {"name": "名称", "required": "是否必需", "copies": "份数", "medium": "介质", "origin": "来源渠道",
                "blank_form": "空白表格", "sample": "示范文本", "requirements": "要求", "basis": "依据",
                "description": "办理内容", "days": "办理时限"}


def describe(path: str) -> str:
    """“materials[2].required” → “申请材料第 3 项的是否必需”."""
    head, _, part = path.partition(".")
    root, _, rest = head.partition("[")
    label = _FIELD_LABELS.get(root, root)
    if rest:
        label = f"{label}第 {int(rest.rstrip(']')) + 1} 项"
    if part:
        label = f"{label}的{_PART_LABELS.get(part, part)}"
    return label


def check(guide: Guide, index: int, out: list[GuideFinding], material_facts: list[materials.Facts]) -> None:
    """Guide.faults, rows without a name (from `material_facts`: materials.facts_of(guide)), visits nobody can read."""
    for fault in guide.faults:
        shown = f"“{fault.text}”" if fault.text else ""
        out.append(make(
            guide, index, "unreadable_value", where=fault.path, where_key=fault.path, text=fault.text,
            message=f"{describe(fault.path)}{shown}无法识别：{fault.message}。请按办事指南的规范格式填写。",
            evidence={"context": fault.text, "problem": fault.message},
        ))
    if any(map(_NAMELESS, material_facts)):
        faulted = {f.path for f in guide.faults}
        for j, m in enumerate(guide.materials):
            if m.name.strip() or f"materials[{j}].name" in faulted:
                continue
            hints = "，".join(x for x in (m.requirements, m.blank_form, m.sample) if x.strip())[:80]
            known = f"（该行其他内容：{hints}）" if hints else ""
            out.append(make(
                guide, index, "unreadable_value", where=f"materials[{j}].name",
                where_key=f"{material_key(guide, j)}.name", text=m.name,
                message=f"申请材料第 {j + 1} 项没有写材料名称{known}，群众不知道要交什么。请补上材料名称，或删除这一行。",
                evidence={"context": "", "problem": "material_without_name"},
            ))
    if guide.visits is None and not is_empty(guide.visits_text):
        text = guide.visits_text
        out.append(make(
            guide, index, "unreadable_value", where="visits", where_key="visits", text=text,
            message=f"到办事现场次数写为“{text}”，看不出要跑几次。请写明次数（0、1、2 …）。",
            evidence={"context": text, "start": 0, "end": len(text), "problem": "visits_not_a_number"},
        ))


class _Words(dict[str, tuple[str, ...]]):
    """text -> its traditional words, worked out once per distinct text (a dict: cheaper than lru_cache)."""

    def __missing__(self, text: str) -> tuple[str, ...]:
        if len(self) >= 200_000:
            self.clear()
        found = () if TRADITIONAL.isdisjoint(text) else tuple(traditional_words(text))
        self[text] = found
        return found


_traditional = _Words().__getitem__
_NAMELESS, _TRADITIONAL = attrgetter("nameless"), attrgetter("traditional")


def _texts(guide: Guide) -> list[tuple[str, str]]:
    """(path, text) of the words a reader of the guide reads."""
    out = [("name", guide.name)]
    prefix = "conditions"
    for j, c in enumerate(guide.conditions):
        out.append((f"{prefix}[{j}]" if guide.conditions_is_list else prefix, c))
    for j, m in enumerate(guide.materials):
        out.append((f"materials[{j}].name", m.name))
        if m.requirements:
            out.append((f"materials[{j}].requirements", m.requirements))
    for j, s in enumerate(guide.steps):
        out.append((f"steps[{j}].name", s.name))
        if s.description:
            out.append((f"steps[{j}].description", s.description))
    for field in ("location", "hours", "fee", "visits_reason"):
        value = getattr(guide, field)
        if value:
            out.append((field, value))
    for field in ("statutory_days", "promised_days"):
        d = getattr(guide, field)
        if d is not None:
            out.append((field, d.text))
    return out


def _any_traditional(guide: Guide, material_facts: list[materials.Facts], step_facts: list[steps.Facts]) -> bool:
    """A quick look first (most guides have none): materials and steps as their facts say, every other
    text looked at once per distinct text and remembered."""
    if any(map(_TRADITIONAL, material_facts)) or any(map(_TRADITIONAL, step_facts)):
        return True
    statutory, promised = guide.statutory_days, guide.promised_days
    return any(map(_traditional, chain(
        (guide.name, guide.location, guide.hours, guide.fee, guide.visits_reason), guide.conditions,
        (statutory.text if statutory else "", promised.text if promised else ""),
    )))


def check_traditional(guide: Guide, index: int, out: list[GuideFinding], material_facts: list[materials.Facts],
                      step_facts: list[steps.Facts]) -> None:
    if not _any_traditional(guide, material_facts, step_facts):
        return
    paths: list[str] = []
    words: list[str] = []
    first = ""
    for path, text in _texts(guide):
        found = _traditional(text)
        if not found:
            continue
        if not paths:
            first = text
        paths.append(path)
        for w in found:
            if w not in words:
                words.append(w)
    if not paths:
        return
    shown = "”“".join(words[:6])
    more = "等" if len(words) > 6 else ""
    out.append(make(
        guide, index, "traditional_characters", where=paths[0], where_key="traditional_characters", text=words[0],
        message=f"办事指南使用了繁体字（“{shown}”{more}，见{describe(paths[0])}等 {len(paths)} 处）。"
                "公共服务应以规范汉字为基本用字（《中华人民共和国国家通用语言文字法》第十三条），请改为规范简体字。",
        evidence={"context": first, "paths": paths, "words": words},
    ))
