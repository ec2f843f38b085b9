"""好差评 ratings (notice category 6 其他让群众不满意的服务).

Reads the rating terminals' export, computes satisfaction (levels 3–5 / all) and 差评
(levels 1–2) by unit, window, item and staff, lists the worst windows and items with
their comments, and reports:

    bad_rating_unanswered     a 差评 with no handled_at, past its reply deadline as of `today`
    bad_rating_answered_late  a 差评 answered after its reply deadline
    low_satisfaction          a window or item below the satisfaction threshold
                              (only with at least `min_ratings` ratings)

The reply deadline is the `reply_deadline_workdays`-th working day after the day of the
rating (Chinese calendar with 调休, analysis.workdays); a reply on or before that day is
on time. Where the calendar has no data for the years a deadline falls in, the 差评 is
counted as `undetermined` and the report carries a warning instead of a guess.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .common import Finding
from .records import ensure_unique, load_records, pct, period_dict, rounded
from .tabular import Column, Table, parse_datetime
from .workdays import CalendarUnavailable, WorkCalendar, package_calendar

LEVEL_LABELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
LEVEL_WORDS = {label: level for level, label in LEVEL_LABELS.items()}

COLUMNS = (
    Column("rating_id", ("评价编号", "评价流水号", "流水号", "编号")),
    Column("unit", ("单位", "部门", "评价单位", "实施主体")),
    Column("window", ("窗口", "窗口名称", "窗口号"), required=False),
    Column("item", ("事项", "事项名称", "办理事项"), required=False),
    Column("staff", ("工作人员", "办理人员", "受理人", "人员"), required=False),
    Column("channel", ("渠道", "评价渠道"), required=False),
    Column("rated_at", ("评价时间",)),
    Column("level", ("评价等级", "评价结果", "满意度", "等级")),
    Column("comment", ("评价内容", "评价意见", "意见", "留言"), required=False),
    Column("handled_at", ("整改时间", "处理时间", "回复时间", "答复时间", "差评处理时间"), required=False),
)

REPLY_DEADLINE_WORKDAYS = 5
MIN_SATISFACTION = 0.95
MIN_RATINGS = 20
WORST_LIMIT = 5
COMMENTS_LIMIT = 10

# Reply status of a 差评.
ON_TIME, LATE, OVERDUE, PENDING, UNDETERMINED = "on_time", "late", "overdue", "pending", "undetermined"


@dataclass(frozen=True, slots=True)
class Rating:
    rating_id: str
    unit: str
    rated_at: dt.datetime
    level: int  # 1–5
    window: str = ""
    item: str = ""
    staff: str = ""
    channel: str = ""
    comment: str = ""
    handled_at: dt.datetime | None = None
    file: str = field(default="", compare=False)
    row: int = field(default=0, compare=False)

    @property
    def is_bad(self) -> bool:
        return self.level <= 2


# ---------------------------------------------------------------- reading


def _level(table: Table, i: int) -> int:
    raw = table.rows[i]["level"].strip()
    if raw in LEVEL_WORDS:
        return LEVEL_WORDS[raw]
    try:
        number = float(raw)
    except ValueError:
        number = 0.5  # not a level: falls through to the error below
    if not number.is_integer() or not 1 <= number <= 5:
        raise table.error(i, "level", f"评价等级“{raw}”应为 1–5（5 非常满意 … 1 非常不满意）或其中文名称")
    return int(number)


def _rating(table: Table, i: int) -> Rating:
    row = table.rows[i]
    for column in ("rating_id", "unit"):
        if not row[column].strip():
            raise table.error(i, column, "不能为空")
    rated = parse_datetime(row["rated_at"], table=table, index=i, column="rated_at")
    if rated is None:
        raise table.error(i, "rated_at", "评价时间不能为空")
    level = _level(table, i)
    handled = parse_datetime(row.get("handled_at", ""), table=table, index=i, column="handled_at")
    if handled is not None and handled < rated:
        raise table.error(i, "handled_at", f"处理时间 {handled} 早于评价时间 {rated}")
    return Rating(
        rating_id=row["rating_id"].strip(), unit=row["unit"].strip(), rated_at=rated, level=level,
        window=row.get("window", "").strip(), item=row.get("item", "").strip(),
        staff=row.get("staff", "").strip(), channel=row.get("channel", "").strip(),
        comment=row.get("comment", "").strip(), handled_at=handled, file=table.file, row=table.row_numbers[i],
    )


def ensure_unique_ids(ratings: Iterable[Rating]) -> None:
    """Refuse a rating_id seen twice (also across files), naming the second occurrence."""
    ensure_unique(ratings, column="rating_id", label="评价编号")


def load_ratings(data: bytes, *, file: str, sheet: str | None = None) -> list[Rating]:
    """Every rating in a CSV (UTF-8/GBK) or XLSX export; any bad cell is an InputError."""
    return load_records(data, file=file, sheet=sheet, columns=COLUMNS, record=_rating,
                        ensure_unique_ids=ensure_unique_ids)


# ---------------------------------------------------------------- reply deadlines


@dataclass(frozen=True)
class ReplyStatus:
    status: str  # ON_TIME, LATE, OVERDUE, PENDING or UNDETERMINED
    deadline: dt.date | None  # None only when the calendar lacks the year
    missing_year: int | None = None


def reply_status(r: Rating, *, workdays: int, today: dt.date, calendar: WorkCalendar | None = None) -> ReplyStatus:
    """Whether a 差评 was (or still can be) answered within `workdays` working days (on `calendar`,
    by default the package's)."""
    calendar = calendar or package_calendar()
    day = r.rated_at.date()
    try:
        deadline = calendar.add_workdays(day, workdays)
    except CalendarUnavailable as exc:
        # A working day is at least one calendar day, so within `workdays` calendar days is on time.
        if r.handled_at is not None and (r.handled_at.date() - day).days <= workdays:
            return ReplyStatus(ON_TIME, None)
        if r.handled_at is None and (today - day).days <= workdays:
            return ReplyStatus(PENDING, None)
        return ReplyStatus(UNDETERMINED, None, exc.year)
    if r.handled_at is not None:
        return ReplyStatus(ON_TIME if r.handled_at.date() <= deadline else LATE, deadline)
    return ReplyStatus(OVERDUE if today > deadline else PENDING, deadline)


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class RatingFigures:
    ratings: int
    satisfied: int  # levels 3–5
    satisfaction: float | None  # satisfied / ratings; None without ratings
    bad: int  # 差评, levels 1–2
    levels: dict[int, int]  # level -> count, all five levels
    mean_level: float | None
    replies: dict[str, int]  # 差评 by reply status
    first_rating: dt.datetime | None
    last_rating: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ratings": self.ratings, "satisfied": self.satisfied,
            "satisfaction": rounded(self.satisfaction),
            "bad": self.bad, "levels": {str(k): v for k, v in self.levels.items()},
            "mean_level": rounded(self.mean_level, 2),
            "bad_replies": dict(self.replies),
            "period": period_dict(self.first_rating, self.last_rating),
        }


def figures(ratings: Iterable[Rating], statuses: dict[str, ReplyStatus]) -> RatingFigures:
    levels = dict.fromkeys(range(5, 0, -1), 0)
    replies = dict.fromkeys((ON_TIME, LATE, OVERDUE, PENDING, UNDETERMINED), 0)
    n = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    for r in ratings:
        n += 1
        levels[r.level] += 1
        if r.is_bad:
            replies[statuses[r.rating_id].status] += 1
        first = r.rated_at if first is None or r.rated_at < first else first
        last = r.rated_at if last is None or r.rated_at > last else last
    satisfied = levels[5] + levels[4] + levels[3]
    return RatingFigures(
        ratings=n, satisfied=satisfied, satisfaction=satisfied / n if n else None, bad=n - satisfied,
        levels=levels, mean_level=sum(k * v for k, v in levels.items()) / n if n else None,
        replies=replies, first_rating=first, last_rating=last,
    )


@dataclass(frozen=True)
class RatingGroup:
    """Figures of one unit, or of one window / item / staff member within a unit."""

    dimension: str  # "unit", "window", "item" or "staff"
    unit: str
    name: str  # the window, item or staff name; the unit's name for dimension "unit"
    figures: RatingFigures

    def to_dict(self) -> dict[str, Any]:
        head = {"unit": self.unit} if self.dimension == "unit" else {"unit": self.unit, self.dimension: self.name}
        return {**head, **self.figures.to_dict()}


@dataclass(frozen=True)
class WorstEntry:
    group: RatingGroup
    comments: list[dict[str, Any]]  # the 差评 behind it, newest first

    def to_dict(self) -> dict[str, Any]:
        return {**self.group.to_dict(), "comments": self.comments}


@dataclass(frozen=True)
class RatingReport:
    overall: RatingFigures
    by_unit: list[RatingGroup]
    by_window: list[RatingGroup]
    by_item: list[RatingGroup]
    by_staff: list[RatingGroup]
    worst_windows: list[WorstEntry]
    worst_items: list[WorstEntry]
    findings: list[Finding]
    warnings: list[str]  # e.g. deadlines the calendar cannot decide
    settings: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": dict(self.settings), "overall": self.overall.to_dict(),
            **{name: [g.to_dict() for g in getattr(self, name)]
               for name in ("by_unit", "by_window", "by_item", "by_staff", "worst_windows", "worst_items")},
            "findings": [f.to_dict() for f in self.findings], "warnings": list(self.warnings),
        }


def _comment(r: Rating, st: ReplyStatus) -> dict[str, Any]:
    return {
        "rating_id": r.rating_id, "rated_at": r.rated_at.isoformat(sep=" "), "level": r.level,
        "window": r.window, "item": r.item, "staff": r.staff, "comment": r.comment,
        "handled_at": r.handled_at.isoformat(sep=" ") if r.handled_at else None,
        "deadline": st.deadline.isoformat() if st.deadline else None, "reply": st.status,
    }


def _bad_comments(group: list[Rating], statuses: dict[str, ReplyStatus], limit: int) -> list[dict[str, Any]]:
    bad = sorted((r for r in group if r.is_bad), key=lambda r: r.rated_at, reverse=True)
    return [_comment(r, statuses[r.rating_id]) for r in bad[:limit]]


def _place(r: Rating) -> str:
    extra = "，".join(f"{label}“{v}”" for label, v in (("窗口", r.window), ("事项", r.item)) if v)
    return f"{r.unit}（{extra}）" if extra else r.unit


def _reply_finding(r: Rating, st: ReplyStatus, *, workdays: int, today: dt.date, calendar: WorkCalendar) -> Finding:
    assert st.deadline is not None
    said = f"评价内容：“{r.comment}”。" if r.comment else ""
    head = f"{_place(r)}{r.rated_at:%Y-%m-%d} 收到差评（{LEVEL_LABELS[r.level]}）。{said}"
    evidence = _comment(r, st) | {"unit": r.unit, "channel": r.channel, "reply_deadline_workdays": workdays}
    if st.status == OVERDUE:
        try:
            overdue: int | None = calendar.workdays_between(st.deadline, today)
        except CalendarUnavailable:
            overdue = None
        evidence |= {"today": today.isoformat(), "workdays_overdue": overdue}
        message = (f"{head}至 {today:%Y-%m-%d} 仍未答复，已超过 {workdays} 个工作日的答复期限"
                   f"（{st.deadline:%Y-%m-%d}）。请尽快回访评价人、答复并整改。")
        kind = "bad_rating_unanswered"
    else:
        assert r.handled_at is not None
        late = calendar.workdays_between(st.deadline, r.handled_at.date())
        evidence |= {"workdays_late": late}
        message = (f"{head}{r.handled_at:%Y-%m-%d} 才答复，超过 {workdays} 个工作日的答复期限"
                   f"（{st.deadline:%Y-%m-%d}）{late} 个工作日。请建立差评按期回访答复机制。")
        kind = "bad_rating_answered_late"
    return Finding(kind=kind, checklist="6", subject=r.unit, message=message, key=(r.rating_id,), evidence=evidence)


def _low_finding(g: RatingGroup, comments: list[dict[str, Any]], threshold: float, min_ratings: int) -> Finding:
    f = g.figures
    assert f.satisfaction is not None
    period = period_dict(f.first_rating, f.last_rating)
    what = {"window": "窗口", "item": "事项"}[g.dimension]
    said = list(dict.fromkeys(c["comment"] for c in comments if c["comment"]))[:3]
    message = (
        f"{g.unit}{what}“{g.name}”在 {period['from']} 至 {period['to']} 共收到评价 {f.ratings} 条，"
        f"满意率 {pct(f.satisfaction)}，低于 {pct(threshold)}；差评 {f.bad} 条。"
        + (f"主要意见：{'；'.join(f'“{s}”' for s in said)}。" if said else "")
        + "请分析差评原因，整改服务质量和办事效率。"
    )
    return Finding(
        kind="low_satisfaction", checklist="6", subject=g.unit, message=message, key=(g.dimension, g.name),
        evidence={**g.to_dict(), "dimension": g.dimension, "name": g.name, "min_satisfaction": threshold,
                  "min_ratings": min_ratings, "comments": comments},
    )


def _groups(dimension: str, ratings: list[Rating], statuses: dict[str, ReplyStatus]
            ) -> tuple[list[RatingGroup], dict[tuple[str, str], list[Rating]]]:
    members: dict[tuple[str, str], list[Rating]] = defaultdict(list)
    for r in ratings:
        name = r.unit if dimension == "unit" else getattr(r, dimension)
        if name:  # ratings without a window (item, staff) are left out of that breakdown
            members[(r.unit, name)].append(r)
    groups = [RatingGroup(dimension, unit, name, figures(rs, statuses)) for (unit, name), rs in sorted(members.items())]
    return groups, members


def rating_report(
    ratings: Iterable[Rating],
    *,
    reply_deadline_workdays: int = REPLY_DEADLINE_WORKDAYS,
    today: dt.date | None = None,
    min_satisfaction: float = MIN_SATISFACTION,
    min_ratings: int = MIN_RATINGS,
    worst_limit: int = WORST_LIMIT,
    calendar: WorkCalendar | None = None,
) -> RatingReport:
    """Satisfaction and 差评 figures, the worst windows and items, and category-6 findings.

    `today` (default: the real date) decides which unanswered 差评 are past their deadline.
    A window or item is `low_satisfaction` (and may rank among the worst) only with at
    least `min_ratings` ratings, so one unhappy visitor does not condemn a quiet window.
    Working days are counted on `calendar` (default: the package's holiday calendar alone).
    """
    today = today or dt.date.today()
    calendar = calendar or package_calendar()
    if reply_deadline_workdays < 0:
        raise ValueError("reply_deadline_workdays must not be negative")
    ratings = list(ratings)
    statuses = {r.rating_id: reply_status(r, workdays=reply_deadline_workdays, today=today, calendar=calendar)
                for r in ratings if r.is_bad}

    findings: list[Finding] = []  # low satisfaction first, then unanswered, then late 差评
    by_unit, _ = _groups("unit", ratings, statuses)
    by_staff, _ = _groups("staff", ratings, statuses)
    worst: dict[str, list[WorstEntry]] = {}
    by: dict[str, list[RatingGroup]] = {}
    for dimension in ("window", "item"):
        groups, members = _groups(dimension, ratings, statuses)
        by[dimension] = groups
        ranked = sorted(
            (g for g in groups if g.figures.bad and g.figures.ratings >= min_ratings),
            key=lambda g: (g.figures.satisfaction or 0.0, -g.figures.bad, g.unit, g.name),
        )
        worst[dimension] = [WorstEntry(g, _bad_comments(members[(g.unit, g.name)], statuses, COMMENTS_LIMIT))
                            for g in ranked[:worst_limit]]
        for g in groups:
            sat = g.figures.satisfaction
            if g.figures.ratings >= min_ratings and sat is not None and sat < min_satisfaction:
                comments = _bad_comments(members[(g.unit, g.name)], statuses, COMMENTS_LIMIT)
                findings.append(_low_finding(g, comments, min_satisfaction, min_ratings))

    for status in (OVERDUE, LATE):
        for r in sorted((r for r in ratings if r.is_bad), key=lambda r: (r.unit, r.window, r.rated_at, r.rating_id)):
            if statuses[r.rating_id].status == status:
                findings.append(_reply_finding(r, statuses[r.rating_id], workdays=reply_deadline_workdays,
                                               today=today, calendar=calendar))

    undecided = [s.missing_year for s in statuses.values() if s.status == UNDETERMINED]
    warnings = []
    if undecided:
        years = "、".join(str(y) for y in sorted({y for y in undecided if y is not None}))
        warnings.append(f"{len(undecided)} 条差评的答复期限落在节假日日历尚无数据的年份（{years}），"
                        "无法判断是否超期，未列为问题；请在“工作日历”中录入该年节假日安排（或升级 chinese-calendar）后重新分析。")
    return RatingReport(
        overall=figures(ratings, statuses), by_unit=by_unit, by_window=by["window"], by_item=by["item"],
        by_staff=by_staff, worst_windows=worst["window"], worst_items=worst["item"], findings=findings,
        warnings=warnings,
        settings={"reply_deadline_workdays": reply_deadline_workdays, "today": today.isoformat(),
                  "min_satisfaction": min_satisfaction, "min_ratings": min_ratings},
    )
