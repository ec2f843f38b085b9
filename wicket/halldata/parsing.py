"""A log file (or an API push) → validated rows, through the pure analysis readers, and the names in
it mapped to registry halls (tickets) or org units (calls, ratings).

Everything here only reads: a fault is an InputError naming file, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from analysis.calls import Call as ACall
from analysis.calls import load_calls
from analysis.common import InputError
from analysis.queueing import load_tickets
from analysis.ratings import Rating as ARating
from analysis.ratings import load_ratings
from wicket.core.uploads import sniff
from wicket.orgs.models import Unit
from wicket.orgs.selectors import normalize_name, unit_resolver
from wicket.registry.models import Hall

from .models import Kind

TEXT_SUFFIXES = {".csv", ".txt"}
SHEET_SUFFIXES = {"zip": {".xlsx", ".xlsm"}, "ole": {".xls"}}

TICKET_FIELDS = ("ticket_id", "hall", "issued_at", "called_at", "started_at", "finished_at", "window", "item",
                 "holder", "channel", "queue", "status")
CALL_FIELDS = ("call_id", "line", "unit", "started_at", "answered", "ring_seconds", "talk_seconds", "outcome")
RATING_FIELDS = ("rating_id", "unit", "window", "item", "staff", "channel", "rated_at", "level", "comment",
                 "handled_at")
FIELDS = {Kind.TICKETS: TICKET_FIELDS, Kind.CALLS: CALL_FIELDS, Kind.RATINGS: RATING_FIELDS}


@dataclass
class Parsed:
    kind: str
    file: str
    tickets: pa.Table | None = None
    calls: list[ACall] = field(default_factory=list)
    ratings: list[ARating] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.tickets.num_rows if self.tickets is not None else len(self.calls) + len(self.ratings)

    def names(self) -> Counter:
        """Hall names (tickets) or unit names (calls, ratings) as written, with their row counts."""
        if self.tickets is not None:
            counts = pc.value_counts(self.tickets["hall"]).to_pylist()
            return Counter({c["values"]: c["counts"] for c in counts})
        return Counter(r.unit for r in (*self.calls, *self.ratings))

    def first_row_of(self, name: str) -> int | None:
        """The row (1-based, header = 1) where a name first appears, to point at it in an error."""
        if self.tickets is not None:
            idx = pc.index(self.tickets["hall"], name).as_py()
            return None if idx < 0 else idx + 2
        for r in (*self.calls, *self.ratings):
            if r.unit == name:
                return r.row
        return None

    def period(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        if self.tickets is not None:
            mm = pc.min_max(self.tickets["issued_at"]).as_py()
            return mm["min"], mm["max"]
        times = [c.started_at for c in self.calls] or [r.rated_at for r in self.ratings]
        return (min(times), max(times)) if times else (None, None)


def check_file(name: str, data: bytes) -> None:
    """A CSV by its name and text content, or a spreadsheet by its first bytes."""
    suffix = PurePath(name).suffix.lower()
    kind = sniff(data[:16])
    if kind in SHEET_SUFFIXES:
        if suffix not in SHEET_SUFFIXES[kind]:
            raise InputError("文件扩展名与内容不符（内容是 Excel 表格）", file=name)
        return
    if kind is not None or suffix not in TEXT_SUFFIXES:
        raise InputError("只接受 CSV（UTF-8 或 GBK 编码）、XLSX 或 XLS 文件", file=name)
    if b"\x00" in data[:4096]:
        raise InputError("文件不是文本格式的 CSV", file=name)


def parse(kind: str, data: bytes, *, file: str) -> Parsed:
    if not data:
        raise InputError("文件是空的", file=file)
    try:
        return _parse(kind, data, file=file)
    except csv.Error as exc:  # the reader's own complaint about a malformed CSV
        raise InputError(f"CSV 格式有误（{exc}）", file=file) from None


def _parse(kind: str, data: bytes, *, file: str) -> Parsed:
    if kind == Kind.TICKETS:
        parsed = Parsed(kind, file, tickets=load_tickets(data, file=file).table)
    elif kind == Kind.CALLS:
        parsed = Parsed(kind, file, calls=load_calls(data, file=file))
    elif kind == Kind.RATINGS:
        parsed = Parsed(kind, file, ratings=load_ratings(data, file=file))
    else:
        raise ValueError(kind)
    if parsed.rows == 0:
        raise InputError("文件中没有记录", file=file)
    check_text(parsed)
    return parsed


# What the tables hold: longer text is refused with its row and column rather than cut.
MAX_LENGTH = {
    Kind.TICKETS: {"ticket_id": 64, "window": 100, "item": 200, "holder": 100, "queue": 200},
    Kind.CALLS: {"call_id": 64, "line": 50},
    Kind.RATINGS: {"rating_id": 64, "window": 100, "item": 200, "staff": 50, "channel": 50, "comment": 5000},
}


def check_text(parsed: Parsed) -> None:
    limits = MAX_LENGTH[parsed.kind]
    if parsed.tickets is not None:
        for column, limit in limits.items():
            values = parsed.tickets[column].to_pylist()
            for i, v in enumerate(values):
                if v is not None and (len(v) > limit or "\x00" in v):
                    raise InputError(f"内容过长（超过 {limit} 个字符）或含有不可见的控制字符", file=parsed.file,
                                     row=i + 2, column=column)
        return
    for r in (*parsed.calls, *parsed.ratings):
        for column, limit in limits.items():
            v = getattr(r, column)
            if len(v) > limit or "\x00" in v:
                raise InputError(f"内容过长（超过 {limit} 个字符）或含有不可见的控制字符", file=parsed.file,
                                 row=r.row, column=column)


def rows_to_csv(kind: str, rows: Sequence[dict[str, Any]]) -> bytes:
    """Pushed JSON rows as the CSV the readers take, so an API push is checked exactly like a file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fields = FIELDS[kind]
    writer.writerow(fields)
    for i, r in enumerate(rows):
        writer.writerow(["" if r.get(f) is None else _cell(r.get(f), i, f) for f in fields])
    return out.getvalue().encode("utf-8")


def _cell(value: Any, index: int, column: str) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if column == "comment":
        text = " ".join(text.split())  # a comment's line breaks and tabs become spaces
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("含有无法识别的字符", row=index + 2, column=column) from None
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text):
        raise InputError("含有换行或不可见的控制字符", row=index + 2, column=column)
    return text


# ---------------------------------------------------------------- names → halls and units


def hall_resolver() -> Callable[[str], Hall | None]:
    """A hall as written → the registry Hall: its name, or its unit's name followed by its name.
    A name two halls share is ambiguous and resolves to nothing."""
    index: dict[str, list[Hall]] = {}
    for hall in Hall.objects.select_related("unit"):
        keys = {normalize_name(hall.name)} | {normalize_name(u + hall.name) for u in hall.unit.names()}
        for k in keys:
            index.setdefault(k, []).append(hall)

    def resolve(name: str) -> Hall | None:
        found = index.get(normalize_name(name), [])
        return found[0] if len(found) == 1 else None

    return resolve


@dataclass
class Resolution:
    mapping: dict[str, Any]  # name as written -> Hall or Unit
    unknown: dict[str, int]  # name -> rows

    @property
    def ok(self) -> bool:
        return not self.unknown


def resolve(parsed: Parsed, *, hall: Hall | None = None) -> Resolution:
    names = parsed.names()
    if parsed.kind == Kind.TICKETS and hall is not None:
        if len(names) > 1:
            raise InputError(f"文件中有 {len(names)} 个大厅（{'、'.join(sorted(names))}），不能全部归入所选的大厅“{hall.name}”；"
                             "请不指定大厅上传，或按大厅分开文件", file=parsed.file, column="hall")
        return Resolution({n: hall for n in names}, {})
    lookup: Callable[[str], Any] = hall_resolver() if parsed.kind == Kind.TICKETS else unit_resolver()
    mapping, unknown = {}, {}
    for name, n in sorted(names.items()):
        found = lookup(name)
        if found is None:
            unknown[name] = n
        else:
            mapping[name] = found
    return Resolution(mapping, unknown)


def unknown_error(parsed: Parsed, res: Resolution) -> InputError:
    name = next(iter(res.unknown))
    column = "hall" if parsed.kind == Kind.TICKETS else "unit"
    what = "大厅" if parsed.kind == Kind.TICKETS else "单位"
    names = "、".join(f"“{n}”" for n in res.unknown)
    return InputError(f"{what}名称 {names} 未能对应到已登记的{what}", file=parsed.file,
                      row=parsed.first_row_of(name), column=column)


def describe(target: Any) -> str:
    if isinstance(target, Hall):
        return f"{target.unit.display_name} · {target.name}"
    if isinstance(target, Unit):
        return target.display_name
    return str(target)
