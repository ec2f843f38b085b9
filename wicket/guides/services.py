"""Writes: import a file of guides (preview, then apply or discard), re-check a department, and send
its findings to the problem list.

Scope of the problem list: one department's stored guides, from every source, are always checked
together, and their findings go to the problem list under detector "guides", scope "guides:<unit id>".
So a run re-checks exactly its scope: a finding that no longer appears in the department's guides
is offered for closure, and a cross-site finding (inconsistent_across_sources) is judged over all
the sources the department publishes on.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

import msgspec
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.common import InputError
from analysis.guides import NOTE_KINDS, GuideInputError, check_guides, read_guides
from analysis.guides import Guide as AGuide
from analysis.guides import GuideFinding as AFinding
from analysis.guides.files import SUFFIXES, is_workbook
from wicket.checklist.selectors import campaign_current
from wicket.core.staging import staged_discard, staged_lock, staged_size_check, staged_supersede
from wicket.core.uploads import sniff
from wicket.orgs import access
from wicket.orgs.models import Unit
from wicket.orgs.selectors import unit_resolver
from wicket.problems.intake import IntakeResult, findings_intake

from .models import Finding, Guide, GuideImport, ImportPart, ImportStatus

DETECTOR = "guides"
# What the database columns hold (a longer value is a fault of the file, named like any other).
LIMITS = (("code", "事项编码", 100), ("name", "事项名称", 300), ("department", "实施主体", 200),
          ("source", "发布来源", 200))


def scope_of(unit: Unit | int) -> str:
    return f"guides:{unit if isinstance(unit, int) else unit.pk}"


def _require_center_staff(user) -> None:
    access.require_center_staff(user, _("只有政务服务中心工作人员可以导入办事指南"))


def guide_to_data(guide: AGuide) -> dict[str, Any]:
    data = msgspec.to_builtins(guide)
    data.pop("file", None)
    return data


def guide_from_data(data: dict[str, Any]) -> AGuide:
    return msgspec.convert(data, AGuide)


def finding_from_data(data: dict[str, Any]) -> AFinding:
    """The analysis finding back from its stored to_dict() (same fingerprint)."""
    return AFinding(kind=data["kind"], checklist=data["checklist"], subject=data["subject"], message=data["message"],
                    key=tuple(data["key"]), evidence=data["evidence"], code=data["code"], name=data["name"],
                    department=data["department"], source=data["source"], where=data["where"], text=data["text"],
                    guide_index=data["guide_index"])


def read_upload(*, name: str, data: bytes) -> list[AGuide]:
    """The guides in an uploaded file, or InputError naming the file and the position of the fault."""
    staged_size_check(name=name, data=data)
    suffix = PurePath(name).suffix.lower()
    kind = sniff(data[:16])
    if is_workbook(data, name):
        if kind != "zip":
            raise InputError(_("文件内容不是 xlsx 工作簿，请使用下载的模板填写"), file=name)
    elif kind is not None or (suffix and suffix not in SUFFIXES):
        raise InputError(_("只能导入 JSON、JSON Lines（.json/.jsonl）或 xlsx 模板文件"), file=name)
    guides = read_guides(data, file=name)
    if not guides:
        raise InputError(_("文件中没有办事指南"), file=name)
    for i, g in enumerate(guides):
        if not g.department.strip():  # a problem list needs an owner: the checker alone reports it as a finding
            raise GuideInputError(_("缺少实施主体（department），无法确定问题归属单位"), file=name, row=g.line,
                                  path=f"[{i}].department")
        for field, label, limit in LIMITS:
            if len(getattr(g, field)) > limit:
                raise GuideInputError(_("%(label)s太长（%(n)d 字），最多 %(max)d 字")
                                      % {"label": label, "n": len(getattr(g, field)), "max": limit},
                                      file=name, row=g.line, path=f"[{i}].{field}")
    return guides


@transaction.atomic
def guide_import_preview(*, name: str, data: bytes, by) -> GuideImport:
    """Read and check an upload; keep it, unstored, until the centre confirms it."""
    _require_center_staff(by)
    name = PurePath(name or "upload.json").name
    guides = read_upload(name=name, data=data)
    findings = check_guides(guides)  # the file on its own, as the CLI checks it
    resolve = unit_resolver()
    parts: dict[tuple[str, str], int] = Counter((g.department.strip(), g.source.strip()) for g in guides)
    staged_supersede(GuideImport, by=by, payload=None)
    batch = GuideImport.objects.create(
        file_name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), created_by=by,
        payload=[guide_to_data(g) for g in guides], guide_count=len(guides), finding_count=len(findings),
        kind_counts=dict(Counter(f.kind for f in findings).most_common()))
    ImportPart.objects.bulk_create(
        ImportPart(batch=batch, department=dept, source=source, unit=resolve(dept), guide_count=n)
        for (dept, source), n in sorted(parts.items()))
    return batch


def batch_parts(batch: GuideImport) -> list[ImportPart]:
    """The batch's departments with their units. While the batch waits for confirmation, a name that
    found no unit is looked up again, so a name registered meanwhile (其他名称) counts at once."""
    parts = list(batch.parts.select_related("unit"))
    if batch.status == ImportStatus.PENDING and any(p.unit_id is None for p in parts):
        resolve = unit_resolver()
        for p in parts:
            if p.unit_id is None:
                p.unit = resolve(p.department)
    return parts


def unknown_departments(parts: list[ImportPart]) -> list[str]:
    return sorted({p.department for p in parts if p.unit is None})


@transaction.atomic
def guide_import_apply(*, batch: GuideImport, by) -> list[Unit]:
    """Store the batch: its guides replace the copies of the same department and source; then every
    department it touches is re-checked over all its sources. All or nothing."""
    _require_center_staff(by)
    batch = staged_lock(batch, refusal=_("该文件已处理过，不能重复导入"))
    parts = batch_parts(batch)
    unknown = unknown_departments(parts)
    if unknown:
        raise ValidationError(_("以下实施主体未能对应到单位：%(names)s。请修改文件，或请管理员为单位添加这些别名后重新上传")
                              % {"names": "、".join(unknown)})
    ImportPart.objects.bulk_update(parts, ["unit"])  # the units as found now, kept with the applied batch
    unit_of = {p.department: p.unit for p in parts}
    now = timezone.now()
    replaced = 0
    for unit_id, source in {(p.unit.pk, p.source) for p in parts if p.unit}:
        replaced += Guide.objects.filter(unit_id=unit_id, source=source).count()
        Guide.objects.filter(unit_id=unit_id, source=source).delete()
    rows = []
    for position, data in enumerate(batch.payload):
        g = guide_from_data(data)
        rows.append(Guide(unit=unit_of[g.department.strip()], batch=batch, source=g.source.strip(), code=g.code,
                          name=g.name[:300], department=g.department[:200], identity=g.identity[:400],
                          position=position, line=g.line, data=data, imported_at=now))
    Guide.objects.bulk_create(rows, batch_size=500)
    batch.status, batch.applied_at, batch.payload, batch.replaced_count = ImportStatus.APPLIED, now, None, replaced
    batch.save(update_fields=["status", "applied_at", "payload", "replaced_count"])
    units = sorted({u.pk: u for u in unit_of.values() if u is not None}.values(), key=lambda u: (u.order, u.pk))
    for unit in units:
        department_recheck(unit=unit)
    return units


@transaction.atomic
def guide_import_discard(*, batch: GuideImport, by) -> None:
    _require_center_staff(by)
    staged_discard(batch, payload=None)


def department_guides(unit: Unit) -> list[Guide]:
    """A department's stored copies in the order they are checked (stable across re-imports)."""
    return list(Guide.objects.filter(unit=unit).order_by("source", "batch_id", "position", "id"))


@transaction.atomic
def department_recheck(*, unit: Unit) -> list[Finding]:
    """Check every stored copy of the department together; its findings replace the previous ones."""
    rows = department_guides(unit)
    findings = check_guides([guide_from_data(r.data) for r in rows])
    Finding.objects.filter(unit=unit).delete()
    now = timezone.now()
    stored = Finding.objects.bulk_create([
        Finding(unit=unit, kind=f.kind, checklist=f.checklist, where=f.where[:300], text=f.text, message=f.message,
                fingerprint=f.fingerprint, data=f.to_dict(), checked_at=now)
        for f in findings])
    links = []
    per_guide: Counter[int] = Counter()
    Through = Finding.guides.through
    for f, row in zip(findings, stored, strict=True):
        indices = f.evidence.get("guides") if f.kind == "inconsistent_across_sources" else None
        for i in indices or [f.guide_index]:
            links.append(Through(finding_id=row.pk, guide_id=rows[i].pk))
            per_guide[rows[i].pk] += 1
    Through.objects.bulk_create(links, batch_size=1000)
    changed = [r for r in rows if r.finding_count != per_guide[r.pk]]
    for r in changed:
        r.finding_count = per_guide[r.pk]
    Guide.objects.bulk_update(changed, ["finding_count"], batch_size=500)
    return stored



@transaction.atomic
def guide_findings_send(*, units: Iterable[Unit], by, batch: GuideImport | None = None) -> IntakeResult:
    """Turn each department's current findings into problems of that department (the one intake
    door): the same finding is never registered twice, and a problem whose finding is gone from the
    department's guides is offered to the supervisor for closure."""
    _require_center_staff(by)
    campaign = campaign_current()
    total = IntakeResult()
    for unit in units:
        # notes (the law's own catch-all quoted) are advice shown on the guide, not problems of the department
        findings = [finding_from_data(f.data) for f in Finding.objects.filter(unit=unit).exclude(
            kind__in=NOTE_KINDS).order_by("id")]
        part = findings_intake(findings=findings, detector=DETECTOR, scope=scope_of(unit),
                               resolve_unit=lambda _subject, unit=unit: unit, campaign=campaign, by=by)
        total.add(part)
    if batch is not None:
        batch.sent_at, batch.sent_summary = timezone.now(), total.summary()
        batch.save(update_fields=["sent_at", "sent_summary"])
    return total


def batch_units(batch: GuideImport) -> list[Unit]:
    units = {p.unit.pk: p.unit for p in batch.parts.select_related("unit") if p.unit is not None}
    return sorted(units.values(), key=lambda u: (u.order, u.pk))


def import_guides(*, name: str, data: bytes, by, send: bool = False) -> tuple[GuideImport, IntakeResult | None]:
    """Preview and apply in one go (the demo and scripts); optionally send the findings on."""
    batch = guide_import_preview(name=name, data=data, by=by)
    units = guide_import_apply(batch=batch, by=by)
    result = guide_findings_send(units=units, by=by, batch=batch) if send else None
    return batch, result
