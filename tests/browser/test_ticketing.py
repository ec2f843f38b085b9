"""Queue ticketing in a real browser, one whole flow per test:

- a citizen takes a ticket on the kiosk (phone-sized, touch), is refused a second one for the same
  business, follows the ticket by its QR link; a clerk calls it (the display shows and announces the
  call), transfers it to the universal window, where it is called and finished;
- a booked appointment is called at its slot's time ahead of walk-ins who came earlier;
- a ticket left unserved at closing is called first on the next working day, and its page says so.

The server's clock is set by the test (the `clock` fixture), so the hall is open whatever the real time.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.ticketing.models import Appointment, Ticket
from wicket.ticketing.services import issue
from wicket.ticketing.tests.conftest import ID_A, MONDAY, PHONE, at, clock, th, town_hall  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def clerk_page(browser, live_server, county):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base = live_server.url
    login(pg, county.liaison, county.password)
    return pg


def test_a_citizen_takes_a_ticket_follows_it_and_a_clerk_calls_transfers_and_finishes_it(
        phone_page, page, browser, live_server, county, th, clock):  # noqa: F811
    clock.set(at(MONDAY, 9))
    citizen = phone_page
    citizen.goto(f"{citizen.base}/ticketing/k/{th.kiosk_token}/")
    citizen.get_by_role("link", name="社会保障卡补办").tap()
    citizen.get_by_label("身份证号或手机号（选填）").fill(ID_A)
    citizen.get_by_role("button", name="取号").tap()
    expect(citizen.get_by_test_id("ticket-code")).to_have_text("A001")
    expect(citizen.get_by_test_id("ahead")).to_have_text("0 人")
    status_url = citizen.get_by_test_id("qr").get_attribute("data-url")

    # The same person, the same business, a second time: refused, with the reason.
    citizen.get_by_role("link", name="完成").tap()
    citizen.get_by_role("link", name="城乡居民养老保险参保登记").tap()
    citizen.get_by_label("身份证号或手机号（选填）").fill(ID_A)
    citizen.get_by_role("button", name="取号").tap()
    expect(citizen.get_by_test_id("refused")).to_contain_text("您已有“社会保障”的 A001 号（等候中）")
    assert Ticket.objects.count() == 1

    citizen.goto(status_url)  # what the QR code opens on the holder's phone
    expect(citizen.get_by_test_id("status")).to_have_text("等候中")

    display = page
    display.goto(f"{display.base}/ticketing/d/{th.display_token}/")
    display.get_by_test_id("voice").click()
    expect(display.get_by_test_id("latest")).to_have_text("请留意叫号")

    clerk = clerk_page(browser, live_server, county)
    clerk.goto(f"{clerk.base}/ticketing/halls/{th.hall.hall_id}/windows/1/")
    clerk.get_by_role("button", name="叫下一位").click()
    expect(clerk.get_by_test_id("current-code")).to_have_text("A001")
    expect(clerk.get_by_test_id("current-item")).to_have_text("社会保障 · 社会保障卡补办")
    expect(clerk.get_by_test_id("first-visit")).to_be_visible()

    expect(display.get_by_test_id("latest")).to_contain_text("A001", timeout=5000)
    expect(display.get_by_test_id("latest")).to_contain_text("1 号窗口")
    expect(display.get_by_test_id("caption")).to_have_text("请 A001 号到 1 号窗口办理")
    expect(citizen.get_by_test_id("status")).to_have_text("请到 1 号窗口办理", timeout=15000)

    transfer = clerk.get_by_test_id("transfer")
    transfer.locator("summary").click()
    transfer.get_by_label("或转到窗口").select_option(label="3号窗口 综合窗口")
    transfer.get_by_label("转窗原因").fill("需综合窗口一并受理")
    transfer.get_by_role("button", name="转窗").click()
    expect(clerk.get_by_test_id("caller-message")).to_have_text("A001 号已转到3号窗口")

    clerk.goto(f"{clerk.base}/ticketing/halls/{th.hall.hall_id}/windows/3/")
    clerk.get_by_role("button", name="叫下一位").click()
    expect(clerk.get_by_test_id("current-code")).to_have_text("A001")
    expect(display.get_by_test_id("caption")).to_have_text("请 A001 号到 3 号窗口办理", timeout=5000)
    clerk.get_by_role("button", name="办结").click()
    expect(clerk.get_by_role("button", name="叫下一位")).to_be_visible()
    expect(citizen.get_by_test_id("status")).to_have_text("已办理", timeout=15000)

    clerk.goto(f"{clerk.base}/ticketing/halls/{th.hall.hall_id}/tickets/{Ticket.objects.get().pk}/")
    expect(clerk.get_by_test_id("events")).to_contain_text("需综合窗口一并受理")
    assert ID_A not in citizen.content() and ID_A not in display.content()


def test_a_booked_appointment_is_called_at_its_time_ahead_of_walk_ins(
        phone_page, browser, live_server, county, th, clock):  # noqa: F811
    clock.set(at(MONDAY, 10))
    citizen = phone_page
    citizen.goto(f"{citizen.base}/ticketing/b/{th.booking_token}/")
    citizen.get_by_role("link", name="社会保障卡补办").tap()
    citizen.get_by_role("link", name="3月10日").tap()
    citizen.get_by_text("09:00–09:30").tap()
    citizen.get_by_label("身份证号或手机号").fill(PHONE)
    citizen.get_by_role("button", name="提交预约").tap()
    expect(citizen.get_by_test_id("appt-status")).to_have_text("预约成功")
    code = citizen.get_by_test_id("booking-code").inner_text()
    assert Appointment.objects.get().code == code

    tuesday = MONDAY + dt.timedelta(days=1)
    for minute in (30, 35):  # two walk-ins before the slot
        issue.ticket_issue(hall=th.hall, queue=th.a, item="城乡居民养老保险参保登记", now=at(tuesday, 8, minute))
    clock.set(at(tuesday, 8, 45))
    citizen.goto(f"{citizen.base}/ticketing/k/{th.kiosk_token}/")
    citizen.get_by_role("link", name="已预约？输入预约码签到取号").tap()
    citizen.get_by_label("预约码").fill(code)
    citizen.get_by_role("button", name="签到取号").tap()
    expect(citizen.get_by_test_id("ticket-code")).to_have_text("A003")

    clerk = clerk_page(browser, live_server, county)
    clerk.goto(f"{clerk.base}/ticketing/halls/{th.hall.hall_id}/windows/1/")
    clerk.get_by_role("button", name="叫下一位").click()  # 8:45: the slot has not begun
    expect(clerk.get_by_test_id("current-code")).to_have_text("A001")
    clerk.get_by_role("button", name="办结").click()
    clock.set(at(tuesday, 9, 0, 5))
    clerk.get_by_role("button", name="叫下一位").click()  # 9:00: the appointment goes before A002
    expect(clerk.get_by_test_id("current-code")).to_have_text("A003")
    expect(clerk.get_by_test_id("caller")).to_contain_text("预约")


def test_a_ticket_unserved_at_closing_is_called_first_the_next_working_day(
        phone_page, browser, live_server, county, th, clock):  # noqa: F811
    friday, monday = dt.date(2026, 3, 13), dt.date(2026, 3, 16)
    clock.set(at(friday, 17, 0))
    citizen = phone_page
    citizen.goto(f"{citizen.base}/ticketing/k/{th.kiosk_token}/")
    citizen.get_by_role("link", name="最低生活保障申请").tap()
    citizen.get_by_role("button", name="取号").tap()
    expect(citizen.get_by_test_id("ticket-code")).to_have_text("B001")
    status_url = citizen.get_by_test_id("qr").get_attribute("data-url")
    citizen.goto(status_url)
    expect(citizen.get_by_test_id("kept-note")).to_contain_text("下一个工作日（3月16日）仍然有效")

    clock.set(at(monday, 8, 5))  # the nightly job did not run: the first ticket of Monday carries it over
    issue.ticket_issue(hall=th.hall, queue=th.b, item="最低生活保障申请", now=at(monday, 8, 5))
    citizen.reload()
    expect(citizen.get_by_test_id("carried")).to_have_text("这是您 3月13日 取的号，当天未叫到，今天优先叫号")

    clock.set(at(monday, 8, 31))
    clerk = clerk_page(browser, live_server, county)
    clerk.goto(f"{clerk.base}/ticketing/halls/{th.hall.hall_id}/windows/2/")
    clerk.get_by_role("button", name="叫下一位").click()
    expect(clerk.get_by_test_id("current-code")).to_have_text("B001")
    expect(clerk.get_by_test_id("caller")).to_contain_text("3月13日 取的保留号")
    expect(citizen.get_by_test_id("status")).to_have_text("请到 2 号窗口办理", timeout=15000)
    kept = Ticket.objects.get(issued_on=friday)
    assert kept.status == "called" and kept.carried == 1
