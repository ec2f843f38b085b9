"""Reads of the checklist and campaigns that every app may need: the current campaign and its phases."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Campaign, Phase


def campaign_current() -> Campaign | None:
    """The campaign people are working on: the newest one."""
    return Campaign.objects.order_by("-created_at", "-id").first()


def phase_current(campaign: Campaign, *, today: dt.date | None = None) -> Phase | None:
    """The phase whose window holds today; after the last deadline, the last phase."""
    today = today or timezone.localdate()
    phases = list(campaign.phases.all())
    for phase in phases:
        if phase.starts_on <= today <= phase.deadline:
            return phase
    if phases and today > phases[-1].deadline:
        return phases[-1]
    return None


def campaign_timeline(campaign: Campaign, *, today: dt.date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    current = phase_current(campaign, today=today)
    return [
        {
            "phase": p,
            "state": "current" if current and p.pk == current.pk
            else ("done" if p.deadline < today else "upcoming"),
            "days_left": (p.deadline - today).days,
        }
        for p in campaign.phases.all()
    ]
