"""Writes on public reports: submit (web or supervision phone), then the supervisor's triage —
into a new Problem for a unit, merged with an existing problem, or closed with a reason."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.checklist.selectors import campaign_current
from wicket.core.uploads import IMAGES, check_upload
from wicket.orgs import access
from wicket.problems import services as problems
from wicket.problems.models import Problem, Source, Status

from .models import Channel, PublicReport, ReportStatus
from .text import looks_executable, plain

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def photo_max_bytes() -> int:
    return int(getattr(settings, "WICKET_PUBLIC_PHOTO_MAX_BYTES", 10 * 1024 * 1024))


def new_receipt(today: dt.date) -> str:
    while True:
        code = f"{today:%y%m%d}-{''.join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))}"
        if not PublicReport.objects.filter(receipt=code).exists():
            return code


def _clean(text: str, label: str) -> str:
    if looks_executable(text):
        raise ValidationError(_("“%(field)s”中不能包含网页代码或脚本（如 <script>），请用文字描述") % {"field": label})
    return plain(text)


@transaction.atomic
def report_submit(*, what: str, unit=None, place: str = "", happened_on: dt.date | None = None,
                  contact: str = "", photo=None, channel: str = Channel.WEB, by=None) -> PublicReport:
    """Store a report and return it with its receipt number. Nothing is stored if any part is refused."""
    if channel == Channel.PHONE and not (access.is_supervisor(by) or access.is_center_staff(by)):
        raise ValidationError(_("只有县督查室和政务服务中心工作人员可以登记监督电话"))
    what, place, contact = _clean(what, _("反映的问题")), _clean(place, _("大厅或窗口")), _clean(contact, _("联系方式"))
    if not what:
        raise ValidationError(_("请写下您遇到的问题"))
    if unit is None and not place:
        raise ValidationError(_("请选择单位，或写明是哪个大厅、哪个窗口"))
    today = timezone.localdate()
    if happened_on and happened_on > today:
        raise ValidationError(_("发生日期不能晚于今天"))
    report = PublicReport(receipt=new_receipt(today), channel=channel, unit=unit, place=place, what=what,
                          happened_on=happened_on, contact=contact, recorded_by=by)
    if photo is not None:
        try:
            checked = check_upload(photo, kinds=IMAGES, max_bytes=photo_max_bytes())
        except ValidationError as exc:
            raise ValidationError({"photo": exc.messages}) from None
        report.photo_sha256 = checked.sha256
        report.photo.save(checked.name, photo, save=False)
    report.save()
    return report


def _require_triage(by, report: PublicReport) -> PublicReport:
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以处理群众反映"))
    report = PublicReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.RECEIVED:
        raise ValidationError(_("该反映已处理（%(s)s）") % {"s": report.get_status_display()})
    return report


def _mark(report: PublicReport, by, status: str, reason: str) -> None:
    report.status = status
    report.triaged_by = by
    report.triaged_at = timezone.now()
    report._change_reason = reason
    report.save()


@transaction.atomic
def report_assign(*, report: PublicReport, by, unit, checklist_code: str, title: str, description: str = "",
                  deadline_workdays: int = 10) -> Problem:
    """Upheld: a new Problem for the unit (source 群众监督); the report's photo becomes its evidence."""
    report = _require_triage(by, report)
    found = report.happened_on or timezone.localdate(report.created_at)
    text = description.strip() or report.what
    problem = problems.problem_create(
        unit=unit, campaign=campaign_current(), checklist_code=checklist_code, source=Source.PUBLIC_REPORT,
        title=title.strip(), description=_("群众反映（回执 %(r)s）：%(t)s") % {"r": report.receipt, "t": text},
        found_on=found, by=by, deadline_workdays=deadline_workdays)
    if report.photo:
        with report.photo.open("rb") as f:
            problems.evidence_add(problem=problem, by=by, upload=File(f, name=report.photo.name.rsplit("/", 1)[-1]),
                                  kind="finding", allowed=IMAGES)
    report.problem = problem
    _mark(report, by, ReportStatus.ASSIGNED, _("转交责任单位整改"))
    return problem


@transaction.atomic
def report_merge(*, report: PublicReport, by, problem: Problem) -> PublicReport:
    """The same problem is already on the list: the report follows that problem's progress."""
    report = _require_triage(by, report)
    problems.problem_note(problem=problem, by=by,
                          note=_("群众反映同一问题（回执 %(r)s）：%(t)s") % {"r": report.receipt, "t": report.what})
    report.problem = problem
    _mark(report, by, ReportStatus.MERGED, _("并入已有问题"))
    return report


@transaction.atomic
def report_close(*, report: PublicReport, by, reason: str) -> PublicReport:
    report = _require_triage(by, report)
    reason = plain(reason)
    if not reason:
        raise ValidationError(_("办结必须填写理由（将向反映人公开）"))
    report.close_reason = reason
    _mark(report, by, ReportStatus.CLOSED, _("办结"))
    return report


def public_progress(report: PublicReport) -> dict:
    """What the reporter may see: never the contact, never who handled it."""
    problem = report.problem
    steps = {Status.PENDING: _("责任单位正在制定整改措施"), Status.IN_PROGRESS: _("责任单位正在整改"),
             Status.AWAITING_VERIFICATION: _("责任单位已整改，县督查室正在核验"),
             Status.CLOSED: _("已整改到位，经县督查室核验销号")}
    return {
        "receipt": report.receipt, "created_at": report.created_at, "status": report.get_status_display(),
        "unit": (problem.unit.name if problem else (report.unit.name if report.unit else "")),
        "progress": steps.get(problem.status, "") if problem else "",
        "deadline": problem.deadline if problem and problem.status != Status.CLOSED else None,
        "closed_at": problem.closed_at if problem else None,
        "close_reason": report.close_reason,
    }
