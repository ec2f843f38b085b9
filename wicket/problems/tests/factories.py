from __future__ import annotations

import datetime as dt

from wicket.problems import services
from wicket.problems.models import Source


def make_problem(unit, by, *, campaign=None, code="1.1", title="办事指南未说明具体要求", deadline=None,
                 found_on=None, source=Source.SELF_INSPECTION):
    return services.problem_create(unit=unit, checklist_code=code, source=source, title=title, by=by,
                                   campaign=campaign, deadline=deadline,
                                   found_on=found_on or dt.date(2026, 11, 2))
