"""A job's card, polled by htmx while it runs, and its 重试 button. Access through the job's kind:
who may see the job's subject may follow it; anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .registry import kind_of
from .selectors import job_get_for_user, job_state
from .services import job_retry


def card_context(user, job, *, follow: bool = False) -> dict:
    """What core/jobs/_job.html needs: the job's state, whether the user may retry it, where its
    result is shown (查看结果), and whether the page that waits for it reloads when it is done."""
    kind = kind_of(job)
    return {"state": job_state(job), "follow": follow, "can_manage": kind is not None and kind.manage(user, job),
            "done_url": kind.done_url(job) if kind is not None and kind.done_url else ""}


def job_view(request, pk):
    job = job_get_for_user(request.user, pk)
    follow = request.GET.get("follow") == "1"
    context = card_context(request.user, job, follow=follow)
    if not request.headers.get("HX-Request"):
        return render(request, "core/jobs/job.html", context)
    response = render(request, "core/jobs/_job.html", context)
    if follow and context["state"].finished:
        response["HX-Refresh"] = "true"  # the waiting page shows what the job has done (or why not)
    return response


@require_POST
def job_retry_view(request, pk):
    job = job_get_for_user(request.user, pk, manage=True)
    follow = request.POST.get("follow") == "1"
    try:
        job = job_retry(job=job, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.headers.get("HX-Request"):
        return render(request, "core/jobs/_job.html", card_context(request.user, job, follow=follow))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("jobs:job", pk=job.pk)
