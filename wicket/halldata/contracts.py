"""What the analysis hands the web app: the typed shape of `Snapshot.data` (and `Snapshot.headline`).

`analysis/` returns reports whose `to_dict()` is stored as JSON in a Snapshot; the dashboards' cards,
views and templates read it back. These TypedDicts are the contract between the two sides:

- mypy checks every card against them, so a card reading a key the contract does not have fails
  type-checking (the cards take these types, not `dict[str, Any]`);
- `snapshot_check` validates the analysis output against them with msgspec before it is stored, so a
  key renamed or dropped in `analysis/` fails the analysis (and its tests) loudly instead of leaving a
  card silently empty.

Only what the web app reads is listed; the stored JSON may hold more (msgspec ignores extra keys).
A key that the analysis writes as None (no calls yet, nothing to divide by) is typed `... | None`.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

import msgspec

# ---------------------------------------------------------------- tickets (KpiReport + StaffingPlan)


class Minutes(TypedDict):
    count: int
    mean: float | None
    p50: float | None
    p90: float | None
    p95: float | None
    max: float | None


class Kpis(TypedDict):
    tickets: int
    called: int
    served: int
    no_show: int
    unserved: int
    cancelled: int
    unserved_share: float | None
    wait_minutes: Minutes
    service_minutes: Minutes
    service_level: float | None


class DayKpis(Kpis):
    day: str
    weekday: int
    peak_queue: int
    peak_queue_at: str | None


class WeekdayHourKpis(Kpis):
    weekday: int
    hour: int


class WindowKpis(Kpis):
    window: str
    days_open: int
    busy_minutes: float
    open_minutes: float
    utilisation: float | None


class ItemKpis(Kpis):
    item: str


class TicketReport(TypedDict):
    target_minutes: float
    overall: Kpis
    by_day: list[DayKpis]
    by_weekday_hour: list[WeekdayHourKpis]
    by_window: list[WindowKpis]
    by_item: list[ItemKpis]


class PlanSlot(TypedDict):
    weekday: int
    hour: int
    arrivals_per_hour: float
    service_minutes: float
    windows_open: float
    windows_needed: int
    windows_needed_dedicated: int
    service_level_open: float | None


class PlanSummary(TypedDict):
    hall: str
    window_hours_open: float
    window_hours_needed: int
    slots_short: int


class StaffingPlan(TypedDict):
    target_minutes: float
    service_level_goal: float
    summary: list[PlanSummary]
    slots: list[PlanSlot]


class TicketsData(TypedDict):
    report: TicketReport
    plan: StaffingPlan
    findings: list[dict[str, Any]]


# ---------------------------------------------------------------- consultation phones (CallReport)


class CallFigures(TypedDict):
    calls: int
    answered: int
    answer_rate: float | None
    answered_within_share: float | None
    mean_ring_seconds: float | None
    no_answer: int
    busy: int


class LineFigures(CallFigures):
    line: str
    unit: str


class UnitCallFigures(CallFigures):
    unit: str
    lines: int


class HourCallFigures(CallFigures):
    hour: int


class CallReport(TypedDict):
    overall: CallFigures
    by_line: list[LineFigures]
    by_unit: list[UnitCallFigures]
    by_hour: list[HourCallFigures]


class CallsData(TypedDict):
    report: CallReport
    findings: list[dict[str, Any]]


# ---------------------------------------------------------------- 好差评 (RatingReport)


class Replies(TypedDict):
    on_time: int
    late: int
    overdue: int
    pending: int


class RatingFigures(TypedDict):
    ratings: int
    satisfaction: float | None
    bad: int
    mean_level: float | None
    bad_replies: Replies


class RatingGroup(RatingFigures):
    unit: str
    window: NotRequired[str | None]  # the group's name under its dimension; a unit group has only `unit`
    item: NotRequired[str | None]
    staff: NotRequired[str | None]


class BadComment(TypedDict):
    rated_at: str
    comment: str | None


class WorstEntry(RatingGroup):
    comments: list[BadComment]


class RatingReport(TypedDict):
    overall: RatingFigures
    by_unit: list[RatingGroup]
    by_window: list[RatingGroup]
    by_item: list[RatingGroup]
    by_staff: list[RatingGroup]
    worst_windows: list[WorstEntry]
    worst_items: list[WorstEntry]


class RatingsData(TypedDict):
    report: RatingReport
    findings: list[dict[str, Any]]


CONTRACTS: dict[str, type] = {"tickets": TicketsData, "calls": CallsData, "ratings": RatingsData}


def snapshot_check(kind: str, data: dict[str, Any]) -> None:
    """Raise msgspec.ValidationError (naming the path, e.g. `$.report.by_day[0].weekday`) when the
    analysis output `data` of `kind` lacks what the web app reads, or holds it in another type."""
    msgspec.convert(data, type=CONTRACTS[kind], strict=False)
