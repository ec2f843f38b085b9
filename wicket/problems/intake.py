"""The one door through which findings from any detector become problems.

A finding is keyed by its fingerprint: feeding the same findings twice changes nothing, a finding
seen again after its problem was closed reopens it (the fix did not hold), and a problem whose
finding is no longer produced within the same detector and scope is flagged as cleared and offered
to the supervisor for closure, never silently dropped. A finding seen again with other figures or
another message replaces the problem's evidence (and its description and title, unless a person
rewrote them); the evidence it replaced is kept on an `evidence_updated` event. The same figures
again write no event and no history row.

It works in bulk whatever the number of findings: a fixed number of queries (batched only by the
database's parameter limit), never one per problem. Every change to a problem goes through
simple-history's bulk helpers, so it leaves a history row like any other edit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from wicket.orgs.models import Unit

from .detection import changes, detector_label, normalised
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
    updated: int = 0  # of the problems seen again, those whose evidence changed
    unresolved: Counter = field(default_factory=Counter)  # subject -> findings with no unit

    @property
    def total(self) -> int:
        return self.created + self.unchanged + self.reopened

    def add(self, part: IntakeResult) -> None:
        """Fold in the result of another scope's run (a send over several units or halls)."""
        for f in fields(self):
            if f.name == "unresolved":
                self.unresolved.update(part.unresolved)
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(part, f.name))

    def summary(self) -> str:
        text = _("新增问题 %(c)d 个，已存在 %(u)d 个，重新打开 %(r)d 个，检测已不再发现 %(x)d 个") % {
            "c": self.created, "u": self.unchanged, "r": self.reopened, "x": self.cleared}
        if self.updated:
            text += _("；其中 %(n)d 个问题的检测数据有变化，已更新") % {"n": self.updated}
        if self.unresolved:
            names = "、".join(f"{k}（{v}条）" for k, v in self.unresolved.most_common(10))
            text += _("；以下名称未能对应到单位，未登记为问题：%(names)s") % {"names": names}
        return text


def _title(message: str, kind: str) -> str:
    msg = message.strip().splitlines()[0] if message.strip() else kind
    return msg if len(msg) <= TITLE_MAX else msg[: TITLE_MAX - 1] + "…"


# What a re-detection may write; the history rows are taken from the same objects.
REDETECT_FIELDS = ["evidence_data", "description", "title", "status", "closed_at", "last_detected_at",
                   "detector_cleared_at", "version", "updated_at"]


def _redetect(p: Problem, data: dict[str, Any], *, now: dt.datetime, by) -> list[ProblemEvent]:
    """Bring a problem seen again up to date in memory; return its events (none if nothing changed)."""
    events = []
    reasons = []
    old = p.evidence_data or {}
    if old != data:
        old_message, new_message = old.get("message", ""), data.get("message", "")
        notes = []
        n = len([c for c in changes(old, data) if c.key != "message"])
        notes.append(_("重新检测，%(n)d 项检测数据有变化，已更新检测依据") % {"n": n} if n
                     else _("重新检测，检测结论的表述有变化，已更新检测依据"))
        # The detector's own text follows the data; a text a person rewrote stays as it is.
        if new_message != old_message:
            if p.description == old_message:
                p.description = new_message
            else:
                notes.append(_("问题描述已被人工修改，未覆盖"))
            if p.title == _title(old_message, old.get("kind", "")):
                p.title = _title(new_message, data.get("kind", ""))
        p.evidence_data = data
        reasons.append(_("检测数据已更新"))
        events.append(ProblemEvent(problem=p, action=A.EVIDENCE_UPDATED, from_status=p.status,
                                   to_status=p.status, by=by, note="；".join(notes),
                                   data={"old": old, "new": data}))
    if p.status == Status.CLOSED:
        p.status, p.closed_at = Status.IN_PROGRESS, None
        reasons.append(_("检测再次发现，重新打开"))
        events.append(ProblemEvent(problem=p, action=A.DETECTED_AGAIN, from_status=Status.CLOSED,
                                   to_status=Status.IN_PROGRESS, by=by,
                                   note=_("销号后再次检测到同一问题，已重新打开")))
    elif p.detector_cleared_at is not None:
        reasons.append(_("检测再次发现"))
        events.append(ProblemEvent(problem=p, action=A.DETECTED_AGAIN, from_status=p.status, to_status=p.status,
                                   by=by, note=_("此前重新检测未再发现，本次又检测到该问题，不宜销号")))
    if events:
        p.last_detected_at, p.detector_cleared_at, p.updated_at = now, None, now
        p.version += 1
        p._change_reason = "；".join(reasons)  # type: ignore[attr-defined]
    return events


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

    # Locked, so that a rectification saved meanwhile is neither lost nor saved over newer evidence.
    existing = {p.fingerprint: p for p in Problem.objects.select_for_update().filter(fingerprint__in=list(by_fp))}
    new = [
        Problem(unit=unit, campaign=campaign, checklist_code=f.checklist, source=source,
                title=_title(f.message, f.kind), description=f.message, found_on=found_on, detector=detector,
                scope=scope, fingerprint=fp, evidence_data=normalised(f.to_dict()), last_detected_at=now,
                created_by=by)
        for fp, (f, unit) in by_fp.items() if fp not in existing
    ]
    events: list[ProblemEvent] = []
    if new:
        reason = _("数据检测：%(d)s") % {"d": detector_label(detector)}
        created = bulk_create_with_history(new, Problem, default_user=by, default_change_reason=reason)
        # bulk_create returns primary keys on PostgreSQL and SQLite alike.
        events += [ProblemEvent(problem=p, action=A.CREATE, to_status=Status.PENDING, by=by,
                                note=reason) for p in created]
        result.created = len(created)

    changed: list[Problem] = []
    for fp, p in existing.items():
        was_closed, had = p.status == Status.CLOSED, p.evidence_data
        own = _redetect(p, normalised(by_fp[fp][0].to_dict()), now=now, by=by)
        if own:
            changed.append(p)
            events += own
        result.reopened += was_closed
        result.updated += p.evidence_data is not had
    result.unchanged = len(existing) - result.reopened
    # Seen again with nothing new: only the time of the run is noted (no history row, no event).
    changed_ids = {p.pk for p in changed}
    Problem.objects.filter(pk__in=[p.pk for p in existing.values() if p.pk not in changed_ids]).update(
        last_detected_at=now)
    if changed:
        bulk_update_with_history(changed, Problem, REDETECT_FIELDS, default_user=by, default_date=now)

    gone = list(Problem.objects.filter(detector=detector, scope=scope, detector_cleared_at__isnull=True)
                .exclude(status=Status.CLOSED).exclude(fingerprint__in=list(by_fp)))
    for p in gone:
        p.detector_cleared_at, p.updated_at, p.version = now, now, p.version + 1
        p._change_reason = _("检测已不再发现")  # type: ignore[attr-defined]
    if gone:
        bulk_update_with_history(gone, Problem, ["detector_cleared_at", "updated_at", "version"],
                                 default_user=by, default_date=now)
        events += [ProblemEvent(problem=p, action=A.DETECTOR_CLEARED, from_status=p.status, to_status=p.status,
                                by=by, note=_("重新检测未再发现该问题，可核验后销号")) for p in gone]
    result.cleared = len(gone)
    ProblemEvent.objects.bulk_create(events)
    return result
