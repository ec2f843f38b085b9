"""Campaign models, one module per domain: self-inspection, summary, reminders (the checklist and the
campaign itself are in wicket.checklist)."""

from .inspection import Answer, AnswerEvidence, AnswerResult, SelfInspection
from .summary import CampaignSummary, Reminder, ReminderKind, SummaryStatus

__all__ = ["Answer", "AnswerEvidence", "AnswerResult", "CampaignSummary", "Reminder", "ReminderKind", "SelfInspection",
           "SummaryStatus"]
