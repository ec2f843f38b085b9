"""Reads for supervision: task lists, the verification queue, escalations, and the phone-test call rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wicket.orgs import access
from wicket.orgs.models import Role
from wicket.problems.models import Problem, ProblemEvent, Status
from wicket.problems.selectors import with_overdue

from .models import Escalation, EscalationLevel, PhoneCall, SupervisionTask, TaskStatus


def tasks_for_user(user) -> QuerySet[SupervisionTask]:
    qs = SupervisionTask.objects.all()
    if not access.is_supervisor(user):
        if not access.has_role(user, Role.INSPECTOR):
            raise Http404
        qs = qs.filter(inspectors=user)
    return (qs.annotate(n_findings=Count("findings", distinct=True), n_calls=Count("calls", distinct=True))
            .prefetch_related("units", "inspectors").order_by("status", "-starts_on", "-id"))


def open_tasks_of_inspector(user) -> QuerySet[SupervisionTask]:
    return SupervisionTask.objects.filter(inspectors=user, status=TaskStatus.OPEN)


def task_findings(task: SupervisionTask):
    return (task.findings.select_related("problem__unit", "recorded_by")
            .annotate(n_photos=Count("problem__evidence")).order_by("-recorded_at", "-id"))


def task_calls(task: SupervisionTask) -> QuerySet[PhoneCall]:
    return task.calls.select_related("unit", "problem").order_by("-started_at", "-id")


def verification_queue(*, today: dt.date | None = None) -> QuerySet[Problem]:
    """Problems awaiting verification, oldest submission first, with what the supervisor needs to judge."""
    submitted = Max("events__at", filter=Q(events__action=ProblemEvent.Action.SUBMIT))
    qs = (Problem.objects.filter(status=Status.AWAITING_VERIFICATION)
          .select_related("unit")
          .annotate(submitted_at=submitted,
                    n_evidence=Count("evidence", filter=Q(evidence__kind="rectification"), distinct=True),
                    n_revisits=Count("revisit_tasks", distinct=True))
          .prefetch_related(Prefetch("evidence", to_attr="all_evidence")))
    return with_overdue(qs, today).order_by("submitted_at", "id")


def submit_notes(problems: list[Problem]) -> dict[int, str]:
    """problem id → the note of its latest 提交核验 (one query)."""
    out: dict[int, str] = {}
    events = (ProblemEvent.objects.filter(problem__in=problems, action=ProblemEvent.Action.SUBMIT)
              .order_by("problem_id", "-at", "-id").values_list("problem_id", "note"))
    for pid, note in events:
        out.setdefault(pid, note)
    return out


def escalations_for_user(user) -> QuerySet[Escalation]:
    return (access.scope_to_user(Escalation.objects.all(), user)
            .select_related("problem", "unit", "acknowledged_by", "circular").order_by("-created_at", "-id"))


def escalation_get_for_user(*, user, pk) -> Escalation:
    return access.get_for_user(Escalation.objects.select_related("problem__unit", "unit", "acknowledged_by",
                                                                 "circular", "created_by"), user, pk=pk)


def orders_to_acknowledge(user) -> QuerySet[Escalation]:
    return Escalation.objects.filter(level=EscalationLevel.ORDER, acknowledged_at__isnull=True,
                                     unit_id__in=access.unit_ids_for(user, (Role.HEAD,))).select_related("problem")


def reminders_for_liaison(user) -> QuerySet[Escalation]:
    return Escalation.objects.filter(level=EscalationLevel.REMINDER, unit_id__in=access.unit_ids_for(user, (Role.LIAISON,)),
                                     problem__status__in=[Status.PENDING, Status.IN_PROGRESS]).select_related("problem")


def overdue_problems_with_levels(*, today: dt.date | None = None) -> QuerySet[Problem]:
    today = today or timezone.localdate()
    return (with_overdue(Problem.objects.filter(deadline__lt=today).exclude(status=Status.CLOSED), today)
            .select_related("unit").annotate(level=Max("escalations__level")).order_by("deadline", "id"))


def phone_test_calls(*, since: dt.datetime | None = None, unit=None) -> list[dict]:
    """Every phone-test call as a row of the calls format (product brief), for the hall-data dashboards:
    call_id, line, unit, started_at (local time, YYYY-MM-DD HH:MM:SS), answered (1/0), ring_seconds,
    talk_seconds, outcome (answered / no_answer / busy / invalid_number / hung_up / wrong_unit)."""
    qs = PhoneCall.objects.select_related("unit").order_by("started_at", "id")
    if since is not None:
        qs = qs.filter(started_at__gte=since)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return [
        {
            "call_id": f"BC{c.pk:06d}",
            "line": c.line,
            "unit": c.unit.name,
            "started_at": timezone.localtime(c.started_at).strftime("%Y-%m-%d %H:%M:%S"),
            "answered": 1 if c.answered else 0,
            "ring_seconds": c.ring_seconds,
            "talk_seconds": c.talk_seconds,
            "outcome": c.outcome,
        }
        for c in qs
    ]
