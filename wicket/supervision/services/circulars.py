"""Circulars (通报): a draft composed from the campaign's data, edited by the supervisor, then issued.

Issuing renders the .docx once, stores it with its SHA-256 and freezes the record; the units named
for level-3 escalations are marked as listed in it, so the next circular does not name them again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.orgs import access
from wicket.orgs.models import Unit, UnitKind
from wicket.problems.models import Problem, ProblemEvent, Source, Status
from wicket.problems.selectors import overdue_q
from wicket.supervision.docx_layout import CircularText, circular_docx
from wicket.supervision.models import Circular, CircularStatus, Escalation, EscalationLevel

ADDRESSEES = "各镇人民政府、园区管委会，县政府有关部门、各直属单位"
NUMBER = re.compile(r"^(?P<prefix>.+?)〔(?P<year>\d{4})〕(?P<seq>\d+)号$")


def date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _office() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.GOV_OFFICE).order_by("order", "id").first()


def next_doc_number(campaign, year: int) -> str:
    """The office's next number this year (prefix of the campaign's notice, e.g. 青政办〔2026〕19号)."""
    m = NUMBER.match(campaign.doc_number or "") if campaign else None
    prefix = m["prefix"] if m else "政办"
    last = int(m["seq"]) if m and int(m["year"]) == year else 0
    for number in Circular.objects.filter(doc_number__startswith=f"{prefix}〔{year}〕").values_list("doc_number",
                                                                                                   flat=True):
        found = NUMBER.match(number)
        if found:
            last = max(last, int(found["seq"]))
    return f"{prefix}〔{year}〕{last + 1}号"


def _names(rows: list[tuple[Unit, int]], unit_word: str) -> str:
    return "、".join(f"{u.display_name}（{n}{unit_word}）" for u, n in rows)


def circular_facts(*, campaign, today: dt.date) -> dict:
    """What the campaign's data says: totals, units to name (overdue, sent back, escalated) and to commend."""
    problems = Problem.objects.filter(campaign=campaign)
    totals = problems.aggregate(total=Count("id"), closed=Count("id", filter=Q(status=Status.CLOSED)),
                                overdue=Count("id", filter=overdue_q(today)))
    units = {u.pk: u for u in campaign.units.all()}
    overdue = Counter(problems.filter(overdue_q(today)).values_list("unit_id", flat=True))
    sent_back = Counter(ProblemEvent.objects.filter(problem__campaign=campaign, action=ProblemEvent.Action.SEND_BACK)
                        .values_list("problem__unit_id", flat=True))
    pending = list(Escalation.objects.filter(level=EscalationLevel.CIRCULAR, circular__isnull=True,
                                             problem__campaign=campaign).select_related("problem"))
    escalated = Counter(e.unit_id for e in pending)
    per_unit = problems.values("unit_id").annotate(
        closed=Count("id", filter=Q(status=Status.CLOSED)),
        late=Count("id", filter=Q(status=Status.CLOSED, deadline__isnull=False, closed_at__date__gt=F("deadline"))),
        open=Count("id", filter=~Q(status=Status.CLOSED)),
    )
    commended = [units[r["unit_id"]] for r in per_unit
                 if r["unit_id"] in units and r["closed"] and not r["open"] and not r["late"]
                 and r["unit_id"] not in sent_back]
    by_source = Counter(problems.values_list("source", flat=True))

    def ranked(counter: Counter) -> list[tuple[Unit, int]]:
        return [(units[uid], n) for uid, n in sorted(counter.items(), key=lambda kv: (-kv[1], units[kv[0]].order))
                if uid in units]

    return {"totals": totals, "overdue": ranked(overdue), "sent_back": ranked(sent_back),
            "escalated": ranked(escalated), "escalation_ids": [e.pk for e in pending],
            "commended": sorted(commended, key=lambda u: (u.order, u.pk)), "by_source": by_source}


def circular_body(*, campaign, facts: dict, today: dt.date) -> list[str]:
    t = facts["totals"]
    src = facts["by_source"]
    supervised = sum(src.get(s, 0) for s in (Source.ONSITE_CHECK, Source.ONLINE_SPOT_CHECK, Source.MYSTERY_VISIT,
                                             Source.PHONE_TEST))
    notice = f"（{campaign.doc_number}）" if campaign.doc_number else ""
    out = [
        f"根据《{campaign.name}》{notice}工作安排，县政府督查室会同县政务服务中心等部门，通过现场督查、网上抽查、暗访、"
        f"电话拨测和公布监督电话等方式，对各镇（园区）、县直各部门窗口服务突出问题排查整改情况开展了集中督查。"
        f"现将有关情况通报如下：",
        "一、总体情况",
        f"截至{date_text(today)}，全县共排查发现窗口服务问题{t['total']}个，其中自查自纠{src.get(Source.SELF_INSPECTION, 0)}个、"
        f"督查发现{supervised}个、群众反映{src.get(Source.PUBLIC_REPORT, 0)}个、数据检测{src.get(Source.DATA_DETECTION, 0)}个；"
        f"已整改销号{t['closed']}个，逾期未整改{t['overdue']}个。",
    ]
    n = 2
    numerals = "一二三四五六七八九十"
    if facts["commended"]:
        out.append(f"{numerals[n - 1]}、通报表扬")
        out.append("、".join(u.display_name for u in facts["commended"])
                   + "等单位领导重视、措施有力，发现的问题均按期整改销号，予以通报表扬。")
        n += 1
    items = []
    if facts["overdue"]:
        items.append(("整改逾期", f"{_names(facts['overdue'], '个问题')}整改逾期，至今未完成整改销号。"))
    if facts["sent_back"]:
        items.append(("整改不到位被退回", f"{_names(facts['sent_back'], '次')}提交的整改结果经核验不符合要求，被退回重新整改。"))
    if facts["escalated"]:
        items.append(("经督办仍未整改",
                      f"{_names(facts['escalated'], '个问题')}经下发督办单后仍未按期整改，现予以通报批评。"))
    if items:
        out.append(f"{numerals[n - 1]}、存在的问题")
        for i, (head, text) in enumerate(items):
            out.append(f"（{numerals[i]}）{head}。{text}")
        n += 1
    out.append(f"{numerals[n - 1]}、下一步工作要求")
    out.append("各单位要对照本通报指出的问题，逐项制定整改措施，明确责任人和完成时限，立行立改、按期销号。"
               "被通报单位主要负责同志要亲自过问，于5个工作日内将整改情况书面报送县政府督查室。"
               "县政府督查室将持续跟踪督办，整改结果纳入年度考核。")
    return out


@transaction.atomic
def circular_draft_create(*, campaign, by, today: dt.date | None = None) -> Circular:
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以起草通报"))
    today = today or timezone.localdate()
    facts = circular_facts(campaign=campaign, today=today)
    office = _office()
    office_name = office.name if office else campaign.issuer
    return Circular.objects.create(
        campaign=campaign, issuer=f"{office_name}文件", doc_number=next_doc_number(campaign, today.year),
        title=f"关于{campaign.name}集中督查情况的通报", addressees=ADDRESSEES,
        body="\n".join(circular_body(campaign=campaign, facts=facts, today=today)),
        signature=office_name, date=today, created_by=by,
        named_units={
            "overdue": [[u.pk, u.name, n] for u, n in facts["overdue"]],
            "sent_back": [[u.pk, u.name, n] for u, n in facts["sent_back"]],
            "escalated": [[u.pk, u.name, n] for u, n in facts["escalated"]],
            "commended": [[u.pk, u.name] for u in facts["commended"]],
            "escalation_ids": facts["escalation_ids"],
        },
    )


EDITABLE = ("issuer", "doc_number", "title", "addressees", "body", "signature", "date")


@transaction.atomic
def circular_update(*, circular: Circular, by, **values) -> Circular:
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以修改通报"))
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    if circular.is_issued:
        raise ValidationError(_("已印发的通报不能修改"))
    for key in EDITABLE:
        if key in values:
            value = values[key]
            setattr(circular, key, value.strip() if isinstance(value, str) else value)
    if Circular.objects.filter(doc_number=circular.doc_number).exclude(pk=circular.pk).exists():
        raise ValidationError(_("发文字号“%(n)s”已被使用") % {"n": circular.doc_number})
    circular._change_reason = _("修改通报")
    circular.save()
    return circular


def circular_text(circular: Circular) -> CircularText:
    return CircularText(issuer=circular.issuer, doc_number=circular.doc_number, title=circular.title,
                        addressees=circular.addressees, paragraphs=circular.paragraphs(),
                        signature=circular.signature, date_text=date_text(circular.date))


def circular_render(circular: Circular) -> bytes:
    """The issued file if there is one, else a fresh rendering of the draft."""
    if circular.is_issued and circular.file:
        with circular.file.open("rb") as f:
            return f.read()
    return circular_docx(circular_text(circular))


@transaction.atomic
def circular_issue(*, circular: Circular, by) -> Circular:
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以印发通报"))
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    if circular.is_issued:
        raise ValidationError(_("该通报已印发"))
    if not circular.paragraphs():
        raise ValidationError(_("通报正文不能为空"))
    data = circular_docx(circular_text(circular))
    circular.sha256 = hashlib.sha256(data).hexdigest()
    circular.file.save(f"{circular.doc_number}.docx", ContentFile(data), save=False)
    circular.status = CircularStatus.ISSUED
    circular.issued_by = by
    circular.issued_at = timezone.now()
    circular._change_reason = _("印发")
    circular.save()
    ids = (circular.named_units or {}).get("escalation_ids", [])
    Escalation.objects.filter(pk__in=ids, circular__isnull=True).update(circular=circular)
    return circular
