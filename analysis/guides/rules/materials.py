"""One pass over a guide's materials for the rules that read material names and requirements:
catch_all_clause (catch_all.py), missing_blank_form / missing_sample (forms.py) and
vague_requirement (vague.py).

A county's guides repeat the same material names and requirements thousands of times, so what a
name and its requirements say — the findings with their messages and marked words — is worked out
once per distinct pair and remembered; a guide then only places them, and decides from each
material's origin and links whether it owes a blank form and a sample.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.guides.model import Guide, GuideFinding

from . import catch_all, forms, vague
from .base import Found, material_key, place


@lru_cache(maxsize=65536)
def found_in(name: str, requirements: str) -> tuple[Found, ...]:
    """What the rules find in a material's name and requirements, in the order they are listed:
    the catch-all, the two form findings (when the name is a form), then vague wording."""
    spans = catch_all.name_spans(name)
    out: list[Found] = []
    if spans:
        out.append(catch_all.material_found(name, spans[0]))
    if forms.form_kind(name):
        out.extend(forms.found(name))
    out.extend(vague.material_found(name, requirements, spans))
    return tuple(out)


def check(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    materials = guide.materials
    found = [found_in(m.name, m.requirements) for m in materials]  # most guides stop here
    if not any(found):
        return
    for j, items in enumerate(found):
        if not items:
            continue
        m = materials[j]
        where, key = f"materials[{j}]", material_key(guide, j)
        owed = None
        for f in items:
            field = f[1]
            if field == "blank_form" or field == "sample":
                owed = owed or forms.owed(m)
                if not owed[field == "sample"]:
                    continue
            out.append(place(guide, index, f, where, key))
