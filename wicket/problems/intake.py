"""The one door through which findings from any detector become problems: one problem per cause.

Each finding is filed under the problem of its cause (causes.py: a guide, a proof, a hall's kind of
queue finding, a phone line …), as a `ProblemFinding` keyed by the finding's own fingerprint; the
problem carries the cause's fingerprint. So:

- feeding the same findings twice changes nothing (no event, no history row; only the times of the run);
- a new finding of a known cause joins its problem (an event lists it), it does not open a new problem;
- a finding no longer produced within the same detector and scope is cleared inside its problem
  ("fixed in the data"); when none of a problem's findings is produced any more, the problem is
  flagged `detector_cleared_at` and offered to the supervisor for closure, never silently dropped;
- a finding seen again with other figures or another message replaces that finding's data, and an
  append-only `evidence_updated` event keeps the old and the new of every finding that changed;
- after closure, a new finding of the cause or a cleared one coming back reopens the problem with an
  event naming the new occurrences (the fix did not hold); a finding the unit marked fixed that fresh
  data (`data_as_of` after the mark) still shows is open again;
- the title and description follow the findings while they are still the generated text (a person's
  rewrite is kept).

It works in bulk whatever the number of findings: a fixed number of queries (batched only by the
database's parameter limit), never one per problem or finding. Every change goes through
simple-history's bulk helpers, so it leaves a history row like any other edit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from wicket.orgs.models import Unit

from . import causes
from .closure import closure_evaluate, closure_refresh
from .detection import changes, detector_label, normalised
from .models import ClosureState, FindingState, Problem, ProblemEvent, ProblemFinding, Source, Status

A = ProblemEvent.Action
S = FindingState
TITLE_MAX = causes.TITLE_MAX
LISTED = 5  # findings named in an event's note; the event's data lists them all


class FindingLike(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def checklist(self) -> str: ...

    @property
    def subject(self) -> str: ...

    @property
    def message(self) -> str: ...

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
    findings_added: int = 0  # new findings, in new problems or in problems of a known cause
    findings_cleared: int = 0  # findings no longer produced (fixed in the data)

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
        if self.findings_added or self.findings_cleared:
            text += _("；问题点新增 %(a)d 处，数据确认已整改 %(f)d 处") % {
                "a": self.findings_added, "f": self.findings_cleared}
        if self.updated:
            text += _("；其中 %(n)d 个问题的检测数据有变化，已更新") % {"n": self.updated}
        if self.unresolved:
            names = "、".join(f"{k}（{v}条）" for k, v in self.unresolved.most_common(10))
            text += _("；以下名称未能对应到单位，未登记为问题：%(names)s") % {"names": names}
        return text


def _title(message: str, kind: str) -> str:
    return causes.finding_title({"message": message, "kind": kind})


def _named(findings: list[ProblemFinding]) -> str:
    """A short list of findings for an event's note: their first lines, then how many more."""
    lines = [causes.finding_title(f.data) for f in findings[:LISTED]]
    more = _("等 %(n)d 处") % {"n": len(findings)} if len(findings) > LISTED else ""
    return "；".join(lines) + more


# What a re-detection may write; the history rows are taken from the same objects.
PROBLEM_FIELDS = ["description", "title", "checklist_code", "status", "closed_at", "last_detected_at",
                  "detector_cleared_at", "version", "updated_at"]
FINDING_FIELDS = ["data", "message", "kind", "checklist_code", "state", "note", "state_by", "state_at", "gone_at"]


@dataclass
class _Change:
    """What one run did to one problem, gathered before anything is written."""

    added: list[ProblemFinding] = field(default_factory=list)
    cleared: list[ProblemFinding] = field(default_factory=list)
    returned: list[ProblemFinding] = field(default_factory=list)  # gone before, produced again
    reopened: list[ProblemFinding] = field(default_factory=list)  # reported fixed, fresh data still shows it
    updated: list[dict[str, Any]] = field(default_factory=list)  # {"fingerprint", "old", "new"}
    touched: list[ProblemFinding] = field(default_factory=list)  # changed while judging the problem


def _see_again(pf: ProblemFinding, data: dict[str, Any], ch: _Change, *, now: dt.datetime,
               data_as_of: dt.datetime, by) -> bool:
    """A stored finding produced again: bring it up to date in memory. True if anything changed."""
    changed = False
    if pf.data != data:
        ch.updated.append({"fingerprint": pf.fingerprint, "old": pf.data, "new": data})
        pf.data, pf.message = data, str(data.get("message", ""))
        pf.kind, pf.checklist_code = str(data.get("kind", pf.kind)), str(data.get("checklist", pf.checklist_code))
        changed = True
    if pf.gone_at is not None:
        pf.gone_at = None
        ch.returned.append(pf)
        changed = True
        if pf.state == S.FIXED:
            pf.state, pf.state_at, pf.state_by, pf.note = S.OPEN, now, by, _("重新检测再次发现")
    elif pf.state == S.REPORTED and pf.state_at is not None and data_as_of > pf.state_at:
        pf.state, pf.state_at, pf.state_by, pf.note = S.OPEN, now, by, _("单位标记已整改后，新的检测数据仍发现该问题")
        ch.reopened.append(pf)
        changed = True
    return changed


def _gone(pf: ProblemFinding, ch: _Change, *, now: dt.datetime, by) -> bool:
    if pf.gone_at is not None:
        return False
    pf.gone_at = now
    if pf.state in (S.OPEN, S.REPORTED):
        pf.state, pf.state_at, pf.state_by = S.FIXED, now, by
        pf.note = _("重新检测未再发现")
    ch.cleared.append(pf)
    return True


def _recurrence(p: Problem, ch: _Change, mine: list[ProblemFinding], *, detector: str,
                data_as_of: dt.datetime) -> tuple[list[ProblemFinding], list[str]]:
    """After closure: the findings that show the fix did not hold, and what fresh data says.

    A new finding of the cause, or a cleared one produced again, always does. A finding that was still
    produced when the problem was closed does too when the data is newer than the closure — for
    things to fix (a guide's fault still in a guide published after the closure); occurrences over a
    long period (months of a queue) stay in the data, so for them the app's provider judges the data
    since the closure (a week of calls below target)."""
    recurred = ch.added + [f for f in ch.returned if f not in ch.added]
    lines: list[str] = []
    if p.status != Status.CLOSED or p.closed_at is None:
        return recurred, lines
    if causes.is_itemised(detector):
        if data_as_of > p.closed_at:
            recurred += [f for f in mine if f.gone_at is None and f.state != S.ACCEPTED and f not in recurred]
    elif not recurred:
        evidence = closure_evaluate(p, mine, since=timezone.localdate(p.closed_at) + dt.timedelta(days=1))
        if evidence is not None and evidence.state == ClosureState.NOT_CONFIRMED:
            lines = evidence.lines
    return recurred, lines


def _problem_events(p: Problem, ch: _Change, *, mine: list[ProblemFinding], detector: str, by,
                    before: tuple[str, str], now: dt.datetime, data_as_of: dt.datetime,
                    result: IntakeResult) -> list[ProblemEvent]:
    """Apply one run's changes of findings to their problem in memory; return its events (none if
    nothing changed) and count it in `result` (unchanged, reopened, cleared, updated)."""
    events: list[ProblemEvent] = []
    reasons: list[str] = []

    def event(action: str, note: str, data: dict[str, Any] | None = None, to_status: str | None = None) -> None:
        events.append(ProblemEvent(problem=p, action=action, from_status=p.status, to_status=to_status or p.status,
                                   by=by, note=note, data=data or {}))

    if ch.updated:
        n = sum(len([c for c in changes(u["old"], u["new"]) if c.key != "message"]) for u in ch.updated)
        notes = [_("重新检测，%(f)d 处问题点的检测数据有变化（%(n)d 项），已更新检测依据")
                 % {"f": len(ch.updated), "n": n}]
        new_text = causes.cause_description(detector, [f.data for f in mine])
        if p.description != before[1] and new_text != before[1]:
            notes.append(_("问题描述已被人工修改，未覆盖"))
        event(A.EVIDENCE_UPDATED, "；".join(notes), {"findings": ch.updated})
        reasons.append(_("检测数据已更新"))
    if ch.added:
        event(A.FINDINGS_ADDED, _("检测新发现 %(n)d 处：%(list)s") % {"n": len(ch.added), "list": _named(ch.added)},
              {"findings": [f.fingerprint for f in ch.added]})
        reasons.append(_("检测新发现问题点"))
    if ch.cleared:
        event(A.FINDINGS_CLEARED, _("重新检测未再发现 %(n)d 处，已由数据确认整改：%(list)s")
              % {"n": len(ch.cleared), "list": _named(ch.cleared)}, {"findings": [f.fingerprint for f in ch.cleared]})
        reasons.append(_("问题点已由数据确认整改"))
    if ch.reopened:
        event(A.FINDING_REOPENED, _("单位标记已整改后，新的检测数据仍发现 %(n)d 处：%(list)s")
              % {"n": len(ch.reopened), "list": _named(ch.reopened)}, {"findings": [f.fingerprint for f in ch.reopened]})
        reasons.append(_("问题点恢复待整改"))

    # The generated title and description follow the findings; a person's rewrite stays.
    all_data = [f.data for f in mine]
    title, description = causes.cause_title(detector, all_data), causes.cause_description(detector, all_data)
    if p.title == before[0] and title != p.title:
        p.title = title
    if p.description == before[1] and description != p.description:
        p.description = description
    p.checklist_code = causes.cause_checklist(all_data) or p.checklist_code

    # After closure: the fix did not hold.
    recurred, lines = _recurrence(p, ch, mine, detector=detector, data_as_of=data_as_of)
    present = [f for f in mine if f.gone_at is None]
    if p.status == Status.CLOSED and (recurred or lines):
        what = _named(recurred) if recurred else "".join(lines)
        event(A.DETECTED_AGAIN, _("销号后再次检测到该问题，已重新打开：%(list)s") % {"list": what},
              {"findings": [f.fingerprint for f in recurred], "recurred": True}, to_status=Status.IN_PROGRESS)
        for f in recurred:  # a finding the verifier saw closed is open again
            if f.state in (S.FIXED, S.REPORTED):
                f.state, f.state_at, f.state_by, f.note = S.OPEN, now, by, _("销号后再次检测到")
                ch.touched.append(f)
        p.status, p.closed_at = Status.IN_PROGRESS, None
        reasons.append(_("检测再次发现，重新打开"))
        result.reopened += 1
    elif present:
        result.unchanged += 1
    result.updated += bool(ch.updated)
    if present and p.detector_cleared_at is not None:
        if p.status != Status.CLOSED and not any(e.action == A.DETECTED_AGAIN for e in events):
            event(A.DETECTED_AGAIN, _("此前重新检测未再发现，本次又检测到该问题，不宜销号"),
                  {"findings": [f.fingerprint for f in ch.returned]})
            reasons.append(_("检测再次发现"))
        p.detector_cleared_at = None
    elif not present and p.detector_cleared_at is None and p.status != Status.CLOSED:
        p.detector_cleared_at = now
        event(A.DETECTOR_CLEARED, _("重新检测未再发现该问题，可核验后销号"))
        reasons.append(_("检测已不再发现"))
        result.cleared += 1
    if events:
        if present:
            p.last_detected_at = now
        p.updated_at = now
        p.version += 1
        p._change_reason = "；".join(reasons)  # type: ignore[attr-defined]
    return events


@transaction.atomic
def findings_intake(*, findings: Iterable[FindingLike], detector: str, scope: str,
                    resolve_unit: Callable[[str], Unit | None], campaign=None, by=None,
                    source: str = Source.DATA_DETECTION, found_on: dt.date | None = None,
                    data_as_of: dt.datetime | None = None) -> IntakeResult:
    """Turn one detector run over one scope (e.g. one department's guides, one hall's log) into problems.

    `data_as_of`: how recent the data this run read is (a guide's import, the last ticket); a finding the
    unit marked fixed is judged only by data newer than the mark. Default: now.
    """
    now = timezone.now()
    data_as_of = data_as_of or now
    found_on = found_on or timezone.localdate()
    result = IntakeResult()
    seen: dict[str, tuple[dict[str, Any], Unit]] = {}
    for f in findings:
        unit = resolve_unit(f.subject)
        if unit is None:
            result.unresolved[f.subject or _("（未注明单位）")] += 1
            continue
        if f.fingerprint not in seen:
            data = normalised(f.to_dict())
            data["fingerprint"] = f.fingerprint
            seen[f.fingerprint] = (data, unit)
    cause_of = {fp: causes.cause_fingerprint(detector, scope, unit.pk, data) for fp, (data, unit) in seen.items()}

    # Locked, so that a rectification saved meanwhile is neither lost nor saved over newer evidence.
    # The problems of this scope (those with a finding still produced), of the causes seen, and of the
    # findings seen (wherever they were filed); then all their findings.
    problems = {p.pk: p for p in Problem.objects.select_for_update().filter(
        (Q(detector=detector, scope=scope) & (Q(detector_cleared_at__isnull=True) | ~Q(status=Status.CLOSED)))
        | Q(fingerprint__in=set(cause_of.values()))
        | Q(pk__in=ProblemFinding.objects.filter(fingerprint__in=list(seen)).values("problem_id")))}
    stored = list(ProblemFinding.objects.select_for_update().filter(problem_id__in=list(problems)))
    by_problem: dict[int, list[ProblemFinding]] = defaultdict(list)
    for pf in stored:
        by_problem[pf.problem_id].append(pf)
    before = {pk: (causes.cause_title(detector, [f.data for f in by_problem[pk]]),
                   causes.cause_description(detector, [f.data for f in by_problem[pk]])) for pk in problems}
    by_fp = {pf.fingerprint: pf for pf in stored}
    by_cause = {p.fingerprint: p for p in problems.values() if p.fingerprint}

    # New causes become new problems.
    fresh: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fp, (data, _unit) in seen.items():
        if fp not in by_fp and cause_of[fp] not in by_cause:
            fresh[cause_of[fp]].append(data)
    new = []
    grouping = causes.grouping_of(detector)
    for cause_fp, members in fresh.items():
        unit = seen[members[0]["fingerprint"]][1]
        new.append(Problem(
            unit=unit, campaign=campaign, checklist_code=causes.cause_checklist(members), source=source,
            title=causes.cause_title(detector, members), description=causes.cause_description(detector, members),
            found_on=found_on, detector=detector, scope=scope, fingerprint=cause_fp,
            evidence_data={"cause": list(grouping.key(members[0])) if grouping else [members[0]["fingerprint"]]},
            last_detected_at=now, checked_at=now, data_as_of=data_as_of, created_by=by))
    events: list[ProblemEvent] = []
    if new:
        reason = _("数据检测：%(d)s") % {"d": detector_label(detector)}
        created = bulk_create_with_history(new, Problem, default_user=by, default_change_reason=reason)
        # bulk_create returns primary keys on PostgreSQL and SQLite alike.
        for p in created:
            by_cause[p.fingerprint] = p
            problems[p.pk] = p
            n = len(fresh[p.fingerprint])
            note = reason if n == 1 else _("%(reason)s，共 %(n)d 处问题点") % {"reason": reason, "n": n}
            events.append(ProblemEvent(problem=p, action=A.CREATE, to_status=Status.PENDING, by=by, note=note))
        result.created = len(created)
    new_ids = {p.pk for p in new}

    # Findings: new ones join the problem of their cause; stored ones are seen again or gone.
    changes_of: dict[int, _Change] = defaultdict(_Change)
    added: list[ProblemFinding] = []
    for fp, (data, _unit) in seen.items():
        if fp in by_fp:
            continue
        p = by_cause[cause_of[fp]]
        pf = ProblemFinding(problem=p, fingerprint=fp, kind=str(data.get("kind", "")),
                            checklist_code=str(data.get("checklist", "")), message=str(data.get("message", "")),
                            data=data, first_seen_at=now, last_seen_at=now)
        added.append(pf)
        by_problem[p.pk].append(pf)
        if p.pk not in new_ids:
            changes_of[p.pk].added.append(pf)
    changed_findings: list[ProblemFinding] = []
    for pf in stored:
        ch = changes_of[pf.problem_id]
        if pf.fingerprint in seen:
            if _see_again(pf, seen[pf.fingerprint][0], ch, now=now, data_as_of=data_as_of, by=by):
                changed_findings.append(pf)
        elif problems[pf.problem_id].detector == detector and problems[pf.problem_id].scope == scope:
            if _gone(pf, ch, now=now, by=by):
                changed_findings.append(pf)
                result.findings_cleared += 1
    result.findings_added = len(added)

    # Problems: follow their findings.
    changed: list[Problem] = []
    for pk, p in problems.items():
        if pk in new_ids:
            continue
        ch = changes_of.get(pk, _Change())
        own = _problem_events(p, ch, mine=by_problem[pk], detector=detector, by=by, before=before[pk], now=now,
                              data_as_of=data_as_of, result=result)
        if own:
            changed.append(p)
            events += own
        changed_findings += [f for f in ch.touched if f.pk and f not in changed_findings]
    if added:
        bulk_create_with_history(added, ProblemFinding, default_user=by,
                                 default_change_reason=_("数据检测：%(d)s") % {"d": detector_label(detector)})
    if changed_findings:
        for pf in changed_findings:
            pf._change_reason = pf.note or _("检测数据已更新")  # type: ignore[attr-defined]
        bulk_update_with_history(changed_findings, ProblemFinding, FINDING_FIELDS, default_user=by, default_date=now)
    if changed:
        bulk_update_with_history(changed, Problem, PROBLEM_FIELDS, default_user=by, default_date=now)
    # Seen again with nothing new: only the times of the run are noted (no history row, no event).
    touched = [pk for pk in problems if pk not in new_ids]
    Problem.objects.filter(pk__in=touched).update(checked_at=now, data_as_of=data_as_of)
    present = [pk for pk in touched if any(f.gone_at is None for f in by_problem[pk])]
    Problem.objects.filter(pk__in=present).exclude(pk__in=[p.pk for p in changed]).update(last_detected_at=now)
    ProblemFinding.objects.filter(fingerprint__in=list(seen)).update(last_seen_at=now)
    for pk in touched:
        problems[pk].checked_at, problems[pk].data_as_of = now, data_as_of

    # What fresh data says about the problems waiting for verification.
    waiting = [p for p in problems.values() if p.status == Status.AWAITING_VERIFICATION]
    events += closure_refresh(problems=waiting, findings={p.pk: by_problem[p.pk] for p in waiting}, by=by, now=now)
    ProblemEvent.objects.bulk_create(events)
    return result
