"""Who may see and do what: the centre imports and sends, the supervisor reads the county, a
department's liaison and head read the proofs their department demands and their own items'
chains; anyone else gets 404 and changes nothing."""

import pytest
from django.urls import reverse

from wicket.problems.models import Problem
from wicket.proofs import services
from wicket.proofs.models import CatalogVersion, ItemRow, ProofRow, VersionStatus

from .conftest import as_json, upload


def _state():
    return (CatalogVersion.objects.filter(status=VersionStatus.APPLIED).count(),
            CatalogVersion.objects.filter(status=VersionStatus.PENDING).count(), ProofRow.objects.count(),
            Problem.objects.count())


@pytest.fixture
def pending(county, imported):
    return services.catalog_version_preview(name="新.json", data=as_json(), by=county.center_staff)


COUNTY_PAGES = ["proofs:overview", "proofs:versions"]
UNIT_PEOPLE = ["liaison", "head", "other_liaison", "other_head", "inspector"]


@pytest.mark.parametrize("who", UNIT_PEOPLE)
@pytest.mark.parametrize("name", COUNTY_PAGES + ["proofs:template"])
def test_county_pages_and_the_template_are_404_for_unit_people(county, client_for, imported, who, name):
    assert client_for(getattr(county, who)).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("who", UNIT_PEOPLE + ["supervisor"])
def test_version_pages_are_404_for_everyone_but_the_county(county, client_for, imported, pending, who):
    c = client_for(getattr(county, who))
    assert c.get(reverse("proofs:version", args=[pending.pk])).status_code == 404
    if who != "supervisor":
        assert c.get(reverse("proofs:version", args=[imported.pk])).status_code == 404


@pytest.mark.parametrize("who", ["liaison", "other_liaison", "supervisor", "inspector"])
def test_only_centre_staff_may_upload(county, client_for, who):
    response = upload(client_for(getattr(county, who)), "目录.json", as_json())
    assert response.status_code == 404 and not CatalogVersion.objects.exists()


@pytest.mark.parametrize("who", ["liaison", "other_liaison", "other_head", "supervisor"])
@pytest.mark.parametrize("action", ["proofs:version_confirm", "proofs:version_discard"])
def test_nobody_but_the_centre_confirms_or_discards(county, client_for, pending, who, action):
    before = _state()
    assert client_for(getattr(county, who)).post(reverse(action, args=[pending.pk])).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("who", ["liaison", "other_liaison", "other_head", "supervisor", "inspector"])
def test_nobody_but_the_centre_sends_findings(county, client_for, imported, who):
    assert client_for(getattr(county, who)).post(reverse("proofs:send")).status_code == 404
    assert not Problem.objects.exists()


def test_a_preview_is_its_uploaders_alone(county, client_for, pending):
    from django.contrib.auth import get_user_model

    from wicket.orgs.models import Membership, Role

    colleague = get_user_model().objects.create(username="center2")
    Membership.objects.create(user=colleague, unit=county.center, role=Role.CENTER_STAFF)
    c = client_for(colleague)
    assert c.get(reverse("proofs:version", args=[pending.pk])).status_code == 404
    assert c.post(reverse("proofs:version_confirm", args=[pending.pk])).status_code == 404
    assert client_for(county.center_staff).get(reverse("proofs:version", args=[pending.pk])).status_code == 200
    pending.refresh_from_db()
    assert pending.status == VersionStatus.PENDING


def test_the_supervisor_reads_everything_but_changes_nothing(county, client_for, imported):
    c = client_for(county.supervisor)
    item = ItemRow.objects.get(item_id="S2")
    for url in (reverse("proofs:overview"), reverse("proofs:versions"), reverse("proofs:version", args=[imported.pk]),
                reverse("proofs:list"), reverse("proofs:items"), reverse("proofs:item", args=[item.pk]),
                reverse("proofs:export")):
        assert c.get(url).status_code == 200, url
    assert "上传并预览" not in c.get(reverse("proofs:versions")).content.decode()
    assert 'data-testid="send"' not in c.get(reverse("proofs:overview")).content.decode()


def test_a_departments_liaison_reads_the_proofs_it_demands_and_its_own_items(county, client_for, imported):
    c = client_for(county.other_liaison)  # 县市场监管局
    page = c.get(reverse("proofs:list")).content.decode()
    # it demands 居住证明, 户籍证明 (S1), 营业执照 (S3) and 房屋所有权证明 (before issuing 土地使用证)
    assert "共 4 项证明" in page
    for name in ("居住证明", "户籍证明", "营业执照", "房屋所有权证明"):
        assert name in page
    assert "收入证明" not in page and "全部索要单位" not in page
    items = c.get(reverse("proofs:items")).content.decode()
    assert "个体工商户设立登记" in items and "宅基地建房审批" not in items
    own = ItemRow.objects.get(item_id="S1")
    assert c.get(reverse("proofs:item", args=[own.pk])).status_code == 200


def test_another_units_item_chain_is_404_for_the_stranger(county, client_for, imported):
    town_item = ItemRow.objects.get(item_id="S2")  # 城关镇's
    for who in ("other_liaison", "other_head", "inspector"):
        assert client_for(getattr(county, who)).get(reverse("proofs:item", args=[town_item.pk])).status_code == 404
    assert client_for(county.head).get(reverse("proofs:item", args=[town_item.pk])).status_code == 200


def test_the_stranger_cannot_widen_the_list_with_a_filter(county, client_for, imported):
    c = client_for(county.other_liaison)
    page = c.get(reverse("proofs:list") + f"?unit={county.unit.pk}").content.decode()
    assert "收入证明" not in page
    assert "宅基地建房审批" not in c.get(reverse("proofs:items") + f"?unit={county.unit.pk}").content.decode()


def test_someone_without_a_role_gets_404_everywhere(county, client_for, imported):
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create(username="nobody")
    c = client_for(nobody)
    item = ItemRow.objects.first()
    for url in (reverse("proofs:list"), reverse("proofs:items"), reverse("proofs:export"),
                reverse("proofs:item", args=[item.pk]), reverse("proofs:overview")):
        assert c.get(url).status_code == 404, url


def test_the_inspector_sees_no_proofs(county, client_for, imported):
    c = client_for(county.inspector)
    for url in (reverse("proofs:list"), reverse("proofs:items"), reverse("proofs:export")):
        assert c.get(url).status_code == 404, url
