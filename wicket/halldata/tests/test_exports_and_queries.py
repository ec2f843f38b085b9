"""Every chart exports its table to xlsx; the dashboards read a bounded number of queries."""

import io

import openpyxl

from wicket.halldata import services
from wicket.halldata.models import Ticket

from .helpers import CALL_FIELDS, RATING_FIELDS, call, csv_bytes, four_tickets, rating, tickets_gbk


def _store_all(county):
    by = county.center_staff
    rows = four_tickets()
    rows[0]["item"] = "=HYPERLINK(1)"
    services.import_log(kind="tickets", name="t.csv", data=tickets_gbk(rows), by=by)
    services.import_log(kind="calls", name="c.csv", by=by, data=csv_bytes(
        [call("C1", "0557-1", "城关镇", "2026-03-02 09:00:00", True),
         call("C2", "0557-1", "城关镇", "2026-03-02 10:00:00", False)], fields=CALL_FIELDS))
    services.import_log(kind="ratings", name="r.csv", by=by, data=csv_bytes(
        [rating("R1", "城关镇", "综合窗口1", "2026-03-02 09:00:00", 5)], fields=RATING_FIELDS))


def test_the_heat_map_exports_the_mean_waits_it_draws(client_for, county, halls):
    _store_all(county)
    response = client_for(county.liaison).get(f"/halldata/halls/{halls.town.pk}/export/heatmap.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[3]] == ["星期", "9时", "16时"]
    assert [c.value for c in ws[4]] == ["周一", 20.0, None]


def test_an_item_that_looks_like_a_formula_is_exported_as_text(client_for, county, halls):
    _store_all(county)
    assert Ticket.objects.filter(item="=HYPERLINK(1)").exists()
    response = client_for(county.center_staff).get(f"/halldata/halls/{halls.town.pk}/export/items.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    items = [ws.cell(row=r, column=1) for r in range(4, ws.max_row + 1)]
    assert "'=HYPERLINK(1)" in [c.value for c in items] and all(c.data_type == "s" for c in items)


def test_the_line_export_holds_the_answer_rate(client_for, county, halls):
    _store_all(county)
    response = client_for(county.supervisor).get("/halldata/county/calls/export/lines.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[4]][:5] == ["测试县城关镇人民政府", "0557-1", 2, 1, 0.5]
    assert ws.cell(row=4, column=5).number_format == "0.0%"


def test_an_unknown_chart_is_404(client_for, county, halls):
    _store_all(county)
    assert client_for(county.supervisor).get(f"/halldata/halls/{halls.town.pk}/export/nope.xlsx").status_code == 404


def test_dashboards_use_a_bounded_number_of_queries(client_for, county, halls, django_assert_max_num_queries):
    _store_all(county)
    staff = client_for(county.center_staff)
    for url in ("/halldata/", f"/halldata/halls/{halls.town.pk}/", f"/halldata/units/{county.unit.pk}/",
                "/halldata/county/calls/", "/halldata/county/ratings/", "/halldata/uploads/"):
        staff.get(url)  # warm the per-user caches
        with django_assert_max_num_queries(14):
            assert staff.get(url).status_code == 200
