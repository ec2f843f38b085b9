"""The requirement graph: components, loops, memoised chains — checked by hand and against networkx."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.proofs.graph import Closure, canonical_rotation, component_cycles, strongly_connected_components


def closure(succ: list[list[int]], wanted: list[int], kept: list[bool] | None = None) -> Closure:
    """The closure with `wanted` marked as required by items (their chains are kept)."""
    uses = [0] * len(succ)
    for s in succ:
        for w in s:
            uses[w] += 1
    marks = [False] * len(succ)
    for v in wanted:
        marks[v] = True
        uses[v] += 1
    comps, _ = strongly_connected_components(succ)
    return Closure(succ, comps, kept or [True] * len(succ), uses, marks)


def comps_as_sets(succ: list[list[int]]) -> set[frozenset[int]]:
    comps, _ = strongly_connected_components(succ)
    return {frozenset(c) for c in comps}


def test_a_long_path_of_100k_proofs_needs_no_recursion() -> None:
    n = 100_000
    succ = [[i + 1] for i in range(n - 1)] + [[0]]  # one loop through everything
    comps, comp_of = strongly_connected_components(succ)
    assert len(comps) == 1 and len(comps[0]) == n
    path = [[i + 1] for i in range(n - 1)] + [[]]
    comps, _ = strongly_connected_components(path)
    assert len(comps) == n
    memo = closure(path, [0, n // 2], kept=[i != n - 10 for i in range(n)])
    assert memo.depth[0] == n and len(memo.reach[0]) == n
    assert len(memo.reach[n // 2]) == n - n // 2
    assert memo.kept_depth[0] == n - 10 and len(memo.kept_reach[0]) == n - 10


def test_components_come_sinks_first() -> None:
    # 0 -> 1 <-> 2 -> 3
    comps, comp_of = strongly_connected_components([[1], [2], [1, 3], []])
    assert comp_of[3] < comp_of[1] == comp_of[2] < comp_of[0]


def test_a_ring_is_reported_in_order_from_its_smallest_id() -> None:
    ids = ["C", "A", "B"]  # C -> A -> B -> C
    succ = [[1], [2], [0]]
    cycles, truncated = component_cycles([0, 1, 2], succ, ids)
    assert [[ids[v] for v in c] for c in cycles] == [["A", "B", "C"]]
    assert not truncated


def test_a_self_loop_is_a_cycle_of_one() -> None:
    cycles, _ = component_cycles([0], [[0]], ["P"])
    assert cycles == [(0,)]


def test_two_loops_sharing_a_proof_are_both_reported_once() -> None:
    ids = ["A", "B", "C"]  # A <-> B <-> C
    succ = [[1], [0, 2], [1]]
    cycles, _ = component_cycles([0, 1, 2], succ, ids)
    assert sorted(tuple(ids[v] for v in c) for c in cycles) == [("A", "B"), ("B", "C")]


def test_canonical_rotation_keeps_direction() -> None:
    ids = ["A", "B", "C"]
    assert canonical_rotation([2, 0, 1], ids) == (0, 1, 2)
    assert canonical_rotation([1, 0, 2], ids) == (0, 2, 1)


def test_dropped_proofs_take_their_prerequisites_with_them() -> None:
    # 0 -> 1 -> 2, 0 -> 3; drop 1: the chain of 0 keeps 0 and 3 only
    memo = closure([[1, 3], [2], [], []], [0], kept=[True, False, True, True])
    assert memo.reach[0] == {0, 1, 2, 3} and memo.depth[0] == 3
    assert memo.kept_reach[0] == {0, 3} and memo.kept_depth[0] == 2


graphs = st.integers(min_value=1, max_value=12).flatmap(
    lambda n: st.lists(st.lists(st.integers(0, n - 1), max_size=4, unique=True), min_size=n, max_size=n))


@settings(max_examples=200, deadline=None)
@given(graphs, st.data())
def test_components_and_chains_agree_with_networkx(succ: list[list[int]], data: st.DataObject) -> None:
    g = nx.DiGraph()
    g.add_nodes_from(range(len(succ)))
    g.add_edges_from((v, w) for v, s in enumerate(succ) for w in s)
    assert comps_as_sets(succ) == {frozenset(c) for c in nx.strongly_connected_components(g)}
    comps, comp_of = strongly_connected_components(succ)
    # every edge goes to the same or an earlier component
    assert all(comp_of[w] <= comp_of[v] for v, s in enumerate(succ) for w in s)
    wanted = data.draw(st.lists(st.integers(0, len(succ) - 1), unique=True))
    kept = data.draw(st.lists(st.booleans(), min_size=len(succ), max_size=len(succ)))
    kept = [k and not any(v in c for c in comps if len(c) > 1 or c[0] in succ[c[0]]) for v, k in enumerate(kept)]
    memo = closure(succ, wanted, kept)
    kept_graph = g.subgraph([v for v in range(len(succ)) if kept[v]])
    for v in wanted:
        assert memo.reach[v] == {v} | nx.descendants(g, v)
        assert memo.kept_reach[v] == ({v} | nx.descendants(kept_graph, v) if kept[v] else set())


@settings(max_examples=150, deadline=None)
@given(graphs)
def test_the_cycles_reported_are_real_and_cover_every_looped_proof(succ: list[list[int]]) -> None:
    ids = [f"P{v:02d}" for v in range(len(succ))]
    comps, _ = strongly_connected_components(succ)
    for members in comps:
        if len(members) == 1 and members[0] not in succ[members[0]]:
            continue
        cycles, truncated = component_cycles(members, succ, ids)
        assert not truncated
        covered = set()
        for c in cycles:
            assert len(set(c)) == len(c)
            assert all(c[(i + 1) % len(c)] in succ[c[i]] for i in range(len(c)))
            assert ids[c[0]] == min(ids[v] for v in c)
            covered.update(c)
        assert covered == set(members)
        assert len(cycles) == len(set(cycles))
