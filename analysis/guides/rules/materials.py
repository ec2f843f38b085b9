"""One pass over a guide's materials for the rules that read material names:
catch_all_clause (catch_all.py) and missing_blank_form / missing_sample (forms.py).

A county's guides repeat the same material names thousands of times, so what a name means
is worked out once per distinct name and remembered.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.guides.model import Guide, GuideFinding

from . import catch_all, forms


@lru_cache(maxsize=65536)
def name_info(name: str) -> tuple[tuple[tuple[int, int], ...], int] | None:
    """(catch-all spans, form kind) for a material name; None when neither rule has anything to say."""
    spans = catch_all.name_spans(name)
    kind = forms.form_kind(name)
    return (spans, kind) if spans or kind else None


def check(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    info_of = name_info
    infos = [info_of(m.name) for m in guide.materials]  # a comprehension: most guides stop here
    if infos.count(None) == len(infos):
        return
    for j, info in enumerate(infos):
        if info is None:
            continue
        spans, kind = info
        if spans:
            out.append(catch_all.material_finding(guide, index, j, spans[0]))
        if kind:
            forms.material_findings(guide, index, j, kind, out)
