"""Supervision records, one module per domain."""

from .circulars import Circular, CircularStatus
from .escalation import Escalation, EscalationLevel
from .scoring import AssessmentScheme, RuleKind, ScoringRule
from .tasks import Method, PhoneCall, PhoneOutcome, SupervisionTask, TaskFinding, TaskStatus

__all__ = ["AssessmentScheme", "Circular", "CircularStatus", "Escalation", "EscalationLevel", "Method", "PhoneCall",
           "PhoneOutcome", "RuleKind", "ScoringRule", "SupervisionTask", "TaskFinding", "TaskStatus"]
