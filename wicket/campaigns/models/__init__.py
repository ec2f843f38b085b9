"""Campaign models, one module per domain: the checklist and campaign, self-inspection, summary, reminders."""

from .checklist import Campaign, Checklist, ChecklistItem, Phase, PhaseKind
from .inspection import Answer, AnswerEvidence, AnswerResult, SelfInspection
from .summary import CampaignSummary, Reminder, ReminderKind, SummaryStatus

__all__ = ["Answer", "AnswerEvidence", "AnswerResult", "Campaign", "CampaignSummary", "Checklist", "ChecklistItem",
           "Phase", "PhaseKind", "Reminder", "ReminderKind", "SelfInspection", "SummaryStatus"]
