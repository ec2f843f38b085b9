"""Per-item figures before and after the recommendations, the clean-up list, the chain graph,
and findings that do not change when the file is reordered."""

from __future__ import annotations

import json
import random

import pytest

from analysis.proofs import Item, Proof, ProofCatalog, analyze, load_catalog

COUNTY = {
    "proofs": [
        {"id": "P01", "name": "房屋所有权证", "issuer": "县不动产登记中心", "requires": ["P02"],
         "basis": "《不动产登记暂行条例》第十四条", "shared_source": None},
        {"id": "P02", "name": "土地使用权证", "issuer": "县自然资源局", "requires": ["P01"],
         "basis": "《土地管理法》第十二条", "shared_source": None},
        {"id": "P03", "name": "户籍证明", "issuer": "县公安局", "requires": [],
         "basis": "《户口登记条例》第四条", "shared_source": "人口库"},
        {"id": "P04", "name": "无犯罪记录证明", "issuer": "县公安局", "requires": ["P03"], "basis": "",
         "shared_source": None},
        {"id": "P05", "name": "婚姻状况证明", "issuer": "县民政局", "requires": ["P03"],
         "basis": "《婚姻登记条例》第五条", "shared_source": None},
        {"id": "P06", "name": "收入证明", "issuer": "城关村委会", "requires": ["P03", "P05"],
         "basis": "《社会救助暂行办法》第十一条", "shared_source": None},
    ],
    "items": [
        {"id": "S01", "name": "二手房交易登记", "department": "县住建局", "requires": ["P01", "P03"]},
        {"id": "S02", "name": "最低生活保障申请", "department": "县民政局", "requires": ["P06", "P05"]},
        {"id": "S03", "name": "出租汽车驾驶员从业资格", "department": "县交通运输局", "requires": ["P04"]},
    ],
}


def county(doc: dict[str, list[dict[str, object]]] = COUNTY) -> ProofCatalog:
    return load_catalog(json.dumps(doc, ensure_ascii=False).encode(), file="county.json")


# (id, proofs, issuers, depth, blocked, proofs after, issuers after, depth after, duplicates)
FIGURES = [
    ("S01", 3, 3, 1, True, 0, 0, 0, ()),
    ("S02", 3, 3, 3, False, 2, 2, 2, ("P03", "P05")),
    ("S03", 2, 1, 2, False, 0, 0, 0, ()),
]


@pytest.mark.parametrize("expected", FIGURES, ids=[f[0] for f in FIGURES])
def test_each_item_shows_its_chain_before_and_after_the_recommendations(expected: tuple[object, ...]) -> None:
    figures = {i.id: i for i in analyze(county()).items}[expected[0]]
    assert (figures.id, figures.proofs_total, figures.issuers_total, figures.depth, figures.blocked,
            figures.proofs_after, figures.issuers_after, figures.depth_after, figures.duplicates) == expected


def test_an_item_lists_the_offices_a_citizen_must_visit() -> None:
    figures = {i.id: i for i in analyze(county()).items}
    assert figures["S02"].issuers == ("县公安局", "县民政局", "城关村委会")
    assert figures["S01"].department == "县住建局" and figures["S01"].name == "二手房交易登记"


@pytest.mark.parametrize(
    ("proof", "recommendation", "words"),
    [
        ("P01", "告知承诺", "土地使用权证"),  # breaks the loop: first id when both are demanded once inside it
        ("P02", "保留", "《土地管理法》第十二条"),
        ("P03", "数据共享免提交", "人口库"),
        ("P04", "取消", "没有法律法规依据"),
        ("P05", "保留", "《婚姻登记条例》"),
    ],
)
def test_every_proof_gets_a_recommendation_with_a_reason(proof: str, recommendation: str, words: str) -> None:
    line = {p.id: p for p in analyze(county()).proofs}[proof]
    assert line.recommendation == recommendation
    assert words in line.reason


def test_the_loop_breaker_is_the_proof_most_demanded_inside_the_loop() -> None:
    # A <-> B and B <-> C: B is demanded twice inside the loop; replacing it breaks both
    proofs = [Proof("A", "甲", "县甲局", ("B",), "依据"), Proof("B", "乙", "县乙局", ("A", "C"), "依据"),
              Proof("C", "丙", "县丙局", ("B",), "依据")]
    report = analyze(ProofCatalog(proofs, [Item("S1", "事项", "县民政局", ("A",))], "t"))
    assert [p.recommendation for p in report.proofs] == ["保留", "告知承诺", "保留"]
    s1 = report.items[0]
    assert (s1.blocked, s1.proofs_total, s1.proofs_after, s1.depth_after) == (True, 3, 1, 1)


def test_the_clean_up_list_names_who_demands_each_proof() -> None:
    line = {p.id: p for p in analyze(county()).proofs}["P03"]
    assert line.demanded_by == ("县住建局", "县公安局", "县民政局", "城关村委会")
    assert line.demanded_by_items == ("S01",)
    assert line.required_by_proofs == ("P04", "P05", "P06")
    assert line.items_affected == 3
    assert line.in_cycle is False and line.shared_source == "人口库"


def test_the_summary_counts_what_the_county_must_do() -> None:
    s = analyze(county()).summary
    assert (s["proofs"], s["items"], s["cycles"], s["proofs_in_cycles"], s["items_blocked"]) == (6, 3, 1, 2, 1)
    assert s["recommendations"] == {"取消": 1, "数据共享免提交": 1, "告知承诺": 1, "保留": 3}
    assert s["proofs_per_item_mean"] == round(8 / 3, 2) and s["proofs_per_item_mean_after"] == round(2 / 3, 2)
    assert s["findings"] == sum(s["findings_by_kind"].values())


def test_an_item_chain_is_drawn_with_its_loop_marked() -> None:
    chain = analyze(county()).item_chain("S01")
    assert [(n["id"], n["level"], n["in_cycle"]) for n in chain.nodes] == [
        ("S01", 0, False), ("P01", 1, True), ("P03", 1, False), ("P02", 2, True)]
    assert [(e["source"], e["target"], e["in_cycle"]) for e in chain.edges] == [
        ("S01", "P01", False), ("S01", "P03", False), ("P01", "P02", True), ("P02", "P01", True)]
    assert chain.nodes[1]["recommendation"] == "告知承诺"
    with pytest.raises(KeyError):
        analyze(county()).item_chain("S99")


def _shuffled(seed: int) -> dict[str, list[dict[str, object]]]:
    rng = random.Random(seed)
    doc = json.loads(json.dumps(COUNTY))
    for section in ("proofs", "items"):
        rng.shuffle(doc[section])
        for rec in doc[section]:
            rng.shuffle(rec["requires"])
    return doc


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_findings_do_not_change_when_the_file_is_reordered(seed: int) -> None:
    base = analyze(county())
    other = analyze(county(_shuffled(seed)))
    assert [f.fingerprint for f in other.findings] == [f.fingerprint for f in base.findings]
    assert [f.to_dict() for f in other.findings] == [f.to_dict() for f in base.findings]
    assert sorted((i.to_dict() for i in other.items), key=lambda d: d["id"]) == [i.to_dict() for i in base.items]
    assert {p.id: p.recommendation for p in other.proofs} == {p.id: p.recommendation for p in base.proofs}


def test_the_report_serialises_to_json() -> None:
    d = analyze(county()).to_dict()
    assert set(d) >= {"findings", "items", "summary"}
    json.dumps(d, ensure_ascii=False)
    assert set(d["items"][0]) >= {"id", "name", "department", "proofs_total", "issuers_total", "depth", "blocked",
                                  "proofs_after", "issuers_after", "depth_after"}


def test_an_undefined_id_in_a_hand_made_catalogue_is_an_input_error() -> None:
    from analysis.common import InputError

    with pytest.raises(InputError, match="事项“S1”.*“P9”"):
        analyze(ProofCatalog([], [Item("S1", "事项", "县民政局", ("P9",))], "t"))
