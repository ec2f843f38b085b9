"""A realistic spread of problems across the demo county: categories, sources, statuses, some overdue."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from wicket.checklist.models import PhaseKind
from wicket.checklist.selectors import campaign_current
from wicket.orgs.models import Membership, Role, Unit
from wicket.orgs.people import person_name

from . import services
from .models import Problem, Source

ORDER = 40
LABEL = "督查发现的问题、整改进展和核验销号（各类别、各状态，含逾期）"

EXAMPLES = {
    "1.1": ["办事指南只列出“提出申请—受理—审核—办结”环节名称，未说明各环节具体要求",
            "申请材料清单中有“其他相关材料”兜底表述", "未提供申请表空白表格和示范文本下载"],
    "1.2": ["部门网站与省政务服务网同一事项名称不一致、材料不同", "网上办事入口设在部门网站三级页面，群众找不到"],
    "1.3": ["咨询电话工作时间多次拨打无人接听", "公布的咨询电话已停机"],
    "1.4": ["窗口人员未一次性告知所需材料，群众往返两次", "答复群众“回去再问问”，说半句留半句"],
    "2.1": ["要求群众提供无法律依据的“无犯罪记录证明”", "要求同时提供户籍证明和户口簿，重复证明",
            "要求提供村委会出具的“家庭困难证明”"],
    "2.2": ["未接入人口信息库，仍要求提交户口簿复印件", "营业执照信息可从法人库获取，仍要求提交复印件"],
    "3.1": ["不动产登记相关事项未进驻县政务服务中心", "进驻窗口仅办理咨询，群众需要的事项找不到"],
    "3.2": ["窗口仅收件，申请材料需拿回局机关审批", "窗口人员未获审批授权，“收发室”现象"],
    "4.1": ["大厅未提供免费复印服务", "高拍仪闲置，仍要求群众自备复印件"],
    "4.2": ["大厅无排队叫号机", "办事指引标识不清，群众涌向咨询台"],
    "4.3": ["发现“黄牛”代排号现象", "大厅秩序混乱，存在插队现象"],
    "5": ["上午高峰期平均等候超过60分钟", "头天所取号次日作废，需重新排队", "窗口设置偏少，无综合窗口"],
    "6": ["窗口人员工作时间玩手机", "午休时间窗口无人值守", "服务态度生硬，群众投诉"],
}
MEASURES = ["立即修订办事指南并在政务服务网同源发布", "组织窗口人员业务培训，落实一次性告知制度",
            "清理无依据证明事项，报县司法局审核后公布", "增设综合窗口，推行“一窗受理”",
            "配置排队叫号机和指引标识", "调整窗口人员弹性工作时间，保障午间服务"]
SUPERVISION_SOURCES = [Source.ONSITE_CHECK, Source.ONSITE_CHECK, Source.ONLINE_SPOT_CHECK, Source.MYSTERY_VISIT,
                       Source.PUBLIC_REPORT]


def load(ctx) -> None:
    """Self-inspection problems come from the units' answers (wicket.campaigns.demo); here the county's
    supervision adds its findings, and every problem of the campaign moves along its lifecycle."""
    rng = ctx.rng
    User = get_user_model()
    campaign = campaign_current()
    supervisor = User.objects.get(username="duchashi")
    liaisons = {m.unit_id: m.user for m in Membership.objects.filter(role=Role.LIAISON).select_related("user")}
    units = list(Unit.objects.filter(id__in=campaign.units.values("id")))
    start = campaign.phases.get(kind=PhaseKind.SUPERVISION).starts_on
    span = (ctx.today - start).days
    codes = list(EXAMPLES)
    for unit in units:
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
            code = rng.choice(codes)
            found = start + dt.timedelta(days=rng.randint(0, max(span - 1, 0)))
            services.problem_create(
                unit=unit, campaign=campaign, checklist_code=code, source=rng.choice(SUPERVISION_SOURCES),
                title=rng.choice(EXAMPLES[code]), found_on=found, by=supervisor, description="",
                measures=rng.choice(MEASURES) if rng.random() < 0.6 else "",
                responsible=person_name(liaisons[unit.pk]), deadline_workdays=rng.choice([5, 10, 15, 20]),
                immediate=rng.random() < 0.15,
            )
    for problem in Problem.objects.filter(campaign=campaign).select_related("unit").order_by("id"):
        liaison = liaisons[problem.unit_id]
        fate = rng.random()
        if fate < 0.25:
            continue  # 待整改
        services.problem_transition(problem=problem, action="start", by=liaison)
        services.problem_note(problem=problem, by=liaison, note="已制定整改方案，正在推进。")
        if fate < 0.55:
            continue  # 整改中
        services.problem_transition(problem=problem, action="submit", by=liaison,
                                    note="已按整改措施完成整改，附佐证材料。")
        if fate < 0.72:
            continue  # 已整改待核验
        if rng.random() < 0.3:
            services.problem_transition(problem=problem, action="send_back", by=supervisor,
                                        note="佐证材料不足，请补充整改前后对比照片。")
            services.problem_transition(problem=problem, action="submit", by=liaison, note="已补充佐证材料。")
        services.problem_transition(problem=problem, action="close", by=supervisor, note="经核验整改到位，同意销号。")
