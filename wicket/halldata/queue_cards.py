"""The hall dashboard's cards, from a tickets Snapshot (KpiReport.to_dict() + StaffingPlan.to_dict(), typed by
wicket.halldata.contracts)."""

from __future__ import annotations

from typing import Any, Literal

from django.utils.translation import gettext as _

from .cards import INT, NUM, PCT, Card, Col, bar_option, pct
from .contracts import Kpis, StaffingPlan, TicketReport, TicketsData

WEEKDAYS = ("", "周一", "周二", "周三", "周四", "周五", "周六", "周日")


def _wait(r: Kpis, stat: Literal["mean", "p90"]) -> float | None:
    return r["wait_minutes"][stat]


def heatmap(report: TicketReport) -> Card:
    cells = report.get("by_weekday_hour", [])
    hours = sorted({r["hour"] for r in cells})
    days = sorted({r["weekday"] for r in cells})
    grid = {(r["weekday"], r["hour"]): r for r in cells}
    rows = []
    data = []
    top = 0.0
    for y, wd in enumerate(days):
        row: list[Any] = [WEEKDAYS[wd]]
        for x, h in enumerate(hours):
            v = _wait(grid[(wd, h)], "mean") if (wd, h) in grid else None
            row.append(v)
            if v is not None:
                data.append([x, y, round(v, 1)])
                top = max(top, v)
        rows.append(row)
    option = {
        "tooltip": {"position": "top"},
        "grid": {"left": 60, "right": 20, "top": 10, "bottom": 70},
        "xAxis": {"type": "category", "data": [f"{h}时" for h in hours], "splitArea": {"show": True}},
        "yAxis": {"type": "category", "data": [WEEKDAYS[d] for d in days], "inverse": True, "splitArea": {"show": True}},
        "visualMap": {"min": 0, "max": round(top or 1, 1), "calculable": True, "orient": "horizontal", "left": "center",
                      "bottom": 0, "inRange": {"color": ["#e6f4ea", "#f6c344", "#d63939"]}},
        "series": [{"type": "heatmap", "name": _("平均等候（分钟）"), "data": data, "label": {"show": True}}],
    }
    return Card("heatmap", _("各时段平均等候时间（分钟）：星期 × 取号时段"),
                [Col(_("星期"))] + [Col(f"{h}时", NUM) for h in hours], rows, option,
                note=_("按取号时间统计，等候 = 叫号时间 − 取号时间，只计已叫号的票"))


def service_over_time(report: TicketReport) -> Card:
    days = report.get("by_day", [])
    rows = [[d["day"], WEEKDAYS[d["weekday"]], d["tickets"], d["called"], d["unserved"], d["service_level"],
             d["unserved_share"], _wait(d, "mean"), _wait(d, "p90"), d.get("peak_queue")] for d in days]
    target = report.get("target_minutes", 30)
    option = {
        "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 50, "right": 20, "top": 36, "bottom": 60},
        "xAxis": {"type": "category", "data": [d["day"] for d in days]},
        "yAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "dataZoom": [{"type": "slider", "bottom": 10}],
        "series": [
            {"type": "line", "name": _("服务水平（%(t)s 分钟内叫号）") % {"t": f"{target:g}"}, "showSymbol": False,
             "data": [pct(d["service_level"]) for d in days]},
            {"type": "line", "name": _("未办理占比"), "showSymbol": False, "data": [pct(d["unserved_share"]) for d in days],
             "lineStyle": {"type": "dashed"}},
        ],
    }
    cols = [Col(_("日期")), Col(_("星期")), Col(_("取号"), INT), Col(_("已叫号"), INT), Col(_("未办理"), INT),
            Col(_("服务水平"), PCT), Col(_("未办理占比"), PCT), Col(_("平均等候（分）"), NUM),
            Col(_("90% 等候（分）"), NUM), Col(_("最多同时等候"), INT)]
    return Card("service", _("服务水平和未办理占比（按日）"), cols, rows, option,
                note=_("服务水平 = 等候不超过 %(t)s 分钟的已叫号票 / 已叫号票；未办理占比 = 下班时仍未叫号的票 / 当日取号")
                % {"t": f"{target:g}"})


def windows(report: TicketReport) -> Card:
    ws = report.get("by_window", [])
    rows = [[w["window"], w["called"], w["served"], (w.get("service_minutes") or {}).get("mean"),
             w["busy_minutes"] / 60 if w.get("busy_minutes") is not None else None,
             w["open_minutes"] / 60 if w.get("open_minutes") is not None else None, w.get("days_open"),
             w.get("utilisation")] for w in ws]
    option = bar_option([str(w["window"]) for w in ws], [
        {"name": _("利用率"), "data": [pct(w.get("utilisation")) for w in ws]}], percent=True)
    cols = [Col(_("窗口")), Col(_("叫号"), INT), Col(_("办结"), INT), Col(_("平均办理（分）"), NUM),
            Col(_("办理时长（时）"), NUM), Col(_("开放时长（时）"), NUM), Col(_("开放天数"), INT), Col(_("利用率"), PCT)]
    return Card("windows", _("窗口利用率"), cols, rows, option,
                note=_("利用率 = 办理时长 / 开放时长；窗口每天从第一次叫号开放到最后一次叫号或办结"))


def staffing(plan: StaffingPlan) -> Card:
    slots = plan.get("slots", [])
    labels = [f"{WEEKDAYS[s['weekday']]} {s['hour']}时" for s in slots]
    rows = [[WEEKDAYS[s["weekday"]], f"{s['hour']}时", s["arrivals_per_hour"], s["service_minutes"],
             s["windows_open"], s["windows_needed"], s["windows_needed_dedicated"], s.get("service_level_open")]
            for s in slots]
    option = {
        "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 40, "right": 20, "top": 36, "bottom": 80},
        "xAxis": {"type": "category", "data": labels, "axisLabel": {"rotate": 60}},
        "yAxis": {"type": "value", "name": _("窗口数")},
        "dataZoom": [{"type": "inside"}],
        "series": [
            {"type": "bar", "name": _("实际开放"), "data": [s["windows_open"] for s in slots]},
            {"type": "line", "name": _("测算需要（综合窗口）"), "step": "middle", "data": [s["windows_needed"] for s in slots],
             "lineStyle": {"color": "#d63939"}, "itemStyle": {"color": "#d63939"}},
        ],
    }
    cols = [Col(_("星期")), Col(_("时段")), Col(_("每小时到达"), NUM), Col(_("平均办理（分）"), NUM),
            Col(_("实际开放"), NUM), Col(_("需要（综合窗口）"), INT), Col(_("需要（专窗）"), INT),
            Col(_("按实际开放的服务水平"), PCT)]
    goal = plan.get("service_level_goal", 0.8)
    return Card("staffing", _("需要的窗口数与实际开放（按星期 × 时段）"), cols, rows, option, tall=True,
                note=_("Erlang C 测算：%(g)s%% 的群众在 %(t)s 分钟内被叫号所需的窗口数") % {
                    "g": f"{goal * 100:g}", "t": f"{plan.get('target_minutes', 30):g}"})


def items(report: TicketReport) -> Card:
    its = sorted(report.get("by_item", []), key=lambda r: -(_wait(r, "mean") or 0))
    rows = [[r["item"], r["tickets"], r["called"], r["unserved"], _wait(r, "mean"), _wait(r, "p90"),
             r["service_level"], (r.get("service_minutes") or {}).get("mean")] for r in its]
    top = its[:15]
    option = bar_option([r["item"] for r in top][::-1], [
        {"name": _("平均等候（分钟）"), "data": [round(_wait(r, "mean") or 0, 1) for r in top][::-1]}], horizontal=True)
    cols = [Col(_("事项")), Col(_("取号"), INT), Col(_("已叫号"), INT), Col(_("未办理"), INT),
            Col(_("平均等候（分）"), NUM), Col(_("90% 等候（分）"), NUM), Col(_("服务水平"), PCT),
            Col(_("平均办理（分）"), NUM)]
    return Card("items", _("各事项等候时间"), cols, rows, option, tall=True)


def hall_cards(data: TicketsData) -> list[Card]:
    report, plan = data["report"], data["plan"]
    return [heatmap(report), service_over_time(report), windows(report), staffing(plan), items(report)]


