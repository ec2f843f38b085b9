"""The daily reminder run: per unit, problems overdue or due within N working days, for its liaison and head.

Each run leaves Reminder rows (one per person and problem and day), so the home page shows what the
last run found; running twice on one day changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from wicket.campaigns.models import Reminder, ReminderKind
from wicket.orgs.models import Role, Unit
from wicket.orgs.selectors import unit_contacts
from wicket.problems.deadlines import add_workdays_or_estimate
from wicket.problems.lifecycle import OPEN_STATUSES
from wicket.problems.models import Problem


@dataclass
class UnitReminders:
    unit: Unit
    overdue: list[Problem] = field(default_factory=list)
    due_soon: list[Problem] = field(default_factory=list)
    recipients: list = field(default_factory=list)


@dataclass
class ReminderRun:
    run_on: dt.date
    horizon: dt.date
    estimated: bool
    units: list[UnitReminders]
    created: int = 0


def due_horizon(today: dt.date, workdays: int) -> tuple[dt.date, bool]:
    return add_workdays_or_estimate(today, workdays) if workdays > 0 else (today, False)


@transaction.atomic
def reminders_send(*, today: dt.date | None = None, workdays: int = 3) -> ReminderRun:
    today = today or timezone.localdate()
    horizon, estimated = due_horizon(today, workdays)
    problems = (Problem.objects.filter(status__in=OPEN_STATUSES, deadline__isnull=False, deadline__lte=horizon)
                .select_related("unit").order_by("unit__order", "unit_id", "deadline", "id"))
    per_unit: dict[int, UnitReminders] = {}
    for p in problems:
        entry = per_unit.setdefault(p.unit_id, UnitReminders(unit=p.unit))
        (entry.overdue if p.deadline < today else entry.due_soon).append(p)
    contacts = {u.pk: u.contacts for u in unit_contacts(Unit.objects.filter(pk__in=list(per_unit)))}
    existing = set(Reminder.objects.filter(run_on=today).values_list("user_id", "problem_id"))
    rows = []
    for unit_id, entry in per_unit.items():
        entry.recipients = [m.user for m in sorted(contacts.get(unit_id, []), key=lambda m: m.role != Role.LIAISON)]
        for user in entry.recipients:
            for p in entry.overdue + entry.due_soon:
                if (user.pk, p.pk) in existing:
                    continue
                rows.append(Reminder(user=user, unit_id=unit_id, problem=p, deadline=p.deadline, run_on=today,
                                     kind=ReminderKind.OVERDUE if p.deadline < today else ReminderKind.DUE_SOON))
    Reminder.objects.bulk_create(rows)
    return ReminderRun(run_on=today, horizon=horizon, estimated=estimated, units=list(per_unit.values()),
                       created=len(rows))


def reminders_for(user, *, today: dt.date) -> dict[int, dict]:
    """The user's reminders of the newest run up to today, per unit: {unit_id: {"unit", "overdue", "due_soon"}}."""
    last = Reminder.objects.filter(user=user, run_on__lte=today).order_by("-run_on").values_list("run_on", flat=True).first()
    if last is None:
        return {}
    out: dict[int, dict] = defaultdict(lambda: {"overdue": 0, "due_soon": 0})
    for r in Reminder.objects.filter(user=user, run_on=last).select_related("unit", "problem"):
        if r.problem.status not in OPEN_STATUSES:
            continue  # closed or sent for verification since the run
        out[r.unit_id]["unit"] = r.unit
        out[r.unit_id]["run_on"] = last
        out[r.unit_id][r.kind] += 1
    return dict(out)
