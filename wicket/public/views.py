"""Public pages (no login: report, track by receipt, progress) and the staff pages that triage reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.checklist.selectors import campaign_current
from wicket.core.history import history_entries
from wicket.orgs import access
from wicket.problems.models import Problem

from . import services, throttle
from .forms import AssignForm, CloseForm, LookupForm, MergeForm, ReportForm
from .models import Channel, ReportStatus
from .selectors import (
    STAFF_ROLES,
    closed_by_unit,
    progress_counts,
    report_by_receipt,
    report_get_for_staff,
    reports_for_staff,
    supervision_phone,
)


def _submit(request, form, *, channel: str, by=None):
    """Validate and store; returns the report or None with the errors on the form."""
    if not form.is_valid():
        return None
    d = form.cleaned_data
    try:
        return services.report_submit(what=d["what"], unit=d["unit"], place=d["place"], happened_on=d["happened_on"],
                                      contact=d["contact"], photo=d["photo"], channel=channel, by=by)
    except ValidationError as exc:
        form.add_error(None, exc)  # a refused photo names the photo field
        return None


@login_not_required
def report_view(request):
    form = ReportForm(request.POST or None, request.FILES or None)
    status = 200
    refused = ""
    if request.method == "POST":
        if not throttle.allow(request, scope="report", limit=throttle.report_limit()):
            refused = _("提交太频繁：同一网络每小时最多提交 %(n)s 条反映，请一小时后再试。情况紧急请直接拨打监督电话。") % {
                "n": throttle.report_limit()}
            status = 429
        else:
            report = _submit(request, form, channel=Channel.WEB)
            if report:
                return redirect(reverse("public:track") + f"?receipt={report.receipt}&new=1")
            status = 400
    return render(request, "public/report.html", {"form": form, "refused": refused, "phone": supervision_phone()},
                  status=status)


@login_not_required
def track_view(request):
    form = LookupForm(request.GET or None)
    progress, status, refused = None, 200, ""
    if request.GET.get("receipt"):
        if not throttle.allow(request, scope="lookup", limit=throttle.lookup_limit()):
            refused, status = _("查询太频繁，请稍后再试。"), 429
        elif form.is_valid():
            report = report_by_receipt(form.cleaned_data["receipt"])
            if report is None:
                form.add_error("receipt", _("没有找到回执编号为“%(r)s”的反映，请核对后重新输入") % {
                    "r": form.cleaned_data["receipt"]})
                status = 404
            else:
                progress = services.public_progress(report)
    return render(request, "public/track.html", {"form": form, "progress": progress, "refused": refused,
                                                 "new": request.GET.get("new") == "1"}, status=status)


@login_not_required
def progress_view(request):
    campaign = campaign_current()
    return render(request, "public/progress.html", {"campaign": campaign, "counts": progress_counts(campaign),
                                                    "units": closed_by_unit(campaign)})


# ---- staff: the supervision phone and triage


def triage_list_view(request):
    status = request.GET.get("status", "")
    qs = reports_for_staff(user=request.user, status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "public/triage_list.html", {"page": page, "status": status,
                                                       "statuses": ReportStatus.choices})


def phone_report_view(request):
    access.require_role(request.user, *STAFF_ROLES)
    form = ReportForm(request.POST or None, request.FILES or None)
    form.fields["contact"].label = _("来电号码或联系方式")
    if request.method == "POST":
        report = _submit(request, form, channel=Channel.PHONE, by=request.user)
        if report:
            messages.success(request, _("已登记，请把回执编号 %(r)s 告诉来电群众") % {"r": report.receipt})
            return redirect("public:triage_detail", pk=report.pk)
    return render(request, "public/phone_report.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request, report, **forms):
    return {
        "report": report, "history": history_entries(report),
        "can_triage": access.is_supervisor(request.user) and report.status == ReportStatus.RECEIVED,
        "assign_form": forms.get("assign_form") or AssignForm(initial={
            "unit": report.unit_id, "title": report.what[:60], "deadline_workdays": 10}),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "close_form": forms.get("close_form") or CloseForm(),
    }


def triage_detail_view(request, pk):
    report = report_get_for_staff(user=request.user, pk=pk)
    return render(request, "public/triage_detail.html", _detail(request, report))


def _triage(request, pk, form_class, key, action):
    report = report_get_for_staff(user=request.user, pk=pk)
    access.require_role(request.user, "supervisor")
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(report, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已处理"))
            return redirect("public:triage_detail", pk=pk)
    return render(request, "public/triage_detail.html", _detail(request, report, **{key: form}), status=400)


@require_POST
def triage_assign_view(request, pk):
    def act(report, d):
        services.report_assign(report=report, by=request.user, unit=d["unit"], checklist_code=d["checklist_code"],
                               title=d["title"], description=d["description"],
                               deadline_workdays=d["deadline_workdays"])
    return _triage(request, pk, AssignForm, "assign_form", act)


@require_POST
def triage_merge_view(request, pk):
    def act(report, d):
        try:
            problem = Problem.objects.get(pk=d["problem"])
        except Problem.DoesNotExist:
            raise ValidationError(_("没有编号为 %(n)s 的问题") % {"n": d["problem"]}) from None
        services.report_merge(report=report, by=request.user, problem=problem)
    return _triage(request, pk, MergeForm, "merge_form", act)


@require_POST
def triage_close_view(request, pk):
    def act(report, d):
        services.report_close(report=report, by=request.user, reason=d["reason"])
    return _triage(request, pk, CloseForm, "close_form", act)


def report_photo_view(request, pk):
    report = report_get_for_staff(user=request.user, pk=pk)
    if not report.photo:
        raise Http404
    return FileResponse(report.photo.open("rb"), filename=report.photo.name.rsplit("/", 1)[-1])
