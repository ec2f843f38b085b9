from __future__ import annotations

import datetime as dt

from wicket.problems import services
from wicket.problems.models import Source


def make_problem(unit, by, *, campaign=None, code="1.1", title="办事指南未说明具体要求", deadline=None,
                 found_on=None, source=Source.SELF_INSPECTION):
    return services.problem_create(unit=unit, checklist_code=code, source=source, title=title, by=by,
                                   campaign=campaign, deadline=deadline,
                                   found_on=found_on or dt.date(2026, 11, 2))


def problem_due_in(county, *, found_on: dt.date, workdays: int, title: str = "取号机故障", unit=None):
    """A problem whose deadline is `workdays` working days after `found_on` (on the county's calendar)."""
    return services.problem_create(unit=unit or county.unit, checklist_code="4.2", source=Source.SELF_INSPECTION,
                                   title=title, by=county.liaison, found_on=found_on, deadline_workdays=workdays)
