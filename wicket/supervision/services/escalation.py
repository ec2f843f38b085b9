"""Escalation (督办) of overdue problems, in levels whose working-day thresholds are settings.

    level 1  提醒经办人   overdue ≥ WICKET_ESCALATION_WORKDAYS[0] working days: a to-do for the unit's liaison
    level 2  督办单       overdue ≥ [1]: a numbered order to the unit head, who acknowledges it in the app
    level 3  列入通报     overdue ≥ [2]: the problem's unit is named in the next circular

`escalation_run` is idempotent (one escalation per problem and level); the management command
`escalate` runs it daily, and the supervisor can run it or raise one problem from the 督办 page.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.workdays import WorkCalendar
from wicket.orgs import access
from wicket.problems.lifecycle import OPEN_STATUSES
from wicket.problems.models import Problem, ProblemEvent
from wicket.supervision.models import Escalation, EscalationLevel
from wicket.workcal.selectors import effective_calendar

DEFAULT_THRESHOLDS = (1, 5, 10)


def thresholds() -> dict[int, int]:
    """Level → working days overdue that trigger it."""
    values = tuple(getattr(settings, "WICKET_ESCALATION_WORKDAYS", DEFAULT_THRESHOLDS))
    if len(values) != 3 or list(values) != sorted(values) or values[0] < 1:
        raise ValidationError("WICKET_ESCALATION_WORKDAYS: expected three increasing whole numbers ≥ 1, e.g. 1,5,10")
    return {EscalationLevel.REMINDER: values[0], EscalationLevel.ORDER: values[1],
            EscalationLevel.CIRCULAR: values[2]}


def order_prefix() -> str:
    return getattr(settings, "WICKET_ESCALATION_ORDER_PREFIX", "督办")


def overdue_workdays(deadline: dt.date, today: dt.date, calendar: WorkCalendar | None = None) -> int:
    """Working days after the deadline up to and including today, on the county's calendar
    (Monday–Friday in a year whose schedule is not known yet)."""
    if today <= deadline:
        return 0
    return (calendar or effective_calendar()).elapsed(deadline, today).workdays


def level_due(workdays: int) -> int:
    """The highest level a problem this many working days overdue has reached (0: none)."""
    reached = 0
    for level, threshold in thresholds().items():
        if workdays >= threshold:
            reached = level
    return reached


def _create(problem: Problem, level: int, workdays: int, by, today: dt.date) -> Escalation:
    esc = Escalation(problem=problem, unit_id=problem.unit_id, level=level, overdue_workdays=workdays, created_by=by)
    if level == EscalationLevel.ORDER:
        last = (Escalation.objects.select_for_update().filter(level=EscalationLevel.ORDER, year=today.year)
                .aggregate(m=Max("seq"))["m"]) or 0
        esc.year, esc.seq = today.year, last + 1
        esc.number = f"{order_prefix()}〔{today.year}〕{last + 1}号"
    esc.save()
    note = {
        EscalationLevel.REMINDER: _("逾期 %(n)s 个工作日，已提醒经办人"),
        EscalationLevel.ORDER: _("逾期 %(n)s 个工作日，已向单位主要负责人下发督办单 %(number)s"),
        EscalationLevel.CIRCULAR: _("逾期 %(n)s 个工作日，将列入下一期通报"),
    }[level] % {"n": workdays, "number": esc.number}
    ProblemEvent.objects.create(problem=problem, action=ProblemEvent.Action.ESCALATE, from_status=problem.status,
                                to_status=problem.status, note=note, by=by)
    return esc


@transaction.atomic
def escalation_run(*, today: dt.date | None = None, by=None) -> list[Escalation]:
    """Raise every overdue open problem to the level its overdue working days have reached."""
    today = today or timezone.localdate()
    made = []
    calendar = effective_calendar()
    overdue = (Problem.objects.filter(status__in=OPEN_STATUSES, deadline__lt=today)
               .prefetch_related("escalations").order_by("deadline", "id"))
    for problem in overdue:
        n = overdue_workdays(problem.deadline, today, calendar)
        have = {e.level for e in problem.escalations.all()}
        for level in range(1, level_due(n) + 1):
            if level not in have:
                made.append(_create(problem, level, n, by, today))
    return made


@transaction.atomic
def escalation_raise(*, problem: Problem, by, today: dt.date | None = None) -> Escalation:
    """The supervisor raises one overdue problem to its next level now, whatever the thresholds say."""
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以督办"))
    today = today or timezone.localdate()
    if problem.status not in OPEN_STATUSES or problem.deadline is None or problem.deadline >= today:
        raise ValidationError(_("只有逾期未销号的问题可以督办"))
    have = set(problem.escalations.values_list("level", flat=True))
    nxt = next((lvl for lvl in EscalationLevel.values if lvl not in have), None)
    if nxt is None:
        raise ValidationError(_("该问题已督办到最高级别（列入通报）"))
    return _create(problem, nxt, overdue_workdays(problem.deadline, today), by, today)


@transaction.atomic
def escalation_acknowledge(*, escalation: Escalation, by, note: str = "") -> Escalation:
    """The unit head signs for the 督办单: who and when are recorded; it cannot be acknowledged twice."""
    esc = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if esc.level != EscalationLevel.ORDER:
        raise ValidationError(_("只有督办单需要签收"))
    if not access.is_head_of(by, esc.unit_id):
        raise ValidationError(_("只有本单位主要负责人可以签收督办单"))
    if esc.acknowledged_at:
        raise ValidationError(_("该督办单已签收"))
    esc.acknowledged_by = by
    esc.acknowledged_at = timezone.now()
    esc.ack_note = note.strip()
    esc._change_reason = _("主要负责人签收")
    esc.save()
    ProblemEvent.objects.create(problem=esc.problem, action=ProblemEvent.Action.NOTE, from_status=esc.problem.status,
                                to_status=esc.problem.status, by=by,
                                note=_("主要负责人已签收督办单 %(number)s。%(note)s")
                                % {"number": esc.number, "note": esc.ack_note})
    return esc
