"""Answer rates per line, unit and hour, and the unanswered-line finding (checklist 1.3)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from analysis.calls import Call, call_report

_ids = itertools.count(1)


def call(line: str, unit: str, hour: int, *, answered: bool, ring: int | None = 5, outcome: str = "",
         day: int = 3) -> Call:
    return Call(call_id=f"c{next(_ids)}", line=line, unit=unit, started_at=dt.datetime(2025, 3, day, hour, 10),
                answered=answered, ring_seconds=ring, talk_seconds=60 if answered else 0, outcome=outcome)


def sample() -> list[Call]:
    """Line A (U1): 4 calls, 2 answered. Line B (U1): 20, all answered. Line C (U2): 20, 19 answered."""
    a = [
        call("A", "U1", 9, answered=True, ring=5),
        call("A", "U1", 9, answered=True, ring=20),
        call("A", "U1", 12, answered=False, ring=40, outcome="no_answer", day=4),
        call("A", "U1", 12, answered=False, ring=0, outcome="busy", day=5),
    ]
    b = [call("B", "U1", 10, answered=True, ring=3) for _ in range(20)]
    c = [call("C", "U2", 14, answered=True, ring=15) for _ in range(19)]
    c.append(call("C", "U2", 14, answered=False, ring=30))
    return a + b + c


def test_it_computes_the_figures_of_each_line() -> None:
    report = call_report(sample())
    lines = {x.line: x for x in report.by_line}
    a = lines["A"].figures
    assert (a.calls, a.answered, a.answer_rate) == (4, 2, 0.5)
    assert (a.answered_within, a.answered_within_share) == (1, 0.25)  # 5 s yes, 20 s no, over all 4 calls
    assert a.mean_ring_seconds == 12.5  # (5 + 20) / 2, answered calls only
    assert (a.no_answer, a.busy, a.invalid_number) == (1, 1, 0)
    assert (a.first_call, a.last_call) == (dt.datetime(2025, 3, 3, 9, 10), dt.datetime(2025, 3, 5, 12, 10))
    c = lines["C"].figures
    assert (c.calls, c.answered, c.answer_rate, c.answered_within) == (20, 19, 0.95, 19)  # 15 s is within
    assert c.no_answer == 1  # an unanswered call without an outcome counts as no answer
    assert lines["C"].unit == "U2"


def test_it_adds_up_units_hours_and_the_whole() -> None:
    report = call_report(sample())
    assert (report.overall.calls, report.overall.answered) == (44, 41)
    units = {u.unit: u for u in report.by_unit}
    assert (units["U1"].lines, units["U1"].figures.calls, units["U1"].figures.answered) == (2, 24, 22)
    assert (units["U2"].lines, units["U2"].figures.calls, units["U2"].figures.answered) == (1, 20, 19)
    assert [(h.hour, h.figures.calls, h.figures.answered) for h in report.by_hour] == [
        (9, 2, 2), (10, 20, 20), (12, 2, 0), (14, 20, 19)]


@pytest.mark.parametrize(
    ("settings", "flagged"),
    [
        ({}, ["A"]),  # C answers exactly 95%: not below the line
        ({"min_answer_rate": 0.96}, ["A", "C"]),
        ({"min_answer_rate": 0.5}, []),  # A answers exactly 50%
        ({"min_answer_rate": 0.0}, []),
        ({"min_calls": 5}, []),  # A has only 4 calls
        ({"min_calls": 4}, ["A"]),
        ({"min_answer_rate": 1.0}, ["A", "C"]),
    ],
)
def test_it_flags_the_lines_below_the_minimum_answer_rate(settings: dict, flagged: list[str]) -> None:
    report = call_report(sample(), **settings)
    assert [f.evidence["line"] for f in report.findings] == flagged


def test_the_finding_names_the_owning_unit_with_its_evidence() -> None:
    (finding,) = call_report(sample()).findings
    assert (finding.kind, finding.checklist, finding.subject, finding.key) == ("unanswered_line", "1.3", "U1", ("A",))
    ev = finding.evidence
    assert ev["line"] == "A" and ev["unit"] == "U1"
    assert ev["period"] == {"from": "2025-03-03", "to": "2025-03-05"}
    assert (ev["calls"], ev["answered"], ev["answer_rate"], ev["no_answer"], ev["busy"]) == (4, 2, 0.5, 1, 1)
    assert ev["min_answer_rate"] == 0.95
    assert [x["outcome"] for x in ev["unanswered_examples"]] == ["no_answer", "busy"]
    assert "接通率 50.0%" in finding.message and "低于 95.0%" in finding.message
    d = finding.to_dict()
    assert d["fingerprint"] == finding.fingerprint and d["subject"] == "U1"


def test_the_fingerprint_does_not_change_when_more_calls_come_in() -> None:
    first = call_report(sample()).findings[0]
    more = sample() + [call("A", "U1", 15, answered=False, day=20)]
    again = call_report(more).findings[0]
    assert again.fingerprint == first.fingerprint
    assert again.evidence["calls"] == 5


def test_a_longer_answer_limit_counts_more_calls_as_timely() -> None:
    report = call_report(sample(), answer_within_seconds=20)
    a = next(x for x in report.by_line if x.line == "A").figures
    assert (a.answered_within, a.answered_within_share) == (2, 0.5)


def test_a_rate_just_under_the_line_is_not_shown_rounded_up() -> None:
    calls = [call("D", "U3", 9, answered=True) for _ in range(1899)] + [
        call("D", "U3", 9, answered=False) for _ in range(101)]  # 94.95%
    (finding,) = call_report(calls).findings
    assert "接通率 94.9%" in finding.message


def test_an_empty_log_has_no_rates_and_no_findings() -> None:
    report = call_report([])
    assert report.overall.calls == 0 and report.overall.answer_rate is None
    assert report.findings == [] and report.by_line == []
    assert report.to_dict()["overall"]["period"] == {"from": None, "to": None}


def test_an_impossible_minimum_is_refused() -> None:
    with pytest.raises(ValueError):
        call_report(sample(), min_answer_rate=1.5)
