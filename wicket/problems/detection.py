"""What a detector saw behind a problem (`Problem.evidence_data`), and how it changed between runs.

`evidence_data` is the finding as the detector gave it (`Finding.to_dict()`): kind, checklist, subject,
message, key, fingerprint and `evidence`, the figures behind it. Intake keeps the newest one on the
problem and the one it replaced on an append-only `evidence_updated` event; this module turns both
into rows a person can read (label, value) and into the list of figures that changed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ProblemEvent

# The detectors that feed the problem list (`Problem.detector`), as their users call them.
DETECTORS = {
    "guides": gettext_lazy("办事指南体检"),
    "proofs": gettext_lazy("证明材料清理"),
    "queue": gettext_lazy("排队叫号数据分析"),
    "calls": gettext_lazy("咨询电话数据分析"),
    "ratings": gettext_lazy("好差评数据分析"),
    "registry": gettext_lazy("窗口统计报送"),
}


def detector_label(name: str) -> str:
    return str(DETECTORS.get(name, name))


# Labels for the figures detectors put in `evidence`; a key not listed is shown as it is.
LABELS = {
    "message": gettext_lazy("检测结论"),
    "line": gettext_lazy("电话号码"),
    "unit": gettext_lazy("单位"),
    "hall": gettext_lazy("大厅"),
    "window": gettext_lazy("窗口"),
    "item": gettext_lazy("事项"),
    "staff": gettext_lazy("工作人员"),
    "holder": gettext_lazy("取号人"),
    "name": gettext_lazy("名称"),
    "month": gettext_lazy("月份"),
    "hour": gettext_lazy("时段"),
    "period": gettext_lazy("统计期间"),
    "period.from": gettext_lazy("统计期间起"),
    "period.to": gettext_lazy("统计期间止"),
    "calls": gettext_lazy("来电数"),
    "answered": gettext_lazy("接通数"),
    "answered_within": gettext_lazy("限时内接通数"),
    "answer_rate": gettext_lazy("接通率"),
    "answered_within_share": gettext_lazy("限时内接通占比"),
    "min_answer_rate": gettext_lazy("接通率要求"),
    "answer_within_seconds": gettext_lazy("接通时限（秒）"),
    "mean_ring_seconds": gettext_lazy("平均振铃时长（秒）"),
    "no_answer": gettext_lazy("无人接听"),
    "busy": gettext_lazy("占线"),
    "invalid_number": gettext_lazy("空号停机"),
    "unanswered_examples": gettext_lazy("未接来电示例"),
    "ratings": gettext_lazy("评价数"),
    "satisfied": gettext_lazy("满意数"),
    "satisfaction": gettext_lazy("满意率"),
    "min_satisfaction": gettext_lazy("满意率要求"),
    "min_ratings": gettext_lazy("最少评价数"),
    "bad": gettext_lazy("差评数"),
    "mean_level": gettext_lazy("平均评分"),
    "levels": gettext_lazy("各级评价数"),
    "bad_replies": gettext_lazy("差评答复情况"),
    "comments": gettext_lazy("评价意见"),
    "rating_id": gettext_lazy("评价编号"),
    "rating_ids": gettext_lazy("评价编号"),
    "workdays_overdue": gettext_lazy("超期工作日"),
    "workdays_late": gettext_lazy("迟复工作日"),
    "today": gettext_lazy("检测日期"),
    "count": gettext_lazy("数量"),
    "holders_count": gettext_lazy("涉及取号人数"),
    "days_count": gettext_lazy("涉及天数"),
    "context": gettext_lazy("原文"),
    "field": gettext_lazy("字段"),
    "fee": gettext_lazy("收费"),
    "promised_days": gettext_lazy("承诺时限（天）"),
    "subject.code": gettext_lazy("事项编码"),
    "subject.name": gettext_lazy("办事指南"),
    "subject.source": gettext_lazy("发布来源"),
    "mean": gettext_lazy("平均"),
    "p50": gettext_lazy("中位数"),
    "p90": gettext_lazy("90%分位"),
    "p95": gettext_lazy("95%分位"),
    "max": gettext_lazy("最大"),
    "min": gettext_lazy("最小"),
    "proof": gettext_lazy("证明编号"),
    "proofs": gettext_lazy("涉及证明"),
    "issuer": gettext_lazy("开具单位"),
    "issuers": gettext_lazy("开具单位"),
    "demanded_via": gettext_lazy("经由"),
    "shared_source": gettext_lazy("共享数据来源"),
    "visits": gettext_lazy("需跑单位数"),
    "sources": gettext_lazy("发布来源"),
    "differences": gettext_lazy("不一致之处"),
    "guides": gettext_lazy("涉及指南"),
    "fields": gettext_lazy("不一致字段"),
    "problem": gettext_lazy("问题类型"),
    "label": gettext_lazy("项目"),
    "days": gettext_lazy("涉及日期"),
    "item_name": gettext_lazy("事项名称"),
    "tickets": gettext_lazy("票号"),
    "unserved_share_max": gettext_lazy("未办结占比上限"),
    "unserved": gettext_lazy("未办理人数"),
    "scope": gettext_lazy("统计口径"),
    "target_minutes": gettext_lazy("等候时长目标（分钟）"),
    "service_level_goal": gettext_lazy("服务水平目标"),
    "phone": gettext_lazy("电话"),
    "repeat_visits": gettext_lazy("重复跑动次数"),
    "within_days": gettext_lazy("统计天数"),
    "holders": gettext_lazy("取号人"),
    "issuers_total": gettext_lazy("现需跑单位数"),
    "issuers_after": gettext_lazy("清理后需跑单位数"),
    "proofs_total": gettext_lazy("所需证明数"),
    "max_issuers": gettext_lazy("最多允许跑单位数"),
    "duplicates": gettext_lazy("重复证明"),
    "statutory_days": gettext_lazy("法定时限（天）"),
    "statutory_text": gettext_lazy("法定时限原文"),
    "demands": gettext_lazy("要求提供"),
    "reply_deadline_workdays": gettext_lazy("答复时限（工作日）"),
    "cycle": gettext_lazy("循环链"),
    "names": gettext_lazy("名称"),
    "component": gettext_lazy("相互依赖的证明"),
    "blocked_items": gettext_lazy("无法办结的事项"),
    "called": gettext_lazy("叫号数"),
    "service_level": gettext_lazy("服务水平"),
    "wait_minutes": gettext_lazy("等候时长（分钟）"),
    "normalised_name": gettext_lazy("规范名称"),
    "dimension": gettext_lazy("统计维度"),
    "reasons": gettext_lazy("疑似原因"),
    "reason_text": gettext_lazy("疑似原因"),
    "tickets_count": gettext_lazy("取号数"),
    "max_tickets_per_day": gettext_lazy("单日最多取号"),
    "busy_days": gettext_lazy("多次取号日期"),
    "bursts_count": gettext_lazy("连续取号次数"),
    "bursts": gettext_lazy("连续取号时间"),
    "items_count": gettext_lazy("涉及事项数"),
    "max_items_in_a_month": gettext_lazy("单月最多事项数"),
    "items": gettext_lazy("事项"),
    "unused": gettext_lazy("未使用号数"),
    "unused_share": gettext_lazy("未使用占比"),
    "slots_count": gettext_lazy("时段数"),
    "slots": gettext_lazy("窗口不足时段"),
}
# Top-level fields of a finding that say what it is about (a service guide's code, name and site).
SUBJECT_FIELDS = ("code", "name", "source")
# Positions inside a quoted text: they mark it, they are no figure a person reads.
HIDDEN = {"start", "end"}
# Fractions shown as percentages.
SHARES = {"answer_rate", "answered_within_share", "min_answer_rate", "satisfaction", "min_satisfaction",
          "unserved_share_max", "unused_share", "service_level", "service_level_goal"}


def normalised(data: dict[str, Any]) -> dict[str, Any]:
    """The finding as the database gives it back (tuples become lists), so equal findings compare equal."""
    return json.loads(json.dumps(data, ensure_ascii=False))


def label(key: str) -> str:
    return str(LABELS.get(key, key))


def display(key: str, value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, float) and key.rsplit(".", 1)[-1] in SHARES:
        # rounded down, as the detectors' own messages are: 94.96% must not read as 95.0%
        return f"{math.floor(value * 1000 + 1e-9) / 10:.1f}%"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return "、".join(display(key, v) for v in value)
        return _("%(n)d 条记录") % {"n": len(value)}
    if isinstance(value, dict):
        return "；".join(f"{label(k)}：{display(k, v)}" for k, v in value.items())
    return str(value)


def figures(data: dict[str, Any]) -> dict[str, Any]:
    """The finding's facts, flat: the message, then each evidence figure (a small dict one level deeper)."""
    flat: dict[str, Any] = {"message": data.get("message", "")}
    for key in SUBJECT_FIELDS:  # which guide a guide finding is about (other detectors have no such fields)
        if data.get(key):
            flat[f"subject.{key}"] = data[key]
    evidence = data.get("evidence")
    for key, value in (evidence.items() if isinstance(evidence, dict) else ()):
        if key in HIDDEN:
            continue
        if isinstance(value, dict) and value and all(not isinstance(v, dict | list) for v in value.values()) \
                and len(value) <= 3:
            for sub, v in value.items():
                flat[f"{key}.{sub}"] = v
        else:
            flat[key] = value
    return flat


@dataclass
class Row:
    key: str
    label: str
    value: str


@dataclass
class Change:
    key: str
    label: str
    old: str
    new: str


def rows(data: dict[str, Any]) -> list[Row]:
    """The figures a person reads on the problem page; the message is shown on its own."""
    return [Row(k, label(k), display(k, v)) for k, v in figures(data).items() if k != "message"]


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Figures that differ between two runs, in the newer run's order, then those it no longer has."""
    a, b = figures(old), figures(new)
    keys = [k for k in b if a.get(k) != b[k]] + [k for k in a if k not in b]
    return [Change(k, label(k), display(k, a.get(k)), display(k, b.get(k))) for k in keys]


@dataclass
class UpdateItem:
    """One finding's figures before and after a run."""

    name: str
    old_message: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Update:
    """One re-detection that changed the figures: when, who ran it, what it replaced."""

    at: Any
    by: Any
    note: str
    items: list[UpdateItem] = field(default_factory=list)


def _item(old: dict[str, Any], new: dict[str, Any]) -> UpdateItem:
    first = str(new.get("message") or old.get("message") or "").strip().splitlines()
    return UpdateItem(name=first[0] if first else "", old_message=old.get("message", ""),
                      changes=[c for c in changes(old, new) if c.key != "message"])


def updates(events) -> list[Update]:
    """Newest first, from the problem's `evidence_updated` events (already fetched: no query).

    An event holds each changed finding ({"findings": [{"fingerprint", "old", "new"}]}), or, from before
    problems were grouped by cause, the problem's one finding ({"old", "new"})."""
    out = []
    for e in events:
        if e.action != ProblemEvent.Action.EVIDENCE_UPDATED:
            continue
        pairs = [(c.get("old") or {}, c.get("new") or {}) for c in e.data.get("findings", [])] \
            or [(e.data.get("old") or {}, e.data.get("new") or {})]
        out.append(Update(at=e.at, by=e.by, note=e.note, items=[_item(old, new) for old, new in pairs]))
    return out[::-1]
