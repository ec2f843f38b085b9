"""A deterministic year of consultation-phone calls and 好差评 ratings for a county's halls.

For the demo and for tests: realistic volumes and patterns, with problems planted so the
detectors have something true to find.

    Patterns   halls open on working days only (Chinese calendar with 调休, analysis.workdays),
               09:00–12:00 and 13:30–17:00; Mondays and the day after a long holiday are busy,
               January and the weeks before the Spring Festival busier, summer quieter;
               calls peak at 9–10 and 14–15, a few ring at lunch or after hours and are
               often missed; most ratings are 非常满意, some 差评 with comments, answered
               within the deadline (a few late).
    Planted    `silent_line`: a phone nobody answers (answer rate about 40%);
               `neglected_window`: a window drawing many 差评, most never answered.

The rows use the product brief's field names with the values a CSV holds (times as
"YYYY-MM-DD HH:MM:SS", numbers as int, empty as ""); `to_csv` writes them, optionally
with Chinese headers and in GBK, ready for `load_calls` / `load_ratings`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import calls as calls_mod
from . import ratings as ratings_mod
from .workdays import CalendarUnavailable, add_workdays, is_workday

Row = dict[str, Any]

CALL_FIELDS = ("call_id", "line", "unit", "started_at", "answered", "ring_seconds", "talk_seconds", "outcome")
RATING_FIELDS = ("rating_id", "unit", "window", "item", "staff", "channel", "rated_at", "level", "comment",
                 "handled_at")


@dataclass(frozen=True)
class UnitSpec:
    name: str
    lines: tuple[str, ...]
    windows: tuple[str, ...]
    items: tuple[str, ...]
    staff: tuple[str, ...]  # window i is staffed by staff[i % len(staff)] and staff[(i + 1) % len(staff)]


_SURNAMES = "王李张刘陈杨赵黄周吴徐孙朱马胡郭何高林罗"
_GIVEN = "芳伟敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def _names(first: int, n: int) -> tuple[str, ...]:
    return tuple(_SURNAMES[(first + i) % 20] + _GIVEN[((first + i) * 7) % 20] for i in range(n))


DEMO_UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("县市场监督管理局", ("0557-8021001",), ("市场监管1号窗口", "市场监管2号窗口", "市场监管3号窗口"),
             ("营业执照设立登记", "营业执照变更登记", "食品经营许可"), _names(0, 4)),
    UnitSpec("县人力资源和社会保障局", ("0557-8021002", "0557-8021012"), ("社保1号窗口", "社保2号窗口"),
             ("社会保障卡补办", "城乡居民养老保险参保登记", "失业保险金申领"), _names(4, 3)),
    UnitSpec("县公安局", ("0557-8021003",), ("户政1号窗口", "户政2号窗口"),
             ("户口迁移", "居民身份证申领"), _names(7, 3)),
    UnitSpec("县不动产登记中心", ("0557-8021004",),
             ("不动产1号窗口", "不动产2号窗口", "不动产3号窗口", "不动产4号窗口"),
             ("不动产转移登记", "不动产抵押登记", "不动产权证书补发"), _names(10, 5)),
    UnitSpec("县医疗保障局", ("0557-8021005",), ("医保1号窗口",), ("异地就医备案", "医疗费用报销"), _names(15, 2)),
    UnitSpec("县税务局", ("0557-8021007",), ("税务1号窗口", "税务2号窗口"),
             ("发票领用", "税务登记"), _names(17, 3)),
    UnitSpec("砀城镇为民服务中心", ("0557-8021006",), ("综合窗口1", "综合窗口2"),
             ("最低生活保障申请", "老年优待证办理", "残疾人两项补贴申请"), _names(2, 2)),
)
DEMO_SILENT_LINE = "0557-8021005"
DEMO_NEGLECTED_WINDOW = ("县不动产登记中心", "不动产3号窗口")

# Relative volume by hour of the day (minutes are drawn uniformly within the hour).
CALL_HOURS = {8: 0.1, 9: 1.6, 10: 1.5, 11: 1.1, 12: 0.15, 13: 0.3, 14: 1.3, 15: 1.3, 16: 1.0, 17: 0.1}
RATING_HOURS = {9: 1.2, 10: 1.4, 11: 1.2, 13: 0.5, 14: 1.2, 15: 1.2, 16: 0.9}
MONTHS = {1: 1.25, 2: 1.0, 3: 1.15, 4: 1.0, 5: 1.0, 6: 0.95, 7: 0.85, 8: 0.85, 9: 1.0, 10: 0.95, 11: 1.0, 12: 1.1}
WEEKDAYS = {0: 1.3, 1: 1.1, 2: 1.0, 3: 1.0, 4: 0.9, 5: 0.8, 6: 0.8}  # 调休 weekends are quiet

LEVELS_NORMAL = {5: 0.86, 4: 0.09, 3: 0.03, 2: 0.013, 1: 0.007}
LEVELS_NEGLECTED = {5: 0.70, 4: 0.12, 3: 0.08, 2: 0.06, 1: 0.04}
CHANNELS = {"评价器": 0.7, "政务服务网": 0.1, "移动端": 0.12, "短信": 0.08}
GOOD_COMMENTS = ("服务热情，办理很快", "一次就办好了", "工作人员很耐心", "指引清楚", "点赞")
BAD_COMMENTS = ("排队等了两个多小时", "工作人员态度差，不耐烦", "材料要求一次没说清，跑了三趟",
                "窗口人员离岗，无人办理", "系统故障，让明天再来", "要求提供的证明太多", "电话一直打不通")


def _open(hour: int, minute: int) -> bool:
    return 9 <= hour < 12 or (hour == 13 and minute >= 30) or 14 <= hour < 17


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count with the given mean, drawn from `rng` (the demo's halls use it too)."""
    if mean > 30:  # normal approximation; Knuth's method underflows for large means
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _pick(rng: random.Random, weights: dict[Any, float]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _open_days(start: dt.date, end: dt.date) -> list[tuple[dt.date, float]]:
    """Working days from start to end with their volume factor."""
    days: list[tuple[dt.date, float]] = []
    day, closed_before = start, 0
    while day <= end:
        if is_workday(day):
            factor = MONTHS[day.month] * WEEKDAYS[day.weekday()] * (1.5 if closed_before >= 3 else 1.0)
            days.append((day, factor))
            closed_before = 0
        else:
            closed_before += 1
        day += dt.timedelta(days=1)
    return days


def _time(rng: random.Random, day: dt.date, hours: dict[int, float]) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(_pick(rng, hours), rng.randrange(60), rng.randrange(60)))


def _fmt(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def _period(year: int, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    return start or dt.date(year, 1, 1), end or dt.date(year, 12, 31)


def generate_calls(units: Sequence[UnitSpec] = DEMO_UNITS, *, year: int = 2025, seed: int = 9,
                   start: dt.date | None = None, end: dt.date | None = None,
                   silent_line: str | None = DEMO_SILENT_LINE, calls_per_line_day: float = 14.0) -> list[Row]:
    rng = random.Random(f"calls-{seed}")
    days = _open_days(*_period(year, start, end))
    rows: list[Row] = []
    for unit in units:
        for line in unit.lines:
            silent = line == silent_line
            # each ordinary line answers 98–99.5% in opening hours; lunch and after hours are patchier
            p_open = 0.35 if silent else rng.uniform(0.98, 0.995)
            p_closed = 0.05 if silent else 0.7
            for day, factor in days:
                for _ in range(poisson(rng, calls_per_line_day * factor)):
                    t = _time(rng, day, CALL_HOURS)
                    answered = rng.random() < (p_open if _open(t.hour, t.minute) else p_closed)
                    if answered:
                        outcome = _pick(rng, {"answered": 0.93, "hung_up": 0.03, "wrong_unit": 0.04})
                        ring = max(1, int(rng.gammavariate(2.0, 8.0 if silent else 3.5)))
                        talk = rng.randint(3, 20) if outcome == "hung_up" else max(10, int(rng.gammavariate(2.0, 60)))
                    else:
                        outcome = "busy" if rng.random() < 0.25 else "no_answer"
                        ring, talk = (0 if outcome == "busy" else rng.randint(30, 60)), 0
                    rows.append({"line": line, "unit": unit.name, "started_at": t, "answered": int(answered),
                                 "ring_seconds": ring, "talk_seconds": talk, "outcome": outcome})
    rows.sort(key=lambda r: (r["started_at"], r["line"]))
    for n, r in enumerate(rows, 1):
        r["call_id"] = f"C{year}{n:07d}"
        r["started_at"] = _fmt(r["started_at"])
    return [{k: r[k] for k in CALL_FIELDS} for r in rows]


def _reply_day(day: dt.date, workdays: int) -> dt.date:
    try:
        return add_workdays(day, workdays)
    except CalendarUnavailable:  # beyond the calendar's years: weekends only, good enough for fake data
        while workdays:
            day += dt.timedelta(days=1)
            workdays -= day.weekday() < 5
        return day


def _handled(rng: random.Random, rated: dt.datetime, neglected: bool) -> str:
    roll = rng.random()
    if neglected and roll < 0.6:
        return ""  # never answered
    late = roll < (0.85 if neglected else 0.04)
    wait = rng.randint(6, 12) if late else rng.choice((0, 1, 1, 2, 2, 3, 4, 5))
    day = _reply_day(rated.date(), wait)
    at = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.randrange(60), rng.randrange(60)))
    return _fmt(max(at, rated + dt.timedelta(minutes=30)))


def generate_ratings(units: Sequence[UnitSpec] = DEMO_UNITS, *, year: int = 2025, seed: int = 9,
                     start: dt.date | None = None, end: dt.date | None = None,
                     neglected_window: tuple[str, str] | None = DEMO_NEGLECTED_WINDOW,
                     ratings_per_window_day: float = 6.0) -> list[Row]:
    rng = random.Random(f"ratings-{seed}")
    days = _open_days(*_period(year, start, end))
    rows: list[Row] = []
    for unit in units:
        for i, window in enumerate(unit.windows):
            neglected = (unit.name, window) == neglected_window
            staff = (unit.staff[i % len(unit.staff)], unit.staff[(i + 1) % len(unit.staff)])
            levels = LEVELS_NEGLECTED if neglected else LEVELS_NORMAL
            for day, factor in days:
                for _ in range(poisson(rng, ratings_per_window_day * factor)):
                    t = _time(rng, day, RATING_HOURS)
                    level = _pick(rng, levels)
                    bad = level <= 2
                    comment = rng.choice(BAD_COMMENTS) if bad else (
                        rng.choice(GOOD_COMMENTS) if rng.random() < 0.25 else "")
                    rows.append({"unit": unit.name, "window": window, "item": rng.choice(unit.items),
                                 "staff": staff[0] if rng.random() < 0.7 else staff[1],
                                 "channel": _pick(rng, CHANNELS), "rated_at": t, "level": level,
                                 "comment": comment, "handled_at": _handled(rng, t, neglected) if bad else ""})
    rows.sort(key=lambda r: (r["rated_at"], r["unit"], r["window"]))
    for n, r in enumerate(rows, 1):
        r["rating_id"] = f"R{year}{n:07d}"
        r["rated_at"] = _fmt(r["rated_at"])
    return [{k: r[k] for k in RATING_FIELDS} for r in rows]


def generate(units: Sequence[UnitSpec] = DEMO_UNITS, *, year: int = 2025, seed: int = 9) -> dict[str, list[Row]]:
    """The demo's year: {"calls": [...], "ratings": [...]}, the same for the same arguments."""
    return {"calls": generate_calls(units, year=year, seed=seed),
            "ratings": generate_ratings(units, year=year, seed=seed)}


def _chinese_headers(fields: Sequence[str]) -> dict[str, str]:
    columns = {c.name: c for c in (*calls_mod.COLUMNS, *ratings_mod.COLUMNS)}
    return {f: columns[f].aliases[0] for f in fields}


def to_csv(rows: Iterable[Row], *, fields: Sequence[str] | None = None, chinese_headers: bool = False,
           encoding: str = "utf-8") -> bytes:
    """The rows as a CSV file (e.g. encoding="gbk", chinese_headers=True, as many halls export)."""
    rows = list(rows)
    names = list(fields or (rows[0].keys() if rows else ()))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = _chinese_headers(names) if chinese_headers else {f: f for f in names}
    writer.writerow([header[f] for f in names])
    for r in rows:
        writer.writerow([r.get(f, "") for f in names])
    return out.getvalue().encode(encoding)
