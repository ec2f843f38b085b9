"""Writes of the registry. Each is one transaction; each checks who may do it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.common import InputError
from wicket.checklist.selectors import campaign_current
from wicket.core.uploads import check_upload
from wicket.orgs import access
from wicket.orgs.models import Role, Unit
from wicket.orgs.selectors import unit_resolver
from wicket.signoff.models import Submission, SubmissionStatus
from wicket.signoff.services import SignoffError, submission_prepare

from . import xlsx
from .models import SIGNOFF_KIND, Hall, ImportPreview, ReportingRound, RoundReport
from .selectors import facility_gaps, halls_of
from .snapshot import report_content, report_title
from .tables import TABLE_KINDS, table_for


def _require_unit_editor(user, unit_id: int) -> None:
    if not access.can_edit_unit(user, unit_id):
        raise ValidationError(_("只有本单位的经办人或主要负责人可以填报"))


def _touch(unit_id: int) -> None:
    """Editing the register counts as having started every open round of the unit."""
    RoundReport.objects.filter(unit_id=unit_id, round__closed_at__isnull=True, started_at__isnull=True).update(
        started_at=timezone.now())


# ---------------------------------------------------------------- rounds

@transaction.atomic
def round_open(*, title: str, deadline: dt.datetime, units: Iterable[Unit], by, note: str = "") -> ReportingRound:
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以发起报送"))
    units = list(units)
    if not units:
        raise ValidationError(_("请至少选择一个报送单位"))
    rnd = ReportingRound.objects.create(title=title, deadline=deadline, note=note, opened_by=by)
    for unit in units:
        RoundReport.objects.create(round=rnd, unit=unit, deadline=deadline)
    return rnd


@transaction.atomic
def round_close(*, rnd: ReportingRound, by) -> ReportingRound:
    """The supervisor ends a round (结束本轮): no unit can submit to it any more and it leaves the
    units' pages and to-dos; its board, its export and what was signed stay. A version still awaiting
    its head's signature is withdrawn: it was not reported in time, and signing it later would not be."""
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以结束报送"))
    rnd = ReportingRound.objects.select_for_update().get(pk=rnd.pk)
    if not rnd.is_open:
        raise ValidationError(_("本轮报送已结束"))
    rnd.closed_at = timezone.now()
    rnd.save(update_fields=["closed_at"])
    Submission.objects.filter(kind=SIGNOFF_KIND, key=rnd.signoff_key,
                              status=SubmissionStatus.AWAITING_SIGNATURE).update(status=SubmissionStatus.WITHDRAWN)
    return rnd


@transaction.atomic
def round_extend(*, report: RoundReport, deadline: dt.datetime, by) -> RoundReport:
    """The supervisor grants one unit more time (延期)."""
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以延期"))
    if not report.round.is_open:
        raise ValidationError(_("本轮报送已结束"))
    if deadline <= report.round.deadline:
        raise ValidationError(_("延期后的截止时间应晚于本轮截止时间 %(d)s") % {
            "d": timezone.localtime(report.round.deadline).strftime("%Y-%m-%d %H:%M")})
    report.deadline = deadline
    report.save(update_fields=["deadline"])
    return report


# ---------------------------------------------------------------- halls

def _check_kind(unit: Unit, kind: str) -> None:
    if kind not in TABLE_KINDS[table_for(unit)]:
        raise ValidationError(_("该类型不属于本单位的统计表"))


@transaction.atomic
def hall_create(*, unit: Unit, data: dict[str, Any], by) -> Hall:
    _require_unit_editor(by, unit.pk)
    _check_kind(unit, data["kind"])
    if Hall.objects.filter(unit=unit, name=data["name"]).exists():
        raise ValidationError(_("本单位已登记名为“%(n)s”的大厅（窗口）") % {"n": data["name"]})
    hall = Hall(unit=unit, order=Hall.objects.filter(unit=unit).count() + 1, **data)
    hall.full_clean()
    hall.save()
    _touch(unit.pk)
    return hall


@transaction.atomic
def hall_update(*, hall: Hall, data: dict[str, Any], by) -> Hall:
    _require_unit_editor(by, hall.unit_id)
    _check_kind(hall.unit, data["kind"])
    if Hall.objects.filter(unit_id=hall.unit_id, name=data["name"]).exclude(pk=hall.pk).exists():
        raise ValidationError(_("本单位已登记名为“%(n)s”的大厅（窗口）") % {"n": data["name"]})
    for field, value in data.items():
        setattr(hall, field, value)
    hall.full_clean()
    hall.save()
    _touch(hall.unit_id)
    return hall


@transaction.atomic
def hall_delete(*, hall: Hall, by) -> None:
    _require_unit_editor(by, hall.unit_id)
    unit_id = hall.unit_id
    hall.delete()
    _touch(unit_id)


@transaction.atomic
def halls_replace(*, unit: Unit, rows: list[dict[str, Any]], by) -> list[Hall]:
    """An imported table replaces the unit's register, row for row; a hall of the same name keeps its history."""
    _require_unit_editor(by, unit.pk)
    existing = {h.name: h for h in Hall.objects.filter(unit=unit)}
    kept: list[Hall] = []
    for order, row in enumerate(rows, start=1):
        hall = existing.pop(row["name"], None) or Hall(unit=unit)
        for field, value in row.items():
            setattr(hall, field, value)
        hall.order = order
        hall.full_clean()
        hall.save()
        kept.append(hall)
    for gone in existing.values():
        gone.delete()
    _touch(unit.pk)
    return kept


# ---------------------------------------------------------------- import with preview

@transaction.atomic
def import_preview_create(*, unit: Unit, upload, by) -> ImportPreview:
    """Parse an upload and keep the parsed rows server-side until the liaison confirms them."""
    _require_unit_editor(by, unit.pk)
    if upload.size > xlsx.MAX_BYTES:
        raise xlsx.ImportRefused([InputError(
            f"文件太大（{upload.size / 1e6:.1f} MB），上限 {xlsx.MAX_BYTES / 1e6:.0f} MB", file=upload.name)])
    if upload.size == 0:
        raise xlsx.ImportRefused([InputError("文件为空", file=upload.name)])
    name = upload.name or "upload"
    if not name.lower().endswith(".csv"):
        try:
            check_upload(upload, kinds=("zip", "ole"), max_bytes=xlsx.MAX_BYTES)
        except ValidationError as exc:
            raise xlsx.ImportRefused([InputError(" ".join(exc.messages), file=name)]) from None
    data = upload.read()
    rows = xlsx.parse_upload(data, file=name, unit=unit, table=table_for(unit))
    ImportPreview.objects.filter(unit=unit, created_by=by).delete()
    return ImportPreview.objects.create(unit=unit, file_name=name, sha256=hashlib.sha256(data).hexdigest(),
                                        size=len(data), rows=rows, created_by=by)


@transaction.atomic
def import_preview_confirm(*, preview: ImportPreview, by) -> list[Hall]:
    if preview.created_by_id != by.pk:
        raise ValidationError(_("只能确认自己上传的文件"))
    halls = halls_replace(unit=preview.unit, rows=preview.rows, by=by)
    preview.delete()
    return halls


@transaction.atomic
def import_preview_discard(*, preview: ImportPreview, by) -> None:
    _require_unit_editor(by, preview.unit_id)
    preview.delete()


# ---------------------------------------------------------------- zero report and submission

@transaction.atomic
def zero_report_declare(*, report: RoundReport, statement: str, by) -> RoundReport:
    _require_unit_editor(by, report.unit_id)
    statement = statement.strip()
    if not statement:
        raise ValidationError(_("请填写零报告说明，例如“本单位未单独设立服务窗口和办事大厅，业务均已进驻县政务服务中心办理”"))
    count = Hall.objects.filter(unit_id=report.unit_id).count()
    if count:
        raise ValidationError(_("本单位已登记 %(n)d 个大厅（窗口），不能报零报告；如确未单独设立，请先删除这些登记")
                              % {"n": count})
    report.zero_report = True
    report.zero_statement = statement
    report.started_at = report.started_at or timezone.now()
    report.save(update_fields=["zero_report", "zero_statement", "started_at"])
    return report


@transaction.atomic
def zero_report_withdraw(*, report: RoundReport, by) -> RoundReport:
    _require_unit_editor(by, report.unit_id)
    report.zero_report = False
    report.zero_statement = ""
    report.save(update_fields=["zero_report", "zero_statement"])
    return report


@transaction.atomic
def round_submit(*, report: RoundReport, by) -> Submission:
    """Freeze the unit's table (or its zero report) as a version for the head to sign."""
    _require_unit_editor(by, report.unit_id)
    if not report.round.is_open:
        raise ValidationError(_("本轮报送已结束"))
    halls = list(halls_of(report.unit))
    if report.zero_report and halls:
        raise ValidationError(_("已声明零报告，但本单位仍登记有大厅（窗口）；请撤销零报告或删除登记"))
    if not report.zero_report and not halls:
        raise ValidationError(_("尚未登记任何大厅或窗口；未单独设立窗口的单位请报零报告"))
    content = report_content(report=report, halls=halls)
    try:
        return submission_prepare(unit=report.unit, kind=SIGNOFF_KIND, key=report.round.signoff_key,
                                  title=report_title(report.round, report.unit), content=content, by=by)
    except SignoffError as exc:
        raise ValidationError(str(exc)) from None


# ---------------------------------------------------------------- findings

@transaction.atomic
def registry_findings_intake(*, by):
    """Feed the register's facility gaps (3.2, 4.1, 4.2) into the one problem list."""
    from wicket.problems.intake import findings_intake

    if not access.has_role(by, Role.SUPERVISOR, Role.CENTER_STAFF):
        raise ValidationError(_("只有县督查室或政务服务中心可以运行检测"))
    return findings_intake(findings=[g.finding() for g in facility_gaps()], detector="registry", scope="registry",
                           resolve_unit=unit_resolver(), campaign=campaign_current(), by=by)
