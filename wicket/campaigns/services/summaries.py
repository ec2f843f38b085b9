"""The county's campaign summary (巩固提升: 全面总结排查整改成果) and the pack for an inspection.

The summary is generated from the data, edited in the browser and then issued: an issued summary
is frozen with a SHA-256 digest of its text, like a signed unit report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import Counter

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from wicket.campaigns import exports
from wicket.campaigns.models import CampaignSummary, SummaryStatus
from wicket.checklist.models import Campaign
from wicket.checklist.services import CampaignError
from wicket.orgs import access
from wicket.problems.lifecycle import OPEN_STATUSES
from wicket.problems.models import Problem, ProblemEvent, Source, Status
from wicket.problems.selectors import overdue_q
from wicket.signoff.models import Submission, SubmissionStatus

from .inspection import REPORT_KIND, report_key


def _pct(a: int, b: int) -> str:
    return f"{(100 * a / b):.1f}%" if b else "0%"


def summary_generate_text(campaign: Campaign, *, today: dt.date) -> str:
    problems = Problem.objects.filter(campaign=campaign)
    total = problems.count()
    status = Counter(dict(problems.values_list("status").annotate(n=Count("id"))))
    closed = status[Status.CLOSED]
    titles = {i.code: i.title for i in campaign.checklist.items.filter(parent__isnull=True)}
    by_cat: Counter = Counter()
    closed_by_cat: Counter = Counter()
    for code, st, n in problems.values_list("checklist_code", "status").annotate(n=Count("id")):
        by_cat[code.split(".")[0]] += n
        if st == Status.CLOSED:
            closed_by_cat[code.split(".")[0]] += n
    sources = dict(problems.values_list("source").annotate(n=Count("id")))
    units = list(problems.values("unit__name").annotate(n=Count("id"), late=Count("id", filter=overdue_q(today)))
                 .order_by("-n", "unit__name"))
    n_units = campaign.units.count()
    immediate = problems.filter(immediate=True).count()
    overdue = list(problems.filter(overdue_q(today)).select_related("unit").order_by("deadline", "id")[:30])
    last_notes = {}
    for e in ProblemEvent.objects.filter(problem__in=overdue, action=ProblemEvent.Action.NOTE).order_by("at", "id"):
        last_notes[e.problem_id] = e.note

    lines = [
        _("按照%(issuer)s《关于开展政府机构窗口服务突出问题排查整改工作的通知》%(doc)s要求，全县 %(u)d 个单位对照六类问题"
          "逐条开展自查自纠，县督查室组织集中督查，现将排查整改工作总结如下。")
        % {"issuer": campaign.issuer or _("县人民政府办公室"),
           "doc": f"（{campaign.doc_number}）" if campaign.doc_number else "", "u": n_units},
        _("一、排查发现的问题"),
        _("截至%(d)s，全县共排查发现问题 %(n)d 个。") % {"d": f"{today.year}年{today.month}月{today.day}日", "n": total},
        _("（一）按问题类别"),
    ]
    for cat in sorted(by_cat):
        lines.append(_("第%(c)s类“%(t)s”%(n)d 个，已销号 %(k)d 个。")
                     % {"c": cat, "t": titles.get(cat, ""), "n": by_cat[cat], "k": closed_by_cat[cat]})
    lines.append(_("（二）按问题来源"))
    lines.append("；".join(f"{label} {sources[v]} 个" for v, label in Source.choices if sources.get(v)) + "。")
    lines.append(_("（三）按单位"))
    top = "、".join(_("%(u)s（%(n)d 个）") % {"u": u["unit__name"], "n": u["n"]} for u in units[:10])
    lines.append(_("共有 %(k)d 个单位排查出问题，问题较多的单位是：%(top)s。") % {"k": len(units), "top": top or _("无")})
    lines += [
        _("二、整改和核验情况"),
        _("已整改并经核验销号 %(c)d 个，占 %(p)s；已整改待核验 %(a)d 个，整改中 %(i)d 个，待整改 %(w)d 个；"
          "其中立行立改 %(imm)d 个。") % {"c": closed, "p": _pct(closed, total), "a": status[Status.AWAITING_VERIFICATION],
                                     "i": status[Status.IN_PROGRESS], "w": status[Status.PENDING], "imm": immediate},
        _("三、尚未完成的整改及原因"),
    ]
    open_n = sum(status[s] for s in OPEN_STATUSES)
    lines.append(_("尚有 %(o)d 个问题未销号，其中超过整改时限的 %(l)d 个：") % {"o": open_n, "l": problems.filter(overdue_q(today)).count()})
    for p in overdue:
        reason = last_notes.get(p.pk) or _("未报告整改进展")
        lines.append(_("%(u)s：%(t)s（时限 %(d)s，最新进展：%(r)s）")
                     % {"u": p.unit.name, "t": p.title, "d": p.deadline.isoformat(), "r": reason})
    lines.append(_("四、工作滞后的单位"))
    lag = _lagging_units(campaign, today)
    if lag:
        lines += lag
    else:
        lines.append(_("各单位均按时报送报告，没有逾期未整改的问题。"))
    lines += [
        _("五、下一步工作"),
        _("对尚未销号的问题，县督查室将继续跟踪督办，逐项核验销号；对整改不力、工作滞后的单位予以通报，纳入年度考核。"
          "各单位要建立长效机制，巩固排查整改成果，防止问题反弹。"),
    ]
    return "\n".join(lines)


def _lagging_units(campaign: Campaign, today: dt.date) -> list[str]:
    ended = [p for p in campaign.phases.all() if p.deadline < today]
    signed = set(Submission.objects.filter(kind=REPORT_KIND, status=SubmissionStatus.SIGNED,
                                           key__in=[report_key(p) for p in ended]).values_list("unit_id", "key"))
    late = dict(Problem.objects.filter(campaign=campaign).filter(overdue_q(today)).values_list("unit_id")
                .annotate(n=Count("id")))
    out = []
    for unit in campaign.units.order_by("order", "id"):
        missing = [str(p.get_kind_display()) for p in ended if (unit.pk, report_key(p)) not in signed]
        parts = []
        if late.get(unit.pk):
            parts.append(_("逾期未整改问题 %(n)d 个") % {"n": late[unit.pk]})
        if missing:
            parts.append(_("%(p)s阶段报告未签字报送") % {"p": "、".join(missing)})
        if parts:
            out.append(f"{unit.name}：{'；'.join(parts)}。")
    return out


def _check_supervisor(by) -> None:
    if not access.is_supervisor(by):
        raise CampaignError(_("只有县督查室可以编辑工作总结"))


@transaction.atomic
def summary_generate(*, campaign: Campaign, by, today: dt.date | None = None) -> CampaignSummary:
    """Create the draft, or regenerate an existing draft's text from the current data."""
    _check_supervisor(by)
    today = today or timezone.localdate()
    text = summary_generate_text(campaign, today=today)
    summary = CampaignSummary.objects.select_for_update().filter(campaign=campaign).first()
    if summary is None:
        return CampaignSummary.objects.create(campaign=campaign, title=_("%(c)s工作总结") % {"c": campaign.name},
                                              text=text, generated_at=timezone.now())
    if summary.status == SummaryStatus.ISSUED:
        raise CampaignError(_("工作总结已印发，不能重新生成"))
    summary.text, summary.generated_at, summary.version = text, timezone.now(), summary.version + 1
    summary._change_reason = _("根据最新数据重新生成")
    summary.save()
    return summary


@transaction.atomic
def summary_save(*, summary: CampaignSummary, by, version: int, title: str, text: str) -> CampaignSummary:
    _check_supervisor(by)
    current = CampaignSummary.objects.select_for_update().get(pk=summary.pk)
    if current.status == SummaryStatus.ISSUED:
        raise CampaignError(_("工作总结已印发，不能再修改"))
    if current.version != version:
        raise CampaignError(_("保存失败：在您编辑期间，其他人已修改了工作总结。请复制您的修改，刷新页面后重新编辑。"))
    if not title.strip() or not text.strip():
        raise CampaignError(_("标题和正文都不能为空"))
    current.title, current.text, current.version = title.strip(), text.strip(), version + 1
    current._change_reason = _("编辑工作总结")
    current.save()
    return current


@transaction.atomic
def summary_issue(*, summary: CampaignSummary, by, version: int) -> CampaignSummary:
    _check_supervisor(by)
    current = CampaignSummary.objects.select_for_update().get(pk=summary.pk)
    if current.status == SummaryStatus.ISSUED:
        raise CampaignError(_("工作总结已印发"))
    if current.version != version:
        raise CampaignError(_("印发失败：工作总结在您打开后已被修改，请刷新页面核对后再印发"))
    current.status, current.issued_at, current.issued_by = SummaryStatus.ISSUED, timezone.now(), by
    current.digest = hashlib.sha256(current.text.encode("utf-8")).hexdigest()
    current._change_reason = _("印发")
    current.save()
    return current


def summary_docx_bytes(summary: CampaignSummary) -> bytes:
    issued = summary.status == SummaryStatus.ISSUED
    return exports.summary_docx(heading=summary.title, text=summary.text,
                                issuer=summary.campaign.issuer or _("县人民政府办公室"),
                                date=timezone.localdate(summary.issued_at) if issued else None, draft=not issued)


def signed_report_docx(sub: Submission) -> bytes:
    return exports.report_docx(sub.content, signed={"name": sub.signer_name, "version": sub.version,
                                                    "at": timezone.localtime(sub.signed_at).strftime("%Y-%m-%d %H:%M"),
                                                    "digest": sub.digest})


def inspection_pack(*, campaign: Campaign) -> bytes:
    """Summary plus every unit's newest signed report per phase (with sealed scans), and an index."""
    phases = list(campaign.phases.all())
    by_key = {report_key(p): p for p in phases}
    latest: dict[tuple[int, str], Submission] = {}
    for s in (Submission.objects.filter(kind=REPORT_KIND, status=SubmissionStatus.SIGNED, key__in=list(by_key))
              .select_related("unit").prefetch_related("scans").order_by("unit__order", "unit_id", "key", "-version")):
        latest.setdefault((s.unit_id, s.key), s)
    files: list[tuple[str, bytes]] = []
    summary = CampaignSummary.objects.filter(campaign=campaign).first()
    if summary:
        files.append((_("00_工作总结.docx") if summary.status == SummaryStatus.ISSUED else _("00_工作总结（草稿）.docx"),
                      summary_docx_bytes(summary)))
    wb = Workbook()
    ws = wb.active
    ws.title = _("报送情况")
    ws.append([_("单位"), *[str(p.get_kind_display()) for p in phases]])
    for unit in campaign.units.order_by("order", "id"):
        row = [unit.name]
        for p in phases:
            s = latest.get((unit.pk, report_key(p)))
            if s is None:
                row.append(_("未签字报送"))
                continue
            stamp = timezone.localtime(s.signed_at).strftime("%Y-%m-%d %H:%M")
            row.append(_("第%(v)d版 %(n)s %(t)s SHA-256 %(d)s") % {"v": s.version, "n": s.signer_name, "t": stamp,
                                                                 "d": s.digest})
            folder = _("01_单位报告")
            base = f"{folder}/{unit.name}_{p.get_kind_display()}_v{s.version}"
            files.append((f"{base}.docx", signed_report_docx(s)))
            for scan in s.scans.all():
                with scan.file.open("rb") as fh:
                    files.append((f"{base}_{_('盖章扫描件')}_{scan.name}", fh.read()))
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    files.append((_("02_报送情况一览.xlsx"), out.getvalue()))
    return exports.pack_zip(files)


def summary_open_counts(campaign: Campaign) -> dict[str, int]:
    return Problem.objects.filter(campaign=campaign).aggregate(
        total=Count("id"), open=Count("id", filter=Q(status__in=OPEN_STATUSES)))
