"""The frozen content a unit head signs: the unit's halls and windows, or its zero-report statement."""

from __future__ import annotations

from typing import Any

from .models import Hall, ReportingRound, RoundReport
from .tables import TABLE_TITLES, columns_for, table_for


def hall_row(hall: Hall, table: str) -> dict[str, Any]:
    row: dict[str, Any] = {c.field: getattr(hall, c.field) for c in columns_for(table)}
    row["kind_label"] = hall.kind_label
    return row


def totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {
        "halls": len(rows),
        "window_count": sum(r.get("window_count", 0) for r in rows),
        "authorized_windows": sum(r.get("authorized_windows", 0) for r in rows),
        "staff_count": sum(r.get("staff_count", 0) for r in rows),
    }


def report_content(*, report: RoundReport, halls: list[Hall]) -> dict[str, Any]:
    unit, rnd = report.unit, report.round
    table = table_for(unit)
    rows = [] if report.zero_report else [hall_row(h, table) for h in halls]
    return {
        "round": {"id": rnd.pk, "title": rnd.title, "deadline": rnd.deadline.isoformat()},
        "unit": {"id": unit.pk, "name": unit.name, "code": unit.code},
        "table": table,
        "table_title": str(TABLE_TITLES[table]),
        "zero_report": report.zero_report,
        "zero_statement": report.zero_statement if report.zero_report else "",
        "halls": rows,
        "totals": totals(rows),
    }


def report_title(rnd: ReportingRound, unit) -> str:
    return f"{TABLE_TITLES[table_for(unit)]}（{rnd.title}）"
