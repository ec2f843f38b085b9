"""Background jobs: Django's Tasks framework (django.tasks) with the database as the queue
(django-tasks-db), a Job row the page polls, live progress, retry, and the daily jobs.

Writing a job (in the app's `jobs.py`; apps' `jobs.py` modules are imported at start-up):

    @background(visible=may_see_upload, done_url=lambda job: reverse(...))
    def upload_store(job, *, upload_id: int) -> str:
        report(stage=_("保存记录"), rows=n, total=total)    # as often as you like
        ...                                                # one transaction, or idempotent
        return _("已保存 …")                               # the message shown when done

    job_start(upload_store, title=..., by=user, subject=upload, upload_id=upload.pk)

The page includes core/jobs/_job.html (polled by htmx) and gets the progress bar, the error in
Chinese and 重试. See docs/architecture.md, "Background work".
"""

from .progress import report
from .registry import JobKind, background
from .runner import JobRefused
from .selectors import JobState, job_get_for_user, job_latest_for, job_state
from .services import job_retry, job_start, job_start_once, schedule_tick

__all__ = ["JobKind", "JobRefused", "JobState", "background", "job_get_for_user", "job_latest_for", "job_retry",
           "job_start", "job_start_once", "job_state", "report", "schedule_tick"]
