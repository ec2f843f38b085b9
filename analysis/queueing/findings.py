"""Ticket findings, category 5 and 1.4: long waits, sent home unserved, tickets that expire
overnight, repeat visits. The abuse rules (4.3) are in abuse.py. Subject is always the hall."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from analysis.common import Finding

from .kpis import TicketSource, as_log, kpi_report
from .report import DayKpis, KpiReport, Kpis
from .settings import QueueSettings


def pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def cap(values: Sequence[Any], n: int) -> list[Any]:
    return list(values[:n])


def sql_list(values: Iterable[str]) -> str:
    quoted = ["'" + v.replace("'", "''") + "'" for v in values]
    return "[" + ", ".join(quoted) + "]::VARCHAR[]"


def month_label(month: str) -> str:
    y, m = month.split("-")
    return f"{y}年{int(m)}月"


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


# ---------------------------------------------------------------------------------- long_wait


def _below(k: Kpis, s: QueueSettings, minimum: int) -> bool:
    return k.called >= max(minimum, 1) and k.service_level is not None and k.service_level < s.service_level_goal


def long_wait(report: KpiReport, s: QueueSettings) -> list[Finding]:
    goal, t = pct(s.service_level_goal), f"{s.target_minutes:g}"
    out: list[Finding] = []
    months: dict[tuple[str, str], list[DayKpis]] = defaultdict(list)
    for d in report.by_day:
        if _below(d.kpis, s, 1):
            months[(d.hall, d.day.strftime("%Y-%m"))].append(d)
    for (hall, month), days in sorted(months.items()):
        worst = min(days, key=lambda d: (d.kpis.service_level or 0, d.day))
        out.append(Finding(
            kind="long_wait", checklist="5", subject=hall, key=("day", month),
            message=(f"{month_label(month)}有 {len(days)} 天等候不超过 {t} 分钟的比例低于 {goal}，"
                     f"最低为 {worst.day.isoformat()} 的 {pct(worst.kpis.service_level)}。"
                     "请按时段增开窗口或调整排班。"),
            evidence={"scope": "day", "month": month, "target_minutes": s.target_minutes,
                      "service_level_goal": s.service_level_goal, "days_count": len(days),
                      "days": [{"day": d.day.isoformat(), "called": d.kpis.called,
                                "service_level": round(d.kpis.service_level or 0, 4),
                                "wait_p90": round(d.kpis.wait_minutes.p90 or 0, 2)}
                               for d in cap(days, s.evidence_cap)]}))
    for h in report.by_hour:
        if _below(h.kpis, s, s.min_called):
            out.append(Finding(
                kind="long_wait", checklist="5", subject=h.hall, key=("hour", f"{h.hour:02d}"),
                message=(f"{h.hour}:00–{h.hour + 1}:00 取号的群众中，等候不超过 {t} 分钟的只有 "
                         f"{pct(h.kpis.service_level)}（目标 {goal}），90% 分位等候 "
                         f"{h.kpis.wait_minutes.p90 or 0:.0f} 分钟。请在该时段增开窗口。"),
                evidence={"scope": "hour", "hour": h.hour, "called": h.kpis.called,
                          "service_level": round(h.kpis.service_level or 0, 4),
                          "wait_minutes": h.kpis.wait_minutes.to_dict(),
                          "target_minutes": s.target_minutes, "service_level_goal": s.service_level_goal}))
    for i in report.by_item:
        if _below(i.kpis, s, s.min_called):
            out.append(Finding(
                kind="long_wait", checklist="5", subject=i.hall, key=("item", i.item),
                message=(f"事项“{i.item}”等候不超过 {t} 分钟的只有 {pct(i.kpis.service_level)}（目标 {goal}），"
                         f"平均等候 {i.kpis.wait_minutes.mean or 0:.0f} 分钟。请增设窗口或纳入综合窗口。"),
                evidence={"scope": "item", "item": i.item, "called": i.kpis.called,
                          "service_level": round(i.kpis.service_level or 0, 4),
                          "wait_minutes": i.kpis.wait_minutes.to_dict(),
                          "target_minutes": s.target_minutes, "service_level_goal": s.service_level_goal}))
    return out


# ------------------------------------------------------------------------- unserved_at_closing


def unserved_at_closing(con: duckdb.DuckDBPyConnection, report: KpiReport, s: QueueSettings) -> list[Finding]:
    months: dict[tuple[str, str], list[DayKpis]] = defaultdict(list)
    for d in report.by_day:
        share = d.kpis.unserved_share
        if d.kpis.unserved and share is not None and share > s.unserved_share_max:
            months[(d.hall, d.day.strftime("%Y-%m"))].append(d)
    if not months:
        return []
    flagged = [(hall, d.day) for (hall, _), days in months.items() for d in days]
    con.execute("CREATE OR REPLACE TEMP TABLE flagged_days (hall VARCHAR, day DATE)")
    con.executemany("INSERT INTO flagged_days VALUES (?, ?)", flagged)
    ids: dict[tuple[str, str], list[str]] = {}
    for r in _dicts(con, f"""
            SELECT hall, strftime(day, '%Y-%m') AS month, list(ticket_id ORDER BY issued_at, ticket_id)[1:{s.evidence_cap}] AS ids
            FROM tk JOIN flagged_days USING (hall, day) WHERE status = 'unserved' GROUP BY ALL"""):
        ids[(r["hall"], r["month"])] = r["ids"]
    out = []
    for (hall, month), days in sorted(months.items()):
        people = sum(d.kpis.unserved for d in days)
        out.append(Finding(
            kind="unserved_at_closing", checklist="5", subject=hall, key=(month,),
            message=(f"{month_label(month)}有 {len(days)} 天下班时仍有群众未被叫号（共 {people} 人，"
                     f"超过当天取号数的 {pct(s.unserved_share_max)}），即“排一天都等不上”。"
                     "请延时服务或增开窗口，并对未办理的号予以保留。"),
            evidence={"month": month, "unserved_share_max": s.unserved_share_max, "days_count": len(days),
                      "unserved": people,
                      "days": [{"day": d.day.isoformat(), "tickets": d.kpis.tickets, "unserved": d.kpis.unserved,
                                "unserved_share": round(d.kpis.unserved_share or 0, 4)}
                               for d in cap(days, s.evidence_cap)],
                      "tickets": ids.get((hall, month), [])}))
    return out


# -------------------------------------------------------------------- ticket_expired_overnight


def ticket_expired_overnight(con: duckdb.DuckDBPyConnection, s: QueueSettings) -> list[Finding]:
    rows = _dicts(con, f"""
        WITH u AS (SELECT hall, holder, item, ticket_id, day FROM tk
                   WHERE status = 'unserved' AND holder IS NOT NULL),
        nxt AS (
          SELECT u.hall, u.holder, u.item, u.ticket_id AS unserved_ticket, u.day AS unserved_day,
                 arg_min(v.ticket_id, (v.issued_at, v.ticket_id)) AS next_ticket, min(v.day) AS next_day
          FROM u JOIN tk v ON v.hall = u.hall AND v.holder = u.holder AND v.item = u.item
                          AND v.day > u.day AND v.day <= u.day + {int(s.expired_within_days)}
          GROUP BY ALL)
        SELECT * FROM nxt ORDER BY hall, unserved_day, holder, unserved_ticket""")
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["hall"], r["unserved_day"].strftime("%Y-%m"))].append(r)
    out = []
    for (hall, month), rs in sorted(groups.items()):
        holders = sorted({r["holder"] for r in rs})
        out.append(Finding(
            kind="ticket_expired_overnight", checklist="5", subject=hall, key=(month,),
            message=(f"{month_label(month)}有 {len(rs)} 人次当天排号未被叫到，之后又为同一事项重新取号"
                     f"（{len(holders)} 人），即“头天排号第二天不能用”。请保留当天未叫到的号，次日优先办理。"),
            evidence={"month": month, "count": len(rs), "holders_count": len(holders),
                      "holders": cap(holders, s.evidence_cap),
                      "cases": [{"holder": r["holder"], "item": r["item"],
                                 "unserved_ticket": r["unserved_ticket"],
                                 "unserved_day": r["unserved_day"].isoformat(),
                                 "next_ticket": r["next_ticket"], "next_day": r["next_day"].isoformat()}
                                for r in cap(rs, s.evidence_cap)]}))
    return out


# ------------------------------------------------------------------------------ repeat_visits


def repeat_visits(con: duckdb.DuckDBPyConnection, s: QueueSettings) -> list[Finding]:
    rows = _dicts(con, f"""
        WITH served AS (SELECT hall, item, holder, day FROM tk
                        WHERE status = 'served' AND holder IS NOT NULL
                          AND NOT list_contains({sql_list(sorted(s.agents))}, holder)),
        twice AS (SELECT hall, item, holder FROM served GROUP BY ALL HAVING min(day) < max(day)),  -- 2+ days
        d AS (SELECT DISTINCT hall, item, holder, day FROM served SEMI JOIN twice USING (hall, item, holder)),
        g AS (SELECT *, day - lag(day) OVER (PARTITION BY hall, item, holder ORDER BY day) AS gap FROM d),
        people AS (
          SELECT hall, item, holder, count_if(gap <= {int(s.repeat_within_days)}) AS repeats,
                 list(day ORDER BY day) AS days
          FROM g GROUP BY ALL HAVING repeats > 0)
        SELECT hall, item, count(*) AS holders, sum(repeats)::BIGINT AS repeats,
               list({{'holder': holder, 'repeats': repeats, 'days': days}}
                    ORDER BY repeats DESC, holder)[1:{s.evidence_cap}] AS examples
        FROM people GROUP BY ALL ORDER BY hall, item""")
    out = []
    for r in rows:
        out.append(Finding(
            kind="repeat_visits", checklist="1.4", subject=r["hall"], key=(r["item"],),
            message=(f"事项“{r['item']}”有 {r['holders']} 人在 {s.repeat_within_days} 天内为同一事项办理了"
                     f"两次以上（多跑 {r['repeats']} 次），未做到“最多跑一次”。请检查一次性告知是否到位。"),
            evidence={"item": r["item"], "holders_count": r["holders"], "repeat_visits": r["repeats"],
                      "within_days": s.repeat_within_days,
                      "holders": [{"holder": e["holder"], "repeats": e["repeats"],
                                   "days": [d.isoformat() for d in e["days"][: s.evidence_cap]]}
                                  for e in r["examples"]]}))
    return out


# ------------------------------------------------------------------------------------ all rules


def find_ticket_problems_on(con: duckdb.DuckDBPyConnection, report: KpiReport,
                            s: QueueSettings) -> list[Finding]:
    """Every ticket rule over the view `tk` (registered by kpis.compute_kpis) on `con`."""
    from .abuse import queue_jumping, scalper_suspect

    return [*long_wait(report, s), *unserved_at_closing(con, report, s),
            *ticket_expired_overnight(con, s), *repeat_visits(con, s),
            *scalper_suspect(con, s), *queue_jumping(con, s)]


def find_ticket_problems(source: TicketSource, *, settings: QueueSettings | None = None) -> list[Finding]:
    """The findings alone (they need the KPIs, so this runs the report)."""
    return kpi_report(as_log(source), settings=settings or QueueSettings()).findings

