"""Deadlines given in working days, counted on the county's working-day calendar (wicket.workcal).

A deadline in working days is stored twice: the count (`deadline_workdays`, from `found_on`) and
the date it gives (`deadline`). The calendar is the package's holiday notices corrected by the
county; a deadline that runs into a year whose schedule is not known yet is still set — counting
Monday to Friday in that year — and flagged `deadline_estimated`, so the page can say so and
nobody is blocked.

When the county changes its calendar (enters next year's schedule, declares a local holiday),
`deadlines_recompute` — a listener of wicket.workcal.hooks — counts again every open problem whose
deadline may depend on the changed days, in one locked read and three bulk writes: the new dates
with a history row each, and a `calendar_corrected` event on each timeline saying why.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from analysis.workdays import WorkCalendar
from wicket.workcal.hooks import CalendarChange
from wicket.workcal.selectors import effective_calendar

from .models import Problem, ProblemEvent, Status


def add_workdays_or_estimate(day: dt.date, n: int, calendar: WorkCalendar | None = None) -> tuple[dt.date, bool]:
    """The n-th working day after `day`, and whether a year without a known schedule was crossed."""
    return (calendar or effective_calendar()).deadline(day, n)


def _note(problem: Problem, old: dt.date, new: dt.date, old_estimated: bool, reason: str) -> str:
    if old == new and problem.deadline_estimated:
        text = _("整改时限 %(d)s 不变，但该年节假日安排尚未确认，现为估算") % {"d": new.isoformat()}
    elif old == new:
        text = _("整改时限 %(d)s 不变，已按工作日历核实，不再是估算") % {"d": new.isoformat()}
    else:
        text = _("整改时限由 %(old)s 改为 %(new)s（%(n)s 个工作日）") % {
            "old": old.isoformat(), "new": new.isoformat(), "n": problem.deadline_workdays}
        if old_estimated and not problem.deadline_estimated:
            text += _("，原为估算")
        elif problem.deadline_estimated:
            text += _("，仍含估算")
    return _("%(text)s。原因：%(reason)s") % {"text": text, "reason": reason}


def deadlines_recompute(change: CalendarChange) -> str | None:
    """Count again the deadlines the calendar change may move; one event and history row per changed problem."""
    span = change.span()
    if span is None:
        return None
    first, last = span
    # A deadline moves only if a changed day lies between its start (exclusive) and its date, or
    # it was an estimate. Closed problems keep the deadline they were judged by.
    candidates = list(
        Problem.objects.select_for_update()
        .filter(deadline_workdays__isnull=False, deadline__isnull=False)
        .exclude(status=Status.CLOSED)
        .filter(Q(found_on__lt=last, deadline__gte=first) | Q(deadline_estimated=True))
        .order_by("pk")
    )
    changed, events = [], []
    for p in candidates:
        old, old_estimated, workdays = p.deadline, p.deadline_estimated, p.deadline_workdays
        assert old is not None and workdays is not None  # the query's filter
        new, estimated = change.calendar.deadline(p.found_on, workdays)
        if (new, estimated) == (old, old_estimated):
            continue
        p.deadline, p.deadline_estimated, p.version = new, estimated, p.version + 1
        changed.append(p)
        events.append(ProblemEvent(
            problem=p, action=ProblemEvent.Action.CALENDAR_CORRECTED, from_status=p.status, to_status=p.status,
            by=change.by, note=_note(p, old, new, old_estimated, change.reason),
            data={"old": old.isoformat(), "new": new.isoformat(), "old_estimated": old_estimated,
                  "new_estimated": estimated, "reason": change.reason}))
    if not changed:
        return None
    now = timezone.now()
    for p in changed:
        p.updated_at = now
    bulk_update_with_history(changed, Problem, ["deadline", "deadline_estimated", "version", "updated_at"],
                             default_user=change.by, default_change_reason=_("工作日历更正：%(r)s") % {"r": change.reason},
                             default_date=now)
    ProblemEvent.objects.bulk_create(events)
    moved = sum(1 for e in events if e.data["old"] != e.data["new"])
    return _("%(n)d 个问题的整改时限已按新日历重新计算（%(m)d 个日期变动），已记入各问题的时间线")\
        % {"n": len(changed), "m": moved}
