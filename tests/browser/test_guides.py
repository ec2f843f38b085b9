"""Service-guide check in a real browser: the centre uploads a GBK JSON Lines file, sees the findings
marked in place, sends them to the problem list; the department's liaison sees the problems; a
re-upload adds no duplicates."""

import json

import pytest
from playwright.sync_api import expect

from tests.analysis.guides_support import raw
from tests.browser.helpers import login
from wicket.problems.models import Problem

pytestmark = pytest.mark.django_db(transaction=True)


def guides_file(path):
    clean = raw(department="县市场监管局")
    faulty = raw(department="县市场监管局", code="11341321MB0002", name="个体工商户设立登记", phone="8828006")
    faulty["materials"].append({"name": "法律、行政法规规定的其他材料", "required": False})
    path.write_bytes("\n".join(json.dumps(g, ensure_ascii=False) for g in (clean, faulty)).encode("gbk"))


def upload_and_confirm(page, path):
    page.goto(page.base + "/guides/imports/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/guides/imports/*/")
    assert "文件中共 2 个办事指南，涉及 1 个部门、1 个发布来源，体检发现问题 2 条" in \
        page.get_by_test_id("preview-summary").inner_text()
    page.get_by_role("button", name="确认导入").click()
    page.get_by_test_id("parts").wait_for()


def test_centre_staff_import_see_marked_findings_and_send_them_to_the_department(page, county, campaign, tmp_path):
    page.on("dialog", lambda d: d.accept())
    path = tmp_path / "县市场监管局-指南.jsonl"
    guides_file(path)
    login(page, county.center_staff, county.password)
    page.get_by_role("link", name="办事指南体检").click()
    page.get_by_role("link", name="导入办事指南").first.click()
    upload_and_confirm(page, path)
    expect(page.locator(".alert-success")).to_contain_text("已导入 2 个办事指南")

    page.get_by_test_id("parts").get_by_role("link", name="县市场监管局").click()
    page.get_by_test_id("guide-table").get_by_role("link", name="个体工商户设立登记").click()
    marks = page.locator("[data-testid=guide-materials] mark.mark-offending")
    assert marks.first.inner_text() == "其他材料"
    assert page.locator("[data-path=phone] mark.mark-offending").inner_text() == "8828006"
    assert page.get_by_test_id("findings").locator("[data-kind]").count() == 2

    page.get_by_role("link", name="测试县市场监督管理局").click()
    page.get_by_role("button", name="送入问题清单").click()
    expect(page.locator(".alert-success")).to_contain_text("新增问题 1 个，已存在 0 个")

    # The same file again: nothing new.
    upload_and_confirm(page, path)
    page.get_by_role("button", name="送入问题清单").click()
    expect(page.get_by_test_id("sent-summary")).to_contain_text("新增问题 0 个，已存在 1 个")
    assert Problem.objects.count() == 1 and Problem.objects.get().findings.count() == 2

    page.context.clear_cookies()
    login(page, county.other_liaison, county.password)
    page.get_by_role("link", name="问题整改清单").click()
    table = page.locator("#problem-table")
    expect(table).to_contain_text("办事指南《个体工商户设立登记》：2 处需修改")
    table.get_by_role("link", name="办事指南《个体工商户设立登记》").click()
    findings = page.get_by_test_id("findings")
    expect(findings).to_contain_text("法律、行政法规规定的其他材料")
    expect(findings).to_contain_text("8828006")
