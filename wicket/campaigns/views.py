"""Campaigns and checklists: the supervisor creates and reads; everyone sees the campaigns they take part in."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.checklist import services
from wicket.checklist.models import Checklist, ChecklistItem
from wicket.checklist.selectors import campaign_timeline, phase_current
from wicket.core.history import history_entries
from wicket.orgs import access
from wicket.orgs.models import Role

from .forms import (
    CampaignForm,
    ChecklistCopyForm,
    ChecklistItemForm,
    ChecklistPointForm,
    ClosureSettingsForm,
    NoticeCampaignForm,
)
from .selectors import (
    campaign_get_for_user,
    campaigns_for_user,
    inspection_progress,
    point_count,
)


def campaign_list_view(request):
    is_sup = access.is_supervisor(request.user)
    return render(request, "campaigns/list.html", {
        "campaigns": campaigns_for_user(request.user).select_related("checklist").prefetch_related("phases"),
        "can_create": is_sup, "notice_form": NoticeCampaignForm() if is_sup else None,
        "today": timezone.localdate(),
    })


def campaign_create_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            campaign = services.campaign_create(name=d["name"], doc_number=d["doc_number"], issuer=d["issuer"],
                                                checklist=d["checklist"], units=d["units"], phases=form.phases(),
                                                by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("排查整改工作已创建"))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/create.html", {"form": form})


@require_POST
def campaign_create_from_notice_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    form = NoticeCampaignForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("campaigns:list")
    d = form.cleaned_data
    campaign = services.campaign_create_from_notice(year=d["year"], start=d["start"], doc_number=d["doc_number"],
                                                    by=request.user)
    messages.success(request, _("已按通知创建排查整改工作：三个阶段及截止日期、全部镇（园区）和县直部门"))
    return redirect("campaigns:detail", pk=campaign.pk)


def campaign_detail_view(request, pk, closure_form=None, status=200):
    campaign = campaign_get_for_user(user=request.user, pk=pk)
    today = timezone.localdate()
    is_sup = access.is_supervisor(request.user)
    if is_sup and closure_form is None:
        closure_form = ClosureSettingsForm(initial={"closure_weeks": campaign.closure_weeks,
                                                    "closure_workdays": campaign.closure_workdays})
    units = campaign.units.order_by("order", "id")
    mine = [u for u in units if access.can_edit_unit(request.user, u)]
    progress = inspection_progress(campaign=campaign)
    return render(request, "campaigns/detail.html", {
        "campaign": campaign, "timeline": campaign_timeline(campaign, today=today),
        "phase": phase_current(campaign, today=today), "units": units, "my_units": mine,
        "unit_rows": [(u, progress.get(u.pk, 0)) for u in units], "points": point_count(campaign),
        "is_supervisor": is_sup, "history": history_entries(campaign), "closure_form": closure_form,
    }, status=status)


@require_POST
def campaign_closure_view(request, pk):
    """The supervisor sets how much fresh data proves a data-detected problem fixed."""
    campaign = campaign_get_for_user(user=request.user, pk=pk)
    access.require_role(request.user, Role.SUPERVISOR)
    form = ClosureSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.campaign_closure_settings_update(campaign=campaign, by=request.user,
                                                      weeks=form.cleaned_data["closure_weeks"],
                                                      workdays=form.cleaned_data["closure_workdays"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("数据核验要求已保存"))
            return redirect("campaigns:detail", pk=pk)
    return campaign_detail_view(request, pk, closure_form=form, status=400)


# ---- checklists (supervisor) -------------------------------------------------------------------------

def checklist_list_view(request):
    access.require_role(request.user, Role.SUPERVISOR)
    checklists = Checklist.objects.select_related("based_on").prefetch_related("campaign_set").order_by("-created_at")
    return render(request, "campaigns/checklists.html", {"checklists": checklists})


def _checklist(pk) -> Checklist:
    try:
        return Checklist.objects.get(pk=pk)
    except (Checklist.DoesNotExist, ValueError):
        raise Http404 from None


def checklist_detail_view(request, pk):
    access.require_role(request.user, Role.SUPERVISOR)
    checklist = _checklist(pk)
    return render(request, "campaigns/checklist.html", {
        "checklist": checklist, "items": checklist.items.order_by("order"),
        "editable": not services.checklist_in_use(checklist),
        "copy_form": ChecklistCopyForm(initial={"name": checklist.name}),
        "point_form": ChecklistPointForm(), "history": history_entries(checklist),
    })


@require_POST
def checklist_copy_view(request, pk):
    access.require_role(request.user, Role.SUPERVISOR)
    source = _checklist(pk)
    form = ChecklistCopyForm(request.POST)
    if form.is_valid():
        try:
            copy = services.checklist_copy(source=source, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已复制为新版本，可以修改后用于新的排查整改工作"))
            return redirect("campaigns:checklist", pk=copy.pk)
    else:
        messages.error(request, _("请填写新清单的版本号和名称"))
    return redirect("campaigns:checklist", pk=pk)


@require_POST
def checklist_item_view(request, pk, item_id):
    access.require_role(request.user, Role.SUPERVISOR)
    checklist = _checklist(pk)
    try:
        item = checklist.items.get(pk=item_id)
    except (ChecklistItem.DoesNotExist, ValueError):
        raise Http404 from None
    form = ChecklistItemForm(request.POST)
    if form.is_valid():
        try:
            services.checklist_item_update(item=item, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("要点 %(c)s 已保存") % {"c": item.code})
    else:
        messages.error(request, _("要点 %(c)s 的标题不能为空") % {"c": item.code})
    return redirect("campaigns:checklist", pk=pk)


@require_POST
def checklist_point_add_view(request, pk, item_id):
    access.require_role(request.user, Role.SUPERVISOR)
    checklist = _checklist(pk)
    try:
        category = checklist.items.get(pk=item_id, parent__isnull=True)
    except (ChecklistItem.DoesNotExist, ValueError):
        raise Http404 from None
    form = ChecklistPointForm(request.POST)
    if form.is_valid():
        try:
            services.checklist_point_add(checklist=checklist, category=category, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已新增要点"))
    else:
        messages.error(request, _("请填写新要点的编码和标题"))
    return redirect("campaigns:checklist", pk=pk)
