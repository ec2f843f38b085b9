"""通报: drafted from the campaign's data, edited, issued and frozen; the .docx follows GB/T 9704-2012."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wicket.problems import services
from wicket.problems.tests.factories import make_problem
from wicket.supervision.models import Circular, Escalation
from wicket.supervision.services.circulars import (
    circular_draft_create,
    circular_issue,
    circular_render,
    next_doc_number,
)
from wicket.supervision.services.escalation import escalation_run


@pytest.fixture
def data(county, campaign):
    today = timezone.localdate()
    # 城关镇: one problem overdue (and escalated), one sent back. 县市场监管局: one closed on time.
    late = make_problem(county.unit, county.liaison, campaign=campaign, title="叫号机故障",
                        found_on=today - dt.timedelta(days=60), deadline=today - dt.timedelta(days=40))
    back = make_problem(county.unit, county.liaison, campaign=campaign, title="指南不清")
    services.problem_transition(problem=back, action="submit", by=county.liaison)
    services.problem_transition(problem=back, action="send_back", by=county.supervisor, note="无照片")
    good = make_problem(county.other_unit, county.other_liaison, campaign=campaign, title="复印",
                        deadline=today + dt.timedelta(days=5))
    services.problem_transition(problem=good, action="submit", by=county.other_liaison)
    services.problem_transition(problem=good, action="close", by=county.supervisor)
    escalation_run(today=today)
    return late


def test_the_draft_names_late_and_sent_back_units_and_commends_the_good_one(county, campaign, data):
    c = circular_draft_create(campaign=campaign, by=county.supervisor)
    body = c.body
    assert "城关镇（1个问题）整改逾期" in body
    assert "城关镇（1次）提交的整改结果经核验不符合要求" in body
    assert "城关镇（1个问题）经下发督办单后仍未按期整改" in body
    assert "县市场监管局等单位" in body and "予以通报表扬" in body
    assert c.issuer == "测试县人民政府办公室文件" and c.signature == "测试县人民政府办公室"
    assert c.doc_number == f"政办〔{timezone.localdate().year}〕1号"


def test_the_number_follows_the_campaign_notice_and_earlier_circulars(county, campaign):
    campaign.doc_number = "青政办〔2026〕18号"
    assert next_doc_number(campaign, 2026) == "青政办〔2026〕19号"
    Circular.objects.create(issuer="x", doc_number="青政办〔2026〕23号", title="t", addressees="a", body="b",
                            signature="s", date=dt.date(2026, 6, 1))
    assert next_doc_number(campaign, 2026) == "青政办〔2026〕24号"
    assert next_doc_number(campaign, 2027) == "青政办〔2027〕1号"


def test_the_supervisor_edits_then_issues_and_it_is_frozen(county, campaign, client_for, data):
    c = circular_draft_create(campaign=campaign, by=county.supervisor)
    client = client_for(county.supervisor)
    form = {"issuer": c.issuer, "doc_number": "政办〔2026〕7号", "title": "关于窗口服务问题的通报",
            "addressees": c.addressees, "body": c.body + "\n特此通报。", "signature": c.signature, "date": "2026-06-18"}
    assert client.post(reverse("supervision:circular", args=[c.pk]), form).status_code == 302
    assert client.post(reverse("supervision:circular_issue", args=[c.pk])).status_code == 302
    c.refresh_from_db()
    assert c.is_issued and c.doc_number == "政办〔2026〕7号" and c.body.endswith("特此通报。") and c.sha256
    assert Escalation.objects.get(level=3).circular == c
    client.post(reverse("supervision:circular", args=[c.pk]), {**form, "title": "改过的标题"})
    c.refresh_from_db()
    assert c.title == "关于窗口服务问题的通报"
    c.title = "x"
    with pytest.raises(ValidationError):
        c.save()
    # The next circular does not name the already-listed escalation again.
    assert circular_draft_create(campaign=campaign, by=county.supervisor).named_units["escalated"] == []


def test_the_docx_has_the_official_layout(county, campaign, data):
    from docx import Document
    from docx.shared import Pt

    c = circular_issue(circular=circular_draft_create(campaign=campaign, by=county.supervisor), by=county.supervisor)
    doc = Document(io.BytesIO(circular_render(c)))
    s = doc.sections[0]
    mm = [round(x.mm) for x in (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin,
                                s.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]  # A4; margins top, bottom, left, right
    paras = [p for p in doc.paragraphs if p.text]
    issuer, number, title = paras[0], paras[1], paras[2]
    assert issuer.text == "测试县人民政府办公室文件" and str(issuer.runs[0].font.color.rgb) == "FF0000"
    assert number.text == c.doc_number and 'w:color="FF0000"' in number._p.xml  # the red separator line
    assert title.text == c.title and title.runs[0].font.size == Pt(22)
    assert 'w:eastAsia="方正小标宋简体"' in title.runs[0]._element.xml
    body = next(p for p in paras if p.text.startswith("根据"))
    assert body.runs[0].font.size == Pt(16) and 'w:eastAsia="仿宋_GB2312"' in body.runs[0]._element.xml
    assert paras[-1].text == f"{c.date.year}年{c.date.month}月{c.date.day}日"


@pytest.mark.parametrize("who", ["liaison", "head", "other_liaison", "inspector", "center_staff"])
def test_only_the_supervisor_reaches_circulars(county, campaign, client_for, data, who):
    c = circular_draft_create(campaign=campaign, by=county.supervisor)
    client = client_for(getattr(county, who))
    for url in (reverse("supervision:circulars"), reverse("supervision:circular", args=[c.pk]),
                reverse("supervision:circular_docx", args=[c.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("supervision:circular_new")).status_code == 404
    assert client.post(reverse("supervision:circular_issue", args=[c.pk])).status_code == 404
    c.refresh_from_db()
    assert not c.is_issued and Circular.objects.count() == 1
