"""The one door through which findings from any detector become problems.

A finding is keyed by its fingerprint: feeding the same findings twice changes nothing, a finding
seen again after its problem was closed reopens it (the fix did not hold), and a problem whose
finding is no longer produced within the same detector and scope is flagged as cleared and offered
to the supervisor for closure, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from wicket.orgs.models import Unit

from .models import Problem, ProblemEvent, Source, Status

A = ProblemEvent.Action
TITLE_MAX = 200


class FindingLike(Protocol):
    kind: str
    checklist: str
    subject: str
    message: str

    @property
    def fingerprint(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass
class IntakeResult:
    created: int = 0
    unchanged: int = 0
    reopened: int = 0
    cleared: int = 0
    unresolved: Counter = field(default_factory=Counter)  # subject -> findings with no unit

    @property
    def total(self) -> int:
        return self.created + self.unchanged + self.reopened

    def summary(self) -> str:
        text = _("新增问题 %(c)d 个，已存在 %(u)d 个，重新打开 %(r)d 个，检测已不再发现 %(x)d 个") % {
            "c": self.created, "u": self.unchanged, "r": self.reopened, "x": self.cleared}
        if self.unresolved:
            names = "、".join(f"{k}（{v}条）" for k, v in self.unresolved.most_common(10))
            text += _("；以下名称未能对应到单位，未登记为问题：%(names)s") % {"names": names}
        return text


def _title(finding: FindingLike) -> str:
    msg = finding.message.strip().splitlines()[0] if finding.message.strip() else finding.kind
    return msg if len(msg) <= TITLE_MAX else msg[: TITLE_MAX - 1] + "…"


@transaction.atomic
def findings_intake(*, findings: Iterable[FindingLike], detector: str, scope: str,
                    resolve_unit: Callable[[str], Unit | None], campaign=None, by=None,
                    source: str = Source.DATA_DETECTION, found_on: dt.date | None = None) -> IntakeResult:
    """Turn one detector run over one scope (e.g. one department's guides, one hall's log) into problems."""
    now = timezone.now()
    found_on = found_on or timezone.localdate()
    result = IntakeResult()
    by_fp: dict[str, tuple[FindingLike, Unit]] = {}
    for f in findings:
        unit = resolve_unit(f.subject)
        if unit is None:
            result.unresolved[f.subject or _("（未注明单位）")] += 1
            continue
        by_fp.setdefault(f.fingerprint, (f, unit))

    existing = {p.fingerprint: p for p in Problem.objects.filter(fingerprint__in=list(by_fp))}
    new = [
        Problem(unit=unit, campaign=campaign, checklist_code=f.checklist, source=source, title=_title(f),
                description=f.message, found_on=found_on, detector=detector, scope=scope, fingerprint=fp,
                evidence_data=f.to_dict(), last_detected_at=now, created_by=by)
        for fp, (f, unit) in by_fp.items() if fp not in existing
    ]
    if new:
        created = bulk_create_with_history(new, Problem, default_user=by, default_change_reason=detector)
        # bulk_create returns primary keys on PostgreSQL and SQLite alike.
        ProblemEvent.objects.bulk_create(
            ProblemEvent(problem=p, action=A.CREATE, to_status=Status.PENDING, by=by,
                         note=_("数据检测：%(d)s") % {"d": detector}) for p in created)
        result.created = len(created)

    reopen = [p for p in existing.values() if p.status == Status.CLOSED]
    seen_ids = [p.pk for p in existing.values()]
    Problem.objects.filter(pk__in=seen_ids).update(last_detected_at=now, detector_cleared_at=None)
    for p in reopen:
        Problem.objects.filter(pk=p.pk).update(status=Status.IN_PROGRESS, closed_at=None, version=F("version") + 1)
        ProblemEvent.objects.create(problem=p, action=A.DETECTED_AGAIN, from_status=Status.CLOSED,
                                    to_status=Status.IN_PROGRESS, by=by,
                                    note=_("销号后再次检测到同一问题，已重新打开"))
    result.reopened = len(reopen)
    result.unchanged = len(existing) - len(reopen)

    gone = list(Problem.objects.filter(detector=detector, scope=scope, detector_cleared_at__isnull=True)
                .exclude(status=Status.CLOSED).exclude(fingerprint__in=list(by_fp)))
    if gone:
        Problem.objects.filter(pk__in=[p.pk for p in gone]).update(detector_cleared_at=now)
        ProblemEvent.objects.bulk_create(
            ProblemEvent(problem=p, action=A.DETECTOR_CLEARED, from_status=p.status, to_status=p.status, by=by,
                         note=_("重新检测未再发现该问题，可核验后销号")) for p in gone)
    result.cleared = len(gone)
    return result
