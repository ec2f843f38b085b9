"""inconsistent_across_sources (1.2): the same item published by two or more sources (sites) with
different names, materials, time limits, fees or visits — not 同源发布.
nonstandard_name (1.2): a name that differs from the standard catalogue's name for its code.

The same item = the same `code`; a copy without a code joins the item whose department and
normalised name it shares (or forms an item of its own with the copies that share them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from analysis.guides.model import KINDS, Days, Guide, GuideFinding, light_norm, strong_norm
from analysis.guides.values import is_free, show_number

from .base import make

FIELD_LABELS = {
    "name": "事项名称",
    "materials": "申请材料",
    "statutory_days": "法定办结时限",
    "promised_days": "承诺办结时限",
    "fee": "收费标准",
    "visits": "到办事现场次数",
}


def group_items(guides: Sequence[Guide]) -> list[list[int]]:
    """Indices of the guides that publish the same item, for every item with 2+ sources."""
    by_code: dict[str, list[int]] = {}
    uncoded: list[int] = []
    for i, g in enumerate(guides):
        if g.code:
            by_code.setdefault(g.code, []).append(i)
        else:
            uncoded.append(i)
    by_name: dict[tuple[str, str], list[int]] = {}
    name_to_codes: dict[tuple[str, str], set[str]] = {}
    if uncoded:  # only then are names needed to match copies up
        for code, ix in by_code.items():
            for i in ix:
                name_to_codes.setdefault((guides[i].department, strong_norm(guides[i].name)), set()).add(code)
        for i in uncoded:
            by_name.setdefault((guides[i].department, strong_norm(guides[i].name)), []).append(i)
    groups: dict[str, list[int]] = {f"编码:{c}": ix for c, ix in by_code.items()}
    for key, ix in by_name.items():
        codes = name_to_codes.get(key, set())
        if len(codes) == 1:
            groups[f"编码:{next(iter(codes))}"].extend(ix)
        else:
            groups[f"名称:{key[0]}|{key[1]}"] = ix
    out = []
    for ix in groups.values():
        if len(ix) >= 2 and len({guides[i].source for i in ix}) >= 2:
            out.append(sorted(ix))
    return out


def _days(d: Days | None) -> str:
    if d is None:
        return ""
    if d.value is None:
        return light_norm(d.text)
    # a bare number is read as working days, as guides count time limits in working days
    return show_number(d.value) + ("日" if d.unit == "day" else "个工作日")


def _fee(fee: str) -> str:
    return "不收费" if is_free(fee) else light_norm(fee)


def _materials(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(light_norm(n) for n in names)


def _visits(v: tuple[int | None, str]) -> str:
    return str(v[0]) if v[0] is not None else light_norm(v[1])


FIELDS = tuple(FIELD_LABELS)


def _as_written(g: Guide) -> tuple[Any, ...]:
    """The compared fields as written, in FIELDS order."""
    return (g.name, tuple([m.name for m in g.materials]), g.statutory_days, g.promised_days, g.fee,
            (g.visits, g.visits_text))


# per field: the value two sites must agree on, from the value as written
_NORMALISED: tuple[Callable[[Any], Any], ...] = (light_norm, _materials, _days, _days, _fee, _visits)


def _shown(g: Guide, field: str) -> Any:
    if field == "materials":
        return [m.name for m in g.materials]
    if field in ("statutory_days", "promised_days"):
        d: Days | None = getattr(g, field)
        return "" if d is None else d.text
    if field == "visits":
        return g.visits_text
    return getattr(g, field)


def check_sources(guides: Sequence[Guide]) -> list[GuideFinding]:
    out = []
    for ix in group_items(guides):
        # one copy per source: the first one listed
        per_source: dict[str, int] = {}
        for i in ix:
            per_source.setdefault(guides[i].source, i)
        copies = {s: guides[i] for s, i in sorted(per_source.items())}
        rows = [_as_written(g) for g in copies.values()]
        first = rows[0]
        if all(r == first for r in rows):
            continue  # identical copies (同源发布)
        sources = list(copies)
        differences = []
        for k, field in enumerate(FIELDS):
            column = [r[k] for r in rows]
            if all(v == column[0] for v in column):
                continue  # written the same everywhere: nothing to normalise
            norm = _NORMALISED[k]
            if len({norm(v) for v in column}) < 2:
                continue
            diff: dict[str, Any] = {"field": field, "label": FIELD_LABELS[field],
                                    "values": {s: _shown(g, field) for s, g in copies.items()}}
            if field == "materials":
                sets = [_materials(v) for v in column]
                everywhere = frozenset.intersection(*sets)
                diff["only_in"] = {s: [m.name for m in g.materials if light_norm(m.name) not in everywhere]
                                   for s, g in copies.items()}
            differences.append(diff)
        if differences:
            out.append(_finding(guides, ix, per_source, sources, differences))
    return out


def _summary(diff: dict[str, Any]) -> str:
    if diff["field"] == "materials":
        parts = [f"{s or '（未注明来源）'}多出“{'、'.join(names)}”" for s, names in diff["only_in"].items() if names]
        return f"{diff['label']}：" + "，".join(parts)
    parts = [f"{s or '（未注明来源）'}“{v}”" for s, v in diff["values"].items()]
    return f"{diff['label']}：" + " / ".join(parts)


def _most_common(values: list[str]) -> str:
    """The value most copies use; on a tie, the first listed."""
    return max(values, key=values.count) if len(set(values)) > 1 else values[0]


def _finding(guides: Sequence[Guide], ix: list[int], per_source: dict[str, int], sources: list[str],
             differences: list[dict[str, Any]]) -> GuideFinding:
    copies = [guides[per_source[s]] for s in sources]
    department = _most_common([g.department for g in copies])
    name = _most_common([g.name for g in copies])
    code = next((g.code for g in copies if g.code), "")
    identity = f"编码:{code}" if code else f"名称:{department}|{strong_norm(name)}"
    text = "；".join(_summary(d) for d in differences)
    labels = "、".join(d["label"] for d in differences)
    shown_sources = "、".join(s or "（未注明来源）" for s in sources)
    return GuideFinding(
        kind="inconsistent_across_sources", checklist=KINDS["inconsistent_across_sources"][0], subject=department,
        message=f"同一事项“{name}”在{len(sources)}个渠道（{shown_sources}）发布的内容不一致：{labels}。"
                "请以一个来源为准，各渠道同源发布、内容一致。",
        key=(identity,),
        evidence={"context": text, "sources": sources, "differences": differences,
                  "guides": [per_source[s] for s in sources], "fields": [d["field"] for d in differences]},
        code=code, name=name, department=department, source="、".join(sources), where="、".join(
            d["field"] for d in differences), text=text, guide_index=ix[0],
    )


def check_standard(guide: Guide, index: int, standard: dict[str, str], out: list[GuideFinding]) -> None:
    if not guide.code:
        return
    std = standard.get(guide.code)
    if std is None or light_norm(std) == light_norm(guide.name):
        return
    out.append(make(
        guide, index, "nonstandard_name", where="name", where_key="name", text=guide.name,
        message=f"事项名称“{guide.name}”与标准目录中编码 {guide.code} 的名称“{std}”不一致。请使用标准名称。",
        evidence={"context": guide.name, "start": 0, "end": len(guide.name), "standard_name": std},
    ))
