"""step_without_requirements (1.1): steps that name a stage and say nothing about it."""

from __future__ import annotations

import pytest

from tests.analysis.guides_support import check, of_kind, raw

GOOD = [
    {"name": "申请", "description": "申请人通过政务服务网或窗口提交申请材料"},
    {"name": "受理", "description": "窗口当场审查，材料齐全的予以受理"},
]


def _steps(*extra: dict[str, object]) -> list[dict[str, object]]:
    return [*GOOD, *extra]


@pytest.mark.parametrize("description", ["", "无", "略", "同上", "详见办事指南", "按规定办理", "依法办理", "审核",
                                         "审核。", "审核环节", "进行审核", " "])
def test_it_flags_a_step_that_only_has_a_name(description: str) -> None:
    [f] = of_kind(check(raw(steps=_steps({"name": "审核", "description": description}))),
                  "step_without_requirements")
    assert f.where == "steps[2].description"
    assert f.text == "审核"
    assert "“审核”" in f.message


@pytest.mark.parametrize("description", [
    "审批人员对申请材料进行实质审查",
    "5个工作日内作出决定",
    "当场办结",
    "审核通过的，制作许可证",
    "申请人现场签字确认",
])
def test_it_accepts_a_step_that_says_what_happens(description: str) -> None:
    assert check(raw(steps=_steps({"name": "审核", "description": description}))) == []


@pytest.mark.parametrize("chain", [
    "提出申请——受理——审核——决定——送达",
    "申请→受理→办结",
    "申请->审核->发证",
    "提出申请—受理—审核",
    "受理——办结",
    "申请 > 受理 > 审批 > 办结",
    "申请-受理-审查-决定",
])
def test_it_flags_a_process_given_as_a_chain_of_names(chain: str) -> None:
    [f] = check(raw(steps=[{"name": chain}]))
    assert (f.kind, f.where, f.text) == ("step_without_requirements", "steps[0].name", chain)
    assert "一串环节名称" in f.message


def test_it_flags_a_chain_written_as_the_description() -> None:
    [f] = check(raw(steps=[{"name": "办理流程", "description": "申请——受理——审查——决定"}]))
    assert (f.where, f.text) == ("steps[0].description", "申请——受理——审查——决定")


@pytest.mark.parametrize("text", ["窗口受理—当场办结", "0557-8828006", "第一步—提交", "A-B-C", "1-2-3",
                                  "申请人提交材料，窗口工作人员当场审查——材料齐全的予以受理"])
def test_it_does_not_take_ordinary_text_for_a_chain(text: str) -> None:
    assert check(raw(steps=_steps({"name": "审查", "description": text}))) == []


def test_it_accepts_a_combined_step_name_when_the_description_says_what_happens() -> None:
    assert check(raw(steps=_steps({"name": "审核——决定", "description": "审核人员审查材料并作出决定"}))) == []


def test_it_reports_once_when_every_step_is_only_a_name() -> None:
    [f] = check(raw(steps=[{"name": "申请"}, {"name": "受理"}, {"name": "审核"}, {"name": "办结"}]))
    assert (f.kind, f.where, f.text) == ("step_without_requirements", "steps", "申请——受理——审核——办结")


def test_it_reports_a_step_with_neither_name_nor_description() -> None:
    [f] = check(raw(steps=_steps({"name": "", "description": ""})))
    assert f.where == "steps[2].description"
    assert "空环节" in f.message


def test_it_reads_a_process_written_as_one_string() -> None:
    [f] = check(raw(steps="提出申请——受理——审核"))
    assert (f.where, f.text) == ("steps[0].name", "提出申请——受理——审核")
