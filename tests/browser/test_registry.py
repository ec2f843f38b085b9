"""The windows and halls registry in a real browser: fill in, upload, sign, the county's board and export."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.registry import services
from wicket.registry.tables import columns_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rnd(county):
    return services.round_open(title="窗口和服务大厅统计", deadline=timezone.now() + dt.timedelta(days=3),
                               units=[county.unit, county.other_unit], by=county.supervisor)


def switch_to(page, user, password):
    page.context.clear_cookies()
    login(page, user, password)


def filled_workbook(path):
    header = ["填报单位"] + [c.label for c in columns_for("town")]
    values = {"填报单位": "城关镇", "类型": "代理工作站", "窗口数": 1, "可审批窗口数": 0, "工作人员数": 2,
              "办公时间": "周一至周五 8:30-11:30", "复印": "有", "高拍仪": "无", "排队叫号机": "无", "指引标识": "有",
              "咨询台": "无", "咨询电话": "0557-8600002"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["镇(园区)设立窗口和服务大厅统计表"])
    ws.append(["填报单位：城关镇"])
    ws.append(header)
    for name in ("东街社区为民服务全程代理工作站", "西街社区为民服务全程代理工作站"):
        ws.append([{**values, "大厅（窗口）名称": name}.get(h, "") for h in header])
    wb.save(path)


def test_a_liaison_fills_in_uploads_and_the_head_signs_and_the_county_exports(page, county, rnd, tmp_path):
    page.on("dialog", lambda d: d.accept())
    login(page, county.liaison, county.password)
    expect(page.get_by_test_id("todos")).to_contain_text("请填报窗口和服务大厅统计")
    page.get_by_role("link", name="窗口大厅填报").click()
    page.get_by_role("link", name="登记大厅（窗口）").click()
    page.fill("#id_name", "城关镇为民服务中心")
    page.select_option("#id_kind", label="为民服务中心")
    page.fill("#id_window_count", "8")
    page.fill("#id_authorized_windows", "6")
    page.fill("#id_staff_count", "10")
    page.check("#id_has_copier")
    page.check("#id_has_queue_machine")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("halls")).to_contain_text("城关镇为民服务中心")

    xlsx_path = tmp_path / "城关镇统计表.xlsx"
    filled_workbook(xlsx_path)
    page.set_input_files("#id_file", str(xlsx_path))
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/registry/imports/**")
    expect(page.get_by_test_id("preview-summary")).to_contain_text("文件中共 2 条")
    expect(page.get_by_test_id("full-table")).to_contain_text("西街社区为民服务全程代理工作站")
    page.get_by_role("button", name="确认导入").click()
    halls = page.get_by_test_id("halls").inner_text()
    assert "东街社区为民服务全程代理工作站" in halls and "城关镇为民服务中心" not in halls  # the file replaces
    expect(page.get_by_test_id("total-windows")).to_have_text("2")

    page.get_by_role("button", name="提交本表，请负责人签字").click()
    expect(page.get_by_test_id("submission-status")).to_have_text("待负责人签字")

    switch_to(page, county.head, county.password)
    page.get_by_test_id("todos").get_by_role("link").filter(has_text="待您审核签字").first.click()
    expect(page.get_by_test_id("windows-round-content")).to_contain_text("西街社区为民服务全程代理工作站")
    page.get_by_role("button", name="主要负责人审核签字").click()
    expect(page.get_by_test_id("submission-status")).to_have_text("已签字报送")
    expect(page.get_by_test_id("signed-by")).to_contain_text("王镇长")

    switch_to(page, county.supervisor, county.password)
    page.get_by_role("link", name="窗口统计报送情况").click()
    row = page.locator("tr[data-unit='测试县城关镇人民政府']")
    assert row.get_by_test_id("state").inner_text() == "已报送"
    expect(page.locator("tr[data-unit='测试县市场监督管理局']").get_by_test_id("state")).to_have_text("未填报")
    with page.expect_download() as download:
        page.get_by_test_id("export").click()
    wb = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    ws = wb["附件1 镇(园区)"]
    assert ws.cell(5, 3).value == "东街社区为民服务全程代理工作站" and ws.cell(ws.max_row, 1).value == "合计"


def test_a_department_files_a_zero_report_and_the_board_shows_it(page, county, rnd):
    page.on("dialog", lambda d: d.accept())
    login(page, county.other_liaison, county.password)
    page.get_by_role("link", name="窗口大厅填报").click()
    page.get_by_test_id("zero-form").locator("textarea").fill("本局未单独设立服务窗口，业务已进驻县政务服务中心。")
    page.get_by_role("button", name="声明零报告").click()
    expect(page.get_by_test_id("zero-declared")).to_contain_text("本局未单独设立服务窗口")
    page.get_by_role("button", name="提交零报告，请负责人签字").click()
    expect(page.get_by_test_id("zero-report")).to_contain_text("本局未单独设立服务窗口")

    switch_to(page, county.other_head, county.password)
    page.get_by_test_id("todos").get_by_role("link").filter(has_text="待您审核签字").first.click()
    page.get_by_role("button", name="主要负责人审核签字").click()
    expect(page.get_by_test_id("submission-status")).to_have_text("已签字报送")

    switch_to(page, county.center_staff, county.password)
    page.get_by_role("link", name="窗口统计报送情况").click()
    row = page.locator("tr[data-unit='测试县市场监督管理局']")
    assert row.get_by_test_id("state").inner_text() == "零报告"
    page.locator("[data-state='zero']").click()
    assert page.get_by_test_id("board").locator("tbody tr").count() == 1
