"""One pass over a guide's materials for the rules that read material names and requirements:
catch_all_clause (catch_all.py), missing_blank_form / missing_sample (forms.py) and
vague_requirement (vague.py).

A county's guides repeat the same material names thousands of times, so what a name means
is worked out once per distinct name and remembered.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.guides.model import Guide, GuideFinding

from . import catch_all, forms, vague

Spans = tuple[tuple[int, int], ...]


@lru_cache(maxsize=65536)
def name_info(name: str) -> tuple[Spans, int, Spans] | None:
    """(catch-all spans, form kind, vague spans) for a material name; None when no rule has anything to say."""
    spans = catch_all.name_spans(name)
    kind = forms.form_kind(name)
    fuzzy = vague.vague_spans(name)
    return (spans, kind, fuzzy) if spans or kind or fuzzy else None


def check(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    info_of = name_info
    vague_of = vague.vague_spans
    materials = guide.materials
    infos = [info_of(m.name) for m in materials]  # comprehensions: most guides stop here
    requirements = [vague_of(m.requirements) if m.requirements else () for m in materials]
    if infos.count(None) == len(infos) and requirements.count(()) == len(requirements):
        return
    for j, info in enumerate(infos):
        if info is None:
            if requirements[j]:
                vague.check_material(guide, index, j, out, ())
            continue
        spans, kind, fuzzy = info
        if spans:
            out.append(catch_all.material_finding(guide, index, j, spans[0]))
        if kind:
            forms.material_findings(guide, index, j, kind, out)
        if fuzzy or requirements[j]:
            vague.check_material(guide, index, j, out, spans)
