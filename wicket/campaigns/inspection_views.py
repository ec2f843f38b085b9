"""A unit's self-inspection, its phase report and their exports. Strangers get 404 on every one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.checklist.models import ChecklistItem, Phase
from wicket.checklist.selectors import phase_current
from wicket.core.downloads import DOCX, XLSX, attachment
from wicket.core.htmx import is_htmx
from wicket.orgs import access
from wicket.problems.models import Problem
from wicket.problems.selectors import with_overdue
from wicket.signoff.models import Submission, SubmissionStatus

from . import exports
from .forms import AnswerForm
from .models import Answer, AnswerEvidence
from .selectors import (
    campaign_get_for_user,
    campaign_unit_get,
    inspection_sheet,
    point_count,
    unit_reports,
)
from .services import inspection
from .services.summaries import signed_report_docx


def _scope(request, pk, unit_id, *, edit: bool = False):
    campaign = campaign_get_for_user(user=request.user, pk=pk)
    unit = campaign_unit_get(user=request.user, campaign=campaign, unit_id=unit_id)
    if edit and not access.can_edit_unit(request.user, unit):
        raise Http404
    return campaign, unit


def inspection_view(request, pk, unit_id):
    campaign, unit = _scope(request, pk, unit_id)
    sheet = inspection_sheet(campaign=campaign, unit=unit)
    answered = sum(1 for c in sheet for p in c.points if p["answer"])
    can_edit = access.can_edit_unit(request.user, unit)
    for cat in sheet:
        for point in cat.points:
            point["form"] = _answer_form(point["item"], point["answer"]) if can_edit else None
    return render(request, "campaigns/inspection.html", {
        "campaign": campaign, "unit": unit, "sheet": sheet, "answered": answered, "points": point_count(campaign),
        "can_edit": can_edit,
    })


def _answer_form(item: ChecklistItem, answer: Answer | None, data=None, files=None) -> AnswerForm:
    initial = {"result": answer.result, "notes": answer.notes} if answer else {}
    return AnswerForm(data, files, prefix=f"p{item.pk}", initial=initial)


@require_POST
def answer_view(request, pk, unit_id, item_id):
    campaign, unit = _scope(request, pk, unit_id, edit=True)
    try:
        item = campaign.checklist.items.get(pk=item_id, parent__isnull=False)
    except (ChecklistItem.DoesNotExist, ValueError):
        raise Http404 from None
    form = _answer_form(item, None, request.POST, request.FILES)
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        try:
            inspection.answer_save(campaign=campaign, unit=unit, item=item, result=d["result"], notes=d["notes"],
                                   problem_title=d["problem_title"], problem_description=d["problem_description"],
                                   upload=d["file"], by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            status = 200
            if not is_htmx(request):
                messages.success(request, _("要点 %(c)s 已保存") % {"c": item.code})
                return redirect(f"{reverse('campaigns:inspection', args=[pk, unit_id])}#point-{item.pk}")
    answer = (Answer.objects.filter(inspection__campaign=campaign, inspection__unit=unit, item=item)
              .prefetch_related("evidence").first())
    problems = list(with_overdue(answer.problems.order_by("id"))) if answer else []
    if status == 200:
        form = _answer_form(item, answer)
    context = {"campaign": campaign, "unit": unit, "point": {"item": item, "answer": answer, "form": form,
                                                             "problems": problems},
               "can_edit": True, "saved": status == 200}
    if is_htmx(request):
        # htmx swaps only 2xx answers: the form with its errors comes back as 200.
        return render(request, "campaigns/_answer.html", context)
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(f"{reverse('campaigns:inspection', args=[pk, unit_id])}#point-{item.pk}")


def answer_evidence_view(request, pk, unit_id, evidence_id):
    campaign, unit = _scope(request, pk, unit_id)
    try:
        ev = AnswerEvidence.objects.get(pk=evidence_id, answer__inspection__campaign=campaign,
                                        answer__inspection__unit=unit)
    except (AnswerEvidence.DoesNotExist, ValueError):
        raise Http404 from None
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=ev.name)


def report_view(request, pk, unit_id):
    campaign, unit = _scope(request, pk, unit_id)
    phases = unit_reports(campaign=campaign, unit=unit)
    current = phase_current(campaign)
    return render(request, "campaigns/report.html", {
        "campaign": campaign, "unit": unit, "phases": phases, "current": current,
        "missing": inspection.missing_points(campaign=campaign, unit=unit),
        "can_edit": access.can_edit_unit(request.user, unit),
    })


def _phase(campaign, phase_id) -> Phase:
    try:
        return campaign.phases.get(pk=phase_id)
    except (Phase.DoesNotExist, ValueError):
        raise Http404 from None


@require_POST
def report_submit_view(request, pk, unit_id, phase_id):
    campaign, unit = _scope(request, pk, unit_id, edit=True)
    phase = _phase(campaign, phase_id)
    try:
        sub = inspection.report_submit(campaign=campaign, unit=unit, phase=phase, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:report", pk=pk, unit_id=unit_id)
    messages.success(request, _("报告已提交，等待主要负责人审核签字"))
    return redirect("signoff:detail", pk=sub.pk)


def report_docx_view(request, pk, unit_id, phase_id):
    """The newest signed version; before anything is signed, today's content marked as a draft."""
    campaign, unit = _scope(request, pk, unit_id)
    phase = _phase(campaign, phase_id)
    sub = (Submission.objects.filter(unit=unit, kind=inspection.REPORT_KIND, key=inspection.report_key(phase),
                                     status=SubmissionStatus.SIGNED).order_by("-version").first())
    if sub is not None:
        data = signed_report_docx(sub)
        name = f"{unit.name}_{phase.get_kind_display()}_排查整改情况报告_第{sub.version}版.docx"
    else:
        data = exports.report_docx(inspection.report_content(campaign=campaign, unit=unit, phase=phase))
        name = f"{unit.name}_{phase.get_kind_display()}_排查整改情况报告_草稿.docx"
    return attachment(data, name, DOCX)


def problems_xlsx_view(request, pk, unit_id):
    campaign, unit = _scope(request, pk, unit_id)
    today = timezone.localdate()
    problems = list(Problem.objects.filter(campaign=campaign, unit=unit).order_by("checklist_code", "id"))
    data = exports.problems_xlsx(unit_name=unit.name, problems=problems, today=today)
    return attachment(data, f"{unit.name}_问题整改清单_{today.isoformat()}.xlsx", XLSX)
