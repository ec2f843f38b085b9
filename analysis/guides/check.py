"""Run every rule over a list of guides."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter

from .model import Guide, GuideFinding
from .rules import catch_all, faults, fields, materials, phones, sources, steps, vague

GuideRule = Callable[[Guide, int, list[GuideFinding]], None]


def _conditions(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    """catch_all_clause / catch_all_quoting_law, then vague_requirement where no catch-all stands."""
    conditions = guide.conditions
    if not conditions:
        return
    start = len(out)
    catch_all.check_conditions(guide, index, out)
    taken: dict[int, tuple[tuple[int, int], ...]] = {}
    if len(out) > start:
        for f in out[start:]:
            j = int(f.where[11:-1]) if f.where.startswith("conditions[") else 0
            taken[j] = (*taken.get(j, ()), (f.evidence["start"], f.evidence["end"]))
    vague.check_conditions(guide, index, out, taken)


def _steps(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    steps.check(guide, index, out)
    if guide.steps:
        catch_all.check_process(guide, index, out)
        vague.check_steps(guide, index, out)


# The order findings of one guide are listed in.
RULES: tuple[GuideRule, ...] = (
    faults.check, materials.check, _conditions, _steps, fields.check, vague.check_time_limits, phones.check,
    faults.check_traditional,
)


def check_guide(guide: Guide, *, index: int = 0, standard: dict[str, str] | None = None) -> list[GuideFinding]:
    """The findings about one guide on its own (no comparison across sources)."""
    out: list[GuideFinding] = []
    for rule in RULES:
        rule(guide, index, out)
    if standard:
        sources.check_standard(guide, index, standard, out)
    return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off CPython's cycle collector while findings pile up.

    Checking 10,000 guides makes some 60,000 findings, two tracked objects each. As they accumulate,
    the collector walks all of them again and again (a third of the check's CPU time) and finds
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
    rules = RULES
    with _collector_paused():
        for i, g in enumerate(guides):
            for rule in rules:
                rule(g, i, out)
            if standard:
                sources.check_standard(g, i, standard, out)
        across = sources.check_sources(guides)
    if across:
        out.extend(across)
        out.sort(key=attrgetter("guide_index"))  # stable: each guide's own order is kept
    return out
