"""Reads: a job as its page shows it (the row, with the live figures while it runs), the latest job
of a record, and a job for a view (access through its kind: who may see the subject)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from wicket.core.models import Job, JobStatus

from . import progress as live_progress
from .registry import kind_of

INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class JobState:
    job: Job
    status: str  # a JobStatus, or INTERRUPTED: running, but its worker stopped answering
    stage: str
    rows: int
    total: int | None
    findings: int | None
    unit: str  # what rows counts (行 when empty)
    waiting_for_worker: bool  # queued, and no worker has said it is alive lately

    @property
    def label(self) -> str:
        if self.status == INTERRUPTED:
            return _("已中断")
        return str(JobStatus(self.status).label)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED, INTERRUPTED)

    @property
    def failed(self) -> bool:
        return self.status in (JobStatus.FAILED, INTERRUPTED)

    @property
    def can_retry(self) -> bool:
        return self.status == INTERRUPTED or (self.status == JobStatus.FAILED and self.job.retryable)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(100 * self.rows / self.total))

    @property
    def error(self) -> str:
        if self.status == INTERRUPTED:
            return _("后台处理进程停止了响应（可能被重启或终止），这次处理没有完成，也没有保存任何内容。请点“重试”重新处理。")
        return self.job.error


def job_state(job: Job) -> JobState:
    status = job.status
    stage, rows, total, findings, unit = job.stage, job.rows_done, job.rows_total, job.findings, ""
    if status == JobStatus.RUNNING:
        live = live_progress.live(job.pk)
        if live is not None:
            stage, rows, total, findings, unit = live.stage, live.rows, live.total, live.findings, live.unit
        started = job.started_at.timestamp() if job.started_at else 0.0
        if (live is None or not live.fresh()) and time.time() - started >= live_progress.stale_seconds():
            status = INTERRUPTED
    waiting = status == JobStatus.QUEUED and not live_progress.worker_alive()
    return JobState(job=job, status=status, stage=stage, rows=rows, total=total, findings=findings,
                    unit=unit or _("行"), waiting_for_worker=waiting)


def job_latest_for(subject: models.Model) -> Job | None:
    """The newest job about this record (a batch's check, then its import…), or None."""
    return (Job.objects.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)
            .select_related("created_by").order_by("-id").first())


def job_get_for_user(user, pk, *, manage: bool = False) -> Job:
    """The job for a view, or 404: only who may see the job's subject may follow the job (and only
    who may act on it may retry it); a stranger learns nothing, not even that it exists."""
    try:
        job = Job.objects.select_related("created_by", "subject_type").get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    kind = kind_of(job)
    if kind is None:
        raise Http404
    check = kind.manage if manage else kind.visible
    if not check(user, job):
        raise Http404
    return job
