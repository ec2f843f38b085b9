"""Closure proven by fresh data: what the data since the rectification says about a problem.

When a unit submits a data-detected problem as fixed, the verifier is shown whether the cause is gone
in data newer than the rectification: the guide re-checked clean (and when), the line's answer rate
above target for the last N weeks, the afternoon service level above target for N working days — or,
plainly, that no fresh data has arrived since. The verdict is kept on the problem (`closure_state`,
`closure_evidence`) so the list can offer "ready to verify with fresh evidence", and refreshed on
submission, on every detector run over the problem's scope and when a finding inside it changes state.

Where the finding itself clears when the cause is fixed (guides, proofs, the window statistics), the
findings' states are the evidence (`findings_evidence`). Where findings are occurrences over a long
period (queue, calls, ratings), the app that holds the data registers a provider that reads the data
after the rectification date (`register_closure` in its AppConfig.ready()).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from . import causes
from .models import ClosureState, FindingState, Problem, ProblemEvent, ProblemFinding, Source, Status

A = ProblemEvent.Action
S = FindingState
DEFAULT_WEEKS = 4
DEFAULT_WORKDAYS = 10


@dataclass(frozen=True)
class ClosureSettings:
    """How much data after a rectification counts as proof (the campaign's settings)."""

    weeks: int = DEFAULT_WEEKS
    workdays: int = DEFAULT_WORKDAYS


@dataclass
class ClosureEvidence:
    state: str  # a ClosureState value, or "" when the data cannot speak to it
    lines: list[str]  # plain sentences for the verifier
    since: dt.date | None = None  # data from this day on counts as fresh
    chart: dict[str, Any] | None = None  # an ECharts option (the weeks or days since)
    rows: list[dict[str, Any]] = field(default_factory=list)  # {"label", "value", "ok"} per week or day

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["since"] = self.since.isoformat() if self.since else None
        return d


Provider = Callable[[Problem, list[ProblemFinding], ClosureSettings, dt.date], ClosureEvidence | None]
_PROVIDERS: dict[str, Provider] = {}


def register_closure(detector: str, provider: Provider) -> None:
    """An app that holds a detector's data says how fresh data proves its problems fixed."""
    _PROVIDERS[detector] = provider


def settings_for(problem: Problem) -> ClosureSettings:
    c = problem.campaign if problem.campaign_id else None
    if c is None:
        return ClosureSettings()
    return ClosureSettings(weeks=c.closure_weeks or DEFAULT_WEEKS, workdays=c.closure_workdays or DEFAULT_WORKDAYS)


def rectified_since(problem: Problem) -> dt.date:
    """The first day whose data counts as fresh: the rectification date the unit gave on submitting,
    else the day it submitted (recorded as rectified_on), else today."""
    return problem.rectified_on or timezone.localdate()


def _when(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def findings_evidence(problem: Problem, findings: list[ProblemFinding], settings: ClosureSettings,
                      since: dt.date) -> ClosureEvidence:
    """For detectors whose findings clear when the cause is fixed: the findings' states are the proof."""
    open_ = [f for f in findings if f.state == S.OPEN]
    reported = [f for f in findings if f.state == S.REPORTED]
    fixed = [f for f in findings if f.state == S.FIXED]
    accepted = [f for f in findings if f.state == S.ACCEPTED]
    checked = _when(problem.checked_at)
    as_of = _when(problem.data_as_of)
    lines: list[str] = []
    state: str
    if accepted:
        lines.append(_("%(n)d 处经核验认可保留：%(why)s") % {
            "n": len(accepted), "why": "；".join(dict.fromkeys(f.note for f in accepted))})
    if open_:
        state = ClosureState.NOT_CONFIRMED
        lines.insert(0, _("最近一次重新检测（%(at)s，数据截至 %(as_of)s）仍发现 %(n)d 处未整改。")
                     % {"at": checked, "as_of": as_of, "n": len(open_)})
    elif reported:
        state = ClosureState.NO_FRESH_DATA
        marked = max(f.state_at for f in reported if f.state_at) if any(f.state_at for f in reported) else None
        lines.insert(0, _("单位标记已整改 %(n)d 处（最近一次 %(marked)s）后，尚未收到新的数据：最近一次重新检测"
                          "（%(at)s）所用数据截至 %(as_of)s，早于整改。请数据提供方重新导入后再检测。")
                     % {"n": len(reported), "marked": _when(marked), "at": checked, "as_of": as_of})
    elif fixed:
        state = ClosureState.CONFIRMED
        last = max(f.gone_at or f.state_at or problem.checked_at for f in fixed)  # type: ignore[type-var]
        lines.insert(0, _("已于 %(at)s 重新检测（数据截至 %(as_of)s），原 %(n)d 处问题点均未再发现。")
                     % {"at": _when(last), "as_of": as_of, "n": len(fixed)})
    else:
        state = ""
        lines.insert(0, _("全部问题点均经核验认可保留，没有可供确认的检测数据。"))
    return ClosureEvidence(state=state, lines=lines, since=since)


def closure_evaluate(problem: Problem, findings: list[ProblemFinding], *, since: dt.date | None = None
                     ) -> ClosureEvidence | None:
    """What fresh data says about a data-detected problem; None for a problem no detector made."""
    if problem.source != Source.DATA_DETECTION or not problem.detector:
        return None
    since = since or rectified_since(problem)
    settings = settings_for(problem)
    provider = _PROVIDERS.get(problem.detector)
    evidence = provider(problem, findings, settings, since) if provider else None
    if evidence is not None:
        return evidence
    if causes.is_itemised(problem.detector):
        return findings_evidence(problem, findings, settings, since)
    # Occurrences over a long period say nothing about the days since the rectification by themselves.
    return ClosureEvidence(state="", lines=[_("这类检测发现暂不能由整改后的数据自动核验，请核验人员现场或抽样核实。")],
                           since=since)


def closure_refresh(*, problems: list[Problem], findings: dict[int, list[ProblemFinding]], by=None,
                    now: dt.datetime | None = None) -> list[ProblemEvent]:
    """Re-judge the problems waiting for verification; returns (unsaved) events for those the data now
    confirms. One UPDATE per problem judged: the number judged is the number awaiting verification."""
    now = now or timezone.now()
    events = []
    for p in problems:
        if p.status != Status.AWAITING_VERIFICATION:
            continue
        evidence = closure_evaluate(p, findings.get(p.pk, []))
        if evidence is None:
            continue
        data = evidence.to_dict()
        if evidence.state == ClosureState.CONFIRMED and p.closure_state != ClosureState.CONFIRMED:
            events.append(ProblemEvent(problem=p, action=A.DATA_CONFIRMED, from_status=p.status,
                                       to_status=p.status, by=by, note=evidence.lines[0] if evidence.lines else ""))
        p.closure_state, p.closure_evidence, p.closure_checked_at = evidence.state, data, now
        Problem.objects.filter(pk=p.pk).update(closure_state=evidence.state, closure_evidence=data,
                                               closure_checked_at=now)
    return events
