"""Read queue-machine ticket logs (CSV UTF-8/GBK, XLSX, Parquet) into one validated TicketLog.

Every file goes through the same SQL normalisation (`_normalize_sql`), whether its text came from
analysis.tabular (GBK, Chinese headers, spreadsheets) or straight from DuckDB's CSV reader (the
fast path for large UTF-8 files with English headers). A fast-path file that fails any check is
re-read by the Python path, so the error a user sees always names the exact file, row and column.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from analysis.common import InputError
from analysis.tabular import Column, read_path, read_table

from .engine import connect, first_row

COLUMNS: tuple[Column, ...] = (
    Column("ticket_id", ("票号", "排队号")),
    Column("hall", ("大厅", "服务大厅")),
    Column("issued_at", ("取号时间",)),
    Column("called_at", ("叫号时间",)),
    Column("started_at", ("开始办理时间", "办理开始时间"), required=False),
    Column("finished_at", ("办结时间", "办理结束时间", "结束时间"), required=False),
    Column("window", ("窗口", "窗口号"), required=False),
    Column("item", ("事项", "事项名称")),
    Column("holder", ("取号人",), required=False),
    Column("channel", ("渠道",), required=False),
    Column("queue", ("队列",), required=False),
    Column("status", ("状态",)),
)
NAMES = tuple(c.name for c in COLUMNS)
TIME_COLUMNS = ("issued_at", "called_at", "started_at", "finished_at")

STATUS = {"served": "served", "已办理": "served", "已办结": "served", "办结": "served",
          "no_show": "no_show", "过号": "no_show", "未到": "no_show",
          "unserved": "unserved", "未叫号": "unserved", "未办理": "unserved",
          "cancelled": "cancelled", "canceled": "cancelled", "已取消": "cancelled", "取消": "cancelled"}
CHANNEL = {"onsite": "onsite", "现场": "onsite", "现场取号": "onsite",
           "appointment": "appointment", "预约": "appointment",
           "priority": "priority", "绿色通道": "priority", "优先": "priority"}
STATUS_LABEL = {"served": "已办理", "no_show": "过号", "unserved": "未叫号", "cancelled": "已取消"}
CHANNEL_LABEL = {"onsite": "现场", "appointment": "预约", "priority": "绿色通道"}

# Same formats as analysis.tabular.DATETIME_FORMATS, in DuckDB's strptime spelling.
_FORMATS = "['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y-%m-%dT%H:%M:%S']"

# The normalised schema every computation reads (Parquet files written by save_parquet hold it too).
SCHEMA = pa.schema([
    ("ticket_id", pa.string()), ("hall", pa.string()),
    ("issued_at", pa.timestamp("us")), ("called_at", pa.timestamp("us")),
    ("started_at", pa.timestamp("us")), ("finished_at", pa.timestamp("us")),
    ("window", pa.string()), ("item", pa.string()), ("holder", pa.string()),
    ("channel", pa.string()), ("queue", pa.string()), ("status", pa.string()),
])


def _sql_map(column: str, mapping: dict[str, str]) -> str:
    cases = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in mapping.items())
    return f"CASE lower({column}) {cases} END"


def _allowed(labels: dict[str, str]) -> str:
    return "、".join(f"{code}/{label}" for code, label in labels.items())


def _bad_time(col: str) -> str:
    return (f"WHEN {col}_s IS NOT NULL AND {col} IS NULL THEN "
            f"'{col}|时间“' || {col}_s || '”无法识别，应为 YYYY-MM-DD HH:MM:SS'")


def _normalize_sql(typed_times: bool) -> str:
    """Text columns (+ file_no, row) of relation `raw` → SCHEMA columns + `err` ('column|message').

    With `typed_times` the four time columns arrive as TIMESTAMP already (DuckDB's CSV reader
    parsed them with the first of _FORMATS; a file it cannot parse goes the Python way).
    """
    trimmed = []
    for n in NAMES:
        if typed_times and n in TIME_COLUMNS:
            trimmed.append(f"\"{n}\" AS {n}_t, CASE WHEN \"{n}\" IS NULL THEN NULL ELSE 'x' END AS {n}_s")
        else:
            trimmed.append(f"nullif(trim(CAST(\"{n}\" AS VARCHAR)), '') AS {n}_s")
    times = ",\n    ".join(f"{n}_t AS {n}" if typed_times else f"try_strptime({n}_s, {_FORMATS}) AS {n}"
                            for n in TIME_COLUMNS)
    return f"""
WITH s AS (
  SELECT file_no, "row",
    {", ".join(trimmed)}
  FROM raw
), p AS (
  SELECT *,
    {times},
    {_sql_map("channel_s", CHANNEL)} AS channel_code,
    {_sql_map("status_s", STATUS)} AS status_code
  FROM s
  WHERE NOT ({" AND ".join(f"{n}_s IS NULL" for n in NAMES)})
)
SELECT file_no, "row",
  ticket_id_s AS ticket_id, hall_s AS hall, issued_at, called_at, started_at, finished_at,
  window_s AS "window", item_s AS item, holder_s AS holder,
  coalesce(channel_code, 'onsite') AS channel, coalesce(queue_s, item_s) AS queue,
  status_code AS status,
  CASE
    WHEN ticket_id_s IS NULL THEN 'ticket_id|不能为空'
    WHEN hall_s IS NULL THEN 'hall|不能为空'
    WHEN issued_at_s IS NULL THEN 'issued_at|不能为空'
    {_bad_time("issued_at")}
    {_bad_time("called_at")}
    {_bad_time("started_at")}
    {_bad_time("finished_at")}
    WHEN item_s IS NULL THEN 'item|不能为空'
    WHEN channel_s IS NOT NULL AND channel_code IS NULL
      THEN 'channel|“' || channel_s || '”不是允许的值（{_allowed(CHANNEL_LABEL)}）'
    WHEN status_s IS NULL THEN 'status|不能为空'
    WHEN status_code IS NULL THEN 'status|“' || status_s || '”不是允许的值（{_allowed(STATUS_LABEL)}）'
    WHEN called_at < issued_at THEN 'called_at|叫号时间早于取号时间'
    WHEN started_at < called_at THEN 'started_at|开始办理时间早于叫号时间'
    WHEN finished_at < coalesce(started_at, called_at) THEN 'finished_at|办结时间早于开始办理时间'
    WHEN status_code IN ('served', 'no_show') AND called_at IS NULL
      THEN 'called_at|状态为已办理或过号，但没有叫号时间'
    WHEN status_code = 'unserved' AND called_at IS NOT NULL THEN 'called_at|状态为未叫号，却有叫号时间'
  END AS err
FROM p
"""
_OUT_COLUMNS = ", ".join(f'"{n}"' for n in SCHEMA.names)


@dataclass(frozen=True, eq=False)
class TicketLog:
    """A validated ticket log: an Arrow table in memory, or a Parquet dataset on disk.

    Parquet paths may be one file, a glob, or a directory written by `save_parquet`
    (partitioned by hall and month).
    """

    table: pa.Table | None = None
    parquet: str | None = None
    files: tuple[str, ...] = field(default_factory=tuple)

    def register(self, con: duckdb.DuckDBPyConnection, name: str = "tickets", *, materialize: bool = False) -> None:
        """Make the log visible to `con` as `name` with the normalised SCHEMA.

        With `materialize`, an in-memory log is copied into a DuckDB table (one copy, then every
        query reads DuckDB's own columns, which is several times faster than rescanning Arrow);
        a Parquet log always stays a view, so only the columns a query needs are read.
        """
        if self.table is not None:
            con.register(f"{name}_arrow", self.table)
            kind = "TABLE" if materialize else "VIEW"
            con.execute(f"CREATE OR REPLACE TEMP {kind} {name} AS SELECT {_OUT_COLUMNS} FROM {name}_arrow")
            if materialize:
                con.unregister(f"{name}_arrow")
        elif self.parquet is not None:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT {_OUT_COLUMNS} FROM {_parquet_scan(self.parquet)}")
        else:
            raise ValueError("TicketLog holds neither a table nor a Parquet path")

    def __len__(self) -> int:
        if self.table is not None:
            return self.table.num_rows
        con = connect()
        self.register(con)
        row = first_row(con, "SELECT count(*) FROM tickets")
        return int(row[0]) if row else 0


def parquet_files(files: Sequence[str | Path]) -> str:
    """The `parquet` of a TicketLog over exactly these files (a DuckDB list literal)."""
    return "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"


def _parquet_scan(path: str) -> str:
    p = Path(path)
    if path.startswith("['") and path.endswith("']"):  # made by parquet_files
        pattern = path
    else:
        pattern = str(p / "**" / "*.parquet") if p.is_dir() else path
        pattern = "'" + pattern.replace("'", "''") + "'"
    return (f"read_parquet({pattern}, hive_partitioning = true, union_by_name = true, "
            "hive_types = {'hall': VARCHAR, 'month': VARCHAR})")


# ---------------------------------------------------------------------------------------------
# The Python path: analysis.tabular gives text rows, DuckDB types and checks them.


def _raw_from_bytes(data: bytes, file: str, file_no: int, sheet: str | None) -> pa.Table:
    table = read_table(data, file=file, columns=COLUMNS, sheet=sheet)
    arrays = {name: pa.array([r.get(name) for r in table.rows] if name in table.columns
                             else [None] * len(table.rows), type=pa.string()) for name in NAMES}
    arrays["file_no"] = pa.array([file_no] * len(table.rows), type=pa.int32())
    arrays["row"] = pa.array(table.row_numbers, type=pa.int64())
    return pa.table(arrays)


def _validated(con: duckdb.DuckDBPyConnection, raw: pa.Table | duckdb.DuckDBPyRelation,
               files: Sequence[str], sheet: str | None = None, *, typed_times: bool = False) -> pa.Table:
    """Normalise `raw` (text columns + file_no + row); raise the first fault as an InputError."""
    if isinstance(raw, duckdb.DuckDBPyRelation):
        raw.create_view("raw")
    else:
        con.register("raw", raw)
    con.execute(f"CREATE OR REPLACE TEMP TABLE normalised AS {_normalize_sql(typed_times)}")
    bad = first_row(con, "SELECT file_no, \"row\", err FROM normalised WHERE err IS NOT NULL "
                      "ORDER BY file_no, \"row\" LIMIT 1")
    if bad:
        column, message = str(bad[2]).split("|", 1)
        raise InputError(message, file=files[bad[0]], row=bad[1], column=column, sheet=sheet)
    # Distinct hashes of every (hall, ticket_id) prove there is no duplicate (an integer count, much
    # cheaper than grouping the strings); only when two hashes meet are the strings compared.
    if first_row(con, "SELECT count(DISTINCT hash(hall, ticket_id)) < count(*) FROM normalised") == (True,) \
            and first_row(con, "SELECT 1 FROM normalised GROUP BY hall, ticket_id HAVING count(*) > 1 LIMIT 1"):
        dup = first_row(con, """
            SELECT file_no, "row", ticket_id, first_file, first_row FROM (
              SELECT file_no, "row", ticket_id,
                     first_value(file_no) OVER w AS first_file, first_value("row") OVER w AS first_row,
                     row_number() OVER w AS n
              FROM normalised
              WINDOW w AS (PARTITION BY hall, ticket_id ORDER BY file_no, "row"))
            WHERE n = 2 ORDER BY file_no, "row" LIMIT 1""")
        assert dup is not None
        where = f"第 {dup[4]} 行" if dup[3] == dup[0] else f"{files[dup[3]]} 第 {dup[4]} 行"
        raise InputError(f"票号“{dup[2]}”与{where}重复", file=files[dup[0]], row=dup[1],
                         column="ticket_id", sheet=sheet)
    # Row order carries no meaning for any result; keep file order only where it is known.
    order = "" if first_row(con, "SELECT count(\"row\") = 0 FROM normalised") == (True,) \
        else " ORDER BY file_no, \"row\""
    out = con.sql(f"SELECT {_OUT_COLUMNS} FROM normalised{order}").to_arrow_table()
    con.execute("DROP TABLE normalised")
    return out.cast(SCHEMA)


def load_tickets(data: bytes, *, file: str, sheet: str | None = None) -> TicketLog:
    """One uploaded file (CSV in UTF-8 or GBK, English or Chinese headers; XLSX; XLS)."""
    con = connect()
    table = _validated(con, _raw_from_bytes(data, file, 0, sheet), [file], sheet)
    return TicketLog(table=table, files=(file,))


def load_ticket_files(items: Iterable[tuple[str, bytes]]) -> TicketLog:
    """Several uploads as one log; ticket ids must be unique per hall across all of them."""
    items = list(items)
    files = [name for name, _ in items]
    raws = [_raw_from_bytes(data, name, i, None) for i, (name, data) in enumerate(items)]
    if not raws:
        raise InputError("没有提供排队叫号数据文件")
    con = connect()
    return TicketLog(table=_validated(con, pa.concat_tables(raws), files), files=tuple(files))


# ---------------------------------------------------------------------------------------------
# Paths: Parquet, the DuckDB fast path for big UTF-8 CSVs, anything else through bytes.


def _fast_csv(path: Path, file_no: int, con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation | None:
    """DuckDB's reader for a UTF-8 CSV whose headers are exactly the English names, with the
    times parsed as YYYY-MM-DD HH:MM:SS; None when the file is anything else."""
    if path.suffix.lower() not in (".csv", ".txt"):
        return None
    try:
        with path.open("rb") as fh:
            first = fh.readline(65536).decode("utf-8-sig").rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return None
    delimiter = max(",\t;", key=first.count)
    try:
        columns = next(csv.reader([first], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return None
    header = [c.strip().lower() for c in columns]
    if len(set(header)) != len(header) or not set(header) <= set(NAMES):
        return None
    if not {c.name for c in COLUMNS if c.required} <= set(header):
        return None
    types = {raw: ("TIMESTAMP" if name in TIME_COLUMNS else "VARCHAR") for raw, name in zip(columns, header, strict=True)}
    try:  # no sniffing: the header line says it all
        rel = con.read_csv(str(path), header=True, columns=types, delimiter=delimiter, quotechar='"',
                           escapechar='"', auto_detect=False, timestamp_format="%Y-%m-%d %H:%M:%S",
                           encoding="utf-8")
    except duckdb.Error:
        return None
    cols = [f'"{columns[header.index(n)]}" AS "{n}"' if n in header
            else f'NULL::{"TIMESTAMP" if n in TIME_COLUMNS else "VARCHAR"} AS "{n}"' for n in NAMES]
    return rel.project(", ".join(cols) + f", {file_no}::INTEGER AS file_no, NULL::BIGINT AS \"row\"")


def load_ticket_paths(paths_in: Sequence[str | Path]) -> TicketLog:
    """Files on disk (the CLI, the benchmark): CSV, XLSX/XLS, or Parquet (file, glob or directory)."""
    paths = [Path(p) for p in paths_in]
    if not paths:
        raise InputError("没有提供排队叫号数据文件")
    if all(p.is_dir() or p.suffix.lower() == ".parquet" or "*" in p.name for p in paths):
        if len(paths) != 1:
            raise InputError("一次只能读取一个 Parquet 数据集", file=str(paths[1]))
        return load_parquet(paths[0])
    con = connect()
    fast = [_fast_csv(p, i, con) for i, p in enumerate(paths)]
    if all(r is not None for r in fast):
        rel = fast[0]
        assert rel is not None
        for other in fast[1:]:
            assert other is not None
            rel = rel.union(other)
        try:
            table = _validated(con, rel, [str(p) for p in paths], typed_times=True)
            return TicketLog(table=table, files=tuple(str(p) for p in paths))
        except (InputError, duckdb.Error):
            pass  # re-read below: the Python path names the exact row of the fault
    return load_ticket_files((str(p), read_path(p)) for p in paths)


def load_parquet(path: str | Path, *, validate: bool = True) -> TicketLog:
    """A Parquet file, glob or hive-partitioned directory holding SCHEMA (see `save_parquet`).

    With `validate`, every ticket is checked by the same rules as a CSV upload (one extra scan);
    a dataset written by save_parquet was checked when it was written.
    """
    log = TicketLog(parquet=str(path), files=(str(path),))
    con = connect()
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {_parquet_scan(str(path))}").fetchall()
    except duckdb.Error as exc:
        raise InputError(f"无法读取 Parquet 数据：{exc}", file=str(path)) from exc
    types = {name: str(typ) for name, typ, *_ in described}
    for col in SCHEMA:
        want = "TIMESTAMP" if pa.types.is_timestamp(col.type) else "VARCHAR"
        if col.name not in types:
            raise InputError("缺少必需的列", file=str(path), column=col.name)
        if types[col.name] != want:
            raise InputError(f"列类型应为 {want}，实际为 {types[col.name]}", file=str(path), column=col.name)
    if validate:
        _validate_parquet(con, log)
    return log


def _validate_parquet(con: duckdb.DuckDBPyConnection, log: TicketLog) -> None:
    log.register(con, "pq")
    file = log.files[0]
    statuses = ", ".join(f"'{s}'" for s in STATUS_LABEL)
    channels = ", ".join(f"'{c}'" for c in CHANNEL_LABEL)
    bad = first_row(con, f"""
        SELECT ticket_id, CASE
          WHEN ticket_id IS NULL THEN 'ticket_id|不能为空'
          WHEN hall IS NULL THEN 'hall|不能为空'
          WHEN issued_at IS NULL THEN 'issued_at|不能为空'
          WHEN item IS NULL THEN 'item|不能为空'
          WHEN queue IS NULL THEN 'queue|不能为空'
          WHEN channel IS NULL OR channel NOT IN ({channels}) THEN 'channel|不是允许的值'
          WHEN status IS NULL OR status NOT IN ({statuses}) THEN 'status|不是允许的值'
          WHEN called_at < issued_at THEN 'called_at|叫号时间早于取号时间'
          WHEN started_at < called_at THEN 'started_at|开始办理时间早于叫号时间'
          WHEN finished_at < coalesce(started_at, called_at) THEN 'finished_at|办结时间早于开始办理时间'
          WHEN status IN ('served', 'no_show') AND called_at IS NULL
            THEN 'called_at|状态为已办理或过号，但没有叫号时间'
          WHEN status = 'unserved' AND called_at IS NOT NULL THEN 'called_at|状态为未叫号，却有叫号时间'
        END AS err FROM pq WHERE err IS NOT NULL LIMIT 1""")
    if bad:
        column, message = str(bad[1]).split("|", 1)
        raise InputError(f"票号“{bad[0]}”：{message}", file=file, column=column)
    dup = first_row(con, "SELECT hall, ticket_id FROM pq GROUP BY ALL HAVING count(*) > 1 LIMIT 1")
    if dup:
        raise InputError(f"大厅“{dup[0]}”的票号“{dup[1]}”重复", file=file, column="ticket_id")


def save_parquet(log: TicketLog, directory: str | Path, *, aggregates: bool = True) -> Path:
    """Store a log as Parquet partitioned by hall and month (directory hall=…/month=YYYY-MM/),
    with each hall's pre-aggregates for kpi_report at the default settings (see aggregates.py;
    `aggregates=False` leaves them out; they can be written later by `save_aggregates`)."""
    out = Path(directory)
    con = connect()
    log.register(con)
    target = str(out).replace("'", "''")
    with contextlib.suppress(duckdb.Error):
        con.execute("SET partitioned_write_max_open_files = 200")
    con.execute(f"""COPY (SELECT *, strftime(issued_at, '%Y-%m') AS month FROM tickets)
                    TO '{target}' (FORMAT parquet, PARTITION_BY (hall, month), OVERWRITE_OR_IGNORE)""")
    con.close()
    if aggregates:
        from .aggregates import save_aggregates

        save_aggregates(out)
    return out
