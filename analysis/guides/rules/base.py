"""Making findings: one place decides what a finding's identity (fingerprint key) is."""

from __future__ import annotations

from typing import Any

from analysis.guides.hanzi import simplified
from analysis.guides.model import KINDS, Guide, GuideFinding


def material_key(guide: Guide, index: int) -> str:
    """A material named by its name, not its position, so reordering keeps fingerprints; a name
    used twice in one guide gets #2, #3 ..."""
    name = guide.materials[index].name
    seen = [m.name for m in guide.materials[:index]].count(name)
    return f"materials「{name}」#{seen + 1}" if seen else f"materials「{name}」"


def step_key(guide: Guide, index: int) -> str:
    name = guide.steps[index].name
    seen = [s.name for s in guide.steps[:index]].count(name)
    return f"steps「{name}」#{seen + 1}" if seen else f"steps「{name}」"


# A finding about a text before it is placed in a guide: (kind, field, text, message, evidence, extra key).
# What a material name or a step says is the same in every guide that uses it, so rules work it out
# once per distinct text and remember it; placing it (where, key, the guide's identity) is per guide.
Found = tuple[str, str, str, str, dict[str, Any], tuple[str, ...]]


def place(guide: Guide, index: int, found: Found, where: str, where_key: str) -> GuideFinding:
    """The finding `found` on the part of the guide at `where` (e.g. "materials[3]"), keyed by `where_key`."""
    kind, field, text, message, evidence, extra_key = found
    return make(guide, index, kind, where=f"{where}.{field}", where_key=f"{where_key}.{field}", text=text,
                message=message, evidence=dict(evidence), extra_key=extra_key)


_new = object.__new__
_set = object.__setattr__
_CHECKLIST = {kind: code for kind, (code, _) in KINDS.items()}


def make(guide: Guide, index: int, kind: str, *, where: str, where_key: str, text: str, message: str,
         evidence: dict[str, Any] | None = None, extra_key: tuple[str, ...] = ()) -> GuideFinding:
    """A finding about one guide. Its key is (item identity, source, where-by-name, *extra_key):
    stable across runs and across reordering of guides, materials and steps."""
    # The frozen dataclass __init__ sets 13 fields through object.__setattr__; filling __dict__
    # directly gives the same object (a test checks equality) at a third of the cost, which
    # matters at tens of thousands of findings per run.
    f = _new(GuideFinding)
    _set(f, "__dict__", {
        "kind": kind, "checklist": _CHECKLIST[kind], "subject": guide.department, "message": message,
        "key": (guide.identity, guide.source, where_key, *extra_key) if extra_key else (
            guide.identity, guide.source, where_key), "evidence": evidence or {},
        "code": guide.code, "name": guide.name, "department": guide.department, "source": guide.source,
        "where": where, "text": text, "guide_index": index,
    })
    return f


def span(context: str, start: int, end: int) -> dict[str, Any]:
    """Where the words stand; for text in traditional characters also the simplified words matched."""
    simple = simplified(context)
    if simple is context or simple == context:
        return {"context": context, "start": start, "end": end}
    return {"context": context, "start": start, "end": end, "simplified": simple[start:end]}
