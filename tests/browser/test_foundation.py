"""A new user's first steps: log in as each role, see what that role sees; strangers see nothing."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.problems.tests.factories import make_problem

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_anonymous_visitor_is_sent_to_the_login_page(page):
    page.goto(page.base + "/problems/")
    assert "/accounts/login/" in page.url
    expect(page.locator("h2").first).to_have_text("登录窗口问题排查整改平台")


MENUS = {
    # role: (menu entries this role must see, entries it must not see)
    "supervisor": (["排查整改工作", "问题整改清单", "核验销号", "通报", "考核", "窗口统计报送情况"], ["窗口大厅填报"]),
    "center_staff": (["办事指南体检", "证明材料清理", "大厅数据", "群众监督"], ["考核", "通报", "窗口大厅填报"]),
    "liaison": (["问题整改清单", "窗口大厅填报", "本单位办事指南", "本单位大厅数据"], ["考核", "办事指南体检", "群众监督"]),
    "head": (["问题整改清单", "督办", "本单位索要的证明"], ["考核", "窗口统计报送情况"]),
    "inspector": (["督查任务", "问题整改清单"], ["考核", "窗口大厅填报", "大厅数据"]),
}


@pytest.mark.parametrize("who", list(MENUS))
def test_each_role_logs_in_and_finds_the_timeline_its_todos_and_only_its_menus(page, county, campaign, who):
    login(page, getattr(county, who), county.password)
    timeline = page.get_by_test_id("timeline")
    assert "集中督查" in timeline.inner_text() and "当前阶段" in timeline.inner_text()
    assert page.get_by_test_id("todos").is_visible()
    menu = page.locator("#sidebar-menu")
    sees, hidden = MENUS[who]
    for label in sees:
        assert menu.get_by_role("link", name=label, exact=True).is_visible(), label
    for label in hidden:
        assert menu.get_by_role("link", name=label, exact=True).count() == 0, label


def test_the_liaison_sees_their_overdue_problem_on_the_home_page(page, county, campaign):
    import datetime as dt

    make_problem(county.unit, county.liaison, title="叫号机故障未修复", deadline=dt.date(2020, 1, 1))
    login(page, county.liaison, county.password)
    todos = page.get_by_test_id("todos").inner_text()
    assert "叫号机故障未修复" in todos and "逾期" in todos


def test_a_liaison_of_another_unit_gets_404_on_the_problem_page(page, county, campaign):
    problem = make_problem(county.unit, county.liaison, title="城关镇的问题")
    login(page, county.other_liaison, county.password)
    response = page.goto(f"{page.base}/problems/{problem.pk}/")
    assert response.status == 404
    page.goto(page.base + "/problems/")
    assert "城关镇的问题" not in page.content()


def test_a_wrong_password_is_answered_in_chinese(page, county):
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", "liaison")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text("用户名或密码不正确")
