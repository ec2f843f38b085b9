"""What other apps do when the county's calendar changes (deadlines recomputed, …).

The calendar sits below the apps that count working days, so it cannot call them; they register a
listener in their AppConfig.ready() instead (like menus in wicket.core.nav):

    from wicket.workcal.hooks import register_listener
    register_listener(deadlines_recompute)

A listener is called inside the calendar service's transaction, after the change is written, with
a CalendarChange; it returns a short sentence for the office ("3 个问题的整改时限已重新计算") or
None when it changed nothing. An exception undoes the whole change, calendar included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analysis.workdays import WorkCalendar


@dataclass(frozen=True)
class CalendarChange:
    calendar: WorkCalendar  # the calendar as it is now (the same as effective_calendar())
    days: frozenset[dt.date]  # days whose county entry was added, changed or removed
    years: frozenset[int]  # years whose "schedule entered" mark was set or lifted
    reason: str  # why, for the history of what follows, e.g. "导入 2027年安排.xlsx"
    by: Any  # the user, or None from the command line

    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day whose answer may have changed (None: nothing changed)."""
        bounds = set(self.days)
        for year in self.years:
            bounds |= {dt.date(year, 1, 1), dt.date(year, 12, 31)}
        return (min(bounds), max(bounds)) if bounds else None


Listener = Callable[[CalendarChange], str | None]
_LISTENERS: list[Listener] = []


def register_listener(listener: Listener) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def notify(change: CalendarChange) -> list[str]:
    """Run every listener; what they report, in order (None left out)."""
    if change.span() is None:
        return []
    return [said for listener in list(_LISTENERS) if (said := listener(change))]
