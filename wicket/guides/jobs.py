"""Guide work in the background (wicket/core/jobs): applying a large import (its guides stored, every
department it touches re-checked, in one transaction) and re-checking every department's guides.
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
from wicket.orgs.models import Role, Unit

from . import services
from .models import Finding, Guide, GuideImport, ImportStatus

COUNTY_ROLES = (Role.SUPERVISOR, Role.CENTER_STAFF)


def in_background(batch: GuideImport) -> bool:
    return batch.size > settings.WICKET_BACKGROUND_BYTES


def _batch_visible(user, job: Job) -> bool:
    try:
        staged_get(GuideImport.objects.all(), user, job.subject_id, roles=COUNTY_ROLES)
    except Http404:
        return False
    return True


def _batch_manage(user, job: Job) -> bool:
    return access.is_center_staff(user) and _batch_visible(user, job)


def _county(user, job: Job) -> bool:
    return access.is_county_wide(user)


def applied_message(batch: GuideImport, units: list[Unit]) -> str:
    """What 确认导入 says, in the request or at the end of the job."""
    found = Finding.objects.filter(unit__in=units).count()
    return _("已导入 %(n)d 个办事指南（替换原有 %(r)d 个），涉及 %(u)d 个部门；已与各部门其他来源的指南一并复查，"
             "共有问题 %(f)d 条") % {"n": batch.guide_count, "r": batch.replaced_count, "u": len(units), "f": found}


@transaction.atomic
def import_apply_start(*, batch: GuideImport, by) -> Job:
    """确认导入 of a large file: the worker applies it (refused once it is decided or while it runs)."""
    services._require_center_staff(by)
    if batch.status != ImportStatus.PENDING:
        raise ValidationError(_("该文件已处理过，不能重复导入"))
    return job_start_once(import_apply, title=_("导入办事指南“%(n)s”") % {"n": batch.file_name}, by=by, subject=batch,
                          batch_id=batch.pk)


@background(visible=_batch_visible, manage=_batch_manage,
            done_url=lambda job: reverse("guides:import", args=[job.subject_id]))
def import_apply(job: Job, *, batch_id: int) -> str:
    """guide_import_apply itself (one transaction); a re-run that finds the batch applied says so."""
    batch = GuideImport.objects.get(pk=batch_id)
    if batch.status == ImportStatus.PENDING:
        report(stage=_("保存办事指南"), total=batch.guide_count, unit=_("个指南"))
        services.guide_import_apply(batch=batch, by=job.created_by)
        batch.refresh_from_db()
    elif batch.status != ImportStatus.APPLIED:
        raise ValidationError(_("该文件已处理过（%(s)s）") % {"s": batch.get_status_display()})
    return applied_message(batch, services.batch_units(batch))


@transaction.atomic
def recheck_all_start(*, by) -> Job:
    """全部复查: every department's stored guides checked again (after the rules changed, say)."""
    services._require_center_staff(by)
    return job_start_once(recheck_all, title=_("全部办事指南重新体检"), by=by)


@background(visible=_county, manage=lambda user, job: access.is_center_staff(user),
            done_url=lambda job: reverse("guides:overview"))
def recheck_all(job: Job) -> str:
    """department_recheck for every department with guides, each in its own transaction: a re-check
    replaces the department's findings as a whole, so a run cut short leaves each department either
    as it was or re-checked, and a retry finishes the rest the same way."""
    units = list(Unit.objects.filter(pk__in=Guide.objects.values("unit_id")).order_by("order", "pk"))
    total = Guide.objects.count()
    done = found = 0
    report(stage=_("重新体检"), rows=0, total=total, findings=0, unit=_("个指南"))
    for i, unit in enumerate(units, start=1):
        report(stage=_("重新体检（%(i)d/%(n)d 个部门）") % {"i": i, "n": len(units)})
        found += len(services.department_recheck(unit=unit))
        done += Guide.objects.filter(unit=unit).count()
        report(rows=done, findings=found)
    return _("已重新体检 %(u)d 个部门的 %(n)d 个办事指南，共有问题 %(f)d 条。要更新问题清单，请在各部门页面送入问题清单") % {
        "u": len(units), "n": total, "f": found}
