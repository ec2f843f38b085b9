"""One pass over a guide's materials for every rule that reads material names and requirements:
catch_all_clause (catch_all.py), missing_blank_form / missing_sample (forms.py), vague_requirement
(vague.py), and for faults.py a row without a name and traditional characters.

A county's guides repeat the same material names and requirements thousands of times, so what a
name and its requirements say — the findings with their messages and marked words, and the facts
faults.py needs — is worked out once per distinct pair and remembered; a guide then only places the
findings, and decides from each material's origin and links whether it owes a blank form and a sample.
"""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from analysis.guides.hanzi import has_traditional
from analysis.guides.model import Guide, GuideFinding

from . import catch_all, forms, vague
from .base import Found, material_key, place


class Facts(NamedTuple):
    """What a material's name and requirements say, the same in every guide that lists them."""

    found: tuple[Found, ...]  # catch-all, the two form findings (a form's name), vague wording: listed in this order
    form: bool  # the name is a form the applicant fills in (owed() decides the two form findings)
    nameless: bool  # no name at all (reported by faults.py)
    traditional: bool  # traditional characters in the name or the requirements (reported by faults.py)


PLAIN = Facts((), False, False, False)  # most materials: nothing to say


@lru_cache(maxsize=16384)  # findings with their messages: bounded for a long-running web worker
def facts(name: str, requirements: str) -> Facts:
    spans = catch_all.name_spans(name)
    found: list[Found] = []
    if spans:
        found.append(catch_all.material_found(name, spans[0]))
    form = bool(forms.form_kind(name))
    if form:
        found.extend(forms.found(name))
    found.extend(vague.material_found(name, requirements, spans))
    nameless = not name.strip()
    traditional = has_traditional(name) or has_traditional(requirements)
    return Facts(tuple(found), form, nameless, traditional) if found or nameless or traditional else PLAIN


_FOUND = itemgetter(0)


def facts_of(guide: Guide) -> list[Facts]:
    return [facts(m.name, m.requirements) for m in guide.materials]


def check(guide: Guide, index: int, out: list[GuideFinding], facts_: list[Facts]) -> None:
    """The findings of each material, from `facts_` (facts_of(guide))."""
    if not any(map(_FOUND, facts_)):
        return
    materials = guide.materials
    for j, facts_j in enumerate(facts_):
        found = facts_j.found
        if not found:
            continue
        blank, sample = forms.owed(materials[j]) if facts_j.form else (True, True)
        key = None
        for f in found:
            field = f[1]
            if field == "blank_form" and not blank or field == "sample" and not sample:
                continue
            key = key or material_key(guide, j)
            out.append(place(guide, index, f, f"materials[{j}]", key))
