"""The fast paths give exactly the report of the plain ones the package keeps as fallbacks — the
lenient reader (untidy files) and the Python-set closure (graphs deeper than MAX_LEVELS) — on random
catalogues: every finding, figure, line and chain, in the same order, and the same input error for the
same broken file. The graph parts are also checked against networkx in test_proofs_graph.py."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.common import InputError
from analysis.proofs import Item, Proof, ProofCatalog, analyze, levels, load_catalog, loader, normalise_name
from analysis.proofs.graph import strongly_connected_components
from analysis.proofs.model import normalise_names
from tests.analysis.test_proofs_bench import bench

NAMES = ["户籍证明", "无犯罪记录证明", "无犯罪记录 证明书", "居住证明（个人）", "居住证明(个人)", "居住证明（单位）",
         "收入证明", "ＡＢＣ证明", "abc证明材料", "房屋所有权证", "土地使用权证"]
UNITS = ["县公安局", "县民政局", "县住建局", "县不动产登记中心", "县人社局", "镇政府", "村委会"]
SOURCES = [None, None, None, "人口库", "法人库", "信用库", "电子证照库"]


def random_doc(seed: int, n: int, m: int) -> dict[str, Any]:
    """Proofs with loops of every shape (self-loops, rings, tangles, one big knot), shared
    prerequisites, names that normalise equal, missing bases and shared sources."""
    rng = random.Random(seed)
    ids = [f"P{rng.randrange(10**6):06d}-{i}" for i in range(n)]
    reqs: list[list[int]] = [[] for _ in range(n)]
    for v in range(n):
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 5])):
            w = rng.randrange(n) if rng.random() < 0.15 else rng.randrange(v, n)
            reqs[v].append(w)  # forward mostly (a DAG), sometimes back (loops), sometimes twice
    if n > 130 and seed % 2:  # a knot larger than the cycle search cap
        knot = rng.sample(range(n), 120)
        for a, b in zip(knot, knot[1:] + knot[:1], strict=True):
            reqs[a].append(b)
        for _ in range(60):
            reqs[rng.choice(knot)].append(rng.choice(knot))
    proofs = [{"id": ids[v], "name": rng.choice(NAMES) if rng.random() < 0.3 else f"证明{v}",
               "issuer": rng.choice(UNITS), "requires": [ids[w] for w in reqs[v]],
               "basis": rng.choice(["", "《条例》第3条", "《办法》第9条"]), "shared_source": rng.choice(SOURCES)}
              for v in range(n)]
    items = [{"id": f"S{j:03d}", "name": f"事项{j}", "department": rng.choice(UNITS),
              "requires": [ids[rng.randrange(n)] for _ in range(rng.choice([0, 1, 2, 3, 4, 7]))]}
             for j in range(m)]
    rng.shuffle(proofs)
    return {"proofs": proofs, "items": items}


def plain_report(data: bytes, max_issuers: int):
    """The report through the fallbacks only: the lenient reader and the Python-set closure."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(loader, "_load_tidy", lambda data: None)
        mp.setattr(levels, "MAX_LEVELS", 0)
        return analyze(load_catalog(data, file="f.json"), max_issuers=max_issuers)


def assert_same_report(data: bytes, max_issuers: int = 3) -> None:
    new = analyze(load_catalog(data, file="f.json"), max_issuers=max_issuers)
    old = plain_report(data, max_issuers)
    assert new.to_dict() == old.to_dict()
    assert [f.fingerprint for f in new.findings] == [f.fingerprint for f in old.findings]
    for item in new.items:
        assert new.item_chain(item.id).to_dict() == old.item_chain(item.id).to_dict()


@pytest.mark.parametrize("seed", range(12))
def test_the_fast_paths_report_what_the_plain_ones_do_on_random_catalogues(seed: int) -> None:
    doc = random_doc(seed, n=[8, 40, 300][seed % 3], m=[5, 30, 80][seed % 3])
    assert_same_report(json.dumps(doc, ensure_ascii=False).encode(), max_issuers=seed % 5)


@pytest.mark.parametrize("seed", range(6))
def test_the_python_set_closure_for_very_deep_graphs_gives_the_same_report(seed: int,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(levels, "MAX_LEVELS", seed % 3)  # 0, 1, 2 levels: every graph here is deeper
    doc = random_doc(seed, n=[40, 300][seed % 2], m=[30, 80][seed % 2])
    assert_same_report(json.dumps(doc, ensure_ascii=False).encode(), max_issuers=2)


def test_a_path_deeper_than_the_level_limit_gives_the_same_report() -> None:
    n = levels.MAX_LEVELS + 50
    proofs = [{"id": f"P{v:04d}", "name": f"证明{v}", "issuer": f"单位{v % 7}", "basis": "" if v % 9 == 0 else "条例",
               "requires": [f"P{v + 1:04d}"] if v + 1 < n else []} for v in range(n)]
    proofs[5]["requires"].append("P0004")  # one loop near the top
    assert sum(1 for p in proofs if p["requires"]) > levels.MAX_LEVELS
    items = [{"id": f"S{j}", "name": f"事项{j}", "department": "县住建局", "requires": [f"P{j * 37 % n:04d}"]}
             for j in range(12)]
    assert_same_report(json.dumps({"proofs": proofs, "items": items}, ensure_ascii=False).encode())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_fast_paths_report_what_the_plain_ones_do_on_the_benchmark_generator(seed: int) -> None:
    doc = bench().generate_catalog(proofs=3000, edges=9000, items=600, seed=seed)
    assert_same_report(json.dumps(doc, ensure_ascii=False).encode())


def test_untidy_files_report_what_the_plain_path_does() -> None:
    doc = random_doc(5, n=60, m=20)
    doc["proofs"][0]["name"] = "  户籍证明 "  # whitespace to strip
    doc["proofs"][1]["requires"] = [" " + r for r in doc["proofs"][1]["requires"]] + doc["proofs"][1]["requires"]
    doc["proofs"][2]["basis"] = ["《条例》第1条", " 《办法》第2条 "]
    doc["proofs"][3]["shared_source"] = "无"
    doc["proofs"][4]["basis"] = None
    doc["proofs"][5]["requires"] = None
    doc["items"][0]["id"] = 42
    doc["items"][1]["requires"] = doc["items"][1]["requires"] * 2
    assert_same_report(json.dumps(doc, ensure_ascii=False).encode())
    assert_same_report(json.dumps(doc, ensure_ascii=True, indent=1).encode("gb18030"))
    assert_same_report(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode())


def test_a_catalogue_built_in_code_with_repeated_requirements_gives_the_same_report() -> None:
    doc = random_doc(7, n=50, m=20)
    proofs = [Proof(p["id"], p["name"], p["issuer"], tuple(p["requires"]) * 2, p["basis"], p["shared_source"])
              for p in doc["proofs"]]
    items = [Item(i["id"], i["name"], i["department"], tuple(i["requires"])) for i in doc["items"]]
    repeated = analyze(ProofCatalog(proofs, items, file="f.json"))
    once = analyze(load_catalog(json.dumps(doc, ensure_ascii=False).encode(), file="f.json"))
    assert repeated.to_dict() == once.to_dict()


BROKEN = [
    b"",
    b"   ",
    b"[1, 2]",
    b"{not json",
    b'{"proofs": [], "items": {}}',
    b'{"items": []}',
    b'{"proofs": [{"id": "P1", "name": "", "issuer": "X"}], "items": []}',
    b'{"proofs": [{"id": "P1", "name": "A", "issuer": "X", "requires": ["P2"]}], "items": []}',
    b'{"proofs": [{"id": "P1", "name": "A", "issuer": "X"}], "items": [{"id": "S", "name": "B", '
    b'"department": "D", "requires": ["P1", "P9"]}]}',
    b'{"proofs": [{"id": "P1", "name": "A", "issuer": "X"}, {"id": "P1", "name": "B", "issuer": "X"}], "items": []}',
    b'{"proofs": [{"id": "P1", "name": "A", "issuer": "X", "shared_source": "\xe5\xba\x93"}], "items": []}',
    b'{"proofs": [{"id": "P1", "name": "A", "issuer": "X", "basis": 3}], "items": []}',
    b'{"proofs": [{"id": "P1", "name": "A", "issuer": "X", "requires": [""]}], "items": []}',
    b'{"proofs": [{"id": "P1", "name": "A", "issuer": "X"}], "items": [{"id": "S", "name": "B"}]}',
    b'{"proofs": [5], "items": []}',
]


@pytest.mark.parametrize("data", BROKEN)
def test_a_broken_file_raises_the_same_input_error_on_both_paths(data: bytes) -> None:
    with pytest.raises(InputError) as new:
        load_catalog(data, file="f.json")
    with pytest.raises(InputError) as old:
        plain_report(data, 3)
    assert str(new.value) == str(old.value)


ODD = st.sampled_from(["证明书", "证明", "材料", "信", "（", "）", "(", " ", "\u3000", "Ａ", "ß", "ﬁ", "①", "\u0301",
                       "e", "_", "-", "\u9fff", "\u1100", "\u1161", "\u11a8", "가", "K", "\u212a"])
NAME = st.lists(st.one_of(ODD, st.characters()), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME, max_size=12))
def test_names_normalised_together_equal_names_normalised_one_by_one(names: list[str]) -> None:
    assert normalise_names(names) == [normalise_name(n) for n in names]


GRAPHS = st.integers(1, 30).flatmap(lambda n: st.lists(st.lists(st.integers(0, n - 1), max_size=4),
                                                        min_size=n, max_size=n))


@settings(max_examples=200, deadline=None)
@given(GRAPHS, st.integers(0, 4))
def test_peeling_then_tarjan_finds_tarjans_components_sinks_first(succ: list[list[int]], max_levels: int) -> None:
    comps, comp_of = levels.components(succ, max_levels)
    assert {frozenset(c) for c in comps} == {frozenset(c) for c in strongly_connected_components(succ)[0]}
    assert all(comp_of[v] == k for k, c in enumerate(comps) for v in c)
    assert all(comp_of[w] <= comp_of[v] for v, s in enumerate(succ) for w in s)  # requirements come first
