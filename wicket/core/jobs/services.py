"""Writes: start a job, retry a failed or interrupted one, start the daily jobs that are due."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.core.models import DailyRun, Job, JobStatus

from .registry import daily_kinds, kind_of
from .selectors import job_latest_for, job_state

logger = logging.getLogger("wicket.jobs")


def _enqueue(job: Job) -> None:
    """Queue the job's current attempt. With the database backend the queue row is written in the
    caller's transaction, so a job is queued exactly when what it works on is saved."""
    result = kind_of(job).task.enqueue(job.pk, job.attempts)  # type: ignore[union-attr]
    if not result.is_finished:  # the immediate backend has already run it
        Job.objects.filter(pk=job.pk, attempts=job.attempts).update(result_id=str(result.id))


@transaction.atomic
def job_start(task: Task, *, title: str, by=None, subject: models.Model | None = None, **args: Any) -> Job:
    """Record a job for `subject` (the record it works on; who may see that record may follow the
    job) and queue it. `args` (JSON) are passed to the job's body as keywords."""
    job = Job.objects.create(
        task_path=task.module_path, title=title[:200], args=args, created_by=by,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None)
    _enqueue(job)
    job.refresh_from_db()
    return job


@transaction.atomic
def job_start_once(task: Task, *, title: str, subject: models.Model | None = None, by=None, **args: Any) -> Job:
    """job_start, refused while another job is still working on the same subject (whose row is
    locked meanwhile) — or, without a subject, while the same kind of job runs — so a double click
    or two colleagues start the work once."""
    if subject is not None:
        type(subject)._default_manager.select_for_update().get(pk=subject.pk)
        running = job_latest_for(subject)
    else:
        running = Job.objects.filter(task_path=task.module_path).order_by("-id").first()
    if running is not None and not job_state(running).finished:
        raise ValidationError(_("正在后台处理（%(t)s），请等处理完成") % {"t": running.title})
    return job_start(task, title=title, by=by, subject=subject, **args)


@transaction.atomic
def job_retry(*, job: Job, by) -> Job:
    """Run a failed job again, or one whose worker stopped answering (killed, restarted): a new
    attempt of the same job. An input the job refused is not retried: the user fixes the input."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    state = job_state(job)
    if not state.can_retry:
        raise ValidationError(_("这项任务不能重试（%(s)s）") % {"s": state.label})
    if job.status == JobStatus.RUNNING:
        _abandon_attempt(job)
    job.status, job.attempts = JobStatus.QUEUED, job.attempts + 1
    job.started_at = job.finished_at = None
    job.stage, job.rows_done, job.rows_total, job.findings, job.message, job.error = "", 0, None, None, "", ""
    job.save()
    _enqueue(job)
    job.refresh_from_db()
    logger.info("job %s retried by %s (attempt %s)", job.pk, getattr(by, "pk", None), job.attempts)
    return job


def _abandon_attempt(job: Job) -> None:
    """The lost attempt's queue row is closed as failed, so the queue does not show it running."""
    if not job.result_id or "django_tasks_db" not in settings.INSTALLED_APPS:
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=job.result_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now(), exception_class_path="wicket.core.jobs.WorkerLost",
        traceback="the worker stopped answering; the job was retried")


def daily_due(now: dt.datetime | None = None) -> dt.date | None:
    """Today, once the daily jobs' time (WICKET_DAILY_AT) has come; before it (or when off), None."""
    if settings.WICKET_DAILY_AT is None:
        return None
    local = timezone.localtime(now)
    hour, minute = settings.WICKET_DAILY_AT
    return local.date() if (local.hour, local.minute) >= (hour, minute) else None


def schedule_tick(now: dt.datetime | None = None) -> list[Job]:
    """Start each daily job that has not run today, once its time has come. Idempotent: however many
    workers tick, however often, each daily job starts once a day (the DailyRun unique row). A worker
    that was down a few days starts today's run only (each daily job looks at its own backlog)."""
    day = daily_due(now)
    if day is None:
        return []
    started = []
    for kind in daily_kinds():
        path = kind.task.module_path
        if DailyRun.objects.filter(task_path=path, day=day).exists():
            continue
        try:
            with transaction.atomic():
                run = DailyRun.objects.create(task_path=path, day=day)
                run.job = job_start(kind.task, title=f"{kind.title}（{day:%Y-%m-%d}）", day=day.isoformat())
                run.save(update_fields=["job"])
        except IntegrityError:
            continue  # another worker got there first
        started.append(run.job)
    return started
