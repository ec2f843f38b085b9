"""The demo's generated year of calls and ratings: deterministic, closed on holidays, problems planted."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis import synth_halls as synth
from analysis.calls import call_report, load_calls
from analysis.ratings import load_ratings, rating_report
from analysis.workdays import is_workday

# Two weeks around National Day 2025: 28 Sep (Sun) and 11 Oct (Sat) are workdays, 1–8 Oct are not.
SHORT = {"start": dt.date(2025, 9, 22), "end": dt.date(2025, 10, 12)}


def test_the_same_seed_gives_the_same_rows_and_another_seed_others() -> None:
    assert synth.generate_calls(**SHORT) == synth.generate_calls(**SHORT)
    assert synth.generate_ratings(**SHORT) == synth.generate_ratings(**SHORT)
    assert synth.generate_calls(**SHORT, seed=2) != synth.generate_calls(**SHORT)


def test_rows_use_the_briefs_field_names() -> None:
    assert list(synth.generate_calls(**SHORT)[0]) == list(synth.CALL_FIELDS)
    assert list(synth.generate_ratings(**SHORT)[0]) == list(synth.RATING_FIELDS)


def test_halls_are_closed_on_weekends_and_holidays_but_open_on_make_up_days() -> None:
    rows = synth.generate_calls(**SHORT) + synth.generate_ratings(**SHORT)
    days = {dt.date.fromisoformat((r.get("started_at") or r["rated_at"])[:10]) for r in rows}
    assert all(is_workday(d) for d in days)
    assert dt.date(2025, 9, 28) in days and dt.date(2025, 10, 11) in days
    assert not any(dt.date(2025, 10, 1) <= d <= dt.date(2025, 10, 8) for d in days)


@pytest.mark.parametrize(("encoding", "chinese"), [("gbk", True), ("utf-8", False)])
def test_the_csv_it_writes_loads_back(encoding: str, chinese: bool) -> None:
    calls = synth.generate_calls(**SHORT)
    data = synth.to_csv(calls, encoding=encoding, chinese_headers=chinese)
    assert data.decode(encoding).startswith("通话编号,号码,单位" if chinese else "call_id,line,unit")
    assert len(load_calls(data, file="calls.csv")) == len(calls)
    ratings = synth.generate_ratings(**SHORT)
    assert len(load_ratings(synth.to_csv(ratings, encoding=encoding, chinese_headers=chinese), file="r.csv")) == len(
        ratings)


def test_a_year_of_demo_data_shows_exactly_the_planted_problems() -> None:
    data = synth.generate()
    calls = load_calls(synth.to_csv(data["calls"]), file="calls.csv")
    assert 20_000 < len(calls) < 40_000
    report = call_report(calls)
    assert [f.evidence["line"] for f in report.findings] == [synth.DEMO_SILENT_LINE]
    hours = {h.hour for h in report.by_hour}
    assert hours <= set(range(8, 18)) and {9, 14} <= hours

    ratings = load_ratings(synth.to_csv(data["ratings"]), file="ratings.csv")
    rep = rating_report(ratings, today=dt.date(2026, 3, 2))
    unit, window = synth.DEMO_NEGLECTED_WINDOW
    unanswered = [f for f in rep.findings if f.kind == "bad_rating_unanswered"]
    assert len(unanswered) >= 30
    assert {(f.subject, f.evidence["window"]) for f in unanswered} == {(unit, window)}
    assert (unit, window) in {(f.subject, f.key[1]) for f in rep.findings if f.kind == "low_satisfaction"}
    assert (rep.worst_windows[0].group.unit, rep.worst_windows[0].group.name) == (unit, window)
    assert rep.overall.satisfaction is not None and rep.overall.satisfaction > 0.95
