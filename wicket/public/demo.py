"""Public reports in every state: waiting for triage, turned into problems, merged, closed; web and phone."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from wicket.core.demo_images import solid_png
from wicket.orgs.models import Unit, UnitKind
from wicket.problems.models import Problem, Status

from . import services
from .models import Channel, PublicReport

ORDER = 55
LABEL = "群众反映（待处理、已转办、已合并、已办结）"

REPORTS = [
    ("城关镇", "便民服务中心", "上午九点去办社保卡，窗口一直没人，等了一个多小时。", "13905571234"),
    ("县不动产登记中心", "", "办理过户要我回村里开证明，说不清楚依据是什么。", ""),
    ("县市场监管局", "注册窗口", "工作人员说材料不全，但没有一次说清楚，跑了三趟。", "13855678901"),
    ("", "县政务服务中心一楼", "大厅里有人收钱帮忙排号，像是黄牛。", ""),
    ("县公积金中心", "", "咨询电话打了五次都没人接。", "15105579876"),
    ("东关镇", "为民服务中心", "取号机坏了，大家挤在窗口前。", ""),
    ("县人社局", "", "头天取的号第二天不能用，又要重新排。", "18955571122"),
    ("县医保局", "", "窗口人员态度很差。", ""),
    ("王庄镇", "", "只是想问一下怎么办理，已经有人解答了。", ""),
]


def load(ctx) -> None:
    rng = ctx.rng
    User = get_user_model()
    supervisor = User.objects.get(username="duchashi")
    staff = User.objects.get(username="zhongxin")
    units = {u.display_name: u for u in Unit.objects.filter(kind__in=[UnitKind.TOWN, UnitKind.DEPARTMENT])}
    made = []
    for i, (unit_name, place, what, contact) in enumerate(REPORTS):
        phone = i % 3 == 2
        photo = SimpleUploadedFile("现场.png", solid_png(rgb=(200, 170, 150))) if i == 5 else None
        report = services.report_submit(what=what, unit=units.get(unit_name), place=place,
                                        happened_on=ctx.today - dt.timedelta(days=rng.randint(1, 20)),
                                        contact=contact, photo=photo, channel=Channel.PHONE if phone else Channel.WEB,
                                        by=staff if phone else None)
        made.append(report)
    # Triage: 2 into problems, 1 merged with an existing problem, 2 closed; the rest wait.
    services.report_assign(report=made[1], by=supervisor, unit=made[1].unit, checklist_code="2.1",
                           title="过户登记要求群众开具无依据证明", deadline_workdays=10)
    services.report_assign(report=made[5], by=supervisor, unit=made[5].unit, checklist_code="4.2",
                           title="为民服务中心取号机故障", deadline_workdays=5)
    same = Problem.objects.filter(unit=made[6].unit).exclude(status=Status.CLOSED).first() or \
        Problem.objects.exclude(status=Status.CLOSED).order_by("id").first()
    services.report_merge(report=made[6], by=supervisor, problem=same)
    services.report_close(report=made[7], by=supervisor, reason="经调取窗口录像核实，未发现服务态度问题，已向反映人说明。")
    services.report_close(report=made[8], by=supervisor, reason="属于咨询，已当场解答。")
    assert PublicReport.objects.count() == len(REPORTS)
