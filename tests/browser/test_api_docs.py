"""The push API's description in a real browser: the vendored Swagger UI draws every operation under
the strict CSP (the `page` fixture fails on any CSP violation or JavaScript error)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_centre_staff_read_the_push_api_operations(page, county):
    login(page, county.center_staff, county.password)
    page.goto(page.base + "/halldata/api/v1/docs/")
    docs = page.get_by_test_id("api-docs")
    for title in ("推送排队叫号记录", "推送咨询电话记录", "推送好差评记录"):
        expect(docs.get_by_text(title)).to_be_visible()
    expect(docs.get_by_text("/halldata/api/v1/tickets", exact=True)).to_be_visible()
    expect(docs.get_by_text("Try it out")).to_have_count(0)  # read-only: a push would store data
