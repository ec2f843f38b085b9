"""The analysis findings as the problem list should see them.

Fingerprints are salted with the hall's or unit's id (two units may both have an “办事大厅”), and
late or unanswered 差评 are grouped: one finding per window listing its 差评, not one per rating.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from analysis.common import Finding, fingerprint

GROUPED = {"bad_rating_unanswered": "bad_ratings_unanswered", "bad_rating_answered_late": "bad_ratings_answered_late"}
LIST_IN_MESSAGE = 10
LIST_IN_EVIDENCE = 50
NO_WINDOW = "（未注明窗口）"
LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


@dataclass(frozen=True)
class ScopedFinding:
    kind: str
    checklist: str
    subject: str
    message: str
    scope: str  # "hall:<pk>" or "unit:<pk>": part of the fingerprint
    key: tuple[str, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.scope, *self.key)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "checklist": self.checklist, "subject": self.subject, "message": self.message,
                "key": list(self.key), "evidence": self.evidence, "fingerprint": self.fingerprint}


def scoped(findings: Iterable[Finding], scope: str) -> list[ScopedFinding]:
    return [ScopedFinding(f.kind, f.checklist, f.subject, f.message, scope, tuple(f.key), f.evidence)
            for f in findings]


def rating_findings(findings: Iterable[Finding], scope: str, *, workdays: int) -> list[ScopedFinding]:
    """low_satisfaction as it is; per-差评 reply findings grouped by (unit, window)."""
    out: list[ScopedFinding] = []
    groups: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.kind in GROUPED:
            groups[(GROUPED[f.kind], f.subject, f.evidence.get("window") or NO_WINDOW)].append(f)
        else:
            out.extend(scoped([f], scope))
    for (kind, unit, window), members in sorted(groups.items()):
        members.sort(key=lambda f: (f.evidence.get("rated_at") or "", f.key))
        out.append(_grouped(kind, unit, window, members, scope, workdays))
    return out


def _line(ev: dict[str, Any]) -> str:
    said = f"“{ev['comment']}”" if ev.get("comment") else ""
    answered = f"，{str(ev['handled_at'])[:10]} 答复" if ev.get("handled_at") else ""
    item = f"（{ev['item']}）" if ev.get("item") else ""
    return (f"· {str(ev.get('rated_at', ''))[:10]} {LEVELS.get(ev.get('level'), '')}{item}{said}"
            f"，答复期限 {ev.get('deadline') or '—'}{answered}")


def _grouped(kind: str, unit: str, window: str, members: list[Finding], scope: str, workdays: int) -> ScopedFinding:
    n = len(members)
    evs = [m.evidence for m in members]
    if kind == "bad_ratings_unanswered":
        head = (f"{unit}{window}有 {n} 条差评超过 {workdays} 个工作日仍未答复，请逐条回访评价人、答复并整改。")
    else:
        head = (f"{unit}{window}有 {n} 条差评超过 {workdays} 个工作日才答复，请建立差评按期回访答复机制。")
    lines = [_line(ev) for ev in evs[-LIST_IN_MESSAGE:]]
    more = [f"（另有更早的 {n - LIST_IN_MESSAGE} 条，见检测依据）"] if n > LIST_IN_MESSAGE else []
    message = "\n".join([head, *lines, *more])
    evidence = {"unit": unit, "window": window, "count": n, "reply_deadline_workdays": workdays,
                "rating_ids": [m.key[0] for m in members], "ratings": evs[-LIST_IN_EVIDENCE:]}
    return ScopedFinding(kind, "6", unit, message, scope, (window,), evidence)
