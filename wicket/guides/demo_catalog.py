"""A realistic catalogue of the demo county's service guides, generated from a seeded rng.

Each item is published on the county site (县政府网站); about a third also on the province's
service site (省政务服务网), some of them differently. Faults appear at roughly the rates a first
review of a county's guides finds: catch-all clauses, fill-in forms without blank form or sample,
steps without requirements, missing fields, promised beyond statutory days, fees without basis,
visits without reason, phones without area code. Pure data: no Django, no database.
"""

from __future__ import annotations

import copy
import random
from typing import Any

COUNTY_SITE, PROVINCE_SITE = "县政府网站", "省政务服务网"
AREA = "0557"

# department short name -> (consultation phone, aliases the province site writes, [(item, kind, options)])
# kind: L 许可 (20 working days), R 市场主体登记/备案, P 个人事项登记, V 机动车, B 给付/补贴, C 证件/证明, O 其他
# options: "fee=..." (charged, with its basis), "visits=N", "form=..." (the fill-in form's name)
CATALOG: dict[str, tuple[str, tuple[str, ...], list[tuple[str, str, str]]]] = {
    "县市场监管局": ("8021316", ("县市场监督管理局", "青梨县市场监督管理局"), [
        ("食品经营许可证核发", "L", "form=食品经营许可申请书"), ("食品经营许可证变更", "L", "form=食品经营许可变更申请书"),
        ("食品经营许可证延续", "L", "form=食品经营许可延续申请书"), ("食品小作坊登记证核发", "R", ""),
        ("个体工商户设立登记", "R", "form=个体工商户登记（备案）申请书"), ("个体工商户变更登记", "R", ""),
        ("个体工商户注销登记", "R", "form=个体工商户注销登记申请书"), ("有限责任公司设立登记", "R", "form=公司登记（备案）申请书"),
        ("企业名称变更登记", "R", ""), ("农民专业合作社设立登记", "R", "form=农民专业合作社登记（备案）申请书"),
        ("药品零售企业经营许可", "L", "form=药品经营许可证申请表"), ("第二类医疗器械经营备案", "R", "form=第二类医疗器械经营备案表"),
        ("特种设备使用登记", "R", "form=特种设备使用登记表"), ("计量器具强制检定", "O", "fee=检定费按省定标准收取;《关于计量检定收费标准的通知》皖价费〔2016〕108号"),
    ]),
    "县人社局": ("8022233", ("县人力资源社会保障局", "青梨县人力资源和社会保障局"), [
        ("社会保障卡申领", "C", "form=社会保障卡申领登记表"), ("社会保障卡补换", "C", "form=社会保障卡补换申请表"),
        ("失业保险金申领", "B", "form=失业保险金申领登记表"), ("就业困难人员认定", "B", "form=就业困难人员认定申请表"),
        ("职业技能鉴定补贴申领", "B", ""), ("劳务派遣经营许可", "L", "form=劳务派遣经营许可申请书"),
        ("人力资源服务许可", "L", "form=人力资源服务许可申请表"), ("创业担保贷款申请", "B", "form=创业担保贷款申请表"),
        ("灵活就业人员社会保险补贴申领", "B", "form=社会保险补贴申领表"), ("企业职工基本养老保险待遇申领", "B", "form=基本养老保险待遇申领表"),
        ("工伤认定", "O", "form=工伤认定申请表"), ("劳动能力鉴定申请", "O", "form=劳动能力鉴定申请表"),
        ("高校毕业生就业登记", "P", ""),
    ]),
    "县公安局": ("8023110", ("青梨县公安局",), [
        ("居民身份证换领", "C", "fee=工本费20元;《关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"),
        ("居民身份证补领", "C", "fee=工本费40元;《关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"),
        ("临时居民身份证核发", "C", "fee=工本费10元;《关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"),
        ("户口迁移（迁入）", "P", "form=户口迁移申请表"), ("出生登记", "P", "form=出生登记申报表"),
        ("居住证核发", "C", "form=居住证申领登记表"), ("犬只登记", "P", "form=养犬登记申请表"),
        ("旅馆业特种行业许可证核发", "L", "form=特种行业许可证申请登记表"), ("公章刻制业特种行业许可证核发", "L", ""),
    ]),
    "县交警大队": ("8024122", ("青梨县公安局交通警察大队",), [
        ("机动车驾驶证换证", "C", "fee=工本费10元;《关于公安部门收费项目和收费标准的通知》（发改价格〔2017〕1186号）"),
        ("机动车驾驶证补证", "C", "fee=工本费10元;《关于公安部门收费项目和收费标准的通知》（发改价格〔2017〕1186号）"),
        ("机动车注册登记", "V", "form=机动车注册登记申请表"), ("机动车转移登记", "V", "form=机动车转移登记申请表"),
        ("机动车检验合格标志核发", "V", ""), ("驾驶证审验", "O", ""),
    ]),
    "县出入境大队": ("8024560", (), [
        ("普通护照签发", "C", "fee=120元;《关于公安部门收费项目和收费标准的通知》（发改价格〔2017〕1186号）"),
        ("往来港澳通行证签发", "C", "fee=60元;《关于公安部门收费项目和收费标准的通知》（发改价格〔2017〕1186号）"),
        ("往来台湾通行证签发", "C", "form=中国公民出入境证件申请表"),
    ]),
    "县住建局": ("8025118", ("青梨县住房和城乡建设局",), [
        ("建筑工程施工许可证核发", "L", "form=建筑工程施工许可申请表"), ("商品房预售许可", "L", "form=商品房预售许可申请表"),
        ("建设工程竣工验收备案", "R", "form=竣工验收备案表"), ("城镇污水排入排水管网许可", "L", "form=排水许可申请表"),
        ("燃气经营许可证核发", "L", "form=燃气经营许可申请表"), ("建筑业企业资质核准", "L", "form=建筑业企业资质申请表"),
        ("房地产开发企业资质核定", "L", "form=房地产开发企业资质申请表"), ("物业服务项目备案", "R", ""),
    ]),
    "县自然资源局": ("8026012", ("县国土资源局", "青梨县自然资源和规划局"), [
        ("建设用地规划许可证核发", "L", "form=建设用地规划许可申请表"), ("建设工程规划许可证核发", "L", "form=建设工程规划许可申请表"),
        ("乡村建设规划许可证核发", "L", "form=乡村建设规划许可申请表"), ("临时用地审批", "L", "form=临时用地申请表"),
        ("建设项目用地预审与选址意见书核发", "L", ""),
    ]),
    "县不动产登记中心": ("8026088", (), [
        ("不动产首次登记", "R", "fee=登记费80元;《关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"),
        ("不动产转移登记", "R", "fee=登记费80元;《关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"),
        ("不动产抵押登记", "R", "form=不动产登记申请书"), ("不动产登记资料查询", "O", "form=不动产登记资料查询申请书"),
    ]),
    "县民政局": ("8027201", ("青梨县民政局",), [
        ("结婚登记", "P", "form=申请结婚登记声明书"), ("离婚登记", "P", "form=申请离婚登记声明书"),
        ("最低生活保障审批", "B", "form=最低生活保障申请书"), ("特困人员供养审批", "B", "form=特困人员救助供养申请书"),
        ("临时救助审批", "B", "form=临时救助申请书"), ("社会团体成立登记", "R", "form=社会团体成立登记申请表"),
        ("民办非企业单位成立登记", "R", "form=民办非企业单位成立登记申请表"), ("养老机构备案", "R", "form=养老机构备案书"),
        ("困难残疾人生活补贴和重度残疾人护理补贴", "B", "form=残疾人两项补贴申请审批表"),
    ]),
    "县卫健委": ("8028066", ("青梨县卫生健康委员会",), [
        ("医疗机构执业许可证核发", "L", "form=医疗机构申请执业登记注册书"), ("医师执业注册", "P", "form=医师执业注册申请审核表"),
        ("护士执业注册", "P", "form=护士执业注册申请审核表"), ("公共场所卫生许可证核发", "L", "form=公共场所卫生许可申请书"),
        ("放射诊疗许可", "L", "form=放射诊疗许可申请表"), ("计划生育家庭特别扶助金申领", "B", "form=特别扶助对象申请表"),
    ]),
    "县教育局": ("8029015", (), [
        ("民办学校办学许可", "L", "form=民办学校办学许可申请书"), ("教师资格认定", "C", "form=教师资格认定申请表"),
        ("校外培训机构审批", "L", "form=校外培训机构设立申请表"), ("家庭经济困难学生资助申请", "B", "form=家庭经济困难学生认定申请表"),
    ]),
    "县交通局": ("8030177", ("青梨县交通运输局",), [
        ("道路货物运输经营许可", "L", "form=道路货物运输经营申请表"), ("道路旅客运输经营许可", "L", "form=道路旅客运输经营申请表"),
        ("出租汽车驾驶员从业资格证核发", "C", "form=从业资格考试申请表"), ("机动车维修经营备案", "R", "form=机动车维修经营备案表"),
        ("超限运输车辆行驶公路许可", "L", "form=超限运输车辆通行申请表"),
    ]),
    "县农业农村局": ("8031240", (), [
        ("农药经营许可证核发", "L", "form=农药经营许可证申请表"), ("兽药经营许可证核发", "L", "form=兽药经营许可证申请表"),
        ("种子生产经营许可证核发", "L", "form=种子生产经营许可证申请表"), ("动物防疫条件合格证核发", "L", "form=动物防疫条件审查申请表"),
        ("拖拉机和联合收割机驾驶证核发", "C", "fee=工本费10元;《关于农业机械安全监理收费标准的通知》（价费字〔1992〕452号）"),
    ]),
    "县文旅体局": ("8032019", ("青梨县文化旅游体育局",), [
        ("娱乐场所经营许可", "L", "form=娱乐场所经营许可申请表"), ("互联网上网服务营业场所经营许可", "L", ""),
        ("出版物零售经营许可", "L", "form=出版物零售单位设立申请表"), ("旅行社设立许可", "L", "form=旅行社设立申请书"),
    ]),
    "县生态环境分局": ("8033352", (), [
        ("排污许可证核发", "L", "form=排污许可证申请表"), ("建设项目环境影响报告表审批", "L", "form=建设项目环境影响评价审批申请书"),
    ]),
    "县医保局": ("8034108", ("青梨县医疗保障局",), [
        ("异地就医备案", "P", "form=异地就医登记备案表"), ("门诊慢特病待遇认定", "B", "form=门诊慢特病待遇认定申请表"),
        ("生育医疗费用报销", "B", "form=生育医疗费用报销申请表"), ("基本医疗保险关系转移接续", "O", "form=参保人员基本医疗保险类型变更信息表"),
    ]),
    "县公积金中心": ("8035036", (), [
        ("住房公积金提取", "B", "form=住房公积金提取申请书"), ("住房公积金个人住房贷款", "B", "form=个人住房公积金贷款申请表"),
        ("住房公积金单位缴存登记", "R", "form=单位缴存登记表"),
    ]),
    "县城管局": ("8036091", (), [
        ("城市建筑垃圾处置核准", "L", "form=建筑垃圾处置核准申请表"), ("户外广告设施设置许可", "L", "form=户外广告设置申请表"),
        ("临时占用城市道路审批", "L", ""),
    ]),
    "县残联": ("8037150", ("青梨县残疾人联合会",), [
        ("残疾人证核发", "C", "form=残疾人证申请表"), ("残疾人证换领", "C", ""),
    ]),
}

STATUTES = {
    "L": "《中华人民共和国行政许可法》第四十二条", "R": "《中华人民共和国市场主体登记管理条例》第十九条",
    "P": "《安徽省政务服务办法》第十五条", "V": "《机动车登记规定》第五条",
    "B": "《社会救助暂行办法》第十一条", "C": "《中华人民共和国居民身份证法》第八条", "O": "《安徽省政务服务办法》第十五条",
}
DAYS = {"L": ("20个工作日", (5, 7, 10)), "R": ("5个工作日", (0, 1, 3)), "P": ("5个工作日", (0, 1)),
        "V": ("5个工作日", (0, 1)), "B": ("30个工作日", (10, 15, 20)),
        "C": ("15个工作日", (3, 5, 7)), "O": ("20个工作日", (5, 10))}
COMMON = {
    "L": ["营业执照复印件", "法定代表人身份证明", "经营场所使用证明", "专业技术人员资格证书", "主要设备设施清单", "场所平面布置图"],
    "R": ["经营者身份证明", "经营场所使用证明", "全体股东身份证明", "公司章程"],
    "P": ["居民身份证", "居民户口簿", "近期免冠彩色照片"],
    "V": ["机动车所有人身份证明", "机动车来历凭证", "机动车整车出厂合格证明", "机动车交通事故责任强制保险凭证"],
    "B": ["居民身份证", "户口簿", "银行账户信息", "家庭收入情况说明"],
    "C": ["居民身份证", "近期免冠彩色照片", "户口簿"],
    "O": ["居民身份证", "相关证明文件原件"],
}
CATCH_ALL = ["其他材料", "法律、行政法规规定的其他材料", "审批机关认为需要提交的其他材料", "其他相关材料",
             "根据有关法律法规规定应提交的其他材料", "身份证明、户口簿等材料"]
STEPS = [("申请", "申请人通过省政务服务网或县政务服务中心窗口提交申请材料"),
         ("受理", "窗口工作人员当场审查申请材料，材料齐全、符合法定形式的出具受理通知书；不齐全的一次性告知需补正的全部内容"),
         ("审查", "审批人员对申请材料进行审查，需要现场核查的，自受理之日起5个工作日内组织核查"),
         ("决定", "作出准予或不予许可（办理）的决定，不予许可的书面说明理由并告知申请人享有的权利"),
         ("送达", "通过窗口领取或免费邮寄送达")]
STEP_DAYS = {"受理": "即时", "审查": "3个工作日", "决定": "1个工作日", "送达": "1个工作日"}
PROVINCE_SUFFIXES = ["（新办）", "（首次申请）", "（办理）"]


def _form_material(form: str, n: str, rng: random.Random) -> dict[str, Any]:
    return {"name": form, "required": True, "copies": 1, "medium": "纸质或电子", "origin": "申请人自备",
            "blank_form": "" if rng.random() < 0.1 else f"{form}.docx",
            "sample": "" if rng.random() < 0.15 else f"{form}（示范文本）.pdf",
            "requirements": "申请人签字（单位盖章）", "basis": ""}


def _guide(department: str, phone: str, code: str, name: str, kind: str, options: str,
           rng: random.Random) -> dict[str, Any]:
    opts = dict(o.split("=", 1) for o in options.split("|") if o)
    statutory, promised_choices = DAYS[kind]
    form = opts.get("form", f"{name}申请表")
    materials = [_form_material(form, code, rng)]
    for plain in rng.sample(COMMON[kind], min(len(COMMON[kind]), rng.randint(2, 4))):
        materials.append({"name": plain, "required": True, "copies": "原件1份", "medium": "纸质",
                          "origin": "政府部门核发" if plain.endswith(("证", "簿", "执照复印件")) else "申请人自备", "blank_form": "", "sample": "",
                          "requirements": "核验原件", "basis": ""})
    if rng.random() < 0.25:
        letter = "授权委托书"
        materials.append(_form_material(letter, code, rng) | {"required": False, "requirements": "委托他人办理的提供"})
    if rng.random() < 0.14:
        materials.append({"name": rng.choice(CATCH_ALL), "required": False, "copies": "", "medium": "纸质",
                          "origin": "其他", "blank_form": "", "sample": "", "requirements": "", "basis": ""})
    roll = rng.random()
    if roll < 0.05:
        steps = [{"name": "提出申请——受理——审核——办结", "description": "", "days": None}]
    else:
        picked = STEPS if kind == "L" else [STEPS[0], STEPS[1], STEPS[3], STEPS[4]]
        steps = [{"name": s, "description": d, "days": STEP_DAYS.get(s, "")} for s, d in picked]
        if roll < 0.11:
            steps[rng.randrange(1, len(steps))]["description"] = ""
    fee, fee_basis = "不收费", ""
    if "fee" in opts:
        fee, fee_basis = opts["fee"].split(";")
        if rng.random() < 0.4:
            fee_basis = ""
    promised = f"{rng.choice(promised_choices)}个工作日" if rng.random() > 0.03 else "25个工作日"
    if promised == "0个工作日":
        promised = "即办"
    visits = rng.choices([0, 1, 2], weights=[45, 49, 6])[0]
    reason = {0: "", 1: "领取证件时核验原件", 2: "提交材料时核验原件，领取证件时签字确认"}[visits]
    if visits and rng.random() < 0.12:
        reason = ""
    consult = f"{AREA}-{phone}" if rng.random() > 0.06 else phone
    supervision = f"{AREA}-12345" if rng.random() > 0.05 else consult
    guide = {
        "code": code, "name": name, "department": department, "source": COUNTY_SITE,
        "legal_basis": [] if rng.random() < 0.04 else [STATUTES[kind]],
        "conditions": ["申请人具有完全民事行为能力", "符合本事项规定的申请条件"]
        + (["法律、法规规定的其他条件"] if rng.random() < 0.06 else []),
        "materials": materials, "steps": steps, "statutory_days": statutory, "promised_days": promised,
        "fee": fee, "fee_basis": fee_basis,
        "location": "" if rng.random() < 0.03 else "县政务服务中心一楼综合受理窗口",
        "hours": "" if rng.random() < 0.05 else "工作日 上午8:30-12:00，下午14:30-17:30（夏季15:00-18:00）",
        "phone": consult, "supervision_phone": supervision, "visits": visits, "visits_reason": reason,
        "online_url": f"https://zwfw.qingli.example.gov.cn/item/{code}",
    }
    return guide


def _province_copy(guide: dict[str, Any], aliases: tuple[str, ...], rng: random.Random) -> dict[str, Any]:
    """The same item on the province site: mostly the same (同源), sometimes not."""
    c = copy.deepcopy(guide)
    c["source"] = PROVINCE_SITE
    c["online_url"] = c["online_url"].replace("zwfw.qingli", "zwfw.province")
    if aliases and rng.random() < 0.5:
        c["department"] = rng.choice(aliases)
    if rng.random() < 0.45:  # not from one source
        change = rng.choice(["name", "materials", "promised_days", "visits", "name"])
        if change == "name":
            c["name"] = c["name"] + rng.choice(PROVINCE_SUFFIXES)
        elif change == "materials" and len(c["materials"]) > 2:
            c["materials"] = c["materials"][:-1]
        elif change == "promised_days":
            c["promised_days"] = c["statutory_days"]
        else:
            c["visits"] = 2 if guide["visits"] < 2 else 1
            c["visits_reason"] = "提交材料和领取证件各一次"
    return c


def _variants(name: str, kind: str) -> list[str]:
    """Sub-items as catalogues list them: a licence is also changed, extended and cancelled."""
    if kind == "L" and name.endswith("核发"):
        base = name.removesuffix("核发")
        return [f"{base}变更", f"{base}延续", f"{base}注销"]
    if kind == "L" and name.endswith("许可"):
        return [f"{name}（变更）", f"{name}（延续）", f"{name}（注销）"]
    if kind == "R" and name.endswith("设立登记"):
        base = name.removesuffix("设立登记")
        return [f"{base}变更登记", f"{base}注销登记"]
    return []


def generate_catalog(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """{source: [guide, ...]} for the county site and the province site."""
    out: dict[str, list[dict[str, Any]]] = {COUNTY_SITE: [], PROVINCE_SITE: []}
    for d, (department, (phone, aliases, items)) in enumerate(CATALOG.items(), start=1):
        known = {name for name, _, _ in items}
        expanded = [(n, k, o) for name, k, o in items
                    for n in [name, *(v for v in _variants(name, k) if v not in known and rng.random() < 0.8)]]
        for i, (name, kind, options) in enumerate(expanded, start=1):
            code = f"3418{d:02d}{kind}{i:03d}"
            if name not in known and "form=" in options:
                options = ""  # a sub-item has its own form, named after it
            guide = _guide(department, phone, code, name, kind, options, rng)
            if rng.random() < 0.06:
                guide["code"] = ""  # an older guide published without its item code
            out[COUNTY_SITE].append(guide)
            if rng.random() < 0.38:
                out[PROVINCE_SITE].append(_province_copy(guide, aliases, rng))
    return out


def older_version(guides: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """An earlier edition of some guides, with faults the department has since fixed."""
    old = copy.deepcopy(guides)
    for g in old:
        if rng.random() < 0.5:
            g["materials"].append({"name": "审批机关认为需要提交的其他材料", "required": False, "origin": "其他"})
        if rng.random() < 0.3:
            g["phone"] = g["phone"].removeprefix(f"{AREA}-")
    return old
