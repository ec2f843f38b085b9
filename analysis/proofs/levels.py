"""Chains of every proof, computed level by level with numpy (no Python set per proof).

The condensation of the requirement graph (one node per strongly connected component) is a DAG.
Peeling its sinks level by level gives every component its height — the chain's depth, a loop
counting as one level — and, walking the levels upwards, every component's chain as a sorted
segment of one flat array: its own members and the segments of the components it requires,
merged and deduplicated by one sort per level. The chains after the recommendations are the
same computation on the proofs that are kept (they form a DAG: the recommendations break
every loop).

Each level costs a few numpy calls, so a graph with more than MAX_LEVELS levels (a chain of
thousands of proofs, each needing the next) is left to graph.Closure, which handles long paths
in linear time with Python sets and gives the same chains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain as concat

import numpy as np

from .graph import strongly_connected_components

MAX_LEVELS = 256


@dataclass
class Segments:
    """node -> a sorted run of proof indices: flat[start[v]:start[v] + length[v]]."""

    start: np.ndarray
    length: np.ndarray
    flat: np.ndarray

    def gather(self, nodes: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(owner repeated per member, the members) of the segments of `nodes`."""
        lengths = self.length[nodes]
        total = int(lengths.sum())
        first = self.start[nodes] - np.cumsum(lengths) + lengths
        return np.repeat(owner, lengths), self.flat[np.repeat(first, lengths) + np.arange(total, dtype=np.int64)]


@dataclass
class LevelChains:
    """Chains and depths of every proof, now (`reach`, per component) and after (`kept_reach`,
    per proof, empty for a proof not kept)."""

    comp_of: np.ndarray  # proof -> component
    reach: Segments  # component -> its chain
    kept_reach: Segments  # proof -> its chain among kept proofs
    depth: list[int]  # per proof
    kept_depth: list[int]  # per proof, 0 when not kept

    @classmethod
    def build(cls, succ: Sequence[Sequence[int]], comps: Sequence[Sequence[int]], comp_of: Sequence[int],
              kept: Sequence[bool]) -> LevelChains | None:
        """None when either graph is deeper than MAX_LEVELS or the kept proofs hold a loop."""
        n = len(succ)
        lengths = np.fromiter(map(len, succ), dtype=np.int64, count=n)
        dst = np.fromiter(concat.from_iterable(succ), dtype=np.int64, count=int(lengths.sum()))
        src = np.repeat(np.arange(n, dtype=np.int64), lengths)
        comp = np.asarray(comp_of, dtype=np.int64)
        # condensation: edges between different components
        c_src, c_dst = comp[src], comp[dst]
        cross = c_src != c_dst
        nc = len(comps)
        sizes = np.fromiter(map(len, comps), dtype=np.int64, count=nc)
        members = np.fromiter(concat.from_iterable(map(sorted, comps)), dtype=np.int64, count=n)
        own = Segments(np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64), sizes, members)
        now = _level_reach(nc, n, c_src[cross], c_dst[cross], own)
        if now is None:
            return None
        # after: edges between kept proofs; a proof not kept has an empty chain and depth 0
        keep = np.asarray(kept, dtype=bool)
        both = keep[src] & keep[dst]
        own_kept = Segments(np.arange(n, dtype=np.int64), keep.astype(np.int64), np.arange(n, dtype=np.int64))
        after = _level_reach(n, n, src[both], dst[both], own_kept)
        if after is None:
            return None
        reach, height = now
        kept_reach, kept_height = after
        kept_height[~keep] = 0
        return cls(comp, reach, kept_reach, height[comp].tolist(), kept_height.tolist())


def components(succ: Sequence[Sequence[int]], max_levels: int = MAX_LEVELS
               ) -> tuple[list[list[int]], list[int]]:
    """strongly_connected_components(succ), faster: sinks are peeled level by level with numpy
    (a proof whose prerequisites are all peeled is its own component and lies on no loop), and
    Tarjan's algorithm runs only on what is left — the loops and the proofs that lead to them.
    Components come out sinks first (peeled ones, then the rest); members and numbering may
    differ from Tarjan's alone, the components and their order constraints do not."""
    n = len(succ)
    lengths = np.fromiter(map(len, succ), dtype=np.int64, count=n)
    dst = np.fromiter(concat.from_iterable(succ), dtype=np.int64, count=int(lengths.sum()))
    src = np.repeat(np.arange(n, dtype=np.int64), lengths)
    by_dst = np.argsort(dst, kind="stable")
    preds, pred_off = src[by_dst], _offsets(dst, n)
    remaining = lengths.copy()
    peeled: list[np.ndarray] = []
    frontier = np.flatnonzero(remaining == 0)
    while len(frontier) and len(peeled) < max_levels:
        peeled.append(frontier)
        counts = pred_off[frontier + 1] - pred_off[frontier]
        parents = preds[_ranges(pred_off[frontier], counts)]
        remaining -= np.bincount(parents, minlength=n)
        touched = np.zeros(n, dtype=bool)
        touched[parents] = True
        frontier = np.flatnonzero(touched & (remaining == 0))
    order = np.concatenate(peeled).tolist() if peeled else []
    comps: list[list[int]] = [[v] for v in order]
    comp_of = [-1] * n
    for c, v in enumerate(order):
        comp_of[v] = c
    if len(order) < n:
        done = np.zeros(n, dtype=bool)
        done[order] = True
        rest = np.flatnonzero(~done).tolist()
        local = {v: i for i, v in enumerate(rest)}
        sub = [[local[w] for w in succ[v] if w in local] for v in rest]
        for members in strongly_connected_components(sub)[0]:
            for i in members:
                comp_of[rest[i]] = len(comps)
            comps.append([rest[i] for i in members])
    return comps, comp_of


def _level_reach(nodes: int, n: int, src: np.ndarray, dst: np.ndarray, own: Segments
                 ) -> tuple[Segments, np.ndarray] | None:
    """Chains (own members plus everything required) and heights of a DAG's nodes (src needs
    dst); None if it has a cycle or more than MAX_LEVELS levels."""
    by_dst = np.argsort(dst, kind="stable")
    preds, pred_off = src[by_dst], _offsets(dst, nodes)
    by_src = np.argsort(src, kind="stable")
    children, child_off = dst[by_src], _offsets(src, nodes)
    remaining = np.diff(child_off)
    height = np.zeros(nodes, dtype=np.int64)
    start = np.zeros(nodes, dtype=np.int64)
    length = np.zeros(nodes, dtype=np.int64)
    buffer = np.empty(max(16, 2 * len(own.flat)), dtype=np.int64)
    used = 0
    reach = Segments(start, length, buffer)
    frontier = np.flatnonzero(remaining == 0)
    done = level = 0
    while len(frontier):
        if level == MAX_LEVELS:
            return None
        level += 1
        height[frontier] = level
        done += len(frontier)
        # this level's chains: own members and the chains of every child (all on lower levels)
        counts = child_off[frontier + 1] - child_off[frontier]
        kids = children[_ranges(child_off[frontier], counts)]
        o1, m1 = reach.gather(kids, np.repeat(frontier, counts))
        o0, m0 = own.gather(frontier, frontier)
        keys = _distinct(np.concatenate((o0 * n + m0, o1 * n + m1)))
        node_of = keys // n
        first = np.searchsorted(node_of, frontier, side="left")
        last = np.searchsorted(node_of, frontier, side="right")
        if used + len(keys) > len(buffer):
            buffer = np.resize(buffer, max(2 * len(buffer), used + len(keys)))
            reach.flat = buffer
        buffer[used:used + len(keys)] = keys - node_of * n
        start[frontier] = used + first
        length[frontier] = last - first
        used += len(keys)
        # the parents whose last child is done form the next level
        counts = pred_off[frontier + 1] - pred_off[frontier]
        parents = preds[_ranges(pred_off[frontier], counts)]
        if not len(parents):
            break
        remaining -= np.bincount(parents, minlength=nodes)
        touched = np.zeros(nodes, dtype=bool)
        touched[parents] = True
        frontier = np.flatnonzero(touched & (remaining == 0))
    if done < nodes:
        return None
    reach.flat = buffer[:used]
    return reach, height


def _offsets(keys: np.ndarray, nodes: int) -> np.ndarray:
    off = np.zeros(nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=nodes), out=off[1:])
    return off


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated arange(s, s + c) for each (s, c)."""
    total = int(counts.sum())
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total, dtype=np.int64)


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values, ascending (np.unique hashes in numpy 2, several times slower)."""
    keys = np.sort(keys)
    if len(keys) < 2:
        return keys
    keep = np.empty(len(keys), dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]
