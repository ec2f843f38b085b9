"""Hall data in a real browser: the centre uploads a ticket log (GBK CSV, Chinese headers), a call log
(xlsx) and a rating log (CSV), previews and stores each, sees the dashboards' figures, and finds the
planted problems in the problem list; a liaison reads their own unit's page."""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.halldata.tests.helpers import RATING_FIELDS, csv_bytes, four_tickets, rating, ticket, tickets_gbk
from wicket.registry.models import Hall, HallKind

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hall(county):
    return Hall.objects.create(unit=county.unit, name="城关镇为民服务中心", kind=HallKind.CITIZEN_CENTER, window_count=4)


def _files(tmp_path):
    tickets = four_tickets() + [ticket(f"S{i}", f"10:0{i}:00", f"10:1{i}:00", holder="HN-0731", item=f"事项{i}")
                                for i in range(4)]
    (tmp_path / "叫号记录.csv").write_bytes(tickets_gbk(tickets))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["通话编号", "号码", "单位", "来电时间", "是否接听", "振铃时长", "通话时长"])
    for i in range(20):
        answered = i % 4 == 0  # 5 of 20: 25%
        ws.append([f"C{i}", "0557-8600001", "县市场监管局", f"2026-03-02 09:{i:02d}:00", int(answered),
                   8 if answered else 40, 60 if answered else 0])
    wb.save(tmp_path / "通话记录.xlsx")
    ratings = [rating(f"R{i}", "城关镇", "综合窗口2", f"2026-03-0{i} 10:00:00", 1, comment="窗口没人")
               for i in range(2, 5)] + [rating("R9", "城关镇", "综合窗口1", "2026-03-02 11:00:00", 5)]
    (tmp_path / "好差评.csv").write_bytes(csv_bytes(ratings, fields=RATING_FIELDS))


def _upload(page, kind_label, path):
    page.goto(page.base + "/halldata/uploads/")
    page.select_option("#id_kind", label=kind_label)
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/halldata/uploads/*/")
    summary = page.get_by_test_id("preview-summary").inner_text()
    page.get_by_role("button", name="确认保存").click()
    page.wait_for_selector("[data-testid=upload-result]")
    return summary


def test_the_centre_uploads_three_logs_sees_the_dashboards_and_the_planted_problems(page, county, hall, tmp_path):
    _files(tmp_path)
    login(page, county.center_staff, county.password)
    summary = _upload(page, "排队叫号记录", tmp_path / "叫号记录.csv")
    expect(page.get_by_test_id("preview-rows")).to_contain_text("8")
    assert "城关镇 · 城关镇为民服务中心" in summary
    _upload(page, "咨询电话记录", tmp_path / "通话记录.xlsx")
    _upload(page, "好差评记录", tmp_path / "好差评.csv")

    page.goto(page.base + "/halldata/")
    page.get_by_role("link", name="城关镇为民服务中心").click()
    expect(page.get_by_test_id("tickets")).to_have_text("8")
    expect(page.get_by_test_id("unserved")).to_have_text("1")
    page.wait_for_selector("[data-chart=chart-heatmap] canvas")
    page.get_by_test_id("show-windows").click()
    expect(page.get_by_test_id("table-windows")).to_contain_text("窗口")

    page.goto(page.base + "/halldata/county/calls/")
    expect(page.get_by_test_id("answer-rate")).to_have_text("25.0%")
    page.wait_for_selector("[data-chart=chart-lines] canvas")

    page.goto(page.base + "/problems/")
    table = page.get_by_test_id("problem-table")
    expect(table).to_contain_text("疑似“黄牛”取号（1 人）")
    expect(table).to_contain_text("咨询电话 0557-8600001：接通率低于要求")
    expect(table).to_contain_text("窗口“综合窗口2”好差评：差评超期未答复")
    table.get_by_role("link", name=re.compile("疑似“黄牛”取号")).click()
    expect(page.get_by_test_id("findings")).to_contain_text("HN-0731")
    page.go_back()
    page.get_by_test_id("problem-table").get_by_role("link", name=re.compile("综合窗口2")).click()
    expect(page.get_by_test_id("findings")).to_contain_text("综合窗口2有 3 条差评超过")


def test_a_liaison_sees_their_units_phones_and_ratings_read_only(page, county, hall, tmp_path):
    from wicket.halldata import services

    services.import_log(kind="ratings", name="r.csv", by=county.center_staff, data=csv_bytes(
        [rating("R1", "城关镇", "综合窗口1", "2026-03-02 09:00:00", 5),
         rating("R2", "城关镇", "综合窗口1", "2026-03-02 10:00:00", 2, comment="等太久", handled="2026-03-03 09:00:00")],
        fields=RATING_FIELDS))
    login(page, county.liaison, county.password)
    page.get_by_role("link", name="本单位大厅数据").click()
    expect(page.get_by_test_id("satisfaction")).to_have_text("50.0%")
    page.wait_for_selector("[data-chart=chart-window] canvas")
    assert "上传" not in page.locator(".page-body").inner_text()
