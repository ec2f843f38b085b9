"""Per-item chain figures, computed for all items at once with numpy.

An item's chain is the union of the chains of the proofs it requires (levels.LevelChains, or
graph.Closure's sets for very deep graphs).
Instead of one Python set per item, the chains of all items are laid end to end as
(item, proof) pairs, deduplicated by one sort, and every figure is a count over those pairs:
proofs in the chain, distinct issuers (sorted by rank, i.e. by name), demands inside the chain,
loop members reached — before and after the recommendations. Items are taken in batches of at
most PAIRS_PER_BATCH pairs, so memory stays bounded whatever the chains' sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain as concat

import numpy as np

from .levels import LevelChains, _distinct

PAIRS_PER_BATCH = 4_000_000


@dataclass
class ChainFigures:
    """Per item (index j): figures of its chain now and after the recommendations.

    `sets` holds the chain as a Python set for the items that need a closer look: those whose
    chain reaches a loop or demands some proof more than once (the `watch` flags)."""

    proofs_total: list[int]
    issuers: list[tuple[str, ...]]  # issuers' names, sorted
    demands: list[int]  # required-by edges inside the chain, plus the item's own roots
    loop_hits: list[int]  # members of loops in the chain
    proofs_after: list[int]
    issuers_after: list[int]
    depth: list[int]
    depth_after: list[int]
    affected: list[int]  # per proof: items whose chain contains it
    sets: dict[int, set[int]]


class SetChains:
    """Chains held as one Python set per proof (graph.Closure)."""

    def __init__(self, reach: Sequence[AbstractSet[int]], kept_reach: Sequence[AbstractSet[int]]) -> None:
        self.reach, self.kept_reach = reach, kept_reach

    def sizes(self, roots: np.ndarray) -> np.ndarray:
        return np.fromiter(map(len, map(self.reach.__getitem__, roots.tolist())), dtype=np.int64, count=len(roots))

    def pairs(self, roots: np.ndarray, owner: np.ndarray, n: int, after: bool) -> tuple[np.ndarray, np.ndarray]:
        sets = list(map((self.kept_reach if after else self.reach).__getitem__, roots.tolist()))
        sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
        members = np.fromiter(concat.from_iterable(sets), dtype=np.int64, count=int(sizes.sum()))
        return _split(_distinct(np.repeat(owner, sizes) * n + members), n)


class SegmentChains:
    """Chains held as segments of flat arrays (levels.LevelChains)."""

    def __init__(self, chains: LevelChains) -> None:
        self.chains = chains

    def sizes(self, roots: np.ndarray) -> np.ndarray:
        c = self.chains
        return np.asarray(c.reach.length[c.comp_of[roots]])

    def pairs(self, roots: np.ndarray, owner: np.ndarray, n: int, after: bool) -> tuple[np.ndarray, np.ndarray]:
        c = self.chains
        items, proofs = c.kept_reach.gather(roots, owner) if after else c.reach.gather(c.comp_of[roots], owner)
        return _split(_distinct(items * n + proofs), n)


def _split(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    items = keys // n
    return items, keys - items * n


def chain_figures(roots: Sequence[tuple[int, ...]], source: SetChains | SegmentChains, n: int,
                  depth: Sequence[int], kept_depth: Sequence[int],
                  issuer_rank: Sequence[int], issuer_names: Sequence[str], outdeg: Sequence[int],
                  in_loop: Sequence[bool]) -> ChainFigures:
    """`issuer_rank[v]` is the position of proof v's issuer in `issuer_names` (sorted)."""
    m = len(roots)
    rank = np.asarray(issuer_rank, dtype=np.int64)
    n_ranks = int(rank.max()) + 1 if n else 1
    outdeg_arr = np.asarray(outdeg, dtype=np.int64)
    loop_arr = np.asarray(in_loop, dtype=np.int64)
    root_counts = np.fromiter(map(len, roots), dtype=np.int64, count=m)
    flat_roots = np.fromiter(concat.from_iterable(roots), dtype=np.int64, count=int(root_counts.sum()))
    root_start = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(root_counts, out=root_start[1:])

    out = ChainFigures([0] * m, [()] * m, [0] * m, [0] * m, [0] * m, [0] * m,
                       _max_per_item(depth, flat_roots, root_start), _max_per_item(kept_depth, flat_roots, root_start),
                       [0] * n, {})
    affected = np.zeros(n, dtype=np.int64)
    sizes = source.sizes(flat_roots)
    per_item = np.bincount(np.repeat(np.arange(m), root_counts), weights=sizes, minlength=m).astype(np.int64)
    bounds = np.concatenate(([0], np.cumsum(per_item)))
    start = 0
    while start < m:
        # the largest run of items from `start` whose chains fit in one batch (at least one item)
        stop = int(np.searchsorted(bounds, bounds[start] + PAIRS_PER_BATCH, side="right")) - 1
        stop = min(m, max(stop, start + 1))
        lo, hi = int(root_start[start]), int(root_start[stop])
        owner = np.repeat(np.arange(start, stop, dtype=np.int64), root_counts[start:stop])
        items, proofs = source.pairs(flat_roots[lo:hi], owner, n, after=False)
        counts = np.bincount(items - start, minlength=stop - start)
        affected += np.bincount(proofs, minlength=n)
        out.proofs_total[start:stop] = counts.tolist()
        demands = np.bincount(items - start, weights=outdeg_arr[proofs], minlength=stop - start).astype(np.int64)
        demands += root_counts[start:stop]
        hits = np.bincount(items - start, weights=loop_arr[proofs], minlength=stop - start).astype(np.int64)
        out.demands[start:stop] = demands.tolist()
        out.loop_hits[start:stop] = hits.tolist()
        keys = _distinct(items * n_ranks + rank[proofs])
        key_items = keys // n_ranks
        issuers = list(map(issuer_names.__getitem__, (keys - key_items * n_ranks).tolist()))
        ends = np.cumsum(np.bincount(key_items - start, minlength=stop - start)).tolist()
        a = 0
        for j, b in enumerate(ends, start):
            out.issuers[j] = tuple(issuers[a:b])
            a = b
        watch = np.flatnonzero((hits > 0) | (demands > counts)) + start
        if len(watch):
            offsets = np.concatenate(([0], np.cumsum(counts))).tolist()
            plist = proofs.tolist()
            for j in watch.tolist():
                out.sets[j] = set(plist[offsets[j - start]:offsets[j - start + 1]])
        items, proofs = source.pairs(flat_roots[lo:hi], owner, n, after=True)
        out.proofs_after[start:stop] = np.bincount(items - start, minlength=stop - start).tolist()
        keys = _distinct(items * n_ranks + rank[proofs])
        out.issuers_after[start:stop] = np.bincount(keys // n_ranks - start, minlength=stop - start).tolist()
        start = stop
    out.affected = affected.tolist()
    return out


def _max_per_item(values: Sequence[int], flat_roots: np.ndarray, root_start: np.ndarray) -> list[int]:
    """max(values[r] for r in the item's roots), 0 for an item without roots."""
    m = len(root_start) - 1
    if not len(flat_roots):
        return [0] * m
    picked = np.asarray(values, dtype=np.int64)[flat_roots]
    has = root_start[:-1] < root_start[1:]
    best = np.zeros(m, dtype=np.int64)
    best[has] = np.maximum.reduceat(picked, root_start[:-1][has])
    return best.tolist()
