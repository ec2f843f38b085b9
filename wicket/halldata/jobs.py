"""Hall-data imports in the background (wicket/core/jobs). A file larger than WICKET_BACKGROUND_BYTES
is kept as it arrives and the page returns at once; the worker checks it (the preview) and, once the
centre confirms, stores and analyses it — through the very services the request path uses
(parse, resolve, _summary, upload_confirm), so the figures are the same.

(This module is `jobs.py`, not `tasks.py`: in this project "task" also means a supervision task, 督查任务.)
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from analysis.common import InputError
from wicket.core.jobs import background, job_start, job_start_once, report
from wicket.core.models import Job
from wicket.orgs import access
from wicket.orgs.access import staged_get
from wicket.orgs.models import Role
from wicket.registry.models import Hall

from . import services
from .models import Upload, UploadStatus
from .parsing import check_file, parse, resolve

COUNTY_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)


def in_background(size: int) -> bool:
    """Whether a file of this size is imported by the worker rather than in the request."""
    return size > settings.WICKET_BACKGROUND_BYTES


def _visible(user, job: Job) -> bool:
    """Who may open the upload (a pending one: its uploader) may follow its jobs."""
    try:
        staged_get(Upload.objects.all(), user, job.subject_id, roles=COUNTY_ROLES)
    except Http404:
        return False
    return True


def _manage(user, job: Job) -> bool:
    return access.is_center_staff(user) and _visible(user, job)


def _dashboards(job: Job) -> str:
    return reverse("halldata:overview")


def stored_message(upload: Upload) -> str:
    return _("已保存 %(n)d 条记录（替换原有 %(r)d 条）。问题清单：%(s)s") % {
        "n": upload.row_count, "r": upload.replaced_count, "s": upload.result}


# ---------------------------------------------------------------- the request side

@transaction.atomic
def upload_receive(*, kind: str, name: str, data: bytes, by, hall: Hall | None = None) -> Upload:
    """A large file: kept as it arrived (pending, not checked yet) and checked by the worker; the
    preview appears on the upload's page when the check is done. Only what is cheap is checked now
    (the file's type); a fault found later is shown on the same page, and nothing is kept."""
    services._require_center_staff(by)
    check_file(name, data)
    upload = Upload(kind=kind, hall=hall, file_name=name[:200], sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data), summary={}, created_by=by)
    upload.file.save(name, ContentFile(data), save=False)
    upload.save()
    job_start(upload_check, title=_("检查%(kind)s“%(name)s”") % {"kind": upload.get_kind_display(), "name": name},
              by=by, subject=upload, upload_id=upload.pk)
    return upload


def upload_preview_or_receive(*, kind: str, name: str, data: bytes, by, hall: Hall | None = None) -> Upload:
    """The upload form's service: a small file is checked in the request, a large one in the background."""
    step = upload_receive if in_background(len(data)) else services.upload_preview
    return step(kind=kind, name=name, data=data, by=by, hall=hall)


@transaction.atomic
def upload_store_start(*, upload: Upload, by) -> Job:
    """确认保存 of a large upload: the worker stores and analyses it. Refused while the upload is still
    being checked or stored, or once it is decided."""
    services._require_center_staff(by)
    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != UploadStatus.PENDING:
        raise ValidationError(services.ALREADY_DECIDED % {"s": upload.get_status_display()})
    if not upload.summary:
        raise ValidationError(_("该文件还在检查中，请等检查完成"))
    if upload.summary.get("unknown"):
        raise ValidationError(_("文件中有未能对应的名称，不能保存"))
    return job_start_once(upload_store, title=_("保存%(kind)s“%(name)s”") % {
        "kind": upload.get_kind_display(), "name": upload.file_name}, by=by, subject=upload, upload_id=upload.pk)


# ---------------------------------------------------------------- the jobs

@background(visible=_visible, manage=_manage)
def upload_check(job: Job, *, upload_id: int) -> str:
    """The preview of a large upload, as upload_preview makes it. A file that does not fit is refused
    with its file, row and column, and the upload is discarded (nothing of it is kept)."""
    upload = Upload.objects.select_related("hall").get(pk=upload_id)
    if upload.status != UploadStatus.PENDING or upload.summary:
        return _("文件已检查")  # a re-run after the work was done
    report(stage=_("读取并检查文件"))
    try:
        with upload.file.open("rb") as fh:
            data = fh.read()
        parsed = parse(upload.kind, data, file=upload.file_name)
        report(stage=_("核对大厅和单位名称"), rows=parsed.rows, total=parsed.rows)
        res = resolve(parsed, hall=upload.hall)
        summary = services._summary(parsed, res)
    except InputError:
        _discard_refused(upload)
        raise
    with transaction.atomic():
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        if locked.status == UploadStatus.PENDING and not locked.summary:
            locked.summary, locked.row_count = summary, parsed.rows
            locked.save(update_fields=["summary", "row_count"])
    if summary["unknown"]:
        return _("文件已读完：%(n)d 条记录，其中有未能对应的名称，不能保存") % {"n": parsed.rows}
    return _("文件已检查：%(n)d 条记录。请核对预览后确认保存") % {"n": parsed.rows}


@transaction.atomic
def _discard_refused(upload: Upload) -> None:
    locked = Upload.objects.select_for_update().get(pk=upload.pk)
    if locked.status == UploadStatus.PENDING:
        locked.status = UploadStatus.DISCARDED
        locked.file.delete(save=False)
        locked.save()


@background(visible=_visible, manage=_manage, done_url=_dashboards)
def upload_store(job: Job, *, upload_id: int) -> str:
    """Store a confirmed large upload and re-analyse: upload_confirm itself, one transaction, so a
    worker killed half-way leaves nothing behind and a retry starts afresh. A retry that finds the
    upload stored (the worker died after the commit) reports what was stored."""
    upload = Upload.objects.get(pk=upload_id)
    if upload.status == UploadStatus.PENDING:
        report(stage=_("读取文件"), total=upload.row_count)
        services.upload_confirm(upload=upload, by=job.created_by)
        upload.refresh_from_db()
    elif upload.status != UploadStatus.STORED:
        raise ValidationError(services.ALREADY_DECIDED % {"s": upload.get_status_display()})
    report(stage=_("已完成"), rows=upload.row_count, total=upload.row_count)
    return stored_message(upload)


