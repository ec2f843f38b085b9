"""Writes for checklists and campaigns."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from django.db import transaction

from wicket.orgs.models import REPORTING_KINDS, Unit

from .models import Campaign, Checklist, ChecklistItem, Phase, PhaseKind

NOTICE_CHECKLIST = "checklist-2018.json"


def checklist_load(*, data: dict | None = None) -> Checklist:
    """Load a checklist version from its data file (idempotent: an existing version is returned)."""
    if data is None:
        data = json.loads(resources.files("wicket.campaigns").joinpath("data", NOTICE_CHECKLIST).read_text("utf-8"))
    existing = Checklist.objects.filter(version=data["version"]).first()
    if existing:
        return existing
    with transaction.atomic():
        checklist = Checklist.objects.create(version=data["version"], name=data["name"])
        order = 0
        for cat in data["categories"]:
            order += 1
            parent = ChecklistItem.objects.create(checklist=checklist, code=cat["code"], title=cat["title"],
                                                  order=order)
            for point in cat["points"]:
                order += 1
                ChecklistItem.objects.create(checklist=checklist, code=point["code"], parent=parent,
                                             title=point["title"], text=point["text"], order=order)
    return checklist


def notice_phase_plan(year: int, start: dt.date | None = None) -> list[tuple[str, dt.date, dt.date]]:
    """The notice's phases: issued 5月9日, 自查自纠 by 5月20日, 集中督查 by 6月20日, 巩固提升 by 7月20日.

    With `start`, the same durations are laid from that date instead (a campaign run later in a year).
    """
    issued = dt.date(year, 5, 9)
    plan = [
        (PhaseKind.SELF_INSPECTION, issued, dt.date(year, 5, 20)),
        (PhaseKind.SUPERVISION, dt.date(year, 5, 21), dt.date(year, 6, 20)),
        (PhaseKind.CONSOLIDATION, dt.date(year, 6, 21), dt.date(year, 7, 20)),
    ]
    if start is None:
        return plan
    shift = start - issued
    return [(kind, a + shift, b + shift) for kind, a, b in plan]


def campaign_create_from_notice(*, year: int, by=None, units=None, name: str | None = None,
                                doc_number: str = "", start: dt.date | None = None) -> Campaign:
    """The notice's campaign in one step: three phases with its deadlines, all reporting units."""
    checklist = checklist_load()
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name or f"{year}年政府机构窗口服务突出问题排查整改",
            doc_number=doc_number,
            issuer="县人民政府办公室",
            checklist=checklist,
            created_by=by,
        )
        campaign.units.set(units if units is not None else Unit.objects.filter(kind__in=REPORTING_KINDS))
        for i, (kind, begins, deadline) in enumerate(notice_phase_plan(year, start)):
            Phase.objects.create(campaign=campaign, kind=kind, starts_on=begins, deadline=deadline, order=i)
    return campaign
