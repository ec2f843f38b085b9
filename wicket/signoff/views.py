from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wicket.orgs import access

from . import services
from .models import SealedScan
from .selectors import submission_get_for_user, submission_versions


def submission_detail_view(request, pk):
    sub = submission_get_for_user(user=request.user, pk=pk)
    content_template = select_template([f"signoff/content/{sub.kind}.html", "signoff/content/default.html"])
    return render(request, "signoff/detail.html", {
        "sub": sub,
        "content_template": content_template.template.name,
        "versions": submission_versions(unit=sub.unit, kind=sub.kind, key=sub.key).select_related("signed_by"),
        "scans": sub.scans.all(),
        "can_sign": access.is_head_of(request.user, sub.unit_id) and sub.status == "awaiting_signature",
        "can_scan": access.can_edit_unit(request.user, sub.unit_id) and sub.status == "signed",
        "digest_ok": sub.digest_matches(),
    })


@require_POST
def submission_sign_view(request, pk):
    sub = submission_get_for_user(user=request.user, pk=pk)
    try:
        services.submission_sign(submission=sub, by=request.user)
    except (services.SignoffError, ValidationError) as exc:
        messages.error(request, str(exc.messages[0] if hasattr(exc, "messages") else exc))
    else:
        messages.success(request, _("已签字，该版本已冻结"))
    return redirect("signoff:detail", pk=pk)


@require_POST
def submission_scan_view(request, pk):
    sub = submission_get_for_user(user=request.user, pk=pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择盖章扫描件（PDF、JPG 或 PNG）"))
        return redirect("signoff:detail", pk=pk)
    try:
        services.submission_attach_scan(submission=sub, upload=upload, by=request.user)
    except (services.SignoffError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("盖章扫描件已上传"))
    return redirect("signoff:detail", pk=pk)


def scan_download_view(request, pk, scan_id):
    sub = submission_get_for_user(user=request.user, pk=pk)
    try:
        scan = SealedScan.objects.get(pk=scan_id, submission=sub)
    except SealedScan.DoesNotExist:
        raise Http404 from None
    return FileResponse(scan.file.open("rb"), as_attachment=True, filename=scan.name)
