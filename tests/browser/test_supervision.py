"""Supervision in the browser: an inspector's finding on a phone, a 督办单 the head acknowledges,
and a circular drafted, edited, issued and opened in LibreOffice."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from wicket.core.demo_images import solid_png
from wicket.problems.models import Problem, Source
from wicket.problems.tests.factories import make_problem
from wicket.supervision.models import Circular, Escalation, EscalationLevel
from wicket.supervision.services.tasks import task_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_inspector_records_a_finding_with_a_photo_on_a_phone(phone_page, county, campaign):
    today = dt.date.today()
    task = task_create(by=county.supervisor, title="城关镇现场督查", method="onsite_check", inspectors=[county.inspector],
                       units=[county.unit], starts_on=today, ends_on=today, checklist_codes=["4.2"], campaign=campaign)
    page = phone_page
    login(page, county.inspector, county.password)
    page.get_by_text("督查任务：城关镇现场督查").click()
    page.get_by_test_id("record-finding").click()
    page.select_option("#id_checklist_code", "4.2")
    page.fill("#id_title", "大厅无排队叫号机")
    page.fill("#id_description", "群众围在咨询台")
    page.set_input_files("#id_photos", files=[{"name": "现场.png", "mimeType": "image/png", "buffer": solid_png()}])
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已记录：大厅无排队叫号机").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling on a phone
    problem = Problem.objects.get(title="大厅无排队叫号机")
    assert problem.source == Source.ONSITE_CHECK and problem.unit == county.unit and problem.deadline
    assert problem.evidence.get().name == "现场.png"
    assert task.findings.get().problem == problem


def test_an_overdue_problem_escalates_to_an_order_the_head_acknowledges(page, county, campaign):
    make_problem(county.unit, county.liaison, campaign=campaign, title="叫号机故障未修复",
                 found_on=dt.date(2025, 9, 1), deadline=dt.date(2025, 9, 30))
    login(page, county.supervisor, county.password)
    page.goto(page.base + "/supervision/escalations/")
    page.get_by_test_id("run-escalation").click()
    page.get_by_text("已执行督办：新增 3 条").wait_for()
    order = Escalation.objects.get(level=EscalationLevel.ORDER)
    page.context.clear_cookies()
    login(page, county.head, county.password)
    page.get_by_text(f"待签收督办单 {order.number}").click()
    page.fill("#id_note", "已部署整改，5个工作日内完成")
    page.get_by_role("button", name="签收督办单").click()
    expect(page.get_by_test_id("acknowledged")).to_contain_text("王镇长 已于")
    order.refresh_from_db()
    assert order.acknowledged_by == county.head and order.ack_note == "已部署整改，5个工作日内完成"


def _office_text(docx: Path, tmp: Path) -> str:
    """Convert with LibreOffice (the test of "opens"), then read the text back from the PDF or the docx."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice (LibreOffice) not found: CI must install it")
        print("SKIP reason: soffice (LibreOffice) not found; install libreoffice-writer to check the circular")
        pytest.skip("soffice (LibreOffice) not found")
    profile = f"file://{tmp}/lo-profile-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(docx)], check=True, timeout=180, capture_output=True)
    pdf = tmp / (docx.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    with zipfile.ZipFile(docx) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_a_circular_is_drafted_edited_issued_and_opens_in_libreoffice(page, county, campaign, tmp_path):
    make_problem(county.unit, county.liaison, campaign=campaign, title="叫号机故障未修复",
                 found_on=dt.date(2025, 9, 1), deadline=dt.date(2025, 9, 30))
    page.on("dialog", lambda d: d.accept())
    login(page, county.supervisor, county.password)
    page.goto(page.base + "/supervision/circulars/")
    page.get_by_role("button", name="根据督查数据起草通报").click()
    assert "城关镇（1个问题）整改逾期" in page.input_value("#id_body")
    page.fill("#id_title", "关于全县窗口服务突出问题集中督查情况的通报")
    page.fill("#id_doc_number", "青政办〔2026〕21号")
    page.fill("#id_body", page.input_value("#id_body") + "\n特此通报。")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("通报已保存").wait_for()
    page.get_by_test_id("issue").click()
    page.get_by_text("通报已印发，内容已冻结").wait_for()
    expect(page.get_by_test_id("issued")).to_contain_text("特此通报。")
    circular = Circular.objects.get()
    assert circular.is_issued and circular.doc_number == "青政办〔2026〕21号"
    page.goto(page.base + "/supervision/circulars/")
    assert "已印发" in page.content() and "青政办〔2026〕21号" in page.content()
    with page.expect_download() as info:
        page.goto(page.base + "/supervision/circulars/")
        page.get_by_role("link", name="下载 Word").click()
    docx = tmp_path / "circular.docx"
    info.value.save_as(docx)
    # A GB/T 9704 title in 2号小标宋 takes about 20 characters a line, so a longer title wraps (梯形):
    # read the text as a reader would, across line breaks.
    text = "".join(_office_text(docx, tmp_path).split())
    assert "关于全县窗口服务突出问题集中督查情况的通报" in text
    assert "青政办〔2026〕21号" in text
