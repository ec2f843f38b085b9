import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from wicket.campaigns.services.inspection import REPORT_KIND, report_submit
from wicket.checklist.services import CampaignError
from wicket.signoff.models import Submission
from wicket.signoff.services import submission_sign

from .helpers import answer_all


@pytest.fixture
def phase(campaign):
    return campaign.phases.get(kind="supervision")


def test_a_report_cannot_be_submitted_before_every_point_is_answered(county, campaign, phase):
    answer_all(campaign, county.unit, county.liaison, skip=("1.3", "6"))
    with pytest.raises(CampaignError, match="还有 2 个要点未填写：1.3、6"):
        report_submit(campaign=campaign, unit=county.unit, phase=phase, by=county.liaison)
    assert not Submission.objects.exists()


def test_the_report_freezes_answers_and_problem_list_for_the_heads_signature(county, campaign, phase, client_for):
    answer_all(campaign, county.unit, county.liaison, problems={"4.1": "大厅未提供复印服务"})
    r = client_for(county.liaison).post(reverse("campaigns:report_submit", args=[campaign.pk, county.unit.pk, phase.pk]))
    sub = Submission.objects.get()
    assert r["Location"] == reverse("signoff:detail", args=[sub.pk])
    assert (sub.kind, sub.key, sub.status) == (REPORT_KIND, f"phase:{phase.pk}", "awaiting_signature")
    assert [p["title"] for p in sub.content["problems"]] == ["大厅未提供复印服务"]
    assert sub.content["totals"]["points"] == 13 and sub.content["totals"]["problem_points"] == 1
    assert sub.digest_matches()
    page = client_for(county.head).get(reverse("signoff:detail", args=[sub.pk])).content.decode()
    assert "大厅未提供复印服务" in page and "集中督查阶段排查整改情况报告" in page
    client_for(county.head).post(reverse("signoff:sign", args=[sub.pk]))
    sub.refresh_from_db()
    assert sub.status == "signed" and sub.signer_name == "王镇长"
    body = client_for(county.liaison).get(reverse("campaigns:report", args=[campaign.pk, county.unit.pk])).content.decode()
    assert "已签字报送" in body


def test_the_report_docx_is_a4_with_official_fonts_and_the_signature(county, campaign, phase, client_for):
    answer_all(campaign, county.unit, county.liaison, problems={"5": "上午高峰等候超过60分钟"})
    sub = report_submit(campaign=campaign, unit=county.unit, phase=phase, by=county.liaison)
    submission_sign(submission=sub, by=county.head)
    r = client_for(county.liaison).get(reverse("campaigns:report_docx", args=[campaign.pk, county.unit.pk, phase.pk]))
    assert r["Content-Type"].endswith("wordprocessingml.document")
    doc = Document(io.BytesIO(r.content))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "测试县城关镇人民政府" in text and "集中督查阶段排查整改情况报告" in text
    assert "主要负责人（签字）：王镇长" in text and sub.digest in text
    title_run = doc.paragraphs[0].runs[0]
    assert title_run.font.name == "黑体"
    assert title_run._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "黑体"
    assert doc.styles["Normal"].font.name == "仿宋"
    cells = [c.text for row in doc.tables[1].rows for c in row.cells]
    assert "上午高峰等候超过60分钟" in cells


def test_the_problem_list_xlsx_keeps_formula_like_text_as_text(county, campaign, client_for):
    answer_all(campaign, county.unit, county.liaison, problems={"1.1": "=HYPERLINK(\"http://x\")", "2.1": "重复证明"})
    r = client_for(county.head).get(reverse("campaigns:problems_xlsx", args=[campaign.pk, county.unit.pk]))
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [row[3] for row in rows] == ["=HYPERLINK(\"http://x\")", "重复证明"]
    assert ws.cell(row=3, column=4).data_type == "s"
    assert ws.cell(row=2, column=4).value == "问题"
