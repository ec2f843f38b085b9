"""County-level pages (督查室 only; anyone else gets 404): the county view, the summary, the pack."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.checklist.models import PhaseKind
from wicket.core.downloads import DOCX, attachment
from wicket.core.history import history_entries
from wicket.orgs import access
from wicket.orgs.models import Role
from wicket.problems.models import Source, Status
from wicket.problems.selectors import filters_from

from .county import county_charts, county_view
from .forms import SummaryForm
from .models import CampaignSummary, SummaryStatus
from .selectors import campaign_get_for_user, point_count
from .services import summaries


def _campaign(request, pk):
    access.require_role(request.user, Role.SUPERVISOR)
    return campaign_get_for_user(user=request.user, pk=pk)


def county_view_view(request, pk):
    campaign = _campaign(request, pk)
    view = county_view(user=request.user, campaign=campaign, filters=filters_from(request))
    titles = {i.code: i.title for i in campaign.checklist.items.filter(parent__isnull=True)}
    return render(request, "campaigns/county.html", {
        "campaign": campaign, "view": view, "charts": county_charts(view, titles), "titles": titles,
        "points": point_count(campaign), "statuses": Status.choices, "sources": Source.choices,
        "units": campaign.units.order_by("order", "id"), "today": timezone.localdate(),
    })


def summary_view(request, pk):
    campaign = _campaign(request, pk)
    summary = CampaignSummary.objects.filter(campaign=campaign).select_related("issued_by").first()
    form = None
    if summary and summary.status == SummaryStatus.DRAFT:
        form = SummaryForm(initial={"version": summary.version, "title": summary.title, "text": summary.text})
    return _summary_page(request, campaign, summary, form)


def _summary_page(request, campaign, summary, form, status=200):
    consolidation = campaign.phases.filter(kind=PhaseKind.CONSOLIDATION).first()
    return render(request, "campaigns/summary.html", {
        "campaign": campaign, "summary": summary, "form": form, "consolidation": consolidation,
        "history": history_entries(summary) if summary else [],
    }, status=status)


@require_POST
def summary_generate_view(request, pk):
    campaign = _campaign(request, pk)
    try:
        summaries.summary_generate(campaign=campaign, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已根据最新数据生成工作总结草稿，请核对修改后印发"))
    return redirect("campaigns:summary", pk=pk)


@require_POST
def summary_save_view(request, pk):
    campaign = _campaign(request, pk)
    summary = CampaignSummary.objects.filter(campaign=campaign).first()
    if summary is None:
        return redirect("campaigns:summary", pk=pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if request.POST.get("issue"):
                summary = summaries.summary_save(summary=summary, by=request.user, version=d["version"],
                                                 title=d["title"], text=d["text"])
                summaries.summary_issue(summary=summary, by=request.user, version=summary.version)
                messages.success(request, _("工作总结已印发，内容已冻结"))
            else:
                summaries.summary_save(summary=summary, by=request.user, version=d["version"], title=d["title"],
                                       text=d["text"])
                messages.success(request, _("工作总结已保存"))
        except ValidationError as exc:
            form.add_error(None, exc)
            summary.refresh_from_db()
            return _summary_page(request, campaign, summary, form, status=409)
        return redirect("campaigns:summary", pk=pk)
    return _summary_page(request, campaign, summary, form, status=400)


def summary_docx_view(request, pk):
    campaign = _campaign(request, pk)
    summary = CampaignSummary.objects.filter(campaign=campaign).select_related("campaign").first()
    if summary is None:
        summary = CampaignSummary(campaign=campaign, title=_("%(c)s工作总结") % {"c": campaign.name},
                                  text=summaries.summary_generate_text(campaign, today=timezone.localdate()),
                                  generated_at=timezone.now())
    suffix = "" if summary.status == SummaryStatus.ISSUED else _("（草稿）")
    return attachment(summaries.summary_docx_bytes(summary), f"{summary.title}{suffix}.docx", DOCX)


def pack_view(request, pk):
    campaign = _campaign(request, pk)
    data = summaries.inspection_pack(campaign=campaign)
    return attachment(data, f"{campaign.name}_迎检材料_{timezone.localdate().isoformat()}.zip", "application/zip")
