"""What a proof list's own wording shows, with or without prerequisites (2.1):

open_ended_proof    the proof's name leaves open what to bring: “符合规定条件的有关材料”,
                    “能够证明符合《…条例》第十八条规定条件的有关材料”, “其他证明材料”, “相关证明”
self_issued_proof   the applicant issues it: 开具单位 申请人 / 本人 / 经营者 / 申请单位 … (自我证明) —
                    replace it by the applicant's written pledge (告知承诺)
proof_name_is_item  the “proof” is really a service item: “危险化学品经营许可证变更核发”,
                    “结婚登记”, “最低生活保障审批” — the list should name the document demanded
purpose_copied      the purpose (证明用途) repeats the row above although the two rows are for
                    different matters (another law cited, another item): copied down, not written

Each finding goes to the unit that demands the proof (索要单位 / the item's department), or to
its issuer when nobody is named; the key is the proof's id, so a re-run keeps fingerprints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from analysis.common import Finding

from .graph import ProofGraph
from .model import Item, Proof

KIND_LABELS = {
    "open_ended_proof": "证明名称不明确",
    "self_issued_proof": "自我证明",
    "proof_name_is_item": "证明名称写成事项名称",
    "purpose_copied": "证明用途照抄上一行",
}

_OPEN_RE = re.compile(
    r"(?:符合|满足|具备)[^，,。；;]{0,40}?(?:规定|要求|法定|所需|相应)的?(?:条件|要求)的?(?:有关|相关|其他|证明)?(?:证明)?(?:材料|资料|文件)"
    r"|(?:能够|可以|足以)证明[^，,。；;]{0,40}?的(?:有关|相关|其他)?(?:证明)?(?:材料|资料|文件)"
    r"|^(?:其他|其它|有关|相关|必要的?|补充)的?(?:证明)?(?:材料|资料|文件|证明)$"
    r"|(?:其他|其它)(?:有关|相关|必要)?的?证明(?:材料|资料|文件)?$"
    r"|等(?:相关|有关)?(?:证明)?(?:材料|资料|文件)$"
)
_SELF_ISSUERS = frozenset({
    "申请人", "本人", "申请人本人", "当事人", "申请单位", "申请企业", "经营者", "申请人自行", "自行出具", "申请人自行出具",
    "个人", "申报人", "申请者", "本人出具", "申请人出具", "申请单位出具", "自己", "相对人", "行政相对人", "申请对象",
    "申请人（本人）", "申请人或代理人", "经营者本人", "投资人", "市场主体", "建设单位（申请人）",
})
_PLEDGE_RE = re.compile(r"承诺|告知书|声明书")
# An item's action at the end of the name: the list names a service, not a document.
_ITEM_END_RE = re.compile(
    r"(?:核发|审批|许可|登记|备案|认定|审核|办理|申请|申领|变更|注销|延续|延期|换发|补发|确认|给付|发放|申报|年检|核准|"
    r"注册|查询|迁移|迁入|迁出|评定|鉴定申请|转移|撤销)(?:[（(][^）)]*[）)])?$"
)
# ... unless the name ends with the document itself
_DOCUMENT_END_RE = re.compile(r"(?:证明|证|书|表|单|凭证|材料|文件|报告|记录|意见|决定|通知|函|卡|簿|照|图|协议|合同|"
                              r"清单|票据|发票|回执|存根|批复|复印件)(?:[（(][^）)]*[）)])?$")
_LAW_RE = re.compile(r"《([^》]{2,60})》")


def _norm(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text)


def is_open_ended(name: str) -> bool:
    return _OPEN_RE.search(name) is not None


def is_self_issued(p: Proof) -> bool:
    """The applicant issues it, and it is not already the pledge (告知承诺书) that replaces a proof."""
    issuer = _norm(p.issuer)
    return issuer in {_norm(x) for x in _SELF_ISSUERS} and _PLEDGE_RE.search(p.name) is None


def is_item_name(name: str, item_names: frozenset[str]) -> bool:
    n = _norm(name)
    if n in item_names:
        return True
    return _ITEM_END_RE.search(name.strip()) is not None and _DOCUMENT_END_RE.search(name.strip()) is None


def _laws(basis: str) -> frozenset[str]:
    return frozenset(_norm(x) for x in _LAW_RE.findall(basis))


def copied_purpose(p: Proof, above: Proof) -> bool:
    """Same purpose as the row above, for a different matter: another proof and either another law
    cited (both rows cite one) or another item named (both rows name one)."""
    if not p.purpose or _norm(p.purpose) != _norm(above.purpose) or _norm(p.name) == _norm(above.name):
        return False
    laws, laws_above = _laws(p.basis), _laws(above.basis)
    if laws and laws_above and laws.isdisjoint(laws_above):
        return True
    return bool(p.item and above.item and _norm(p.item) != _norm(above.item))


def _subjects(v: int, p: Proof, g: ProofGraph, items: Sequence[Item], proofs: Sequence[Proof]) -> list[str]:
    units = {items[j].department for j in g.item_preds(v)} | {proofs[q].issuer for q in g.preds(v)}
    if p.demanded_by:
        units.add(p.demanded_by)
    return sorted(units) or [p.issuer]


def wording_findings(proofs: Sequence[Proof], items: Sequence[Item], g: ProofGraph, new_finding: Any, *,
                     items_listed: bool = True) -> dict[str, list[Finding]]:
    """kind -> findings, in proof id order, one per unit demanding the proof. `items_listed`: the
    items come from the file (not made from a published list's purposes), so a proof carrying an
    item's name is an item name."""
    item_names = frozenset(_norm(it.name) for it in items) if items_listed else frozenset()
    out: dict[str, list[Finding]] = {k: [] for k in KIND_LABELS}
    order = sorted(range(len(proofs)), key=lambda v: proofs[v].id)
    for v in order:
        p = proofs[v]
        label = f"“{p.name}”（{p.id}）"
        facts: dict[str, Any] = {"proof": p.id, "name": p.name, "issuer": p.issuer, "purpose": p.purpose,
                                 "demanded_by": p.demanded_by}
        found: list[tuple[str, str, tuple[str, ...], dict[str, Any]]] = []
        if is_open_ended(p.name):
            found.append(("open_ended_proof",
                          f"证明名称{label}没有说清要交什么证明，群众无法据此开具。请写明具体的证明名称和开具单位，"
                          "或改为告知承诺。", ("proof", p.id), {}))
        if is_self_issued(p):
            found.append(("self_issued_proof",
                          f"证明{label}由{p.issuer}自己开具（自我证明），起不到证明作用。建议改为告知承诺，"
                          "由申请人书面承诺。", ("proof", p.id), {"recommendation": "告知承诺"}))
        if is_item_name(p.name, item_names):
            found.append(("proof_name_is_item",
                          f"证明名称{label}写的是办事事项，不是证明材料。请写明该事项实际索要的证明名称。",
                          ("proof", p.id), {}))
        if v > 0 and copied_purpose(p, proofs[v - 1]):
            above = proofs[v - 1]
            found.append(("purpose_copied",
                          f"证明{label}的用途“{p.purpose}”与上一行证明“{above.name}”（{above.id}）完全相同，"
                          "但两者依据或事项不同，用途像是照抄上一行。请核实并写明本证明的实际用途。",
                          ("purpose", p.id), {"above": above.id, "above_name": above.name,
                                              "above_basis": above.basis, "basis": p.basis}))
        if not found:
            continue
        for unit in _subjects(v, p, g, items, proofs):
            for kind, message, key, extra in found:
                out[kind].append(new_finding(kind, "2.1", unit, message, key, {**facts, **extra}))
    return out
