"""Running one attempt of a job inside the worker (or in the request, with the immediate backend)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.common import InputError
from wicket.core.models import Job, JobStatus

from . import progress as live_progress

logger = logging.getLogger("wicket.jobs")


class JobRefused(Exception):
    """A job refuses its input, with a message for the user (no retry is offered)."""


def refusal_text(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("没有权限执行这项操作")


def run(job_id: int, attempt: int) -> None:
    """Claim the attempt, run the job's body with live progress, and record how it ended. An attempt
    that is no longer the job's current one (a retry superseded it) does nothing."""
    from .registry import KINDS

    claimed = Job.objects.filter(pk=job_id, attempts=attempt, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), stage=_("开始处理"))
    if not claimed:
        logger.info("job %s attempt %s: not queued any more, skipped", job_id, attempt)
        return
    job = Job.objects.select_related("created_by").get(pk=job_id)
    kind = KINDS[job.task_path]
    with live_progress.Progress(job_id) as progress:
        token = live_progress._current.set(progress)
        try:
            message = kind.body(job, **job.args)
        except (InputError, ValidationError, PermissionDenied, JobRefused) as exc:
            _finish(job_id, attempt, progress, status=JobStatus.FAILED, error=refusal_text(exc), retryable=False)
        except Exception as exc:
            logger.exception("job %s (%s) attempt %s failed", job_id, job.task_path, attempt)
            _finish(job_id, attempt, progress, status=JobStatus.FAILED, retryable=True, error=_(
                "处理时出现内部错误（%(e)s），本次没有保存任何内容。可以点“重试”再运行一次；仍然失败请联系系统管理员。")
                % {"e": type(exc).__name__})
            raise  # the queue keeps the traceback
        else:
            _finish(job_id, attempt, progress, status=JobStatus.SUCCEEDED, message=message or "")
        finally:
            live_progress._current.reset(token)


def _finish(job_id: int, attempt: int, progress: live_progress.Progress, *, status: str, **fields: Any) -> None:
    figures = progress.live
    with transaction.atomic():
        Job.objects.filter(pk=job_id, attempts=attempt).update(
            status=status, finished_at=timezone.now(), stage=figures.stage, rows_done=figures.rows,
            rows_total=figures.total, findings=figures.findings, **fields)
