"""The problem lifecycle as a table: 待整改 → 整改中 → 已整改待核验 → 已销号, with 退回.

逾期 (overdue) is not a state: it is derived from the deadline (see selectors)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ProblemEvent, Status

UNIT = "unit"  # the unit's liaison or head
SUPERVISOR = "supervisor"  # the county supervisor

A = ProblemEvent.Action


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    actor: str
    label: object
    note_required: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(A.START, frozenset({Status.PENDING}), Status.IN_PROGRESS, UNIT, _("开始整改")),
        Transition(A.SUBMIT, frozenset({Status.PENDING, Status.IN_PROGRESS}), Status.AWAITING_VERIFICATION,
                   UNIT, _("整改完成，提交核验")),
        Transition(A.CLOSE, frozenset({Status.AWAITING_VERIFICATION}), Status.CLOSED, SUPERVISOR,
                   _("核验通过，销号")),
        Transition(A.SEND_BACK, frozenset({Status.AWAITING_VERIFICATION}), Status.IN_PROGRESS, SUPERVISOR,
                   _("退回整改"), note_required=True),
        Transition(A.REOPEN, frozenset({Status.CLOSED}), Status.IN_PROGRESS, SUPERVISOR, _("重新打开"),
                   note_required=True),
    )
}

OPEN_STATUSES = (Status.PENDING, Status.IN_PROGRESS, Status.AWAITING_VERIFICATION)


def allowed_actions(status: str, *, is_unit: bool, is_supervisor: bool, detector_cleared: bool = False) -> list[Transition]:
    out = []
    for t in TRANSITIONS.values():
        sources = t.sources
        # A finding the detector no longer sees is offered for closure from any open state.
        if t.action == A.CLOSE and detector_cleared:
            sources = frozenset(OPEN_STATUSES)
        if status not in sources:
            continue
        if (t.actor == UNIT and is_unit) or (t.actor == SUPERVISOR and is_supervisor):
            out.append(t)
    return out
