"""Findings keep their identity across runs and across reordering, so re-checking never duplicates."""

from __future__ import annotations

import json

from analysis.common import Finding
from analysis.guides import GuideFinding, check_guides, load_guides
from tests.analysis.guides_support import check, raw


def _faulty(code: str, name: str, source: str = "县政务服务网") -> dict[str, object]:
    d = raw(code=code, name=name, source=source, phone="8828006", visits=2, visits_reason="")
    d["materials"] = [{"name": "其他材料"}, {"name": "登记申请表"}, *d["materials"]]
    return d


def _prints(*guides: dict[str, object]) -> set[str]:
    return {f.fingerprint for f in check(*guides)}


def test_fingerprints_survive_reordering_guides_and_materials() -> None:
    a, b = _faulty("A1", "甲事项"), _faulty("B2", "乙事项")
    b2 = json.loads(json.dumps(b))
    b2["materials"].reverse()
    assert _prints(a, b) == _prints(b2, a)
    assert len(_prints(a, b)) == len(check(a, b))  # no two findings share one


def test_fingerprints_are_the_same_on_every_run() -> None:
    assert [f.fingerprint for f in check(_faulty("A1", "甲事项"))] == \
        [f.fingerprint for f in check(_faulty("A1", "甲事项"))]


def test_the_same_fault_on_two_sites_is_two_findings() -> None:
    county, province = _faulty("A1", "甲事项"), _faulty("A1", "甲事项", source="省政务服务网")
    assert _prints(county).isdisjoint(_prints(province))


def test_a_renamed_item_with_a_code_keeps_its_fingerprints() -> None:
    before = {f.fingerprint for f in check(_faulty("A1", "甲事项")) if f.kind == "too_many_visits"}
    after = {f.fingerprint for f in check(_faulty("A1", "甲事项（新）")) if f.kind == "too_many_visits"}
    assert before == after


def test_a_material_used_twice_gets_two_fingerprints() -> None:
    d = raw()
    d["materials"] += [{"name": "其他材料"}, {"name": "其他材料"}]
    found = [f for f in check(d) if f.kind == "catch_all_clause"]
    assert len({f.fingerprint for f in found}) == 2


def test_a_guide_finding_is_a_finding_with_the_common_interface() -> None:
    [f] = check(raw(visits=2))
    assert isinstance(f, Finding)
    d = f.to_dict()
    assert set(d) == {"kind", "checklist", "subject", "code", "name", "department", "source", "where", "text",
                      "message", "guide_index", "key", "evidence", "fingerprint"}
    assert d["fingerprint"] == f.fingerprint == Finding(f.kind, f.checklist, f.subject, f.message, f.key).fingerprint
    json.dumps(d, ensure_ascii=False)


def test_fast_built_findings_equal_constructed_ones() -> None:
    [f] = check(raw(visits=2))
    rebuilt = GuideFinding(kind=f.kind, checklist=f.checklist, subject=f.subject, message=f.message, key=f.key,
                           evidence=f.evidence, code=f.code, name=f.name, department=f.department,
                           source=f.source, where=f.where, text=f.text, guide_index=f.guide_index)
    assert f == rebuilt and hash(f.fingerprint) == hash(rebuilt.fingerprint)


def test_checking_one_guide_in_a_list_or_alone_gives_the_same_fingerprints() -> None:
    from analysis.guides import check_guide

    guides = load_guides(json.dumps([raw(), _faulty("A1", "甲事项")], ensure_ascii=False).encode(), file="x.json")
    in_list = {f.fingerprint for f in check_guides(guides) if f.guide_index == 1}
    alone = {f.fingerprint for f in check_guide(guides[1], index=1)}
    assert in_list == alone
