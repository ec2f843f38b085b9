"""Thin views: parse, call one service or selector, render. Access goes through wicket.orgs.access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.checklist.selectors import campaign_current
from wicket.core.htmx import page_or_partial
from wicket.orgs import access
from wicket.orgs.models import Unit

from . import services
from .errors import ConcurrentEditError
from .forms import EvidenceForm, NoteForm, ProblemCreateForm, RectifyForm, checklist_choices
from .lifecycle import allowed_actions
from .models import Evidence, Source, Status
from .selectors import (
    filters_from,
    problem_detection,
    problem_get_for_user,
    problem_history,
    problem_list,
    problem_status_counts,
)


def problem_list_view(request):
    filters = filters_from(request)
    qs = problem_list(user=request.user, filters=filters)
    page = Paginator(qs.order_by("-found_on", "-id"), 50).get_page(request.GET.get("page"))
    context = {
        "page": page, "filters": filters, "counts": problem_status_counts(qs),
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
    events = list(problem.events.select_related("by"))
    return {
        "problem": problem,
        "events": events,
        "detection": problem_detection(problem=problem, events=events),
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
    problem = problem_get_for_user(user=request.user, pk=pk)
    return render(request, "problems/detail.html", _detail_context(request, problem))


@require_POST
def problem_transition_view(request, pk):
    problem = problem_get_for_user(user=request.user, pk=pk)
    try:
        services.problem_transition(problem=problem, action=request.POST.get("action", ""), by=request.user,
                                    note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("操作成功"))
    return redirect("problems:detail", pk=pk)


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
