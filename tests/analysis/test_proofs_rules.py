"""Each finding kind, with the cases that must and must not raise it."""

from __future__ import annotations

import pytest

from analysis.common import Finding
from analysis.proofs import Item, Proof, ProofCatalog, ProofReport, analyze


def P(pid: str, *requires: str, issuer: str = "县公安局", basis: str = "《条例》第一条", shared: str | None = None,
      name: str | None = None) -> Proof:
    return Proof(pid, name or f"证明{pid}", issuer, requires, basis, shared)


def S(iid: str, *requires: str, dept: str = "县民政局") -> Item:
    return Item(iid, f"事项{iid}", dept, requires)


def run(proofs: list[Proof], items: list[Item], **kw: int) -> ProofReport:
    return analyze(ProofCatalog(proofs, items, "t.json"), **kw)


def of(report: ProofReport, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


# ---------------------------------------------------------------- circular_proof

@pytest.mark.parametrize(
    ("proofs", "items", "cycles", "blocked"),
    [
        pytest.param([P("A", "A")], [S("S1", "A")], [["A"]], ["S1"], id="self-loop"),
        pytest.param([P("A", "B"), P("B", "A")], [S("S1", "A")], [["A", "B"]], ["S1"], id="two proofs"),
        pytest.param([P("B", "C"), P("C", "A"), P("A", "B")], [S("S1", "C")], [["A", "B", "C"]], ["S1"],
                     id="three proofs, started at the smallest id"),
        pytest.param([P("X", "Y"), P("Y", "Z"), P("Z", "Y")], [S("S1", "X"), S("S2", "X")], [["Y", "Z"]],
                     ["S1", "S2"], id="reachable only through another proof"),
        pytest.param([P("A", "B"), P("B", "A"), P("C")], [S("S1", "C")], [["A", "B"]], [], id="nobody reaches it"),
        pytest.param([P("A", "B", "C"), P("B", "D"), P("C", "D"), P("D")], [S("S1", "A")], [], [],
                     id="a diamond is no loop"),
        pytest.param([P("A", "B"), P("B")], [S("S1", "A", "B")], [], [], id="a chain is no loop"),
    ],
)
def test_it_reports_each_loop_once_with_the_items_it_blocks(
        proofs: list[Proof], items: list[Item], cycles: list[list[str]], blocked: list[str]) -> None:
    report = run(proofs, items)
    assert [list(c.members) for c in report.cycles] == cycles
    assert sorted({f.key for f in of(report, "circular_proof")}) == [("cycle", *c) for c in cycles]
    assert [i.id for i in report.items if i.blocked] == blocked
    for f in of(report, "circular_proof"):
        assert f.checklist == "2.1"
        assert f.evidence["blocked_items"] == blocked


def test_a_loop_lands_with_every_unit_that_demands_one_of_its_proofs() -> None:
    report = run([P("A", "B", issuer="县不动产登记中心", name="房屋所有权证"),
                  P("B", "A", issuer="县自然资源局", name="土地使用权证")],
                 [S("S1", "A", dept="县住建局")])
    demands = {f.subject: f.evidence["demands"] for f in of(report, "circular_proof")}
    assert demands == {"县住建局": ["A"], "县不动产登记中心": ["B"], "县自然资源局": ["A"]}
    f = of(report, "circular_proof")[0]
    assert "房屋所有权证 → 土地使用权证 → 房屋所有权证" in f.message
    assert f.evidence["cycle"] == ["A", "B"]


def test_a_blocked_item_names_the_looped_proofs_it_reaches() -> None:
    report = run([P("X", "Y"), P("Y", "Z"), P("Z", "Y")], [S("S1", "X"), S("S2")])
    s1, s2 = report.items
    assert (s1.blocked, s1.blocked_by) == (True, ("Y", "Z"))
    assert (s2.blocked, s2.blocked_by) == (False, ())


# ---------------------------------------------------------------- duplicate_proof

@pytest.mark.parametrize(
    ("proofs", "items", "expected"),
    [
        pytest.param([P("A", "C"), P("B", "C"), P("C")], [S("S1", "A", "B")], {"C": ["A", "B"]},
                     id="needed on two paths"),
        pytest.param([P("A", "C"), P("C")], [S("S1", "A", "C")], {"C": ["S1", "A"]},
                     id="needed by the item and by a prerequisite"),
        pytest.param([P("A", "B"), P("B", "C"), P("C")], [S("S1", "A")], {}, id="a single path"),
        pytest.param([P("A", "C"), P("B", "D"), P("C"), P("D")], [S("S1", "A", "B")], {}, id="two separate paths"),
        pytest.param([P("A", "C"), P("B", "C"), P("C")], [S("S1", "A"), S("S2", "B")], {},
                     id="shared by two items, once each"),
    ],
)
def test_it_reports_a_proof_the_citizen_brings_twice_for_one_item(
        proofs: list[Proof], items: list[Item], expected: dict[str, list[str]]) -> None:
    found = [f for f in of(run(proofs, items), "duplicate_proof") if f.key[0] == "chain"]
    if not expected:
        assert found == []
        return
    (f,) = found
    assert (f.subject, f.key) == ("县民政局", ("chain", "S1"))
    assert {d["proof"]: d["demanded_by"] for d in f.evidence["duplicates"]} == expected


def test_a_demand_from_inside_a_loop_is_not_also_a_duplicate() -> None:
    report = run([P("A", "B"), P("B", "A")], [S("S1", "A")])
    assert of(report, "duplicate_proof") == []


@pytest.mark.parametrize(
    ("first", "second", "duplicate"),
    [
        (P("A", name="无犯罪记录证明", issuer="县公安局"), P("B", name="无犯罪记录 证明书", issuer="城关派出所"), True),
        (P("A", name="居住证明（个人）", issuer="县公安局"), P("B", name="居住证明(个人)", issuer="社区居委会"), True),
        (P("A", name="无犯罪记录证明", issuer="县公安局"), P("B", name="无犯罪记录证明", issuer="县公安局"), False),
        (P("A", name="无犯罪记录证明", issuer="县公安局"), P("B", name="户籍证明", issuer="城关派出所"), False),
        (P("A", name="居住证明（个人）", issuer="县公安局"), P("B", name="居住证明（单位）", issuer="社区居委会"), False),
    ],
)
def test_it_reports_the_same_proof_under_names_that_normalise_equal(first: Proof, second: Proof,
                                                                      duplicate: bool) -> None:
    report = run([first, second], [S("S1", "A", dept="县人社局"), S("S2", "B", dept="县民政局")])
    found = [f for f in of(report, "duplicate_proof") if f.key[0] == "same_name"]
    if not duplicate:
        assert found == []
        return
    assert {f.subject: f.evidence["demands"] for f in found} == {"县人社局": ["A"], "县民政局": ["B"]}
    assert [p["id"] for p in found[0].evidence["proofs"]] == ["A", "B"]


# ---------------------------------------------------------------- proof_without_basis / replaceable

def test_a_proof_without_basis_is_reported_to_every_unit_that_demands_it() -> None:
    report = run([P("A", basis=""), P("B", "A", issuer="县司法局")],
                 [S("S1", "A", dept="县民政局"), S("S2", "A", dept="县民政局"), S("S3", "A", dept="县人社局")])
    found = {f.subject: f.evidence["demanded_via"] for f in of(report, "proof_without_basis")}
    assert found == {"县民政局": ["S1", "S2"], "县人社局": ["S3"], "县司法局": ["B"]}
    assert all(f.key == ("proof", "A") and f.checklist == "2.1" for f in of(report, "proof_without_basis"))


def test_a_proof_without_basis_that_nobody_demands_goes_to_its_issuer() -> None:
    (f,) = of(run([P("A", basis="  ", issuer="县档案馆")], []), "proof_without_basis")
    assert (f.subject, f.evidence["demanded_via"]) == ("县档案馆", [])


@pytest.mark.parametrize(
    ("proof", "kinds"),
    [
        (P("A", shared="人口库"), ["replaceable_by_shared_data"]),
        (P("A", basis="", shared="人口库"), ["proof_without_basis"]),
        (P("A", basis=""), ["proof_without_basis"]),
        (P("A"), []),
    ],
)
def test_basis_and_shared_source_give_one_finding_each_at_most(proof: Proof, kinds: list[str]) -> None:
    report = run([proof], [S("S1", "A")])
    assert [f.kind for f in report.findings if f.key == ("proof", "A")] == kinds
    for f in of(report, "replaceable_by_shared_data"):
        assert (f.checklist, f.subject, f.evidence["shared_source"]) == ("2.2", "县民政局", "人口库")
        assert "人口库" in f.message


# ---------------------------------------------------------------- excessive_runaround

FOUR_OFFICES = [P("A", "B", issuer="甲"), P("B", "C", issuer="乙"), P("C", "D", issuer="丙"), P("D", issuer="丁")]


@pytest.mark.parametrize(
    ("items", "max_issuers", "reported"),
    [
        ([S("S1", "A")], 3, True),
        ([S("S1", "A")], 4, False),
        ([S("S1", "B")], 3, False),
        ([S("S1", "B")], 2, True),
        ([S("S1")], 0, False),
    ],
)
def test_it_reports_an_item_whose_chain_spans_more_than_n_offices(
        items: list[Item], max_issuers: int, reported: bool) -> None:
    found = of(run(FOUR_OFFICES, items, max_issuers=max_issuers), "excessive_runaround")
    assert bool(found) is reported
    if reported:
        assert found[0].subject == "县民政局"
        assert found[0].evidence["max_issuers"] == max_issuers


def test_every_finding_exposes_the_common_interface() -> None:
    report = run([P("A", "A", basis="", shared="法人库")], [S("S1", "A")])
    for f in report.findings:
        d = f.to_dict()
        assert d["kind"] == f.kind and d["checklist"] == f.checklist and d["subject"] == f.subject
        assert d["message"] == f.message and d["fingerprint"] == f.fingerprint and len(f.fingerprint) == 32
