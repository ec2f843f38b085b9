"""The verification queue: the supervisor closes (销号) or sends back each 已整改待核验 problem, or plans a re-visit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.orgs import access
from wicket.orgs.models import Role
from wicket.problems.selectors import problem_get_for_user
from wicket.problems.services import problem_transition
from wicket.supervision.forms import RevisitForm, inspectors_queryset
from wicket.supervision.selectors import submit_notes, verification_queue
from wicket.supervision.services import tasks as services


def verify_queue_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    problems = list(verification_queue()[:200])
    notes = submit_notes(problems)
    for p in problems:
        p.submit_note = notes.get(p.pk, "")
    return render(request, "supervision/verify.html", {"problems": problems, "inspectors": list(inspectors_queryset())})


@require_POST
def verify_decide_view(request, pk):
    access.require_role(request.user, Role.SUPERVISOR)
    problem = problem_get_for_user(user=request.user, pk=pk)
    action = request.POST.get("action", "")
    if action not in ("close", "send_back"):
        messages.error(request, _("未知的操作"))
        return redirect("supervision:verify")
    try:
        problem_transition(problem=problem, action=action, by=request.user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, _("#%(pk)s：%(m)s") % {"pk": pk, "m": " ".join(exc.messages)})
    else:
        messages.success(request, _("#%(pk)s 已销号") % {"pk": pk} if action == "close"
                         else _("#%(pk)s 已退回整改") % {"pk": pk})
    return redirect("supervision:verify")


@require_POST
def verify_revisit_view(request, pk):
    access.require_role(request.user, Role.SUPERVISOR)
    problem = problem_get_for_user(user=request.user, pk=pk)
    form = RevisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择复查人员"))
        return redirect("supervision:verify")
    task = services.task_revisit_create(problem=problem, by=request.user, inspectors=form.cleaned_data["inspectors"])
    messages.success(request, _("已安排复查任务：%(t)s") % {"t": task.title})
    return redirect("supervision:task", pk=task.pk)
