"""The campaign end to end in a browser: a liaison answers the checklist and records a problem with
evidence, sets measures and a working-day deadline, submits it for verification; the head signs the
report; the supervisor sends the problem back once, then closes it; the timeline shows all of it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from analysis.workdays import add_workdays
from tests.browser.helpers import login
from wicket.campaigns.tests.helpers import PNG

pytestmark = pytest.mark.django_db(transaction=True)


def relogin(page, user, password):
    page.context.clear_cookies()
    login(page, user, password)


def test_a_problem_goes_from_self_inspection_to_closed_with_the_heads_signature(page, county, campaign, tmp_path):
    page.on("dialog", lambda d: d.accept())
    unit = county.unit
    login(page, county.liaison, county.password)
    expect(page.get_by_test_id("phase-badge")).to_contain_text("当前阶段：集中督查")
    page.goto(f"{page.base}/campaigns/{campaign.pk}/units/{unit.pk}/inspection/")

    codes = list(campaign.checklist.items.filter(parent__isnull=False).order_by("order").values_list("code", flat=True))
    evidence = tmp_path / "复印机照片.png"
    evidence.write_bytes(PNG)
    for code in codes:
        point = page.get_by_test_id(f"point-{code}")
        if code == "4.1":
            point.locator("input[value=problem]").check()
            point.locator("summary").click()
            point.get_by_label("发现的问题").fill("大厅未提供免费复印服务")
            point.get_by_label("佐证材料").set_input_files(str(evidence))
        else:
            point.locator("input[value=no_problem]").check()
        point.get_by_role("button", name="保存").click()
        expected = "存在问题" if code == "4.1" else "无问题"
        page.get_by_test_id(f"point-{code}").get_by_test_id("result").filter(has_text=expected).wait_for()
    page.reload()
    expect(page.get_by_test_id("progress")).to_contain_text("已填写 13 / 13")
    page.get_by_test_id("point-4.1").get_by_role("link", name="大厅未提供免费复印服务").click()

    # The problem page: the evidence is there with its SHA-256; set measures and a working-day deadline.
    expect(page.get_by_text("复印机照片.png").first).to_be_visible()
    assert "SHA-256" in page.content()
    page.get_by_label("整改措施").fill("购置复印机，设立免费复印服务点")
    page.get_by_label("责任人").fill("李经办")
    page.get_by_label("或：工作日数").fill("5")
    page.get_by_role("button", name="保存整改方案").click()
    deadline = add_workdays(timezone.localdate(), 5)
    assert deadline.isoformat() in page.get_by_test_id("deadline").inner_text()
    expect(page.get_by_test_id("deadline")).to_contain_text("5 个工作日")
    problem_url = page.url
    page.get_by_role("button", name="整改完成，提交核验").click()
    expect(page.locator("h2")).to_contain_text("已整改待核验")

    # The report for the current phase, submitted for the head's signature.
    page.goto(f"{page.base}/campaigns/{campaign.pk}/units/{unit.pk}/report/")
    page.get_by_test_id("submit-supervision").click()
    page.wait_for_url("**/submissions/**")
    report_url = page.url
    expect(page.get_by_test_id("report-content")).to_contain_text("大厅未提供免费复印服务")

    relogin(page, county.head, county.password)
    page.goto(report_url)
    page.get_by_role("button", name="主要负责人审核签字").click()
    expect(page.get_by_test_id("submission-status")).to_have_text("已签字报送")
    expect(page.get_by_test_id("signed-by")).to_contain_text("王镇长")

    relogin(page, county.supervisor, county.password)
    page.goto(problem_url)
    page.get_by_placeholder("理由（必填）").fill("请补充复印服务点的现场照片")
    page.get_by_role("button", name="退回整改").click()
    expect(page.locator("h2")).to_contain_text("整改中")

    relogin(page, county.liaison, county.password)
    page.goto(problem_url)
    page.get_by_role("button", name="整改完成，提交核验").click()

    relogin(page, county.supervisor, county.password)
    page.goto(problem_url)
    page.get_by_role("button", name="核验通过，销号").click()
    expect(page.locator("h2")).to_contain_text("已销号")
    timeline = page.get_by_test_id("timeline").inner_text()
    for text in ("登记问题", "自查自纠：4.1", "上传佐证材料", "修改整改方案", "提交核验", "退回整改",
                 "请补充复印服务点的现场照片", "核验销号", "李经办", "督查"):
        assert text in timeline, text
    assert timeline.index("退回整改") < timeline.index("核验销号")

    # The county view counts it as closed, and its number opens the list behind it.
    page.goto(f"{page.base}/campaigns/{campaign.pk}/county/")
    expect(page.get_by_test_id("status-closed")).to_have_text("1")
    page.get_by_test_id("status-closed").click()
    expect(page.get_by_test_id("problem-table")).to_contain_text("大厅未提供免费复印服务")
