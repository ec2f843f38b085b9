"""Writes: upload a proof catalogue (preview, then apply or discard) and send the current version's
findings to the problem list.

Scope of the problem list: one catalogue covers the whole county, so the analysis of the newest
stored version is the full scope — its findings go to the problem list under detector "proofs",
scope "proofs". A finding the newest version no longer produces is offered for closure; a finding
whose subject (the unit that demands the proof, as named in the catalogue) is no known unit is
counted and reported, never stored against a wrong unit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.common import InputError
from analysis.proofs import ProofCatalog, ProofReport, analyze, catalog_from_xlsx, load_catalog
from wicket.checklist.selectors import campaign_current
from wicket.core.staging import staged_discard, staged_lock, staged_size_check, staged_supersede
from wicket.core.uploads import sniff
from wicket.orgs import access
from wicket.orgs.models import Unit
from wicket.orgs.selectors import unit_resolver
from wicket.problems.intake import IntakeResult, findings_intake

from .models import CatalogVersion, FindingRow, ItemRow, ProofRow, VersionStatus

DETECTOR = "proofs"
SCOPE = "proofs"  # one catalogue covers the county: a re-analysis of the newest version is the full scope
DEFAULT_MAX_ISSUERS = 3
MAX_ISSUERS_LIMIT = 50
SUFFIXES = {".json", ".xlsx", ".xlsm"}
# What the database columns hold: a longer value is a fault of the file, named like any other.
PROOF_LIMITS = (("id", "证明编号", 100), ("name", "证明名称", 300), ("issuer", "开具单位", 200))
ITEM_LIMITS = (("id", "事项编号", 100), ("name", "事项名称", 300), ("department", "实施部门", 200))


def _require_center_staff(user) -> None:
    access.require_center_staff(user, _("只有政务服务中心工作人员可以导入证明事项目录"))


# ---------------------------------------------------------------- reading a file

def catalog_to_data(catalog: ProofCatalog) -> dict[str, Any]:
    """The catalogue in the JSON format of the product brief (what the CLI reads)."""
    return {
        "proofs": [{"id": p.id, "name": p.name, "issuer": p.issuer, "requires": list(p.requires), "basis": p.basis,
                    "shared_source": p.shared_source,
                    # a published list's columns, kept so the stored version is analysed as the file was
                    **{k: getattr(p, k) for k in ("purpose", "demanded_by", "item") if getattr(p, k)}}
                   for p in catalog.proofs],
        "items": [{"id": i.id, "name": i.name, "department": i.department, "requires": list(i.requires)}
                  for i in catalog.items],
        **({"published_list": True} if catalog.published_list else {}),
    }


def catalog_from_data(data: dict[str, Any], *, file: str) -> ProofCatalog:
    return load_catalog(json.dumps(data, ensure_ascii=False).encode("utf-8"), file=file)


def read_upload(*, name: str, data: bytes) -> ProofCatalog:
    """The catalogue in an uploaded file, or InputError naming the file and the place at fault."""
    staged_size_check(name=name, data=data)
    suffix = PurePath(name).suffix.lower()
    kind = sniff(data[:16])
    if kind == "zip":
        catalog = catalog_from_xlsx(data, file=name)
    elif kind is not None or (suffix and suffix not in SUFFIXES) or suffix in (".xlsx", ".xlsm"):
        raise InputError(_("只能导入 JSON 文件（.json，UTF-8 或 GBK 编码）或填好的 xlsx 模板"), file=name)
    else:
        catalog = load_catalog(data, file=name)
    if not catalog.proofs and not catalog.items:
        raise InputError(_("文件中没有证明，也没有事项"), file=name)
    for section, records, limits in (("proofs", catalog.proofs, PROOF_LIMITS), ("items", catalog.items, ITEM_LIMITS)):
        word = _("证明") if section == "proofs" else _("事项")
        for i, rec in enumerate(records, start=1):
            for field, label, limit in limits:
                value = getattr(rec, field)
                if len(value) > limit:
                    raise InputError(_("%(section)s 第 %(i)d 项：%(word)s“%(id)s”的%(label)s太长（%(n)d 字），最多 %(max)d 字")
                                     % {"section": section, "i": i, "word": word, "id": rec.id[:40], "label": label,
                                        "n": len(value), "max": limit}, file=name, column=field)
    return catalog


def names_of(catalog: ProofCatalog, report: ProofReport) -> set[str]:
    """Every unit name the catalogue uses: item departments, issuers and the findings' subjects."""
    names = {i.department for i in catalog.items} | {p.issuer for p in catalog.proofs}
    names.update(f.subject for f in report.findings)
    return {n for n in names if n}


# ---------------------------------------------------------------- versions

@transaction.atomic
def catalog_version_preview(*, name: str, data: bytes, by, max_issuers: int = DEFAULT_MAX_ISSUERS) -> CatalogVersion:
    """Read and analyse an upload; keep it, unstored, until the centre confirms it."""
    _require_center_staff(by)
    name = PurePath(name or "proofs.json").name[:200]
    catalog = read_upload(name=name, data=data)
    report = analyze(catalog, max_issuers=max_issuers)
    resolve = unit_resolver()
    names = {}
    for n in sorted(names_of(catalog, report)):
        unit = resolve(n)
        names[n] = unit.pk if unit else None
    staged_supersede(CatalogVersion, by=by)
    return CatalogVersion.objects.create(
        file_name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), created_by=by,
        catalog=catalog_to_data(catalog), max_issuers=max_issuers, proof_count=len(catalog.proofs),
        item_count=len(catalog.items), finding_count=len(report.findings), summary=report.summary, names=names)


def version_report(version: CatalogVersion) -> ProofReport:
    """The analysis of a version's catalogue, as the CLI computes it for the same file."""
    return analyze(catalog_from_data(version.catalog, file=version.file_name), max_issuers=version.max_issuers)


def _item_ref(finding) -> str:
    return str(finding.evidence.get("item", "")) if finding.kind in ("duplicate_proof", "excessive_runaround") else ""


@transaction.atomic
def catalog_version_apply(*, version: CatalogVersion, by) -> CatalogVersion:
    """Store the version as the county's current catalogue with its analysis. All or nothing.
    The detail rows of older versions are dropped; their files, digests and summaries stay."""
    _require_center_staff(by)
    version = staged_lock(version, refusal=_("该文件已处理过，不能重复导入"))
    report = version_report(version)
    units = Unit.objects.in_bulk([u for u in version.names.values() if u])

    def unit_of(name: str) -> Unit | None:
        return units.get(version.names.get(name))

    for model in (ProofRow, ItemRow, FindingRow):
        model.objects.exclude(version=version).delete()
    proofs = ProofRow.objects.bulk_create([
        ProofRow(version=version, position=i, proof_id=p.id, name=p.name, issuer=p.issuer, basis=p.basis,
                 shared_source=p.shared_source or "", recommendation=p.recommendation, reason=p.reason,
                 demanded_by=list(p.demanded_by), demanded_by_items=list(p.demanded_by_items),
                 required_by_proofs=list(p.required_by_proofs), items_affected=p.items_affected, in_cycle=p.in_cycle)
        for i, p in enumerate(report.proofs)], batch_size=1000)
    Through = ProofRow.demanding_units.through
    links = []
    for row, line in zip(proofs, report.proofs, strict=True):
        for unit_id in {u.pk for u in map(unit_of, line.demanded_by) if u is not None}:
            links.append(Through(proofrow_id=row.pk, unit_id=unit_id))
    Through.objects.bulk_create(links, batch_size=1000)
    ItemRow.objects.bulk_create([
        ItemRow(version=version, position=i, item_id=f.id, name=f.name, department=f.department,
                unit=unit_of(f.department), proofs_total=f.proofs_total, issuers_total=f.issuers_total,
                depth=f.depth, blocked=f.blocked, proofs_after=f.proofs_after, issuers_after=f.issuers_after,
                depth_after=f.depth_after, issuers=list(f.issuers), blocked_by=list(f.blocked_by),
                duplicates=list(f.duplicates), chain=report.item_chain(f.id).to_dict())
        for i, f in enumerate(report.items)], batch_size=500)
    FindingRow.objects.bulk_create([
        FindingRow(version=version, kind=f.kind, checklist=f.checklist, subject=f.subject[:200],
                   unit=unit_of(f.subject), message=f.message, fingerprint=f.fingerprint, item_ref=_item_ref(f)[:100],
                   data=f.to_dict())
        for f in report.findings], batch_size=1000)
    version.status, version.applied_at = VersionStatus.APPLIED, timezone.now()
    version.summary, version.finding_count = report.summary, len(report.findings)
    version.save(update_fields=["status", "applied_at", "summary", "finding_count"])
    return version


@transaction.atomic
def catalog_version_discard(*, version: CatalogVersion, by) -> None:
    _require_center_staff(by)
    staged_discard(version)


def current_version() -> CatalogVersion | None:
    """The newest stored version: the county's catalogue."""
    return (CatalogVersion.objects.filter(status=VersionStatus.APPLIED).order_by("-applied_at", "-id")
            .select_related("created_by").first())


# ---------------------------------------------------------------- problems

class _Stored:
    """A stored finding as the intake door sees it (same fingerprint as the analysis gave)."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.kind, self.checklist, self.subject, self.message = (data["kind"], data["checklist"], data["subject"],
                                                                 data["message"])
        self.fingerprint = data["fingerprint"]

    def to_dict(self) -> dict[str, Any]:
        return self.data


@transaction.atomic
def proof_findings_send(*, by) -> IntakeResult:
    """Turn the current version's findings into problems of the units that demand the proofs (the one
    intake door): a re-run never duplicates, and a problem whose finding is gone is offered for closure."""
    _require_center_staff(by)
    version = current_version()
    if version is None:
        raise ValidationError(_("还没有导入证明事项目录"))
    version = CatalogVersion.objects.select_for_update().get(pk=version.pk)
    rows: Iterable[dict[str, Any]] = FindingRow.objects.filter(version=version).order_by("id").values_list(
        "data", flat=True)
    resolve = unit_resolver()
    result = findings_intake(findings=[_Stored(d) for d in rows], detector=DETECTOR, scope=SCOPE,
                             resolve_unit=resolve, campaign=campaign_current(), by=by)
    version.sent_at, version.sent_summary = timezone.now(), result.summary()
    version.save(update_fields=["sent_at", "sent_summary"])
    return result


def import_catalog(*, name: str, data: bytes, by, send: bool = False,
                   max_issuers: int = DEFAULT_MAX_ISSUERS) -> tuple[CatalogVersion, IntakeResult | None]:
    """Preview and apply in one go (the demo and scripts); optionally send the findings on."""
    version = catalog_version_preview(name=name, data=data, by=by, max_issuers=max_issuers)
    version = catalog_version_apply(version=version, by=by)
    return version, (proof_findings_send(by=by) if send else None)
