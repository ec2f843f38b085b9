"""What a data-detected problem is about: its cause, the one thing a unit has to put right.

Detectors report findings (a material without a sample, one month of slow afternoons, one proof).
A unit acts on causes: a service guide, a proof, a hall's afternoon queue, a phone line. The intake
(intake.py) files every finding under the problem of its cause, so one guide with five faults is one
problem with five findings inside, and a hall that is slow every afternoon is one problem whose months
are occurrences inside it.

Each detector declares its grouping in one line of GROUPINGS: how a finding's cause is keyed, how the
problem is titled (naming the thing), and whether its findings are items to put right one by one
(a guide's faults) or occurrences of one cause (the months a queue was too long). A detector not
listed keeps one problem per finding. The functions read a finding as stored (`Finding.to_dict()`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from analysis.common import fingerprint
from analysis.guides.model import KINDS as GUIDE_KINDS

Data = dict[str, Any]


@dataclass(frozen=True)
class Occurrence:
    """Where or when one finding of an occurrence cause happened: a month, an hour, an item."""

    dimension: str  # "month", "hour", "item", "holder", "window", "" (the cause as a whole)
    value: str  # sorts the occurrences: "2026-01", "14", the item's name
    label: str  # as a person reads it: 2026年1月, 14:00–15:00
    figure: float | None = None  # what the trend chart shows for it (days in the month, a service level)


@dataclass(frozen=True)
class Grouping:
    key: Callable[[Data], tuple[str, ...]]
    title: Callable[[list[Data]], str]
    # True: each finding is a thing to fix (marked fixed, accepted); the problem is ready for
    # verification when none is open. False: the findings are occurrences of one cause.
    itemised: bool = True
    occurrence: Callable[[Data], Occurrence] | None = None


def _key(data: Data) -> list[str]:
    return [str(k) for k in data.get("key") or []]


def _ev(data: Data) -> Data:
    ev = data.get("evidence")
    return ev if isinstance(ev, dict) else {}


def _count(findings: list[Data], text: str) -> str:
    return _("%(n)d 处%(what)s") % {"n": len(findings), "what": text}


# ---------------------------------------------------------------- service guides: one problem per item's guide

GUIDE_CHECKLIST_TEXT = {"1.1": "办事要求不明晰", "1.2": "网上发布不规范", "1.3": "咨询电话不规范",
                        "1.4": "一次性告知不到位"}


def guide_key(data: Data) -> tuple[str, ...]:
    # The item's identity (its code, else its normalised name) leads every guide finding's key.
    identity = _key(data)[:1] or [data.get("code") or data.get("name", "")]
    return ("guide", identity[0])


def guide_title(findings: list[Data]) -> str:
    names = Counter(f.get("name", "") for f in findings if f.get("name"))
    name = names.most_common(1)[0][0] if names else _("（未命名事项）")
    codes = {f.get("checklist", "") for f in findings}
    what = GUIDE_CHECKLIST_TEXT.get(codes.pop(), "需修改") if len(codes) == 1 else "需修改"
    return _("办事指南《%(name)s》：%(what)s") % {"name": name, "what": _count(findings, what)}


# ---------------------------------------------------------------- proofs: one proof, one loop, one item's chain

def proof_key(data: Data) -> tuple[str, ...]:
    key = _key(data)
    if key[:1] == ["chain"] or key[:1] == ["item"]:  # an item's chain: duplicates and offices to visit
        return ("item", *key[1:2])
    return tuple(key)  # ("proof", id), ("cycle", *ids), ("same_name", name)


def proof_title(findings: list[Data]) -> str:
    first = findings[0]
    key, ev = _key(first), _ev(first)
    kinds = {f.get("kind") for f in findings}
    if key[:1] == ["cycle"]:
        names = ev.get("names") or key[1:]
        return _("循环证明：%(chain)s 互为前提") % {"chain": " → ".join([*names, names[0]] if names else [])}
    if key[:1] == ["same_name"]:
        return _("证明“%(name)s”由多个单位重复开具") % {"name": ev.get("normalised_name") or key[-1]}
    if key[:1] in (["chain"], ["item"]):
        item = next((_ev(f).get("item_name") for f in findings if _ev(f).get("item_name")), "")
        parts = []
        if "duplicate_proof" in kinds:
            parts.append(_("证明重复提交"))
        runaround = next((_ev(f) for f in findings if f.get("kind") == "excessive_runaround"), None)
        if runaround:
            parts.append(_("需到 %(n)d 个单位开具证明") % {"n": runaround.get("issuers_total", 0)})
        return _("事项“%(item)s”（%(id)s）：%(what)s") % {"item": item, "id": key[1] if len(key) > 1 else "",
                                                        "what": "、".join(parts) or _("证明材料过多")}
    what = {"proof_without_basis": _("没有设定依据，应予取消"),
            "replaceable_by_shared_data": _("可共享核验，不应再要求群众提交")}
    only = str(next(iter(kinds))) if len(kinds) == 1 else ""
    text = what.get(only, _("需清理"))
    return _("证明“%(name)s”（%(id)s）：%(what)s") % {"name": ev.get("name", ""), "id": ev.get("proof", ""),
                                                    "what": text}


PROOF_TEXT = {"circular_proof": "循环证明", "duplicate_proof": "重复证明", "proof_without_basis": "无设定依据的证明",
              "replaceable_by_shared_data": "可由共享数据替代的证明", "excessive_runaround": "群众跑动部门过多"}


# ---------------------------------------------------------------- window statistics: one hall's facilities

REGISTRY_TEXT = {"window_without_authority": "窗口缺乏审批权", "hall_without_queue_machine": "没有排队叫号机",
                 "hall_without_copier": "不提供复印服务"}


def hall_key(data: Data) -> tuple[str, ...]:
    return ("hall", *_key(data)[:1])


def hall_title(findings: list[Data]) -> str:
    hall = _ev(findings[0]).get("hall") or (_key(findings[0]) or [""])[0]
    kinds = {str(f.get("kind", "")) for f in findings}
    parts = sorted(REGISTRY_TEXT.get(k, k) for k in kinds)
    return _("%(hall)s：%(what)s") % {"hall": hall, "what": "、".join(parts)}


# ---------------------------------------------------------------- queue tickets: one hall × kind

QUEUE_TEXT = {
    "long_wait": "等候过长", "unserved_at_closing": "下班时仍有群众未被叫号",
    "ticket_expired_overnight": "头天排号第二天不能用", "repeat_visits": "群众为同一事项多次跑动",
    "scalper_suspect": "疑似“黄牛”取号", "queue_jumping": "疑似插队叫号", "too_few_windows": "开放窗口少于测算所需",
}
# How many occurrences of each dimension, as the title says it.
DIMENSION_COUNT = {"month": "%(n)d 个月出现", "hour": "%(n)d 个时段", "item": "%(n)d 个事项", "holder": "%(n)d 人",
                   "window": "%(n)d 个窗口"}


def kind_key(data: Data) -> tuple[str, ...]:
    return (data.get("kind", ""),)


def month_label(month: str) -> str:
    y, _sep, m = month.partition("-")
    return f"{y}年{int(m)}月" if m.isdigit() else month


def queue_occurrence(data: Data) -> Occurrence:
    key, ev = _key(data), _ev(data)
    kind = data.get("kind", "")
    if kind == "long_wait" and key[:1] == ["day"]:
        return Occurrence("month", key[1], month_label(key[1]), ev.get("days_count"))
    if kind == "long_wait" and key[:1] == ["hour"]:
        h = int(key[1])
        return Occurrence("hour", key[1], f"{h}:00–{h + 1}:00", ev.get("service_level"))
    if kind == "long_wait" and key[:1] == ["item"]:
        return Occurrence("item", key[1], _("事项“%(item)s”") % {"item": key[1]}, ev.get("service_level"))
    if kind in ("unserved_at_closing", "ticket_expired_overnight") and key:
        return Occurrence("month", key[0], month_label(key[0]), ev.get("days_count", ev.get("count")))
    if kind == "repeat_visits" and key:
        return Occurrence("item", key[0], _("事项“%(item)s”") % {"item": key[0]}, ev.get("repeat_visits"))
    if kind == "scalper_suspect" and key:
        return Occurrence("holder", key[0], _("取号人 %(h)s") % {"h": key[0]}, ev.get("tickets_count"))
    if kind == "queue_jumping" and key:
        return Occurrence("window", key[0], _("窗口 %(w)s") % {"w": key[0] or "—"}, ev.get("jumps"))
    return Occurrence("", "", _("全部时段"), ev.get("slots_count"))


DIMENSION_ORDER = ("month", "hour", "item", "window", "holder", "")


def occurrence_order(o: Occurrence) -> tuple[int, str]:
    """Months first, in time order, then hours, items …"""
    return (DIMENSION_ORDER.index(o.dimension) if o.dimension in DIMENSION_ORDER else 9, o.value)


def _day_part(hours: list[int]) -> str:
    if hours and all(h >= 12 for h in hours):
        return _("下午")
    if hours and all(h < 12 for h in hours):
        return _("上午")
    return ""


def queue_title(findings: list[Data]) -> str:
    hall, kind = str(findings[0].get("subject", "")), str(findings[0].get("kind", ""))
    occurrences = [queue_occurrence(f) for f in findings]
    by_dim = Counter(o.dimension for o in occurrences if o.dimension)
    prefix = _day_part([int(o.value) for o in occurrences if o.dimension == "hour"]) if kind == "long_wait" else ""
    counts = "，".join(_(DIMENSION_COUNT[d]) % {"n": n} for d, n in by_dim.items() if d in DIMENSION_COUNT)
    what = prefix + QUEUE_TEXT.get(kind, kind)
    return _("%(hall)s：%(what)s%(counts)s") % {"hall": hall, "what": what, "counts": f"（{counts}）" if counts else ""}


# ---------------------------------------------------------------- consultation phones: one line

def line_key(data: Data) -> tuple[str, ...]:
    return ("line", _ev(data).get("line") or (_key(data) or [""])[0])


def line_title(findings: list[Data]) -> str:
    line = line_key(findings[0])[1]
    return _("咨询电话 %(line)s：接通率低于要求") % {"line": line}


def line_occurrence(data: Data) -> Occurrence:
    period = _ev(data).get("period") or {}
    label = f"{period.get('from', '')} — {period.get('to', '')}" if period else _("统计期间")
    return Occurrence("", "", label, _ev(data).get("answer_rate"))


# ---------------------------------------------------------------- 好差评: one window (or item) rated

RATING_TEXT = {"low_satisfaction": "满意率低于要求", "bad_ratings_unanswered": "差评超期未答复",
               "bad_ratings_answered_late": "差评答复超期", "bad_rating_unanswered": "差评超期未答复",
               "bad_rating_answered_late": "差评答复超期"}
PLACE = {"window": "窗口", "item": "事项", "unit": "单位"}


def rating_key(data: Data) -> tuple[str, ...]:
    key, ev = _key(data), _ev(data)
    if data.get("kind") == "low_satisfaction" and len(key) >= 2:
        return (key[0], key[1])
    return ("window", ev.get("window") or (key or [""])[0])


def rating_title(findings: list[Data]) -> str:
    dimension, name = rating_key(findings[0])
    order = list(RATING_TEXT)
    kinds = sorted({f.get("kind", "") for f in findings}, key=lambda k: order.index(k) if k in order else 99)
    what = "、".join(dict.fromkeys(RATING_TEXT.get(k, k) for k in kinds))
    return _("%(place)s“%(name)s”好差评：%(what)s") % {"place": PLACE.get(dimension, ""), "name": name, "what": what}


def rating_occurrence(data: Data) -> Occurrence:
    ev = _ev(data)
    kind = str(data.get("kind", ""))
    return Occurrence("", kind, RATING_TEXT.get(kind, kind), ev.get("count", ev.get("bad")))


# ---------------------------------------------------------------- case records (办件): one item × kind

def item_kind_key(data: Data) -> tuple[str, ...]:
    ev = _ev(data)
    return ("item", str(ev.get("item") or (_key(data) or [""])[0]), data.get("kind", ""))


GROUPINGS: dict[str, Grouping] = {
    "guides": Grouping(key=guide_key, title=guide_title),
    "proofs": Grouping(key=proof_key, title=proof_title),
    "registry": Grouping(key=hall_key, title=hall_title),
    "queue": Grouping(key=kind_key, title=queue_title, itemised=False, occurrence=queue_occurrence),
    "calls": Grouping(key=line_key, title=line_title, itemised=False, occurrence=line_occurrence),
    "ratings": Grouping(key=rating_key, title=rating_title, itemised=False, occurrence=rating_occurrence),
}

TITLE_MAX = 200


def clip(text: str) -> str:
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"


def finding_title(data: Data) -> str:
    """A problem of one ungrouped finding is titled by the first line of the detector's message."""
    message = str(data.get("message", "")).strip()
    return clip(message.splitlines()[0] if message else str(data.get("kind", "")))


def grouping_of(detector: str) -> Grouping | None:
    return GROUPINGS.get(detector)


def is_itemised(detector: str) -> bool:
    g = grouping_of(detector)
    return g is None or g.itemised


def cause_fingerprint(detector: str, scope: str, unit_id: int, data: Data) -> str:
    """The problem's fingerprint: the finding's own for a detector without a grouping."""
    g = grouping_of(detector)
    if g is None:
        return str(data["fingerprint"])
    return fingerprint("cause", detector, scope, unit_id, *g.key(data))


def cause_title(detector: str, findings: list[Data]) -> str:
    g = grouping_of(detector)
    if g is None or not findings:
        return finding_title(findings[0]) if findings else ""
    return clip(g.title(findings))


def kind_text(kind: str) -> str:
    if kind in GUIDE_KINDS:
        return GUIDE_KINDS[kind][1]
    return {**QUEUE_TEXT, **RATING_TEXT, **REGISTRY_TEXT, **PROOF_TEXT}.get(kind, kind)


def _advice(message: str) -> str:
    """The detector's advice: the last sentence of its message when it asks for something (请…)."""
    sentences = [s for s in message.strip().splitlines()[0].split("。") if s.strip()] if message.strip() else []
    return f"{sentences[-1].strip()}。" if sentences and sentences[-1].strip().startswith("请") else ""


def cause_description(detector: str, findings: list[Data]) -> str:
    """One finding: the detector's message. Several: what they are, counted (the page lists each one)."""
    g = grouping_of(detector)
    if g is None or len(findings) == 1:
        return str(findings[0].get("message", "")) if findings else ""
    if g.occurrence is not None and not g.itemised:
        occs = sorted((g.occurrence(f) for f in findings), key=occurrence_order)
        labels = [o.label for o in occs]
        shown = "、".join(labels[:12]) + (_("等") if len(labels) > 12 else "")
        return _("共出现 %(n)d 次：%(list)s。%(advice)s") % {
            "n": len(findings), "list": shown, "advice": _advice(str(findings[-1].get("message", "")))}
    kinds = Counter(str(f.get("kind", "")) for f in findings)
    parts = "、".join(_("%(what)s %(n)d 处") % {"what": kind_text(k), "n": n} for k, n in kinds.most_common())
    return _("共 %(n)d 处：%(parts)s。每处的位置和修改要求见“问题点”。") % {"n": len(findings), "parts": parts}


def cause_checklist(findings: list[Data]) -> str:
    """The most common checklist code among the findings (the lowest on a tie)."""
    counts = Counter(str(f.get("checklist", "")) for f in findings)
    return min(counts, key=lambda c: (-counts[c], c)) if counts else ""


def occurrence_of(detector: str, data: Data) -> Occurrence | None:
    g = grouping_of(detector)
    return g.occurrence(data) if g is not None and g.occurrence is not None else None
