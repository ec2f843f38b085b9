"""A year of hall data for the demo county: tickets for three registered halls, consultation-phone
calls and 好差评 ratings for seven units, uploaded by the centre's staff and analysed, so the
dashboards and the problem list show the planted problems:

    县政务服务中心综合服务大厅   after lunch only three of eight windows open (understaffed afternoons)
    不动产登记大厅               a scalper (黄牛) takes bursts of tickets at opening
    县医保局 0557-8021005        a phone nobody answers (about a third answered)
    县不动产登记中心 不动产3号窗口 draws 差评, most never answered
"""

from __future__ import annotations

import datetime as dt

from analysis import synth_halls
from analysis.synth_halls import UnitSpec
from wicket.orgs.models import Membership, Role
from wicket.registry.models import Hall

from . import services
from .demo_tickets import HallPlan, Queue, hall_year
from .models import Kind
from .parsing import rows_to_csv

ORDER = 70
LABEL = "大厅数据：一年的排队叫号、咨询电话和好差评（含预置问题）"

SCALPER = "P-HN0731"
HALLS = (
    HallPlan("县政务服务中心综合服务大厅", 110, (
        Queue("A", ("社会保障卡补办", "城乡居民养老保险参保登记", "医保参保登记"), ("1", "2", "3"), 7, 0.4,
              afternoon_windows=1),
        Queue("B", ("户口迁移", "居民身份证申领", "居住证办理"), ("4", "5"), 6, 0.25, afternoon_windows=1),
        Queue("C", ("营业执照设立登记", "营业执照变更登记", "食品经营许可"), ("6", "7", "8"), 14, 0.35,
              afternoon_windows=1),
    )),
    HallPlan("不动产登记大厅", 55, (
        Queue("D", ("不动产转移登记", "不动产首次登记", "不动产权证书补发"), ("1", "2", "3", "4"), 18, 0.65),
        Queue("E", ("不动产抵押登记", "抵押注销登记", "登记资料查询"), ("5", "6"), 12, 0.35),
    ), scalper=SCALPER),
    HallPlan("办税服务厅", 45, (
        Queue("F", ("发票领用", "发票代开"), ("1", "2", "3"), 5, 0.6),
        Queue("G", ("纳税申报", "税务登记"), ("4", "5"), 9, 0.4),
    )),
)


def _names(first: int, n: int) -> tuple[str, ...]:
    return synth_halls._names(first, n)


# The synthetic units, named as the demo county names them.
UNITS = (
    UnitSpec("县市场监管局", ("0557-8021001",), ("市场监管1号窗口", "市场监管2号窗口"),
             ("营业执照设立登记", "营业执照变更登记", "食品经营许可"), _names(0, 4)),
    UnitSpec("县人社局", ("0557-8021002", "0557-8021012"), ("社保1号窗口", "社保2号窗口"),
             ("社会保障卡补办", "城乡居民养老保险参保登记", "失业保险金申领"), _names(4, 3)),
    UnitSpec("县公安局", ("0557-8021003",), ("户政1号窗口", "户政2号窗口"), ("户口迁移", "居民身份证申领"), _names(7, 3)),
    UnitSpec("县不动产登记中心", ("0557-8021004",), ("不动产1号窗口", "不动产2号窗口", "不动产3号窗口", "不动产4号窗口"),
             ("不动产转移登记", "不动产抵押登记", "不动产权证书补发"), _names(10, 5)),
    UnitSpec("县医保局", (synth_halls.DEMO_SILENT_LINE,), ("医保1号窗口",), ("异地就医备案", "医疗费用报销"), _names(15, 2)),
    UnitSpec("县税务局", ("0557-8021007",), ("税务1号窗口", "税务2号窗口"), ("发票领用", "税务登记"), _names(17, 3)),
    UnitSpec("城关镇", ("0557-8021006",), ("综合窗口1", "综合窗口2"),
             ("最低生活保障申请", "老年优待证办理", "残疾人两项补贴申请"), _names(2, 2)),
)


def load(ctx) -> None:
    staff = Membership.objects.filter(role=Role.CENTER_STAFF).select_related("user").first()
    if staff is None:
        return
    by = staff.user
    end = ctx.today - dt.timedelta(days=1)
    start = ctx.today - dt.timedelta(days=364)
    for plan in HALLS:
        if not Hall.objects.filter(name=plan.hall).exists():
            continue
        rows = hall_year(plan, start=start, end=end, seed=f"halldata-{plan.hall}")
        services.import_log(kind=Kind.TICKETS, name=f"{plan.hall}叫号记录.csv", by=by,
                            data=rows_to_csv(Kind.TICKETS, rows))
    calls = synth_halls.generate_calls(UNITS, start=start, end=end, calls_per_line_day=6.0)
    services.import_log(kind=Kind.CALLS, name="咨询电话通话记录.csv", by=by,
                        data=synth_halls.to_csv(calls, chinese_headers=True, encoding="gbk"))
    ratings = synth_halls.generate_ratings(UNITS, start=start, end=end, ratings_per_window_day=3.0,
                                           neglected_window=("县不动产登记中心", "不动产3号窗口"))
    services.import_log(kind=Kind.RATINGS, name="好差评记录.csv", by=by,
                        data=synth_halls.to_csv(ratings, chinese_headers=True, encoding="utf-8"))
