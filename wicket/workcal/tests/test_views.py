"""The calendar page: the supervision office alone sees and changes it; everyone else gets 404."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wicket.workcal.models import CalendarDay, CalendarImport, CalendarYear

from .helpers import SPRING_2027

D = dt.date
URL = reverse("workcal:calendar")


def _posts():
    return [
        (reverse("workcal:day_save"), {"day": "2025-11-05", "kind": "holiday", "name": "县定假日"}),
        (reverse("workcal:day_remove", args=["2025-11-05"]), {}),
        (reverse("workcal:year_confirm", args=[2027]), {}),
        (reverse("workcal:year_unconfirm", args=[2027]), {}),
        (reverse("workcal:import_upload"), {"text": SPRING_2027, "whole_years": "on"}),
    ]


@pytest.mark.parametrize("who", ["other_liaison", "liaison", "head", "center_staff", "inspector"])
def test_nobody_but_the_supervision_office_sees_or_changes_the_calendar(county, client_for, who):
    from wicket.workcal import services

    services.calendar_day_set(day=D(2025, 11, 5), kind="holiday", name="县定假日", by=county.supervisor)
    services.calendar_year_confirm(year=2027, by=county.supervisor)
    batch = services.calendar_import_preview(by=county.supervisor, text=SPRING_2027)
    c = client_for(getattr(county, who))
    assert c.get(URL).status_code == 404
    assert c.get(reverse("workcal:import", args=[batch.pk])).status_code == 404
    for url, data in _posts():
        assert c.post(url, data).status_code == 404, url
    for url in (reverse("workcal:import_confirm", args=[batch.pk]), reverse("workcal:import_discard", args=[batch.pk])):
        assert c.post(url).status_code == 404
    assert list(CalendarDay.objects.values_list("day", "name")) == [(D(2025, 11, 5), "县定假日")]
    assert list(CalendarYear.objects.values_list("year", flat=True)) == [2027]
    assert CalendarImport.objects.get().status == "pending"
    assert "工作日历" not in c.get("/").content.decode()


def test_the_office_sees_the_menu_entry_and_the_estimated_years(county, client_for):
    c = client_for(county.supervisor)
    assert URL in c.get("/").content.decode()
    page = c.get(URL + "?year=2027").content.decode()
    assert 'data-testid="year-state">估算' in page
    assert "尚未录入本年的节假日安排" in page
    page = c.get(URL + "?year=2026").content.decode()
    assert 'data-testid="year-state">内置日历' in page and "春节" in page and "2026-02-14" in page


def test_the_office_adds_changes_and_removes_a_day_and_the_history_shows_it(county, client_for):
    c = client_for(county.supervisor)
    r = c.post(reverse("workcal:day_save"), {"day": "2025-11-05", "kind": "holiday", "name": "县定假日"}, follow=True)
    assert r.status_code == 200 and "新增 1 天" in r.content.decode()
    assert 'data-day="2025-11-05"' in r.content.decode()
    c.post(reverse("workcal:day_save"), {"day": "2025-11-05", "kind": "holiday", "name": "县城庆典", "reason": "县政府通知"})
    assert CalendarDay.objects.get().name == "县城庆典"
    # The form of a day already entered is prefilled for a change.
    assert 'value="县城庆典"' in c.get(URL + "?year=2025&day=2025-11-05").content.decode()
    c.post(reverse("workcal:day_remove", args=["2025-11-05"]))
    assert not CalendarDay.objects.exists()
    page = c.get(URL + "?year=2025").content.decode()
    assert "新增 2025-11-05：休（县定假日）" in page
    assert "修改 2025-11-05：休（县定假日） → 休（县城庆典）" in page and "县政府通知" in page
    assert "删除 2025-11-05：休（县城庆典）" in page


def test_a_bad_day_is_refused_with_a_chinese_error(county, client_for):
    c = client_for(county.supervisor)
    r = c.post(reverse("workcal:day_save"), {"day": "2025-11-05", "kind": "holiday", "name": ""})
    assert r.status_code == 400 and "请填写名称" in r.content.decode()
    r = c.post(reverse("workcal:day_save"), {"day": "2025-13-05", "kind": "holiday", "name": "x"})
    assert r.status_code == 400 and "日期格式应为" in r.content.decode()
    r = c.post(reverse("workcal:day_remove", args=["2025-11-05"]), follow=True)
    assert "没有县里录入的安排" in r.content.decode()
    assert not CalendarDay.objects.exists()


def test_pasting_a_schedule_previews_then_confirms_it(county, client_for):
    c = client_for(county.supervisor)
    r = c.post(reverse("workcal:import_upload"), {"text": SPRING_2027, "whole_years": "on"})
    batch = CalendarImport.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("workcal:import", args=[batch.pk])
    page = c.get(r["Location"]).content.decode()
    assert "表中共 11 天：新增 11 天" in page and "2027 年视为已录入全年安排" in page
    assert not CalendarDay.objects.exists()  # nothing saved before the confirmation
    r = c.post(reverse("workcal:import_confirm", args=[batch.pk]), follow=True)
    page = r.content.decode()
    assert "已导入：新增 11 天；2027 年已录入全年安排" in page
    assert 'data-testid="year-state">县里已录入' in page
    assert CalendarDay.objects.count() == 11 and CalendarYear.objects.filter(year=2027).exists()
    # Confirming twice does nothing more.
    r = c.post(reverse("workcal:import_confirm", args=[batch.pk]), follow=True)
    assert "该导入已处理" in r.content.decode() and CalendarDay.objects.count() == 11
    assert "导入 粘贴的内容" in c.get(URL).content.decode()


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_file_imports_only_its_days_when_it_is_not_a_whole_year(county, client_for):
    c = client_for(county.supervisor)
    data = _xlsx([["日期", "类型", "名称"], [dt.date(2027, 5, 7), "休", "县庆"]])
    r = c.post(reverse("workcal:import_upload"), {"file": SimpleUploadedFile("县庆.xlsx", data)})
    batch = CalendarImport.objects.get()
    assert r.status_code == 302 and not batch.whole_years
    c.post(reverse("workcal:import_confirm", args=[batch.pk]))
    assert CalendarDay.objects.get().day == D(2027, 5, 7)
    assert not CalendarYear.objects.exists()
    assert 'data-testid="year-state">估算' in c.get(URL + "?year=2027").content.decode()


@pytest.mark.parametrize(("data", "row", "column", "words"), [
    ({"text": "日期\t类型\t名称\n2027-01-01\t休\t元旦\n2027-02-06\t补\t春节\n"}, "3", "类型", "“补”无法识别"),
    ({"text": "2027-02-30 休 春节"}, "1", "日期", "不存在"),
    ({"file": SimpleUploadedFile("a.csv", "日期,类型,名称\n2027-02-06,休,\n".encode("gbk"))}, "2", "名称", "名称不能为空"),
])
def test_import_errors_name_the_row_and_column_and_nothing_is_saved(county, client_for, data, row, column, words):
    c = client_for(county.supervisor)
    r = c.post(reverse("workcal:import_upload"), data)
    page = r.content.decode()
    assert r.status_code == 400 and words in page
    assert f'data-testid="error-row">{row}<' in page and f'data-testid="error-column">{column}<' in page
    assert not CalendarImport.objects.exists() and not CalendarDay.objects.exists()


def test_neither_or_both_of_paste_and_file_is_refused(county, client_for):
    c = client_for(county.supervisor)
    r = c.post(reverse("workcal:import_upload"), {"text": ""})
    assert r.status_code == 400 and "二者选一" in r.content.decode()


def test_another_office_user_cannot_open_a_pending_preview(county, client_for):
    from wicket.orgs.models import Membership, Role
    from wicket.workcal import services

    colleague = type(county.supervisor).objects.create(username="duchashi2")
    Membership.objects.create(user=colleague, unit=county.office, role=Role.SUPERVISOR)
    batch = services.calendar_import_preview(by=county.supervisor, text=SPRING_2027)
    assert client_for(colleague).get(reverse("workcal:import", args=[batch.pk])).status_code == 404
    assert client_for(colleague).post(reverse("workcal:import_confirm", args=[batch.pk])).status_code == 404


def test_the_page_needs_a_bounded_number_of_queries(county, client_for, django_assert_max_num_queries):
    from wicket.workcal import services

    c = client_for(county.supervisor)
    for i in range(20):
        services.calendar_day_set(day=D(2027, 3, 1) + dt.timedelta(days=i), kind="holiday", name=f"假日{i}",
                                  by=county.supervisor)
        services.calendar_day_set(day=D(2027, 3, 1) + dt.timedelta(days=i), kind="holiday", name=f"改名{i}",
                                  by=county.supervisor)
    services.calendar_year_confirm(year=2027, by=county.supervisor)
    with django_assert_max_num_queries(14):
        r = c.get(URL + "?year=2027")
    assert r.status_code == 200 and "改名19" in r.content.decode()


def test_another_year_comes_as_the_year_panel_alone(county, client_for):
    r = client_for(county.supervisor).get(URL + "?year=2026", HTTP_HX_REQUEST="true")
    page = r.content.decode()
    assert r.status_code == 200 and 'id="year-panel"' in page
    assert "2026-02-17" in page and "日历修改记录" not in page and "<html" not in page
