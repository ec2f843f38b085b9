"""Offending words are marked in place; the guide's own text is always escaped."""

import pytest
from django.urls import reverse

from wicket.guides import services
from wicket.guides.marking import finding_html, marked_html
from wicket.guides.models import Guide

from .conftest import as_json, guide


@pytest.mark.parametrize("text, spans, html", [
    ("法律、行政法规规定的其他材料", [(10, 14, "兜底条款")],
     '法律、行政法规规定的<mark class="mark-offending" title="兜底条款">其他材料</mark>'),
    ("<b>其他</b>材料", [(3, 5, "x")], '&lt;b&gt;<mark class="mark-offending" title="x">其他</mark>&lt;/b&gt;材料'),
    ("8828006", [(0, 7, "a"), (0, 3, "b")], '<mark class="mark-offending" title="b、a">8828006</mark>'),
    ("abc", [(2, 9, "outside")], "abc"),
])
def test_marked_html_escapes_every_piece(text, spans, html):
    assert str(marked_html(text, spans)) == html


def test_a_missing_value_shows_a_badge():
    assert "未填写" in finding_html("missing_field", {"field": "hours"}, "")


def test_a_guide_with_markup_in_its_text_is_shown_escaped_with_the_words_marked(county, client_for):
    g = guide(code="X")
    g["materials"].append({"name": "<script>alert(1)</script>等材料"})
    services.import_guides(name="x.json", data=as_json(g), by=county.center_staff)
    page = client_for(county.center_staff).get(reverse("guides:guide", args=[Guide.objects.get().pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert '&lt;script&gt;alert(1)&lt;/script&gt;<mark class="mark-offending"' in page


def test_missing_fields_and_fee_words_are_marked_where_they_belong(county, client_for):
    services.import_guides(name="x.json", data=as_json(guide(hours=None, fee="工本费10元")), by=county.center_staff)
    page = client_for(county.center_staff).get(reverse("guides:guide", args=[Guide.objects.get().pk])).content.decode()
    hours = page.split('data-path="hours"')[1].split("</tr>")[0]
    assert "未填写" in hours
    fee = page.split('data-path="fee"')[1].split("</tr>")[0]
    assert '<mark class="mark-offending" title="收费无依据">工本费10元</mark>' in fee


def test_what_a_copy_says_differently_from_the_other_site_is_marked(county, client_for):
    services.import_guides(name="x.json", data=as_json(guide()), by=county.center_staff)
    province = guide(source="省政务服务网", promised_days="10个工作日")
    province["materials"].append({"name": "经营场所平面图", "origin": "申请人自备"})
    services.import_guides(name="p.json", data=as_json(province), by=county.center_staff)
    pk = Guide.objects.get(source="省政务服务网").pk
    page = client_for(county.center_staff).get(reverse("guides:guide", args=[pk])).content.decode()
    promised = page.split('data-path="promised_days"')[1].split("</tr>")[0]
    assert 'title="多渠道发布不一致">10个工作日</mark>' in promised
    assert 'title="多渠道发布不一致">经营场所平面图</mark>' in page
    assert 'title="多渠道发布不一致">食品经营许可申请书</mark>' not in page  # on both sites


def test_a_process_given_as_a_chain_of_names_is_marked(county, client_for):
    chain = [{"name": "提出申请——受理——审核——办结"}]
    services.import_guides(name="x.json", data=as_json(guide(steps=chain)), by=county.center_staff)
    page = client_for(county.center_staff).get(reverse("guides:guide", args=[Guide.objects.get().pk])).content.decode()
    step = page.split('data-path="steps[0].name"')[1].split("</td>")[0]
    assert 'title="环节无具体要求">提出申请——受理——审核——办结</mark>' in step
