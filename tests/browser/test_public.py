"""Public supervision in the browser: a member of the public reports on a phone and follows the receipt;
the supervisor turns the report into a problem; the public sees the progress."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.core.demo_images import solid_png
from wicket.public.models import PublicReport, ReportStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_of_the_public_reports_follows_it_and_the_supervisor_triages_it(phone_page, page, county,
                                                                                 campaign):
    public = phone_page
    public.goto(public.base + "/accounts/login/")
    public.get_by_role("link", name="我是群众，要反映窗口问题").click()
    public.select_option("#id_unit", label="测试县城关镇人民政府")
    public.fill("#id_place", "便民服务中心社保窗口")
    public.fill("#id_what", "上午九点到十一点窗口一直没人。")
    public.fill("#id_contact", "13912345678")
    public.set_input_files("#id_photo", files=[{"name": "窗口.png", "mimeType": "image/png", "buffer": solid_png()}])
    public.get_by_role("button", name="提交").click()
    receipt = public.get_by_test_id("receipt-number").inner_text()
    report = PublicReport.objects.get()
    assert receipt == report.receipt and report.photo_sha256
    assert "13912345678" not in public.content()

    public.goto(public.base + "/public/track/")
    public.fill("#id_receipt", receipt.lower())
    public.get_by_role("button", name="查询").click()
    expect(public.get_by_test_id("status")).to_have_text("已受理，待处理")

    login(page, county.supervisor, county.password)
    page.get_by_text("待处理的群众反映").click()
    page.get_by_role("link", name=receipt).click()
    expect(page.get_by_text("13912345678")).to_be_visible()  # the supervisor may call the reporter back
    assign = page.get_by_test_id("assign")
    assign.locator("#id_checklist_code").select_option("6")
    assign.locator("#id_title").fill("窗口工作时间无人值守")
    assign.get_by_role("button", name="生成问题，转交整改").click()
    expect(page.get_by_test_id("report-status")).to_have_text("已转交责任单位整改")
    report.refresh_from_db()
    assert report.status == ReportStatus.ASSIGNED and report.problem.unit == county.unit
    assert report.problem.evidence.count() == 1

    public.reload()
    expect(public.get_by_test_id("status")).to_have_text("已转交责任单位整改")
    expect(public.get_by_test_id("problem-progress")).to_contain_text("责任单位正在制定整改措施")
    public.get_by_role("link", name="全县整改进展").click()
    expect(public.get_by_text("按问题类别统计")).to_be_visible()
    assert "13912345678" not in public.content()


def test_the_public_pages_need_no_login_and_break_no_content_security_rule(page, county, campaign):
    for path in ("/public/report/", "/public/track/", "/public/progress/"):
        response = page.goto(page.base + path)
        assert response.status == 200 and "/accounts/login/" not in page.url
