"""Run every rule over a list of guides."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from operator import attrgetter, itemgetter

from .model import Guide, GuideFinding
from .rules import catch_all, faults, fields, materials, phones, sources, steps, vague


@lru_cache(maxsize=16384)
def _worded(condition: str) -> bool:
    """The condition holds catch-all or vague wording (as read when the guide has a materials list)."""
    return bool(catch_all.find_catch_all(condition, is_name=False) or vague.vague_spans(condition))


def _conditions(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    """catch_all_clause / catch_all_quoting_law, then vague_requirement where no catch-all stands."""
    conditions = guide.conditions
    if not conditions or guide.materials and not any(map(_worded, conditions)):
        return  # most guides: nothing in their conditions to report
    start = len(out)
    catch_all.check_conditions(guide, index, out)
    taken: dict[int, tuple[tuple[int, int], ...]] = {}
    if len(out) > start:
        for f in out[start:]:
            j = int(f.where[11:-1]) if f.where.startswith("conditions[") else 0
            taken[j] = (*taken.get(j, ()), (f.evidence["start"], f.evidence["end"]))
    vague.check_conditions(guide, index, out, taken)


_VAGUE = itemgetter(1)


def _rules(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    """Every rule on one guide, in the order its findings are listed. What each material and each
    step says is read once (and remembered per distinct text) for all the rules that need it."""
    material_facts = materials.facts_of(guide)
    step_facts = steps.facts_of(guide)
    faults.check(guide, index, out, material_facts)
    materials.check(guide, index, out, material_facts)
    _conditions(guide, index, out)
    steps.check(guide, index, out, step_facts)
    if step_facts and not guide.materials:
        catch_all.check_process(guide, index, out)
    if any(map(_VAGUE, step_facts)):
        vague.check_steps(guide, index, out, list(map(_VAGUE, step_facts)))
    fields.check(guide, index, out)
    vague.check_time_limits(guide, index, out)
    phones.check(guide, index, out)
    faults.check_traditional(guide, index, out, material_facts, step_facts)


def check_guide(guide: Guide, *, index: int = 0, standard: dict[str, str] | None = None) -> list[GuideFinding]:
    """The findings about one guide on its own (no comparison across sources)."""
    out: list[GuideFinding] = []
    _rules(guide, index, out)
    if standard:
        sources.check_standard(guide, index, standard, out)
    return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off CPython's cycle collector while findings pile up.

    Checking 10,000 guides makes some 60,000 findings, two tracked objects each. As they accumulate,
    the collector walks all of them again and again (a fifth of the check's CPU time) and finds
    nothing to free: findings hold no reference cycles, reference counting frees them. It resumes
    when the check is done, if it was running, and then takes the findings in one pass. Another
    thread's cycles wait as long as the check runs (well under a second for 10,000 guides)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check_guides(guides: Sequence[Guide], *, standard: dict[str, str] | None = None) -> list[GuideFinding]:
    """Every finding about these guides, in guide order; a finding about an item published on several
    sites (inconsistent_across_sources) comes with the first copy listed."""
    out: list[GuideFinding] = []
    with _collector_paused():
        for i, g in enumerate(guides):
            _rules(g, i, out)
            if standard:
                sources.check_standard(g, i, standard, out)
        across = sources.check_sources(guides)
    if across:
        out.extend(across)
        out.sort(key=attrgetter("guide_index"))  # stable: each guide's own order is kept
    return out
