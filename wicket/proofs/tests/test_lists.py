"""The county list of proofs (the 清理清单) and the list of items: filters, pages, bounded queries."""

import pytest
from django.urls import reverse

from wicket.proofs import services

from .conftest import as_json, catalog


def _rows(page: str) -> list[str]:
    import re

    return re.findall(r'data-proof="([^"]+)"', page)


def test_every_proof_is_listed_with_its_recommendation_and_reason(county, client_for, imported):
    page = client_for(county.center_staff).get(reverse("proofs:list")).content.decode()
    assert _rows(page) == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert 'data-rec="取消"' in page and 'data-rec="数据共享免提交"' in page and 'data-rec="告知承诺"' in page
    assert "无法律法规设定依据，按“没有法律法规依据的一律取消”予以取消" in page
    assert "证明内容可从人口库共享核验" in page
    assert page.count('data-testid="cycle-badge"') == 2


@pytest.mark.parametrize("query, expected", [
    ("recommendation=取消", ["P3", "P6"]),
    ("recommendation=数据共享免提交", ["P4", "P5"]),
    ("issuer=村(居)委会", ["P3", "P6"]),
    ("shared_source=法人库", ["P5"]),
    ("in_cycle=1", ["P1", "P2"]),
    ("q=证明", ["P1", "P3", "P4", "P6"]),
    ("recommendation=不存在", ["P1", "P2", "P3", "P4", "P5", "P6"]),
])
def test_the_list_filters_by_recommendation_issuer_shared_source_and_loop(county, client_for, imported, query,
                                                                             expected):
    page = client_for(county.supervisor).get(reverse("proofs:list") + "?" + query).content.decode()
    assert _rows(page) == expected


def test_the_list_filters_by_demanding_department(county, client_for, imported):
    c = client_for(county.supervisor)
    town = _rows(c.get(reverse("proofs:list") + f"?unit={county.unit.pk}").content.decode())
    dept = _rows(c.get(reverse("proofs:list") + f"?unit={county.other_unit.pk}").content.decode())
    assert town == ["P1", "P2", "P3", "P4", "P6"] and dept == ["P1", "P3", "P4", "P5"]


def test_an_htmx_request_gets_the_table_alone(county, client_for, imported):
    response = client_for(county.supervisor).get(reverse("proofs:list") + "?recommendation=取消",
                                                 HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div class="card" data-testid="proof-table">') and _rows(body) == ["P3", "P6"]


def _big(n: int) -> dict:
    data = catalog()
    data["proofs"] += [{"id": f"X{i:03d}", "name": f"证明{i}", "issuer": "城关镇", "requires": [], "basis": "",
                        "shared_source": None} for i in range(n)]
    data["items"] += [{"id": f"T{i:03d}", "name": f"事项{i}", "department": "城关镇", "requires": [f"X{i:03d}"]}
                      for i in range(n)]
    return data


def test_pages_of_fifty_in_a_bounded_number_of_queries(county, client_for, django_assert_max_num_queries):
    services.import_catalog(name="大.json", data=as_json(_big(120)), by=county.center_staff)
    c = client_for(county.supervisor)
    with django_assert_max_num_queries(14):
        first = c.get(reverse("proofs:list")).content.decode()
    assert len(_rows(first)) == 50 and "第 1 / 3 页" in first
    last = c.get(reverse("proofs:list") + "?page=3").content.decode()
    assert len(_rows(last)) == 26
    with django_assert_max_num_queries(12):
        items = c.get(reverse("proofs:items")).content.decode()
    assert items.count("data-item=") == 50
    with django_assert_max_num_queries(14):
        c.get(reverse("proofs:overview"))
    liaison = client_for(county.liaison)
    with django_assert_max_num_queries(14):
        mine = liaison.get(reverse("proofs:list")).content.decode()
    assert "共 125 项证明" in mine


def test_the_item_list_shows_each_items_figures_and_filters_the_blocked_and_the_over_limit(county, client_for,
                                                                                              imported):
    c = client_for(county.supervisor)
    page = c.get(reverse("proofs:items")).content.decode()
    assert page.count("data-item=") == 3
    assert c.get(reverse("proofs:items") + "?blocked=1").content.decode().count("data-item=") == 1
    over = c.get(reverse("proofs:items") + "?over=1").content.decode()
    assert 'data-item="S2"' in over and over.count("data-item=") == 1


def test_the_overview_shows_the_loop_and_the_figures_before_and_after(county, client_for, imported):
    page = client_for(county.center_staff).get(reverse("proofs:overview")).content.decode()
    assert "房屋所有权证明" in page and "土地使用证" in page and 'data-testid="total-cycles">1<' in page
    assert 'data-testid="send"' in page
    assert "以下名称不是本县单位" in page and "村(居)委会" in page


def test_pages_say_so_when_no_catalogue_is_stored(county, client_for):
    for who, name in (("center_staff", "proofs:overview"), ("supervisor", "proofs:list"),
                      ("liaison", "proofs:list"), ("liaison", "proofs:items")):
        page = client_for(getattr(county, who)).get(reverse(name)).content.decode()
        assert "还没有导入证明事项目录" in page, (who, name)
