"""Hall-order findings (checklist 4.3): scalper suspects (黄牛) and queue jumping (插队)."""

from __future__ import annotations

from typing import Any

import duckdb

from analysis.common import Finding

from .findings import _dicts, cap, pct, sql_list
from .settings import QueueSettings


def _t(value: Any) -> str:
    return value.isoformat(sep=" ") if hasattr(value, "isoformat") else str(value)


def scalper_suspect(con: duckdb.DuckDBPyConnection, s: QueueSettings) -> list[Finding]:
    """Holders (registered agents excepted) with many tickets a day, bursts at the kiosk, tickets
    for many items within one calendar month, or tickets mostly never used (no-show or cancelled)."""
    k, per_day, n = int(s.burst_tickets), int(s.scalper_tickets_per_day), int(s.evidence_cap)
    # A holder can only be flagged with ≥ min(per_day, k) tickets on one day (many a day; a burst
    # is looked for only on such holders) or ≥ min(items, unused_min) tickets in all (many items
    # in a month; mostly unused): every rule below runs on these candidates' tickets only.
    day_min, total_min = min(k, per_day), min(int(s.scalper_items), int(s.unused_min_tickets))
    rows = _dicts(con, f"""
        WITH h0 AS (SELECT hall, holder, ticket_id, issued_at, day, item, status FROM tk
                    WHERE holder IS NOT NULL AND NOT list_contains({sql_list(sorted(s.agents))}, holder)),
        d0 AS (SELECT hall, holder, day, count(*) AS n FROM h0 GROUP BY ALL),
        many AS (SELECT hall, holder FROM d0 GROUP BY ALL
                 HAVING max(n) >= {day_min} OR sum(n) >= {total_min}),
        h AS (SELECT * FROM h0 SEMI JOIN many USING (hall, holder)),
        daily AS (SELECT hall, holder, day, count(*) AS n FROM h GROUP BY ALL),
        monthly AS (SELECT hall, holder, count(DISTINCT item) AS items FROM h
                    GROUP BY hall, holder, date_trunc('month', day)),
        per AS (SELECT hall, holder, count(*) AS tickets,
                       count_if(status IN ('no_show', 'cancelled')) AS unused FROM h GROUP BY ALL),
        cand AS (SELECT DISTINCT hall, holder FROM daily WHERE n >= {k}),
        win AS (SELECT h.hall, h.holder, h.issued_at,
                       count(*) OVER (PARTITION BY h.hall, h.holder ORDER BY h.issued_at
                         RANGE BETWEEN INTERVAL {int(s.burst_seconds)} SECOND PRECEDING AND CURRENT ROW) AS c
                FROM h SEMI JOIN cand USING (hall, holder)),
        starts AS (SELECT hall, holder, issued_at,
                          c >= {k} AND coalesce(lag(c) OVER (PARTITION BY hall, holder ORDER BY issued_at), 0) < {k}
                            AS is_start
                   FROM win),
        bursts AS (SELECT hall, holder, list(issued_at ORDER BY issued_at) AS burst_at
                   FROM starts WHERE is_start GROUP BY ALL),
        flagged AS (
          SELECT per.*, d.max_per_day, m.max_items, coalesce(b.burst_at, []) AS burst_at
          FROM per
          JOIN (SELECT hall, holder, max(n) AS max_per_day FROM daily GROUP BY ALL) d USING (hall, holder)
          JOIN (SELECT hall, holder, max(items) AS max_items FROM monthly GROUP BY ALL) m USING (hall, holder)
          LEFT JOIN bursts b USING (hall, holder)
          WHERE d.max_per_day >= {per_day} OR b.burst_at IS NOT NULL OR m.max_items >= {int(s.scalper_items)}
             OR (per.tickets >= {int(s.unused_min_tickets)} AND per.unused >= {float(s.unused_share)} * per.tickets)),
        detail AS (
          SELECT h.hall, h.holder, count(DISTINCT h.day) AS days, count(DISTINCT h.item) AS items,
                 list(DISTINCT h.item ORDER BY h.item) AS item_list,
                 list(h.ticket_id ORDER BY h.issued_at, h.ticket_id)[1:{n}] AS ids
          FROM h SEMI JOIN flagged USING (hall, holder) GROUP BY ALL),
        busy AS (SELECT hall, holder, list(day ORDER BY day) AS busy_days FROM daily
                 SEMI JOIN flagged USING (hall, holder) WHERE n >= {per_day} GROUP BY ALL)
        SELECT f.*, detail.days, detail.items, detail.item_list, detail.ids,
               coalesce(busy.busy_days, []) AS busy_days
        FROM flagged f JOIN detail USING (hall, holder) LEFT JOIN busy USING (hall, holder)
        ORDER BY hall, holder""")
    out = []
    for r in rows:
        reasons: list[str] = []
        texts: list[str] = []
        if r["max_per_day"] >= per_day:
            reasons.append("many_tickets_a_day")
            texts.append(f"单日最多取号 {r['max_per_day']} 张（{len(r['busy_days'])} 天达到 {per_day} 张及以上）")
        if r["burst_at"]:
            reasons.append("kiosk_burst")
            texts.append(f"{len(r['burst_at'])} 次在 {s.burst_seconds} 秒内连续取号 {k} 张及以上")
        if r["max_items"] >= s.scalper_items:
            reasons.append("many_items")
            texts.append(f"同一个月内取号涉及 {r['max_items']} 个事项")
        share = r["unused"] / r["tickets"] if r["tickets"] else 0.0
        if r["tickets"] >= s.unused_min_tickets and share >= s.unused_share:
            reasons.append("mostly_unused")
            texts.append(f"{r['tickets']} 张号中 {r['unused']} 张过号或取消（{pct(share)}）")
        out.append(Finding(
            kind="scalper_suspect", checklist="4.3", subject=r["hall"], key=(r["holder"],),
            message=f"取号人 {r['holder']} 疑似“黄牛”：{'；'.join(texts)}。请核实身份；如为登记代办员，请加入白名单。",
            evidence={"holder": r["holder"], "reasons": reasons, "reason_text": texts,
                      "tickets_count": r["tickets"], "days_count": r["days"],
                      "max_tickets_per_day": r["max_per_day"],
                      "busy_days": [d.isoformat() for d in cap(r["busy_days"], n)],
                      "bursts_count": len(r["burst_at"]), "bursts": [_t(b) for b in cap(r["burst_at"], n)],
                      "items_count": r["items"], "max_items_in_a_month": r["max_items"],
                      "items": cap(r["item_list"], n),
                      "unused": r["unused"], "unused_share": round(share, 4), "tickets": r["ids"]}))
    return out


def queue_jumping(con: duckdb.DuckDBPyConnection, s: QueueSettings) -> list[Finding]:
    """Within one hall, day and queue, on-site ticket b was called before on-site ticket a
    although a was issued earlier (appointments and the priority lane excluded; both called).
    Reported per window that called b, with the tickets it called early and those it skipped."""
    n = int(s.evidence_cap)
    rows = _dicts(con, f"""
        WITH o AS (SELECT hall, day, queue, ticket_id, issued_at, called_at, "window" FROM tk
                   WHERE channel = 'onsite' AND called_at IS NOT NULL),
        m AS (SELECT *, max(called_at) OVER (PARTITION BY hall, day, queue ORDER BY issued_at, called_at
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max FROM o),
        j AS (SELECT * EXCLUDE (prev_max) FROM m WHERE called_at < prev_max),
        pairs AS (
          SELECT j.hall, j.day, j.queue, j.ticket_id, j."window", j.issued_at, j.called_at,
                 count(*) AS skipped, list(a.ticket_id ORDER BY a.issued_at, a.ticket_id)[1:5] AS skipped_ids
          FROM j JOIN o a ON a.hall = j.hall AND a.day = j.day AND a.queue = j.queue
                         AND a.issued_at < j.issued_at AND a.called_at > j.called_at
          GROUP BY ALL)
        SELECT hall, coalesce("window", '') AS win, count(*) AS jumps, sum(skipped)::BIGINT AS skipped,
               list(DISTINCT queue ORDER BY queue) AS queues, count(DISTINCT day) AS days_count,
               list(DISTINCT day ORDER BY day)[1:{n}] AS days,
               list({{'ticket_id': ticket_id, 'queue': queue, 'issued_at': issued_at, 'called_at': called_at,
                     'skipped': skipped, 'skipped_tickets': skipped_ids}}
                    ORDER BY called_at, ticket_id)[1:{n}] AS tickets
        FROM pairs GROUP BY ALL HAVING count(*) >= {int(s.min_jumps)} ORDER BY hall, win""")
    out = []
    for r in rows:
        label = f"窗口 {r['win']} " if r["win"] else "未记录窗口的叫号"
        out.append(Finding(
            kind="queue_jumping", checklist="4.3", subject=r["hall"], key=(r["win"],),
            message=(f"{label}有 {r['jumps']} 张现场号在同一队列中先于更早取号的现场号被叫到，"
                     f"共越过 {r['skipped']} 张号（{r['days_count']} 天）。请核查是否存在插队或人为调号。"),
            evidence={"window": r["win"], "jumps": r["jumps"], "skipped": r["skipped"],
                      "queues": r["queues"], "days_count": r["days_count"],
                      "days": [d.isoformat() for d in r["days"]],
                      "tickets": [{"ticket_id": t["ticket_id"], "queue": t["queue"],
                                   "issued_at": _t(t["issued_at"]), "called_at": _t(t["called_at"]),
                                   "skipped": t["skipped"], "skipped_tickets": t["skipped_tickets"]}
                                  for t in r["tickets"]]}))
    return out
