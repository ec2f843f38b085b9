"""analyze(catalog) -> ProofReport: findings, per-item figures, per-proof recommendations, chains."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field
from functools import cached_property
from itertools import chain as concat
from typing import Any

from analysis.common import Finding

from .chain import ChainGraph, chain_graph
from .figures import SegmentChains, SetChains, chain_figures
from .graph import Closure, ProofGraph, component_cycles
from .levels import LevelChains, components
from .loader import gc_paused
from .model import Item, Proof, ProofCatalog
from .rules import (
    KEEP,
    KIND_LABELS,
    RECOMMENDATIONS,
    chain_duplicate_finding,
    cycle_findings,
    cycle_text,
    new_finding,
    proof_findings,
    reason,
    recommend,
    runaround_finding,
    same_name_findings,
)
from .wording import KIND_LABELS as WORDING_LABELS
from .wording import wording_findings

DEFAULT_MAX_ISSUERS = 3
WORDING_KINDS = tuple(WORDING_LABELS)
# Said plainly when a list names no prerequisite (a published 保留证明事项清单 has no such column).
NO_PREREQUISITES = ("本清单没有列出任何前置证明（开具证明前需先提交的证明），无法检查循环证明和证明链条中的重复证明；"
                    "以下只报告能从清单本身看出的问题。")


@dataclass(frozen=True, slots=True)
class ItemFigures:
    """One item: what a citizen must collect now, and after every recommendation is applied.

    proofs_total   proofs in the whole chain (required ones and all their prerequisites)
    issuers_total  distinct issuing offices in the chain: the offices a citizen must visit
    depth          levels of the chain (an item needing P, P needing Q: 2; a loop counts as one)
    blocked        the chain reaches a loop of proofs: the item cannot be completed
    *_after        the same if every 取消 / 数据共享免提交 / 告知承诺 were applied
    blocked_by     ids of the proofs in loops that the chain reaches
    duplicates     ids of proofs demanded at two or more places of the chain
    """

    id: str
    name: str
    department: str
    proofs_total: int
    issuers_total: int
    depth: int
    blocked: bool
    proofs_after: int
    issuers_after: int
    depth_after: int
    issuers: tuple[str, ...] = ()
    blocked_by: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("issuers", "blocked_by", "duplicates"):
            d[k] = list(d[k])
        return d


@dataclass(frozen=True, slots=True)
class ProofLine:
    """One line of the 证明事项清理清单.

    demanded_by         units that demand the proof directly (items' departments, issuers of
                        proofs that need it first) — the 索要单位
    items_affected      items whose chain contains the proof
    """

    id: str
    name: str
    issuer: str
    basis: str
    shared_source: str | None
    demanded_by: tuple[str, ...]
    demanded_by_items: tuple[str, ...]
    required_by_proofs: tuple[str, ...]
    items_affected: int
    in_cycle: bool
    recommendation: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("demanded_by", "demanded_by_items", "required_by_proofs"):
            d[k] = list(d[k])
        return d


@dataclass(frozen=True, slots=True)
class Cycle:
    """A loop of proofs, started at its smallest id; `component` is every proof tangled with it."""

    members: tuple[str, ...]
    names: tuple[str, ...]
    component: tuple[str, ...]
    blocked_items: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) for k, v in asdict(self).items()}


@dataclass
class ProofReport:
    """What analyze() found. `proofs` (the 证明事项清理清单, one ProofLine per proof in file
    order) is built on first use; everything else is computed by analyze()."""

    catalog: ProofCatalog
    max_issuers: int
    findings: list[Finding]
    items: list[ItemFigures]
    cycles: list[Cycle]
    summary: dict[str, Any]
    recommendations: list[str] = field(repr=False)  # per proof, file order
    _graph: ProofGraph = field(repr=False)
    _cyclic_comp_of: dict[int, int] = field(repr=False)  # proof index -> its loop component
    _loops: dict[int, str] = field(repr=False)  # proof index -> text of a loop through it
    _affected: list[int] = field(repr=False)  # proof index -> items whose chain contains it
    timings: dict[str, float] = field(default_factory=dict, repr=False)  # stage -> seconds (for bench/)

    @cached_property
    def proofs(self) -> list[ProofLine]:
        g, proofs, items = self._graph, self.catalog.proofs, self.catalog.items
        ids = g.ids
        affected = self._affected
        lines = []
        for v, p in enumerate(proofs):
            units = {items[j].department for j in g.item_preds(v)} | {proofs[q].issuer for q in g.preds(v)}
            code = self.recommendations[v]
            lines.append(ProofLine(p.id, p.name, p.issuer, p.basis, p.shared_source, tuple(sorted(units)),
                                   tuple(sorted(items[j].id for j in g.item_preds(v))),
                                   tuple(sorted(ids[q] for q in g.preds(v))), affected[v],
                                   v in self._cyclic_comp_of, code, reason(p, code, self._loops.get(v))))
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings],
                "items": [i.to_dict() for i in self.items],
                "proofs": [p.to_dict() for p in self.proofs],
                "cycles": [c.to_dict() for c in self.cycles],
                "summary": self.summary}

    def item_chain(self, item_id: str) -> ChainGraph:
        """Nodes and edges of one item's chain (KeyError for an unknown item id)."""
        index = self.__dict__.get("_item_index")
        if index is None:
            index = {it.id: j for j, it in enumerate(self.catalog.items)}
            self.__dict__["_item_index"] = index
        return chain_graph(self.catalog, self._graph, item_id, self.recommendations, self._cyclic_comp_of, index)


def analyze(catalog: ProofCatalog, *, max_issuers: int = DEFAULT_MAX_ISSUERS) -> ProofReport:
    """Loops, duplicates, proofs without basis or replaceable by shared data, and runaround."""
    if max_issuers < 0:
        raise ValueError("max_issuers must not be negative")
    with gc_paused():
        return _analyze(catalog, max_issuers)


def _analyze(catalog: ProofCatalog, max_issuers: int) -> ProofReport:
    timings: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        timings[stage] = now - clock[0]
        clock[0] = now

    proofs, items = catalog.proofs, catalog.items
    g = ProofGraph.build(catalog)
    ids = g.ids
    lap("graph")
    comps, comp_of = components(g.succ)
    lap("scc")

    # loops: each elementary cycle once, started at its smallest id
    cyclic_comps = [m for m in comps if len(m) > 1 or m[0] in g.succ[m[0]]]
    cyclic_comp_of: dict[int, int] = {}
    comp_cycles: list[list[tuple[int, ...]]] = []
    loops: dict[int, str] = {}
    for k, members in enumerate(cyclic_comps):
        found, _ = component_cycles(members, g.succ, ids)
        comp_cycles.append(found)
        for v in members:
            cyclic_comp_of[v] = k
        for cyc in found:
            for v in cyc:
                loops.setdefault(v, cycle_text(cyc, proofs))
        for v in members:  # a member no reported cycle covers (very large tangles only)
            loops.setdefault(v, "、".join(sorted(proofs[u].name for u in members)))

    lap("cycles")
    codes = recommend(proofs, g, cyclic_comps)
    lap("recommend")
    kept = [c == KEEP for c in codes]
    levels = LevelChains.build(g.succ, comps, comp_of, kept)
    source: SetChains | SegmentChains
    if levels is not None:
        source, depth, kept_depth = SegmentChains(levels), levels.depth, levels.kept_depth
    else:  # thousands of levels: Python sets, linear on long paths
        wanted = [False] * len(proofs)
        for v in concat.from_iterable(g.roots):
            wanted[v] = True
        closure = Closure(g.succ, comps, kept, g.uses, wanted)
        source, depth, kept_depth = SetChains(closure.reach, closure.kept_reach), closure.depth, closure.kept_depth
    lap("closure")

    # issuers as ranks in name order: counting and sorting small ints is cheaper than names
    names = sorted({p.issuer for p in proofs})
    rank = {name: i for i, name in enumerate(names)}
    in_loop = [False] * len(proofs)
    for v in cyclic_comp_of:
        in_loop[v] = True
    figs = chain_figures(g.roots, source, len(proofs), depth, kept_depth,
                         [rank[p.issuer] for p in proofs], names, list(map(len, g.succ)), in_loop)
    lap("chain_figures")
    blocked_by_comp: list[list[str]] = [[] for _ in cyclic_comps]
    figures: list[ItemFigures] = []
    # findings are gathered per kind and emitted in key order (item, proof, cycle ids), so no
    # sort of the whole list is needed: kind, then key, then subject
    by_item_dup: dict[int, Finding] = {}
    by_item_run: dict[int, Finding] = {}
    no_ids: tuple[str, ...] = ()
    for j, (item, total, issuers, d, after, issuers_after, d_after) in enumerate(zip(
            items, figs.proofs_total, figs.issuers, figs.depth, figs.proofs_after, figs.issuers_after,
            figs.depth_after, strict=True)):
        blocked_by = dups = no_ids
        chain = figs.sets.get(j)
        if chain is not None:
            if figs.loop_hits[j]:
                hit = [v for v in chain if in_loop[v]]
                blocked_by = tuple(sorted(ids[v] for v in hit))
                for k in {cyclic_comp_of[v] for v in hit}:
                    blocked_by_comp[k].append(item.id)
            # every proof of the chain is demanded at least once; more demands than proofs means repeats
            if figs.demands[j] > total:
                dups = _chain_duplicates(item, j, g.roots[j], chain, g, proofs, cyclic_comp_of, by_item_dup)
        if len(issuers) > max_issuers:
            by_item_run[j] = runaround_finding(item, list(issuers), issuers_after, total, max_issuers)
        figures.append(ItemFigures(item.id, item.name, item.department, total, len(issuers), d,
                                   bool(blocked_by), after, issuers_after, d_after, issuers, blocked_by, dups))

    lap("items")
    cycles: list[Cycle] = []
    circular: list[Finding] = []
    for k, members in enumerate(cyclic_comps):
        blocked = sorted(blocked_by_comp[k])
        component = tuple(sorted(ids[v] for v in members))
        for cyc in comp_cycles[k]:
            cycles.append(Cycle(tuple(ids[v] for v in cyc), tuple(proofs[v].name for v in cyc), component,
                                tuple(blocked)))
    cycles.sort(key=lambda c: c.members)
    index = g.index
    for c in cycles:
        ring = [index[x] for x in c.members]
        circular.extend(cycle_findings(ring, cyclic_comps[cyclic_comp_of[ring[0]]], list(c.blocked_items), g,
                                       proofs, items))
    flagged = sorted((v for v, p in enumerate(proofs) if p.shared_source or not p.basis.strip()),
                     key=ids.__getitem__)
    per_proof: dict[str, list[Finding]] = {"proof_without_basis": [], "replaceable_by_shared_data": []}
    for v in flagged:
        for f in proof_findings(v, g, proofs, items):
            per_proof[f.kind].append(f)
    lap("proof_findings")
    same_names = same_name_findings(proofs, g, items)
    lap("same_names")
    worded = wording_findings(proofs, items, g, new_finding, items_listed=not catalog.published_list)
    lap("wording")
    item_order = sorted(range(len(items)), key=lambda j: items[j].id)
    findings = [*circular,
                *(by_item_dup[j] for j in item_order if j in by_item_dup), *same_names,
                *per_proof["proof_without_basis"], *per_proof["replaceable_by_shared_data"],
                *(by_item_run[j] for j in item_order if j in by_item_run),
                *(f for kind in WORDING_KINDS for f in worded[kind])]
    summary = _summary(catalog, figures, codes, cycles, findings, max_issuers)
    lap("sort_summary")
    return ProofReport(catalog, max_issuers, findings, figures, cycles, summary, codes, g, cyclic_comp_of,
                       loops, figs.affected, timings)


def _chain_duplicates(item: Item, j: int, roots: tuple[int, ...], chain: AbstractSet[int], g: ProofGraph,
                      proofs: list[Proof], loop_of: dict[int, int], found: dict[int, Finding]) -> tuple[str, ...]:
    """Proofs demanded at two or more places of one item's chain; appends the finding.
    A demand from inside the proof's own loop is the loop's fault, reported as circular_proof."""
    ids = g.ids
    succ = g.succ
    demands = Counter(concat.from_iterable(map(succ.__getitem__, chain)))
    demands.update(roots)
    detail: list[dict[str, Any]] = []
    for v in sorted((v for v, n in demands.items() if n > 1), key=ids.__getitem__):
        by_proofs: AbstractSet[int] = {d for d in chain if v in succ[d]}
        if v in loop_of:
            by_proofs = {d for d in by_proofs if loop_of.get(d) != loop_of[v]}
        by = sorted(ids[d] for d in by_proofs)
        if v in roots:
            by.insert(0, item.id)
        if len(by) > 1:
            detail.append({"proof": ids[v], "name": proofs[v].name, "demanded_by": by})
    if detail:
        found[j] = chain_duplicate_finding(item, detail)
    return tuple(d["proof"] for d in detail)


def _mean(values: list[int]) -> float:
    return round(sum(values) / len(values), 2) if values else 0.0


def _summary(catalog: ProofCatalog, figures: list[ItemFigures], codes: list[str], cycles: list[Cycle],
             findings: list[Finding], max_issuers: int) -> dict[str, Any]:
    by_kind = Counter(f.kind for f in findings)
    recs = Counter(codes)
    return {
        "file": catalog.file,
        "prerequisites_given": catalog.prerequisites_given,
        "not_checked": [] if catalog.prerequisites_given else ["circular_proof", "duplicate_proof:chain"],
        "note": "" if catalog.prerequisites_given else NO_PREREQUISITES,
        "proofs": len(catalog.proofs),
        "items": len(catalog.items),
        "issuers": len({p.issuer for p in catalog.proofs}),
        "max_issuers": max_issuers,
        "findings": len(findings),
        "findings_by_kind": {k: by_kind.get(k, 0) for k in KIND_LABELS},
        "cycles": len(cycles),
        "proofs_in_cycles": len({m for c in cycles for m in c.component}),
        "items_blocked": sum(f.blocked for f in figures),
        "recommendations": {r: recs.get(r, 0) for r in RECOMMENDATIONS},
        "proofs_per_item_mean": _mean([f.proofs_total for f in figures]),
        "issuers_per_item_mean": _mean([f.issuers_total for f in figures]),
        "issuers_per_item_max": max((f.issuers_total for f in figures), default=0),
        "items_over_max_issuers": sum(f.issuers_total > max_issuers for f in figures),
        "proofs_per_item_mean_after": _mean([f.proofs_after for f in figures]),
        "issuers_per_item_mean_after": _mean([f.issuers_after for f in figures]),
        "issuers_per_item_max_after": max((f.issuers_after for f in figures), default=0),
        "items_over_max_issuers_after": sum(f.issuers_after > max_issuers for f in figures),
    }
