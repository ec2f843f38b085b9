"""ECharts options as plain JSON (no functions): static/wicket/app.js hands them straight to ECharts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from analysis.proofs import CANCEL, KEEP, PLEDGE, SHARE

RED = "#d63939"
# (category name, colour) in legend order; a proof in a loop is drawn red whatever its recommendation.
ITEM, CYCLE = "item", "cycle"
CATEGORY_KEYS = (ITEM, KEEP, CANCEL, SHARE, PLEDGE, CYCLE)
COLOURS = {ITEM: "#206bc4", KEEP: "#2fb344", CANCEL: "#9aa0ac", SHARE: "#17a2b8", PLEDGE: "#f76707", CYCLE: RED}
LEVEL_GAP_X = 220
ROW_GAP_Y = 70


def _category_names() -> dict[str, str]:
    return {ITEM: _("办事事项"), KEEP: _("保留的证明"), CANCEL: _("建议取消"), SHARE: _("数据共享免提交"),
            PLEDGE: _("改为告知承诺"), CYCLE: _("循环证明（红色）")}


def chain_option(chain: dict[str, Any]) -> dict[str, Any]:
    """One item's chain as an ECharts graph laid out by level: the item on the left, each level of
    prerequisites one column further right; loops (nodes and edges) in red."""
    names = _category_names()
    index = {key: i for i, key in enumerate(CATEGORY_KEYS)}
    rows: dict[int, int] = defaultdict(int)
    nodes = []
    for n in chain["nodes"]:
        level = n["level"]
        y = rows[level]
        rows[level] += 1
        key = ITEM if n["kind"] == "item" else CYCLE if n["in_cycle"] else n["recommendation"]
        tip = f"{n['unit']} · {n['recommendation']}" if n["kind"] == "proof" else n["unit"]
        node: dict[str, Any] = {
            "id": n["id"], "name": n["name"], "value": tip, "category": index.get(key, index[KEEP]),
            "x": level * LEVEL_GAP_X, "y": y * ROW_GAP_Y, "symbolSize": 46 if n["kind"] == "item" else 32,
        }
        if n["in_cycle"]:
            node["itemStyle"] = {"borderColor": RED, "borderWidth": 3}
        nodes.append(node)
    # centre each column on the tallest one
    tallest = max(rows.values(), default=1)
    for node in nodes:
        level = node["x"] // LEVEL_GAP_X
        node["y"] += (tallest - rows[level]) * ROW_GAP_Y / 2
    level_of = {n["id"]: n["level"] for n in chain["nodes"]}
    links = []
    for e in chain["edges"]:
        link: dict[str, Any] = {"source": e["source"], "target": e["target"]}
        if e["in_cycle"]:
            link["lineStyle"] = {"color": RED, "width": 3, "curveness": 0.25}
        elif level_of.get(e["source"]) == level_of.get(e["target"]):  # within a column: bend it to show it
            link["lineStyle"] = {"curveness": 0.4}
        links.append(link)
    return {
        "tooltip": {},
        "legend": [{"data": [names[k] for k in CATEGORY_KEYS], "top": 0}],
        "animation": False,
        "series": [{
            "type": "graph",
            "layout": "none",
            "roam": True,
            "top": 50, "bottom": 45, "left": 70, "right": 140,
            "categories": [{"name": names[k], "itemStyle": {"color": COLOURS[k]}} for k in CATEGORY_KEYS],
            "data": nodes,
            "links": links,
            "edgeSymbol": ["none", "arrow"],
            "edgeSymbolSize": 9,
            "label": {"show": True, "position": "bottom", "fontSize": 12},
            "lineStyle": {"color": "#8a94a6", "width": 1.5, "opacity": 0.9},
            "emphasis": {"focus": "adjacency"},
        }],
    }


def recommendation_option(counts: list[tuple[str, int]]) -> dict[str, Any]:
    """One bar per recommendation; a bar opens the proof list filtered to it."""
    url = reverse("proofs:list")
    colours = {KEEP: COLOURS[KEEP], CANCEL: COLOURS[CANCEL], SHARE: COLOURS[SHARE], PLEDGE: COLOURS[PLEDGE]}
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"left": 10, "right": 30, "top": 30, "bottom": 20, "containLabel": True},
        "xAxis": {"type": "category", "data": [r for r, _n in counts], "axisLabel": {"interval": 0}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "name": _("证明数"), "label": {"show": True, "position": "top"},
                    "data": [{"value": n, "url": f"{url}?{urlencode({'recommendation': r})}",
                              "itemStyle": {"color": colours[r]}} for r, n in counts]}],
    }
