"""One item's chain as nodes and edges, for drawing (e.g. an ECharts graph)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .graph import ProofGraph
from .model import ProofCatalog


@dataclass
class ChainGraph:
    """The item, every proof in its chain, and the requirement edges between them.

    node: {"id", "name", "kind": "item"|"proof", "unit" (department or issuer), "level"
           (distance from the item), "in_cycle", "recommendation" (None for the item)}
    edge: {"source", "target", "in_cycle"} — source needs target first; in_cycle marks the
          edges of a loop (both ends in the same loop of proofs).
    """

    item: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "nodes": self.nodes, "edges": self.edges}


def chain_graph(catalog: ProofCatalog, g: ProofGraph, item_id: str, recommendations: Sequence[str],
                loop_of: dict[int, int], item_index: dict[str, int] | None = None) -> ChainGraph:
    """Breadth first from the item; KeyError for an unknown item id.

    `item_index` (item id -> position) saves a linear search when many chains are drawn."""
    if item_index is not None:
        j = item_index[item_id]
    else:
        found = next((j for j, it in enumerate(catalog.items) if it.id == item_id), None)
        if found is None:
            raise KeyError(item_id)
        j = found
    item = catalog.items[j]
    proofs = catalog.proofs
    level: dict[int, int] = {}
    frontier = sorted(g.roots[j], key=lambda v: proofs[v].id)
    for v in frontier:
        level[v] = 1
    for v in frontier:  # the frontier grows while it is walked
        for w in g.succ[v]:
            if w not in level:
                level[w] = level[v] + 1
                frontier.append(w)
    nodes: list[dict[str, Any]] = [{"id": item.id, "name": item.name, "kind": "item", "unit": item.department,
                                    "level": 0, "in_cycle": False, "recommendation": None}]
    for v in sorted(level, key=lambda v: (level[v], proofs[v].id)):
        p = proofs[v]
        nodes.append({"id": p.id, "name": p.name, "kind": "proof", "unit": p.issuer, "level": level[v],
                      "in_cycle": v in loop_of, "recommendation": recommendations[v]})
    edges = [{"source": item.id, "target": proofs[v].id, "in_cycle": False}
             for v in sorted(g.roots[j], key=lambda v: proofs[v].id)]
    for v in sorted(level, key=lambda v: proofs[v].id):
        for w in sorted(g.succ[v], key=lambda w: proofs[w].id):
            edges.append({"source": proofs[v].id, "target": proofs[w].id,
                          "in_cycle": v in loop_of and loop_of.get(w) == loop_of[v]})
    return ChainGraph(item.id, nodes, edges)
