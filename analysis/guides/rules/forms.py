"""missing_blank_form / missing_sample (1.1): a material the applicant fills in (申请书, 申请表,
登记表, 承诺书 …) published with no blank form or no sample (示范文本).

Documents others issue (营业执照, 判决书, 检测报告, 批准书 …) need neither.
"""

from __future__ import annotations

import re

from analysis.guides.model import Guide, GuideFinding
from analysis.guides.values import is_empty

from .base import make, material_key

FORM_RE = re.compile(
    r"(?:申请|登记|申报|审批|备案|报名|核准|注册|审核|验收|推荐|采集|信息|统计|汇总|评审|预审|补贴|变更|注销|"
    r"年检|换证|延续|征求意见|意见征询|调查|情况|确认|申领|开户|交易|业务|受理|呈报)(?:表|单)(?![位元])"
    r"|(?:申请|承诺|声明|委托|确认|保证|申明|同意|申诉|陈述|报告|说明)书(?!记)"
    r"|(?:承诺|委托|申请|确认)函"
    r"|书面申请|申请报告|情况说明|(?:申请人|本人|个人)声明"
)
# Copies of something already filled in, or issued by someone else.
_NOT_FILLED_RE = re.compile(r"复印件|副本|扫描件|影印件|已(?:签|核准|备案|登记)|环境影响|评估报告书|可行性|检测|检验|鉴定|审计|验资")
_ISSUED_BY_OTHERS = ("政府部门核发", "中介机构出具", "部门核发", "机构出具", "政府部门", "中介机构")
# Free-text documents: a sample helps, a blank form does not apply.
_FREE_TEXT_RE = re.compile(r"书面申请|申请报告|情况说明|说明书|报告书|陈述书")


def is_fill_in(name: str, origin: str) -> bool:
    """The applicant writes this document themselves (so a blank form and a sample are owed)."""
    if origin and origin.startswith(_ISSUED_BY_OTHERS):
        return False
    return form_kind(name) != 0


def form_kind(name: str) -> int:
    """0: not filled in by the applicant; 1: a form (blank form and sample owed); 2: free text (sample owed)."""
    if FORM_RE.search(name) is None or _NOT_FILLED_RE.search(name) is not None:
        return 0
    return 2 if _FREE_TEXT_RE.search(name) else 1


def material_findings(guide: Guide, index: int, j: int, kind: int, out: list[GuideFinding]) -> None:
    """The findings for material j, whose name form_kind() rated `kind` (1 form, 2 free text)."""
    m = guide.materials[j]
    if m.origin and m.origin.startswith(_ISSUED_BY_OTHERS):
        return
    no_form = kind == 1 and is_empty(m.blank_form)
    no_sample = is_empty(m.sample)
    if not (no_form or no_sample):
        return
    name = m.name
    key = material_key(guide, j)
    if no_form:
        out.append(make(
            guide, index, "missing_blank_form", where=f"materials[{j}].blank_form",
            where_key=f"{key}.blank_form", text=name,
            message=f"申请材料“{name}”由申请人填写，但没有提供空白表格。请提供可下载的空白表格（链接或文件）。",
            evidence={"context": name},
        ))
    if no_sample:
        out.append(make(
            guide, index, "missing_sample", where=f"materials[{j}].sample",
            where_key=f"{key}.sample", text=name,
            message=f"申请材料“{name}”由申请人填写，但没有提供示范文本。请提供填写样例（示范文本），"
                    "让群众一次填对。",
            evidence={"context": name},
        ))
