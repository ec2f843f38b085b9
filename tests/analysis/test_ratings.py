"""Reading 好差评 exports, and deciding whether each 差评 was answered in time."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from analysis.common import InputError
from analysis.ratings import Rating, load_ratings, reply_status

HEADER = "rating_id,unit,window,item,staff,channel,rated_at,level,comment,handled_at"
GOOD = [
    "r1,县税务局,税务1号窗口,发票领用,王芳,评价器,2025-03-03 10:00:00,5,很快,",
    "r2,县税务局,税务1号窗口,发票领用,王芳,评价器,2025-03-03 11:00:00,2,等太久,2025-03-04 09:00:00",
]
T = dt.datetime


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\n".join([header, *rows]).encode(encoding)


def test_it_reads_a_utf8_csv_with_english_headers() -> None:
    ratings = load_ratings(csv_bytes(*GOOD), file="r.csv")
    assert ratings == [
        Rating("r1", "县税务局", T(2025, 3, 3, 10), 5, "税务1号窗口", "发票领用", "王芳", "评价器", "很快", None),
        Rating("r2", "县税务局", T(2025, 3, 3, 11), 2, "税务1号窗口", "发票领用", "王芳", "评价器", "等太久",
               T(2025, 3, 4, 9)),
    ]
    assert [r.is_bad for r in ratings] == [False, True]
    assert [(r.file, r.row) for r in ratings] == [("r.csv", 2), ("r.csv", 3)]


def test_it_reads_a_gbk_csv_with_chinese_headers_and_level_names() -> None:
    header = "评价编号,单位,窗口,事项,工作人员,评价时间,评价等级,评价内容,整改时间"
    rows = [f"{n},县公安局,户政1号窗口,户口迁移,李伟,2025-03-03 10:0{n}:00,{word},," for n, word in
            enumerate(["非常满意", "满意", "基本满意", "不满意", "非常不满意"], 1)]
    ratings = load_ratings(csv_bytes(*rows, header=header, encoding="gbk"), file="好差评.csv")
    assert [r.level for r in ratings] == [5, 4, 3, 2, 1]
    assert ratings[0].channel == "" and ratings[0].staff == "李伟"


def test_it_reads_an_xlsx_export_with_only_the_required_columns() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["评价编号", "单位", "评价时间", "评价等级"])
    ws.append(["a", "县医疗保障局", T(2025, 6, 3, 9, 30), 4])
    ws.append(["b", "县医疗保障局", T(2025, 6, 3, 9, 45), 1.0])
    buf = io.BytesIO()
    wb.save(buf)
    ratings = load_ratings(buf.getvalue(), file="r.xlsx")
    assert [(r.rating_id, r.rated_at, r.level, r.window, r.handled_at) for r in ratings] == [
        ("a", T(2025, 6, 3, 9, 30), 4, "", None), ("b", T(2025, 6, 3, 9, 45), 1, "", None)]


@pytest.mark.parametrize(
    ("bad_row", "column", "says"),
    [
        ("r3,U,W,I,S,C,2025-02-30 10:00:00,5,,", "rated_at", "无法识别"),
        ("r3,U,W,I,S,C,,5,,", "rated_at", "不能为空"),
        ("r3,U,W,I,S,C,2025-03-03 10:00:00,6,,", "level", "1–5"),
        ("r3,U,W,I,S,C,2025-03-03 10:00:00,0,,", "level", "1–5"),
        ("r3,U,W,I,S,C,2025-03-03 10:00:00,3.5,,", "level", "1–5"),
        ("r3,U,W,I,S,C,2025-03-03 10:00:00,好评,,", "level", "1–5"),
        ("r3,U,W,I,S,C,2025-03-03 10:00:00,,,", "level", "1–5"),
        ("r3,U,W,I,S,C,2025-03-03 10:00:00,1,,2025-03-02 10:00:00", "handled_at", "早于评价时间"),
        ("r3,U,W,I,S,C,2025-03-03 10:00:00,1,,昨天", "handled_at", "无法识别"),
        ("r1,U,W,I,S,C,2025-03-03 10:00:00,5,,", "rating_id", "重复（第 2 行已出现）"),
        (",U,W,I,S,C,2025-03-03 10:00:00,5,,", "rating_id", "不能为空"),
        ("r3,,W,I,S,C,2025-03-03 10:00:00,5,,", "unit", "不能为空"),
    ],
)
def test_it_refuses_a_bad_row_naming_file_row_and_column(bad_row: str, column: str, says: str) -> None:
    with pytest.raises(InputError) as info:
        load_ratings(csv_bytes(*GOOD, bad_row), file="r.csv")
    assert (info.value.file, info.value.row, info.value.column) == ("r.csv", 4, column)
    assert says in info.value.message


def test_it_refuses_a_file_without_the_level_column() -> None:
    with pytest.raises(InputError) as info:
        load_ratings(csv_bytes("r1,U,2025-03-03 10:00:00", header="rating_id,unit,rated_at"), file="r.csv")
    assert (info.value.row, info.value.column) == (1, "level")


def bad(rated: dt.datetime, handled: dt.datetime | None = None) -> Rating:
    return Rating("x", "U", rated, 1, handled_at=handled)


# Deadline of 5 working days. Rated Friday 26 September 2025: 28 (Sun, 调休), 29, 30, then
# 1–8 October off, 9, 10 -> deadline Friday 10 October. Rated Tuesday 30 September: 9, 10,
# 11 (Sat, 调休), 13, 14 -> deadline Tuesday 14 October (counting weekdays alone gives 8 October).
@pytest.mark.parametrize(
    ("rating", "today", "status", "deadline"),
    [
        (bad(T(2025, 9, 26, 10), T(2025, 10, 10, 17)), dt.date(2025, 12, 1), "on_time", dt.date(2025, 10, 10)),
        (bad(T(2025, 9, 26, 10), T(2025, 10, 11, 9)), dt.date(2025, 12, 1), "late", dt.date(2025, 10, 10)),
        (bad(T(2025, 9, 26, 10), T(2025, 10, 12, 9)), dt.date(2025, 12, 1), "late", dt.date(2025, 10, 10)),
        (bad(T(2025, 9, 26, 10)), dt.date(2025, 10, 10), "pending", dt.date(2025, 10, 10)),
        (bad(T(2025, 9, 26, 10)), dt.date(2025, 10, 11), "overdue", dt.date(2025, 10, 10)),
        (bad(T(2025, 9, 30, 16), T(2025, 10, 13, 9)), dt.date(2025, 12, 1), "on_time", dt.date(2025, 10, 14)),
        (bad(T(2025, 9, 30, 16), T(2025, 10, 14, 18)), dt.date(2025, 12, 1), "on_time", dt.date(2025, 10, 14)),
        (bad(T(2025, 9, 30, 16), T(2025, 10, 15, 8)), dt.date(2025, 12, 1), "late", dt.date(2025, 10, 14)),
        (bad(T(2025, 10, 3, 10)), dt.date(2025, 10, 14), "pending", dt.date(2025, 10, 14)),  # rated on a holiday
        (bad(T(2025, 10, 3, 10)), dt.date(2025, 10, 15), "overdue", dt.date(2025, 10, 14)),
        # 2027 has no calendar data: decide only what calendar days alone prove
        (bad(T(2026, 12, 28, 10), T(2026, 12, 30, 10)), dt.date(2027, 3, 1), "on_time", None),
        (bad(T(2026, 12, 28, 10), T(2027, 1, 8, 10)), dt.date(2027, 3, 1), "undetermined", None),
        (bad(T(2026, 12, 28, 10)), dt.date(2027, 1, 1), "pending", None),
        (bad(T(2026, 12, 28, 10)), dt.date(2027, 2, 1), "undetermined", None),
    ],
)
def test_it_decides_whether_a_bad_rating_was_answered_in_time(rating: Rating, today: dt.date, status: str,
                                                              deadline: dt.date | None) -> None:
    st = reply_status(rating, workdays=5, today=today)
    assert (st.status, st.deadline) == (status, deadline)
    if status == "undetermined":
        assert st.missing_year == 2027
