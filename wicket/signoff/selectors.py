from __future__ import annotations

from django.db.models import QuerySet

from wicket.orgs import access

from .models import Submission, SubmissionStatus


def submission_get_for_user(*, user, pk) -> Submission:
    return access.get_for_user(Submission.objects.select_related("unit", "signed_by", "prepared_by"), user, pk=pk)


def submission_versions(*, unit, kind: str, key: str) -> QuerySet[Submission]:
    return Submission.objects.filter(unit=unit, kind=kind, key=key).order_by("-version")


def latest_signed(*, kind: str, key: str) -> dict[int, Submission]:
    """unit_id -> that unit's newest signed version, for a status board (one query)."""
    out: dict[int, Submission] = {}
    for s in Submission.objects.filter(kind=kind, key=key, status=SubmissionStatus.SIGNED).order_by("unit_id", "-version"):
        out.setdefault(s.unit_id, s)
    return out


def awaiting_signature_for(user) -> QuerySet[Submission]:
    return Submission.objects.filter(unit_id__in=access.unit_ids_for(user, ("head",)),
                                     status=SubmissionStatus.AWAITING_SIGNATURE)
