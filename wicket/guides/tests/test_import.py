"""The centre uploads a file, sees a preview, confirms it; a re-import of the same department and
source replaces those copies; the batches stay as history."""

import json

from django.urls import reverse

from analysis.guides import guides_from_xlsx, guides_template_xlsx, load_guides
from wicket.guides import services
from wicket.guides.models import Finding, Guide, GuideImport, ImportStatus

from .conftest import DEPT, as_json, as_jsonl, faulty, guide, upload


def test_the_preview_counts_guides_departments_and_findings_and_stores_nothing(county, client_for):
    c = client_for(county.center_staff)
    response = upload(c, "县市场监管局.json", as_json(guide(), faulty()))
    batch = GuideImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("guides:import", args=[batch.pk])
    page = c.get(response.url).content.decode()
    assert "文件中共 2 个办事指南，涉及 1 个部门、1 个发布来源，体检发现问题 2 条" in page
    assert "兜底条款" in page and "电话号码不规范" in page and "法律、行政法规规定的<mark" in page
    assert batch.status == ImportStatus.PENDING and not Guide.objects.exists()


def test_confirming_stores_the_guides_for_the_resolved_department(county, client_for):
    c = client_for(county.center_staff)
    upload(c, "县市场监管局.json", as_json(guide(), faulty()))
    batch = GuideImport.objects.get()
    response = c.post(reverse("guides:import_confirm", args=[batch.pk]), follow=True)
    assert "已导入 2 个办事指南（替换原有 0 个），涉及 1 个部门" in response.content.decode()
    assert set(Guide.objects.values_list("unit__short_name", "source")) == {(DEPT, "县政务服务网")}
    stored = Guide.objects.get(name="个体工商户设立登记")
    assert stored.finding_count == 2 and stored.data["phone"] == "8828006" and stored.batch == batch
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.payload is None


def test_discarding_stores_nothing(county, client_for):
    c = client_for(county.center_staff)
    upload(c, "g.json", as_json(faulty()))
    batch = GuideImport.objects.get()
    c.post(reverse("guides:import_discard", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DISCARDED and not Guide.objects.exists()
    assert c.post(reverse("guides:import_confirm", args=[batch.pk])).status_code == 302
    assert not Guide.objects.exists()


def test_a_reimport_replaces_the_same_department_and_source_and_keeps_the_history(county, imported):
    province = guide(source="省政务服务网")
    services.import_guides(name="省.json", data=as_json(province), by=county.center_staff)
    services.import_guides(name="县市场监管局-修订.json", data=as_json(guide(), faulty(phone="0557-8828006")),
                           by=county.center_staff)
    assert Guide.objects.filter(source="县政务服务网").count() == 2
    assert Guide.objects.filter(source="省政务服务网").count() == 1  # another source is left alone
    assert GuideImport.objects.filter(status=ImportStatus.APPLIED).count() == 3
    assert GuideImport.objects.order_by("-id").first().replaced_count == 2
    assert not Finding.objects.filter(kind="bad_phone").exists()


def test_unknown_departments_are_listed_and_block_the_import(county, client_for):
    c = client_for(county.center_staff)
    upload(c, "g.json", as_json(guide(), guide(department="县不存在局", code="X1")))
    batch = GuideImport.objects.get()
    page = c.get(reverse("guides:import", args=[batch.pk])).content.decode()
    assert "以下实施主体未能对应到单位" in page and "县不存在局" in page
    response = c.post(reverse("guides:import_confirm", args=[batch.pk]), follow=True)
    assert "县不存在局" in response.content.decode() and not Guide.objects.exists()


def test_registering_the_unknown_name_as_an_other_name_unblocks_the_same_upload(county, client_for):
    from wicket.orgs.services import unit_alias_add

    c = client_for(county.center_staff)
    upload(c, "g.json", as_json(guide(department="县市监局", code="X1")))
    batch = GuideImport.objects.get()
    page = c.get(reverse("guides:import", args=[batch.pk])).content.decode()
    assert "/orgs/names/?name=%E5%8E%BF%E5%B8%82%E7%9B%91%E5%B1%80#alias-form" in page  # 县市监局
    unit_alias_add(unit=county.other_unit, alias="县市监局", reason="办事指南中的简写", by=county.center_staff)
    page = c.get(reverse("guides:import", args=[batch.pk])).content.decode()
    assert "以下实施主体未能对应到单位" not in page
    c.post(reverse("guides:import_confirm", args=[batch.pk]))
    assert Guide.objects.get(code="X1").unit == county.other_unit


def test_gbk_json_lines_are_read(county, client_for):
    c = client_for(county.center_staff)
    response = upload(c, "县市场监管局.jsonl", as_jsonl(guide(), faulty(), encoding="gbk"))
    assert response.status_code == 302
    assert GuideImport.objects.get().guide_count == 2 and GuideImport.objects.get().finding_count == 2


def test_the_template_downloads_and_a_filled_template_imports(county, client_for):
    c = client_for(county.center_staff)
    response = c.get(reverse("guides:template"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert guides_from_xlsx(b"".join(response.streaming_content) if response.streaming else response.content,
                            file="t.xlsx") == []
    filled = guides_template_xlsx(load_guides(as_json(guide(), faulty()), file="x.json"))
    assert upload(c, "指南.xlsx", filled).status_code == 302
    batch = GuideImport.objects.get()
    assert (batch.guide_count, batch.finding_count) == (2, 2)


def _refused(c, name, data):
    response = upload(c, name, data)
    assert response.status_code == 400
    assert not GuideImport.objects.exists() and not Guide.objects.exists()
    return response.content.decode()


def test_a_json_syntax_error_names_the_file_line_and_column(county, client_for):
    page = _refused(client_for(county.center_staff), "坏.json", b'[{"name": "x", "department": "d",}]')
    assert "坏.json" in page and 'data-testid="error-row">1<' in page and 'data-testid="error-column"' in page


def test_a_value_it_cannot_read_is_a_finding_on_its_guide_not_a_refusal(county, client_for):
    bad = guide()
    bad["materials"][1]["required"] = "也许"
    c = client_for(county.center_staff)
    assert upload(c, "g.json", as_json(guide(), bad)).status_code == 302
    batch = GuideImport.objects.get()
    assert batch.guide_count == 2 and batch.kind_counts.get("unreadable_value") == 1
    page = c.get(reverse("guides:import", args=[batch.pk])).content.decode()
    assert 'data-kind="unreadable_value"' in page and "申请材料第 2 项的是否必需“也许”无法识别" in page


def test_a_guide_without_a_department_is_refused_naming_its_path(county, client_for):
    bad = guide()
    bad.pop("department")
    page = _refused(client_for(county.center_staff), "g.json", as_json(guide(), bad))
    assert "[1].department" in page and "实施主体" in page


def test_a_json_lines_fault_names_its_line(county, client_for):
    data = as_jsonl(guide()) + b"\n" + json.dumps({"name": "缺实施主体"}, ensure_ascii=False).encode()
    page = _refused(client_for(county.center_staff), "g.jsonl", data)
    assert 'data-testid="error-row">2<' in page and "实施主体" in page


def test_a_workbook_cell_it_cannot_read_names_sheet_row_and_column(county, client_for):
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(guides_template_xlsx(load_guides(as_json(guide()), file="x.json"))))
    wb["申请材料"]["C2"] = "也许"  # 是否必需
    buf = io.BytesIO()
    wb.save(buf)
    c = client_for(county.center_staff)
    assert upload(c, "指南.xlsx", buf.getvalue()).status_code == 302  # a bad cell is a finding, not a refusal
    page = c.get(reverse("guides:import", args=[GuideImport.objects.get().pk])).content.decode()
    assert "工作表 申请材料 第 2 行 是否必需" in page


def test_empty_files_pictures_and_other_types_are_refused(county, client_for):
    c = client_for(county.center_staff)
    assert "空文件" in _refused(c, "g.json", b"")
    assert "只能导入" in _refused(c, "photo.json", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert "只能导入" in _refused(c, "guides.txt", as_json(guide()))
    assert "xlsx" in _refused(c, "fake.xlsx", as_json(guide()))
    assert "没有办事指南" in _refused(c, "g.json", b"[]")


def test_a_value_too_long_to_store_is_refused_with_its_path(county, client_for):
    page = _refused(client_for(county.center_staff), "g.json", as_json(guide(), guide(code="X" * 101)))
    assert "事项编码太长" in page and "[1].code" in page
