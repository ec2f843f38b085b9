"""How a check runs: the cycle collector is held off only while it runs, and findings share nothing."""

from __future__ import annotations

import gc

import pytest

from analysis.guides import check_guides
from tests.analysis.guides_support import load, of_kind, with_material


def test_the_collector_runs_again_after_a_check() -> None:
    assert gc.isenabled()
    check_guides(load(with_material(name="其他材料")))
    assert gc.isenabled()


def test_a_check_leaves_a_stopped_collector_stopped() -> None:
    gc.disable()
    try:
        check_guides(load(with_material(name="其他材料")))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_runs_again_when_a_check_fails() -> None:
    with pytest.raises(AttributeError):
        check_guides([object()])  # type: ignore[list-item]
    assert gc.isenabled()


def test_two_guides_with_the_same_material_get_findings_of_their_own() -> None:
    first, second = of_kind(check_guides(load(with_material(name="其他相关材料"), with_material(name="其他相关材料"))),
                            "catch_all_clause")
    assert first.evidence == second.evidence and first.evidence is not second.evidence
    first.evidence["context"] = "changed"
    assert second.evidence["context"] == "其他相关材料"
