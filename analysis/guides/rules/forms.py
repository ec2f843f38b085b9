"""missing_blank_form / missing_sample (1.1): a material the applicant fills in (申请书, 申请表,
登记表, 承诺书 …) published with no blank form or no sample (示范文本).

Documents others issue (营业执照, 判决书, 检测报告, 批准书 …) need neither; nor do registers and
certificates the applicant already holds (户口簿, 常住人口登记表, 房屋登记表) or the outputs of a survey
or an inspection (测绘成果, 不动产登记面积情况表, 权籍调查表, 勘查记录, 实地查看表, 询问记录). Free
text the applicant writes (情况说明, 书面申请, 申请报告) has no form either. A name decides both
findings together: a material that owes a blank form owes a sample, and the other way round — a
name that joins a form and free text (“《…申请表》及申请报告”) owes both.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.guides.hanzi import simplified
from analysis.guides.model import Material
from analysis.guides.values import is_empty

from .base import Found

FORM_RE = re.compile(
    r"(?:申请|登记|申报|审批|备案|报名|核准|注册|审核|验收|推荐|采集|信息|统计|汇总|评审|预审|补贴|变更|注销|"
    r"年检|换证|延续|征求意见|意见征询|调查|情况|确认|申领|开户|交易|业务|受理|呈报)(?:表|单)(?![位元])"
    r"|(?:申请|承诺|声明|委托|确认|保证|申明|同意|申诉|陈述|报告|说明|授权)书(?!记)"
    r"|(?:承诺|委托|申请|确认)函"
    r"|书面申请|申请报告|情况说明|(?:申请人|本人|个人)声明"
)
# Copies of something already filled in, or issued by someone else.
_NOT_FILLED_RE = re.compile(r"复印件|副本|扫描件|影印件|已(?:签|核准|备案|登记)|环境影响|评估报告书|可行性|检测|检验|鉴定|审计|验资")
_ISSUED_BY_OTHERS = ("政府部门核发", "中介机构出具", "部门核发", "机构出具", "政府部门", "中介机构")
# An origin that names someone else making the document (测绘机构出具, 登记机构现场制作 …).
_OTHERS_MAKE_RE = re.compile(r"核发|出具|开具|制作|生成|调查|测绘|勘[查察测验]|核查|查看")
_APPLICANT_RE = re.compile(r"申请人|自备|自行|本人|自填|填写")
# Registers and certificates already held, and outputs of a survey or an inspection.
_HELD_OR_OUTPUT_RE = re.compile(
    r"(?:常住人口|户口|户籍|人口信息|地籍|房屋|土地|林权|宅基地|房产)登记(?:表|卡|簿|册)"
    r"|(?:测绘|测量|勘测|勘查|勘察|勘验|踏勘|权籍调查|地籍调查|入户调查|实地查看|现场查看|现场核查|现场检查|"
    r"验收|评审|审查|鉴定|检测|检验|核验|询问)(?:成果|结果|记录|报告|意见|结论|笔录|情况)?(?:表|单|图|书)?"
    r"(?=$|[^申登备报])(?<![审批核准]表)"
    r"|面积(?:情况|测算|计算|核定|分摊)?(?:表|单)|宗地图|分户图|界址|竣工验收备案|询问记录|询问笔录"
)
# Free text the applicant writes: no blank form to give.
_FREE_TEXT_RE = re.compile(r"书面申请|申请报告|情况说明|说明书|报告书|陈述书")


def is_fill_in(name: str, origin: str) -> bool:
    """The applicant fills this form in themselves (so a blank form and a sample are owed)."""
    return not _made_by_others(origin) and form_kind(name) != 0


def form_kind(name: str) -> int:
    """1: a form the applicant fills in (blank form and sample owed); 0: anything else — documents
    others issue, registers held, survey or inspection outputs, copies, free text."""
    t = simplified(name)
    if FORM_RE.search(t) is None or _NOT_FILLED_RE.search(t) is not None:
        return 0
    if _HELD_OR_OUTPUT_RE.search(t) is not None:
        return 0
    for m in FORM_RE.finditer(t):
        if _FREE_TEXT_RE.fullmatch(m.group()) is None:
            return 1  # a form, whatever free text stands beside it
    return 0


def found(name: str) -> tuple[Found, Found]:
    """missing_blank_form and missing_sample for a name form_kind() rated a form (kind 1); whether a
    material owes them is for owed() to say."""
    return (
        ("missing_blank_form", "blank_form", name,
         f"申请材料“{name}”由申请人填写，但没有提供空白表格。请提供可下载的空白表格（链接或文件）。",
         {"context": name}, ()),
        ("missing_sample", "sample", name,
         f"申请材料“{name}”由申请人填写，但没有提供示范文本。请提供填写样例（示范文本），让群众一次填对。",
         {"context": name}, ()),
    )


@lru_cache(maxsize=4096)
def _made_by_others(origin: str) -> bool:
    return bool(origin) and bool(origin.startswith(_ISSUED_BY_OTHERS)
                                 or _OTHERS_MAKE_RE.search(origin) and not _APPLICANT_RE.search(origin))


def owed(m: Material) -> tuple[bool, bool]:
    """(blank form owed, sample owed) by a material whose name is a form: none when someone else
    makes the document (its origin says so), else each one that is missing."""
    if _made_by_others(m.origin):
        return False, False
    return is_empty(m.blank_form), is_empty(m.sample)
