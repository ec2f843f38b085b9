"""The demo county: 13 towns, 2 parks, 40 county departments, and accounts for every role."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .models import Membership, Role, Unit, UnitKind

ORDER = 10
LABEL = "县、镇、园区、县直部门和各角色账号"
DEMO_PASSWORD = "Chuangkou-2026"  # every demo account's

COUNTY = "青梨县"
TOWNS = ["城关镇", "东关镇", "王庄镇", "李集镇", "张寨镇", "刘楼镇", "赵屯镇", "孙店镇", "周庄镇", "吴集镇",
         "郑口镇", "马庙镇", "黄桥镇"]
PARKS = [("青梨经济开发区管理委员会", "经开区"), ("青梨现代农业产业园区管理委员会", "农业园区")]
# (full name, short name, aliases found in published data)
DEPARTMENTS = [
    ("青梨县发展和改革委员会", "县发改委", []), ("青梨县教育局", "县教育局", []),
    ("青梨县科学技术局", "县科技局", []), ("青梨县经济和信息化局", "县经信局", []),
    ("青梨县公安局", "县公安局", []), ("青梨县民政局", "县民政局", []), ("青梨县司法局", "县司法局", []),
    ("青梨县财政局", "县财政局", []), ("青梨县人力资源和社会保障局", "县人社局", ["县人力资源社会保障局"]),
    ("青梨县自然资源和规划局", "县自然资源局", ["县国土资源局"]), ("青梨县生态环境分局", "县生态环境分局", []),
    ("青梨县住房和城乡建设局", "县住建局", []), ("青梨县交通运输局", "县交通局", []), ("青梨县水利局", "县水利局", []),
    ("青梨县农业农村局", "县农业农村局", []), ("青梨县商务局", "县商务局", []),
    ("青梨县文化旅游体育局", "县文旅体局", []), ("青梨县卫生健康委员会", "县卫健委", []),
    ("青梨县退役军人事务局", "县退役军人局", []), ("青梨县应急管理局", "县应急局", []),
    ("青梨县审计局", "县审计局", []), ("青梨县市场监督管理局", "县市场监管局", ["县市场监督管理局"]),
    ("青梨县统计局", "县统计局", []), ("青梨县医疗保障局", "县医保局", []),
    ("青梨县城市管理局", "县城管局", []), ("青梨县林业局", "县林业局", []),
    ("青梨县数据资源管理局", "县数据资源局", []), ("青梨县信访局", "县信访局", []),
    ("青梨县民族宗教事务局", "县民宗局", []), ("青梨县档案馆", "县档案馆", []),
    ("国家税务总局青梨县税务局", "县税务局", []), ("青梨县住房公积金管理中心", "县公积金中心", []),
    ("青梨县不动产登记中心", "县不动产登记中心", []), ("青梨县社会保险事业管理中心", "县社保中心", []),
    ("青梨县公安局交通警察大队", "县交警大队", []), ("青梨县公安局出入境管理大队", "县出入境大队", []),
    ("青梨县消防救援大队", "县消防大队", []), ("青梨县残疾人联合会", "县残联", []),
    ("青梨县公共资源交易中心", "县公共资源交易中心", []), ("青梨县气象局", "县气象局", []),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华建国志红玉兵辉鹏宇浩凯婷雪琳晨阳"


def _person(rng) -> tuple[str, str]:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES), given


def _phone(rng) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def _user(username: str, rng, password_hash: str):
    User = get_user_model()
    last, first = _person(rng)
    # One hash for every demo account: hashing a password per user would take a minute.
    return User.objects.create(username=username, password=password_hash, last_name=last, first_name=first)


def load(ctx) -> None:
    from django.contrib.auth.hashers import make_password

    rng = ctx.rng
    password_hash = make_password(DEMO_PASSWORD)
    county = Unit.objects.create(name=f"{COUNTY}人民政府", short_name=COUNTY, kind=UnitKind.COUNTY, code="G00",
                                 order=0)
    office = Unit.objects.create(name=f"{COUNTY}人民政府办公室", short_name="县政府办（督查室）",
                                 kind=UnitKind.GOV_OFFICE, parent=county, code="G01", order=1,
                                 phone="0557-8095072", address="政务新区西楼320室")
    center = Unit.objects.create(name=f"{COUNTY}政务服务中心", short_name="县政务服务中心",
                                 kind=UnitKind.SERVICE_CENTER, parent=county, code="G02", order=2,
                                 phone="0557-8828006", address="汽博城8栋2楼")
    units = []
    for i, name in enumerate(TOWNS, start=1):
        units.append(Unit.objects.create(name=f"{COUNTY}{name}人民政府", short_name=name, aliases=[name],
                                         kind=UnitKind.TOWN, parent=county, code=f"T{i:02d}", order=10 + i,
                                         phone=f"0557-86{rng.randint(10000, 99999)}"))
    for i, (name, short) in enumerate(PARKS, start=1):
        units.append(Unit.objects.create(name=f"{COUNTY}{name}", short_name=short, aliases=[name], kind=UnitKind.PARK,
                                         parent=county, code=f"P{i:02d}", order=30 + i,
                                         phone=f"0557-87{rng.randint(10000, 99999)}"))
    for i, (name, short, aliases) in enumerate(DEPARTMENTS, start=1):
        units.append(Unit.objects.create(name=name, short_name=short, aliases=aliases, kind=UnitKind.DEPARTMENT,
                                         parent=county, code=f"D{i:02d}", order=40 + i,
                                         phone=f"0557-88{rng.randint(10000, 99999)}"))

    def member(username: str, unit: Unit, role: str, title: str = ""):
        user = _user(username, rng, password_hash)
        Membership.objects.create(user=user, unit=unit, role=role, phone=_phone(rng), title=title)
        return user

    member("duchashi", office, Role.SUPERVISOR, "督查室主任")
    member("duchashi2", office, Role.SUPERVISOR, "督查室科员")
    member("zhongxin", center, Role.CENTER_STAFF, "中心督查科科员")
    for i in range(1, 5):
        member(f"ducha{i:02d}", office if i <= 2 else center, Role.INSPECTOR, "督查组成员")
    for unit in units:
        code = unit.code.lower()
        member(f"{code}_jbr", unit, Role.LIAISON, "经办人")
        member(f"{code}_fzr", unit, Role.HEAD, "主要负责人")


DEMO_LOGINS = [
    ("duchashi", "县督查室（全县督查、核验销号、通报、考核）"),
    ("zhongxin", "县政务服务中心工作人员（大厅数据、检测）"),
    ("t01_jbr", "城关镇经办人（填报、自查、整改）"),
    ("t01_fzr", "城关镇主要负责人（审核签字）"),
    ("d22_jbr", "县市场监管局经办人"),
    ("d22_fzr", "县市场监管局主要负责人"),
    ("ducha01", "督查组成员（现场督查、暗访记录）"),
]
