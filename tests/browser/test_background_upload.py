"""A large ticket log in a real browser, with a real worker: the upload returns at once, a progress
bar follows the check, the preview appears by itself, 确认保存 starts the store with its own bar,
and the page ends on the stored upload, whose link leads to the finished dashboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.core.tests.worker import shared_settings, worker_process
from wicket.halldata.tests.helpers import HALL, big_log
from wicket.registry.models import Hall, HallKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_ticket_log_is_checked_and_stored_in_the_background(page, county, settings, tmp_path):
    hall = Hall.objects.create(unit=county.unit, name=HALL, kind=HallKind.CITIZEN_CENTER, window_count=4)
    settings.WICKET_BACKGROUND_BYTES = 1024
    path = tmp_path / "全年叫号.csv"
    path.write_bytes(big_log(days=40, per_day=500))  # 20,000 tickets, 3 MB
    with shared_settings(tmp_path), worker_process(tmp_path):
        login(page, county.center_staff, county.password)
        page.goto(page.base + "/halldata/uploads/")
        page.select_option("#id_kind", label="排队叫号记录")
        page.set_input_files("#id_file", str(path))
        page.get_by_role("button", name="上传并预览").click()
        page.wait_for_url("**/halldata/uploads/*/")
        expect(page.get_by_test_id("job-progress")).to_be_visible()
        expect(page.get_by_test_id("preview-rows")).to_have_text("20000", timeout=60_000)
        expect(page.get_by_test_id("job-message")).to_contain_text("文件已检查：20000 条记录")

        page.get_by_role("button", name="确认保存").click()
        expect(page.get_by_test_id("job-progress")).to_be_visible()
        expect(page.get_by_test_id("upload-status")).to_have_text("已保存", timeout=90_000)
        expect(page.get_by_test_id("job-message")).to_contain_text("已保存 20000 条记录（替换原有 0 条）")
        page.get_by_test_id("job-done").click()

    expect(page.get_by_test_id("halls")).to_contain_text(HALL)
    page.get_by_role("link", name=HALL).click()
    page.wait_for_url(f"**/halldata/halls/{hall.pk}/")
    expect(page.get_by_test_id("tickets")).to_have_text("20000")
