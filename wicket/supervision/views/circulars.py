"""通报: draft from the campaign's data, edit in the browser, issue (frozen), download as .docx."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.checklist.selectors import campaign_current
from wicket.core.downloads import DOCX, attachment
from wicket.core.history import history_entries
from wicket.orgs import access
from wicket.orgs.models import Role
from wicket.supervision.forms import CircularForm
from wicket.supervision.models import Circular
from wicket.supervision.services import circulars as services


def _get(request, pk) -> Circular:
    access.require_role(request.user, Role.SUPERVISOR)
    try:
        return Circular.objects.select_related("campaign", "issued_by", "created_by").get(pk=pk)
    except (Circular.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def circular_list_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    return render(request, "supervision/circulars.html", {
        "circulars": Circular.objects.select_related("issued_by").order_by("-date", "-id"),
        "campaign": campaign_current()})


@require_POST
def circular_create_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    campaign = campaign_current()
    if campaign is None:
        messages.error(request, _("尚未开展排查整改工作，无法起草通报"))
        return redirect("supervision:circulars")
    circular = services.circular_draft_create(campaign=campaign, by=request.user)
    messages.success(request, _("已根据督查数据起草通报，请修改后印发"))
    return redirect("supervision:circular", pk=circular.pk)


def circular_detail_view(request, pk):
    circular = _get(request, pk)
    form = CircularForm(request.POST or None, instance=circular)
    status = 200
    if request.method == "POST":
        if circular.is_issued:
            messages.error(request, _("已印发的通报不能修改"))
            return redirect("supervision:circular", pk=pk)
        if form.is_valid():
            try:
                services.circular_update(circular=circular, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("通报已保存"))
                return redirect("supervision:circular", pk=pk)
        status = 400
        circular.refresh_from_db()
    return render(request, "supervision/circular_detail.html", {
        "circular": circular, "form": form, "history": history_entries(circular)}, status=status)


@require_POST
def circular_issue_view(request, pk):
    circular = _get(request, pk)
    try:
        services.circular_issue(circular=circular, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("通报已印发，内容已冻结"))
    return redirect("supervision:circular", pk=pk)


def circular_docx_view(request, pk):
    circular = _get(request, pk)
    name = f"{circular.doc_number}{'' if circular.is_issued else '（草稿）'}.docx"
    return attachment(services.circular_render(circular), name, DOCX)
