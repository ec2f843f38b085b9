"""Writes on problems. Each is one transaction and leaves an event on the problem's timeline."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.core.uploads import EVIDENCE_KINDS, check_upload
from wicket.orgs import access

from . import causes
from .closure import closure_refresh
from .deadlines import add_workdays_or_estimate
from .errors import ConcurrentEditError, ProblemError
from .lifecycle import SUPERVISOR, TRANSITIONS, UNIT, allowed_actions
from .models import Evidence, FindingState, Problem, ProblemEvent, ProblemFinding, Source, Status

A = ProblemEvent.Action
S = FindingState


def deadline_from_workdays(found_on: dt.date, workdays: int) -> tuple[dt.date, bool]:
    return add_workdays_or_estimate(found_on, workdays)


@transaction.atomic
def problem_create(*, unit, checklist_code: str, source: str, title: str, by=None, campaign=None,
                   description: str = "", found_on: dt.date | None = None, measures: str = "",
                   responsible: str = "", deadline: dt.date | None = None,
                   deadline_workdays: int | None = None, immediate: bool = False, note: str = "") -> Problem:
    found_on = found_on or timezone.localdate()
    estimated = False
    if deadline_workdays:
        deadline, estimated = deadline_from_workdays(found_on, deadline_workdays)
    problem = Problem.objects.create(
        unit=unit, campaign=campaign, checklist_code=checklist_code, source=source, title=title,
        description=description, found_on=found_on, measures=measures, responsible=responsible,
        deadline=deadline, deadline_workdays=deadline_workdays, deadline_estimated=estimated,
        immediate=immediate, created_by=by,
    )
    ProblemEvent.objects.create(problem=problem, action=A.CREATE, to_status=problem.status, by=by, note=note)
    return problem


def _check_may_act(problem: Problem, by, transition) -> None:
    is_unit = access.can_edit_unit(by, problem.unit_id)
    is_sup = access.is_supervisor(by)
    allowed = allowed_actions(problem.status, is_unit=is_unit, is_supervisor=is_sup,
                              detector_cleared=problem.detector_cleared_at is not None)
    if transition in allowed:
        return
    if problem.status not in transition.sources and not (transition.action == A.CLOSE and problem.detector_cleared_at):
        raise ProblemError(_("问题当前状态为“%(status)s”，不能执行“%(action)s”")
                           % {"status": problem.get_status_display(), "action": transition.label})
    if transition.actor == SUPERVISOR:
        raise ProblemError(_("只有县督查室可以执行“%(action)s”") % {"action": transition.label})
    raise ProblemError(_("只有本单位的经办人或主要负责人可以执行“%(action)s”") % {"action": transition.label})


def _check_ready(problem: Problem, findings: list[ProblemFinding]) -> None:
    """A problem whose findings are things to fix is ready for verification when none is open."""
    if not causes.is_itemised(problem.detector):
        return
    open_ = [f for f in findings if f.state == S.OPEN]
    if open_:
        raise ProblemError(_("还有 %(n)d 个问题点未整改：请逐一整改后标记“已整改”，或说明情况请县督查室认可后再提交核验")
                           % {"n": len(open_)})


@transaction.atomic
def problem_transition(*, problem: Problem, action: str, by, note: str = "",
                       rectified_on: dt.date | None = None) -> Problem:
    """Move a problem along its lifecycle. Submitting a data-detected problem records the date the
    rectification took effect (`rectified_on`, default today) and judges it on the data since then."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ProblemError(_("未知的操作"))
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    _check_may_act(problem, by, transition)
    note = note.strip()
    if transition.note_required and not note:
        raise ProblemError(_("“%(action)s”必须填写理由") % {"action": transition.label})
    fields = ["status", "closed_at", "version", "updated_at"]
    findings: list[ProblemFinding] = []
    detected = problem.source == Source.DATA_DETECTION and bool(problem.detector)
    if transition.action == A.SUBMIT and detected:
        findings = list(problem.findings.all())
        _check_ready(problem, findings)
        today = timezone.localdate()
        rectified_on = rectified_on or today
        if rectified_on > today or rectified_on < problem.found_on:
            raise ProblemError(_("整改完成日期应在发现日期（%(found)s）与今天之间")
                               % {"found": problem.found_on.isoformat()})
        problem.rectified_on = rectified_on
        fields.append("rectified_on")
    old = problem.status
    problem.status = transition.target
    problem.closed_at = timezone.now() if transition.target == Status.CLOSED else None
    problem.version = F("version") + 1
    problem._change_reason = str(transition.label)
    problem.save(update_fields=fields)
    problem.refresh_from_db()
    if transition.action == A.SUBMIT and detected:
        note = "；".join(filter(None, [note, _("整改完成日期：%(d)s") % {"d": problem.rectified_on.isoformat()}]))
    ProblemEvent.objects.create(problem=problem, action=transition.action, from_status=old,
                                to_status=problem.status, note=note, by=by)
    if transition.action == A.SUBMIT and detected:
        ProblemEvent.objects.bulk_create(closure_refresh(problems=[problem], findings={problem.pk: findings}, by=by))
    return problem


FINDING_ACTIONS = ("fix", "accept", "reopen")


@transaction.atomic
def problem_finding_act(*, finding: ProblemFinding, action: str, by, note: str = "") -> ProblemFinding:
    """Work through a problem's findings one by one.

    fix      the unit's liaison or head: put right, with a note of what was changed (待数据确认)
    accept   the county supervisor: keep it as it is, with the reason (e.g. the law requires it)
    reopen   undo either: the unit its own mark, the supervisor an acceptance
    """
    finding = ProblemFinding.objects.select_for_update().select_related("problem").get(pk=finding.pk)
    problem = finding.problem
    note = note.strip()
    is_unit, is_sup = access.can_edit_unit(by, problem.unit_id), access.is_supervisor(by)
    if problem.status == Status.CLOSED:
        raise ProblemError(_("问题已销号，不能再修改问题点"))
    if not causes.is_itemised(problem.detector):
        raise ProblemError(_("该问题的检测发现是同一原因的多次出现，请整体整改后提交核验"))
    if action == "fix":
        if not is_unit:
            raise ProblemError(_("只有本单位的经办人或主要负责人可以标记问题点已整改"))
        if finding.state != S.OPEN:
            raise ProblemError(_("该问题点当前为“%(s)s”，不能标记已整改") % {"s": finding.get_state_display()})
        state, event, label = S.REPORTED, A.FINDING_FIXED, _("标记已整改")
    elif action == "accept":
        if not is_sup:
            raise ProblemError(_("只有县督查室可以认可保留问题点"))
        if finding.state not in (S.OPEN, S.REPORTED) or finding.gone_at is not None:
            raise ProblemError(_("该问题点当前为“%(s)s”，不能认可保留") % {"s": finding.get_state_display()})
        if not note:
            raise ProblemError(_("认可保留必须填写理由（例如：法律法规明确要求）"))
        state, event, label = S.ACCEPTED, A.FINDING_ACCEPTED, _("认可保留")
    elif action == "reopen":
        if finding.state == S.REPORTED and not is_unit:
            raise ProblemError(_("只有本单位的经办人或主要负责人可以撤回“已整改”标记"))
        if finding.state == S.ACCEPTED and not is_sup:
            raise ProblemError(_("只有县督查室可以撤销认可"))
        if finding.state not in (S.REPORTED, S.ACCEPTED):
            raise ProblemError(_("该问题点当前为“%(s)s”，不能恢复待整改") % {"s": finding.get_state_display()})
        state, event, label = S.OPEN, A.FINDING_REOPENED, _("恢复待整改")
    else:
        raise ProblemError(_("未知的操作"))
    now = timezone.now()
    finding.state, finding.note, finding.state_by, finding.state_at = state, note, by, now
    finding._change_reason = str(label)  # type: ignore[attr-defined]
    finding.save(update_fields=["state", "note", "state_by", "state_at"])
    what = causes.finding_title(finding.data)
    ProblemEvent.objects.create(problem=problem, action=event, from_status=problem.status, to_status=problem.status,
                                by=by, note=f"{what}" + (f"：{note}" if note else ""),
                                data={"findings": [finding.fingerprint]})
    if problem.status == Status.AWAITING_VERIFICATION:
        ProblemEvent.objects.bulk_create(closure_refresh(
            problems=[problem], findings={problem.pk: list(problem.findings.all())}, by=by, now=now))
    return finding


RECTIFY_FIELDS = ("measures", "responsible", "deadline", "deadline_workdays", "immediate")


@transaction.atomic
def problem_rectify(*, problem: Problem, by, version: int, measures: str, responsible: str,
                    deadline: dt.date | None, deadline_workdays: int | None, immediate: bool) -> Problem:
    """Set the rectification plan. Refused if someone else saved the problem since `version`."""
    if not access.can_edit_unit(by, problem.unit_id):
        raise ProblemError(_("只有本单位的经办人或主要负责人可以修改整改方案"))
    if problem.status == Status.CLOSED:
        raise ProblemError(_("问题已销号，不能再修改"))
    estimated = False
    if deadline_workdays:
        deadline, estimated = deadline_from_workdays(problem.found_on, deadline_workdays)
    values = {"measures": measures.strip(), "responsible": responsible.strip(), "deadline": deadline,
              "deadline_workdays": deadline_workdays or None, "deadline_estimated": estimated,
              "immediate": immediate}
    current = Problem.objects.select_for_update().get(pk=problem.pk)
    if current.version != version:
        raise ConcurrentEditError(_("保存失败：在您编辑期间，其他人已修改了这个问题。请刷新页面查看最新内容后重新填写；"
                                    "您填写的内容仍显示在表单中。"))
    changed = [f for f, v in values.items() if getattr(current, f) != v]
    for f, v in values.items():
        setattr(current, f, v)
    current.version = version + 1
    current._change_reason = _("修改整改方案")
    current.save()
    if changed:
        ProblemEvent.objects.create(problem=current, action=A.EDIT, from_status=current.status,
                                    to_status=current.status, by=by,
                                    note="、".join(str(Problem._meta.get_field(f).verbose_name) for f in changed))
    return current


@transaction.atomic
def problem_note(*, problem: Problem, by, note: str) -> ProblemEvent:
    if not (access.can_edit_unit(by, problem.unit_id) or access.is_supervisor(by)):
        raise ProblemError(_("您不能在这个问题上记录进展"))
    note = note.strip()
    if not note:
        raise ProblemError(_("进展说明不能为空"))
    return ProblemEvent.objects.create(problem=problem, action=A.NOTE, from_status=problem.status,
                                       to_status=problem.status, note=note, by=by)


@transaction.atomic
def evidence_add(*, problem: Problem, by, upload, kind: str = "rectification",
                 allowed: tuple[str, ...] = EVIDENCE_KINDS) -> Evidence:
    """Attach a file. Its SHA-256 is kept so anyone can prove later that it was not changed."""
    checked = check_upload(upload, kinds=allowed)
    evidence = Evidence(problem=problem, name=checked.name, sha256=checked.sha256, size=checked.size,
                        content_type=checked.content_type, kind=kind, uploaded_by=by)
    evidence.file.save(checked.name, upload, save=False)
    evidence.save()
    ProblemEvent.objects.create(problem=problem, action=A.EVIDENCE, from_status=problem.status,
                                to_status=problem.status, note=checked.name, by=by)
    return evidence


__all__ = ["problem_create", "problem_transition", "problem_finding_act", "problem_rectify", "problem_note",
           "evidence_add", "deadline_from_workdays", "UNIT"]
