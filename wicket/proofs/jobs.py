"""Proof-catalogue work in the background (wicket/core/jobs): applying a large catalogue — its
analysis run again over the whole file and stored with it, in one transaction — by the worker.
Named jobs.py, not tasks.py: a "task" is a supervision task (督查任务) in this project."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from wicket.core.jobs import background, job_start_once, report
from wicket.core.models import Job
from wicket.orgs import access
from wicket.orgs.access import staged_get
from wicket.orgs.models import Role

from . import services
from .models import CatalogVersion, VersionStatus

COUNTY_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)


def in_background(version: CatalogVersion) -> bool:
    return version.size > settings.WICKET_BACKGROUND_BYTES


def _visible(user, job: Job) -> bool:
    try:
        staged_get(CatalogVersion.objects.all(), user, job.subject_id, roles=COUNTY_ROLES)
    except Http404:
        return False
    return True


def _manage(user, job: Job) -> bool:
    return access.is_center_staff(user) and _visible(user, job)


def applied_message(version: CatalogVersion) -> str:
    """What 确认导入 says, in the request or at the end of the job."""
    return _("已导入证明事项目录：证明 %(p)d 项，事项 %(i)d 项，发现问题 %(f)d 条。现为全县当前目录，可送入问题清单。") % {
        "p": version.proof_count, "i": version.item_count, "f": version.finding_count}


@transaction.atomic
def version_apply_start(*, version: CatalogVersion, by) -> Job:
    services._require_center_staff(by)
    if version.status != VersionStatus.PENDING:
        raise ValidationError(_("该文件已处理过，不能重复导入"))
    return job_start_once(version_apply, title=_("导入证明事项目录“%(n)s”") % {"n": version.file_name}, by=by,
                          subject=version, version_id=version.pk)


@background(visible=_visible, manage=_manage, done_url=lambda job: reverse("proofs:overview"))
def version_apply(job: Job, *, version_id: int) -> str:
    """catalog_version_apply itself (one transaction); a re-run that finds it applied says so."""
    version = CatalogVersion.objects.get(pk=version_id)
    if version.status == VersionStatus.PENDING:
        report(stage=_("分析证明材料并保存"), total=version.proof_count + version.item_count, unit=_("项"))
        version = services.catalog_version_apply(version=version, by=job.created_by)
    elif version.status != VersionStatus.APPLIED:
        raise ValidationError(_("该文件已处理过（%(s)s）") % {"s": version.get_status_display()})
    report(rows=version.proof_count + version.item_count, findings=version.finding_count)
    return applied_message(version)
