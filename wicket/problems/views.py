"""Thin views: parse, call one service or selector, render. Access goes through wicket.orgs.access."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.checklist.selectors import campaign_current
from wicket.core.htmx import page_or_partial
from wicket.orgs import access
from wicket.orgs.models import Unit

from . import detection, services
from .errors import ConcurrentEditError, ProblemError
from .forms import EvidenceForm, NoteForm, ProblemCreateForm, RectifyForm, checklist_choices
from .lifecycle import allowed_actions
from .models import Evidence, Problem, ProblemFinding, Source, Status
from .presenting import finding_views
from .selectors import (
    filters_from,
    group_rows,
    problem_detail_extras,
    problem_detection,
    problem_findings,
    problem_get_for_user,
    problem_groups,
    problem_history,
    problem_list,
    problem_status_counts,
)


def problem_list_view(request):
    """The list, grouped by unit and category with their counts (over the whole filtered list)."""
    filters = filters_from(request)
    qs = problem_list(user=request.user, filters=filters)
    page = Paginator(qs.order_by("unit__order", "unit_id", "checklist_code", "-found_on", "-id"), 50).get_page(
        request.GET.get("page"))
    groups = problem_groups(qs)
    context = {
        "page": page, "rows": group_rows(page, groups), "groups": groups, "filters": filters,
        "counts": problem_status_counts(qs),
        "units": access.units_visible_to(request.user).order_by("order", "id"),
        "statuses": Status.choices, "sources": Source.choices, "categories": checklist_choices(),
        "can_create": access.is_supervisor(request.user) or bool(access.unit_ids_for(request.user)),
        "query": request.GET.urlencode(),
    }
    return render(request, page_or_partial(request, "problems/list.html", "problems/_table.html"), context)


def _creatable_units(user):
    if access.is_supervisor(user):
        return Unit.objects.all()
    return Unit.objects.filter(id__in=access.unit_ids_for(user))


def problem_create_view(request):
    units = _creatable_units(request.user)
    if not units.exists():
        raise Http404
    sources = None if access.is_supervisor(request.user) else [Source.SELF_INSPECTION]
    form = ProblemCreateForm(request.POST or None, units=units, sources=sources,
                             initial={"found_on": timezone.localdate(), "source": Source.SELF_INSPECTION})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            problem = services.problem_create(
                unit=d["unit"], checklist_code=d["checklist_code"], source=d["source"], title=d["title"],
                description=d["description"], found_on=d["found_on"], measures=d["measures"],
                responsible=d["responsible"], deadline=d["deadline"], deadline_workdays=d["deadline_workdays"],
                immediate=d["immediate"], by=request.user, campaign=campaign_current(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("问题已登记"))
            return redirect("problems:detail", pk=problem.pk)
    return render(request, "problems/create.html", {"form": form})


def _detail_context(request, problem, *, rectify_form=None, note_form=None, evidence_form=None):
    user = request.user
    is_unit = access.can_edit_unit(user, problem.unit_id)
    is_sup = access.is_supervisor(user)
    events = list(problem.events.select_related("by"))
    findings = problem_findings(problem=problem)
    return {
        **problem_detail_extras(problem=problem, findings=findings, is_unit=is_unit, is_supervisor=is_sup),
        "problem": problem,
        "events": events,
        "detection": problem_detection(problem=problem, events=events),
        "updates": detection.updates(events),
        "today": timezone.localdate(),
        "evidence": problem.evidence.select_related("uploaded_by").all(),
        "actions": allowed_actions(problem.status, is_unit=is_unit, is_supervisor=access.is_supervisor(user),
                                   detector_cleared=problem.detector_cleared_at is not None),
        "can_edit": is_unit and problem.status != Status.CLOSED,
        "can_note": is_unit or access.is_supervisor(user),
        "rectify_form": rectify_form or RectifyForm.for_problem(problem),
        "note_form": note_form or NoteForm(),
        "evidence_form": evidence_form or EvidenceForm(),
        "history": problem_history(problem=problem),
        "is_overdue": problem.deadline is not None and problem.deadline < timezone.localdate()
        and problem.status != Status.CLOSED,
    }


def problem_detail_view(request, pk):
    try:
        problem = problem_get_for_user(user=request.user, pk=pk)
    except Http404:
        # A problem merged into another when problems were regrouped by cause: go to the survivor.
        merged = Problem.all_objects.filter(pk=pk, merged_into__isnull=False).values_list("merged_into", flat=True)
        if merged:
            survivor = problem_get_for_user(user=request.user, pk=merged[0])
            messages.info(request, _("问题 #%(old)s 已按原因并入本问题") % {"old": pk})
            return redirect("problems:detail", pk=survivor.pk)
        raise
    return render(request, "problems/detail.html", _detail_context(request, problem))


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@require_POST
def problem_transition_view(request, pk):
    problem = problem_get_for_user(user=request.user, pk=pk)
    rectified_on = _day(request.POST.get("rectified_on"))
    if request.POST.get("rectified_on") and rectified_on is None:
        messages.error(request, _("整改完成日期格式不正确，请按“年-月-日”填写"))
        return redirect("problems:detail", pk=pk)
    try:
        services.problem_transition(problem=problem, action=request.POST.get("action", ""), by=request.user,
                                    note=request.POST.get("note", ""), rectified_on=rectified_on)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("操作成功"))
    return redirect("problems:detail", pk=pk)


@require_POST
def problem_finding_view(request, pk, finding_id):
    """Mark one finding fixed (the unit), accept it with a reason (the supervisor), or undo either."""
    problem = problem_get_for_user(user=request.user, pk=pk)
    try:
        finding = ProblemFinding.objects.get(pk=finding_id, problem=problem)
    except ProblemFinding.DoesNotExist:
        raise Http404 from None
    error = ""
    try:
        finding = services.problem_finding_act(finding=finding, action=request.POST.get("action", ""),
                                               by=request.user, note=request.POST.get("note", "")[:2000])
    except ProblemError as exc:
        error = " ".join(exc.messages)
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        return redirect(f"{reverse('problems:detail', args=[pk])}#finding-{finding_id}")
    problem.refresh_from_db()
    user = request.user
    view = finding_views(problem, [finding], is_unit=access.can_edit_unit(user, problem.unit_id),
                         is_supervisor=access.is_supervisor(user))[0]
    return render(request, "problems/_finding.html", {"problem": problem, "f": view, "error": error,
                                                      "itemised": True},
                  status=400 if error else 200)


@require_POST
def problem_rectify_view(request, pk):
    problem = problem_get_for_user(user=request.user, pk=pk)
    form = RectifyForm(request.POST)
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        try:
            problem = services.problem_rectify(
                problem=problem, by=request.user, version=d["version"], measures=d["measures"],
                responsible=d["responsible"], deadline=d["deadline"], deadline_workdays=d["deadline_workdays"],
                immediate=d["immediate"])
        except ConcurrentEditError as exc:
            form.add_error(None, exc)
            status = 409
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("整改方案已保存"))
            return redirect("problems:detail", pk=pk)
    return render(request, "problems/detail.html", _detail_context(request, problem, rectify_form=form),
                  status=status)


@require_POST
def problem_note_view(request, pk):
    problem = problem_get_for_user(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.problem_note(problem=problem, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("problems:detail", pk=pk)
    return render(request, "problems/detail.html", _detail_context(request, problem, note_form=form), status=400)


@require_POST
def evidence_upload_view(request, pk):
    problem = problem_get_for_user(user=request.user, pk=pk)
    if not (access.can_edit_unit(request.user, problem.unit_id) or access.is_supervisor(request.user)):
        raise Http404
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(problem=problem, by=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("佐证材料已上传"))
            return redirect("problems:detail", pk=pk)
    return render(request, "problems/detail.html", _detail_context(request, problem, evidence_form=form),
                  status=400)


def evidence_download_view(request, pk, evidence_id):
    problem = problem_get_for_user(user=request.user, pk=pk)
    try:
        ev = Evidence.objects.get(pk=evidence_id, problem=problem)
    except Evidence.DoesNotExist:
        raise Http404 from None
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=ev.name)
