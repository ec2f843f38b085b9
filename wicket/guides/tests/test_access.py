"""Who may see and do what: the centre imports and sends, the supervisor reads, a department's own
liaison and head read their own guides, everyone else gets 404 and changes nothing."""

import pytest
from django.urls import reverse

from wicket.guides.models import Guide, GuideImport, ImportStatus
from wicket.problems.models import Problem

from .conftest import as_json, faulty, upload


def _state():
    return (GuideImport.objects.filter(status=ImportStatus.APPLIED).count(), Guide.objects.count(),
            Problem.objects.count(), GuideImport.objects.filter(status=ImportStatus.PENDING).count())


@pytest.fixture
def pending(county):
    from wicket.guides import services

    return services.guide_import_preview(name="g.json", data=as_json(faulty()), by=county.center_staff)


COUNTY_PAGES = ["guides:overview", "guides:imports"]


@pytest.mark.parametrize("who", ["liaison", "head", "other_liaison", "other_head", "inspector"])
@pytest.mark.parametrize("name", COUNTY_PAGES + ["guides:template"])
def test_county_pages_and_the_template_are_404_for_unit_people(county, client_for, who, name):
    assert client_for(getattr(county, who)).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("who", ["liaison", "other_liaison", "supervisor", "inspector"])
def test_only_centre_staff_may_upload(county, client_for, who):
    before = _state()
    response = upload(client_for(getattr(county, who)), "g.json", as_json(faulty()))
    assert response.status_code == 404 and _state() == before


@pytest.mark.parametrize("who", ["liaison", "other_liaison", "supervisor"])
@pytest.mark.parametrize("action", ["guides:import_confirm", "guides:import_discard", "guides:import_send"])
def test_nobody_but_the_centre_confirms_discards_or_sends_an_import(county, client_for, pending, imported, who,
                                                                        action):
    before = _state()
    for batch in (pending, imported):
        assert client_for(getattr(county, who)).post(reverse(action, args=[batch.pk])).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("who", ["liaison", "other_liaison", "supervisor"])
def test_nobody_but_the_centre_sends_a_departments_findings(county, client_for, imported, who):
    response = client_for(getattr(county, who)).post(reverse("guides:unit_send", args=[county.other_unit.pk]))
    assert response.status_code == 404 and not Problem.objects.exists()


def test_an_import_preview_is_its_uploaders_alone(county, client_for, pending):
    from django.contrib.auth import get_user_model

    from wicket.orgs.models import Membership, Role

    colleague = get_user_model().objects.create(username="center2")
    Membership.objects.create(user=colleague, unit=county.center, role=Role.CENTER_STAFF)
    assert client_for(colleague).get(reverse("guides:import", args=[pending.pk])).status_code == 404
    assert client_for(colleague).post(reverse("guides:import_confirm", args=[pending.pk])).status_code == 404
    assert client_for(county.center_staff).get(reverse("guides:import", args=[pending.pk])).status_code == 200
    assert not Guide.objects.exists()


def test_the_supervisor_reads_everything_but_changes_nothing(county, client_for, imported):
    c = client_for(county.supervisor)
    guide = Guide.objects.first()
    for url in (reverse("guides:overview"), reverse("guides:imports"), reverse("guides:import", args=[imported.pk]),
                reverse("guides:list"), reverse("guides:unit", args=[county.other_unit.pk]),
                reverse("guides:guide", args=[guide.pk])):
        assert c.get(url).status_code == 200, url
    page = c.get(reverse("guides:imports")).content.decode()
    assert "上传并预览" not in page and "下载 xlsx 模板" not in page
    assert "送入问题清单" not in c.get(reverse("guides:unit", args=[county.other_unit.pk])).content.decode()


def test_a_departments_liaison_reads_its_own_guides(county, client_for, imported):
    c = client_for(county.other_liaison)  # the liaison of 县市场监管局
    guide = Guide.objects.get(name="个体工商户设立登记")
    page = c.get(reverse("guides:guide", args=[guide.pk])).content.decode()
    assert "法律、行政法规规定的<mark" in page
    unit_page = c.get(reverse("guides:unit", args=[county.other_unit.pk])).content.decode()
    assert "个体工商户设立登记" in unit_page and "送入问题清单" not in unit_page
    assert "个体工商户设立登记" in c.get(reverse("guides:list"), follow=True).content.decode()


def test_another_units_people_get_404_on_the_departments_guides(county, client_for, imported):
    c = client_for(county.liaison)  # 城关镇
    guide = Guide.objects.first()
    assert c.get(reverse("guides:guide", args=[guide.pk])).status_code == 404
    assert c.get(reverse("guides:unit", args=[county.other_unit.pk])).status_code == 404
    page = c.get(reverse("guides:list") + f"?unit={county.other_unit.pk}").content.decode()
    assert "个体工商户设立登记" not in page and "共 0 个办事指南" in page
