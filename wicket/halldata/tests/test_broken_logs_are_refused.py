"""A log that does not fit is refused with the row and column named, and nothing is stored."""

import pytest

from wicket.halldata.models import Call, Rating, Ticket, Upload

from .helpers import (
    CALL_FIELDS,
    RATING_FIELDS,
    TICKET_HEADERS,
    call,
    csv_bytes,
    four_tickets,
    rating,
    ticket,
    tickets_gbk,
)


def _tickets_without_status():
    fields = [f for f in TICKET_HEADERS if f != "status"]
    return csv_bytes(four_tickets(), fields=fields, headers=TICKET_HEADERS, encoding="gbk")


def _bad_time():
    rows = four_tickets()
    rows[1]["issued_at"] = "2026/13/45 25:00"
    return tickets_gbk(rows)


def _called_before_issued():
    rows = four_tickets()
    rows[2] = ticket("A3", "09:20:00", "09:10:00", "no_show")
    return tickets_gbk(rows)


def _duplicate_id():
    rows = four_tickets()
    rows[2]["ticket_id"] = "A1"
    return tickets_gbk(rows)


@pytest.mark.parametrize(("data", "row", "column", "words"), [
    (_tickets_without_status, "1", "status", "缺少必需的列"),
    (_bad_time, "3", "issued_at", "无法识别"),
    (_called_before_issued, "4", "called_at", "叫号时间早于取号时间"),
    (_duplicate_id, "4", "ticket_id", "重复"),
], ids=["missing column", "unparseable time", "called before issued", "duplicate ticket id"])
def test_a_broken_ticket_log_names_row_and_column_and_stores_nothing(upload_file, halls, data, row, column, words):
    response = upload_file("tickets", "叫号记录.csv", data())
    page = response.content.decode()
    assert response.status_code == 400
    assert f'data-testid="error-row">{row}<' in page
    assert f'data-testid="error-column">{column}<' in page
    assert words in page
    assert Upload.objects.count() == 0 and Ticket.objects.count() == 0


def test_a_call_log_with_an_unreadable_time_is_refused(upload_file, county):
    rows = [call("C1", "0557-1", "城关镇", "2026-03-02 09:00:00", True),
            call("C2", "0557-1", "城关镇", "昨天上午", True)]
    response = upload_file("calls", "calls.csv", csv_bytes(rows, fields=CALL_FIELDS))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="error-row">3<' in page and 'data-testid="error-column">started_at<' in page
    assert Upload.objects.count() == 0 and Call.objects.count() == 0


def test_a_rating_outside_one_to_five_is_refused(upload_file, county):
    rows = [rating("R1", "城关镇", "综合窗口1", "2026-03-02 09:00:00", 7)]
    response = upload_file("ratings", "ratings.csv", csv_bytes(rows, fields=RATING_FIELDS))
    assert response.status_code == 400
    assert 'data-testid="error-column">level<' in response.content.decode()
    assert Rating.objects.count() == 0


def test_a_file_that_is_neither_csv_nor_a_spreadsheet_is_refused(upload_file, county):
    response = upload_file("tickets", "photo.csv", b"\x89PNG\r\n\x1a\n" + b"0" * 40)
    assert response.status_code == 400
    assert "只接受 CSV" in response.content.decode()
    assert Upload.objects.count() == 0


def test_an_unknown_hall_is_listed_in_the_preview_and_cannot_be_stored(upload_file, halls):
    rows = [dict(r, hall="不存在的大厅") for r in four_tickets()]
    response = upload_file("tickets", "叫号记录.csv", tickets_gbk(rows))
    upload = Upload.objects.get()
    page = upload_file.client.get(response.url).content.decode()
    assert "“不存在的大厅”（4 条）" in page and "确认保存" not in page
    upload_file.client.post(f"/halldata/uploads/{upload.pk}/confirm/")
    upload.refresh_from_db()
    assert upload.status == "pending" and Ticket.objects.count() == 0


def test_choosing_a_hall_files_a_log_whose_hall_is_spelled_differently(upload_file, halls):
    rows = [dict(r, hall="城关为民服务中心（一楼）") for r in four_tickets()]
    upload_file("tickets", "叫号记录.csv", tickets_gbk(rows), hall=halls.town)
    upload_file.client.post(f"/halldata/uploads/{Upload.objects.get().pk}/confirm/")
    assert set(Ticket.objects.values_list("hall_id", flat=True)) == {halls.town.pk}
