"""Benchmark the service-guide check end to end: read JSON bytes, build guides, run every rule.

    .venv/bin/python bench/bench_guides.py [--shape tidy|real] [--guides 10000] [--repeat 5]
                                           [--out /tmp/wicket_bench_guides.json] [--readable-before]

The corpus is generated deterministically (fixed seed): about 8 materials and 5 steps per guide,
about a third of the items also published on a second site, and a realistic share of faults.

--shape tidy   the brief's field names and types (the reader's fast path)
--shape real   as real exports come (issue 15): Chinese keys, time limits as text in mixed forms
               (“20（工作日）”, “自受理之日起30个工作日”, full-width digits), 是/否, materials as plain
               strings, rows without a name, null steps, a few guides in traditional characters —
               read through structs made for the file's keys (loose.py), record by record beside the
               lenient reader — and 5–8 findings per guide.
--readable-before  leave out what the reader before issue 15 refused (rows without a name, null
               entries), so the same corpus can be timed on the old code for comparison.
Target (issues 6 and 15): at least 20,000 guides per second on one core.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.guides import check_guides, load_guides  # noqa: E402
from analysis.tabular import read_path  # noqa: E402

DEPARTMENTS = ["县市场监督管理局", "县人力资源和社会保障局", "县民政局", "县自然资源和规划局", "县住房和城乡建设局",
               "县卫生健康委员会", "县交通运输局", "县农业农村局", "县教育局", "县公安局", "县生态环境分局", "县文化旅游体育局"]
SITES = ["县政务服务网", "省政务服务网", "部门网站"]
ACTIONS = ["设立登记", "变更登记", "注销登记", "许可证核发", "许可证延续", "备案", "资格认定", "补贴申领", "证明开具", "年度检验"]
SUBJECTS = ["食品经营", "药品零售", "建筑施工企业", "道路运输经营", "民办学校", "社会团体", "医疗机构执业", "再生资源回收",
            "农药经营", "种子生产经营", "出版物零售", "娱乐场所", "特种设备使用", "排污", "养老机构", "职业技能培训机构"]
PLAIN_MATERIALS = ["营业执照复印件", "法定代表人身份证明", "居民身份证复印件", "经营场所使用证明", "房屋租赁合同", "从业人员健康证明",
                   "专业技术人员资格证书", "设备清单", "平面布置图", "其他股东的身份证明复印件", "章程", "验资报告",
                   "消防安全检查合格证明", "卫生管理制度", "户口簿", "居民身份证或其他有效身份证件", "授权委托人身份证明"]
FORMS = ["申请书", "登记申请表", "信用承诺书", "授权委托书", "基本情况表", "变更登记表"]
CATCH_ALL = ["其他材料", "法律、行政法规规定的其他材料", "审批机关认为需要提交的其他材料", "其他相关材料",
             "根据有关法律法规规定应提交的其他材料", "身份证明、营业执照等材料"]
STEPS = [("申请", "申请人通过政务服务网或窗口提交申请材料"),
         ("受理", "窗口工作人员当场审查申请材料，材料齐全、符合法定形式的予以受理，出具受理通知书"),
         ("审查", "审批人员对申请材料进行实质审查，需要现场核查的，自受理之日起5个工作日内组织核查"),
         ("决定", "审批负责人作出准予或不予许可的决定，不予许可的书面说明理由"),
         ("制证", "准予许可的，制作许可证件"),
         ("送达", "通过窗口领取或免费邮寄送达")]


def _guide(rng: random.Random, n: int) -> dict[str, Any]:
    department = rng.choice(DEPARTMENTS)
    subject = rng.choice(SUBJECTS)
    name = f"{subject}{rng.choice(ACTIONS)}"
    materials = []
    forms = rng.sample(FORMS, 2)
    for form in forms:
        blank = "" if rng.random() < 0.08 else f"https://zwfw.example.gov.cn/forms/{n}/{form}.docx"
        sample = "" if rng.random() < 0.12 else f"https://zwfw.example.gov.cn/samples/{n}/{form}.pdf"
        materials.append({"name": f"{subject}{form}", "required": True, "copies": "1", "medium": "纸质或电子",
                          "origin": "申请人自备", "blank_form": blank, "sample": sample,
                          "requirements": "申请人签字或盖章", "basis": "《行政许可法》第二十九条"})
    for plain in rng.sample(PLAIN_MATERIALS, 5 + rng.randint(0, 1)):
        materials.append({"name": plain, "required": rng.random() < 0.8, "copies": "原件1份，复印件1份",
                          "medium": "纸质", "origin": rng.choice(["申请人自备", "政府部门核发"]), "blank_form": "",
                          "sample": "", "requirements": "复印件加盖公章，核验原件", "basis": ""})
    if rng.random() < 0.15:
        materials.append({"name": rng.choice(CATCH_ALL), "required": False, "copies": "", "medium": "纸质",
                          "origin": "其他", "blank_form": "", "sample": "", "requirements": "", "basis": ""})
    if rng.random() < 0.05:
        steps = [{"name": "提出申请——受理——审核——决定——送达", "description": "", "days": None}]
    else:
        steps = [{"name": s, "description": "" if rng.random() < 0.04 else d, "days": rng.choice([1, 2, 3, 5])}
                 for s, d in rng.sample(STEPS, 5)]
    statutory = rng.choice([20, 15, 30, 10])
    promised = max(1, statutory // rng.choice([2, 3, 4])) if rng.random() > 0.03 else statutory + 5
    charged = rng.random() < 0.1
    visits = rng.choices([0, 1, 2, 3], weights=[40, 50, 7, 3])[0]
    area = "" if rng.random() < 0.05 else "0557-"
    return {
        "code": f"11341321{n:08d}", "name": name, "department": department, "source": "县政务服务网",
        "legal_basis": [] if rng.random() < 0.03 else ["《中华人民共和国行政许可法》", f"《{subject}管理办法》第十二条"],
        "conditions": ["申请人具有完全民事行为能力", "具有与所申请事项相适应的场所、设备和人员"]
        + (["法律、法规规定的其他条件"] if rng.random() < 0.1 else []),
        "materials": materials, "steps": steps,
        "statutory_days": f"{statutory}个工作日", "promised_days": f"{promised}个工作日",
        "fee": "工本费10元" if charged else "不收费",
        "fee_basis": "" if charged and rng.random() < 0.5 else ("《收费标准》皖价费〔2017〕12号" if charged else ""),
        "location": "县政务服务中心二楼综合窗口", "hours": "工作日上午9:00-12:00，下午13:30-17:00",
        "phone": f"{area}88{rng.randint(10000, 99999)}", "supervision_phone": "0557-12345",
        "visits": visits, "visits_reason": "核验原件" if visits and rng.random() > 0.2 else "",
        "online_url": f"https://zwfw.example.gov.cn/item/{n}",
    }


# ---------------------------------------------------------------- the real-world shape (issue 15)

REAL_KEYS = {"code": "事项编码", "name": "事项名称", "department": "实施主体", "source": "发布来源",
             "legal_basis": "设定依据", "conditions": "受理条件", "materials": "申请材料", "steps": "办理流程",
             "statutory_days": "法定办结时限", "promised_days": "承诺办结时限", "fee": "收费标准", "fee_basis": "收费依据",
             "location": "办理地点", "hours": "办理时间", "phone": "咨询电话", "supervision_phone": "监督投诉电话",
             "visits": "到办事现场次数", "visits_reason": "到现场原因", "online_url": "网上办理地址"}
REAL_MATERIAL_KEYS = {"name": "材料名称", "required": "是否必需", "copies": "份数", "medium": "介质", "origin": "来源渠道",
                      "blank_form": "空白表格", "sample": "示范文本", "requirements": "材料要求", "basis": "材料依据"}
REAL_STEP_KEYS = {"name": "环节名称", "description": "办理内容", "days": "办理时限"}
DAY_FORMS = ["{n}个工作日", "{n}（工作日）", "自受理之日起{n}个工作日", "{w}个工作日", "{n}个工作日内办结"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
VAGUE_REQUIREMENTS = ["以当地规定为准", "按有关部门要求提供", "视情况提供", "具体材料请咨询窗口工作人员"]
REAL_STEPS = STEPS + [("审核", "县民政局"), ("受理", "镇便民服务站"), ("补正", "根据审查需要另行通知")]
TRADITIONAL_NAMES = ["不動產登記申請書", "申請人身份證明", "不動產權屬證書", "實地查看表", "信用承諾書"]
_CN_NUMBERS = {5: "五", 10: "十", 15: "十五", 20: "二十", 30: "三十"}


def _days_text(rng: random.Random, n: int) -> str:
    form = rng.choice(DAY_FORMS)
    text = form.format(n=n, w=_CN_NUMBERS.get(n, n))
    return text.translate(FULL_WIDTH) if rng.random() < 0.05 else text


def _real_guide(rng: random.Random, n: int, readable_before: bool) -> dict[str, Any]:
    g = _guide(rng, n)
    statutory = int(g["statutory_days"].split("个")[0])
    promised = int(g["promised_days"].split("个")[0])
    g["statutory_days"] = _days_text(rng, statutory)
    g["promised_days"] = _days_text(rng, promised)
    g["visits"] = rng.choice(["1次", "最多跑一次", "0次", "2次", 1, 0]) if rng.random() < 0.9 else None
    if g["visits"] is None:
        del g["visits"]
    if rng.random() < 0.3:
        g["conditions"] = "；".join(f"{i + 1}.{c}" for i, c in enumerate(g["conditions"]))
    if rng.random() < 0.1:
        g["conditions"] = ["依据《中华人民共和国行政许可法》第十二条：", "（一）申请人具有完全民事行为能力；",
                           "（二）法律、行政法规规定的其他条件。"]
    materials: list[Any] = []
    for m in g["materials"]:
        m["required"] = rng.choice(["是", "否", "必需", True, "1"]) if m["required"] else rng.choice(["否", "非必需", 0])
        if rng.random() < 0.35:
            m["requirements"] = rng.choice(VAGUE_REQUIREMENTS)
        if rng.random() < 0.06 and not m["blank_form"]:
            materials.append(m["name"])  # a material written as a plain string
        else:
            materials.append({REAL_MATERIAL_KEYS[k]: v for k, v in m.items()})
    if rng.random() < 0.1:
        materials.append({"材料名称": "收入证明（如工资单、劳动合同等材料）", "是否必需": "是"})
    if rng.random() < 0.05:
        materials.append({"材料名称": rng.choice(["常住人口登记表", "不动产登记面积情况表", "测绘成果"]), "是否必需": "是"})
    if not readable_before and rng.random() < 0.03:
        materials.append({"材料名称": "", "材料要求": "原件1份"} if rng.random() < 0.5 else None)
    traditional = rng.random() < 0.03
    if traditional:
        materials.append({"材料名称": rng.choice(TRADITIONAL_NAMES), "是否必需": "是", "空白表格": ""})
    steps: list[Any] = []
    for s in g["steps"]:
        if rng.random() < 0.15:
            s["name"], s["description"] = rng.choice(REAL_STEPS[-3:])
        s["days"] = f"{s['days']}个工作日" if s["days"] is not None and rng.random() < 0.5 else s["days"]
        steps.append({REAL_STEP_KEYS[k]: v for k, v in s.items()})
    if not readable_before and rng.random() < 0.02:
        steps.append(None)
    if rng.random() < 0.05:
        g["promised_days"] = rng.choice(["即办", "按法定时限办结"])
    if traditional:
        g["name"] = g["name"] + "（辦理）"
    g["materials"], g["steps"] = materials, steps
    if rng.random() < 0.05:
        g["supervision_phone"] = g["phone"]
    if rng.random() < 0.3:
        g["hours"] = ""
    if rng.random() < 0.3:
        g["visits_reason"] = ""
    if rng.random() < 0.2:
        g["location"] = "见窗口公示" if rng.random() < 0.5 else ""
    return {REAL_KEYS[k]: v for k, v in g.items()}


def generate_guides(count: int, seed: int = 20180509, *, shape: str = "tidy",
                    readable_before: bool = False) -> list[dict[str, Any]]:
    """`count` guides; about a third of the items appear again on a second site, some changed."""
    if shape == "real":
        rng = random.Random(seed)
        out: list[dict[str, Any]] = []
        n = 0
        while len(out) < count:
            g = _real_guide(rng, n, readable_before)
            n += 1
            out.append(g)
            if len(out) < count and rng.random() < 0.3:
                copy = json.loads(json.dumps(g))
                copy["发布来源"] = rng.choice(SITES[1:])
                if rng.random() < 0.4:
                    copy["事项名称"] = copy["事项名称"] + "（" + rng.choice(["新办", "首次申请", "办理"]) + "）"
                out.append(copy)
        return out
    return _generate_tidy(count, seed)


def _generate_tidy(count: int, seed: int = 20180509) -> list[dict[str, Any]]:
    """`count` guides; about a third of the items appear again on a second site, some changed."""
    rng = random.Random(seed)
    guides: list[dict[str, Any]] = []
    n = 0
    while len(guides) < count:
        g = _guide(rng, n)
        n += 1
        guides.append(g)
        if len(guides) < count and rng.random() < 0.3:
            copy = json.loads(json.dumps(g))
            copy["source"] = rng.choice(SITES[1:])
            if rng.random() < 0.4:
                copy["name"] = copy["name"] + "（" + rng.choice(["新办", "首次申请", "办理"]) + "）"
            if rng.random() < 0.3:
                copy["materials"] = copy["materials"][:-1]
            if rng.random() < 0.2:
                copy["promised_days"] = copy["statutory_days"]
            guides.append(copy)
    return guides


def write_corpus(path: Path, count: int, seed: int = 20180509, *, shape: str = "tidy",
                 readable_before: bool = False) -> int:
    data = json.dumps(generate_guides(count, seed, shape=shape, readable_before=readable_before),
                      ensure_ascii=False).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def run_once(file: str, clock: Any = time.perf_counter) -> tuple[float, float, int, Counter[str]]:
    """Read the file, parse it into guides, check them: (read+parse seconds, check seconds, guides, kinds).

    The check's time ends after the findings are counted, so it includes the garbage collector's one
    pass over them once the check lets it run again."""
    t0 = clock()
    guides = load_guides(read_path(file), file=file)
    t1 = clock()
    kinds = Counter(f.kind for f in check_guides(guides))
    t2 = clock()
    return t1 - t0, t2 - t1, len(guides), kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guides", type=int, default=10_000)
    parser.add_argument("--out", default="/tmp/wicket_bench_guides.json")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20180509)
    parser.add_argument("--shape", choices=("tidy", "real"), default="tidy")
    parser.add_argument("--readable-before", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="time the file at --out as it is (no generation)")
    args = parser.parse_args(argv)
    path = Path(args.out)
    if args.reuse and path.exists():
        size = path.stat().st_size
    else:
        size = write_corpus(path, args.guides, args.seed, shape=args.shape, readable_before=args.readable_before)
    data = path.read_bytes()
    parsed = json.loads(data)
    mkey, skey = ("申请材料", "办理流程") if args.shape == "real" else ("materials", "steps")
    materials = sum(len(g.get(mkey) or ()) for g in parsed)
    steps = sum(len(g.get(skey) or ()) for g in parsed)
    del parsed
    n = 0
    kinds: Counter[str] = Counter()
    print(f"corpus ({args.shape}): {args.guides} guides, {materials / args.guides:.1f} materials and {steps / args.guides:.1f} "
          f"steps per guide, {size / 1e6:.1f} MB JSON ({path})")
    for label, clock in (("wall", time.perf_counter), ("cpu", time.process_time)):
        runs = []
        for _ in range(args.repeat):
            gc.collect()
            load_s, check_s, n, kinds = run_once(str(path), clock)
            runs.append((load_s + check_s, load_s, check_s))
        total, load_s, check_s = min(runs)
        median = sorted(r[0] for r in runs)[len(runs) // 2]
        print(f"{label:>4} best of {args.repeat}: read+parse {load_s * 1000:.0f} ms + check {check_s * 1000:.0f} ms "
              f"= {total * 1000:.0f} ms -> {n / total:,.0f} guides/s (median {n / median:,.0f}/s; target 20,000)")
    print(f"findings: {sum(kinds.values())} ({sum(kinds.values()) / n:.2f} per guide)")
    for kind, count in kinds.most_common():
        print(f"  {kind:<28} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
