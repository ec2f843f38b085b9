"""Uploads that do not fit the template are refused whole, with sheet, row and column named."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wicket.registry import services, xlsx
from wicket.registry.models import Hall, ImportPreview
from wicket.registry.tables import columns_for

HEADER = ["填报单位"] + [c.label for c in columns_for("town")]


def row(name="城关镇为民服务中心", unit="城关镇", kind="为民服务中心", windows=8, authorized=6, **extra):
    values = {"填报单位": unit, "大厅（窗口）名称": name, "类型": kind, "地址": "政府大院", "窗口数": windows,
              "可审批窗口数": authorized, "工作人员数": 10, "办公时间": "8:00-17:30", "办理事项": "社保",
              "咨询电话": "0557-8600001", "复印": "有", "高拍仪": "无", "排队叫号机": "有", "指引标识": "有",
              "咨询台": "无", "负责人": "王主任", "负责人电话": "13900000001", "备注": ""}
    values.update(extra)
    return [values.get(h, "") for h in HEADER]


def workbook(rows, header=HEADER, title=True) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报表"
    if title:
        ws.append(["镇(园区)设立窗口和服务大厅统计表"])
        ws.append(["填报单位：城关镇"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(county, data, name="表.xlsx"):
    return services.import_preview_create(unit=county.unit, upload=SimpleUploadedFile(name, data), by=county.liaison)


def refused(county, data, name="表.xlsx"):
    with pytest.raises(xlsx.ImportRefused) as exc:
        upload(county, data, name)
    assert Hall.objects.count() == 0 and ImportPreview.objects.count() == 0
    return exc.value.errors


def test_a_good_workbook_is_previewed_then_stored_on_confirm(county):
    preview = upload(county, workbook([row(), row("东街社区为民服务全程代理工作站", kind="代理工作站", windows=1,
                                                    authorized=0)]))
    assert Hall.objects.count() == 0
    assert [r["name"] for r in preview.rows] == ["城关镇为民服务中心", "东街社区为民服务全程代理工作站"]
    assert preview.rows[0]["has_copier"] is True and preview.rows[0]["has_scanner"] is False
    halls = services.import_preview_confirm(preview=preview, by=county.liaison)
    assert [(h.kind, h.window_count, h.authorized_windows) for h in halls] == [("citizen_center", 8, 6),
                                                                               ("agency_station", 1, 0)]
    assert ImportPreview.objects.count() == 0


def test_a_gbk_csv_is_read_like_the_workbook(county):
    text = ",".join(HEADER) + "\n" + ",".join(str(v) for v in row()) + "\n"
    preview = upload(county, text.encode("gbk"), "表.csv")
    assert preview.rows[0]["name"] == "城关镇为民服务中心" and preview.rows[0]["window_count"] == 8


def test_wrong_headers_are_refused_naming_the_expected_columns(county):
    errors = refused(county, workbook([["a", "b", "c"]], header=["序号", "单位", "数量"]))
    assert "找不到表头" in str(errors[0]) and "大厅（窗口）名称" in str(errors[0])


def test_a_missing_required_column_is_named_with_its_header_row(county):
    header = [h for h in HEADER if h != "可审批窗口数"]
    errors = refused(county, workbook([row()[:-1]], header=header))
    assert errors[0].row == 3 and errors[0].column == "可审批窗口数" and errors[0].sheet == "填报表"
    assert "缺少必需的列" in str(errors[0])


def test_an_empty_file_is_refused(county):
    assert "文件为空" in str(refused(county, b"   \n", "表.csv")[0])


def test_a_template_without_rows_is_refused_pointing_to_the_zero_report(county):
    assert "零报告" in str(refused(county, workbook([]))[0])


def test_a_huge_file_is_refused_before_it_is_read(county):
    errors = refused(county, b"a,b\n" * (xlsx.MAX_BYTES // 4 + 10), "表.csv")
    assert "文件太大" in str(errors[0])


def test_too_many_rows_are_refused(county):
    rows = [row(f"窗口{i}") for i in range(xlsx.MAX_ROWS + 1)]
    assert "数据行太多" in str(refused(county, workbook(rows))[0])


def test_formula_cells_are_refused_with_their_cell(county):
    wb_bytes = workbook([row(windows="=3+5")])
    errors = refused(county, wb_bytes)
    assert errors[0].row == 4 and errors[0].column == "E（窗口数）" and "公式" in str(errors[0])


def test_a_csv_cell_starting_with_equals_is_refused_as_a_formula(county):
    text = ",".join(HEADER) + "\n" + ",".join(str(v) for v in row(name='=HYPERLINK("http://x")')) + "\n"
    errors = refused(county, text.encode("utf-8"), "表.csv")
    assert errors[0].row == 2 and errors[0].column == "大厅（窗口）名称" and "公式" in str(errors[0])


def test_a_row_naming_another_unit_is_refused(county):
    errors = refused(county, workbook([row(), row("市场主体登记窗口", unit="县市场监管局")]))
    assert len(errors) == 1
    assert errors[0].row == 5 and errors[0].column == "填报单位" and "县市场监管局" in str(errors[0])
    assert "不是本单位" in str(errors[0])


def test_every_bad_cell_is_listed_not_only_the_first(county):
    errors = refused(county, workbook([row(kind="大礼堂"), row("二号", windows="很多"), row("三号", windows=2, authorized=5),
                                       row("城关镇为民服务中心", 复印="也许")]))
    found = {(e.row, e.column) for e in errors}
    assert {(4, "类型"), (5, "窗口数"), (6, "可审批窗口数"), (7, "复印"), (7, "大厅（窗口）名称")} <= found
    assert any("与第 4 行重复" in str(e) for e in errors)


def test_a_renamed_executable_is_refused(county):
    assert "内容不是允许的类型" in str(refused(county, b"MZ\x90\x00" + b"0" * 100, "表.xlsx")[0])


def test_a_broken_upload_keeps_the_existing_register(county, hall):
    with pytest.raises(xlsx.ImportRefused):
        upload(county, workbook([row(kind="大礼堂")]))
    assert list(Hall.objects.values_list("name", flat=True)) == ["城关镇为民服务中心"]


def test_the_unit_template_reads_back_unchanged(county, hall):
    from wicket.registry.snapshot import hall_row

    data = xlsx.unit_template(unit=county.unit, table="town", rows=[hall_row(hall, "town")])
    preview = upload(county, data)
    stored = {k: v for k, v in hall_row(hall, "town").items() if k != "kind_label"}
    assert preview.rows == [stored]
