"""Uploads, previews, tokens and re-analysis: the service centre's side of hall data.

Access: the centre's staff upload and manage; the supervisor reads; everyone else gets 404.
Dashboards are in dashboards.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis.common import InputError
from wicket.core.history import history_entries
from wicket.orgs import access
from wicket.orgs.models import Role

from . import selectors, services
from .forms import TokenForm, UploadForm
from .models import ApiToken, Kind, UploadStatus

COUNTY_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)


def uploads_view(request, form=None, error=None, status=200):
    access.require_role(request.user, *COUNTY_ROLES)
    can_manage = access.is_center_staff(request.user)
    return render(request, "halldata/uploads.html", {
        "uploads": selectors.uploads_recent(), "can_manage": can_manage, "error": error,
        "form": form or (UploadForm(initial={"kind": request.GET.get("kind", Kind.TICKETS)}) if can_manage else None),
    }, status=status)


@require_POST
def upload_view(request):
    access.require_role(request.user, Role.CENTER_STAFF)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return uploads_view(request, form=form, status=400)
    f = form.cleaned_data["file"]
    try:
        upload = services.upload_preview(kind=form.cleaned_data["kind"], name=f.name, data=f.read(),
                                         hall=form.cleaned_data["hall"], by=request.user)
    except InputError as exc:
        return uploads_view(request, form=form, error=exc, status=400)
    return redirect("halldata:upload", pk=upload.pk)


def upload_detail_view(request, pk):
    access.require_role(request.user, *COUNTY_ROLES)
    upload = selectors.upload_get(request.user, pk)
    return render(request, "halldata/upload.html", {
        "upload": upload, "summary": upload.summary, "history": history_entries(upload),
        "can_confirm": upload.status == UploadStatus.PENDING and access.is_center_staff(request.user)
        and not upload.summary.get("unknown"),
    })


@require_POST
def upload_confirm_view(request, pk):
    access.require_role(request.user, Role.CENTER_STAFF)
    upload = selectors.upload_get(request.user, pk)
    try:
        result = services.upload_confirm(upload=upload, by=request.user)
    except InputError as exc:
        messages.error(request, _("未保存：%(e)s") % {"e": exc})
        return redirect("halldata:upload", pk=upload.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("halldata:upload", pk=upload.pk)
    upload.refresh_from_db()
    messages.success(request, _("已保存 %(n)d 条记录（替换原有 %(r)d 条）。问题清单：%(s)s") % {
        "n": upload.row_count, "r": upload.replaced_count, "s": result.summary()})
    return redirect("halldata:upload", pk=upload.pk)


@require_POST
def upload_discard_view(request, pk):
    access.require_role(request.user, Role.CENTER_STAFF)
    upload = selectors.upload_get(request.user, pk)
    try:
        services.upload_discard(upload=upload, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("halldata:upload", pk=upload.pk)
    messages.info(request, _("已放弃，未保存任何记录"))
    return redirect("halldata:uploads")


@require_POST
def reanalyse_view(request):
    access.require_role(request.user, Role.CENTER_STAFF)
    result = services.halldata_reanalyse(by=request.user)
    messages.success(request, _("已重新分析全部大厅数据。问题清单：%(s)s") % {"s": result.summary()})
    return redirect("halldata:overview")


def tokens_view(request):
    access.require_role(request.user, Role.CENTER_STAFF)
    form = TokenForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token, clear = services.token_create(name=form.cleaned_data["name"], kind=form.cleaned_data["kind"],
                                                 hall=form.cleaned_data["hall"], by=request.user)
            created = {"token": token, "clear": clear}
            form = TokenForm()
        else:
            status = 400
    return render(request, "halldata/tokens.html", {"tokens": selectors.tokens_list(), "form": form,
                                                    "created": created}, status=status)


@require_POST
def token_revoke_view(request, pk):
    access.require_role(request.user, Role.CENTER_STAFF)
    token = get_object_or_404(ApiToken, pk=pk)
    services.token_revoke(token=token, by=request.user)
    messages.info(request, _("令牌“%(n)s”已停用") % {"n": token.name})
    return redirect("halldata:tokens")
