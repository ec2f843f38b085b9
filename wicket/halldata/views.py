"""Uploads, previews, tokens and re-analysis: the service centre's side of hall data.

Access: the centre's staff upload and manage; the supervisor reads; everyone else gets 404.
Dashboards are in dashboards.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.core.history import history_entries
from wicket.core.staging import staged_decide, staged_upload
from wicket.orgs import access
from wicket.orgs.access import staged_get
from wicket.orgs.models import Role

from . import selectors, services
from .forms import TokenForm, UploadForm
from .models import ApiToken, Kind, Upload, UploadStatus

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
    return staged_upload(request, UploadForm(request.POST, request.FILES), lambda d: services.upload_preview(
        kind=d["kind"], name=d["file"].name, data=d["file"].read(), hall=d["hall"], by=request.user),
        page=uploads_view, detail="halldata:upload")


def _upload(request, pk) -> Upload:
    return staged_get(Upload.objects.select_related("hall__unit", "created_by", "token"), request.user, pk,
                      roles=COUNTY_ROLES)


def upload_detail_view(request, pk):
    upload = _upload(request, pk)
    return render(request, "halldata/upload.html", {
        "upload": upload, "summary": upload.summary, "history": history_entries(upload),
        "can_confirm": upload.status == UploadStatus.PENDING and access.is_center_staff(request.user)
        and not upload.summary.get("unknown"),
    })


@require_POST
def upload_confirm_view(request, pk):
    access.require_role(request.user, Role.CENTER_STAFF)
    upload = _upload(request, pk)

    def done(result) -> str:
        upload.refresh_from_db()
        return _("已保存 %(n)d 条记录（替换原有 %(r)d 条）。问题清单：%(s)s") % {
            "n": upload.row_count, "r": upload.replaced_count, "s": result.summary()}

    here = reverse("halldata:upload", args=[upload.pk])
    return staged_decide(request, lambda: services.upload_confirm(upload=upload, by=request.user), back=here,
                         then=here, message=done)


@require_POST
def upload_discard_view(request, pk):
    access.require_role(request.user, Role.CENTER_STAFF)
    upload = _upload(request, pk)
    return staged_decide(request, lambda: services.upload_discard(upload=upload, by=request.user),
                         back=reverse("halldata:upload", args=[upload.pk]), then=reverse("halldata:uploads"),
                         message=_("已放弃，未保存任何记录"), level=messages.INFO)


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
