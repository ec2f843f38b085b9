"""Writes for supervision tasks: create a task, record a finding, record a phone-test call, plan a re-visit.

A finding becomes a Problem in the one problem list (source = the task's method), with photos attached
as evidence; a failed test call becomes a 1.3 Problem (咨询电话不通). Every write is one transaction.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.core.uploads import IMAGES
from wicket.orgs import access
from wicket.orgs.models import Role
from wicket.problems import services as problems
from wicket.problems.lifecycle import OPEN_STATUSES
from wicket.problems.models import Problem, ProblemEvent, Source
from wicket.supervision.models import (
    Method,
    PhoneCall,
    PhoneOutcome,
    SupervisionTask,
    TaskFinding,
    TaskStatus,
)

PHONE_CHECKLIST_CODE = "1.3"


def finding_deadline_workdays() -> int:
    return int(getattr(settings, "WICKET_FINDING_DEADLINE_WORKDAYS", 10))


def task_get_for_user(*, user, pk) -> SupervisionTask:
    """The supervisor sees every task; an inspector only the tasks whose team they are on. Else 404."""
    qs = SupervisionTask.objects.select_related("campaign", "revisit_of")
    if not access.is_supervisor(user):
        if not access.has_role(user, Role.INSPECTOR):
            raise Http404
        qs = qs.filter(inspectors=user)
    try:
        return qs.get(pk=pk)
    except (SupervisionTask.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _require_supervisor(user) -> None:
    if not access.is_supervisor(user):
        raise ValidationError(_("只有县督查室可以安排督查任务"))


@transaction.atomic
def task_create(*, by, title: str, method: str, inspectors, units, starts_on: dt.date, ends_on: dt.date,
                checklist_codes: list[str] | None = None, notes: str = "", campaign=None,
                revisit_of: Problem | None = None) -> SupervisionTask:
    _require_supervisor(by)
    if ends_on < starts_on:
        raise ValidationError(_("结束日期不能早于开始日期"))
    units = list(units)
    if not units:
        raise ValidationError(_("请至少选择一个督查单位"))
    task = SupervisionTask.objects.create(title=title.strip(), method=method, starts_on=starts_on, ends_on=ends_on,
                                          checklist_codes=list(checklist_codes or []), notes=notes.strip(),
                                          campaign=campaign, revisit_of=revisit_of, created_by=by)
    task.inspectors.set(inspectors)
    task.units.set(units)
    return task


@transaction.atomic
def task_revisit_create(*, problem: Problem, by, inspectors, starts_on: dt.date | None = None,
                        days: int = 5) -> SupervisionTask:
    """A re-visit (复查) of a problem awaiting verification: an on-site task for its unit and point."""
    starts_on = starts_on or timezone.localdate()
    task = task_create(by=by, title=_("复查：%(unit)s %(title)s") % {"unit": problem.unit.display_name,
                                                                    "title": problem.title},
                       method=Method.ONSITE_CHECK, inspectors=inspectors, units=[problem.unit],
                       starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=days),
                       checklist_codes=[problem.checklist_code], campaign=problem.campaign, revisit_of=problem,
                       notes=_("核验问题 #%(pk)s 的整改情况：%(title)s") % {"pk": problem.pk, "title": problem.title})
    problems.problem_note(problem=problem, by=by, note=_("已安排现场复查：%(task)s") % {"task": task.title})
    return task


@transaction.atomic
def task_finish(*, task: SupervisionTask, by) -> SupervisionTask:
    _require_supervisor(by)
    task.status = TaskStatus.DONE
    task._change_reason = _("任务完成")
    task.save(update_fields=["status"])
    return task


def _check_on_task(task: SupervisionTask, by, unit) -> None:
    if not (access.is_supervisor(by) or task.inspectors.filter(pk=by.pk).exists()):
        raise ValidationError(_("您不是该督查任务的督查组成员"))
    if not task.units.filter(pk=unit.pk).exists():
        raise ValidationError(_("“%(unit)s”不在本次督查任务的范围内") % {"unit": unit.name})
    if task.status == TaskStatus.DONE:
        raise ValidationError(_("该督查任务已完成，不能再记录"))


@transaction.atomic
def finding_record(*, task: SupervisionTask, by, unit, checklist_code: str, title: str, description: str = "",
                   deadline_workdays: int | None = None, photos=(), found_on: dt.date | None = None) -> TaskFinding:
    """An inspector's finding → one Problem for the unit (source = method), photos as its evidence."""
    _check_on_task(task, by, unit)
    problem = problems.problem_create(
        unit=unit, campaign=task.campaign, checklist_code=checklist_code, source=task.method, title=title.strip(),
        description=description.strip(), found_on=found_on or timezone.localdate(), by=by,
        deadline_workdays=deadline_workdays or finding_deadline_workdays(),
    )
    for photo in photos:
        problems.evidence_add(problem=problem, by=by, upload=photo, kind="finding", allowed=IMAGES)
    return TaskFinding.objects.create(task=task, problem=problem, recorded_by=by)


@transaction.atomic
def phone_call_record(*, task: SupervisionTask, by, unit, line: str, started_at: dt.datetime, outcome: str,
                      ring_seconds: int | None = None, talk_seconds: int | None = None,
                      note: str = "") -> PhoneCall:
    """Keep the call; a failed call (anything but 接通) becomes a 1.3 problem — one per line and task:
    a second failure on the same line is added to the open problem instead of duplicating it."""
    _check_on_task(task, by, unit)
    if task.method != Method.PHONE_TEST:
        raise ValidationError(_("只有电话拨测任务可以记录拨测结果"))
    if outcome not in PhoneOutcome.values:
        raise ValidationError(_("请选择拨测结果"))
    line = line.strip()
    call = PhoneCall.objects.create(task=task, unit=unit, line=line, started_at=started_at, outcome=outcome,
                                    ring_seconds=ring_seconds, talk_seconds=talk_seconds, note=note.strip(),
                                    recorded_by=by)
    if not call.failed:
        return call
    label = PhoneOutcome(outcome).label
    when = timezone.localtime(started_at).strftime("%Y-%m-%d %H:%M")
    existing = (PhoneCall.objects.filter(task=task, line=line, problem__status__in=OPEN_STATUSES)
                .exclude(pk=call.pk).select_related("problem").first())
    if existing:
        call.problem = existing.problem
        # An inspector is not of the unit, so the note is written as an event directly (append-only).
        p = existing.problem
        ProblemEvent.objects.create(problem=p, action=ProblemEvent.Action.NOTE, from_status=p.status,
                                    to_status=p.status, by=by,
                                    note=_("%(when)s 再次拨测：%(outcome)s") % {"when": when, "outcome": label})
    else:
        call.problem = problems.problem_create(
            unit=unit, campaign=task.campaign, checklist_code=PHONE_CHECKLIST_CODE, source=Source.PHONE_TEST,
            title=_("咨询电话 %(line)s 拨测%(outcome)s") % {"line": line, "outcome": label},
            description=_("%(when)s 拨打 %(line)s：%(outcome)s。%(note)s")
            % {"when": when, "line": line, "outcome": label, "note": call.note},
            found_on=timezone.localdate(started_at), by=by, deadline_workdays=finding_deadline_workdays())
        TaskFinding.objects.create(task=task, problem=call.problem, recorded_by=by)
    call.save(update_fields=["problem"])
    return call
