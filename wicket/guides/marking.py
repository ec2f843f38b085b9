"""A stored guide laid out field by field, with every finding's offending words marked in place.

The text of a guide is untrusted (it comes from an uploaded file): the marked HTML is built from
escaped pieces around literal <mark> tags, never by marking raw text safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis.guides import KINDS

GUIDE_FIELDS: tuple[tuple[str, Any], ...] = (
    ("name", gettext_lazy("事项名称")), ("code", gettext_lazy("事项编码")), ("department", gettext_lazy("实施主体")),
    ("source", gettext_lazy("发布来源")), ("legal_basis", gettext_lazy("设定依据")),
    ("conditions", gettext_lazy("受理条件")), ("statutory_days", gettext_lazy("法定办结时限")),
    ("promised_days", gettext_lazy("承诺办结时限")), ("fee", gettext_lazy("收费标准")),
    ("fee_basis", gettext_lazy("收费依据")), ("location", gettext_lazy("办理地点")),
    ("hours", gettext_lazy("办理时间")), ("phone", gettext_lazy("咨询电话")),
    ("supervision_phone", gettext_lazy("监督投诉电话")), ("visits", gettext_lazy("到办事现场次数")),
    ("visits_reason", gettext_lazy("到现场原因")), ("online_url", gettext_lazy("网上办理地址")),
)
MATERIAL_FIELDS: tuple[tuple[str, Any], ...] = (
    ("name", gettext_lazy("材料名称")), ("required", gettext_lazy("是否必需")), ("copies", gettext_lazy("份数")),
    ("medium", gettext_lazy("介质")), ("origin", gettext_lazy("来源渠道")),
    ("blank_form", gettext_lazy("空白表格")), ("sample", gettext_lazy("示范文本")),
    ("requirements", gettext_lazy("材料要求")), ("basis", gettext_lazy("材料依据")),
)
# The columns the guide page shows (medium and basis are rarely at fault and make the table too wide).
MATERIAL_SHOWN = ("name", "required", "copies", "origin", "blank_form", "sample", "requirements")
STEP_FIELDS: tuple[tuple[str, Any], ...] = (
    ("name", gettext_lazy("环节名称")), ("description", gettext_lazy("办理内容")), ("days", gettext_lazy("办理时限")),
)
# Findings whose words stand in another field than the one to fill in: mark them there too.
CONTEXT_FIELD = {"fee_without_basis": "fee", "visits_without_reason": "visits"}
CROSS_SITE = "inconsistent_across_sources"


def kind_label(kind: str) -> str:
    return KINDS[kind][1] if kind in KINDS else kind


@dataclass
class Cell:
    path: str
    label: Any
    html: SafeString
    flagged: bool = False
    missing: bool = False
    kinds: list[str] = field(default_factory=list)


@dataclass
class GuideLayout:
    fields: list[Cell]
    materials: list[list[Cell]]
    steps: list[list[Cell]]
    process_flagged: bool = False  # a finding about the process as a whole ("steps")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dict):  # Days
        return str(value.get("text", ""))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _values(data: dict[str, Any]) -> dict[str, str]:
    """Every path a finding's `where` can name, with its text as written."""
    out: dict[str, str] = {}
    for name, _label in GUIDE_FIELDS:
        if name in ("legal_basis", "conditions"):
            continue
        out[name] = data.get("visits_text", "") if name == "visits" else _text(data.get(name))
    for i, text in enumerate(data.get("legal_basis") or ()):
        out[f"legal_basis[{i}]"] = text
    conditions = data.get("conditions") or ()
    if data.get("conditions_is_list"):
        for i, text in enumerate(conditions):
            out[f"conditions[{i}]"] = text
    elif conditions:
        out["conditions"] = conditions[0]
    for key, spec in (("materials", MATERIAL_FIELDS), ("steps", STEP_FIELDS)):
        for i, item in enumerate(data.get(key) or ()):
            for name, _label in spec:
                out[f"{key}[{i}].{name}"] = _text(item.get(name))
    return out


def marked_html(text: str, spans: list[tuple[int, int, str]]) -> SafeString:
    """`text` escaped, with each (start, end, title) span wrapped in <mark class="mark-offending">.
    Overlapping spans merge; spans outside the text are ignored."""
    clean = sorted((max(0, s), min(len(text), e), t) for s, e, t in spans if 0 <= s < e <= len(text))
    merged: list[list[Any]] = []
    for s, e, t in clean:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            if t not in merged[-1][2]:
                merged[-1][2].append(t)
        else:
            merged.append([s, e, [t]])
    pieces: list[str] = []
    pos = 0
    for s, e, titles in merged:
        pieces.append(escape(text[pos:s]))
        pieces.append(format_html('<mark class="mark-offending" title="{}">{}</mark>', "、".join(titles), text[s:e]))
        pos = e
    pieces.append(escape(text[pos:]))
    return mark_safe("".join(pieces))  # every piece above is escaped


def _missing_badge() -> SafeString:
    return format_html('<span class="badge bg-red-lt" data-missing="1">{}</span>', _("未填写"))


def finding_marks(data: dict[str, Any], evidence: dict[str, Any], where: str, text: str,
                  values: dict[str, str], kind: str) -> tuple[list[tuple[str, int, int]], list[str]]:
    """Where to mark one finding: ([(path, start, end)], [paths of missing values])."""
    marks: list[tuple[str, int, int]] = []
    missing: list[str] = []
    context = evidence.get("context")
    start, end = evidence.get("start"), evidence.get("end")
    paths = [where] + ([CONTEXT_FIELD[kind]] if kind in CONTEXT_FIELD else [])
    for path in paths:
        value = values.get(path)
        if value is None:
            continue
        if not value:
            if path == where:
                missing.append(path)
            continue
        if isinstance(context, str) and context == value and isinstance(start, int) and isinstance(end, int):
            marks.append((path, start, end))
        elif path == where:
            at = value.find(text) if text else -1
            marks.append((path, at, at + len(text)) if at >= 0 else (path, 0, len(value)))
    if where in ("legal_basis", "conditions") and where not in values:
        missing.append(where)  # a missing list
    return marks, missing


def cross_site_marks(data: dict[str, Any], evidence: dict[str, Any],
                     values: dict[str, str]) -> list[tuple[str, int, int]]:
    """What this copy says differently from the item's other sources: the whole differing value, or
    the materials only this copy lists."""
    marks: list[tuple[str, int, int]] = []
    source = data.get("source", "")
    for diff in evidence.get("differences", ()):
        name = diff.get("field", "")
        if name == "materials":
            extra = set(diff.get("only_in", {}).get(source, ()))
            marks.extend((f"materials[{i}].name", 0, len(m.get("name", "")))
                         for i, m in enumerate(data.get("materials") or ()) if m.get("name") in extra)
        elif values.get(name):
            marks.append((name, 0, len(values[name])))
    return marks


def guide_layout(data: dict[str, Any], findings: list[Any]) -> GuideLayout:
    """`findings`: stored Finding rows (or anything with kind/where/text/data) about this copy."""
    values = _values(data)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    missing: dict[str, list[str]] = {}
    process_flagged = False
    for f in findings:
        label = kind_label(f.kind)
        if f.kind == CROSS_SITE:
            for path, s, e in cross_site_marks(data, f.data.get("evidence", {}), values):
                spans.setdefault(path, []).append((s, e, label))
            continue
        marks, gaps = finding_marks(data, f.data.get("evidence", {}), f.where, f.text, values, f.kind)
        for path, s, e in marks:
            spans.setdefault(path, []).append((s, e, label))
        for path in gaps:
            missing.setdefault(path, []).append(label)
        if f.where == "steps":  # the process as a whole: mark every step name
            process_flagged = True
            for i in range(len(data.get("steps") or ())):
                name = values.get(f"steps[{i}].name", "")
                if name:
                    spans.setdefault(f"steps[{i}].name", []).append((0, len(name), label))

    def cell(path: str, label: Any, text: str) -> Cell:
        if path in missing and not text:
            return Cell(path, label, _missing_badge(), flagged=True, missing=True, kinds=missing[path])
        marked = spans.get(path, [])
        return Cell(path, label, marked_html(text, marked), flagged=bool(marked),
                    kinds=sorted({t for _, _, t in marked}))

    fields: list[Cell] = []
    for name, label in GUIDE_FIELDS:
        if name in ("legal_basis", "conditions"):
            items = [(p, v) for p, v in values.items() if p == name or p.startswith(f"{name}[")]
            if not items:
                fields.append(cell(name, label, ""))
                continue
            parts = [cell(p, label, v) for p, v in items]
            html = mark_safe("<br>".join(str(c.html) for c in parts))  # built from escaped cells
            fields.append(Cell(name, label, html, flagged=any(c.flagged for c in parts),
                               kinds=sorted({k for c in parts for k in c.kinds})))
            continue
        fields.append(cell(name, label, values.get(name, "")))
    materials = [[cell(f"materials[{i}].{n}", lab, values[f"materials[{i}].{n}"])
                  for n, lab in MATERIAL_FIELDS if n in MATERIAL_SHOWN]
                 for i in range(len(data.get("materials") or ()))]
    steps = [[cell(f"steps[{i}].{n}", lab, values[f"steps[{i}].{n}"]) for n, lab in STEP_FIELDS]
             for i in range(len(data.get("steps") or ()))]
    return GuideLayout(fields=fields, materials=materials, steps=steps, process_flagged=process_flagged)


def finding_html(kind: str, evidence: dict[str, Any], text: str) -> SafeString:
    """The finding's words in their context, marked (the web's GuideFinding.marked())."""
    context = evidence.get("context")
    start, end = evidence.get("start"), evidence.get("end")
    label = kind_label(kind)
    if isinstance(context, str) and isinstance(start, int) and isinstance(end, int):
        return marked_html(context, [(start, end, label)])
    if kind == CROSS_SITE:
        return marked_html(text, [])
    if isinstance(context, str) and context:
        return marked_html(context, [(0, len(context), label)] if context == text else [])
    return marked_html(text, [(0, len(text), label)]) if text else _missing_badge()
