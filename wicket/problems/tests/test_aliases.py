"""单位名称对照: who may keep units' other names, what is refused, the history, and that the resolver follows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from analysis.common import Finding
from wicket.orgs.models import Unit
from wicket.orgs.selectors import alias_changes, unit_resolver
from wicket.orgs.services import unit_alias_add, unit_alias_remove
from wicket.problems.intake import findings_intake
from wicket.problems.models import Problem

URL = reverse("orgs:names")


def add(county, unit, alias, reason="办事指南中写作此名"):
    return unit_alias_add(unit=unit, alias=alias, reason=reason, by=county.center_staff)


# ---------------------------------------------------------------- the service


def test_an_alias_is_trimmed_and_stored(county):
    add(county, county.other_unit, "  县市场局\u3000")
    county.other_unit.refresh_from_db()
    assert county.other_unit.aliases == ["县市场局"]


@pytest.mark.parametrize("blank", ["", "   ", "\u3000\u3000"])
def test_a_blank_alias_is_refused(county, blank):
    with pytest.raises(ValidationError, match="其他名称不能为空"):
        add(county, county.other_unit, blank)


def test_a_reason_is_required(county):
    with pytest.raises(ValidationError, match="请写明原因"):
        add(county, county.other_unit, "县市场局", reason="  ")
    assert Unit.objects.get(pk=county.other_unit.pk).aliases == []


@pytest.mark.parametrize(("alias", "what"), [
    ("测试县城关镇人民政府", "单位名称"),
    ("城关 镇", "简称"),  # spaces don't count
    ("测试县城关镇人民政府 ", "单位名称"),
])
def test_an_alias_another_unit_already_answers_to_is_refused_naming_that_unit(county, alias, what):
    with pytest.raises(ValidationError) as exc:
        add(county, county.other_unit, alias)
    message = exc.value.messages[0]
    assert "“测试县城关镇人民政府”的" + what in message and "同一个名称只能对应一个单位" in message
    assert Unit.objects.get(pk=county.other_unit.pk).aliases == []


def test_full_width_and_half_width_brackets_are_the_same_name(county):
    add(county, county.unit, "城关镇（便民服务中心）")
    with pytest.raises(ValidationError, match="已经是“测试县城关镇人民政府”的其他名称"):
        add(county, county.other_unit, "城关镇(便民服务中心)")
    assert unit_resolver()("城关镇 (便民服务中心)") == county.unit


def test_a_name_the_unit_already_has_is_refused_as_unneeded(county):
    with pytest.raises(ValidationError, match="不需要再添加"):
        add(county, county.other_unit, "县市场监管局")


def test_removing_an_alias_needs_a_reason_and_an_alias_the_unit_has(county):
    add(county, county.other_unit, "县市场局")
    with pytest.raises(ValidationError, match="请写明原因"):
        unit_alias_remove(unit=county.other_unit, alias="县市场局", reason="", by=county.supervisor)
    with pytest.raises(ValidationError, match="不是“测试县市场监督管理局”的其他名称"):
        unit_alias_remove(unit=county.other_unit, alias="县工商局", reason="写错", by=county.supervisor)
    unit_alias_remove(unit=county.other_unit, alias="县市场局", reason="写错了", by=county.supervisor)
    assert Unit.objects.get(pk=county.other_unit.pk).aliases == []
    assert unit_resolver()("县市场局") is None


def test_every_change_is_kept_in_history_with_who_and_why(county):
    add(county, county.other_unit, "县市场局", reason="指南部门名称")
    unit_alias_remove(unit=county.other_unit, alias="县市场局", reason="已改用全称", by=county.supervisor)
    removed, added = alias_changes()
    assert (added.unit_name, added.added, added.removed, added.reason, added.by) == (
        "测试县市场监督管理局", ["县市场局"], [], "指南部门名称", county.center_staff)
    assert (removed.added, removed.removed, removed.reason, removed.by) == ([], ["县市场局"], "已改用全称",
                                                                           county.supervisor)
    # The fixture's own alias of 城关镇 is where it started, not a change.
    assert len(alias_changes()) == 2


def test_after_adding_an_alias_an_intake_finding_naming_it_lands_in_that_unit(county):
    finding = Finding(kind="catch_all_clause", checklist="1.1", subject="县市场局", message="删除兜底条款",
                      key=("a",), evidence={"text": "a"})

    def intake():
        return findings_intake(findings=[finding], detector="guides", scope="guides:县市场局",
                               resolve_unit=unit_resolver(), by=county.center_staff)

    assert intake().unresolved == {"县市场局": 1}
    add(county, county.other_unit, "县市场局")
    assert intake().created == 1
    assert Problem.objects.get().unit == county.other_unit


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("who", ["supervisor", "center_staff"])
def test_county_wide_staff_see_every_unit_with_its_names(county, client_for, who):
    page = client_for(getattr(county, who)).get(URL).content.decode()
    assert "测试县市场监督管理局" in page and "县市场监管局" in page and "城关镇" in page


@pytest.mark.parametrize("who", ["liaison", "head", "other_liaison", "inspector"])
def test_anyone_else_gets_404(county, client_for, who):
    c = client_for(getattr(county, who))
    assert c.get(URL).status_code == 404
    assert c.post(URL, {"unit": county.other_unit.pk, "alias": "县市场局", "reason": "x"}).status_code == 404
    remove = reverse("orgs:alias_remove", args=[county.unit.pk])
    assert c.get(remove + "?alias=城关镇").status_code == 404
    assert c.post(remove, {"alias": "城关镇", "reason": "x"}).status_code == 404
    assert Unit.objects.get(pk=county.unit.pk).aliases == ["城关镇"]


def test_the_page_is_in_the_menu_of_county_wide_staff_only(county, client_for):
    assert URL in client_for(county.supervisor).get(reverse("home")).content.decode()
    assert URL not in client_for(county.liaison).get(reverse("home")).content.decode()


def test_search_finds_a_unit_by_any_of_its_names(county, client_for):
    page = client_for(county.supervisor).get(URL, {"q": "市场 监管"}).content.decode()
    page = page.split("各单位的名称")[1].split('id="history"')[0]
    assert "测试县市场监督管理局" in page and "测试县城关镇人民政府" not in page


def test_adding_through_the_page_shows_the_alias_and_the_history(county, client_for):
    c = client_for(county.supervisor)
    r = c.post(URL, {"unit": county.other_unit.pk, "alias": " 县市场局 ", "reason": "投诉记录中的写法"}, follow=True)
    page = r.content.decode()
    assert "已把“县市场局”设为“测试县市场监督管理局”的其他名称" in page
    assert Unit.objects.get(pk=county.other_unit.pk).aliases == ["县市场局"]
    history = c.get(URL).content.decode().split('id="history"')[1]
    assert "添加“县市场局”" in history and "投诉记录中的写法" in history and "督查" in history


def test_a_refused_alias_is_explained_on_the_form_and_nothing_is_saved(county, client_for):
    r = client_for(county.supervisor).post(URL, {"unit": county.other_unit.pk, "alias": "城关镇", "reason": "x"})
    assert r.status_code == 400
    assert "已经是“测试县城关镇人民政府”的简称" in r.content.decode()
    assert Unit.objects.get(pk=county.other_unit.pk).aliases == []


def test_a_blank_alias_or_reason_is_refused_on_the_form(county, client_for):
    r = client_for(county.supervisor).post(URL, {"unit": county.other_unit.pk, "alias": "  ", "reason": ""})
    page = r.content.decode()
    assert r.status_code == 400 and "其他名称不能为空" in page and "请写明原因" in page


def test_removing_through_the_page_asks_for_a_reason(county, client_for):
    c = client_for(county.center_staff)
    remove = reverse("orgs:alias_remove", args=[county.unit.pk])
    assert "城关镇" in c.get(remove, {"alias": "城关镇"}).content.decode()
    assert c.post(remove, {"alias": "城关镇", "reason": ""}).status_code == 400
    assert Unit.objects.get(pk=county.unit.pk).aliases == ["城关镇"]
    c.post(remove, {"alias": "城关镇", "reason": "与简称重复"})
    assert Unit.objects.get(pk=county.unit.pk).aliases == []
    assert "删除“城关镇”" in c.get(URL).content.decode()


def test_the_prefill_url_puts_the_name_in_the_form_and_suggests_units(county, client_for):
    page = client_for(county.supervisor).get(URL, {"name": "县市场局"}).content.decode()
    assert 'name="alias" value="县市场局"' in page
    assert "“县市场局”还没有对应到任何单位" in page
    suggestions = page.split("可能是")[1].split("</p>")[0]
    assert "测试县市场监督管理局" in suggestions


def test_the_prefill_url_with_a_unit_preselects_it(county, client_for):
    page = client_for(county.supervisor).get(URL, {"name": "县市场局", "unit": county.other_unit.pk}).content.decode()
    assert f'<option value="{county.other_unit.pk}" selected>' in page


def test_the_prefill_url_says_when_the_name_is_already_known(county, client_for):
    page = client_for(county.supervisor).get(URL, {"name": "县市场 监管局"}).content.decode()
    assert "已经对应到单位“测试县市场监督管理局”" in page


# ---------------------------------------------------------------- the include for previews


def render_link(user, name):
    request = RequestFactory().get("/")
    request.user = user
    template = engines["django"].from_string('{% include "orgs/_alias_link.html" with name=name %}')
    return template.render({"name": name}, request)


def test_the_link_include_renders_for_county_wide_staff_only(county, django_assert_max_num_queries):
    html = render_link(county.supervisor, "县市场局")
    assert "把“县市场局”设为某单位的其他名称" in html
    assert URL + "?name=%E5%8E%BF%E5%B8%82%E5%9C%BA%E5%B1%80" in html
    assert render_link(county.liaison, "县市场局").strip() == ""
    with django_assert_max_num_queries(0):  # roles are cached on the user: no query per link
        for _ in range(20):
            render_link(county.supervisor, "县市场局")
