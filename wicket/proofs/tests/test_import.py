"""Centre staff upload the county's catalogue (JSON or the xlsx template), see a preview — counts,
the units found, names that are no unit — and only then store it. A faulty file names the place at
fault and stores nothing."""

import pytest
from django.urls import reverse

from wicket.proofs.models import CatalogVersion, FindingRow, ItemRow, ProofRow, VersionStatus
from wicket.proofs.services import current_version

from .conftest import DEPT, as_json, as_xlsx, catalog, upload


def _stored():
    return (ProofRow.objects.count(), ItemRow.objects.count(), FindingRow.objects.count(),
            CatalogVersion.objects.filter(status=VersionStatus.APPLIED).count())


def test_an_upload_is_previewed_with_its_counts_and_names_before_anything_is_stored(county, client_for):
    c = client_for(county.center_staff)
    response = upload(c, "证明目录.json", as_json())
    version = CatalogVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("proofs:version", args=[version.pk])
    page = c.get(response["Location"]).content.decode()
    assert "文件中共有证明 6 项、办事事项 3 项、开具单位 4 个" in page
    assert "循环证明 1 个" in page
    assert "以下名称未能对应到本县单位" in page and "<li>县公安局 " in page and "<li>村(居)委会 " in page
    # the service centre may register such a name as a unit's other name, straight from here
    assert '/orgs/names/?name=%E5%8E%BF%E5%85%AC%E5%AE%89%E5%B1%80#alias-form' in page
    assert version.status == VersionStatus.PENDING and _stored() == (0, 0, 0, 0)
    assert current_version() is None


def test_confirming_stores_the_catalogue_its_digest_and_its_analysis(county, client_for):
    import hashlib

    c = client_for(county.center_staff)
    data = as_json()
    upload(c, "证明目录.json", data)
    version = CatalogVersion.objects.get()
    response = c.post(reverse("proofs:version_confirm", args=[version.pk]), follow=True)
    assert "已导入证明事项目录：证明 6 项，事项 3 项" in response.content.decode()
    version.refresh_from_db()
    assert version.status == VersionStatus.APPLIED and version.applied_at and version.created_by == county.center_staff
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.catalog["items"][1]["requires"] == ["P1", "P3", "P4", "P6"]
    assert _stored()[:2] == (6, 3) and current_version() == version
    assert set(ProofRow.objects.get(proof_id="P3").demanding_units.all()) == {county.unit, county.other_unit}
    assert ItemRow.objects.get(item_id="S2").unit == county.unit
    # confirming twice is refused
    c.post(reverse("proofs:version_confirm", args=[version.pk]))
    assert ProofRow.objects.count() == 6


def test_a_gbk_json_file_and_the_filled_in_template_are_read_alike(county, client_for):
    c = client_for(county.center_staff)
    for name, data in (("目录.json", as_json(encoding="gbk")), ("目录.xlsx", as_xlsx())):
        upload(c, name, data)
        version = CatalogVersion.objects.filter(status=VersionStatus.PENDING).get()
        assert (version.proof_count, version.item_count, version.finding_count) == (6, 3, 11), name
        c.post(reverse("proofs:version_discard", args=[version.pk]))


def test_the_template_downloads_for_centre_staff(county, client_for):
    response = client_for(county.center_staff).get(reverse("proofs:template"))
    assert response.status_code == 200 and response.content[:4] == b"PK\x03\x04"
    assert "attachment" in response["Content-Disposition"]


def test_a_reference_to_an_undefined_proof_names_the_item_and_the_id_and_stores_nothing(county, client_for):
    bad = catalog()
    bad["items"][1]["requires"] = ["P1", "P404"]
    response = upload(client_for(county.center_staff), "坏目录.json", as_json(bad))
    page = response.content.decode()
    assert response.status_code == 400
    assert "事项“S2”（宅基地建房审批）引用了未定义的证明编号“P404”" in page and "坏目录.json" in page
    assert not CatalogVersion.objects.exists()


def test_a_fault_in_the_template_names_sheet_row_and_column(county, client_for):
    bad = catalog()
    bad["proofs"][2]["requires"] = ["P9"]
    response = upload(client_for(county.center_staff), "坏目录.xlsx", as_xlsx(bad))
    page = response.content.decode()
    assert response.status_code == 400 and "P9" in page
    assert 'data-testid="error-sheet">proofs<' in page and 'data-testid="error-row">4<' in page
    assert "前置证明" in page
    assert not CatalogVersion.objects.exists()


@pytest.mark.parametrize("name, data, message", [
    ("目录.json", b"", "文件为空"),
    ("目录.json", b"{not json", "不是有效的 JSON"),
    ("目录.csv", b"id,name\n", "只能导入 JSON 文件"),
    ("目录.xlsx", b"{}", "只能导入 JSON 文件"),
    ("照片.json", b"\x89PNG\r\n\x1a\n0000", "只能导入 JSON 文件"),
    ("目录.json", b'{"proofs": [], "items": []}', "没有证明"),
])
def test_files_that_are_no_catalogue_are_refused_with_a_reason(county, client_for, name, data, message):
    response = upload(client_for(county.center_staff), name, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not CatalogVersion.objects.exists()


def test_a_name_too_long_for_the_list_is_named_with_its_proof(county, client_for):
    bad = catalog()
    bad["proofs"][0]["name"] = "证" * 301
    response = upload(client_for(county.center_staff), "长.json", as_json(bad))
    assert response.status_code == 400 and "证明“P1”的证明名称太长（301 字）" in response.content.decode()


def test_a_bad_office_limit_is_refused_in_chinese(county, client_for):
    response = upload(client_for(county.center_staff), "目录.json", as_json(), max_issuers=-1)
    assert response.status_code == 400 and "不能为负数" in response.content.decode()
    assert not CatalogVersion.objects.exists()


def test_discarding_a_preview_stores_nothing(county, client_for):
    c = client_for(county.center_staff)
    upload(c, "证明目录.json", as_json())
    version = CatalogVersion.objects.get()
    assert "已放弃导入" in c.post(reverse("proofs:version_discard", args=[version.pk]), follow=True).content.decode()
    assert CatalogVersion.objects.get().status == VersionStatus.DISCARDED and _stored() == (0, 0, 0, 0)


def test_a_new_version_becomes_current_and_replaces_the_old_analysis(county, client_for, imported):
    from wicket.proofs import services

    smaller = catalog(items=[i for i in catalog()["items"] if i["department"] == DEPT])
    version, _ = services.import_catalog(name="新目录.json", data=as_json(smaller), by=county.center_staff)
    assert current_version() == version
    assert ItemRow.objects.count() == 2 and set(ItemRow.objects.values_list("version", flat=True)) == {version.pk}
    assert CatalogVersion.objects.filter(status=VersionStatus.APPLIED).count() == 2
