"""bad_phone (1.3): numbers without area code, fields without a number, supervision = consultation."""

from __future__ import annotations

import pytest

from tests.analysis.guides_support import check, raw


@pytest.mark.parametrize("phone", ["0557-8828006", "(0557)8828006", "（0557）8828006", "0557 8828006",
                                   "05578828006", "13912345678", "+86 13912345678", "12345", "400-123-4567",
                                   "0557-8828006转801", "0557-8828006、0557-8095072", "咨询：0557-8828006（工作日）",
                                   "010-12345678", "０５５７－８８２８００６", "０５５７　８８２８００６"])
def test_it_accepts_a_number_anyone_can_dial(phone: str) -> None:
    assert check(raw(phone=phone, supervision_phone="0557-2345678")) == []


@pytest.mark.parametrize(("phone", "bad"), [
    ("8828006", ["8828006"]),
    ("88280061", ["88280061"]),
    ("电话：8828006", ["8828006"]),
    ("0557-8828006、8095072", ["8095072"]),
    ("8828006，8095072", ["8828006", "8095072"]),
    ("８８２８００６", ["８８２８００６"]),
])
def test_it_flags_a_landline_without_area_code(phone: str, bad: list[str]) -> None:
    found = check(raw(phone=phone))
    assert [f.text for f in found] == bad
    assert all((f.kind, f.checklist, f.where) == ("bad_phone", "1.3", "phone") for f in found)
    assert all("没有区号" in f.message for f in found)
    assert f"【{bad[0]}】" in found[0].marked()


@pytest.mark.parametrize("phone", ["见窗口公示", "详询窗口", "0557-88280"])
def test_it_flags_a_phone_field_without_a_number(phone: str) -> None:
    [f] = check(raw(phone=phone))
    assert (f.kind, f.where, f.text) == ("bad_phone", "phone", phone)
    assert f.evidence["problem"] == "no_number"


@pytest.mark.parametrize(("phone", "supervision"), [
    ("0557-8828006", "0557-8828006"),
    ("0557-8828006", "（0557）8828006"),
    ("13912345678", "13912345678"),
])
def test_it_flags_a_supervision_phone_equal_to_the_consultation_phone(phone: str, supervision: str) -> None:
    [f] = check(raw(phone=phone, supervision_phone=supervision))
    assert (f.kind, f.where, f.text) == ("bad_phone", "supervision_phone", supervision)
    assert f.evidence["problem"] == "same_as_consultation"


def test_it_reports_both_faults_of_a_shared_number_without_area_code() -> None:
    found = check(raw(phone="8828006", supervision_phone="8828006"))
    assert [(f.where, f.evidence["problem"]) for f in found] == [
        ("phone", "no_area_code"), ("supervision_phone", "no_area_code"),
        ("supervision_phone", "same_as_consultation")]


def test_distinct_lines_with_area_codes_pass() -> None:
    assert check(raw(phone="0557-8828006", supervision_phone="0557-2345678")) == []
