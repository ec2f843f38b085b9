from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from wicket.checklist.selectors import campaign_current, phase_current
from wicket.core.nav import Todo
from wicket.orgs import access
from wicket.signoff.models import Submission, SubmissionStatus

from .selectors import inspection_progress, point_count
from .services.inspection import REPORT_KIND, report_key
from .services.reminders import reminders_for


def reminder_todos(*, user, today: dt.date) -> list[Todo]:
    """What the last `send_reminders` run found for this person, one line per unit."""
    out = []
    for unit_id, r in reminders_for(user, today=today).items():
        if r["overdue"]:
            out.append(Todo(text=_("整改提醒（%(d)s）：%(u)s 有逾期未整改的问题") % {"d": r["run_on"].strftime("%m-%d"),
                                                                         "u": r["unit"].display_name},
                            url=f"{reverse('problems:list')}?{urlencode({'unit': unit_id, 'overdue': 1})}",
                            level="danger", count=r["overdue"]))
        if r["due_soon"]:
            out.append(Todo(text=_("整改提醒（%(d)s）：%(u)s 有即将到期的问题") % {"d": r["run_on"].strftime("%m-%d"),
                                                                       "u": r["unit"].display_name},
                            url=f"{reverse('problems:list')}?{urlencode({'unit': unit_id, 'status': 'open'})}",
                            level="warning", count=r["due_soon"]))
    return out


def campaign_todos(*, user, today: dt.date) -> list[Todo]:
    """For a unit's people: finish the self-inspection, submit the current phase's report."""
    units = access.unit_ids_for(user)
    campaign = campaign_current()
    if not units or campaign is None:
        return []
    mine = list(campaign.units.filter(pk__in=units))
    if not mine:
        return []
    phase = phase_current(campaign, today=today)
    total = point_count(campaign)
    progress = inspection_progress(campaign=campaign)
    signed = set()
    if phase:
        signed = set(Submission.objects.filter(kind=REPORT_KIND, key=report_key(phase), unit__in=mine,
                                               status__in=[SubmissionStatus.SIGNED, SubmissionStatus.AWAITING_SIGNATURE])
                     .values_list("unit_id", flat=True))
    out = []
    for unit in mine:
        left = total - progress.get(unit.pk, 0)
        if left > 0:
            out.append(Todo(text=_("%(u)s 自查尚有 %(n)d 个要点未填写") % {"u": unit.display_name, "n": left},
                            url=reverse("campaigns:inspection", args=[campaign.pk, unit.pk]), level="warning"))
        elif phase and unit.pk not in signed and access.can_edit_unit(user, unit):
            out.append(Todo(text=_("%(u)s %(p)s阶段报告尚未提交（截止 %(d)s）")
                            % {"u": unit.display_name, "p": phase.get_kind_display(), "d": phase.deadline.isoformat()},
                            url=reverse("campaigns:report", args=[campaign.pk, unit.pk]),
                            level="danger" if today > phase.deadline else "info"))
    return out
