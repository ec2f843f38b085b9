"""Satisfaction and 差评 figures, the worst windows and items, and the category-6 findings."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.ratings import Rating, rating_report

T = dt.datetime
TODAY = dt.date(2025, 10, 20)


def sample() -> list[Rating]:
    """Unit U: window W1 (six ratings, two 差评) and W2 (two 非常满意); unit V: W1 (two 差评).

    r5  rated Fri 26 Sep, never answered: deadline 10 Oct, overdue on 20 Oct by 7 working days
        (11 Sat 调休, 13, 14, 15, 16, 17, 20).
    r6  rated Tue 30 Sep, answered 15 Oct: deadline 14 Oct, one working day late.
    r9  rated Thu 16 Oct, not answered yet: deadline 23 Oct, still pending on 20 Oct.
    r10 rated Tue 30 Sep, answered Mon 13 Oct: on time (deadline 14 Oct).
    """
    def r(rid: str, unit: str, window: str, item: str, staff: str, rated: T, level: int, comment: str = "",
          handled: T | None = None) -> Rating:
        return Rating(rid, unit, rated, level, window=window, item=item, staff=staff, comment=comment,
                      handled_at=handled)

    return [
        r("r1", "U", "W1", "I1", "S1", T(2025, 9, 22, 10), 5),
        r("r2", "U", "W1", "I1", "S1", T(2025, 9, 23, 10), 5),
        r("r3", "U", "W1", "I2", "S2", T(2025, 9, 24, 10), 4),
        r("r4", "U", "W1", "I2", "S2", T(2025, 9, 25, 10), 3),
        r("r5", "U", "W1", "I1", "S1", T(2025, 9, 26, 10), 2, "等了很久"),
        r("r6", "U", "W1", "I2", "S2", T(2025, 9, 30, 11), 1, "态度差", T(2025, 10, 15, 9)),
        r("r7", "U", "W2", "I1", "S3", T(2025, 9, 22, 15), 5),
        r("r8", "U", "W2", "I1", "S3", T(2025, 9, 23, 15), 5),
        r("r9", "V", "W1", "", "", T(2025, 10, 16, 10), 2, "没人"),
        r("r10", "V", "W1", "", "", T(2025, 9, 30, 9), 2, "", T(2025, 10, 13, 9)),
    ]


def test_it_computes_overall_satisfaction_and_bad_ratings() -> None:
    o = rating_report(sample(), today=TODAY).overall
    assert (o.ratings, o.satisfied, o.satisfaction, o.bad) == (10, 6, 0.6, 4)
    assert o.levels == {5: 4, 4: 1, 3: 1, 2: 3, 1: 1}
    assert o.mean_level == 3.4  # (4*5 + 4 + 3 + 3*2 + 1) / 10
    assert o.replies == {"on_time": 1, "late": 1, "overdue": 1, "pending": 1, "undetermined": 0}


def test_it_breaks_down_by_unit_window_item_and_staff() -> None:
    report = rating_report(sample(), today=TODAY)

    def table(groups):
        return {(g.unit, g.name): (g.figures.ratings, g.figures.satisfied, g.figures.bad) for g in groups}

    assert table(report.by_unit) == {("U", "U"): (8, 6, 2), ("V", "V"): (2, 0, 2)}
    # the same window name in two units is two windows
    assert table(report.by_window) == {("U", "W1"): (6, 4, 2), ("U", "W2"): (2, 2, 0), ("V", "W1"): (2, 0, 2)}
    # ratings without an item are left out of the item breakdown
    assert table(report.by_item) == {("U", "I1"): (5, 4, 1), ("U", "I2"): (3, 2, 1)}
    assert table(report.by_staff) == {("U", "S1"): (3, 2, 1), ("U", "S2"): (3, 2, 1), ("U", "S3"): (2, 2, 0)}
    w1 = report.by_window[0].to_dict()
    assert (w1["unit"], w1["window"], w1["satisfaction"]) == ("U", "W1", 0.6667)
    assert w1["bad_replies"]["overdue"] == 1 and w1["bad_replies"]["late"] == 1


def test_it_finds_unanswered_and_late_bad_ratings() -> None:
    findings = rating_report(sample(), today=TODAY).findings  # default min_ratings 20: no low_satisfaction
    assert [(f.kind, f.subject, f.key) for f in findings] == [
        ("bad_rating_unanswered", "U", ("r5",)),
        ("bad_rating_answered_late", "U", ("r6",)),
    ]
    unanswered, late = findings
    assert unanswered.checklist == late.checklist == "6"
    assert unanswered.evidence["deadline"] == "2025-10-10"
    assert unanswered.evidence["workdays_overdue"] == 7
    assert unanswered.evidence["window"] == "W1" and unanswered.evidence["comment"] == "等了很久"
    assert "至 2025-10-20 仍未答复" in unanswered.message and "等了很久" in unanswered.message
    assert late.evidence["deadline"] == "2025-10-14" and late.evidence["workdays_late"] == 1
    assert late.evidence["handled_at"] == "2025-10-15 09:00:00"


def test_an_unanswered_bad_rating_keeps_its_fingerprint_as_days_pass() -> None:
    before = rating_report(sample(), today=TODAY).findings[0]
    after = rating_report(sample(), today=dt.date(2025, 12, 1)).findings[0]
    assert (before.fingerprint, before.kind) == (after.fingerprint, after.kind)
    assert after.evidence["workdays_overdue"] > before.evidence["workdays_overdue"]


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (dt.date(2025, 10, 10), []),  # r5's deadline day: still in time
        (dt.date(2025, 10, 11), ["r5"]),
        (dt.date(2025, 10, 23), ["r5"]),  # r9's deadline day
        (dt.date(2025, 10, 24), ["r5", "r9"]),
    ],
)
def test_a_bad_rating_becomes_overdue_the_day_after_its_deadline(today: dt.date, overdue: list[str]) -> None:
    findings = rating_report(sample(), today=today).findings
    assert [f.key[0] for f in findings if f.kind == "bad_rating_unanswered"] == overdue


@pytest.mark.parametrize(
    ("settings", "flagged"),
    [
        ({"min_ratings": 3}, [("window", "W1"), ("item", "I1"), ("item", "I2")]),
        ({"min_ratings": 6}, [("window", "W1")]),
        ({"min_ratings": 7}, []),
        ({"min_ratings": 3, "min_satisfaction": 0.8}, [("window", "W1"), ("item", "I2")]),  # I1 is exactly 80%
        ({"min_ratings": 2, "min_satisfaction": 0.5}, [("window", "W1")]),  # V/W1 at 0% is the only one below
        ({}, []),
    ],
)
def test_it_flags_windows_and_items_below_the_satisfaction_threshold(settings: dict, flagged: list) -> None:
    findings = rating_report(sample(), today=TODAY, **settings).findings
    low = [f for f in findings if f.kind == "low_satisfaction"]
    assert [f.key for f in low] == flagged
    assert all(f.checklist == "6" for f in low)


def test_a_low_satisfaction_finding_carries_its_figures_and_comments() -> None:
    (window, *_) = rating_report(sample(), today=TODAY, min_ratings=6).findings
    assert (window.kind, window.subject, window.key) == ("low_satisfaction", "U", ("window", "W1"))
    ev = window.evidence
    assert (ev["ratings"], ev["bad"], ev["satisfaction"], ev["min_satisfaction"], ev["min_ratings"]) == (
        6, 2, 0.6667, 0.95, 6)
    assert ev["period"] == {"from": "2025-09-22", "to": "2025-09-30"}
    assert [c["rating_id"] for c in ev["comments"]] == ["r6", "r5"]  # newest first
    assert "满意率 66.6%" in window.message and "“态度差”" in window.message


@pytest.mark.parametrize(
    ("min_ratings", "windows", "items"),
    [
        (3, [("U", "W1")], [("U", "I2"), ("U", "I1")]),
        (2, [("V", "W1"), ("U", "W1")], [("U", "I2"), ("U", "I1")]),  # W2 has no 差评 and is never "worst"
        (10, [], []),
    ],
)
def test_it_lists_the_worst_windows_and_items(min_ratings: int, windows: list, items: list) -> None:
    report = rating_report(sample(), today=TODAY, min_ratings=min_ratings)
    assert [(e.group.unit, e.group.name) for e in report.worst_windows] == windows
    assert [(e.group.unit, e.group.name) for e in report.worst_items] == items


def test_the_worst_window_shows_its_bad_comments_newest_first() -> None:
    (worst,) = rating_report(sample(), today=TODAY, min_ratings=3).worst_windows
    assert [(c["rating_id"], c["comment"], c["reply"]) for c in worst.comments] == [
        ("r6", "态度差", "late"), ("r5", "等了很久", "overdue")]
    assert worst.to_dict()["comments"][0]["deadline"] == "2025-10-14"


@pytest.mark.parametrize(("workdays", "late"), [(5, ["r6"]), (10, []), (0, ["r10", "r6"])])  # 0: the same day
def test_the_reply_deadline_is_a_setting(workdays: int, late: list[str]) -> None:
    findings = rating_report(sample(), today=TODAY, reply_deadline_workdays=workdays).findings
    assert sorted(f.key[0] for f in findings if f.kind == "bad_rating_answered_late") == late


def test_deadlines_beyond_the_calendar_are_a_warning_not_a_finding() -> None:
    ratings = [Rating("y1", "U", T(2026, 12, 29, 10), 1), Rating("y2", "U", T(2026, 12, 30, 10), 2)]
    report = rating_report(ratings, today=dt.date(2027, 3, 1))
    assert report.findings == []
    assert report.overall.replies["undetermined"] == 2
    (warning,) = report.warnings
    assert "2 条差评" in warning and "2027" in warning


def test_an_empty_export_gives_empty_figures() -> None:
    report = rating_report([], today=TODAY)
    assert report.overall.ratings == 0 and report.overall.satisfaction is None
    assert report.findings == [] and report.warnings == []
    assert report.to_dict()["settings"] == {"reply_deadline_workdays": 5, "today": "2025-10-20",
                                            "min_satisfaction": 0.95, "min_ratings": 20}
