import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document

from wicket.campaigns.models import CampaignSummary
from wicket.campaigns.services import summaries
from wicket.campaigns.services.inspection import report_submit
from wicket.checklist.services import CampaignError
from wicket.signoff.services import submission_sign

from .helpers import answer_all


@pytest.fixture
def data(county, campaign):
    answer_all(campaign, county.unit, county.liaison, problems={"1.1": "指南不清", "2.1": "重复证明"})
    sub = report_submit(campaign=campaign, unit=county.unit, phase=campaign.phases.get(kind="self_inspection"),
                        by=county.liaison)
    return submission_sign(submission=sub, by=county.head)


def test_the_summary_is_generated_from_the_data(county, campaign, client_for, data):
    client_for(county.supervisor).post(reverse("campaigns:summary_generate", args=[campaign.pk]))
    text = CampaignSummary.objects.get().text
    assert "共排查发现问题 2 个" in text
    assert "第1类“群众不清楚也不容易搞清楚办事要求”1 个，已销号 0 个" in text
    assert "自查自纠 2 个" in text and "测试县城关镇人民政府（2 个）" in text
    # the other unit signed nothing for 自查自纠, whose deadline has passed
    assert "测试县市场监督管理局：自查自纠阶段报告未签字报送" in text


def test_the_supervisor_edits_then_issues_and_the_issued_summary_is_frozen(county, campaign, client_for, data):
    c = client_for(county.supervisor)
    c.post(reverse("campaigns:summary_generate", args=[campaign.pk]))
    s = CampaignSummary.objects.get()
    c.post(reverse("campaigns:summary_save", args=[campaign.pk]),
           {"version": s.version, "title": s.title, "text": s.text + "\n六、其他\n补充一段说明。"})
    s.refresh_from_db()
    assert s.text.endswith("补充一段说明。") and s.status == "draft"
    c.post(reverse("campaigns:summary_save", args=[campaign.pk]),
           {"version": s.version, "title": s.title, "text": s.text, "issue": "1"})
    s.refresh_from_db()
    assert s.status == "issued" and s.issued_by == county.supervisor and len(s.digest) == 64
    r = c.post(reverse("campaigns:summary_save", args=[campaign.pk]),
               {"version": s.version, "title": s.title, "text": "改掉"})
    assert r.status_code == 409 and "已印发" in r.content.decode()
    with pytest.raises(CampaignError):
        summaries.summary_generate(campaign=campaign, by=county.supervisor)
    s.refresh_from_db()
    assert s.text.endswith("补充一段说明。")
    doc = Document(io.BytesIO(c.get(reverse("campaigns:summary_docx", args=[campaign.pk])).content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == s.title and "六、其他" in texts
    heading = next(p for p in doc.paragraphs if p.text == "一、排查发现的问题")
    assert heading.runs[0].font.name == "黑体"


def test_a_stale_summary_edit_is_refused_and_the_first_kept(county, campaign, client_for, data):
    c = client_for(county.supervisor)
    c.post(reverse("campaigns:summary_generate", args=[campaign.pk]))
    s = CampaignSummary.objects.get()
    c.post(reverse("campaigns:summary_save", args=[campaign.pk]), {"version": s.version, "title": s.title, "text": "第一位"})
    r = c.post(reverse("campaigns:summary_save", args=[campaign.pk]), {"version": s.version, "title": s.title, "text": "第二位"})
    assert r.status_code == 409 and "其他人已修改" in r.content.decode() and "第二位" in r.content.decode()
    assert CampaignSummary.objects.get().text == "第一位"


def test_the_inspection_pack_holds_the_summary_and_every_signed_report(county, campaign, client_for, data):
    c = client_for(county.supervisor)
    c.post(reverse("campaigns:summary_generate", args=[campaign.pk]))
    r = c.get(reverse("campaigns:pack", args=[campaign.pk]))
    z = zipfile.ZipFile(io.BytesIO(r.content))
    names = z.namelist()
    assert "00_工作总结（草稿）.docx" in names and "02_报送情况一览.xlsx" in names
    reports = [n for n in names if n.startswith("01_单位报告/")]
    assert reports == ["01_单位报告/测试县城关镇人民政府_自查自纠_v1.docx"]
    doc = Document(io.BytesIO(z.read(reports[0])))
    assert data.digest in "\n".join(p.text for p in doc.paragraphs)
