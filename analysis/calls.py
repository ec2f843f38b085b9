"""Consultation-phone call logs (notice 1.3 咨询电话不通、经常占线或无人应答).

Reads the phone system's call log, computes answer rates per line, unit and hour, and
reports every line answering fewer than 95% of its calls (GB/T 33358) as a finding
for the unit that owns it.

Definitions (docs/analysis/calls_ratings.md):
    answer rate            answered calls / all calls
    answered within 15 s   answered calls with ring_seconds <= 15, as a share of ALL calls
                           (the call-centre "service level": an unanswered call is not served)
    mean ring              mean ring_seconds over answered calls (the time to pick up)
Calls with outcome answered / hung_up / wrong_unit are answered; no_answer / busy /
invalid_number are not. Without an outcome column the outcome follows `answered`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .common import Finding
from .records import ensure_unique, load_records, pct, period_dict, rounded
from .tabular import Column, Table, choice, parse_bool, parse_datetime, parse_int

ANSWERED_OUTCOMES = ("answered", "hung_up", "wrong_unit")
UNANSWERED_OUTCOMES = ("no_answer", "busy", "invalid_number")
OUTCOMES = ANSWERED_OUTCOMES + UNANSWERED_OUTCOMES
OUTCOME_LABELS = {
    "answered": "接通", "hung_up": "接通后挂断", "wrong_unit": "非本部门电话",
    "no_answer": "无人接听", "busy": "占线", "invalid_number": "空号停机",
}
# English code or Chinese word (lower-cased) -> English code.
OUTCOME_WORDS: dict[str, str] = {code: code for code in OUTCOMES} | {
    label: code for code, label in OUTCOME_LABELS.items()
} | {
    "已接听": "answered", "已接通": "answered", "未接听": "no_answer", "未接通": "no_answer",
    "空号": "invalid_number", "停机": "invalid_number", "挂断": "hung_up", "非本单位电话": "wrong_unit",
}

COLUMNS = (
    Column("call_id", ("通话编号", "呼叫编号", "通话流水号", "流水号", "编号")),
    Column("line", ("号码", "电话号码", "咨询电话", "被叫号码", "线路")),
    Column("unit", ("单位", "所属单位", "部门")),
    Column("started_at", ("来电时间", "呼入时间", "开始时间", "呼叫时间")),
    Column("answered", ("是否接听", "是否接通", "接听")),
    Column("ring_seconds", ("振铃时长", "振铃秒数", "振铃时长(秒)", "等待时长")),
    Column("talk_seconds", ("通话时长", "通话秒数", "通话时长(秒)"), required=False),
    Column("outcome", ("结果", "通话结果", "呼叫结果", "状态"), required=False),
)

ANSWER_WITHIN_SECONDS = 15
MIN_ANSWER_RATE = 0.95


@dataclass(frozen=True, slots=True)
class Call:
    call_id: str
    line: str
    unit: str
    started_at: dt.datetime
    answered: bool
    ring_seconds: int | None
    talk_seconds: int | None = None
    outcome: str = ""  # one of OUTCOMES; empty means "follows answered"
    file: str = field(default="", compare=False)
    row: int = field(default=0, compare=False)

    @property
    def result(self) -> str:
        return self.outcome or ("answered" if self.answered else "no_answer")


# ---------------------------------------------------------------- reading


def _seconds(table: Table, i: int, column: str) -> int | None:
    value = parse_int(table.rows[i].get(column, ""), table=table, index=i, column=column)
    if value is not None and value < 0:
        raise table.error(i, column, f"秒数不能为负数（{value}）")
    return value


def _text(table: Table, i: int, column: str) -> str:
    value = table.rows[i][column].strip()
    if not value:
        raise table.error(i, column, "不能为空")
    return value


def _call(table: Table, i: int) -> Call:
    row = table.rows[i]
    started = parse_datetime(row["started_at"], table=table, index=i, column="started_at")
    if started is None:
        raise table.error(i, "started_at", "来电时间不能为空")
    outcome = ""
    if row.get("outcome", "").strip():
        outcome = choice(row["outcome"], table=table, index=i, column="outcome", mapping=OUTCOME_WORDS)
    if not row["answered"].strip() and not outcome:
        raise table.error(i, "answered", "是否接听不能为空（应为 1 或 0）")
    if row["answered"].strip():
        answered = parse_bool(row["answered"], table=table, index=i, column="answered")
    else:
        answered = outcome in ANSWERED_OUTCOMES
    if outcome and answered != (outcome in ANSWERED_OUTCOMES):
        raise table.error(i, "outcome", f"结果“{OUTCOME_LABELS[outcome]}”与是否接听（{int(answered)}）矛盾")
    ring = _seconds(table, i, "ring_seconds")
    if answered and ring is None:
        raise table.error(i, "ring_seconds", "已接听的来电须填写振铃时长（秒）")
    talk = _seconds(table, i, "talk_seconds")
    if not answered and talk:
        raise table.error(i, "talk_seconds", f"未接听的来电通话时长应为 0（{talk}）")
    return Call(call_id=_text(table, i, "call_id"), line=_text(table, i, "line"), unit=_text(table, i, "unit"),
                started_at=started, answered=answered, ring_seconds=ring, talk_seconds=talk,
                outcome=outcome, file=table.file, row=table.row_numbers[i])


def ensure_unique_ids(calls: Iterable[Call]) -> None:
    """Refuse a call_id seen twice (also across files), naming the second occurrence."""
    ensure_unique(calls, column="call_id", label="通话编号")


def load_calls(data: bytes, *, file: str, sheet: str | None = None) -> list[Call]:
    """Every call in a CSV (UTF-8/GBK) or XLSX log; any bad cell is an InputError."""
    return load_records(data, file=file, sheet=sheet, columns=COLUMNS, record=_call,
                        ensure_unique_ids=ensure_unique_ids)


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class CallFigures:
    calls: int
    answered: int
    answered_within: int  # answered with ring_seconds <= the limit
    answer_rate: float | None  # None when there are no calls
    answered_within_share: float | None  # answered_within / calls
    mean_ring_seconds: float | None  # over answered calls
    no_answer: int
    busy: int
    invalid_number: int
    first_call: dt.datetime | None
    last_call: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls, "answered": self.answered, "answered_within": self.answered_within,
            "answer_rate": rounded(self.answer_rate), "answered_within_share": rounded(self.answered_within_share),
            "mean_ring_seconds": rounded(self.mean_ring_seconds, 1), "no_answer": self.no_answer,
            "busy": self.busy, "invalid_number": self.invalid_number,
            "period": period_dict(self.first_call, self.last_call),
        }


def figures(calls: Iterable[Call], *, answer_within_seconds: int = ANSWER_WITHIN_SECONDS) -> CallFigures:
    n = answered = within = ring_n = ring_sum = 0
    results: dict[str, int] = defaultdict(int)
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    for c in calls:
        n += 1
        results[c.result] += 1
        if c.answered:
            answered += 1
            if c.ring_seconds is not None:
                ring_n += 1
                ring_sum += c.ring_seconds
                within += c.ring_seconds <= answer_within_seconds
        if first is None or c.started_at < first:
            first = c.started_at
        if last is None or c.started_at > last:
            last = c.started_at
    return CallFigures(
        calls=n, answered=answered, answered_within=within,
        answer_rate=answered / n if n else None, answered_within_share=within / n if n else None,
        mean_ring_seconds=ring_sum / ring_n if ring_n else None,
        no_answer=results["no_answer"], busy=results["busy"], invalid_number=results["invalid_number"],
        first_call=first, last_call=last,
    )


@dataclass(frozen=True)
class LineFigures:
    line: str
    unit: str
    figures: CallFigures

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "unit": self.unit, **self.figures.to_dict()}


@dataclass(frozen=True)
class UnitFigures:
    unit: str
    lines: int
    figures: CallFigures

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "lines": self.lines, **self.figures.to_dict()}


@dataclass(frozen=True)
class HourFigures:
    hour: int  # 0–23, local time of started_at
    figures: CallFigures

    def to_dict(self) -> dict[str, Any]:
        return {"hour": self.hour, **self.figures.to_dict()}


@dataclass(frozen=True)
class CallReport:
    overall: CallFigures
    by_line: list[LineFigures]  # by unit, then line
    by_unit: list[UnitFigures]
    by_hour: list[HourFigures]  # only hours with calls, ascending
    findings: list[Finding]
    min_answer_rate: float
    answer_within_seconds: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": {"min_answer_rate": self.min_answer_rate,
                         "answer_within_seconds": self.answer_within_seconds},
            "overall": self.overall.to_dict(),
            "by_line": [x.to_dict() for x in self.by_line],
            "by_unit": [x.to_dict() for x in self.by_unit],
            "by_hour": [x.to_dict() for x in self.by_hour],
            "findings": [f.to_dict() for f in self.findings],
        }


def _unanswered_line(line: LineFigures, calls: list[Call], min_answer_rate: float,
                     within_seconds: int) -> Finding:
    f = line.figures
    assert f.answer_rate is not None and f.first_call is not None and f.last_call is not None
    period = period_dict(f.first_call, f.last_call)
    missed = sorted((c for c in calls if not c.answered), key=lambda c: c.started_at)
    message = (
        f"咨询电话 {line.line} 在 {period['from']} 至 {period['to']} 共有来电 {f.calls} 通，"
        f"接通 {f.answered} 通，接通率 {pct(f.answer_rate)}，低于 {pct(min_answer_rate)} 的要求"
        f"（GB/T 33358）；其中无人接听 {f.no_answer} 通、占线 {f.busy} 通"
        + (f"、空号停机 {f.invalid_number} 通" if f.invalid_number else "")
        + "。请落实专人值守，安排占线分流和午间、下班后的转接或留言。"
    )
    return Finding(
        kind="unanswered_line", checklist="1.3", subject=line.unit, message=message, key=(line.line,),
        evidence={
            "line": line.line, "unit": line.unit, "period": period,
            "min_answer_rate": min_answer_rate, "answer_within_seconds": within_seconds,
            **{k: v for k, v in f.to_dict().items() if k != "period"},
            "unanswered_examples": [
                {"call_id": c.call_id, "started_at": c.started_at.isoformat(sep=" "), "outcome": c.result}
                for c in missed[:10]
            ],
        },
    )


def call_report(
    calls: Iterable[Call],
    *,
    min_answer_rate: float = MIN_ANSWER_RATE,
    answer_within_seconds: int = ANSWER_WITHIN_SECONDS,
    min_calls: int = 1,
) -> CallReport:
    """Answer-rate figures overall / per line / unit / hour, and a finding per weak line.

    A line with at least `min_calls` calls and an answer rate below `min_answer_rate`
    becomes an `unanswered_line` finding (checklist 1.3) for the unit that owns it.
    """
    if not 0 <= min_answer_rate <= 1:
        raise ValueError("min_answer_rate must be between 0 and 1")
    calls = list(calls)
    by_line: dict[tuple[str, str], list[Call]] = defaultdict(list)
    by_unit: dict[str, list[Call]] = defaultdict(list)
    by_hour: dict[int, list[Call]] = defaultdict(list)
    for c in calls:
        by_line[(c.unit, c.line)].append(c)
        by_unit[c.unit].append(c)
        by_hour[c.started_at.hour].append(c)

    def fig(group: list[Call]) -> CallFigures:
        return figures(group, answer_within_seconds=answer_within_seconds)

    lines = [LineFigures(line=line, unit=unit, figures=fig(g)) for (unit, line), g in sorted(by_line.items())]
    findings = [
        _unanswered_line(lf, by_line[(lf.unit, lf.line)], min_answer_rate, answer_within_seconds)
        for lf in lines
        if lf.figures.calls >= min_calls and (lf.figures.answer_rate or 0.0) < min_answer_rate
    ]
    units = [UnitFigures(unit=u, lines=len({c.line for c in g}), figures=fig(g)) for u, g in sorted(by_unit.items())]
    hours = [HourFigures(hour=h, figures=fig(g)) for h, g in sorted(by_hour.items())]
    return CallReport(overall=fig(calls), by_line=lines, by_unit=units, by_hour=hours, findings=findings,
                      min_answer_rate=min_answer_rate, answer_within_seconds=answer_within_seconds)
