"""Writes on the county's working-day calendar. Only the supervision office (县督查室) makes them.

Every change runs in one transaction that
  1. locks the revision row (changes happen one at a time),
  2. writes the days / years with their history (who, and why: the reason),
  3. gives the revision a new token and forgets the cached calendar,
  4. tells the listeners (wicket.workcal.hooks): deadlines that depend on the changed days are
     recomputed in the same transaction, so the calendar and the deadlines never disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from analysis.common import InputError
from analysis.workdays import DayRule, supported_years
from analysis.workdays_table import MAX_BYTES, MAX_NAME, YEARS, parse_schedule_text, read_schedule
from wicket.core.staging import StageStatus, staged_lock, staged_size_check, staged_supersede
from wicket.orgs import access
from wicket.orgs.models import Role

from .hooks import CalendarChange, notify
from .models import CalendarDay, CalendarImport, CalendarRevision, CalendarYear, DayKind
from .selectors import REVISION_PK, build_calendar, calendar_cache_clear

PASTE_NAME = "粘贴的内容"


@dataclass
class CalendarResult:
    """What a change did: days added / changed / removed, years marked or unmarked, what followed."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    years_confirmed: list[int] = field(default_factory=list)
    years_unconfirmed: list[int] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)  # the listeners' sentences

    @property
    def nothing(self) -> bool:
        return not (self.added or self.changed or self.removed or self.years_confirmed or self.years_unconfirmed)

    def text(self) -> str:
        parts = []
        if self.added:
            parts.append(_("新增 %(n)d 天") % {"n": self.added})
        if self.changed:
            parts.append(_("修改 %(n)d 天") % {"n": self.changed})
        if self.removed:
            parts.append(_("删除 %(n)d 天") % {"n": self.removed})
        if self.unchanged:
            parts.append(_("%(n)d 天与现有相同") % {"n": self.unchanged})
        if self.years_confirmed:
            parts.append(_("%(y)s 年已录入全年安排") % {"y": "、".join(map(str, self.years_confirmed))})
        if self.years_unconfirmed:
            parts.append(_("%(y)s 年恢复估算") % {"y": "、".join(map(str, self.years_unconfirmed))})
        said = "；".join(parts) if parts else _("日历没有变化")
        return "。".join([said, *self.effects])


def _require_office(by) -> None:
    """Command-line runs pass by=None; a person must be the supervision office."""
    if by is not None and not access.has_role(by, Role.SUPERVISOR):
        raise ValidationError(_("只有县督查室可以修改工作日历"))


def _lock() -> None:
    CalendarRevision.objects.bulk_create([CalendarRevision(pk=REVISION_PK)], ignore_conflicts=True)
    CalendarRevision.objects.select_for_update().get(pk=REVISION_PK)


def _finish(result: CalendarResult, *, days: set[dt.date], years: set[int], reason: str, by) -> CalendarResult:
    """After a write: a new revision token, no stale cache, and the listeners told."""
    if result.nothing:
        return result
    CalendarRevision.objects.filter(pk=REVISION_PK).update(token=uuid.uuid4().hex, changed_at=timezone.now())
    calendar_cache_clear()
    change = CalendarChange(calendar=build_calendar(), days=frozenset(days), years=frozenset(years),
                            reason=reason, by=by)
    result.effects = notify(change)
    return result


def _clean(*, day: dt.date, kind: str, name: str) -> DayRule:
    name = (name or "").strip()
    if kind not in DayKind.values:
        raise ValidationError(_("类型只能是“休”或“班”"))
    if not name:
        raise ValidationError(_("请填写名称，例如：2027年春节、春节调休上班、县定假日"))
    if len(name) > MAX_NAME:
        raise ValidationError(_("名称最多 %(n)d 个字") % {"n": MAX_NAME})
    if day.year not in YEARS:
        raise ValidationError(_("日期的年份应在 %(a)d–%(b)d 年之间") % {"a": YEARS.start, "b": YEARS.stop - 1})
    return DayRule(day, kind, name)


def _write(rules: list[DayRule], *, by, reason: str) -> tuple[CalendarResult, set[dt.date]]:
    """Upsert the county's days, with history; two queries plus the history's, whatever the count."""
    result = CalendarResult()
    existing = {d.day: d for d in CalendarDay.objects.filter(day__in=[r.day for r in rules])}
    new, changed, touched = [], [], set()
    for rule in rules:
        row = existing.get(rule.day)
        if row is None:
            new.append(CalendarDay(day=rule.day, kind=rule.kind, name=rule.name, updated_by=by))
        elif (row.kind, row.name) != (rule.kind, rule.name):
            row.kind, row.name, row.updated_by = rule.kind, rule.name, by
            changed.append(row)
        else:
            result.unchanged += 1
            continue
        touched.add(rule.day)
    if new:
        bulk_create_with_history(new, CalendarDay, default_user=by, default_change_reason=reason)
    if changed:
        now = timezone.now()
        for row in changed:
            row.updated_at = now
        bulk_update_with_history(changed, CalendarDay, ["kind", "name", "updated_by", "updated_at"],
                                 default_user=by, default_change_reason=reason)
    result.added, result.changed = len(new), len(changed)
    return result, touched


def _confirm_years(years: set[int], *, by, reason: str) -> list[int]:
    """Mark years as entered in full; the package's own years need no mark."""
    wanted = {y for y in years if y not in supported_years()}
    have = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    rows = [CalendarYear(year=y, confirmed_by=by) for y in sorted(wanted - have)]
    if rows:
        bulk_create_with_history(rows, CalendarYear, default_user=by, default_change_reason=reason)
    return [r.year for r in rows]


# ---------------------------------------------------------------- one day

@transaction.atomic
def calendar_day_set(*, day: dt.date, kind: str, name: str, by, reason: str = "") -> CalendarResult:
    """Add the county's entry for `day`, or change it: 休 (holiday) or 班 (workday) with a name."""
    _require_office(by)
    rule = _clean(day=day, kind=kind, name=name)
    _lock()
    reason = reason.strip() or _("%(day)s 设为%(kind)s（%(name)s）") % {
        "day": day.isoformat(), "kind": DayKind(kind).label, "name": rule.name}
    result, touched = _write([rule], by=by, reason=reason)
    return _finish(result, days=touched, years=set(), reason=reason, by=by)


@transaction.atomic
def calendar_day_remove(*, day: dt.date, by, reason: str = "") -> CalendarResult:
    """Remove the county's entry for `day`: the package (or the weekday) decides again."""
    _require_office(by)
    _lock()
    row = CalendarDay.objects.filter(day=day).first()
    if row is None:
        raise ValidationError(_("%(day)s 没有县里录入的安排") % {"day": day.isoformat()})
    reason = reason.strip() or _("删除 %(day)s 的县里安排（%(name)s）") % {"day": day.isoformat(), "name": row.name}
    row._change_reason = reason  # type: ignore[attr-defined]
    row._history_user = by  # type: ignore[attr-defined]
    row.delete()
    return _finish(CalendarResult(removed=1), days={day}, years=set(), reason=reason, by=by)


# ---------------------------------------------------------------- whole years

@transaction.atomic
def calendar_year_confirm(*, year: int, by, reason: str = "") -> CalendarResult:
    """Declare `year`'s schedule entered in full: its days are certain, deadlines in it no longer estimates."""
    _require_office(by)
    if year in supported_years():
        raise ValidationError(_("%(y)s 年的节假日安排已在内置日历中，无需确认") % {"y": year})
    if year not in YEARS:
        raise ValidationError(_("年份应在 %(a)d–%(b)d 年之间") % {"a": YEARS.start, "b": YEARS.stop - 1})
    _lock()
    reason = reason.strip() or _("确认 %(y)s 年节假日安排已全部录入") % {"y": year}
    confirmed = _confirm_years({year}, by=by, reason=reason)
    if not confirmed:
        raise ValidationError(_("%(y)s 年已经确认过") % {"y": year})
    return _finish(CalendarResult(years_confirmed=confirmed), days=set(), years=set(confirmed), reason=reason, by=by)


@transaction.atomic
def calendar_year_unconfirm(*, year: int, by, reason: str = "") -> CalendarResult:
    """Lift the mark: `year` counts as unknown again (Monday–Friday estimates), its county days stay."""
    _require_office(by)
    _lock()
    row = CalendarYear.objects.filter(year=year).first()
    if row is None:
        raise ValidationError(_("%(y)s 年没有确认过") % {"y": year})
    reason = reason.strip() or _("撤销 %(y)s 年“已录入全年安排”") % {"y": year}
    row._change_reason = reason  # type: ignore[attr-defined]
    row._history_user = by  # type: ignore[attr-defined]
    row.delete()
    return _finish(CalendarResult(years_unconfirmed=[year]), days=set(), years={year}, reason=reason, by=by)


# ---------------------------------------------------------------- a table of days

@transaction.atomic
def calendar_rules_apply(*, rules: list[DayRule], by, reason: str, whole_years: bool) -> CalendarResult:
    """Add or change every day of a schedule table at once (days not in it stay as they are); with
    `whole_years`, the years it covers are marked entered in full. All or nothing."""
    _require_office(by)
    if not rules:
        raise ValidationError(_("表中没有任何日期"))
    checked = [_clean(day=r.day, kind=r.kind, name=r.name) for r in rules]
    _lock()
    result, touched = _write(checked, by=by, reason=reason)
    years: set[int] = set()
    if whole_years:
        result.years_confirmed = _confirm_years({r.day.year for r in checked}, by=by, reason=reason)
        years = set(result.years_confirmed)
    return _finish(result, days=touched, years=years, reason=reason, by=by)


def schedule_read(*, name: str, data: bytes | None = None, text: str | None = None) -> list[DayRule]:
    """A schedule from a file's bytes or pasted text (InputError naming the row and column at fault)."""
    if text is not None:
        return parse_schedule_text(text, source=name)
    assert data is not None
    staged_size_check(name=name, data=data)
    return read_schedule(data, file=name)


def _rows_json(rules: list[DayRule]) -> list[dict[str, str]]:
    return [{"day": r.day.isoformat(), "kind": r.kind, "name": r.name} for r in rules]


def rules_from_json(rows: list[dict[str, str]]) -> list[DayRule]:
    return [DayRule(dt.date.fromisoformat(r["day"]), r["kind"], r["name"]) for r in rows]


@transaction.atomic
def calendar_import_preview(*, by, upload=None, text: str = "", whole_years: bool = True) -> CalendarImport:
    """Read a schedule (an uploaded file, or pasted text) and keep it for the office to check and confirm."""
    _require_office(by)
    if upload is not None:
        name = upload.name or "upload"
        if upload.size > MAX_BYTES:  # refused before it is read
            raise InputError(_("文件太大（%(s).1f MB），节假日安排表不超过 %(m).0f MB")
                             % {"s": upload.size / 1e6, "m": MAX_BYTES / 1e6}, file=name)
        data = upload.read()
        rules = schedule_read(name=name, data=data)
    else:
        name, data = PASTE_NAME, text.encode("utf-8")
        if not text.strip():
            raise InputError(_("请粘贴节假日安排表，或选择文件"), file=name)
        rules = schedule_read(name=name, text=text)
    staged_supersede(CalendarImport, by=by)
    return CalendarImport.objects.create(file_name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                                         created_by=by, rows=_rows_json(rules), whole_years=whole_years)


@transaction.atomic
def calendar_import_confirm(*, batch: CalendarImport, by) -> CalendarResult:
    _require_office(by)
    batch = staged_lock(batch, refusal=_("该导入已处理（%(s)s）"))
    if batch.created_by_id != getattr(by, "pk", None):
        raise ValidationError(_("只能确认自己上传的内容"))
    reason = _("导入 %(name)s") % {"name": batch.file_name}
    result = calendar_rules_apply(rules=rules_from_json(batch.rows), by=by, reason=reason,
                                  whole_years=batch.whole_years)
    batch.status = StageStatus.APPLIED
    batch.applied_at = timezone.now()
    batch.summary = {"text": result.text(), "added": result.added, "changed": result.changed,
                     "unchanged": result.unchanged, "years_confirmed": result.years_confirmed}
    batch._change_reason = _("确认导入")  # type: ignore[attr-defined]
    batch.save(update_fields=["status", "applied_at", "summary"])
    return result


@transaction.atomic
def calendar_import_discard(*, batch: CalendarImport, by) -> CalendarImport:
    _require_office(by)
    batch = staged_lock(batch, refusal=_("该导入已处理（%(s)s）"))
    batch.status = StageStatus.DISCARDED
    batch.rows = []
    batch.save(update_fields=["status", "rows"])
    return batch
