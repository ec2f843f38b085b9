"""Supervision tasks: the supervisor plans them; inspectors record findings and phone tests on a phone."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.checklist.selectors import campaign_current
from wicket.core.history import history_entries
from wicket.orgs import access
from wicket.orgs.models import REPORTING_KINDS, Role, Unit
from wicket.supervision.forms import FindingForm, PhoneCallForm, TaskForm
from wicket.supervision.models import Method, TaskStatus
from wicket.supervision.selectors import task_calls, task_findings, tasks_for_user
from wicket.supervision.services import tasks as services


def task_list_view(request):
    tasks = tasks_for_user(request.user)
    return render(request, "supervision/task_list.html", {
        "tasks": tasks, "can_create": access.is_supervisor(request.user)})


def _task_units():
    campaign = campaign_current()
    if campaign:
        return campaign.units.order_by("order", "id")
    return Unit.objects.filter(kind__in=REPORTING_KINDS).order_by("order", "id")


def task_create_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    today = timezone.localdate()
    form = TaskForm(request.POST or None, units=_task_units(),
                    initial={"starts_on": today, "ends_on": today, "method": Method.ONSITE_CHECK})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            task = services.task_create(by=request.user, title=d["title"], method=d["method"],
                                        inspectors=d["inspectors"], units=d["units"], starts_on=d["starts_on"],
                                        ends_on=d["ends_on"], checklist_codes=d["checklist_codes"], notes=d["notes"],
                                        campaign=campaign_current())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("督查任务已安排"))
            return redirect("supervision:task", pk=task.pk)
    return render(request, "supervision/task_form.html", {"form": form}, status=400 if form.errors else 200)


def _task_context(request, task, *, finding_form=None, call_form=None):
    is_phone = task.method == Method.PHONE_TEST
    return {
        "task": task, "units": task.units.order_by("order", "id"), "inspectors": task.inspectors.all(),
        "findings": task_findings(task), "calls": task_calls(task) if is_phone else [],
        "is_phone": is_phone, "open": task.status == TaskStatus.OPEN,
        "finding_form": finding_form or FindingForm(task=task),
        "call_form": call_form or PhoneCallForm(task=task),
        "is_supervisor": access.is_supervisor(request.user),
        "history": history_entries(task),
    }


def task_detail_view(request, pk):
    task = services.task_get_for_user(user=request.user, pk=pk)
    return render(request, "supervision/task_detail.html", _task_context(request, task))


def finding_create_view(request, pk):
    """The phone-sized page an inspector fills in on site."""
    task = services.task_get_for_user(user=request.user, pk=pk)
    form = FindingForm(request.POST or None, request.FILES or None, task=task)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            finding = services.finding_record(task=task, by=request.user, unit=d["unit"],
                                              checklist_code=d["checklist_code"], title=d["title"],
                                              description=d["description"], deadline_workdays=d["deadline_workdays"],
                                              photos=d["photos"])
        except ValidationError as exc:
            form.add_error("photos" if d["photos"] else None, exc)
        else:
            messages.success(request, _("已记录：%(t)s（问题 #%(pk)s，%(n)s 张照片）") % {
                "t": finding.problem.title, "pk": finding.problem.pk, "n": len(d["photos"])})
            return redirect("supervision:finding_new", pk=task.pk)
    return render(request, "supervision/finding_form.html", {"task": task, "form": form,
                                                             "recent": task_findings(task)[:5]},
                  status=400 if form.errors else 200)


@require_POST
def phone_call_create_view(request, pk):
    task = services.task_get_for_user(user=request.user, pk=pk)
    form = PhoneCallForm(request.POST, task=task)
    if form.is_valid():
        d = form.cleaned_data
        try:
            call = services.phone_call_record(task=task, by=request.user, unit=d["unit"], line=d["line"],
                                              started_at=d["started_at"], outcome=d["outcome"],
                                              ring_seconds=d["ring_seconds"], talk_seconds=d["talk_seconds"],
                                              note=d["note"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if call.problem_id:
                messages.warning(request, _("已记录拨测结果“%(o)s”，已生成问题 #%(pk)s（1.3 咨询电话不通）") % {
                    "o": call.get_outcome_display(), "pk": call.problem_id})
            else:
                messages.success(request, _("已记录拨测结果：接通"))
            return redirect("supervision:task", pk=task.pk)
    return render(request, "supervision/task_detail.html", _task_context(request, task, call_form=form), status=400)


@require_POST
def task_finish_view(request, pk):
    task = services.task_get_for_user(user=request.user, pk=pk)
    access.require_role(request.user, Role.SUPERVISOR)
    services.task_finish(task=task, by=request.user)
    messages.success(request, _("督查任务已完成"))
    return redirect("supervision:task", pk=pk)
