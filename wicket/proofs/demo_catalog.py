"""The demo county's proof catalogue (证明事项目录), in the JSON format of the product brief.

Real-looking proofs and the offices that issue them; items of the demo departments (short names of
wicket/orgs/demo.py). It holds what the analysis is for: a 房产证 ↔ 土地证 loop (the registration
centre wants the land certificate before issuing the house certificate, the land office wants the
house certificate first), proofs with no legal basis (村委会 居住证明, 收入证明, 健在证明 …), proofs
the shared databases hold (户籍证明 in the population database, 营业执照 in the legal-person one),
the same proof under two names from two offices, and items whose chain sends a citizen to more
than three offices.
"""

from __future__ import annotations

import copy
from typing import Any

VILLAGE = "村(居)委会"
EMPLOYER = "原用人单位"
NOTARY = "县公证处"

# (id, name, issuer, requires, basis, shared source)
PROOFS: list[tuple[str, str, str, list[str], str, str | None]] = [
    ("P01", "无犯罪记录证明", "县公安局", [], "《公安机关办理犯罪记录查询工作规定》", None),
    ("P02", "户籍证明", "县公安局", [], "《中华人民共和国户口登记条例》", "人口库"),
    ("P03", "婚姻状况证明", "县民政局", ["P02"], "", None),
    ("P04", "收入证明", VILLAGE, ["P05"], "", None),
    ("P05", "居住证明", VILLAGE, [], "", None),
    ("P06", "房屋所有权证明（不动产权证书）", "县不动产登记中心", ["P07"], "《不动产登记暂行条例》第二十一条", None),
    ("P07", "国有土地使用证", "县自然资源局", ["P06"], "《中华人民共和国土地管理法》第十二条", None),
    ("P08", "亲属关系证明", "县公安局", ["P02"], "", None),
    ("P09", "健在证明", VILLAGE, [], "", None),
    ("P10", "无房证明", "县不动产登记中心", ["P02", "P03"], "《不动产登记资料查询暂行办法》第十九条", None),
    ("P11", "营业执照", "县市场监管局", [], "《中华人民共和国市场主体登记管理条例》", "法人库"),
    ("P12", "完税证明", "县税务局", [], "《中华人民共和国税收征收管理法》", None),
    ("P13", "社保缴费证明", "县社保中心", [], "《中华人民共和国社会保险法》", None),
    ("P14", "就业失业登记证明", "县人社局", [], "《就业服务与就业管理规定》第六十三条", "电子证照库"),
    ("P15", "解除劳动合同证明", EMPLOYER, [], "《中华人民共和国劳动合同法》第五十条", None),
    ("P16", "出生医学证明", "县卫健委", [], "《中华人民共和国母婴保健法》第二十三条", "电子证照库"),
    ("P17", "残疾人证", "县残联", [], "《中华人民共和国残疾人保障法》", "电子证照库"),
    ("P18", "家庭经济困难证明", VILLAGE, ["P04", "P05"], "", None),
    ("P19", "无犯罪记录 证明书", VILLAGE, [], "", None),
    ("P20", "土地承包经营权证", "县农业农村局", [], "《中华人民共和国农村土地承包法》第二十四条", None),
    ("P21", "宅基地使用证明", VILLAGE, ["P05"], "", None),
    ("P22", "退役军人证", "县退役军人局", [], "《中华人民共和国退役军人保障法》", "电子证照库"),
    ("P23", "结婚证", "县民政局", [], "《婚姻登记条例》", "电子证照库"),
    ("P24", "亲属关系公证书", NOTARY, ["P08", "P02"], "《中华人民共和国公证法》", None),
    ("P25", "居民死亡医学证明（推断）书", "县卫健委", [], "《人口死亡信息登记管理规定（试行）》", None),
    ("P26", "火化证明", "县民政局", ["P25"], "《殡葬管理条例》", None),
    ("P27", "学历证明", "县教育局", [], "《中华人民共和国教育法》", "电子证照库"),
    ("P28", "教师资格认定体检证明", "县卫健委", [], "《〈教师资格条例〉实施办法》第八条", None),
    ("P29", "企业无违法违规证明", "县市场监管局", [], "", "信用库"),
    ("P30", "经营场所使用证明", VILLAGE, ["P05"], "", None),
    ("P31", "契税完税证明", "县税务局", ["P06"], "《中华人民共和国契税法》", None),
]

# (id, name, department, requires)
ITEMS: list[tuple[str, str, str, list[str]]] = [
    ("S01", "公共租赁住房申请", "县住建局", ["P02", "P03", "P04", "P10", "P13"]),
    ("S02", "最低生活保障审批", "县民政局", ["P02", "P04", "P05", "P18", "P10", "P17"]),
    ("S03", "失业保险金申领", "县人社局", ["P14", "P15", "P02", "P13"]),
    ("S04", "不动产转移登记", "县不动产登记中心", ["P06", "P07", "P31", "P03"]),
    ("S05", "不动产继承登记", "县不动产登记中心", ["P06", "P24", "P25", "P26", "P08"]),
    ("S06", "住房公积金提取（购房）", "县公积金中心", ["P06", "P03", "P12"]),
    ("S07", "教师资格认定", "县教育局", ["P19", "P28", "P27", "P02"]),
    ("S08", "户口迁移（投靠亲属）", "县公安局", ["P08", "P06", "P03"]),
    ("S09", "个体工商户设立登记", "县市场监管局", ["P30", "P02"]),
    ("S10", "再生育审批", "县卫健委", ["P23", "P02", "P16", "P03"]),
    ("S11", "城乡居民养老保险待遇资格认证", "县社保中心", ["P09", "P02"]),
    ("S12", "优抚对象抚恤补助申请", "县退役军人局", ["P22", "P09", "P02"]),
    ("S13", "困难残疾人生活补贴申请", "县残联", ["P17", "P18", "P02"]),
    ("S14", "农村宅基地建房审批", "县农业农村局", ["P21", "P20", "P02", "P03"]),
    ("S15", "医疗救助申请", "县医保局", ["P18", "P02"]),
    ("S16", "食品经营许可", "县市场监管局", ["P11", "P29"]),
    ("S17", "投标人资格审查", "县公共资源交易中心", ["P11", "P29", "P12", "P13"]),
    ("S18", "人才公寓入住申请", "县住建局", ["P01", "P10", "P27", "P13"]),
    ("S19", "高龄津贴申领", "县民政局", ["P09", "P02"]),
]

# The earlier edition: 县人社局 still asked for a 无业证明 from the village; since dropped.
EARLIER_PROOF = ("P32", "无业证明", VILLAGE, [], "", None)
EARLIER_ITEM_EXTRA = ("S03", "P32")


def catalog() -> dict[str, Any]:
    return {
        "proofs": [{"id": i, "name": n, "issuer": iss, "requires": req, "basis": basis, "shared_source": src}
                   for i, n, iss, req, basis, src in PROOFS],
        "items": [{"id": i, "name": n, "department": d, "requires": req} for i, n, d, req in ITEMS],
    }


def earlier_catalog() -> dict[str, Any]:
    data = copy.deepcopy(catalog())
    i, n, iss, req, basis, src = EARLIER_PROOF
    data["proofs"].append({"id": i, "name": n, "issuer": iss, "requires": req, "basis": basis, "shared_source": src})
    item_id, proof_id = EARLIER_ITEM_EXTRA
    next(it for it in data["items"] if it["id"] == item_id)["requires"].append(proof_id)
    return data
