"""What the record reports (calls.py, ratings.py) share: reading a table into records, refusing an
id seen twice, and how their figures show shares and periods.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from .common import InputError
from .tabular import Column, Table, read_table


class Record(Protocol):
    @property
    def file(self) -> str: ...

    @property
    def row(self) -> int: ...


def ensure_unique[R: Record](records: Iterable[R], *, column: str, label: str) -> None:
    """Refuse a value of `column` (the record's id) seen twice, also across files, naming the
    second occurrence and where the first one stands; `label` is the id's Chinese name."""
    seen: dict[str, R] = {}
    for record in records:
        value = getattr(record, column)
        first = seen.setdefault(value, record)
        if first is not record:
            where = f"第 {first.row} 行" if first.file == record.file else f"文件 {first.file} 第 {first.row} 行"
            raise InputError(f"{label}“{value}”重复（{where}已出现）", file=record.file, row=record.row,
                             column=column)


def load_records[R: Record](data: bytes, *, file: str, sheet: str | None, columns: Sequence[Column],
                 record: Callable[[Table, int], R], ensure_unique_ids: Callable[[list[R]], None]) -> list[R]:
    """Every row of a CSV (UTF-8/GBK) or XLSX file as a record; any bad cell is an InputError."""
    table = read_table(data, file=file, columns=columns, sheet=sheet)
    records = [record(table, i) for i in range(len(table.rows))]
    ensure_unique_ids(records)
    return records


def rounded(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


def pct(x: float) -> str:
    """A share as a percentage rounded DOWN to 0.1%, so 94.96% never reads as 95.0%."""
    return f"{math.floor(x * 1000 + 1e-9) / 10:.1f}%"


def period_dict(first: dt.datetime | None, last: dt.datetime | None) -> dict[str, str | None]:
    return {"from": first.date().isoformat() if first else None,
            "to": last.date().isoformat() if last else None}
