"""Writes for self-inspection: answers, the problems they lead to, and the unit's phase report.

A 存在问题 answer always leads to at least one Problem (source 自查自纠) in the one problem list,
made through wicket.problems.services so it has the same lifecycle and timeline as every other.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.campaigns.models import Answer, AnswerEvidence, AnswerResult, SelfInspection
from wicket.checklist.models import Campaign, ChecklistItem, Phase
from wicket.checklist.services import CampaignError
from wicket.core.uploads import EVIDENCE_KINDS, check_upload
from wicket.orgs import access
from wicket.problems import services as problem_services
from wicket.problems.models import Problem, Source
from wicket.signoff.models import Submission
from wicket.signoff.services import submission_prepare

REPORT_KIND = "campaign_report"


def report_key(phase: Phase) -> str:
    return f"phase:{phase.pk}"


def _check_unit_editor(by, campaign: Campaign, unit) -> None:
    if not access.can_edit_unit(by, unit):
        raise CampaignError(_("只有本单位的经办人或主要负责人可以填写自查"))
    if not campaign.units.filter(pk=unit.pk).exists():
        raise CampaignError(_("本单位不在这项排查整改工作的参与单位中"))


def inspection_for(*, campaign: Campaign, unit) -> SelfInspection:
    inspection, _created = SelfInspection.objects.get_or_create(campaign=campaign, unit=unit)
    return inspection


@transaction.atomic
def answer_save(*, campaign: Campaign, unit, item: ChecklistItem, result: str, by, notes: str = "",
                problem_title: str = "", problem_description: str = "", upload=None,
                found_on=None) -> Answer:
    """Answer one checklist point. A 存在问题 answer records a problem (or another one) when a title is given."""
    _check_unit_editor(by, campaign, unit)
    if item.checklist_id != campaign.checklist_id or item.parent_id is None:
        raise CampaignError(_("该要点不属于这项工作的排查清单"))
    if result not in AnswerResult.values:
        raise CampaignError(_("请选择自查结果：无问题、存在问题或不适用"))
    problem_title = problem_title.strip()
    inspection = inspection_for(campaign=campaign, unit=unit)
    answer = Answer.objects.select_for_update().filter(inspection=inspection, item=item).first()
    has_problems = answer is not None and answer.problems.exists()
    if result != AnswerResult.PROBLEM:
        if has_problems:
            raise CampaignError(_("要点 %(c)s 已登记问题，不能改为“%(r)s”；问题整改完成后由县督查室核验销号")
                                % {"c": item.code, "r": AnswerResult(result).label})
        if problem_title:
            raise CampaignError(_("只有自查结果为“存在问题”时才登记问题"))
    elif not has_problems and not problem_title:
        raise CampaignError(_("要点 %(c)s 自查结果为“存在问题”，请填写发现的问题") % {"c": item.code})
    checked = check_upload(upload, kinds=EVIDENCE_KINDS) if upload is not None else None

    if answer is None:
        answer = Answer(inspection=inspection, item=item)
    answer.result, answer.notes, answer.answered_by = result, notes.strip(), by
    answer._change_reason = _("填写自查")
    answer.save()
    inspection.save(update_fields=["updated_at"])

    problem = None
    if problem_title:
        problem = problem_services.problem_create(
            unit=unit, campaign=campaign, checklist_code=item.code, source=Source.SELF_INSPECTION,
            title=problem_title, description=problem_description.strip() or notes.strip(), by=by,
            found_on=found_on or timezone.localdate(), note=_("自查自纠：%(c)s %(t)s") % {"c": item.code, "t": item.title})
        answer.problems.add(problem)
    if checked is not None:
        evidence = AnswerEvidence(answer=answer, name=checked.name, sha256=checked.sha256, size=checked.size,
                                  content_type=checked.content_type, uploaded_by=by)
        evidence.file.save(checked.name, upload, save=False)
        evidence.save()
        if problem is not None:
            # The file that shows the problem also stands on the problem's own page.
            upload.seek(0)
            problem_services.evidence_add(problem=problem, by=by, upload=upload, kind="finding")
    return answer


def missing_points(*, campaign: Campaign, unit) -> list[ChecklistItem]:
    answered = Answer.objects.filter(inspection__campaign=campaign, inspection__unit=unit).values("item_id")
    return list(campaign.checklist.items.filter(parent__isnull=False).exclude(id__in=answered).order_by("order"))


def report_content(*, campaign: Campaign, unit, phase: Phase, today=None) -> dict:
    """What the head signs: every answer and the unit's problem list, as they stand now."""
    answers = {a.item_id: a for a in Answer.objects.filter(inspection__campaign=campaign, inspection__unit=unit)
               .prefetch_related("problems")}
    rows = []
    for item in campaign.checklist.items.filter(parent__isnull=False).order_by("order"):
        a = answers.get(item.pk)
        rows.append({"code": item.code, "title": item.title,
                     "result": a.result if a else "", "result_label": str(a.get_result_display()) if a else "",
                     "notes": a.notes if a else "",
                     "problems": sorted(p.pk for p in a.problems.all()) if a else []})
    problems = Problem.objects.filter(campaign=campaign, unit=unit).order_by("checklist_code", "id")
    today = today or timezone.localdate()
    plist = [{
        "id": p.pk, "code": p.checklist_code, "title": p.title, "source": p.source,
        "source_label": str(p.get_source_display()), "found_on": p.found_on.isoformat(),
        "measures": p.measures, "responsible": p.responsible,
        "deadline": p.deadline.isoformat() if p.deadline else "", "immediate": p.immediate,
        "status": p.status, "status_label": str(p.get_status_display()),
        "overdue": bool(p.deadline and p.deadline < today and p.status != "closed"),
    } for p in problems]
    return {
        "campaign": campaign.name, "doc_number": campaign.doc_number,
        "phase": phase.kind, "phase_label": str(phase.get_kind_display()), "phase_deadline": phase.deadline.isoformat(),
        "unit": unit.name, "prepared_on": today.isoformat(),
        "answers": rows, "problems": plist,
        "totals": {
            "points": len(rows),
            "problem_points": sum(1 for r in rows if r["result"] == AnswerResult.PROBLEM),
            "problems": len(plist),
            "closed": sum(1 for p in plist if p["status"] == "closed"),
            "immediate": sum(1 for p in plist if p["immediate"]),
            "overdue": sum(1 for p in plist if p["overdue"]),
        },
    }


def report_submit(*, campaign: Campaign, unit, phase: Phase, by, today=None) -> Submission:
    """Freeze the report for the head's signature (through the one sign-off mechanism)."""
    _check_unit_editor(by, campaign, unit)
    if phase.campaign_id != campaign.pk:
        raise CampaignError(_("该阶段不属于这项工作"))
    missing = missing_points(campaign=campaign, unit=unit)
    if missing:
        raise CampaignError(_("自查尚未完成，还有 %(n)d 个要点未填写：%(codes)s")
                            % {"n": len(missing), "codes": "、".join(i.code for i in missing)})
    title = _("%(unit)s%(phase)s阶段排查整改情况报告") % {"unit": unit.name, "phase": phase.get_kind_display()}
    return submission_prepare(unit=unit, kind=REPORT_KIND, key=report_key(phase), title=title,
                              content=report_content(campaign=campaign, unit=unit, phase=phase, today=today), by=by)
