"""Small hand-checkable logs for the hall-data tests."""

from __future__ import annotations

import csv
import datetime as dt
import io

TICKET_HEADERS = {"ticket_id": "票号", "hall": "大厅", "issued_at": "取号时间", "called_at": "叫号时间",
                  "started_at": "开始办理时间", "finished_at": "办结时间", "window": "窗口", "item": "事项",
                  "holder": "取号人", "channel": "渠道", "queue": "队列", "status": "状态"}
CALL_FIELDS = ("call_id", "line", "unit", "started_at", "answered", "ring_seconds", "talk_seconds", "outcome")
RATING_FIELDS = ("rating_id", "unit", "window", "item", "staff", "channel", "rated_at", "level", "comment",
                 "handled_at")
HALL = "城关镇为民服务中心"


def ticket(tid, issued, called="", status="served", *, day="2026-03-02", window="1", item="户口迁移", holder="",
           hall=HALL, service_minutes=10):
    def at(t):
        return f"{day} {t}" if t else ""

    started = finished = ""
    if status == "served":
        h, m, s = (int(x) for x in called.split(":"))
        started = at(called)
        total = h * 60 + m + service_minutes
        finished = f"{day} {total // 60:02d}:{total % 60:02d}:{s:02d}"
    return {"ticket_id": tid, "hall": hall, "issued_at": at(issued), "called_at": at(called), "started_at": started,
            "finished_at": finished, "window": window if called else "", "item": item, "holder": holder,
            "channel": "现场", "queue": "", "status": {"served": "已办理", "no_show": "过号", "unserved": "未叫号"}[status]}


def four_tickets(day="2026-03-02", prefix="A"):
    """Waits 10, 40 and 10 minutes (mean 20.0, 2 of 3 within 30 min = 66.7%); one of 4 unserved (25.0%)."""
    return [ticket(f"{prefix}1", "09:00:00", "09:10:00", day=day),
            ticket(f"{prefix}2", "09:05:00", "09:45:00", day=day, window="2"),
            ticket(f"{prefix}3", "09:20:00", "09:30:00", "no_show", day=day),
            ticket(f"{prefix}4", "16:50:00", "", "unserved", day=day)]


def csv_bytes(rows, *, fields=None, headers=None, encoding="utf-8"):
    fields = list(fields or rows[0].keys())
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([(headers or {}).get(f, f) for f in fields])
    for r in rows:
        w.writerow([r.get(f, "") for f in fields])
    return out.getvalue().encode(encoding)


def tickets_gbk(rows):
    return csv_bytes(rows, fields=list(TICKET_HEADERS), headers=TICKET_HEADERS, encoding="gbk")


def call(cid, line, unit, started, answered, ring=5, outcome=""):
    return {"call_id": cid, "line": line, "unit": unit, "started_at": started, "answered": int(answered),
            "ring_seconds": ring if answered else 40, "talk_seconds": 60 if answered else 0, "outcome": outcome}


def rating(rid, unit, window, rated, level, *, item="户口迁移", staff="王芳", comment="", handled=""):
    return {"rating_id": rid, "unit": unit, "window": window, "item": item, "staff": staff, "channel": "评价器",
            "rated_at": rated, "level": level, "comment": comment, "handled_at": handled}


def big_log(days: int, per_day: int) -> bytes:
    """A hall's tickets over `days` working days from 2 March 2026, served 5–40 minutes after issue."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["ticket_id", "hall", "issued_at", "called_at", "started_at", "finished_at", "window", "item",
                "holder", "channel", "queue", "status"])
    day = dt.date(2026, 3, 2)
    for d in range(days):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        start = dt.datetime.combine(day, dt.time(9))
        for i in range(per_day):
            issued = start + dt.timedelta(seconds=20 * i)
            called = issued + dt.timedelta(minutes=5 + (i * 7) % 36)
            finished = called + dt.timedelta(minutes=8)
            w.writerow([f"T{d}-{i}", HALL, f"{issued:%Y-%m-%d %H:%M:%S}", f"{called:%Y-%m-%d %H:%M:%S}",
                        f"{called:%Y-%m-%d %H:%M:%S}", f"{finished:%Y-%m-%d %H:%M:%S}", str(1 + i % 4),
                        f"事项{i % 12}", "", "onsite", "A", "served"])
        day += dt.timedelta(days=1)
    return out.getvalue().encode()
