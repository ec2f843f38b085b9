"""The liaison's page: register halls, upload a table, see the preview, confirm; history is kept."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wicket.registry.models import Hall

from .conftest import HALL, report_of
from .test_import import row, workbook


def _post_data(**extra):
    data = {k: v for k, v in HALL.items() if not isinstance(v, bool) or v}
    data.update(extra)
    return data


def test_the_liaison_registers_and_edits_a_hall_and_the_change_is_in_its_history(county, rnd, client_for):
    c = client_for(county.liaison)
    assert c.get(reverse("registry:home")).url == reverse("registry:unit", args=[county.unit.pk])
    response = c.post(reverse("registry:hall_new", args=[county.unit.pk]), _post_data())
    assert response.status_code == 302
    hall = Hall.objects.get()
    assert hall.has_copier and hall.window_count == 8 and report_of(rnd, county.unit).started_at
    c.post(reverse("registry:hall", args=[hall.pk]), _post_data(window_count=9, authorized_windows=9))
    page = c.get(reverse("registry:hall", args=[hall.pk])).content.decode()
    assert "修改记录" in page and "窗口数" in page and "李经办" in page


def test_more_approving_windows_than_windows_is_refused_in_chinese(county, client_for):
    response = client_for(county.liaison).post(reverse("registry:hall_new", args=[county.unit.pk]),
                                               _post_data(window_count=2, authorized_windows=3))
    assert response.status_code == 400 and "可审批窗口数不能大于窗口数" in response.content.decode()
    assert not Hall.objects.exists()


def test_a_town_cannot_register_a_department_hall_kind(county, client_for):
    response = client_for(county.liaison).post(reverse("registry:hall_new", args=[county.unit.pk]),
                                               _post_data(kind="department"))
    assert response.status_code == 400 and not Hall.objects.exists()


def test_an_upload_is_previewed_and_stored_only_on_confirm(county, client_for):
    c = client_for(county.liaison)
    response = c.post(reverse("registry:upload", args=[county.unit.pk]),
                      {"file": SimpleUploadedFile("表.xlsx", workbook([row()]))})
    preview_url = response.url
    page = c.get(preview_url).content.decode()
    assert "城关镇为民服务中心" in page and "确认导入" in page and not Hall.objects.exists()
    c.post(preview_url + "confirm/")
    assert Hall.objects.get().authorized_windows == 6


def test_a_refused_upload_lists_its_errors_on_the_page(county, client_for):
    response = client_for(county.liaison).post(
        reverse("registry:upload", args=[county.unit.pk]),
        {"file": SimpleUploadedFile("表.xlsx", workbook([row(unit="县市场监管局")]))})
    body = response.content.decode()
    assert response.status_code == 400 and "文件未导入" in body and "第 4 行" in body and "工作表 填报表" in body
    assert not Hall.objects.exists()


def test_a_zero_report_is_declared_and_shows_on_the_page(county, rnd, client_for):
    c = client_for(county.other_liaison)
    report = report_of(rnd, county.other_unit)
    c.post(reverse("registry:zero", args=[report.pk]), {"statement": "本局未单独设立窗口"})
    page = c.get(reverse("registry:unit", args=[county.other_unit.pk])).content.decode()
    assert "已声明零报告" in page and "本局未单独设立窗口" in page
    response = c.post(reverse("registry:submit", args=[report.pk]))
    assert "零报告" in c.get(response.url).content.decode()
