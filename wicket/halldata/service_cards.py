"""Consultation-phone (1.3) and 好差评 (6) cards, from calls / ratings Snapshots (typed by wicket.halldata.contracts)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .cards import GB_T_33358, INT, NUM, PCT, Card, Col, bar_option, pct
from .contracts import (
    CallFigures,
    CallReport,
    CallsData,
    RatingFigures,
    RatingGroup,
    RatingReport,
    RatingsData,
)

CALL_COLS = [Col(_("来电"), INT), Col(_("接听"), INT), Col(_("接通率"), PCT), Col(_("15 秒内接听占比"), PCT),
             Col(_("平均振铃（秒）"), NUM), Col(_("无人接听"), INT), Col(_("占线"), INT)]


def _call_cells(r: CallFigures) -> list[Any]:
    return [r["calls"], r["answered"], r["answer_rate"], r["answered_within_share"], r["mean_ring_seconds"],
            r["no_answer"], r["busy"]]


def call_lines(report: CallReport, *, county: bool, unit_urls: dict[str, str]) -> Card:
    lines = report.get("by_line", [])
    labels = [f"{r['line']}" + (f"（{r['unit']}）" if county else "") for r in lines]
    option = bar_option(labels, [
        {"name": _("接通率"), "data": [{"value": pct(r["answer_rate"]), "url": unit_urls.get(r["unit"], "")}
                                    for r in lines]},
        {"name": _("15 秒内接听占比"), "data": [pct(r["answered_within_share"]) for r in lines]}],
        percent=True, target=GB_T_33358)
    rows = [[r["unit"], r["line"], *_call_cells(r)] for r in lines]
    return Card("lines", _("各咨询电话接通率"), [Col(_("单位")), Col(_("号码")), *CALL_COLS], rows, option,
                links=[unit_urls.get(r["unit"], "") for r in lines] if county else [],
                note=_("GB/T 33358：政务服务热线接通率不低于 95%，红线为 95%；接通率低于 95% 的号码列为问题（清单 1.3）"))


def call_hours(report: CallReport) -> Card:
    hours = report.get("by_hour", [])
    option = bar_option([f"{r['hour']}时" for r in hours], [
        {"name": _("接通率"), "data": [pct(r["answer_rate"]) for r in hours]},
        {"name": _("15 秒内接听占比"), "data": [pct(r["answered_within_share"]) for r in hours]}],
        percent=True, target=GB_T_33358)
    rows = [[f"{r['hour']}时", *_call_cells(r)] for r in hours]
    return Card("hours", _("各时段接通率"), [Col(_("时段")), *CALL_COLS], rows, option)


def call_units(report: CallReport, unit_urls: dict[str, str]) -> Card:
    units = report.get("by_unit", [])
    rows = [[r["unit"], r["lines"], *_call_cells(r)] for r in units]
    return Card("units", _("各单位咨询电话"), [Col(_("单位")), Col(_("号码数"), INT), *CALL_COLS], rows,
                links=[unit_urls.get(r["unit"], "") for r in units])


RATING_COLS = [Col(_("评价"), INT), Col(_("满意率"), PCT), Col(_("差评"), INT), Col(_("平均等级"), NUM),
               Col(_("按期答复"), INT), Col(_("超期答复"), INT), Col(_("超期未答复"), INT), Col(_("未到期"), INT)]


def _rating_cells(r: RatingFigures) -> list[Any]:
    rep = r.get("bad_replies") or {}
    return [r["ratings"], r["satisfaction"], r["bad"], r["mean_level"], rep.get("on_time", 0), rep.get("late", 0),
            rep.get("overdue", 0), rep.get("pending", 0)]


def _groups(report: RatingReport, dimension: str) -> list[RatingGroup]:
    return {"unit": report["by_unit"], "window": report["by_window"], "item": report["by_item"],
            "staff": report["by_staff"]}[dimension]


def _name(r: RatingGroup, dimension: str) -> str | None:
    """The group's name under its dimension: a window, an item, a member of staff, or the unit itself."""
    if dimension == "window":
        return r.get("window")
    if dimension == "item":
        return r.get("item")
    if dimension == "staff":
        return r.get("staff")
    return r["unit"]


def rating_groups(report: RatingReport, dimension: str, *, unit_urls: dict[str, str],
                  chart: bool = True, county: bool = True) -> Card:
    groups = _groups(report, dimension)
    titles = {"unit": _("各单位满意率"), "window": _("各窗口满意率"), "item": _("各事项满意率"),
              "staff": _("各工作人员满意率")}
    heads = {"unit": [Col(_("单位"))], "window": [Col(_("单位")), Col(_("窗口"))],
             "item": [Col(_("单位")), Col(_("事项"))], "staff": [Col(_("单位")), Col(_("工作人员"))]}
    rows = [([r["unit"]] if dimension == "unit" else [r["unit"], _name(r, dimension)]) + _rating_cells(r) for r in groups]
    option = None
    if chart:
        shown = sorted(groups, key=lambda r: r["satisfaction"] if r["satisfaction"] is not None else 1)[:20]
        labels = [((_name(r, dimension) or "") if dimension == "unit" or not county
                   else f"{r['unit']} {_name(r, dimension)}") for r in shown]
        option = bar_option(labels[::-1], [
            {"name": _("满意率"), "data": [{"value": pct(r["satisfaction"]), "url": unit_urls.get(r["unit"], "")}
                                        for r in shown][::-1]}], percent=True, target=GB_T_33358, horizontal=True)
        option["xAxis"]["min"] = 50
    return Card(dimension, titles[dimension], heads[dimension] + RATING_COLS, rows, option, tall=chart,
                links=[unit_urls.get(r["unit"], "") for r in groups] if county else [],
                note=_("满意率 = 基本满意及以上 / 全部评价；差评 = 不满意、非常不满意") if chart else "")


def worst(report: RatingReport, dimension: str) -> Card:
    """The worst windows (or items) and their 差评, for the table and the export."""
    entries = report["worst_windows"] if dimension == "window" else report["worst_items"]
    rows = []
    for e in entries:
        comments = "；".join(f"{c['rated_at'][:10]} {c['comment'] or '（无留言）'}" for c in e.get("comments", []))
        rows.append([e["unit"], _name(e, dimension), e["ratings"], e["satisfaction"], e["bad"], comments])
    label = _("窗口") if dimension == "window" else _("事项")
    return Card(f"worst_{dimension}s", _("满意率最低的%(w)s及差评内容") % {"w": label},
                [Col(_("单位")), Col(label), Col(_("评价"), INT), Col(_("满意率"), PCT), Col(_("差评"), INT),
                 Col(_("最近的差评"))], rows)


def call_cards(data: CallsData, *, county: bool, unit_urls: dict[str, str]) -> list[Card]:
    report = data["report"]
    cards = [call_lines(report, county=county, unit_urls=unit_urls), call_hours(report)]
    if county:
        cards.append(call_units(report, unit_urls))
    return cards


def rating_cards(data: RatingsData, *, county: bool, unit_urls: dict[str, str]) -> list[Card]:
    report = data["report"]
    cards = []
    if county:
        cards.append(rating_groups(report, "unit", unit_urls=unit_urls))
    cards += [rating_groups(report, "window", unit_urls=unit_urls, county=county),
              rating_groups(report, "item", unit_urls=unit_urls, chart=False, county=county),
              rating_groups(report, "staff", unit_urls=unit_urls, chart=False, county=county),
              worst(report, "window"), worst(report, "item")]
    return cards
