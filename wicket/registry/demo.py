"""The demo county's halls and windows, and a reporting round in progress with a realistic mix of states.

The round's deadline passed yesterday morning (as the notice's 5月10日上午10:00 would have); most
units reported and signed in time, a few after it, several departments filed zero reports, a few
units were granted an extension and are still drafting, and three are late.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wicket.orgs.models import Membership, Role, Unit, UnitKind
from wicket.signoff.models import Submission
from wicket.signoff.services import submission_sign

from . import services
from .models import Hall, HallKind, ReportingRound, RoundReport

ORDER = 35
LABEL = "窗口和服务大厅登记、窗口统计报送（进行中）"

HOURS = "周一至周五 8:00-12:00，14:30-17:30（夏季 15:00-18:00）"
TOWN_ITEMS = "社会保障、医疗保险、民政救助、残疾人服务、计划生育、农村宅基地建房、户籍和居住证代办"
# department short name -> its halls: (name, kind, windows, authorized, in county centre, items, reason)
DEPARTMENT_HALLS = {
    "县不动产登记中心": [("不动产登记大厅", HallKind.DEPARTMENT, 16, 10, False,
                   "不动产首次登记、转移登记、抵押登记、查封登记、登记资料查询", "与住建、税务合署“一窗受理”，场地不足暂未进驻")],
    "县交警大队": [("车管所业务大厅", HallKind.DEPARTMENT, 12, 12, False, "机动车登记、驾驶证申领换领、违法处理、检验合格标志核发",
               "需配套查验场地和考场")],
    "县出入境大队": [("出入境大厅", HallKind.DEPARTMENT, 4, 4, False, "普通护照、往来港澳台通行证及签注", "需专用制证设备和保密条件")],
    "县社保中心": [("社保服务大厅", HallKind.DEPARTMENT, 10, 8, False, "养老保险参保登记、待遇核定、社保卡业务", "业务档案库房在本楼")],
    "县公积金中心": [("公积金服务大厅", HallKind.DEPARTMENT, 6, 6, False, "住房公积金缴存、提取、贷款", "与银行柜台合署")],
    "县税务局": [("办税服务厅", HallKind.DEPARTMENT, 14, 14, False, "发票领用、纳税申报、税务登记、社保费缴纳", "按垂直管理要求单设")],
    "县医保局": [("医保服务大厅", HallKind.DEPARTMENT, 6, 4, False, "医保参保、异地就医备案、门诊慢特病认定、零星报销", "")],
    "县民政局": [("婚姻登记处", HallKind.DEPARTMENT, 3, 3, False, "结婚登记、离婚登记、补领婚姻登记证", "婚姻登记场所有专门标准")],
    "县市场监管局": [("市场主体登记窗口", HallKind.WINDOW, 5, 5, True, "企业、个体工商户设立、变更、注销登记", ""),
                ("食品经营许可窗口", HallKind.WINDOW, 2, 0, True, "食品经营许可、小作坊登记", "")],
    "县公安局": [("户政窗口", HallKind.WINDOW, 3, 3, True, "户口迁移、身份证申领、居住证", "")],
    "县人社局": [("就业创业服务窗口", HallKind.WINDOW, 3, 1, True, "就业登记、失业登记、创业担保贷款受理", "")],
    "县住建局": [("建设工程审批窗口", HallKind.WINDOW, 3, 1, True, "施工许可、竣工验收备案、商品房预售许可受理", "")],
    "县自然资源局": [("规划用地窗口", HallKind.WINDOW, 2, 0, True, "建设用地规划许可、建设工程规划许可受理", "")],
    "县交通局": [("交通运输窗口", HallKind.WINDOW, 2, 2, True, "道路运输经营许可、从业资格", "")],
    "县卫健委": [("卫生健康窗口", HallKind.WINDOW, 2, 2, True, "公共场所卫生许可、医师执业注册", "")],
    "县残联": [("残疾人服务窗口", HallKind.WINDOW, 1, 1, False, "残疾人证办理、康复救助申请", "在残联办公楼一楼，方便残疾人就近办理")],
    "县退役军人局": [("退役军人服务窗口", HallKind.WINDOW, 2, 2, True, "退役军人信息采集、优抚待遇申请", "")],
    "县公共资源交易中心": [("交易服务大厅", HallKind.DEPARTMENT, 4, 4, False, "工程招投标、政府采购开标评标", "需专用开评标场地")],
    "县数据资源局": [("网上办事大厅", HallKind.ONLINE, 0, 0, False, "全县政务服务事项网上申报、进度查询", "")],
    "县教育局": [("教育服务窗口", HallKind.WINDOW, 1, 1, True, "教师资格认定、民办学校审批受理", "")],
    "县商务局": [("商务服务窗口", HallKind.WINDOW, 1, 0, True, "对外贸易经营者备案、成品油零售受理", "")],
}
ZERO_DEPARTMENTS = ["县审计局", "县统计局", "县档案馆", "县气象局", "县民宗局", "县科技局", "县经信局", "县信访局"]
# who is still working: (short name, state); everyone else signed in time
EXTENDED = {"城关镇": "draft", "县市场监管局": "awaiting", "经开区": "draft", "县财政局": "not_started",
            "县城管局": "not_started", "县水利局": "zero_draft"}
LATE = {"黄桥镇": "draft", "县林业局": "not_started", "县应急局": "awaiting"}
SIGNED_LATE = {"马庙镇", "县消防大队"}


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _phone(rng, prefix: str = "0557-") -> str:
    return prefix + "".join(rng.choice("0123456789") for _ in range(7))


def _town_halls(unit: Unit, rng) -> list[dict]:
    name = unit.display_name
    windows = rng.randint(6, 10)
    center = dict(
        name=f"{name}为民服务中心", kind=HallKind.CITIZEN_CENTER, address=f"{name}政府大院一楼",
        window_count=windows, authorized_windows=windows - rng.choice([0, 0, 0, 1, 2]),
        staff_count=windows + rng.randint(1, 3), hours=HOURS, items=TOWN_ITEMS, phone=unit.phone or _phone(rng),
        has_copier=rng.random() > 0.15, has_scanner=rng.random() > 0.4, has_queue_machine=rng.random() > 0.2,
        has_signage=rng.random() > 0.1, has_info_desk=True, manager="", manager_phone="",
        remarks="综合窗口“一窗受理”" if rng.random() < 0.4 else "")
    halls = [center]
    for village in rng.sample(["东街社区", "西街社区", "张庄村", "李楼村", "王集村", "孙庄村", "赵圩村"], rng.randint(0, 2)):
        halls.append(dict(
            name=f"{village}为民服务全程代理工作站", kind=HallKind.AGENCY_STATION,
            address=f"{name}{village}{'居委会' if village.endswith('社区') else '委会'}",
            window_count=1, authorized_windows=0, staff_count=rng.randint(1, 2), hours="周一至周五 8:30-11:30",
            items="代理代办社保、医保、民政救助申请", phone=_phone(rng), has_copier=rng.random() > 0.5,
            has_signage=True, remarks="代办员每周二、五到为民服务中心送件"))
    return halls


def _dept_halls(unit: Unit, rng) -> list[dict]:
    out = []
    short = unit.display_name.removeprefix("县")
    windows = rng.choice([1, 1, 2])
    default = [(f"{short}窗口", HallKind.WINDOW, windows, windows - rng.choice([0, 0, windows]), True,
                f"{short}行政许可、备案等事项受理", "")]
    for name, kind, windows, authorized, in_center, items, reason in DEPARTMENT_HALLS.get(unit.display_name, default):
        in_person = kind != HallKind.ONLINE
        out.append(dict(
            name=name, kind=kind, address="县政务服务中心二楼" if in_center else f"{unit.address or '县城'}",
            in_county_center=in_center, separate_reason=reason, window_count=windows, authorized_windows=authorized,
            staff_count=windows + (rng.randint(1, 4) if in_person else 3), hours=HOURS if in_person else "全天 24 小时",
            items=items, phone=unit.phone or _phone(rng), has_copier=in_person and (in_center or rng.random() > 0.25),
            has_scanner=in_person and rng.random() > 0.3,
            has_queue_machine=in_person and (in_center or windows < 2 or rng.random() > 0.25),
            has_signage=in_person, has_info_desk=in_person and windows >= 4, remarks=""))
    return out


def _center_halls(unit: Unit, rng) -> list[dict]:
    return [
        dict(name="县政务服务中心综合服务大厅", kind=HallKind.GENERAL, address="汽博城8栋1-2楼", in_county_center=True,
             window_count=48, authorized_windows=40, staff_count=62, hours=HOURS + "，周六上午值班",
             items="进驻 31 个部门 468 项事项，设综合受理窗口 12 个", phone="0557-8828006", has_copier=True,
             has_scanner=True, has_queue_machine=True, has_signage=True, has_info_desk=True,
             remarks="“一窗受理、集成服务”试点"),
        dict(name="县政务服务中心投资项目审批服务区", kind=HallKind.GENERAL, address="汽博城8栋3楼", in_county_center=True,
             window_count=6, authorized_windows=3, staff_count=8, hours=HOURS, items="投资项目立项、用地、规划、施工许可联审",
             phone="0557-8828016", has_copier=True, has_scanner=True, has_queue_machine=False, has_signage=True,
             has_info_desk=False),
    ]


def load(ctx) -> None:
    rng = ctx.rng
    members = {(m.unit_id, m.role): m.user for m in Membership.objects.filter(role__in=[Role.LIAISON, Role.HEAD,
                                                                                       Role.CENTER_STAFF,
                                                                                       Role.SUPERVISOR])
               .select_related("user")}
    supervisor = next(u for (unit, role), u in members.items() if role == Role.SUPERVISOR)
    center = Unit.objects.filter(kind=UnitKind.SERVICE_CENTER).first()
    units = list(Unit.objects.filter(kind__in=[UnitKind.TOWN, UnitKind.PARK, UnitKind.DEPARTMENT]).order_by("order"))
    if center:
        units.append(center)

    # The register existed before the round (last year's survey); a center has no liaison, so its staff fill it.
    for unit in units:
        if unit.display_name in ZERO_DEPARTMENTS or EXTENDED.get(unit.display_name) == "zero_draft":
            continue
        if unit.kind in (UnitKind.TOWN, UnitKind.PARK):
            rows = _town_halls(unit, rng)
        elif unit.kind == UnitKind.SERVICE_CENTER:
            rows = _center_halls(unit, rng)
        else:
            rows = _dept_halls(unit, rng)
        for i, row in enumerate(rows, start=1):
            row.setdefault("manager", "")
            if not row["manager"]:
                row["manager"] = rng.choice("王李张刘陈杨黄赵周吴") + rng.choice(["主任", "科长", "所长", "站长"])
                row["manager_phone"] = "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
            Hall.objects.create(unit=unit, order=i, **row)

    deadline = _at(ctx.today - dt.timedelta(days=1), 10)
    reporting = [u for u in units if u.kind != UnitKind.SERVICE_CENTER]
    rnd = services.round_open(title=f"{ctx.today.year}年窗口和服务大厅统计", deadline=deadline, units=reporting,
                              by=supervisor, note="请于截止时间前报送两张统计表；未单独设立窗口的部门实行零报告。"
                                                  "报表须经主要负责人签字，并上传加盖公章的扫描件。")
    ReportingRound.objects.filter(pk=rnd.pk).update(opened_at=_at(ctx.today - dt.timedelta(days=8), 9))
    extended_to = _at(ctx.today + dt.timedelta(days=2), 17, 30)
    reports = {r.unit.display_name: r for r in RoundReport.objects.filter(round=rnd).select_related("unit", "round")}
    for name, report in reports.items():
        liaison = members[(report.unit_id, Role.LIAISON)]
        head = members[(report.unit_id, Role.HEAD)]
        if name in EXTENDED:
            services.round_extend(report=report, deadline=extended_to, by=supervisor)
        state = EXTENDED.get(name) or LATE.get(name) or "signed"
        if name in ZERO_DEPARTMENTS or state == "zero_draft":
            services.zero_report_declare(report=report, statement="本单位未单独设立服务窗口和办事大厅，"
                                         "相关事项已进驻县政务服务中心综合窗口办理。", by=liaison)
        if state == "not_started":
            continue
        if state in ("draft", "zero_draft"):
            RoundReport.objects.filter(pk=report.pk).update(started_at=deadline - dt.timedelta(days=rng.randint(1, 4)))
            continue
        report.refresh_from_db()
        sub = services.round_submit(report=report, by=liaison)
        if state == "awaiting":
            continue
        sub = submission_sign(submission=sub, by=head)
        if name in SIGNED_LATE:
            signed_at = _at(deadline.date(), rng.randint(14, 17), rng.choice([0, 15, 30, 45]))
        else:
            day = timezone.localdate(deadline) - dt.timedelta(days=rng.randint(1, 6))
            signed_at = _at(day, rng.randint(8, 17), rng.choice([5, 20, 35, 50]))
        # Backdate the demo's signatures (the digest covers the content, not the time).
        Submission.objects.filter(pk=sub.pk).update(signed_at=signed_at,
                                                    prepared_at=signed_at - dt.timedelta(minutes=rng.randint(20, 300)))
