"""The findings inside a problem as its page shows them: what each is, where it is, what to write.

A detector's app may register a presenter (`register_presenter` in its AppConfig.ready()) that says
where its findings stand in its own data — the guide, site and field, the words at fault marked, a link
to see them in place. Otherwise each finding shows its kind, the occurrence it is (a month, an hour)
and the detector's figures. Presenters work on all of a problem's findings at once (bounded queries).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import causes, detection
from .models import FindingState, Problem, ProblemFinding

S = FindingState

# Kinds of findings as their users call them (guides register their own through the presenter).
KIND_TEXT: dict[str, Any] = {
    **{k: gettext_lazy(v) for k, v in causes.QUEUE_TEXT.items()},
    **{k: gettext_lazy(v) for k, v in causes.RATING_TEXT.items()},
    **{k: gettext_lazy(v) for k, v in causes.REGISTRY_TEXT.items()},
    **{k: gettext_lazy(v) for k, v in causes.PROOF_TEXT.items()},
    "unanswered_line": gettext_lazy("咨询电话接通率低"),
}


@dataclass
class FindingView:
    finding: ProblemFinding
    label: str  # what it is: 缺示范文本, 2026年1月, 14:00–15:00
    where: str = ""  # where it stands: 省政务服务网 · 申请材料“授权委托书” · 示范文本
    excerpt: Any = ""  # the words at fault (a presenter may mark them: safe HTML)
    link: str = ""  # where to see it in place
    rows: list[detection.Row] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)  # (action, label) the viewer may take

    @property
    def message(self) -> str:
        return self.finding.message


Presenter = Callable[[Problem, list[ProblemFinding]], dict[int, dict[str, Any]]]
_PRESENTERS: dict[str, Presenter] = {}


def register_presenter(detector: str, presenter: Presenter) -> None:
    _PRESENTERS[detector] = presenter


def finding_actions(f: ProblemFinding, *, itemised: bool, is_unit: bool, is_supervisor: bool,
                    closed: bool) -> list[tuple[str, str]]:
    if closed or not itemised:
        return []
    out = []
    if f.state == S.OPEN and is_unit:
        out.append(("fix", _("已整改")))
    if f.state in (S.OPEN, S.REPORTED) and f.gone_at is None and is_supervisor:
        out.append(("accept", _("认可保留")))
    if (f.state == S.REPORTED and is_unit) or (f.state == S.ACCEPTED and is_supervisor):
        out.append(("reopen", _("撤回") if f.state == S.REPORTED else _("撤销认可")))
    return out


def finding_views(problem: Problem, findings: list[ProblemFinding], *, is_unit: bool,
                  is_supervisor: bool) -> list[FindingView]:
    itemised = causes.is_itemised(problem.detector)
    extra = _PRESENTERS[problem.detector](problem, findings) if problem.detector in _PRESENTERS else {}
    out = []
    for f in findings:
        occ = causes.occurrence_of(problem.detector, f.data)
        label = occ.label if occ is not None else str(KIND_TEXT.get(f.kind, f.kind))
        view = FindingView(finding=f, label=label, rows=detection.rows(f.data),
                           actions=finding_actions(f, itemised=itemised, is_unit=is_unit,
                                                   is_supervisor=is_supervisor, closed=problem.status == "closed"))
        for key, value in extra.get(f.pk, {}).items():
            setattr(view, key, value)
        out.append(view)
    if not itemised:  # occurrences in time order
        out.sort(key=lambda v: (_occurrence_order(problem.detector, v.finding), v.finding.pk))
    return out


def _occurrence_order(detector: str, f: ProblemFinding) -> tuple[int, str]:
    occ = causes.occurrence_of(detector, f.data)
    return causes.occurrence_order(occ) if occ else (9, "")


def finding_counts(findings: list[ProblemFinding]) -> dict[str, int]:
    counts = {s.value: 0 for s in S}
    for f in findings:
        counts[f.state] += 1
    counts["total"] = len(findings)
    counts["present"] = sum(1 for f in findings if f.gone_at is None)
    return counts


def occurrence_chart(problem: Problem, findings: list[ProblemFinding]) -> dict[str, Any] | None:
    """A small trend chart of an occurrence cause: the months (days affected) or the hours (service level)."""
    occs = [o for o in (causes.occurrence_of(problem.detector, f.data) for f in findings) if o is not None]
    months = sorted((o for o in occs if o.dimension == "month"), key=lambda o: o.value)
    hours = sorted((o for o in occs if o.dimension == "hour"), key=lambda o: o.value)
    if len(months) >= 2:
        return _bars([o.label for o in months], [o.figure or 0 for o in months], _("出现天数"), integer=True)
    if len(hours) >= 2:
        return _bars([o.label for o in hours], [round((o.figure or 0) * 100, 1) for o in hours],
                     _("服务水平（%）"), integer=False)
    return None


def _bars(labels: list[str], values: list[float], name: str, *, integer: bool) -> dict[str, Any]:
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 16, "top": 24, "bottom": 40},
        "xAxis": {"type": "category", "data": labels, "axisLabel": {"rotate": 30 if len(labels) > 6 else 0}},
        "yAxis": {"type": "value", "minInterval": 1} if integer else {"type": "value", "max": 100},
        "series": [{"name": name, "type": "bar", "data": values}],
    }
