"""Reading ticket logs: encodings, Chinese headers, spreadsheets, Parquet, and the faults refused."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from analysis.common import InputError
from analysis.queueing import load_parquet, load_ticket_files, load_ticket_paths, load_tickets, save_parquet

HEADER = "ticket_id,hall,issued_at,called_at,started_at,finished_at,window,item,holder,channel,queue,status"
ROWS = [
    "A001,县政务服务中心,2024-03-04 09:00:00,2024-03-04 09:10:00,2024-03-04 09:10:00,2024-03-04 09:20:00,1,社保,h1,onsite,A,served",
    "A002,县政务服务中心,2024-03-04 09:05:00,,,,,社保,,,,unserved",
]
CN_HEADER = "票号,大厅,取号时间,叫号时间,开始办理时间,办结时间,窗口,事项,取号人,渠道,队列,状态"
CN_ROWS = [
    "A001,县政务服务中心,2024-03-04 09:00:00,2024-03-04 09:10:00,2024-03-04 09:10:00,2024-03-04 09:20:00,1,社保,h1,现场,A,已办理",
    "A002,县政务服务中心,2024-03-04 09:05:00,,,,,社保,,,,未叫号",
]


def csv_bytes(header: str, rows: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def test_it_reads_an_english_utf8_csv_into_typed_columns():
    log = load_tickets(csv_bytes(HEADER, ROWS), file="t.csv")
    first, second = log.table.to_pylist()
    assert first["issued_at"] == dt.datetime(2024, 3, 4, 9, 0)
    assert first["status"] == "served" and first["channel"] == "onsite" and first["queue"] == "A"
    # an unserved ticket: no window, no holder, channel defaults to onsite, queue to the item
    assert second["window"] is None and second["holder"] is None and second["called_at"] is None
    assert second["channel"] == "onsite" and second["queue"] == "社保" and second["status"] == "unserved"


def test_it_reads_gbk_with_chinese_headers_and_chinese_codes_the_same_as_english():
    english = load_tickets(csv_bytes(HEADER, ROWS), file="t.csv")
    chinese = load_tickets(csv_bytes(CN_HEADER, CN_ROWS, "gbk"), file="票.csv")
    assert chinese.table.to_pylist() == english.table.to_pylist()


def test_it_reads_an_xlsx_with_real_datetime_cells():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(CN_HEADER.split(","))
    ws.append(["A001", "县政务服务中心", dt.datetime(2024, 3, 4, 9), dt.datetime(2024, 3, 4, 9, 10),
               dt.datetime(2024, 3, 4, 9, 10), dt.datetime(2024, 3, 4, 9, 20), 1, "社保", "h1", "现场", "A", "已办理"])
    buf = io.BytesIO()
    wb.save(buf)
    log = load_tickets(buf.getvalue(), file="t.xlsx")
    row = log.table.to_pylist()[0]
    assert row["called_at"] == dt.datetime(2024, 3, 4, 9, 10) and row["window"] == "1"


def test_the_fast_path_and_the_python_path_read_the_same_file_identically(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes(HEADER, ROWS))
    fast = load_ticket_paths([path])
    slow = load_tickets(path.read_bytes(), file=str(path))
    key = lambda r: r["ticket_id"]  # noqa: E731
    assert sorted(fast.table.to_pylist(), key=key) == sorted(slow.table.to_pylist(), key=key)


def test_a_parquet_round_trip_partitioned_by_hall_and_month_keeps_every_ticket(tmp_path):
    log = load_tickets(csv_bytes(HEADER, ROWS), file="t.csv")
    save_parquet(log, tmp_path / "pq")
    assert (tmp_path / "pq").is_dir() and any((tmp_path / "pq").rglob("month=2024-03"))
    back = load_parquet(tmp_path / "pq")
    assert len(back) == 2
    assert load_ticket_paths([tmp_path / "pq"]).parquet == str(tmp_path / "pq")


def _bad(row_index: int, old: str, new: str) -> list[str]:
    rows = list(ROWS)
    rows[row_index] = rows[row_index].replace(old, new, 1)
    return rows


@pytest.mark.parametrize(("rows", "row", "column", "words"), [
    (_bad(0, "2024-03-04 09:00:00", "2024-03-04 9点"), 2, "issued_at", "无法识别"),
    (_bad(0, "2024-03-04 09:10:00,2024", "2024-03-04 08:10:00,2024"), 2, "called_at", "早于取号时间"),
    (_bad(1, "A002", "A001"), 3, "ticket_id", "与第 2 行重复"),
    (_bad(1, "unserved", "gone"), 3, "status", "不是允许的值"),
    (_bad(0, "onsite", "vip"), 2, "channel", "不是允许的值"),
    (_bad(1, "县政务服务中心", ""), 3, "hall", "不能为空"),
    (_bad(1, ",unserved", ",served"), 3, "called_at", "没有叫号时间"),
    (_bad(0, ",served", ",unserved"), 2, "called_at", "却有叫号时间"),
])
def test_it_refuses_a_faulty_row_naming_row_and_column(rows, row, column, words):
    with pytest.raises(InputError) as err:
        load_tickets(csv_bytes(HEADER, rows), file="t.csv")
    assert (err.value.file, err.value.row, err.value.column) == ("t.csv", row, column)
    assert words in err.value.message


@pytest.mark.parametrize("value", ["2024-03-04 09:00:00", "2024/03/04 09:00:00", "2024-03-04 09:00",
                                   "2024-03-04T09:00:00"])
def test_it_accepts_the_time_formats_of_the_tabular_reader(value):
    rows = [ROWS[1].replace("2024-03-04 09:05:00", value)]
    assert load_tickets(csv_bytes(HEADER, rows), file="t.csv").table["issued_at"][0].as_py() == \
        dt.datetime(2024, 3, 4, 9, 0)


def test_a_fast_path_file_with_a_fault_reports_the_exact_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes(HEADER, _bad(1, "unserved", "gone")))
    with pytest.raises(InputError) as err:
        load_ticket_paths([path])
    assert (err.value.row, err.value.column) == (3, "status")


def test_a_ticket_id_repeated_across_two_files_names_both():
    with pytest.raises(InputError) as err:
        load_ticket_files([("a.csv", csv_bytes(HEADER, ROWS[:1])), ("b.csv", csv_bytes(HEADER, ROWS[:1]))])
    assert err.value.file == "b.csv" and err.value.row == 2 and "a.csv 第 2 行" in err.value.message


def test_the_same_ticket_id_in_two_halls_is_two_tickets():
    rows = [ROWS[0], ROWS[0].replace("县政务服务中心", "城东便民服务中心")]
    assert len(load_tickets(csv_bytes(HEADER, rows), file="t.csv")) == 2


def test_a_missing_required_column_is_named():
    with pytest.raises(InputError) as err:
        load_tickets(csv_bytes(HEADER.replace(",status", ""), [r.rsplit(",", 1)[0] for r in ROWS]), file="t.csv")
    assert err.value.column == "status"


def test_a_ticket_id_repeated_far_down_a_big_fast_path_file_names_its_row(tmp_path):
    # the duplicate check first compares hashes of (hall, ticket_id); the strings decide
    rows = [ROWS[0].replace("A001", f"T{i:05d}") for i in range(5000)]
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes(HEADER, [*rows, rows[1234]]))
    with pytest.raises(InputError) as err:
        load_ticket_paths([path])
    assert (err.value.row, err.value.column) == (5002, "ticket_id") and "与第 1236 行重复" in err.value.message
    ok = tmp_path / "ok.csv"
    ok.write_bytes(csv_bytes(HEADER, rows))
    assert len(load_ticket_paths([ok])) == 5000
