# Reference oracle: frozen copy, see __init__.py.
"""The requirement graph: strongly connected components, cycles and memoised chains.

Nodes are proof indices 0..n-1; `succ[v]` lists the proofs v's issuer wants first. Everything
here is iterative (no recursion limit at 100k nodes) and linear in the graph, except the chain
sets, which are memoised once per component of the condensation: an item's chain is the union
of the memoised sets of the components it requires, never a fresh walk.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain

import numpy as np

from analysis.common import InputError

from .model import Item, Proof, ProofCatalog

# A component with more members than this gets cycles searched from this many members only.
CYCLE_SEARCH_STARTS = 100


def strongly_connected_components(succ: Sequence[Sequence[int]]) -> tuple[list[list[int]], list[int]]:
    """Tarjan's algorithm with an explicit stack.

    Returns the components in reverse topological order (every edge leaving a component goes
    to one listed earlier) and each node's component number.
    """
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comps: list[list[int]] = []
    comp_of = [-1] * n
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(succ[root]))]
        while work:
            v, it = work[-1]
            for w in it:
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, iter(succ[w])))
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    c = len(comps)
                    comp: list[int] = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp_of[w] = c
                        comp.append(w)
                        if w == v:
                            break
                    comps.append(comp)
    return comps, comp_of


def canonical_rotation(cycle: Sequence[int], ids: Sequence[str]) -> tuple[int, ...]:
    """The cycle started at its member with the smallest id, direction kept."""
    start = min(range(len(cycle)), key=lambda i: ids[cycle[i]])
    return tuple(cycle[start:]) + tuple(cycle[:start])


def component_cycles(members: Sequence[int], succ: Sequence[Sequence[int]], ids: Sequence[str]
                     ) -> tuple[list[tuple[int, ...]], bool]:
    """Elementary cycles that together cover every member of one cyclic component.

    Self-loops first; a component that is one ring is that ring; otherwise the shortest cycle
    through each member not yet covered (searched in id order, neighbours in id order, so the
    answer does not depend on the order of the file). Returns (cycles, truncated).
    """
    key = ids.__getitem__
    inside = set(members)
    order = sorted(members, key=key)
    adj = {v: sorted((w for w in succ[v] if w in inside and w != v), key=key) for v in order}
    found: dict[tuple[int, ...], None] = {}
    for v in order:
        if v in succ[v]:
            found[(v,)] = None
    if len(order) > 1 and all(len(adj[v]) == 1 for v in order):
        ring = [order[0]]
        while (nxt := adj[ring[-1]][0]) != ring[0]:
            ring.append(nxt)
        found[tuple(ring)] = None
        return list(found), False
    if len(order) == 1:
        return list(found), False
    covered: set[int] = set()
    starts = 0
    truncated = False
    for v in order:
        if v in covered:
            continue
        if starts == CYCLE_SEARCH_STARTS:
            truncated = True
            break
        starts += 1
        cycle = _shortest_cycle_through(v, adj)
        if cycle:
            found.setdefault(canonical_rotation(cycle, ids), None)
            covered.update(cycle)
    return list(found), truncated


def _shortest_cycle_through(v: int, adj: dict[int, list[int]]) -> list[int]:
    parent: dict[int, int] = {v: v}
    queue = [v]
    for u in queue:
        for w in adj[u]:
            if w == v:
                path = [u]
                while path[-1] != v:
                    path.append(parent[path[-1]])
                path.reverse()
                return path
            if w not in parent:
                parent[w] = u
                queue.append(w)
    return []


EMPTY: frozenset[int] = frozenset()


class Closure:
    """The chain of every proof an item requires, memoised over the condensation, twice: as the
    catalogue stands, and as it would stand if only the proofs in `kept` were still demanded (a
    proof not kept is not brought, and neither are the proofs needed only to obtain it).

    `comps` must come from strongly_connected_components(succ); `uses[v]` is the number of
    proofs and items that require v; `wanted` marks the proofs items require directly (their
    chains are kept for the caller). The kept proofs must not contain a loop (the
    recommendations guarantee it).

    Cost: every chain is built by extending a child's set in place when that child has no other
    user (a long path costs O(n) time and memory, not O(n²)) and by copying otherwise: time and
    memory grow with the sum of the chains of proofs that several others require.
    """

    def __init__(self, succ: Sequence[Sequence[int]], comps: Sequence[Sequence[int]], kept: Sequence[bool],
                 uses: Sequence[int], wanted: Sequence[bool]) -> None:
        n = len(succ)
        reach: list[AbstractSet[int]] = [EMPTY] * n
        depth = [0] * n
        kreach: list[AbstractSet[int]] = [EMPTY] * n
        kdepth = [0] * n
        # a proof outside any loop, used by exactly one proof and no item: its set may be taken over
        own = [u == 1 and not w for u, w in zip(uses, wanted, strict=True)]
        kown = own.copy()
        owned, kowned, is_kept = own.__getitem__, kown.__getitem__, kept.__getitem__
        for members in comps:  # sinks first: whatever a component requires is already done
            if len(members) == 1:
                v = members[0]
                s = succ[v]
                if not s:
                    reach[v] = {v}
                    depth[v] = 1
                    if kept[v]:
                        kreach[v] = {v}
                        kdepth[v] = 1
                    continue
                if v not in s:
                    if any(map(owned, s)):
                        reach[v] = _extend(v, s, reach, own)
                    else:
                        reach[v] = r = {v}
                        r.update(*map(reach.__getitem__, s))
                    depth[v] = 1 + max(map(depth.__getitem__, s))
                    if kept[v]:
                        ks = s if all(map(is_kept, s)) else [w for w in s if kept[w]]
                        if any(map(kowned, ks)):
                            kreach[v] = _extend(v, ks, kreach, kown)
                        else:
                            kreach[v] = r = {v}
                            r.update(*map(kreach.__getitem__, ks))
                        kdepth[v] = 1 + max(map(kdepth.__getitem__, ks), default=0)
                    continue
            for v in members:
                own[v] = kown[v] = False
            inside = set(members)
            outside = {w for v in members for w in succ[v] if w not in inside}
            r = set(members)
            r.update(*map(reach.__getitem__, outside))
            d = 1 + max(map(depth.__getitem__, outside), default=0)
            for v in members:
                reach[v] = r
                depth[v] = d
            for v in _kept_order(members, succ, kept, inside):
                ks = [w for w in succ[v] if kept[w]]
                kreach[v] = kr = {v}
                kr.update(*map(kreach.__getitem__, ks))
                kdepth[v] = 1 + max(map(kdepth.__getitem__, ks), default=0)
        self.reach = reach
        self.depth = depth
        self.kept_reach = kreach
        self.kept_depth = kdepth


def _extend(v: int, children: Sequence[int], reach: list[AbstractSet[int]], own: list[bool]) -> set[int]:
    """{v} and the chains of `children`; takes over the largest child set nobody else uses."""
    best = -1
    size = -1
    if not children:
        return {v}
    for w in children:
        if own[w] and len(reach[w]) > size:
            best, size = w, len(reach[w])
    if best < 0:
        r = {v}
        r.update(*map(reach.__getitem__, children))
        return r
    taken = reach[best]
    assert isinstance(taken, set)
    reach[best] = EMPTY
    own[best] = False
    taken.add(v)
    if len(children) > 1:
        taken.update(*map(reach.__getitem__, children))
    return taken


def _kept_order(members: Sequence[int], succ: Sequence[Sequence[int]], kept: Sequence[bool],
                inside: set[int]) -> list[int]:
    """The kept members of one component, each after the kept members it requires."""
    keep = [v for v in members if kept[v]]
    if not keep:
        return keep
    sub = {v: [w for w in succ[v] if w in inside and kept[w]] for v in keep}
    done: set[int] = set()
    order: list[int] = []
    for root in keep:
        if root in done:
            continue
        done.add(root)
        work = [(root, iter(sub[root]))]
        while work:
            v, it = work[-1]
            for w in it:
                if w not in done:
                    done.add(w)
                    work.append((w, iter(sub[w])))
                    break
            else:
                work.pop()
                order.append(v)
    return order


def bits(x: int) -> list[int]:
    """Positions of the set bits of x, ascending."""
    out = []
    while x:
        low = x & -x
        out.append(low.bit_length() - 1)
        x ^= low
    return out


@dataclass
class ProofGraph:
    """The catalogue as integer-indexed adjacency: proofs 0..n-1 in file order, items 0..m-1.

    Reverse edges are kept as two flat arrays sorted by target (built at C speed with numpy):
    preds(v) and item_preds(v) slice them.
    """

    ids: list[str]
    index: dict[str, int]
    succ: list[tuple[int, ...]]  # proof -> the proofs its issuer wants first
    roots: list[tuple[int, ...]]  # item -> the proofs its window wants
    _preds: tuple[list[int], list[int]]  # (sources sorted by target, offsets per target)
    _item_preds: tuple[list[int], list[int]]
    uses: list[int]  # proof -> how many proofs and items require it

    @classmethod
    def build(cls, catalog: ProofCatalog) -> ProofGraph:
        ids = [p.id for p in catalog.proofs]
        index = {pid: i for i, pid in enumerate(ids)}
        if len(index) != len(ids):
            dup = next(pid for i, pid in enumerate(ids) if index[pid] != i)
            raise InputError(f"证明编号“{dup}”重复", file=catalog.file or None)
        get = index.__getitem__
        try:
            succ = [tuple(map(get, p.requires)) for p in catalog.proofs]
            roots = [tuple(map(get, it.requires)) for it in catalog.items]
        except KeyError:
            raise _undefined(catalog, index) from None
        if not catalog.requires_unique:  # a requirement listed twice is one requirement
            succ = [s if len(s) < 2 or len(set(s)) == len(s) else tuple(dict.fromkeys(s)) for s in succ]
            roots = [s if len(s) < 2 or len(set(s)) == len(s) else tuple(dict.fromkeys(s)) for s in roots]
        n = len(ids)
        preds, pred_counts = _reverse(succ, n)
        item_preds, item_counts = _reverse(roots, n)
        return cls(ids, index, succ, roots, preds, item_preds, (pred_counts + item_counts).tolist())

    def preds(self, v: int) -> list[int]:
        """The proofs that require proof v."""
        src, off = self._preds
        return src[off[v]:off[v + 1]]

    def item_preds(self, v: int) -> list[int]:
        """The items that require proof v directly."""
        src, off = self._item_preds
        return src[off[v]:off[v + 1]]


def _reverse(adj: list[tuple[int, ...]], n: int) -> tuple[tuple[list[int], list[int]], np.ndarray]:
    """((sources sorted by target, offsets), in-degree per target)."""
    lengths = np.fromiter(map(len, adj), dtype=np.int64, count=len(adj))
    total = int(lengths.sum())
    dst = np.fromiter(chain.from_iterable(adj), dtype=np.int64, count=total)
    src = np.repeat(np.arange(len(adj), dtype=np.int64), lengths)
    order = np.argsort(dst, kind="stable")
    counts = np.bincount(dst, minlength=n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return (src[order].tolist(), offsets.tolist()), counts


def _undefined(catalog: ProofCatalog, index: dict[str, int]) -> InputError:
    sections: tuple[tuple[str, Sequence[Proof | Item]], ...] = (("证明", catalog.proofs), ("事项", catalog.items))
    for word, records in sections:
        for rec in records:
            for ref in rec.requires:
                if ref not in index:
                    return InputError(f"{word}“{rec.id}”（{rec.name}）的 requires 引用了未定义的证明编号“{ref}”",
                                      file=catalog.file or None, column="requires")
    return InputError("引用了未定义的证明编号", file=catalog.file or None)  # pragma: no cover
