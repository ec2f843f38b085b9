"""Writes for checklists and campaigns."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from wicket.orgs import access
from wicket.orgs.models import REPORTING_KINDS, Unit

from .models import Campaign, Checklist, ChecklistItem, Phase, PhaseKind

NOTICE_CHECKLIST = "checklist-2018.json"


class CampaignError(ValidationError):
    """A refused action on a checklist or campaign; the message is for the user."""


def checklist_load(*, data: dict | None = None) -> Checklist:
    """Load a checklist version from its data file (idempotent: an existing version is returned)."""
    if data is None:
        data = json.loads(resources.files("wicket.checklist").joinpath("data", NOTICE_CHECKLIST).read_text("utf-8"))
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
    plan: list[tuple[str, dt.date, dt.date]] = [
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


def checklist_in_use(checklist: Checklist) -> bool:
    return Campaign.objects.filter(checklist=checklist).exists()


def _check_editable(checklist: Checklist) -> None:
    if checklist_in_use(checklist):
        raise CampaignError(_("清单“%(v)s”已被排查整改工作使用，不能再修改；请复制一份后修改") % {"v": checklist.version})


@transaction.atomic
def checklist_copy(*, source: Checklist, version: str, name: str, by=None) -> Checklist:
    """A later campaign's checklist: an editable copy of an earlier version, every point kept."""
    version, name = version.strip(), name.strip()
    if not version or not name:
        raise CampaignError(_("请填写新清单的版本号和名称"))
    if Checklist.objects.filter(version=version).exists():
        raise CampaignError(_("版本号“%(v)s”已存在，请换一个") % {"v": version})
    copy = Checklist.objects.create(version=version, name=name, based_on=source, created_by=by)
    parents: dict[int, ChecklistItem] = {}
    for item in source.items.order_by("order", "id"):
        new = ChecklistItem.objects.create(checklist=copy, code=item.code, title=item.title, text=item.text,
                                           order=item.order,
                                           parent=parents[item.parent_id] if item.parent_id else None)
        parents[item.pk] = new
    return copy


@transaction.atomic
def checklist_item_update(*, item: ChecklistItem, title: str, text: str) -> ChecklistItem:
    _check_editable(item.checklist)
    title = title.strip()
    if not title:
        raise CampaignError(_("要点“%(c)s”的标题不能为空") % {"c": item.code})
    item.title, item.text = title, text.strip()
    item._change_reason = _("修改排查要点")  # type: ignore[attr-defined]  # simple-history reads it on save
    item.save()
    return item


@transaction.atomic
def checklist_point_add(*, checklist: Checklist, category: ChecklistItem, code: str, title: str,
                        text: str = "") -> ChecklistItem:
    _check_editable(checklist)
    code, title = code.strip(), title.strip()
    if category.checklist_id != checklist.pk or category.parent_id is not None:
        raise CampaignError(_("请选择要点所属的问题类别"))
    if not code or not title:
        raise CampaignError(_("请填写新要点的编码和标题"))
    if not (code == category.code or code.startswith(f"{category.code}.")):
        raise CampaignError(_("要点编码“%(c)s”应以类别编码“%(p)s.”开头") % {"c": code, "p": category.code})
    if checklist.items.filter(code=code, parent__isnull=False).exists():
        raise CampaignError(_("要点编码“%(c)s”已存在") % {"c": code})
    last = category.points.order_by("-order").first()
    order = (last or category).order
    checklist.items.filter(order__gt=order).update(order=F("order") + 1)
    return ChecklistItem.objects.create(checklist=checklist, parent=category, code=code, title=title,
                                        text=text.strip(), order=order + 1)


@transaction.atomic
def campaign_create(*, name: str, checklist: Checklist, units, phases: list[tuple[str, dt.date, dt.date]],
                    by=None, doc_number: str = "", issuer: str = "") -> Campaign:
    """A campaign with its phases. Phases must follow each other: each starts after the previous deadline."""
    name = name.strip()
    if not name:
        raise CampaignError(_("请填写工作名称"))
    units = list(units)
    if not units:
        raise CampaignError(_("请至少选择一个参与单位"))
    previous = None
    for kind, begins, deadline in phases:
        label = PhaseKind(kind).label
        if deadline < begins:
            raise CampaignError(_("“%(p)s”阶段的截止日期早于开始日期") % {"p": label})
        if previous and begins <= previous:
            raise CampaignError(_("“%(p)s”阶段应在上一阶段截止后开始") % {"p": label})
        previous = deadline
    campaign = Campaign.objects.create(name=name, doc_number=doc_number.strip(), issuer=issuer.strip(),
                                       checklist=checklist, created_by=by)
    campaign.units.set(units)
    for i, (kind, begins, deadline) in enumerate(phases):
        Phase.objects.create(campaign=campaign, kind=kind, starts_on=begins, deadline=deadline, order=i)
    return campaign


@transaction.atomic
def campaign_closure_settings_update(*, campaign: Campaign, by, weeks: int, workdays: int) -> Campaign:
    """How much data after a rectification proves a data-detected problem fixed (problems/closure.py)."""
    if not access.is_supervisor(by):
        raise CampaignError(_("只有县督查室可以修改数据核验要求"))
    if not (1 <= weeks <= 26 and 1 <= workdays <= 60):
        raise CampaignError(_("核验周数应为 1–26，工作日数应为 1–60"))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if (campaign.closure_weeks, campaign.closure_workdays) != (weeks, workdays):
        campaign.closure_weeks, campaign.closure_workdays = weeks, workdays
        campaign._change_reason = _("修改数据核验要求")  # type: ignore[attr-defined]
        campaign.save(update_fields=["closure_weeks", "closure_workdays"])
    return campaign
