"""missing_field, promised_exceeds_statutory, fee_without_basis (1.1);
visits_without_reason, too_many_visits (1.4: 最多跑一次 — at most one visit, each with its reason)."""

from __future__ import annotations

from analysis.guides.model import Days, Guide, GuideFinding
from analysis.guides.values import fee_charged, is_empty, is_free, show_number

from .base import make

# field -> what the guide must say (shown to the department)
REQUIRED_FIELDS: dict[str, str] = {
    "legal_basis": "设定依据",
    "statutory_days": "法定办结时限",
    "promised_days": "承诺办结时限",
    "fee": "收费标准（不收费的写明“不收费”）",
    "location": "办理地点",
    "hours": "办理时间",
    "phone": "咨询电话",
    "supervision_phone": "监督投诉电话",
    "steps": "办理流程",
    "materials": "申请材料",
    "visits": "到办事现场次数（不用到现场的写 0）",
}


def _missing(guide: Guide) -> list[str]:
    missing = _missing_fields(guide)
    if guide.faults and missing:  # a field the reader could not read is reported as unreadable, not missing
        faulted = {f.path.split("[")[0].split(".")[0] for f in guide.faults}
        missing = [name for name in missing if name not in faulted]
    return missing


def _missing_fields(guide: Guide) -> list[str]:
    missing = []
    for basis in guide.legal_basis:
        if not is_empty(basis):
            break
    else:
        missing.append("legal_basis")
    if guide.statutory_days is None:
        missing.append("statutory_days")
    if guide.promised_days is None:
        missing.append("promised_days")
    if is_empty(guide.fee) and not is_free(guide.fee):
        missing.append("fee")
    if is_empty(guide.location):
        missing.append("location")
    if is_empty(guide.hours):
        missing.append("hours")
    if is_empty(guide.phone):
        missing.append("phone")
    if is_empty(guide.supervision_phone):
        missing.append("supervision_phone")
    if not guide.steps:
        missing.append("steps")
    if not guide.materials:
        missing.append("materials")
    if guide.visits is None and is_empty(guide.visits_text):
        missing.append("visits")
    return missing


# field -> (message, evidence) of its missing_field finding
_MISSING_FINDINGS = {
    name: (f"办事指南未写明{label}。请补充{label.split('（')[0]}。", {"field": name, "label": label.split("（")[0]})
    for name, label in REQUIRED_FIELDS.items()
}


def _comparable(promised: Days, statutory: Days) -> bool:
    if promised.value is None or statutory.value is None:
        return False
    return not promised.unit or not statutory.unit or promised.unit == statutory.unit


def check(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    for name in _missing(guide):
        message, evidence = _MISSING_FINDINGS[name]
        out.append(make(guide, index, "missing_field", where=name, where_key=name, text="", message=message,
                        evidence=dict(evidence)))

    p, s = guide.promised_days, guide.statutory_days
    if p is not None and s is not None and _comparable(p, s) and p.value > s.value:  # type: ignore[operator]
        out.append(make(
            guide, index, "promised_exceeds_statutory", where="promised_days", where_key="promised_days",
            text=p.text,
            message=f"承诺办结时限（{p.text}）超过法定办结时限（{s.text}）。承诺时限不得超过法定时限，请核实改正。",
            evidence={"context": p.text, "start": 0, "end": len(p.text), "promised_days": p.value,
                      "statutory_days": s.value, "statutory_text": s.text},
        ))

    if fee_charged(guide.fee) and is_empty(guide.fee_basis):
        out.append(make(
            guide, index, "fee_without_basis", where="fee_basis", where_key="fee_basis", text=guide.fee,
            message=f"收费标准为“{guide.fee}”，但没有写明收费依据。请写明收费依据（文件名称和文号）；"
                    "如不收费，请写明“不收费”。",
            evidence={"context": guide.fee, "start": 0, "end": len(guide.fee), "fee": guide.fee},
        ))

    visits = guide.visits
    if visits is not None and visits >= 1:
        shown = guide.visits_text or show_number(float(visits))
        facts = {"context": shown, "start": 0, "end": len(shown), "visits": visits}
        if is_empty(guide.visits_reason):
            out.append(make(
                guide, index, "visits_without_reason", where="visits_reason", where_key="visits_reason",
                text=shown,
                message=f"需到办事现场 {visits} 次，但没有说明为什么必须到现场。请写明每次到现场的原因"
                        "（如核验原件、现场勘验）；不需要到现场的，改为网上办理或邮寄。",
                evidence=dict(facts),
            ))
        if visits > 1:
            out.append(make(
                guide, index, "too_many_visits", where="visits", where_key="visits", text=shown,
                message=f"需到办事现场 {visits} 次，不符合“最多跑一次”。请优化流程（网上申请、邮寄送达、"
                        "并联办理），把到现场次数减到 1 次以内。",
                evidence=dict(facts),
            ))
