"""Closure proven by fresh data for the hall-data detectors (registered in HallDataConfig.ready()).

Their findings cover long periods (a year of calls, every month of a queue), so they stay in the
data after a fix. What proves a fix is the data since the rectification date:

calls    the line's answer rate at or above target in each of the last N complete weeks since then;
queue    each of the last N working days with tickets since then within target — the service level in
         the hours the problem was found in (all day if none), or the share sent home unserved — and,
         for the other kinds (repeat visits, scalpers, queue jumping, tickets that expire overnight),
         the detector run over those days alone finding none;
ratings  the detector run over the window's ratings since then finding nothing, over at least N weeks.

N comes from the campaign (closure.py: ClosureSettings). A week or day below target makes the verdict
"新数据显示问题仍在"; too little data since the rectification, "整改以来尚无新数据" with how much there is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.calls import MIN_ANSWER_RATE
from analysis.queueing import kpi_report
from analysis.ratings import rating_report
from wicket.problems.causes import queue_occurrence, rating_key
from wicket.problems.closure import ClosureEvidence, ClosureSettings
from wicket.problems.models import ClosureState, Problem, ProblemFinding
from wicket.registry.models import Hall

from .models import Call, Rating, Ticket
from .storage import tz

DEFAULT_GOAL = 0.8
DEFAULT_UNSERVED_MAX = 0.05
OTHER_QUEUE_KINDS = {"repeat_visits", "scalper_suspect", "queue_jumping", "ticket_expired_overnight"}


def _start(since: dt.date) -> dt.datetime:
    return dt.datetime.combine(since, dt.time.min, tzinfo=tz())


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _verdict(rows: list[dict[str, Any]], n: int, unit: str, since: dt.date) -> tuple[str, str]:
    """The last n periods (rows, oldest first) decide: any below target, not confirmed; fewer than n, no
    fresh data yet; else confirmed."""
    last = rows[-n:]
    if any(not r["ok"] for r in last):
        bad = [r["label"] for r in last if not r["ok"]]
        return ClosureState.NOT_CONFIRMED, _("整改后仍有 %(n)d 个%(unit)s未达标：%(list)s") % {
            "n": len(bad), "unit": unit, "list": "、".join(bad)}
    if len(last) < n:
        if not rows:
            return ClosureState.NO_FRESH_DATA, _("自 %(d)s 整改以来没有新的数据，无法确认整改效果。") % {
                "d": since.isoformat()}
        return ClosureState.NO_FRESH_DATA, _("自 %(d)s 整改以来只有 %(k)d 个%(unit)s的数据，需连续 %(n)d 个%(unit)s达标。") % {
            "d": since.isoformat(), "k": len(rows), "n": n, "unit": unit}
    return ClosureState.CONFIRMED, _("已由数据确认整改：自 %(d)s 整改以来，最近 %(n)d 个%(unit)s均达标。") % {
        "d": since.isoformat(), "n": n, "unit": unit}


def _chart(rows: list[dict[str, Any]], target: float, name: str) -> dict[str, Any]:
    return {
        "tooltip": {"trigger": "axis"}, "grid": {"left": 40, "right": 16, "top": 24, "bottom": 40},
        "xAxis": {"type": "category", "data": [r["label"] for r in rows]},
        "yAxis": {"type": "value", "max": 100},
        "series": [{"name": name, "type": "bar", "data": [round(r["share"] * 100, 1) for r in rows],
                    "markLine": {"symbol": "none", "data": [{"yAxis": round(target * 100, 1)}]}}],
    }


# ---------------------------------------------------------------- calls

def calls_closure(problem: Problem, findings: list[ProblemFinding], settings: ClosureSettings,
                  since: dt.date) -> ClosureEvidence | None:
    ev = findings[0].data.get("evidence", {}) if findings else {}
    line = ev.get("line")
    if not line:
        return None
    target = float(ev.get("min_answer_rate") or MIN_ANSWER_RATE)
    today = timezone.localdate()
    weeks: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    zone = tz()
    for started, answered in Call.objects.filter(unit_id=problem.unit_id, line=line,
                                                  started_at__gte=_start(since)).values_list("started_at", "answered"):
        w = (started.astimezone(zone).date() - since).days // 7
        weeks[w][0] += 1
        weeks[w][1] += 1 if answered else 0
    rows = []
    for w in sorted(weeks):
        start = since + dt.timedelta(days=7 * w)
        if start + dt.timedelta(days=7) > today:
            continue  # only complete weeks
        calls, picked_up = weeks[w]
        share = picked_up / calls
        rows.append({"label": f"{start:%m-%d}—{start + dt.timedelta(days=6):%m-%d}", "share": share,
                     "value": _("来电 %(n)d 通，接通 %(a)d 通（%(p)s）") % {"n": calls, "a": picked_up, "p": _pct(share)},
                     "ok": share >= target})
    state, line_text = _verdict(rows, settings.weeks, _("周"), since)
    lines = [line_text, _("接通率要求 %(t)s（GB/T 33358），按整改完成日期起每 7 天一周计。") % {"t": _pct(target)}]
    return ClosureEvidence(state=state, lines=lines, since=since, rows=rows[-settings.weeks:],
                           chart=_chart(rows, target, _("周接通率（%）")) if rows else None)


# ---------------------------------------------------------------- queue

def _hall(problem: Problem) -> Hall | None:
    pk = problem.scope.rsplit(":", 1)[-1]
    return Hall.objects.filter(pk=pk).first() if pk.isdigit() else None


def queue_closure(problem: Problem, findings: list[ProblemFinding], settings: ClosureSettings,
                  since: dt.date) -> ClosureEvidence | None:
    hall = _hall(problem)
    if hall is None or not findings:
        return None
    kind = findings[0].kind
    ev = findings[0].data.get("evidence", {})
    zone = tz()
    tickets = list(Ticket.objects.filter(hall=hall, issued_at__gte=_start(since)).order_by("issued_at")
                   .values_list("issued_at", "called_at", "status"))
    days: dict[dt.date, list[tuple[dt.datetime, dt.datetime | None, str]]] = defaultdict(list)
    for issued_at, called_at, status in tickets:
        days[issued_at.astimezone(zone).date()].append((issued_at.astimezone(zone), called_at, status))
    if kind in OTHER_QUEUE_KINDS:
        return _queue_rerun(problem, hall, kind, sorted(days), settings, since)
    target_minutes = float(ev.get("target_minutes") or 30)
    goal = float(ev.get("service_level_goal") or DEFAULT_GOAL)
    hours = sorted({int(o.value) for o in (queue_occurrence(f.data) for f in findings) if o.dimension == "hour"})
    rows = []
    for day in sorted(days):
        if kind == "unserved_at_closing":
            limit = float(ev.get("unserved_share_max") or DEFAULT_UNSERVED_MAX)
            share = sum(1 for t in days[day] if t[2] == "unserved") / len(days[day])
            rows.append({"label": day.isoformat(), "share": share, "ok": share <= limit,
                         "value": _("未叫号 %(p)s（上限 %(m)s）") % {"p": _pct(share), "m": _pct(limit)}})
            continue
        called = [(i, c) for i, c, _s in days[day] if c is not None and (not hours or i.hour in hours)]
        if not called:
            continue
        within = sum(1 for i, c in called if c is not None and (c - i).total_seconds() <= target_minutes * 60)
        share = within / len(called)
        rows.append({"label": day.isoformat(), "share": share, "ok": share >= goal,
                     "value": _("叫号 %(n)d 人，%(t)g 分钟内 %(p)s") % {"n": len(called), "t": target_minutes,
                                                                   "p": _pct(share)}})
    state, text = _verdict(rows, settings.workdays, _("工作日"), since)
    if kind == "unserved_at_closing":
        scope = _("下班时未被叫号的比例")
        target = float(ev.get("unserved_share_max") or DEFAULT_UNSERVED_MAX)
    else:
        scope = (_("%(h)s 取号的群众") % {"h": "、".join(f"{h}:00–{h + 1}:00" for h in hours)}) if hours \
            else _("全天取号的群众")
        scope += _("等候不超过 %(t)g 分钟的比例（目标 %(g)s）") % {"t": target_minutes, "g": _pct(goal)}
        target = goal
    return ClosureEvidence(state=state, lines=[text, _("按整改后每个有取号数据的工作日计：%(s)s。") % {"s": scope}],
                           since=since, rows=rows[-settings.workdays:],
                           chart=_chart(rows, target, _("每日（%）")) if rows else None)


def _queue_rerun(problem: Problem, hall: Hall, kind: str, days: list[dt.date], settings: ClosureSettings,
                 since: dt.date) -> ClosureEvidence:
    """Kinds with no daily figure: run the detector over the days since the rectification alone."""
    from .analyse import target_minutes, ticket_log

    if len(days) < settings.workdays:
        state, text = _verdict([{"label": d.isoformat(), "ok": True} for d in days], settings.workdays,
                               _("工作日"), since)
        return ClosureEvidence(state=state, lines=[text], since=since)
    report = kpi_report(ticket_log(hall, since=since), target_minutes=target_minutes())
    again = [f for f in report.findings if f.kind == kind]
    if again:
        return ClosureEvidence(state=ClosureState.NOT_CONFIRMED, since=since, lines=[
            _("整改后的 %(n)d 个工作日中，检测仍发现：%(list)s") % {
                "n": len(days), "list": "；".join(f.message for f in again[:3])}])
    return ClosureEvidence(state=ClosureState.CONFIRMED, since=since, lines=[
        _("已由数据确认整改：自 %(d)s 整改以来的 %(n)d 个工作日（%(a)s 至 %(b)s），同一检测未再发现该问题。") % {
            "d": since.isoformat(), "n": len(days), "a": days[0].isoformat(), "b": days[-1].isoformat()}])


# ---------------------------------------------------------------- ratings

def ratings_closure(problem: Problem, findings: list[ProblemFinding], settings: ClosureSettings,
                    since: dt.date) -> ClosureEvidence | None:
    from .analyse import _ratings_rows, reply_workdays

    if not findings:
        return None
    dimension, name = rating_key(findings[0].data)
    if dimension not in ("window", "item"):
        return None
    today = timezone.localdate()
    qs = Rating.objects.filter(unit_id=problem.unit_id, rated_at__gte=_start(since), **{dimension: name})
    ratings = _ratings_rows(qs)
    weeks = (today - since).days // 7
    report = rating_report(ratings, reply_deadline_workdays=reply_workdays(), today=today)
    again = [f for f in report.findings
             if (f.kind == "low_satisfaction" and tuple(f.key) == (dimension, name))
             or (f.kind != "low_satisfaction" and (f.evidence.get(dimension) or "") == name)]
    satisfied = sum(1 for r in ratings if r.level >= 3)
    figure = _("整改以来 %(n)d 条评价，满意 %(s)d 条") % {"n": len(ratings), "s": satisfied}
    if again:
        return ClosureEvidence(state=ClosureState.NOT_CONFIRMED, since=since, lines=[
            _("整改以来的评价中仍发现 %(n)d 处问题：%(list)s") % {
                "n": len(again), "list": "；".join(f.message.splitlines()[0] for f in again[:3])}, figure])
    if weeks < settings.weeks or not ratings:
        return ClosureEvidence(state=ClosureState.NO_FRESH_DATA, since=since, lines=[
            _("自 %(d)s 整改以来只有 %(k)d 周、%(n)d 条评价，需满 %(w)d 周且有新的评价。") % {
                "d": since.isoformat(), "k": weeks, "n": len(ratings), "w": settings.weeks}])
    return ClosureEvidence(state=ClosureState.CONFIRMED, since=since, lines=[
        _("已由数据确认整改：自 %(d)s 整改以来 %(k)d 周，该%(what)s的评价未再发现满意率偏低或差评未按期答复。") % {
            "d": since.isoformat(), "k": weeks, "what": _("窗口") if dimension == "window" else _("事项")}, figure])
