"""The consolidated county tables: laid out for print, totals right, no formulas, opens in LibreOffice."""

import io
import os
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from wicket.registry import services
from wicket.signoff.services import submission_sign

from .conftest import HALL, report_of


@pytest.fixture
def exported(county, rnd, client_for):
    services.hall_create(unit=county.unit, data=dict(HALL), by=county.liaison)
    services.hall_create(unit=county.unit, data={**HALL, "name": "=东街社区代理工作站", "kind": "agency_station",
                                                 "window_count": 1, "authorized_windows": 0, "staff_count": 2,
                                                 "has_copier": False, "phone": "+86 0557-860", "remarks": "@备注"},
                         by=county.liaison)
    submission_sign(submission=services.round_submit(report=report_of(rnd, county.unit), by=county.liaison),
                    by=county.head)
    other = report_of(rnd, county.other_unit)
    services.zero_report_declare(report=other, statement="未单独设立窗口", by=county.other_liaison)
    submission_sign(submission=services.round_submit(report=other, by=county.other_liaison), by=county.other_head)
    response = client_for(county.supervisor).get(reverse("registry:export", args=[rnd.pk]))
    assert response.status_code == 200
    return response.content


def test_the_export_has_both_attachments_and_the_status_sheet(exported):
    wb = openpyxl.load_workbook(io.BytesIO(exported))
    assert wb.sheetnames == ["附件1 镇(园区)", "附件2 县直部门", "报送情况"]
    town = wb["附件1 镇(园区)"]
    assert town["A1"].value == "镇(园区)设立窗口和服务大厅统计表"
    assert [town.cell(3, j).value for j in (1, 2, 3)] == ["序号", "填报单位", "大厅（窗口）名称"]
    copier = next(j for j in range(1, town.max_column + 1) if town.cell(4, j).value == "复印")
    assert copier == 12 and town.cell(3, copier).value == "便民服务设施"
    assert [town.cell(4, j).value for j in range(12, 17)] == ["复印", "高拍仪", "排队叫号机", "指引标识", "咨询台"]


def test_the_totals_row_adds_windows_staff_and_facilities(exported):
    ws = openpyxl.load_workbook(io.BytesIO(exported))["附件1 镇(园区)"]
    header = {ws.cell(3, j).value or ws.cell(4, j).value: j for j in range(1, ws.max_column + 1)}
    header.update({ws.cell(4, j).value: j for j in range(1, ws.max_column + 1) if ws.cell(4, j).value})
    total = ws.max_row
    assert ws.cell(total, 1).value == "合计"
    assert ws.cell(total, header["窗口数"]).value == 9
    assert ws.cell(total, header["可审批窗口数"]).value == 6
    assert ws.cell(total, header["工作人员数"]).value == 12
    assert ws.cell(total, header["复印"]).value == 1  # one of the two provides copying
    assert ws.cell(total, header["大厅（窗口）名称"]).value == "共 2 个"


def test_a_zero_report_shows_as_a_row_with_its_statement(exported):
    ws = openpyxl.load_workbook(io.BytesIO(exported))["附件2 县直部门"]
    assert ws.cell(5, 2).value == "测试县市场监督管理局"
    assert ws.cell(5, ws.max_column).value == "零报告：未单独设立窗口"


def test_text_that_looks_like_a_formula_stays_text(exported):
    ws = openpyxl.load_workbook(io.BytesIO(exported))["附件1 镇(园区)"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in cells} >= {"=东街社区代理工作站", "+86 0557-860", "@备注"}
    assert all(c.data_type == "s" for c in cells)


def test_the_sheets_print_on_a4_landscape_with_repeated_headers(exported):
    wb = openpyxl.load_workbook(io.BytesIO(exported))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert wb["附件1 镇(园区)"].print_title_rows == "$3:$4"


def test_the_export_opens_in_libreoffice(exported, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing: CI must install it")
        print("LibreOffice not installed: skipping the PDF conversion check (apt-get install -y libreoffice-calc)")
        pytest.skip("soffice not found; install libreoffice-calc to run this check")
    src = tmp_path / "export.xlsx"
    src.write_bytes(exported)
    profile = tmp_path / "profile"
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=120)
    pdf = tmp_path / "export.pdf"
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000


def test_the_unit_template_downloads_with_the_units_rows(county, client_for):
    services.hall_create(unit=county.unit, data=dict(HALL), by=county.liaison)
    response = client_for(county.liaison).get(reverse("registry:template", args=[county.unit.pk]))
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(3, 1).value == "填报单位" and ws.cell(4, 1).value == "测试县城关镇人民政府"
    assert ws.cell(4, 2).value == "城关镇为民服务中心" and ws.page_setup.orientation == "landscape"
