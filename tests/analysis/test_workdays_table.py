"""Reading a holiday schedule table (date, 休/班, name) from a file or pasted text: all or nothing,
every fault named by row and column in Chinese. The 2027 dates are made up (HYPOTHETICAL)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from analysis.common import InputError
from analysis.workdays import HOLIDAY, WORKDAY, DayRule
from analysis.workdays_table import MAX_RANGE_DAYS, parse_schedule_text, read_schedule

D = dt.date


def test_pasted_lines_from_a_spreadsheet_with_ranges_and_chinese_dates() -> None:
    text = ("日期\t类型\t名称\n"
            "2027-01-01\t休\t元旦\n"
            "2027年2月5日至13日\t休\t春节\n"
            "2027/2/20\t班\t春节调休上班\n")
    rules = parse_schedule_text(text)
    assert len(rules) == 11
    assert rules[0] == DayRule(D(2027, 1, 1), HOLIDAY, "元旦")
    assert [r.day for r in rules if r.name == "春节"] == [D(2027, 2, 5) + dt.timedelta(days=i) for i in range(9)]
    assert rules[-1] == DayRule(D(2027, 2, 20), WORKDAY, "春节调休上班")


def test_without_a_header_and_separated_by_spaces_or_commas() -> None:
    rules = parse_schedule_text("2027-01-01 休 元旦\n\n2027.2.20，上班，春节调休上班\n2027年2月6日（星期六） 放假 春节")
    assert [(r.day, r.kind) for r in rules] == [(D(2027, 1, 1), HOLIDAY), (D(2027, 2, 6), HOLIDAY),
                                                 (D(2027, 2, 20), WORKDAY)]


def test_a_header_in_another_order_with_a_weekday_column() -> None:
    rules = parse_schedule_text("名称,星期,日期,休/班\n县庆,星期五,2027-05-07,休\n")
    assert rules == [DayRule(D(2027, 5, 7), HOLIDAY, "县庆")]


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_xlsx_with_date_cells_and_a_gbk_csv() -> None:
    data = _xlsx([["日期", "类型", "名称"], [dt.datetime(2027, 10, 1), "休", "国庆节"], [dt.date(2027, 9, 26), "班", "国庆调休"]])
    assert read_schedule(data, file="2027.xlsx") == [DayRule(D(2027, 9, 26), WORKDAY, "国庆调休"),
                                                     DayRule(D(2027, 10, 1), HOLIDAY, "国庆节")]
    csv = "日期,类型,名称\r\n2027-10-01,休,国庆节\r\n".encode("gbk")
    assert read_schedule(csv, file="2027.csv") == [DayRule(D(2027, 10, 1), HOLIDAY, "国庆节")]


@pytest.mark.parametrize(("text", "row", "column", "words"), [
    ("日期,类型,名称\n2027-02-30,休,春节\n", 2, "日期", "不存在"),
    ("日期,类型,名称\n2027-02-06,休,春节\n明天,休,春节\n", 3, "日期", "无法识别"),
    ("日期,类型,名称\n2027-02-06,补,春节\n", 2, "类型", "“补”无法识别"),
    ("日期,类型,名称\n2027-02-06,,春节\n", 2, "类型", "不能为空"),
    ("日期,类型,名称\n2027-02-06,休,\n", 2, "名称", "名称不能为空"),
    ("日期,类型,名称\n2027-02-06,休,春节\n2027-02-01至2027-02-07,休,春节\n", 3, "日期", "第 2 行已经填写过"),
    ("日期,类型,名称\n2027-02-13至2027-02-05,休,春节\n", 2, "日期", "早于开始日"),
    ("日期,类型,名称\n2027-01-01至2027-12-31,休,全年\n", 2, "日期", f"最多 {MAX_RANGE_DAYS} 天"),
    ("日期,类型,名称\n1899-01-01,休,x\n", 2, "日期", "年份超出"),
    ("日期,类型,名称,星期\n2027-02-06,休,春节,星期五\n", 2, "星期", "是星期六"),
    ("日期,类型,名称,备注\n2027-02-06,休,春节,x\n", 1, "备注", "不认识的列"),
    ("2027-02-06\t休\t春节\t星期六\t多余\n", 1, "第 5 列", "最多 4 列"),
    ("日期,类型\n2027-02-06,休\n", 1, "名称", "缺少必需的列：名称"),
])
def test_faults_name_the_row_and_the_column(text: str, row: int, column: str, words: str) -> None:
    with pytest.raises(InputError) as info:
        parse_schedule_text(text, source="2027年安排")
    err = info.value
    assert (err.file, err.row, err.column) == ("2027年安排", row, column)
    assert words in err.message


def test_empty_input_is_refused() -> None:
    with pytest.raises(InputError, match="没有填写内容"):
        parse_schedule_text("  \n\t\n")
    with pytest.raises(InputError, match="没有任何日期"):
        parse_schedule_text("日期,类型,名称\n")


def test_oversized_input_is_refused_before_it_is_read() -> None:
    with pytest.raises(InputError, match="文件太大"):
        read_schedule("2027-01-01,休,x\n".encode() * 100_000, file="big.csv")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 30_000_000)
    assert len(bomb.getvalue()) < 1_000_000
    with pytest.raises(InputError, match="解压后太大"):
        read_schedule(bomb.getvalue(), file="bomb.xlsx")
    with pytest.raises(InputError, match="行数太多"):
        parse_schedule_text("".join(f"2027-01-01,休,x{i}\n" for i in range(2100)))
