"""A holiday schedule as a small table — date, 休/班, name — from a file (CSV, XLSX) or pasted text.

    日期          类型   名称
    2027-02-05    休     2027年春节
    2027-02-05至2027-02-13  休  2027年春节      (a range: one row for every day in it)
    2027-02-20    班     春节调休上班

- The header row is optional: without one the columns are read as date, kind, name (and a
  fourth, 星期, if present). With one, the columns may come in any order and be named in
  English (date, kind, name, weekday) or Chinese (日期, 类型 or 休/班, 名称, 星期).
- Dates: 2027-02-06, 2027/2/6, 2027.2.6, 2027年2月6日, each optionally followed by the weekday
  in brackets as the State Council writes it (2月6日（星期六）); a spreadsheet's date cells too.
  Ranges: A至B, A~B, A—B; B may leave out the year (2027年2月5日至13日).
- Kinds: 休 (放假, 假, 休息, holiday) or 班 (上班, 补班, 调休上班, workday).
- A weekday column, if given, must agree with the date (a typo in the date is caught).

Reading is all-or-nothing: any fault is an InputError naming the file, row and column, and
nothing is returned. Input is bounded before it is read (bytes, unzipped bytes, rows, range length).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from .common import InputError
from .tabular import Column, Table, norm_header, read_grid, table_from_grid
from .workdays import HOLIDAY, WORKDAY, DayRule

MAX_BYTES = 1_000_000  # a year's schedule is a few hundred bytes
MAX_UNZIPPED_BYTES = 20_000_000  # an xlsx is a zip: refuse a bomb before unpacking it
MAX_ROWS = 2000
MAX_RANGE_DAYS = 62  # the longest holiday is about nine days; two months catches a typo
MAX_NAME = 50
YEARS = range(2000, 2101)

COLUMNS = [
    Column("date", ("日期", "时间", "日期（起止）")),
    Column("kind", ("类型", "休/班", "休班", "安排", "放假/上班", "类别")),
    Column("name", ("名称", "节日", "节假日", "说明", "假日名称")),
    Column("weekday", ("星期", "周几"), required=False),
]
LABELS = {"date": "日期", "kind": "类型", "name": "名称", "weekday": "星期"}

KIND_WORDS = {
    "休": HOLIDAY, "放假": HOLIDAY, "假": HOLIDAY, "休息": HOLIDAY, "休假": HOLIDAY, "节假日": HOLIDAY,
    "holiday": HOLIDAY, "off": HOLIDAY,
    "班": WORKDAY, "上班": WORKDAY, "补班": WORKDAY, "调休上班": WORKDAY, "工作日": WORKDAY,
    "workday": WORKDAY, "work": WORKDAY,
}
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
            "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_NAMES = "一二三四五六日"

_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DAY = re.compile(r"^(\d{1,2})\s*日?$")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_TIME = re.compile(r"\s+0{1,2}:00(:00)?$")
_RANGE = re.compile(r"\s*(?:至|到|~|～|—|–)\s*")


def read_schedule(data: bytes, *, file: str) -> list[DayRule]:
    """A schedule file (CSV in UTF-8 or GBK, XLSX, XLS) → its days, in date order."""
    if len(data) > MAX_BYTES:
        raise InputError(f"文件太大（{len(data) / 1e6:.1f} MB），节假日安排表不超过 {MAX_BYTES / 1e6:.0f} MB",
                         file=file)
    if data[:4] == b"PK\x03\x04":
        _check_zip(data, file)
    grid, sheet = read_grid(data, file=file)
    return schedule_rows(_table(grid, file=file, sheet=sheet))


def parse_schedule_text(text: str, *, source: str = "粘贴的内容") -> list[DayRule]:
    """Pasted text (from a spreadsheet: tab-separated; or commas, or spaces) → its days."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError(f"内容太多，节假日安排表不超过 {MAX_BYTES / 1e6:.0f} MB", file=source)
    grid = [_split_line(line) for line in text.splitlines()]
    if not any(any(c for c in row) for row in grid):
        raise InputError("没有填写内容", file=source)
    return schedule_rows(_table(grid, file=source, sheet=None))


def _check_zip(data: bytes, file: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile as exc:
        raise InputError(f"无法读取电子表格：{exc}", file=file) from exc
    if unpacked > MAX_UNZIPPED_BYTES:
        raise InputError(f"电子表格解压后太大（{unpacked / 1e6:.0f} MB），上限 {MAX_UNZIPPED_BYTES / 1e6:.0f} MB",
                         file=file)


def _split_line(line: str) -> list[str]:
    if "\t" in line:
        cells = line.split("\t")
    elif "," in line or "，" in line:
        cells = re.split(r"[,，]", line)
    else:
        cells = line.split(maxsplit=2)
    return [c.strip() for c in cells]


def _is_header(row: list[str]) -> bool:
    labels = set().union(*(c.labels() for c in COLUMNS))
    return any(norm_header(c) in labels for c in row if c)


def _table(grid: list[list[str]], *, file: str, sheet: str | None) -> Table:
    """The grid as a Table: by its header if it has one, else by position (date, kind, name, weekday)."""
    start = next((i for i, r in enumerate(grid) if any(c for c in r)), None)
    if start is None:
        raise InputError("文件为空", file=file, sheet=sheet)
    if len(grid) - start > MAX_ROWS + 1:
        raise InputError(f"行数太多（{len(grid) - start} 行），节假日安排表最多 {MAX_ROWS} 行", file=file, sheet=sheet)
    if _is_header(grid[start]):
        try:
            table = table_from_grid(grid, file=file, columns=COLUMNS, sheet=sheet)
        except InputError:  # name the column in Chinese, as the header does
            found = {norm_header(c) for c in grid[start]}
            missing = [LABELS[c.name] for c in COLUMNS if c.required and not (c.labels() & found)]
            if not missing:
                raise
            raise InputError(f"缺少必需的列：{'、'.join(missing)}（表头应为：日期、类型（休/班）、名称）",
                             file=file, sheet=sheet, row=start + 1, column=missing[0]) from None
        if table.ignored_columns:
            raise InputError(f"不认识的列：{'、'.join(table.ignored_columns)}（可用的列：日期、类型（休/班）、名称、星期）",
                             file=file, sheet=sheet, row=start + 1, column=table.ignored_columns[0])
        return table
    names = ["date", "kind", "name", "weekday"]
    rows: list[dict[str, str]] = []
    numbers: list[int] = []
    for n, raw in enumerate(grid, start=1):
        if not any(c for c in raw):
            continue
        cells = list(raw)
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > len(names):
            raise InputError(f"这一行有 {len(cells)} 列，最多 4 列：日期、类型（休/班）、名称、星期",
                             file=file, sheet=sheet, row=n, column=f"第 {len(names) + 1} 列")
        rows.append({name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names)})
        numbers.append(n)
    return Table(file=file, rows=rows, row_numbers=numbers, columns=names, sheet=sheet)


def schedule_rows(table: Table) -> list[DayRule]:
    """Check every row; the days in date order. A date given twice (even inside ranges) is refused."""
    seen: dict[dt.date, int] = {}
    out: list[DayRule] = []
    for i, row in enumerate(table.rows):
        days = _dates(row.get("date", ""), table, i)
        kind = _kind(row.get("kind", ""), table, i)
        name = row.get("name", "").strip()
        if not name:
            raise table.error(i, LABELS["name"], "名称不能为空（例如：2027年春节、春节调休上班）")
        if len(name) > MAX_NAME:
            raise table.error(i, LABELS["name"], f"名称太长（{len(name)} 个字），最多 {MAX_NAME} 个字")
        weekday = row.get("weekday", "").strip()
        if weekday:
            _check_weekday(weekday, days, table, i)
        for day in days:
            if day in seen:
                raise table.error(i, LABELS["date"], f"日期 {day.isoformat()} 重复：第 {seen[day]} 行已经填写过")
            seen[day] = table.row_numbers[i]
            out.append(DayRule(day, kind, name))
    if not out:
        raise InputError("表中没有任何日期", file=table.file, sheet=table.sheet)
    return sorted(out, key=lambda r: r.day)


def _kind(value: str, table: Table, i: int) -> str:
    v = value.strip().lower()
    if not v:
        raise table.error(i, LABELS["kind"], "类型不能为空：填“休”（放假）或“班”（上班）")
    if v in KIND_WORDS:
        return KIND_WORDS[v]
    raise table.error(i, LABELS["kind"], f"类型“{value.strip()}”无法识别：填“休”（放假）或“班”（上班）")


def _dates(value: str, table: Table, i: int) -> list[dt.date]:
    text = _TIME.sub("", _BRACKETS.sub("", value.strip())).strip()
    if not text:
        raise table.error(i, LABELS["date"], "日期不能为空")
    parts = _RANGE.split(text)
    if len(parts) > 2 or not all(parts):
        raise table.error(i, LABELS["date"], f"日期“{value.strip()}”无法识别，应为 2027-02-06 或 2027-02-05至2027-02-13")
    first = _date(parts[0], None, value, table, i)
    if len(parts) == 1:
        return [first]
    last = _date(parts[1], first, value, table, i)
    if last < first:
        raise table.error(i, LABELS["date"], f"日期范围“{value.strip()}”的结束日早于开始日")
    length = (last - first).days + 1
    if length > MAX_RANGE_DAYS:
        raise table.error(i, LABELS["date"], f"日期范围“{value.strip()}”长达 {length} 天，一行最多 {MAX_RANGE_DAYS} 天")
    return [first + dt.timedelta(days=k) for k in range(length)]


def _date(text: str, start: dt.date | None, value: str, table: Table, i: int) -> dt.date:
    text = text.strip()
    y = m = d = None
    if match := _FULL.match(text):
        y, m, d = (int(g) for g in match.groups())
    elif start is not None and (match := _MONTH_DAY.match(text)):
        y, (m, d) = start.year, (int(g) for g in match.groups())
    elif start is not None and (match := _DAY.match(text)):
        y, m, d = start.year, start.month, int(match.group(1))
    if y is None or m is None or d is None:
        raise table.error(i, LABELS["date"], f"日期“{value.strip()}”无法识别，应为 2027-02-06 或 2027年2月6日")
    try:
        day = dt.date(y, m, d)
    except ValueError:
        raise table.error(i, LABELS["date"], f"日期“{value.strip()}”不存在") from None
    if day.year not in YEARS:
        raise table.error(i, LABELS["date"], f"日期“{value.strip()}”的年份超出 {YEARS.start}–{YEARS.stop - 1} 年")
    return day


def _check_weekday(value: str, days: list[dt.date], table: Table, i: int) -> None:
    key = re.sub(r"^(星期|周|礼拜)", "", value.strip().lower())[:3]
    wanted = WEEKDAYS.get(key)
    if wanted is None:
        raise table.error(i, LABELS["weekday"], f"星期“{value.strip()}”无法识别，应为 星期一 … 星期日")
    if len(days) == 1 and days[0].weekday() != wanted:
        actual = WEEKDAY_NAMES[days[0].weekday()]
        raise table.error(i, LABELS["weekday"], f"{days[0].isoformat()} 是星期{actual}，不是“{value.strip()}”：请核对日期")
