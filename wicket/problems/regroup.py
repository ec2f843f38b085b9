"""Regroup problems filed one per finding into one problem per cause (the data migration 0004 runs it).

Every data-detected problem becomes (or joins) the problem of its finding's cause (causes.py). Where a
cause had several problems, one survives — the most advanced in the lifecycle, then the oldest — and
the others are merged into it: their findings, timeline events and evidence files move to the
survivor (each moved event keeps the number of the problem it was on), their measures are added to
the survivor's, and the survivor gets a `merged` event listing each merged problem as it was (title,
status, measures, owner, deadline). A merged problem is not deleted: it keeps its record and history
with `merged_into` pointing at the survivor, and leaves the list. Every change leaves a history row.

It takes the model classes as arguments, so the migration passes its historical models and a test
can pass the current ones.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from . import causes

# Lifecycle order: the most advanced open problem survives; closed ones only when all are closed.
RANK = {"pending": 1, "in_progress": 2, "awaiting_verification": 3, "closed": 0}
REASON = "按原因归并问题"


@dataclass
class RegroupResult:
    problems_before: int = 0
    problems_after: int = 0
    merged: int = 0
    findings: int = 0


def _history(Historical, obj, *, kind: str, at: dt.datetime, reason: str) -> Any:
    """A simple-history row for `obj` as it is now (the migration has no simple-history signals)."""
    values = {}
    names = {f.attname for f in Historical._meta.concrete_fields}
    for f in obj._meta.concrete_fields:
        if f.attname in names:
            values[f.attname] = getattr(obj, f.attname)
    return Historical(**values, history_date=at, history_type=kind, history_change_reason=reason[:100],
                      history_user_id=None)


def _finding_from_problem(ProblemFinding, p, events_by_problem) -> Any:
    """The one finding a problem of the old list was made from, with its state read off the problem."""
    data = dict(p.evidence_data or {})
    data.setdefault("fingerprint", p.fingerprint)
    state, note, state_at = "open", "", None
    gone_at = p.detector_cleared_at
    if p.status == "closed" and gone_at is None:
        state, note, state_at = "accepted", f"原问题 #{p.pk} 已由县督查室核验销号", p.closed_at
    elif gone_at is not None:
        state, note, state_at = "fixed", "重新检测未再发现", gone_at
    elif p.status == "awaiting_verification":
        submits = [e.at for e in events_by_problem.get(p.pk, []) if e.action == "submit"]
        state, note, state_at = "reported", f"原问题 #{p.pk} 已提交核验", max(submits) if submits else p.updated_at
    return ProblemFinding(problem_id=p.pk, fingerprint=p.fingerprint, kind=str(data.get("kind", "")),
                          checklist_code=str(data.get("checklist", p.checklist_code)),
                          message=str(data.get("message", p.description)), data=data, state=state, note=note,
                          state_at=state_at, first_seen_at=p.created_at,
                          last_seen_at=p.last_detected_at or p.created_at, gone_at=gone_at)


def _survivor(group: list[Any]) -> Any:
    open_ = [p for p in group if p.status != "closed"]
    return min(open_ or group, key=lambda p: (-RANK.get(p.status, 0), p.found_on, p.pk))


def _merged_summary(p) -> dict[str, Any]:
    return {"id": p.pk, "title": p.title, "status": p.status, "found_on": p.found_on.isoformat(),
            "measures": p.measures, "responsible": p.responsible,
            "deadline": p.deadline.isoformat() if p.deadline else None,
            "closed_at": p.closed_at.isoformat() if p.closed_at else None}


def regroup(*, Problem, ProblemEvent, ProblemFinding, Evidence, HistoricalProblem, HistoricalProblemFinding,
            now: dt.datetime) -> RegroupResult:
    result = RegroupResult()
    manager = Problem._base_manager
    problems = list(manager.filter(merged_into__isnull=True, fingerprint__isnull=False).exclude(detector="")
                    .order_by("id"))
    if not problems:
        return result
    result.problems_before = len(problems)
    ids = [p.pk for p in problems]
    events_by_problem: dict[int, list[Any]] = defaultdict(list)
    for e in ProblemEvent.objects.filter(problem_id__in=ids).order_by("at", "id"):
        events_by_problem[e.problem_id].append(e)
    findings_by_problem: dict[int, list[Any]] = defaultdict(list)
    for f in ProblemFinding.objects.filter(problem_id__in=ids).order_by("id"):
        findings_by_problem[f.problem_id].append(f)

    # Problems of the old list have no findings yet: each is made from the problem's own evidence.
    made = [_finding_from_problem(ProblemFinding, p, events_by_problem) for p in problems
            if not findings_by_problem[p.pk] and (p.evidence_data or {}).get("kind")]
    ProblemFinding.objects.bulk_create(made)
    made = list(ProblemFinding.objects.filter(fingerprint__in=[f.fingerprint for f in made]))
    HistoricalProblemFinding.objects.bulk_create(
        [_history(HistoricalProblemFinding, f, kind="+", at=now, reason=REASON) for f in made])
    for f in made:
        findings_by_problem[f.problem_id].append(f)

    groups: dict[str, list[Any]] = defaultdict(list)
    for p in problems:
        mine = findings_by_problem[p.pk]
        if not mine:
            continue  # nothing to regroup by (a detector problem without its finding's data)
        groups[causes.cause_fingerprint(p.detector, p.scope, p.unit_id, mine[0].data)].append(p)

    changed_problems, moved_events, moved_findings, history = [], [], [], []
    new_events = []
    for cause_fp, group in groups.items():
        survivor = _survivor(group)
        others = [p for p in group if p.pk != survivor.pk]
        mine = [f for p in sorted(group, key=lambda p: p.pk) for f in findings_by_problem[p.pk]]
        data = [f.data for f in mine]
        old_titles = {causes.finding_title(f.data) for f in findings_by_problem[survivor.pk]}
        old_messages = {str(f.data.get("message", "")) for f in findings_by_problem[survivor.pk]}
        if survivor.title in old_titles or survivor.title == causes.cause_title(survivor.detector, [
                f.data for f in findings_by_problem[survivor.pk]]):
            survivor.title = causes.cause_title(survivor.detector, data)
        if survivor.description in old_messages or not survivor.description:
            survivor.description = causes.cause_description(survivor.detector, data)
        survivor.checklist_code = causes.cause_checklist(data) or survivor.checklist_code
        grouping = causes.grouping_of(survivor.detector)
        survivor.evidence_data = {"cause": list(grouping.key(data[0])) if grouping else [mine[0].fingerprint]}
        if others:
            survivor.found_on = min(p.found_on for p in group)
            measures = [survivor.measures.strip()] if survivor.measures.strip() else []
            for p in others:
                text = p.measures.strip()
                if text and text not in measures and f"（原问题 #{p.pk}）{text}" not in measures:
                    measures.append(f"（原问题 #{p.pk}）{text}")
            survivor.measures = "\n".join(measures)
            survivor.responsible = survivor.responsible or next((p.responsible for p in others if p.responsible), "")
            if survivor.deadline is None:
                dated = sorted((p for p in others if p.deadline), key=lambda p: p.deadline)
                if dated:
                    survivor.deadline, survivor.deadline_workdays = dated[0].deadline, dated[0].deadline_workdays
                    survivor.deadline_estimated = dated[0].deadline_estimated
            survivor.immediate = survivor.immediate or any(p.immediate for p in others)
            seen = [p.last_detected_at for p in group if p.last_detected_at]
            survivor.last_detected_at = max(seen) if seen else survivor.last_detected_at
            cleared = [p.detector_cleared_at for p in group]
            survivor.detector_cleared_at = None if any(c is None for c in cleared) else max(cleared)
            for p in others:
                for e in events_by_problem[p.pk]:
                    e.problem_id = survivor.pk
                    e.data = {**(e.data or {}), "from_problem": p.pk}
                    moved_events.append(e)
                for f in findings_by_problem[p.pk]:
                    f.problem_id = survivor.pk
                    moved_findings.append(f)
                p.merged_into_id, p.fingerprint = survivor.pk, None
                changed_problems.append(p)
                history.append(_history(HistoricalProblem, p, kind="~", at=now,
                                        reason=f"{REASON}：并入问题 #{survivor.pk}"))
            Evidence.objects.filter(problem_id__in=[p.pk for p in others]).update(problem_id=survivor.pk)
            listed = "、".join(f"#{p.pk}" for p in sorted(others, key=lambda p: p.pk))
            new_events.append(ProblemEvent(
                problem_id=survivor.pk, action="merged", from_status=survivor.status, to_status=survivor.status,
                note=f"同一原因的 {len(others)} 个问题已并入本问题（{listed}），其整改过程、整改措施和佐证材料一并转入；"
                     f"本问题现有 {len(mine)} 个问题点",
                data={"merged": [_merged_summary(p) for p in sorted(others, key=lambda p: p.pk)]}))
            result.merged += len(others)
        survivor.fingerprint = cause_fp
        survivor.version += 1
        changed_problems.append(survivor)
        history.append(_history(HistoricalProblem, survivor, kind="~", at=now,
                                reason=REASON if not others else f"{REASON}：并入 {len(others)} 个问题"))
        result.findings += len(mine)

    # Fingerprints move to the causes: free the merged ones first (they are unique).
    merged = [p for p in changed_problems if p.merged_into_id]
    survivors = [p for p in changed_problems if not p.merged_into_id]
    for p in survivors:
        p.fingerprint, p._cause = None, p.fingerprint
    fields = ["fingerprint", "title", "description", "checklist_code", "evidence_data", "found_on", "measures",
              "responsible", "deadline", "deadline_workdays", "deadline_estimated", "immediate", "last_detected_at",
              "detector_cleared_at", "version", "merged_into"]
    manager.bulk_update(merged + survivors, fields, batch_size=500)
    for p in survivors:
        p.fingerprint = p._cause
    manager.bulk_update(survivors, ["fingerprint"], batch_size=500)
    HistoricalProblem.objects.bulk_create(history, batch_size=500)
    ProblemEvent.objects.bulk_update(moved_events, ["problem", "data"], batch_size=500)
    ProblemEvent.objects.bulk_create(new_events, batch_size=500)
    ProblemFinding.objects.bulk_update(moved_findings, ["problem"], batch_size=500)
    if moved_findings:
        HistoricalProblemFinding.objects.bulk_create(
            [_history(HistoricalProblemFinding, f, kind="~", at=now, reason=REASON) for f in moved_findings])
    result.problems_after = len(survivors)
    return result
