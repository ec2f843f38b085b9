"""Reading the loosely typed values guides are written with: time limits, visits, fees, 'empty' words."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .hanzi import simplified
from .model import Days

# Words a department writes where it has nothing to say; they count as empty.
PLACEHOLDERS = frozenset({
    "", "无", "暂无", "没有", "空", "略", "-", "--", "—", "——", "/", "\\", "待定", "待补充", "未提供",
    "不提供", "无需", "无须", "不需要", "null", "none", "n/a", "na", "nil", "0",
})
_STRIP = " \t\r\n　。．.，,；;：:、（）()\"“”'‘’"


def is_empty(text: str) -> bool:
    """Nothing written, or only a placeholder such as 无/暂无/—/。"""
    if len(text) > 4 and text[0] not in _STRIP and text[-1] not in _STRIP:
        return False  # longer than any placeholder (the common case, decided without copying)
    return text.strip(_STRIP).lower() in PLACEHOLDERS


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}


def cn_int(text: str) -> int:
    """二十 → 20, 十五 → 15, 一百二十 → 120, 三 → 3 (enough for time limits and visits)."""
    total = num = 0
    for ch in text:
        if ch in _CN_DIGITS:
            num = _CN_DIGITS[ch]
        elif ch == "十":
            total += (num or 1) * 10
            num = 0
        elif ch == "百":
            total += (num or 1) * 100
            num = 0
    return total + num


_NUMBER = r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)"
_DAYS_RE = re.compile(_NUMBER + r"\s*[个個]?\s*[（(]?\s*(工作日|自然日|个月|月|日|天|小时|分钟)?")
IMMEDIATE_RE = re.compile(r"即办|即时办结|即时办理|当场办结|当场|立即办结|即来即办|当日办结|当天办结")
NO_LIMIT_RE = re.compile(r"^(?:无|没有|不涉及|无法定时限|无规定|法律未规定|未规定)")
_IMMEDIATE_RE, _NO_LIMIT_RE = IMMEDIATE_RE, NO_LIMIT_RE


def _number(token: str) -> float:
    return float(token) if token[0].isdigit() else float(cn_int(token))


@lru_cache(maxsize=4096)
def parse_days(text: str) -> Days:
    """“20个工作日” → 20 workdays; “30日” → 30 days; “即办” → 0; “无” → no figure.

    Real guides mix the forms: “20（工作日）”, “自受理之日起30个工作日”, “２０个工作日” (full-width),
    “30個工作日” (traditional), “2小时” (a fraction of a natural day, never a bare number of days)."""
    t = simplified(text)
    if _NO_LIMIT_RE.match(t.strip()):
        return Days(text)
    m = _DAYS_RE.search(t)
    if m is None:
        return Days(text, 0.0, "") if _IMMEDIATE_RE.search(t) else Days(text)
    value = _number(m.group(1))
    unit_word = m.group(2) or ""
    if unit_word == "工作日":
        return Days(text, value, "workday")
    if unit_word in ("个月", "月"):
        return Days(text, value * 30, "day")
    if unit_word == "小时":
        return Days(text, value / 24, "day")
    if unit_word == "分钟":
        return Days(text, value / 1440, "day")
    if unit_word and unit_word != "工作日" and "工作日" not in t:
        return Days(text, value, "day")
    return Days(text, value, "workday" if "工作日" in t else "")


def days_from_number(value: float) -> Days:
    """A time limit written as a bare number of days; ValueError if it is negative or not finite."""
    if not math.isfinite(value) or value < 0:
        raise ValueError("时限应为不小于 0 的天数")
    text = str(int(value)) if float(value).is_integer() else str(value)
    return Days(text, float(value), "")


def days_of(value: int | float | str | None) -> Days | None:
    """A time limit from its JSON value (number or text); None when absent or blank."""
    if value is None:
        return None
    if value.__class__ is str:
        return parse_days(value) if value.strip() else None  # type: ignore[union-attr]
    return days_from_number(value)  # type: ignore[arg-type]


def visits_of(value: int | str | None) -> tuple[int | None, str]:
    """Visits from the JSON value: (count or None, as written). ValueError if negative."""
    if value is None:
        return None, ""
    if value.__class__ is int:
        if value < 0:  # type: ignore[operator]
            raise ValueError("到办事现场次数应为不小于 0 的整数")
        return value, str(value)  # type: ignore[return-value]
    text: str = value  # type: ignore[assignment]
    return (parse_visits(text) if text.strip() else None), text


def show_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


_ZERO_VISITS_RE = re.compile(r"不用跑|零跑|0跑|不见面|全程网办|无需到|无须到|不需要到|网上办理")
_VISITS_RE = re.compile(_NUMBER + r"\s*次?")


@lru_cache(maxsize=4096)
def parse_visits(text: str) -> int | None:
    """“1次” → 1, “一次” → 1, “最多跑一次” → 1, “零跑动” → 0; unreadable → None."""
    text = simplified(text)
    if _ZERO_VISITS_RE.search(text):
        return 0
    m = _VISITS_RE.search(text)
    if m is None:
        return None
    value = _number(m.group(1))
    return int(value) if value.is_integer() and value < 1000 else None


_FREE_RE = re.compile(r"不收费|免费|免收|免征|不收取|无需缴费|无须缴费|无收费|零收费|不涉及收费|无费用|不需缴费|"
                      r"^(?:无|否|零|不|0+(?:\.0+)?\s*元?)$")
_AMOUNT_RE = re.compile(r"(?:[1-9]\d*(?:\.\d+)?|0\.\d*[1-9]\d*)\s*(?:元|块|角)")


@lru_cache(maxsize=4096)
def is_free(fee: str) -> bool:
    """The fee field says nothing is charged (“不收费”, “免费”, “0”, “无”)."""
    t = fee.strip(_STRIP)
    return bool(_FREE_RE.search(t)) and not _AMOUNT_RE.search(t)


@lru_cache(maxsize=4096)
def fee_charged(fee: str) -> bool:
    """Something is charged: the field is written and does not say it is free."""
    return bool(fee.strip(_STRIP)) and not is_free(fee)
