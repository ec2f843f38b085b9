"""Read the tables counties export (CSV in UTF-8 or GBK, XLSX, XLS) into rows of text.

Headers may be the English field names or their Chinese names; each reader declares
its columns once and gets rows keyed by the English name. Any fault is an InputError
naming the file, row and column; nothing is half-read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .common import InputError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def labels(self) -> set[str]:
        return {norm_header(x) for x in (self.name, *self.aliases)}


@dataclass
class Table:
    file: str
    rows: list[dict[str, str]]
    row_numbers: list[int]  # the spreadsheet row number of each entry in rows
    columns: list[str]  # canonical names found
    ignored_columns: list[str] = field(default_factory=list)
    sheet: str | None = None

    def error(self, index: int, column: str | None, message: str) -> InputError:
        return InputError(message, file=self.file, row=self.row_numbers[index], column=column,
                          sheet=self.sheet)


def norm_header(text: str) -> str:
    """A header as compared with column names: no spaces, lower case, half-width brackets."""
    return "".join(str(text).split()).lower().replace("（", "(").replace("）", ")")


_norm_header = norm_header  # the older private name, still imported elsewhere


def decode_text(data: bytes, *, file: str) -> str:
    """UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文件编码：请保存为 UTF-8 或 GBK 编码", file=file)


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees (dates as YYYY-MM-DD HH:MM:SS)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()


def _grid_from_csv(data: bytes, file: str) -> list[list[str]]:
    text = decode_text(data, file=file)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    try:
        return [[c.strip() for c in row] for row in reader]
    except csv.Error as exc:  # e.g. a stray carriage return or NUL inside a field
        raise InputError(f"CSV 格式错误：{exc}", file=file, row=reader.line_num) from exc


def _grid_from_spreadsheet(data: bytes, file: str, sheet: str | None) -> tuple[list[list[str]], str]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several types for a broken file
        raise InputError(f"无法读取电子表格：{exc}", file=file) from exc
    names = wb.sheet_names
    if not names:
        raise InputError("电子表格中没有工作表", file=file)
    name = sheet if sheet is not None else names[0]
    if name not in names:
        raise InputError(f"找不到工作表“{name}”（现有：{'、'.join(names)}）", file=file)
    rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return [[cell_text(c) for c in row] for row in rows], name


def read_grid(data: bytes, *, file: str, sheet: str | None = None) -> tuple[list[list[str]], str | None]:
    """The raw cells of a CSV or the named (or first) sheet of a workbook."""
    if not data or not data.strip():
        raise InputError("文件为空", file=file)
    if Path(file).suffix.lower() in SPREADSHEET_SUFFIXES or data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        return _grid_from_spreadsheet(data, file, sheet)
    return _grid_from_csv(data, file), None


def read_table(
    data: bytes,
    *,
    file: str,
    columns: Sequence[Column],
    sheet: str | None = None,
) -> Table:
    grid, sheet_name = read_grid(data, file=file, sheet=sheet)
    return table_from_grid(grid, file=file, columns=columns, sheet=sheet_name)


def table_from_grid(
    grid: list[list[str]],
    *,
    file: str,
    columns: Sequence[Column],
    sheet: str | None = None,
) -> Table:
    """Rows of cells (the first row with text is the header) → a Table, as read_table does for a file."""
    sheet_name = sheet
    # The header is the first row with any text in it.
    start = next((i for i, r in enumerate(grid) if any(c for c in r)), None)
    if start is None:
        raise InputError("文件为空", file=file, sheet=sheet_name)
    header = grid[start]
    by_label: dict[str, Column] = {}
    for col in columns:
        for label in col.labels():
            by_label[label] = col
    index: dict[str, int] = {}
    ignored: list[str] = []
    for i, raw in enumerate(header):
        if not raw:
            continue
        found = by_label.get(norm_header(raw))
        if found is None:
            ignored.append(raw)
        elif found.name in index:
            raise InputError(f"列“{raw}”重复出现", file=file, sheet=sheet_name, row=start + 1, column=raw)
        else:
            index[found.name] = i
    missing = [c for c in columns if c.required and c.name not in index]
    if missing:
        names = "、".join(f"{c.name}（{c.aliases[0]}）" if c.aliases else c.name for c in missing)
        raise InputError(f"缺少必需的列：{names}", file=file, sheet=sheet_name, row=start + 1,
                         column=missing[0].name)
    rows: list[dict[str, str]] = []
    numbers: list[int] = []
    for n, raw_row in enumerate(grid[start + 1:], start=start + 2):
        if not any(c for c in raw_row):
            continue
        rows.append({name: (raw_row[i] if i < len(raw_row) else "") for name, i in index.items()})
        numbers.append(n)
    return Table(file=file, rows=rows, row_numbers=numbers, columns=list(index), ignored_columns=ignored,
                 sheet=sheet_name)


DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M",
                    "%Y-%m-%dT%H:%M:%S")


def parse_datetime(value: str, *, table: Table, index: int, column: str) -> dt.datetime | None:
    """Local time as written (naive). Empty → None."""
    value = value.strip()
    if not value:
        return None
    for fmt in DATETIME_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise table.error(index, column, f"时间“{value}”无法识别，应为 YYYY-MM-DD HH:MM:SS")


def parse_int(value: str, *, table: Table, index: int, column: str, default: int | None = None) -> int | None:
    value = value.strip()
    if not value:
        return default
    try:
        return int(float(value))
    except ValueError:
        raise table.error(index, column, f"“{value}”不是整数") from None


TRUE_WORDS = {"1", "true", "yes", "y", "是", "已接听", "接通"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "未接听", "未接通"}


def parse_bool(value: str, *, table: Table, index: int, column: str) -> bool:
    v = value.strip().lower()
    if v in TRUE_WORDS:
        return True
    if v in FALSE_WORDS:
        return False
    raise table.error(index, column, f"“{value}”应为 1 或 0")


def choice(value: str, *, table: Table, index: int, column: str, mapping: dict[str, str],
           default: str | None = None) -> str:
    """Map an English or Chinese code word to its English code."""
    v = value.strip()
    if not v:
        if default is None:
            raise table.error(index, column, "不能为空")
        return default
    key = v.lower()
    if key in mapping:
        return mapping[key]
    allowed = "、".join(sorted(set(mapping)))
    raise table.error(index, column, f"“{v}”不是允许的值（{allowed}）")


def read_path(path: str | Path) -> bytes:
    p = Path(path)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法打开文件：{exc.strerror}", file=str(path)) from exc


def iter_nonempty(values: Iterable[str]) -> list[str]:
    return [v for v in values if v]
