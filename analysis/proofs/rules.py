"""What to do with each proof (the recommendation) and the findings each rule reports.

Recommendations, first that applies:
  取消            no legal basis (设定依据) — "没有法律法规依据的一律取消";
  数据共享免提交   the content is in a shared base database (shared_source);
  告知承诺         the proof keeps a loop of proofs closed: one member per remaining loop (the one
                   most demanded inside the loop, then the smallest id) is replaced by the
                   applicant's written pledge, until no loop remains;
  保留            otherwise.

Whose problem a finding is (its subject): the unit that *demands* the proof — the department of
an item that requires it directly, or the issuer of a proof that requires it as a prerequisite
(that issuer is the office asking the citizen for it). One finding per demanding unit, so each
lands in that unit's own problem list. See docs/analysis/proofs.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from analysis.common import Finding

from .graph import ProofGraph, strongly_connected_components
from .model import Item, Proof, normalise_names
from .wording import KIND_LABELS as WORDING_LABELS
from .wording import is_self_issued

CANCEL = "取消"
SHARE = "数据共享免提交"
PLEDGE = "告知承诺"
KEEP = "保留"
RECOMMENDATIONS = (CANCEL, SHARE, PLEDGE, KEEP)

KIND_LABELS = {
    "circular_proof": "循环证明",
    "duplicate_proof": "重复证明",
    "proof_without_basis": "无设定依据的证明",
    "replaceable_by_shared_data": "可由共享数据替代的证明",
    "excessive_runaround": "群众跑动部门过多",
    **WORDING_LABELS,
}
CHECKLIST = {
    "circular_proof": "2.1",
    "duplicate_proof": "2.1",
    "proof_without_basis": "2.1",
    "replaceable_by_shared_data": "2.2",
    "excessive_runaround": "2.1",
    **dict.fromkeys(WORDING_LABELS, "2.1"),
}


_new = object.__new__
_set = object.__setattr__


def new_finding(kind: str, checklist: str, subject: str, message: str, key: tuple[str, ...],
                evidence: dict[str, Any]) -> Finding:
    """Finding(kind, checklist, subject, message, key, evidence), built four times faster: a
    frozen dataclass's __init__ sets each field through object.__setattr__; here the instance
    dict is set whole. The object is the same (fields, eq, repr, to_dict, fingerprint)."""
    f = _new(Finding)
    _set(f, "__dict__", {"kind": kind, "checklist": checklist, "subject": subject, "message": message,
                         "key": key, "evidence": evidence})
    return f


def label(p: Proof) -> str:
    return f"“{p.name}”（{p.id}）"


def cycle_text(cycle: Sequence[int], proofs: Sequence[Proof]) -> str:
    names = [proofs[v].name for v in cycle]
    return " → ".join([*names, names[0]])


def recommend(proofs: Sequence[Proof], g: ProofGraph, cyclic_members: Sequence[Sequence[int]]) -> list[str]:
    """One recommendation per proof (file order); `cyclic_members` are the cyclic components."""
    codes = [KEEP if p.basis.strip() and not p.shared_source else SHARE if p.basis.strip() else CANCEL
             for p in proofs]
    for v, p in enumerate(proofs):
        if codes[v] == KEEP and p.issuer and is_self_issued(p):
            codes[v] = PLEDGE  # a proof the applicant issues proves nothing: the pledge replaces it
    for members in cyclic_members:
        for v in _loop_breakers(members, g.succ, codes, g.ids):
            codes[v] = PLEDGE
    return codes


def reason(p: Proof, code: str, loop: str | None) -> str:
    """Why `code` for proof p; `loop` is the text of a loop through p, if any."""
    in_loop = f"；该证明处于循环证明中（{loop}）" if loop else ""
    if code == CANCEL:
        return f"无法律法规设定依据，按“没有法律法规依据的一律取消”予以取消{in_loop}"
    if code == SHARE:
        return f"证明内容可从{p.shared_source}共享核验，不再要求群众提交{in_loop}"
    if code == PLEDGE and not loop and is_self_issued(p):
        return f"由{p.issuer}自行开具（自我证明），改为申请人书面承诺（告知承诺）"
    if code == PLEDGE:
        return f"与其他证明互为前提（{loop}），改为申请人书面承诺，打破循环"
    return f"有设定依据（{p.basis.strip()}），暂无共享数据可替代"


def _loop_breakers(members: Sequence[int], succ: Sequence[Sequence[int]], codes: Sequence[str],
                   ids: Sequence[str]) -> list[int]:
    """Kept members to replace until the kept part of the component has no loop left."""
    alive = {v for v in members if codes[v] == KEEP}
    chosen: list[int] = []
    while alive:
        local = sorted(alive, key=ids.__getitem__)
        pos = {v: i for i, v in enumerate(local)}
        sub = [[pos[w] for w in succ[v] if w in alive] for v in local]
        comps, _ = strongly_connected_components(sub)
        loops = [c for c in comps if len(c) > 1 or c[0] in sub[c[0]]]
        if not loops:
            break
        for comp in loops:
            inside = set(comp)
            indeg = {i: 0 for i in comp}
            for i in comp:
                for j in sub[i]:
                    if j in inside:
                        indeg[j] += 1
            best = min(comp, key=lambda i: (-indeg[i], ids[local[i]]))
            chosen.append(local[best])
            alive.discard(local[best])
    return chosen


# ---------------------------------------------------------------- findings


def demanders(v: int, g: ProofGraph, proofs: Sequence[Proof], items: Sequence[Item]) -> dict[str, list[str]]:
    """Unit -> the ids (items and proofs) through which that unit demands proof v directly."""
    out: dict[str, list[str]] = {}
    for j in g.item_preds(v):
        out.setdefault(items[j].department, []).append(items[j].id)
    for q in g.preds(v):
        out.setdefault(proofs[q].issuer, []).append(proofs[q].id)
    return out


def proof_findings(v: int, g: ProofGraph, proofs: Sequence[Proof], items: Sequence[Item]) -> list[Finding]:
    """proof_without_basis or replaceable_by_shared_data for proof v, one per demanding unit.
    A proof nobody demands is reported to its issuer. A proof without basis is to be cancelled,
    so it is not also reported as replaceable."""
    p = proofs[v]
    if p.basis.strip():
        if not p.shared_source:
            return []
        kind = "replaceable_by_shared_data"
        demanded = f"索要的证明{label(p)}的内容已在{p.shared_source}中，应通过数据共享核验，不再要求群众提交"
        issued = f"开具的证明{label(p)}的内容已在{p.shared_source}中，可通过数据共享核验"
    else:
        kind = "proof_without_basis"
        demanded = f"索要的证明{label(p)}（开具单位：{p.issuer}）没有法律法规设定依据，应予取消"
        issued = f"开具的证明{label(p)}没有法律法规设定依据，应予取消"
    checklist = CHECKLIST[kind]
    key = ("proof", p.id)
    by_unit = demanders(v, g, proofs, items)
    if not by_unit:
        return [new_finding(kind, checklist, p.issuer, issued, key,
                        {"proof": p.id, "name": p.name, "issuer": p.issuer, "demanded_via": [],
                         "shared_source": p.shared_source})]
    out = []
    for unit in sorted(by_unit):
        via = sorted(by_unit[unit])
        shown = "、".join(via[:5]) + ("等" if len(via) > 5 else "")
        out.append(new_finding(kind, checklist, unit, f"{demanded}（涉及：{shown}）", key,
                           {"proof": p.id, "name": p.name, "issuer": p.issuer, "demanded_via": via,
                            "shared_source": p.shared_source}))
    return out


def cycle_findings(cycle: Sequence[int], component: Sequence[int], blocked_items: list[str],
                   g: ProofGraph, proofs: Sequence[Proof], items: Sequence[Item]) -> list[Finding]:
    """One circular_proof per unit demanding a member of the cycle directly."""
    ids = [proofs[v].id for v in cycle]
    by_unit: dict[str, set[int]] = {}
    for v in cycle:
        for unit in demanders(v, g, proofs, items):
            by_unit.setdefault(unit, set()).add(v)
    text = cycle_text(cycle, proofs)
    evidence_base = {
        "cycle": ids,
        "names": [proofs[v].name for v in cycle],
        "issuers": [proofs[v].issuer for v in cycle],
        "component": sorted(proofs[v].id for v in component),
        "blocked_items": blocked_items,
    }
    out = []
    for unit in sorted(by_unit):
        demanded = sorted(by_unit[unit], key=lambda v: proofs[v].id)
        msg = (f"循环证明：{text}，互为前提，群众无法开具；本单位索要其中的"
               f"{'、'.join(label(proofs[v]) for v in demanded)}，受阻事项 {len(blocked_items)} 项，应打破循环")
        out.append(new_finding("circular_proof", "2.1", unit, msg, ("cycle", *ids),
                           {**evidence_base, "demands": [proofs[v].id for v in demanded]}))
    return out


def same_name_findings(proofs: Sequence[Proof], g: ProofGraph, items: Sequence[Item]) -> list[Finding]:
    """duplicate_proof for proofs whose names normalise equal and come from different issuers."""
    norms = normalise_names([p.name for p in proofs])
    counts = Counter(norms)
    groups: dict[str, list[int]] = {}
    for v, norm in enumerate(norms):
        if counts[norm] > 1:
            groups.setdefault(norm, []).append(v)
    out = []
    for norm, members in sorted(groups.items()):
        if len({proofs[v].issuer for v in members}) < 2:
            continue
        members = sorted(members, key=lambda v: proofs[v].id)
        by_unit: dict[str, set[str]] = {}
        for v in members:
            for unit in demanders(v, g, proofs, items) or {proofs[v].issuer: []}:
                by_unit.setdefault(unit, set()).add(proofs[v].id)
        listing = [{"id": proofs[v].id, "name": proofs[v].name, "issuer": proofs[v].issuer} for v in members]
        names = "、".join(f"{proofs[v].issuer}开具的{label(proofs[v])}" for v in members)
        for unit in sorted(by_unit):
            msg = f"同一证明由不同单位重复开具：{names}，应统一为一种证明、一个开具单位"
            out.append(new_finding("duplicate_proof", "2.1", unit, msg, ("same_name", norm),
                               {"normalised_name": norm, "proofs": listing, "demands": sorted(by_unit[unit])}))
    return out


def chain_duplicate_finding(item: Item, duplicates: list[dict[str, Any]]) -> Finding:
    """duplicate_proof: within one item's chain, proofs demanded at two or more places."""
    parts = [f"“{d['name']}”（{d['proof']}，{len(d['demanded_by'])} 处索要）"
             for d in duplicates[:5]]
    more = f"等 {len(duplicates)} 份" if len(duplicates) > 5 else ""
    msg = (f"事项“{item.name}”（{item.id}）的证明链条中，{'、'.join(parts)}{more}需要群众重复提交，"
           "应一次提交、共享复用")
    return new_finding("duplicate_proof", "2.1", item.department, msg, ("chain", item.id),
                   {"item": item.id, "item_name": item.name, "duplicates": duplicates})


def runaround_finding(item: Item, issuers: list[str], issuers_after: int, proofs_total: int,
                      max_issuers: int) -> Finding:
    msg = (f"办理事项“{item.name}”（{item.id}）需到 {len(issuers)} 个单位开具证明"
           f"（{'、'.join(issuers[:6])}{'等' if len(issuers) > 6 else ''}），超过 {max_issuers} 个；"
           f"落实清理建议后为 {issuers_after} 个")
    return new_finding("excessive_runaround", "2.1", item.department, msg, ("item", item.id),
                   {"item": item.id, "item_name": item.name, "issuers": issuers, "issuers_total": len(issuers),
                    "issuers_after": issuers_after, "proofs_total": proofs_total, "max_issuers": max_issuers})
