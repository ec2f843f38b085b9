"""Supervision in the demo county: tasks of every method with findings (some with photos), phone tests,
escalations up to 督办单 (some acknowledged), one issued circular, and the assessment rules."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wicket.checklist.selectors import campaign_current
from wicket.core.demo_images import solid_png
from wicket.orgs.models import Membership, Role

from .models import Escalation, EscalationLevel, Method, PhoneOutcome
from .services import circulars, escalation, scoring, tasks

ORDER = 50
LABEL = "督查任务、拨测、督办单、通报和考核"

FINDINGS = {
    Method.ONSITE_CHECK: [("4.2", "大厅无排队叫号机，群众围在咨询台"), ("4.1", "高拍仪闲置，仍要求群众自备复印件"),
                          ("6", "午休时间窗口无人值守"), ("4.3", "大厅内发现代办“黄牛”招揽业务")],
    Method.ONLINE_SPOT_CHECK: [("1.1", "网上办事指南仍有“其他相关材料”兜底表述"),
                               ("1.2", "部门网站与省政务服务网同一事项材料清单不一致")],
    Method.MYSTERY_VISIT: [("1.4", "窗口人员未一次性告知所需材料，要求群众再跑一趟"),
                           ("2.1", "要求群众到村委会开具“家庭困难证明”")],
}
OUTCOMES = [PhoneOutcome.ANSWERED] * 5 + [PhoneOutcome.NO_ANSWER, PhoneOutcome.BUSY, PhoneOutcome.INVALID_NUMBER,
                                          PhoneOutcome.HUNG_UP, PhoneOutcome.WRONG_UNIT]


def load(ctx) -> None:
    rng = ctx.rng
    User = get_user_model()
    campaign = campaign_current()
    supervisor = User.objects.get(username="duchashi")
    inspectors = [User.objects.get(username=f"ducha{i:02d}") for i in range(1, 5)]
    units = list(campaign.units.order_by("order", "id"))
    towns = [u for u in units if u.kind == "town"]
    depts = [u for u in units if u.kind == "department"]
    start = campaign.phases.order_by("order")[1].starts_on  # 集中督查

    plan = [
        (Method.ONSITE_CHECK, "集中督查第一组：城关镇、东关镇、王庄镇便民服务中心", towns[:3], inspectors[:2], 0),
        (Method.ONLINE_SPOT_CHECK, "网上办事指南抽查（县直部门）", depts[:6], inspectors[2:3], 1),
        (Method.MYSTERY_VISIT, "暗访县直部门办事窗口", depts[6:9], inspectors[1:3], 2),
    ]
    for method, title, task_units, team, offset in plan:
        day = start + dt.timedelta(days=offset)
        task = tasks.task_create(by=supervisor, title=title, method=method, inspectors=team, units=task_units,
                                 starts_on=day, ends_on=day + dt.timedelta(days=2), campaign=campaign,
                                 checklist_codes=sorted({c for c, _ in FINDINGS[method]}),
                                 notes="按照通知六个方面逐项检查，发现问题当场拍照记录。")
        for unit in task_units:
            if rng.random() < 0.35:
                continue
            code, text = rng.choice(FINDINGS[method])
            photos = [SimpleUploadedFile("现场照片.png", solid_png(rgb=(rng.randint(120, 220),) * 3))] \
                if method == Method.ONSITE_CHECK else []
            tasks.finding_record(task=task, by=rng.choice(team), unit=unit, checklist_code=code, title=text,
                                 description="督查组现场发现。", photos=photos, found_on=day,
                                 deadline_workdays=rng.choice([5, 10]))
        tasks.task_finish(task=task, by=supervisor)

    phone = tasks.task_create(by=supervisor, title="咨询电话拨测（第一轮）", method=Method.PHONE_TEST,
                              inspectors=inspectors[3:], units=units[:20], starts_on=start + dt.timedelta(days=3),
                              ends_on=ctx.today, campaign=campaign, checklist_codes=["1.3"])
    for unit in units[:20]:
        for _ in range(rng.choice([1, 2, 3])):
            at = timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=rng.randint(3, 8)),
                                                         dt.time(rng.randint(8, 16), rng.choice([5, 20, 35, 50]))))
            outcome = rng.choice(OUTCOMES)
            answered = outcome in (PhoneOutcome.ANSWERED, PhoneOutcome.HUNG_UP, PhoneOutcome.WRONG_UNIT)
            tasks.phone_call_record(task=phone, by=inspectors[3], unit=unit, line=unit.phone or "0557-8800000",
                                    started_at=at, outcome=outcome,
                                    ring_seconds=rng.randint(2, 20) if answered else 60,
                                    talk_seconds=rng.randint(20, 240) if answered else None)

    # An open task for today, so the demo inspector has something on the home page.
    tasks.task_create(by=supervisor, title="集中督查第二组：李集镇、张寨镇", method=Method.ONSITE_CHECK,
                      inspectors=inspectors[:1], units=towns[3:5], starts_on=ctx.today,
                      ends_on=ctx.today + dt.timedelta(days=3), campaign=campaign, checklist_codes=["4.1", "4.2", "5"])

    escalation.escalation_run(today=ctx.today, by=supervisor)
    heads = {m.unit_id: m.user for m in Membership.objects.filter(role=Role.HEAD).select_related("user")}
    for order in Escalation.objects.filter(level=EscalationLevel.ORDER).order_by("id")[::2]:
        escalation.escalation_acknowledge(escalation=order, by=heads[order.unit_id], note="已召开专题会议部署整改。")

    circular = circulars.circular_draft_create(campaign=campaign, by=supervisor, today=ctx.today)
    circulars.circular_issue(circular=circular, by=supervisor)
    scoring.scheme_for_campaign(campaign)
