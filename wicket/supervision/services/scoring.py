"""Unit assessment (考核): each unit's score is the base plus one explained line per scoring rule.

    score = base + Σ (count of what the rule counts × the rule's points)

The rules and the base live in the database per campaign (AssessmentScheme, ScoringRule), created with
the defaults the first time a campaign is scored, and edited by the supervisor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.orgs import access
from wicket.problems.models import Problem, ProblemEvent, Source, Status
from wicket.supervision.models import AssessmentScheme, RuleKind, ScoringRule
from wicket.supervision.models.scoring import DEFAULT_POINTS

SUPERVISION_SOURCES = (Source.ONSITE_CHECK, Source.ONLINE_SPOT_CHECK, Source.MYSTERY_VISIT, Source.PHONE_TEST)


@dataclass(frozen=True)
class ScoreLine:
    kind: str
    label: str
    count: int
    points: Decimal

    @property
    def subtotal(self) -> Decimal:
        return self.points * self.count

    def text(self) -> str:
        return f"{self.label}：{self.count} × {number(self.points)} = {number(self.subtotal)}"


@dataclass
class UnitScore:
    unit: object
    base: Decimal
    lines: list[ScoreLine] = field(default_factory=list)
    rank: int = 0

    @property
    def score(self) -> Decimal:
        return self.base + sum((line.subtotal for line in self.lines), Decimal(0))

    @property
    def score_text(self) -> str:
        return number(self.score)

    @property
    def base_text(self) -> str:
        return number(self.base)

    def explanation(self) -> str:
        parts = [f"{_('基础分')} {number(self.base)}"]
        parts += [f"{line.label} {line.count} × {number(line.points)} = {number(line.subtotal)}"
                  for line in self.lines if line.count]
        return "；".join(parts)


def number(d: Decimal) -> str:
    """100.00 → 100, -0.50 → -0.5"""
    text = format(d.quantize(Decimal("0.01")).normalize(), "f")
    return "0" if text in ("-0", "0") else text


@transaction.atomic
def scheme_for_campaign(campaign) -> AssessmentScheme:
    scheme, _created = AssessmentScheme.objects.get_or_create(campaign=campaign)
    have = set(scheme.rules.values_list("kind", flat=True))
    ScoringRule.objects.bulk_create([ScoringRule(scheme=scheme, kind=k, points=p)
                                     for k, p in DEFAULT_POINTS.items() if k not in have])
    return scheme


@transaction.atomic
def scheme_update(*, scheme: AssessmentScheme, by, base: Decimal, points: dict[str, Decimal],
                  active: dict[str, bool]) -> AssessmentScheme:
    if not access.is_supervisor(by):
        raise ValidationError(_("只有县督查室可以修改考核办法"))
    if base < 0:
        raise ValidationError(_("基础分不能为负数"))
    scheme.base = base
    scheme._change_reason = _("修改考核办法")
    scheme.save()
    for rule in scheme.rules.select_for_update():
        new_points, new_active = points.get(rule.kind, rule.points), active.get(rule.kind, rule.active)
        if (new_points, new_active) != (rule.points, rule.active):
            rule.points, rule.active = new_points, new_active
            rule._change_reason = _("修改计分规则")
            rule.save()
    return scheme


def _counts(campaign, today: dt.date) -> dict[int, dict[str, int]]:
    """unit_id → rule kind → count (three queries)."""
    late_closed = Q(status=Status.CLOSED, deadline__isnull=False, closed_at__date__gt=F("deadline"))
    open_overdue = ~Q(status=Status.CLOSED) & Q(deadline__lt=today)
    rows = Problem.objects.filter(campaign=campaign).values("unit_id").annotate(
        overdue_problem=Count("id", filter=late_closed | open_overdue),
        supervision_finding=Count("id", filter=Q(source__in=SUPERVISION_SOURCES)),
        upheld_public_report=Count("id", filter=Q(source=Source.PUBLIC_REPORT)),
        closed_on_time=Count("id", filter=Q(status=Status.CLOSED)
                             & (Q(deadline__isnull=True) | Q(closed_at__date__lte=F("deadline")))),
    )
    out: dict[int, dict[str, int]] = {r.pop("unit_id"): r for r in rows}
    backs = (ProblemEvent.objects.filter(problem__campaign=campaign, action=ProblemEvent.Action.SEND_BACK)
             .values("problem__unit_id").annotate(n=Count("id")))
    for r in backs:
        out.setdefault(r["problem__unit_id"], {})["send_back"] = r["n"]
    # A closed problem the detectors found again: the rectification did not hold.
    recurred = (ProblemEvent.objects.filter(problem__campaign=campaign, action=ProblemEvent.Action.DETECTED_AGAIN,
                                            from_status=Status.CLOSED)
                .values("problem__unit_id").annotate(n=Count("id")))
    for r in recurred:
        out.setdefault(r["problem__unit_id"], {})["recurred"] = r["n"]
    return out


def unit_scores(*, campaign, today: dt.date | None = None) -> list[UnitScore]:
    """Every unit of the campaign, best first, each with its lines; equal scores share a rank."""
    today = today or timezone.localdate()
    scheme = scheme_for_campaign(campaign)
    rules = [r for r in scheme.rules.all() if r.active]
    counts = _counts(campaign, today)
    scores = []
    for unit in campaign.units.order_by("order", "id"):
        c = counts.get(unit.pk, {})
        lines = [ScoreLine(kind=r.kind, label=str(RuleKind(r.kind).label), count=c.get(r.kind, 0), points=r.points)
                 for r in rules]
        scores.append(UnitScore(unit=unit, base=scheme.base, lines=lines))
    scores.sort(key=lambda s: -s.score)  # stable: equal scores keep the units' order
    previous = None
    for i, s in enumerate(scores, start=1):
        s.rank = previous.rank if previous and previous.score == s.score else i
        previous = s
    return scores
