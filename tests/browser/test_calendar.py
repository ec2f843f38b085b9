"""The supervision office enters the 2027 holiday schedule on the calendar page; a problem whose
deadline crossed the Spring Festival as a Monday–Friday estimate gets its real date, the estimate
flag disappears, the timeline says why, and the unit's liaison sees the new date on the home page.

The schedule pasted is HYPOTHETICAL (wicket/workcal/tests/helpers.py): 2027's had not been
published by the State Council when this test was written."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.problems.tests.factories import problem_due_in
from wicket.workcal.tests.helpers import SPRING_2027

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_office_enters_the_2027_schedule_and_a_deadline_and_its_flag_change(page, county):
    problem = problem_due_in(county, found_on=dt.date(2027, 2, 1), workdays=10, title="叫号机春节前未修复")
    problem_url = f"{page.base}/problems/{problem.pk}/"
    login(page, county.supervisor, county.password)
    page.goto(problem_url)
    expect(page.get_by_test_id("deadline")).to_contain_text("2027-02-15")
    expect(page.get_by_test_id("deadline-estimated")).to_be_visible()

    page.get_by_role("link", name="工作日历", exact=True).click()
    page.get_by_test_id("year-2027").click()
    expect(page.get_by_test_id("year-state")).to_have_text("估算")
    page.get_by_label("粘贴节假日安排表").fill(SPRING_2027)
    expect(page.get_by_label("这是全年安排：导入后，表中所涉年份不再按周一至周五估算")).to_be_checked()
    page.get_by_role("button", name="上传并预览").click()

    expect(page.get_by_test_id("preview-summary")).to_contain_text("表中共 11 天：新增 11 天")
    expect(page.get_by_test_id("import-rows")).to_contain_text("春节调休上班（假设）")
    page.get_by_test_id("import-confirm").click()

    said = page.get_by_role("status")
    expect(said).to_contain_text("已导入：新增 11 天；2027 年已录入全年安排")
    expect(said).to_contain_text("1 个问题的整改时限已按新日历重新计算")
    expect(page.get_by_test_id("year-state")).to_have_text("县里已录入")
    made_up = page.locator("tr[data-day='2027-02-20']")
    expect(made_up.get_by_test_id("county-entry")).to_contain_text("班 春节调休上班（假设）")
    expect(made_up).to_contain_text("工作日")
    expect(page.get_by_test_id("calendar-history")).to_contain_text("确认 2027 年全年节假日安排已录入")

    page.goto(problem_url)
    expect(page.get_by_test_id("deadline")).to_contain_text("2027-02-22")
    expect(page.get_by_test_id("deadline-estimated")).to_have_count(0)
    expect(page.get_by_test_id("timeline")).to_contain_text("整改时限由 2027-02-15 改为 2027-02-22（10 个工作日），原为估算")

    page.context.clear_cookies()
    login(page, county.liaison, county.password)
    expect(page.get_by_test_id("todos")).to_contain_text(
        "叫号机春节前未修复——整改时限按工作日历更正为 2027-02-22（原 2027-02-15）")
    expect(page.get_by_role("link", name="工作日历", exact=True)).to_have_count(0)
