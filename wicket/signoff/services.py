from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.core.uploads import IMAGES, check_upload
from wicket.orgs import access
from wicket.orgs.people import person_name

from .models import SealedScan, Submission, SubmissionStatus, content_digest


class SignoffError(ValueError):
    pass


@transaction.atomic
def submission_prepare(*, unit, kind: str, key: str, title: str, content: Any, by) -> Submission:
    """Freeze the unit's current content as a new version awaiting the head's signature.

    Earlier unsigned versions of the same series are withdrawn: only the newest can be signed.
    """
    if not access.can_edit_unit(by, unit):
        raise SignoffError(_("只有本单位的经办人或主要负责人可以提交报送"))
    last = (Submission.objects.select_for_update().filter(unit=unit, kind=kind, key=key)
            .aggregate(v=Max("version"))["v"]) or 0
    Submission.objects.filter(unit=unit, kind=kind, key=key, status=SubmissionStatus.AWAITING_SIGNATURE).update(
        status=SubmissionStatus.WITHDRAWN)
    return Submission.objects.create(unit=unit, kind=kind, key=key, title=title, version=last + 1, content=content,
                                     digest=content_digest(content), prepared_by=by)


@transaction.atomic
def submission_sign(*, submission: Submission, by) -> Submission:
    """The unit head signs: the version is frozen with who, when and its digest."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not access.is_head_of(by, submission.unit_id):
        raise SignoffError(_("只有本单位主要负责人可以签字"))
    if submission.status != SubmissionStatus.AWAITING_SIGNATURE:
        raise SignoffError(_("该版本当前状态为“%(s)s”，不能签字") % {"s": submission.get_status_display()})
    if not submission.digest_matches():
        raise SignoffError(_("内容摘要不一致，该版本可能被改动，不能签字"))
    submission.status = SubmissionStatus.SIGNED
    submission.signed_by = by
    submission.signed_at = timezone.now()
    submission.signer_name = person_name(by)
    submission.save()
    return submission


@transaction.atomic
def submission_attach_scan(*, submission: Submission, upload, by) -> SealedScan:
    submission = Submission.objects.get(pk=submission.pk)
    if not access.can_edit_unit(by, submission.unit_id):
        raise SignoffError(_("只有本单位人员可以上传盖章扫描件"))
    if submission.status != SubmissionStatus.SIGNED:
        raise SignoffError(_("请在负责人签字后上传盖章扫描件"))
    checked = check_upload(upload, kinds=(*IMAGES, "pdf"))
    scan = SealedScan(submission=submission, name=checked.name, sha256=checked.sha256, size=checked.size,
                      uploaded_by=by)
    scan.file.save(checked.name, upload, save=False)
    scan.save()
    return scan
