"""Reading consultation-phone call logs: formats, headers, outcome words, and every refusal."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from analysis.calls import Call, load_calls
from analysis.common import InputError

HEADER = "call_id,line,unit,started_at,answered,ring_seconds,talk_seconds,outcome"
GOOD = [
    "c1,0557-8021001,县市场监督管理局,2025-03-03 09:15:00,1,6,120,answered",
    "c2,0557-8021001,县市场监督管理局,2025-03-03 12:20:00,0,45,0,no_answer",
]


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\n".join([header, *rows]).encode(encoding)


def test_it_reads_a_utf8_csv_with_english_headers() -> None:
    calls = load_calls(csv_bytes(*GOOD), file="calls.csv")
    assert calls == [
        Call("c1", "0557-8021001", "县市场监督管理局", dt.datetime(2025, 3, 3, 9, 15), True, 6, 120, "answered"),
        Call("c2", "0557-8021001", "县市场监督管理局", dt.datetime(2025, 3, 3, 12, 20), False, 45, 0, "no_answer"),
    ]
    assert [(c.file, c.row) for c in calls] == [("calls.csv", 2), ("calls.csv", 3)]


def test_it_reads_a_gbk_csv_with_chinese_headers_and_chinese_outcomes() -> None:
    header = "通话编号,号码,单位,来电时间,是否接听,振铃时长（秒）,通话时长,结果"
    rows = [
        "1,8021001,县税务局,2025/03/03 09:00:00,1,3,60,接通",
        "2,8021001,县税务局,2025/03/03 09:01:00,0,40,0,无人接听",
        "3,8021001,县税务局,2025/03/03 09:02:00,0,0,0,占线",
        "4,8021001,县税务局,2025/03/03 09:03:00,0,0,0,空号停机",
        "5,8021001,县税务局,2025/03/03 09:04:00,1,2,8,接通后挂断",
        "6,8021001,县税务局,2025/03/03 09:05:00,1,4,30,非本部门电话",
    ]
    calls = load_calls(csv_bytes(*rows, header=header, encoding="gbk"), file="电话.csv")
    assert [c.outcome for c in calls] == ["answered", "no_answer", "busy", "invalid_number", "hung_up", "wrong_unit"]
    assert [c.answered for c in calls] == [True, False, False, False, True, True]
    assert calls[0].unit == "县税务局" and calls[0].started_at == dt.datetime(2025, 3, 3, 9, 0)


def test_it_reads_an_xlsx_log() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["号码", "单位", "通话编号", "来电时间", "是否接听", "振铃时长"])
    ws.append(["8021005", "县医疗保障局", "x1", dt.datetime(2025, 5, 6, 10, 30), 0, 50])
    ws.append(["8021005", "县医疗保障局", "x2", dt.datetime(2025, 5, 6, 10, 31), 1, 12])
    buf = io.BytesIO()
    wb.save(buf)
    calls = load_calls(buf.getvalue(), file="calls.xlsx")
    assert [(c.call_id, c.started_at, c.answered, c.ring_seconds, c.result) for c in calls] == [
        ("x1", dt.datetime(2025, 5, 6, 10, 30), False, 50, "no_answer"),
        ("x2", dt.datetime(2025, 5, 6, 10, 31), True, 12, "answered"),
    ]


@pytest.mark.parametrize(
    ("row", "answered", "ring", "outcome"),
    [
        ("c3,L,U,2025-03-03 09:00:00,是,3,,", True, 3, ""),  # yes/no words, outcome left out
        ("c3,L,U,2025-03-03 09:00:00,0,,,", False, None, ""),  # an unanswered call may omit the ring
        ("c3,L,U,2025-03-03 09:00:00,,0,,占线", False, 0, "busy"),  # answered follows the outcome
        ("c3,L,U,2025-03-03 09:00:00,,7,20,ANSWERED", True, 7, "answered"),
        ("c3,L,U,2025-03-03 09:00,1,15.0,20,", True, 15, ""),  # minutes-only time, 15.0 seconds
    ],
)
def test_it_accepts_the_variants_exports_use(row: str, answered: bool, ring: int | None, outcome: str) -> None:
    (call,) = load_calls(csv_bytes(row), file="f.csv")
    assert (call.answered, call.ring_seconds, call.outcome) == (answered, ring, outcome)


@pytest.mark.parametrize(
    ("bad_row", "column", "says"),
    [
        ("c3,L,U,2025-13-01 09:00:00,1,5,10,", "started_at", "无法识别"),
        ("c3,L,U,,1,5,10,", "started_at", "不能为空"),
        ("c3,L,U,2025-03-03 09:00:00,2,5,10,", "answered", "1 或 0"),
        ("c3,L,U,2025-03-03 09:00:00,,5,10,", "answered", "不能为空"),
        ("c3,L,U,2025-03-03 09:00:00,1,-3,10,", "ring_seconds", "负数"),
        ("c3,L,U,2025-03-03 09:00:00,1,abc,10,", "ring_seconds", "不是整数"),
        ("c3,L,U,2025-03-03 09:00:00,1,,10,", "ring_seconds", "振铃时长"),
        ("c3,L,U,2025-03-03 09:00:00,1,5,-1,", "talk_seconds", "负数"),
        ("c3,L,U,2025-03-03 09:00:00,0,30,12,", "talk_seconds", "应为 0"),
        ("c3,L,U,2025-03-03 09:00:00,1,5,10,挂机了", "outcome", "不是允许的值"),
        ("c3,L,U,2025-03-03 09:00:00,1,5,10,占线", "outcome", "矛盾"),
        ("c3,L,U,2025-03-03 09:00:00,0,5,0,answered", "outcome", "矛盾"),
        ("c1,L,U,2025-03-03 09:00:00,1,5,10,", "call_id", "重复（第 2 行已出现）"),
        (",L,U,2025-03-03 09:00:00,1,5,10,", "call_id", "不能为空"),
        ("c3,,U,2025-03-03 09:00:00,1,5,10,", "line", "不能为空"),
        ("c3,L,,2025-03-03 09:00:00,1,5,10,", "unit", "不能为空"),
    ],
)
def test_it_refuses_a_bad_row_naming_file_row_and_column(bad_row: str, column: str, says: str) -> None:
    with pytest.raises(InputError) as info:
        load_calls(csv_bytes(*GOOD, bad_row), file="calls.csv")
    err = info.value
    assert (err.file, err.row, err.column) == ("calls.csv", 4, column)
    assert says in err.message
    assert "文件 calls.csv" in str(err) and "第 4 行" in str(err)


def test_it_refuses_a_file_without_a_required_column() -> None:
    with pytest.raises(InputError) as info:
        load_calls(csv_bytes("c1,L,U,2025-03-03 09:00:00,1", header="call_id,line,unit,started_at,answered"),
                   file="calls.csv")
    assert info.value.row == 1 and info.value.column == "ring_seconds"
    assert "缺少必需的列" in info.value.message


def test_it_refuses_an_empty_file() -> None:
    with pytest.raises(InputError, match="文件为空"):
        load_calls(b"", file="empty.csv")
