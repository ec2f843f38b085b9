"""A guide's problem in a real browser: the department's liaison works through its findings one by one
and submits it; the centre re-imports the corrected guide; the verifier sees the re-check prove the fix
and closes the problem."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.guides import services
from wicket.guides.tests.conftest import faulty, guide
from wicket.problems.models import Problem

pytestmark = pytest.mark.django_db(transaction=True)


def as_json(*guides):
    return json.dumps(list(guides), ensure_ascii=False).encode("utf-8")


def test_liaison_fixes_each_finding_and_the_verifier_closes_on_the_recheck(page, county, campaign):
    services.import_guides(name="县.json", data=as_json(guide(), faulty()), by=county.center_staff, send=True)
    problem = Problem.objects.get()

    login(page, county.other_liaison, county.password)
    causes = page.get_by_test_id("home-causes")
    expect(causes).to_contain_text("办事指南《个体工商户设立登记》：2 处需修改")
    causes.get_by_role("link", name="办事指南《个体工商户设立登记》").click()
    findings = page.get_by_test_id("finding")
    expect(findings).to_have_count(2)
    expect(page.get_by_test_id("finding-counts")).to_contain_text("待整改 2")
    for i, note in enumerate(["删除兜底条款“法律、行政法规规定的其他材料”", "电话改为 0557-8828006"]):
        item = findings.nth(i)
        item.get_by_role("textbox", name="整改说明").fill(note)
        item.get_by_role("button", name="已整改").click()
        expect(findings.nth(i).get_by_test_id("finding-state")).to_have_text("单位已整改，待数据确认")
        expect(findings.nth(i).get_by_test_id("finding-note")).to_contain_text(note)
    page.reload()
    expect(page.get_by_test_id("finding-counts")).to_contain_text("待整改 0，已整改待数据确认 2")
    page.get_by_role("button", name="整改完成，提交核验").click()
    expect(page.locator("[data-status=awaiting_verification]").first).to_be_visible()
    expect(page.get_by_test_id("closure-state")).to_have_text("整改以来尚无新数据")

    # The centre imports the corrected guide: the re-check no longer finds either fault.
    fixed = faulty(phone="0557-8828006")
    fixed["materials"] = [m for m in fixed["materials"] if m["name"] != "法律、行政法规规定的其他材料"]
    services.import_guides(name="县-更正.json", data=as_json(guide(), fixed), by=county.center_staff, send=True)

    page.context.clear_cookies()
    login(page, county.supervisor, county.password)
    page.goto(page.base + "/problems/?ready=1")
    expect(page.get_by_test_id("problem-counts")).to_contain_text("共 1 个")
    page.get_by_role("link", name="办事指南《个体工商户设立登记》").click()
    closure = page.get_by_test_id("closure")
    expect(closure.get_by_test_id("closure-state")).to_have_text("已由数据确认整改")
    expect(closure).to_contain_text("重新检测")
    expect(closure).to_contain_text("原 2 处问题点均未再发现")
    expect(page.get_by_test_id("finding-state").first).to_have_text("数据确认已整改")
    page.get_by_role("button", name="核验通过，销号").click()
    expect(page.locator("[data-status=closed]").first).to_be_visible()
    problem.refresh_from_db()
    assert problem.status == "closed"
