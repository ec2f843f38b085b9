"""督办: the supervisor's overview and controls; the unit head's 督办单 with its acknowledgement."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.core.history import history_entries
from wicket.orgs import access
from wicket.orgs.models import Role
from wicket.problems.selectors import problem_get_for_user
from wicket.supervision.forms import AcknowledgeForm
from wicket.supervision.models import EscalationLevel
from wicket.supervision.selectors import (
    escalation_get_for_user,
    escalations_for_user,
    overdue_problems_with_levels,
)
from wicket.supervision.services import escalation as services


def escalation_list_view(request):
    if not (access.is_supervisor(request.user) or access.unit_ids_for(request.user)):
        access.require_role(request.user, Role.SUPERVISOR)
    is_sup = access.is_supervisor(request.user)
    page = Paginator(escalations_for_user(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "supervision/escalations.html", {
        "page": page, "is_supervisor": is_sup,
        "overdue": overdue_problems_with_levels()[:200] if is_sup else [],
        "thresholds": services.thresholds(), "levels": EscalationLevel,
    })


@require_POST
def escalation_run_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    made = services.escalation_run(by=request.user)
    messages.success(request, _("已执行督办：新增 %(n)s 条") % {"n": len(made)})
    return redirect("supervision:escalations")


@require_POST
def escalation_raise_view(request, pk):
    access.require_role(request.user, Role.SUPERVISOR)
    problem = problem_get_for_user(user=request.user, pk=pk)
    try:
        esc = services.escalation_raise(problem=problem, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("supervision:escalations")
    messages.success(request, _("已督办：%(l)s") % {"l": esc.get_level_display()})
    return redirect("supervision:escalation", pk=esc.pk)


def _detail(request, esc, form=None):
    return {"esc": esc, "form": form or AcknowledgeForm(), "history": history_entries(esc),
            "can_ack": esc.level == EscalationLevel.ORDER and not esc.acknowledged_at
            and access.is_head_of(request.user, esc.unit_id)}


def escalation_detail_view(request, pk):
    esc = escalation_get_for_user(user=request.user, pk=pk)
    return render(request, "supervision/escalation_detail.html", _detail(request, esc))


@require_POST
def escalation_acknowledge_view(request, pk):
    esc = escalation_get_for_user(user=request.user, pk=pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.escalation_acknowledge(escalation=esc, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("督办单已签收"))
            return redirect("supervision:escalation", pk=pk)
    return render(request, "supervision/escalation_detail.html", _detail(request, esc, form), status=400)
