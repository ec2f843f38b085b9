"""考核: the ranking per campaign with each unit's lines, the editable rules, and the xlsx export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wicket.checklist.models import Campaign
from wicket.checklist.selectors import campaign_current
from wicket.core.downloads import XLSX, attachment
from wicket.core.history import history_entries
from wicket.orgs import access
from wicket.orgs.models import Role
from wicket.supervision.exports import ranking_xlsx
from wicket.supervision.forms import SchemeForm
from wicket.supervision.services import scoring as services


def _campaign(request) -> Campaign:
    access.require_role(request.user, Role.SUPERVISOR)
    pk = request.GET.get("campaign")
    campaign = Campaign.objects.filter(pk=pk).first() if pk and pk.isdigit() else campaign_current()
    if campaign is None:
        raise Http404
    return campaign


def ranking_view(request):
    campaign = _campaign(request)
    scores = services.unit_scores(campaign=campaign)
    return render(request, "supervision/ranking.html", {
        "campaign": campaign, "scores": scores, "scheme_base": services.number(campaign.assessment.base),
        "campaigns": Campaign.objects.order_by("-created_at")})


def ranking_export_view(request):
    campaign = _campaign(request)
    data = ranking_xlsx(campaign=campaign, scores=services.unit_scores(campaign=campaign))
    return attachment(data, campaign.name + "考核排名.xlsx", XLSX)


def scheme_view(request):
    campaign = _campaign(request)
    scheme = services.scheme_for_campaign(campaign)
    rules = list(scheme.rules.all())
    form = SchemeForm(request.POST or None, rules=rules, initial={"base": scheme.base})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.scheme_update(scheme=scheme, by=request.user, base=d["base"],
                                   points={r.kind: d[f"points_{r.kind}"] for r in rules},
                                   active={r.kind: d[f"active_{r.kind}"] for r in rules})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("考核办法已保存"))
            return redirect(f"{request.path}?campaign={campaign.pk}")
    return render(request, "supervision/scheme.html", {"campaign": campaign, "form": form,
                                                       "history": history_entries(scheme)},
                  status=400 if form.errors else 200)
