"""The demo county runs the notice's campaign, now in its 集中督查 phase.

Most units answered the whole checklist during 自查自纠 (their 存在问题 answers are the
self-inspection problems of the demo), most of those had the report signed by their head in time,
a few are late or never started — so the county view has something to show.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from wicket.checklist.models import PhaseKind
from wicket.checklist.services import campaign_create_from_notice
from wicket.orgs.models import Membership, Role
from wicket.orgs.people import person_name
from wicket.problems import services as problem_services
from wicket.signoff.models import Submission
from wicket.signoff.services import submission_sign

from .models import AnswerResult
from .services.inspection import answer_save, report_submit

ORDER = 20
LABEL = "排查整改工作（当前处于集中督查阶段）、各单位自查自纠和阶段报告"

NOTES_OK = ["已对照要点逐项检查，未发现问题。", "经查阅资料、现场查看，未发现此类问题。", ""]
NOTES_NA = {"3.1": "本单位无进驻政务服务中心的事项。", "3.2": "本单位不设审批窗口。", "4.3": "本单位未设立服务大厅。",
            "5": "本单位窗口业务量小，无排队现象。"}


def load(ctx) -> None:
    by = get_user_model().objects.get(username="duchashi")
    # Laid so that today falls in the middle of 集中督查 (the notice's durations kept).
    start = ctx.today - dt.timedelta(days=25)
    campaign = campaign_create_from_notice(year=ctx.today.year, by=by, start=start,
                                           doc_number=f"青政办〔{ctx.today.year}〕18号",
                                           name=f"{ctx.today.year}年全县政府机构窗口服务突出问题排查整改")
    self_inspections(ctx, campaign)


def self_inspections(ctx, campaign) -> None:
    from wicket.problems.demo import EXAMPLES, MEASURES

    rng = ctx.rng
    phase = campaign.phases.get(kind=PhaseKind.SELF_INSPECTION)
    span = (phase.deadline - phase.starts_on).days
    people = {(m.unit_id, m.role): m.user for m in
              Membership.objects.filter(role__in=[Role.LIAISON, Role.HEAD]).select_related("user")}
    items = list(campaign.checklist.items.filter(parent__isnull=False).order_by("order"))
    for unit in campaign.units.order_by("order", "id"):
        liaison, head = people[(unit.pk, Role.LIAISON)], people[(unit.pk, Role.HEAD)]
        fate = rng.random()
        if fate < 0.06:
            continue  # never started: a lagging unit for the county view and the circular
        stop = rng.randint(3, len(items) - 2) if fate < 0.14 else len(items)
        for item in items[:stop]:
            day = phase.starts_on + dt.timedelta(days=rng.randint(0, span))
            roll = rng.random()
            if roll < 0.11:
                titles = rng.sample(EXAMPLES[item.code], 2 if rng.random() < 0.2 and len(EXAMPLES[item.code]) > 1 else 1)
                for title in titles:
                    answer = answer_save(campaign=campaign, unit=unit, item=item, result=AnswerResult.PROBLEM,
                                         by=liaison, problem_title=title, found_on=day,
                                         notes="自查发现，已列入问题整改清单。")
                    problem = answer.problems.order_by("-id").first()
                    problem_services.problem_rectify(
                        problem=problem, by=liaison, version=problem.version,
                        measures=rng.choice(MEASURES) if rng.random() < 0.85 else "",
                        responsible=person_name(liaison), deadline=None,
                        deadline_workdays=rng.choice([10, 15, 20, 20, 30, 40]), immediate=rng.random() < 0.15)
            elif roll < 0.17 and item.code in NOTES_NA and unit.kind == "department":
                answer_save(campaign=campaign, unit=unit, item=item, result=AnswerResult.NOT_APPLICABLE, by=liaison,
                            notes=NOTES_NA[item.code])
            else:
                answer_save(campaign=campaign, unit=unit, item=item, result=AnswerResult.NO_PROBLEM, by=liaison,
                            notes=rng.choice(NOTES_OK))
        if stop < len(items) or rng.random() < 0.1:
            continue  # not submitted
        signed_on = phase.deadline - dt.timedelta(days=rng.randint(0, 3))
        if rng.random() < 0.08:
            signed_on = phase.deadline + dt.timedelta(days=rng.randint(1, 4))  # late
        sub = report_submit(campaign=campaign, unit=unit, phase=phase, by=liaison, today=signed_on)
        if rng.random() < 0.1:
            continue  # waiting for the head
        submission_sign(submission=sub, by=head)
        # Demo only: date the submission as if it had happened during 自查自纠 (the content is unchanged).
        at = dt.datetime.combine(signed_on, dt.time(16, rng.randint(0, 59)), tzinfo=dt.UTC) - dt.timedelta(hours=8)
        Submission.objects.filter(pk=sub.pk).update(prepared_at=at - dt.timedelta(hours=2), signed_at=at)
