"""Each item's chain is drawn as an ECharts graph (plain JSON, loops in red) beside its figures."""

import json
import re

from django.urls import reverse

from wicket.proofs.charts import RED
from wicket.proofs.models import ItemRow


def _option(page: str) -> dict:
    m = re.search(r'<script id="chain-option" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_the_chain_is_a_graph_series_with_the_loop_in_red(county, client_for, imported):
    item = ItemRow.objects.get(item_id="S2")
    page = client_for(county.center_staff).get(reverse("proofs:item", args=[item.pk])).content.decode()
    option = _option(page)
    series = option["series"][0]
    assert series["type"] == "graph" and series["layout"] == "none"
    nodes = {n["id"]: n for n in series["data"]}
    assert set(nodes) == {"S2", "P1", "P2", "P3", "P4", "P6"}
    categories = [c["name"] for c in series["categories"]]
    assert option["legend"][0]["data"] == categories and "循环证明（红色）" in categories
    red = categories.index("循环证明（红色）")
    assert {k for k, n in nodes.items() if n["category"] == red} == {"P1", "P2"}
    assert nodes["S2"]["x"] < nodes["P1"]["x"] < nodes["P2"]["x"]  # laid out by level
    red_links = {(e["source"], e["target"]) for e in series["links"] if e.get("lineStyle", {}).get("color") == RED}
    assert red_links == {("P1", "P2"), ("P2", "P1")}
    assert len(series["links"]) == 7  # S2→P1 P3 P4 P6, P1→P2, P2→P1, P6→P3


def test_the_option_is_plain_json_without_functions(county, client_for, imported):
    for item in ItemRow.objects.all():
        page = client_for(county.supervisor).get(reverse("proofs:item", args=[item.pk])).content.decode()
        text = re.search(r'<script id="chain-option" type="application/json">(.*?)</script>', page, re.S).group(1)
        assert "function" not in text and "=>" not in text
        json.loads(text)


def test_the_figures_stand_beside_the_graph_now_and_after(county, client_for, imported):
    item = ItemRow.objects.get(item_id="S2")
    page = client_for(county.center_staff).get(reverse("proofs:item", args=[item.pk])).content.decode()
    figures = dict(re.findall(r'data-figure="(\w+)">(?:<span[^>]*>)?(\d+)', page))
    # chain P1 P2 P3 P4 P6; offices 城关镇, 县市场监管局, 村(居)委会, 县公安局; P6 needs P3: depth 2
    # after: P3 P6 cancelled, P4 shared, P1 pledged (breaks the loop), P2 needed only for P1 -> nothing left
    assert figures == {"proofs_total": "5", "proofs_after": "0", "issuers_total": "4", "issuers_after": "0",
                       "depth": "2", "depth_after": "0"}
    assert 'data-testid="blocked-badge"' in page and 'data-testid="item-cycles"' in page
    assert page.count('data-testid="cycle-badge"') == 2  # P1 and P2 in the table


def test_an_item_without_a_loop_has_no_red(county, client_for, imported):
    item = ItemRow.objects.get(item_id="S3")
    page = client_for(county.center_staff).get(reverse("proofs:item", args=[item.pk])).content.decode()
    option = _option(page)
    assert not any("lineStyle" in e for e in option["series"][0]["links"])
    assert 'data-testid="blocked-badge"' not in page and 'data-testid="cycle-badge"' not in page


def test_an_unknown_item_is_404(county, client_for, imported):
    assert client_for(county.supervisor).get(reverse("proofs:item", args=[999999])).status_code == 404
