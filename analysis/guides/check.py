"""Run every rule over a list of guides."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .model import Guide, GuideFinding
from .rules import catch_all, fields, materials, phones, sources, steps

GuideRule = Callable[[Guide, int, list[GuideFinding]], None]

# The order findings of one guide are listed in.
RULES: tuple[GuideRule, ...] = (materials.check, catch_all.check_conditions, steps.check, fields.check, phones.check)


def check_guide(guide: Guide, *, index: int = 0, standard: dict[str, str] | None = None) -> list[GuideFinding]:
    """The findings about one guide on its own (no comparison across sources)."""
    out: list[GuideFinding] = []
    for rule in RULES:
        rule(guide, index, out)
    if standard:
        sources.check_standard(guide, index, standard, out)
    return out


def check_guides(guides: Sequence[Guide], *, standard: dict[str, str] | None = None) -> list[GuideFinding]:
    """Every finding about these guides, in guide order; a finding about an item published on several
    sites (inconsistent_across_sources) comes with the first copy listed."""
    out: list[GuideFinding] = []
    rules = RULES
    for i, g in enumerate(guides):
        for rule in rules:
            rule(g, i, out)
        if standard:
            sources.check_standard(g, i, standard, out)
    across = sources.check_sources(guides)
    if across:
        out.extend(across)
        out.sort(key=lambda f: f.guide_index)
    return out
