"""Proof catalogue in a real browser: the centre imports a catalogue file, sees the proofs with their
recommendations, opens an item's chain (drawn, the loop in red), sends the findings to the problem
list; the demanding department's liaison sees the problem; the 清理清单 downloads and opens."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.problems.models import Problem
from wicket.proofs.tests.conftest import as_json

pytestmark = pytest.mark.django_db(transaction=True)

RED_PIXELS = """el => {
  const c = el.querySelector('canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let red = 0, painted = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0) painted++;
    if (d[i] > 190 && d[i + 1] < 90 && d[i + 2] < 90 && d[i + 3] > 200) red++;
  }
  return [c.width, painted, red];
}"""


def test_centre_staff_import_open_a_chain_send_findings_and_export(page, county, campaign, tmp_path):
    page.on("dialog", lambda d: d.accept())
    path = tmp_path / "青梨县证明事项目录.json"
    path.write_bytes(as_json())
    login(page, county.center_staff, county.password)
    page.get_by_role("link", name="证明材料清理").click()
    page.get_by_role("link", name="导入证明事项目录").first.click()
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/proofs/versions/*/")
    expect(page.get_by_test_id("preview-summary")).to_contain_text("文件中共有证明 6 项、办事事项 3 项、开具单位 4 个")
    expect(page.get_by_test_id("unknown-names")).to_contain_text("村(居)委会")
    page.get_by_test_id("confirm").click()
    expect(page.locator(".alert-success")).to_contain_text("已导入证明事项目录：证明 6 项")

    # The list with recommendations, filtered to what is to be cancelled.
    page.get_by_role("link", name="证明事项清理清单").first.click()
    page.wait_for_url("**/proofs/list/")
    table = page.get_by_test_id("proof-table")
    table.wait_for()
    assert table.locator("tr[data-proof]").count() == 6
    assert table.locator("tr[data-proof=P3] [data-rec]").inner_text() == "取消"
    assert table.locator("tr[data-proof=P1] [data-rec]").inner_text() == "告知承诺"
    page.select_option("select[name=recommendation]", "取消")
    page.wait_for_url("**recommendation=*")
    page.wait_for_function("document.querySelectorAll('#proof-table tr[data-proof]').length === 2")

    # The chain of the blocked item: drawn, the loop red in the graph and marked in the table.
    page.get_by_role("link", name="事项和证明链条").click()
    page.get_by_role("link", name="宅基地建房审批").click()
    chart = page.get_by_test_id("chain-chart")
    chart.locator("canvas").wait_for()
    width, painted, red = chart.evaluate(RED_PIXELS)
    assert width > 300 and painted > 1000 and red > 50
    page.get_by_test_id("chain-table").wait_for()
    assert page.get_by_test_id("chain-table").locator("tr.table-danger").count() == 2
    assert page.get_by_test_id("blocked-badge").is_visible()
    expect(page.locator("[data-figure=issuers_total]")).to_have_text("4")

    # Send to the problem list.
    page.get_by_role("link", name="证明材料清理").first.click()
    page.get_by_test_id("send").click()
    expect(page.locator("[role=status] .alert-success")).to_contain_text("新增问题 9 个")
    assert Problem.objects.filter(unit=county.other_unit).count() == 4

    # Export downloads and opens.
    page.get_by_role("link", name="证明事项清理清单").first.click()
    with page.expect_download() as info:
        page.get_by_test_id("export-link").click()
    ws = load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).active
    assert ws["A1"].value == "证明事项清理清单" and ws.max_row == 3 + 6

    # The demanding department's liaison sees the problem.
    page.context.clear_cookies()
    login(page, county.other_liaison, county.password)
    page.get_by_role("link", name="问题整改清单").click()
    expect(page.locator("#problem-table")).to_contain_text("营业执照")
    page.get_by_role("link", name="本单位索要的证明").click()
    page.wait_for_url("**/proofs/list/")
    assert page.get_by_test_id("proof-table").locator("tr[data-proof]").count() == 4
