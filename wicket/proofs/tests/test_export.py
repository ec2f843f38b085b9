"""The 证明事项清理清单 as xlsx: title, header, one row per proof, A4 landscape, no formulas."""

import io
import os
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wicket.proofs import services

from .conftest import as_json, catalog

HEADER = ["序号", "证明名称", "设定依据", "索要单位", "开具单位", "清理建议", "理由", "涉及事项数"]


def _sheet(response):
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content)).active


def test_the_export_lists_every_proof_with_its_recommendation(county, client_for, imported):
    ws = _sheet(client_for(county.center_staff).get(reverse("proofs:export")))
    assert ws["A1"].value == "证明事项清理清单"
    assert [c.value for c in ws[3]] == HEADER
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert [r[1] for r in rows] == ["房屋所有权证明", "土地使用证", "居住证明", "户籍证明", "营业执照", "收入证明"]
    residence = rows[2]
    assert residence[2] == "无" and residence[3] == "县市场监管局、城关镇、村(居)委会" and residence[4] == "村(居)委会"
    assert residence[5] == "取消" and residence[6].startswith("无法律法规设定依据") and residence[7] == 2
    assert rows[0][5] == "告知承诺" and rows[3][5] == "数据共享免提交"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$3:$3"


def test_the_export_follows_the_lists_filters(county, client_for, imported):
    ws = _sheet(client_for(county.supervisor).get(reverse("proofs:export") + "?recommendation=取消"))
    assert [r[1].value for r in ws.iter_rows(min_row=4)] == ["居住证明", "收入证明"]


def test_a_liaison_exports_only_what_the_department_demands(county, client_for, imported):
    ws = _sheet(client_for(county.other_liaison).get(reverse("proofs:export")))
    assert ws["A1"].value == "县市场监管局索要的证明事项清理清单"
    assert [r[1].value for r in ws.iter_rows(min_row=4)] == ["房屋所有权证明", "居住证明", "户籍证明", "营业执照"]


def test_text_that_looks_like_a_formula_stays_text(county, client_for):
    data = catalog()
    data["proofs"][2]["name"] = "=HYPERLINK(\"http://x\")居住证明"
    data["proofs"][3]["basis"] = "+《户口登记条例》"
    data["proofs"][4]["issuer"] = "@县市场监管局"
    services.import_catalog(name="f.json", data=as_json(data), by=county.center_staff)
    ws = _sheet(client_for(county.center_staff).get(reverse("proofs:export")))
    cells = [c for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value[:1] in "=+-@"]
    assert len(risky) == 3 and all(c.data_type == "s" for c in risky)


def test_the_export_opens_in_libreoffice(county, client_for, imported, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing: CI must install it")
        pytest.skip("soffice not found; install libreoffice-calc to run this check")
    path = tmp_path / "list.xlsx"
    path.write_bytes(client_for(county.center_staff).get(reverse("proofs:export")).content)
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
                             str(path)], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    text = (tmp_path / "list.csv").read_text("utf-8")
    assert "证明事项清理清单" in text and "数据共享免提交" in text and "房屋所有权证明" in text
