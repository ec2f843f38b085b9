"""The county overview ranks departments by findings per item; its figures are the database's."""

import json

from django.db.models import Count
from django.urls import reverse

from wicket.guides import services
from wicket.guides.models import Finding, Guide
from wicket.guides.selectors import county_overview

from .conftest import as_json, faulty, guide


def _two_departments(county):
    # 县市场监管局: 2 items on the county site, one again on the province site (differently): 3 + 1 findings
    services.import_guides(name="a.json", data=as_json(guide(), faulty()), by=county.center_staff)
    services.import_guides(name="b.json", data=as_json(guide(source="省政务服务网", fee="10元", fee_basis="x")),
                           by=county.center_staff)
    # 城关镇: 1 item, 1 finding (no supervision phone)
    services.import_guides(name="c.json", data=as_json(guide(department="城关镇", code="T1", supervision_phone=None)),
                           by=county.center_staff)


def test_the_overview_figures_equal_the_database_counts(county, client_for):
    _two_departments(county)
    o = county_overview()
    assert [r.unit.pk for r in o.rows] == [county.other_unit.pk, county.unit.pk]  # 3 / 2 = 1.5 before 1 / 1
    dept, town = o.rows
    assert (dept.guides, dept.items, dept.sources, dept.findings) == (3, 2, 2, 3)
    assert (town.guides, town.items, town.findings) == (1, 1, 1)
    assert dept.per_item == 1.5 and town.per_item == 1.0
    assert o.guides == Guide.objects.count() and o.findings == Finding.objects.count()
    db = {(r["unit_id"], r["kind"]): r["n"] for r in Finding.objects.values("unit_id", "kind").annotate(n=Count("id"))}
    assert {(r.unit.pk, k): n for r in o.rows for k, n in r.kinds.items()} == db
    assert dict((k, n) for k, _, _, n in o.kinds) == dict(
        Finding.objects.values_list("kind").annotate(n=Count("id")))


def test_the_overview_page_shows_the_ranking_chart_and_the_kinds_table(county, client_for):
    _two_departments(county)
    page = client_for(county.supervisor).get(reverse("guides:overview")).content.decode()
    assert 'data-testid="total-findings">4<' in page and 'data-testid="total-items">3<' in page
    chart = json.loads(page.split('id="chart-ranking" type="application/json">')[1].split("</script>")[0])
    bars = chart["series"][0]["data"]
    assert [b["value"] for b in bars] == [1.0, 1.5]  # ECharts draws the first category at the bottom
    assert bars[1]["url"] == reverse("guides:unit", args=[county.other_unit.pk])
    assert f'href="{reverse("guides:unit", args=[county.unit.pk])}?kind=missing_field">1</a>' in page


def test_filters_by_kind_and_checklist_find_the_guides_with_those_findings(county, client_for):
    _two_departments(county)
    c = client_for(county.center_staff)
    unit_url = reverse("guides:unit", args=[county.other_unit.pk])
    page = c.get(unit_url + "?kind=bad_phone").content.decode()
    assert "共 1 个办事指南" in page and "个体工商户设立登记" in page
    page = c.get(unit_url + "?checklist=1.2").content.decode()
    assert "共 2 个办事指南" in page  # the cross-site finding names both copies
    page = c.get(reverse("guides:list") + "?source=省政务服务网").content.decode()
    assert "共 1 个办事指南" in page
