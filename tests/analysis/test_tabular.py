import pytest

from analysis.common import InputError
from analysis.tabular import Column, read_table

COLUMNS = [Column("ticket_id", ("票号",)), Column("issued_at", ("取号时间",)), Column("holder", ("取号人",), required=False)]


def test_gbk_csv_with_chinese_headers_reads_like_utf8_with_english_ones():
    gbk = "票号,取号时间,取号人\nA001,2026-11-02 08:30:00,张三\n".encode("gbk")
    utf = "ticket_id,issued_at,holder\nA001,2026-11-02 08:30:00,张三\n".encode("utf-8-sig")
    a, b = read_table(gbk, file="a.csv", columns=COLUMNS), read_table(utf, file="b.csv", columns=COLUMNS)
    assert a.rows == b.rows == [{"ticket_id": "A001", "issued_at": "2026-11-02 08:30:00", "holder": "张三"}]
    assert a.row_numbers == [2]


def test_a_missing_required_column_names_it():
    with pytest.raises(InputError) as err:
        read_table("票号\nA1\n".encode(), file="t.csv", columns=COLUMNS)
    assert err.value.column == "issued_at" and err.value.row == 1 and "取号时间" in str(err.value)


@pytest.mark.parametrize("data", [b"", b"   \n\n"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(InputError, match="文件为空"):
        read_table(data, file="t.csv", columns=COLUMNS)


def test_an_unclosed_quote_is_refused_instead_of_swallowing_the_rest_of_the_file():
    data = b'ticket_id,issued_at\n"A1,2026-11-02 08:30:00\nA2,2026-11-02 08:31:00\n'
    with pytest.raises(InputError) as err:
        read_table(data, file="t.csv", columns=COLUMNS)
    assert err.value.file == "t.csv" and "CSV" in err.value.message


def test_a_stray_carriage_return_inside_a_quoted_field_is_kept_as_text():
    t = read_table(b'ticket_id,issued_at\r\n"A\r1",x\r\n', file="t.csv", columns=COLUMNS)
    assert t.rows == [{"ticket_id": "A\r1", "issued_at": "x"}]


def test_a_file_in_neither_utf8_nor_gbk_is_refused_with_a_clear_message():
    with pytest.raises(InputError, match="UTF-8 或 GBK"):
        read_table(b"\xff\xfe\x00\xd8\x00\xdc" * 10, file="t.csv", columns=COLUMNS)


def test_blank_rows_are_skipped_but_row_numbers_stay_true():
    t = read_table(b"ticket_id,issued_at\n\nA1,x\n", file="t.csv", columns=COLUMNS)
    assert t.row_numbers == [3]
