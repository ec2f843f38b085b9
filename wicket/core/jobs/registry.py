"""What kinds of background job exist: each is a django.tasks Task made by `@background` in its
app's `jobs.py`, registered here with who may see it and where its result is shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.tasks import Task, task

from wicket.core.models import Job

Visible = Callable[[Any, Job], bool]  # (user, job) -> may this user see the job?


@dataclass(frozen=True)
class JobKind:
    task: Task
    body: Callable[..., str | None]
    visible: Visible  # who may poll it: those who may see its subject; anyone else gets 404
    manage: Visible  # who may retry it
    done_url: Callable[[Job], str] | None  # the page that shows the result (the waiting page follows it)
    daily: bool  # started once a day by the worker (schedule.py)
    title: Any  # the daily job's name as the page shows it


KINDS: dict[str, JobKind] = {}


def background(*, visible: Visible, manage: Visible | None = None, done_url: Callable[[Job], str] | None = None,
               daily: bool = False, title: Any = "", priority: int = 0) -> Callable[[Callable[..., str | None]], Task]:
    """Make `body(job, **args) -> message` a background job.

    The module attribute becomes a django.tasks Task (so the queue stores its dotted path and the
    worker imports it); its one argument is the Job, whose `args` are passed on as keywords. The body
    reports progress with `wicket.core.jobs.report(...)`, writes what it keeps in one transaction (or
    idempotently: a re-run after a lost worker finds the work done and says so), raises InputError /
    ValidationError for input it refuses (shown to the user as it is, no retry offered) and returns
    the message shown when it is done."""

    def wrap(body: Callable[..., str | None]) -> Task:
        from .runner import run

        def runner(job_id: int, attempt: int) -> None:
            run(job_id, attempt)

        # The queue finds a task by its function's dotted path: make it the body's own.
        runner.__module__, runner.__qualname__, runner.__name__ = body.__module__, body.__qualname__, body.__name__
        runner.__doc__ = body.__doc__
        made = task(priority=priority)(runner)
        KINDS[made.module_path] = JobKind(task=made, body=body, visible=visible, manage=manage or visible,
                                          done_url=done_url, daily=daily, title=title)
        return made

    return wrap


def kind_of(job: Job) -> JobKind | None:
    return KINDS.get(job.task_path)


def daily_kinds() -> list[JobKind]:
    return [k for _, k in sorted(KINDS.items()) if k.daily]
