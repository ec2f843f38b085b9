"""The county's proof catalogue (证明事项目录) as uploaded, version by version, and the analysis of
the current one.

One catalogue covers the whole county: every upload is a new version; once confirmed, the newest
confirmed version is the current one, and its analysis (one row per proof, per item, per finding)
is what the pages show and what goes to the problem list.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wicket.core.staging import StagedImport, StageStatus

VersionStatus = StageStatus  # the status of a version is the one of every staged import


class CatalogVersion(StagedImport):
    """One uploaded catalogue: parsed and previewed (pending), then stored (applied) or discarded."""

    catalog = models.JSONField(_("证明事项目录"), help_text="the parsed catalogue in the JSON format of the brief")
    max_issuers = models.PositiveSmallIntegerField(_("事项最多涉及开具单位数"), default=3)
    proof_count = models.PositiveIntegerField(_("证明数"), default=0)
    item_count = models.PositiveIntegerField(_("事项数"), default=0)
    finding_count = models.PositiveIntegerField(_("发现问题数"), default=0)
    summary = models.JSONField(_("分析摘要"), default=dict, blank=True)
    names = models.JSONField(_("单位名称对应"), default=dict, blank=True,
                             help_text="name as written -> unit id or null (departments and issuers)")
    sent_at = models.DateTimeField(_("送入问题清单时间"), null=True, blank=True)
    sent_summary = models.TextField(_("送入问题清单结果"), blank=True)
    history = HistoricalRecords(excluded_fields=["catalog", "summary", "names"])

    class Meta(StagedImport.Meta):
        verbose_name = _("证明事项目录版本")
        verbose_name_plural = _("证明事项目录版本")

    @property
    def unknown_names(self) -> list[str]:
        return sorted(n for n, unit in self.names.items() if unit is None)


class ProofRow(models.Model):
    """One line of the 证明事项清理清单 (analysis.proofs.ProofLine) of a stored version."""

    version = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="proofs")
    position = models.PositiveIntegerField(_("文件中的序号"))
    proof_id = models.CharField(_("证明编号"), max_length=100)
    name = models.CharField(_("证明名称"), max_length=300)
    issuer = models.CharField(_("开具单位"), max_length=200)
    basis = models.TextField(_("设定依据"), blank=True)
    shared_source = models.CharField(_("共享数据源"), max_length=20, blank=True)
    recommendation = models.CharField(_("清理建议"), max_length=20)
    reason = models.TextField(_("理由"))
    demanded_by = models.JSONField(_("索要单位"), default=list)
    demanded_by_items = models.JSONField(_("直接索要的事项"), default=list)
    required_by_proofs = models.JSONField(_("以其为前提的证明"), default=list)
    items_affected = models.PositiveIntegerField(_("涉及事项数"), default=0)
    in_cycle = models.BooleanField(_("处于循环证明中"), default=False)
    demanding_units = models.ManyToManyField("orgs.Unit", verbose_name=_("索要单位"), related_name="+", blank=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["version", "recommendation"]), models.Index(fields=["version", "issuer"])]
        constraints = [models.UniqueConstraint(fields=["version", "proof_id"], name="proofrow_unique_id")]

    def __str__(self) -> str:
        return f"{self.name}（{self.proof_id}）"


class ItemRow(models.Model):
    """One service item of a stored version: its chain's figures now and after the recommendations,
    and the chain itself (nodes and edges) for drawing."""

    version = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("文件中的序号"))
    item_id = models.CharField(_("事项编号"), max_length=100)
    name = models.CharField(_("事项名称"), max_length=300)
    department = models.CharField(_("实施部门（原文）"), max_length=200)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("实施部门"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    proofs_total = models.PositiveIntegerField(_("证明数"))
    issuers_total = models.PositiveIntegerField(_("开具单位数"))
    depth = models.PositiveIntegerField(_("链条层数"))
    blocked = models.BooleanField(_("因循环证明无法办结"), default=False)
    proofs_after = models.PositiveIntegerField(_("清理后证明数"))
    issuers_after = models.PositiveIntegerField(_("清理后开具单位数"))
    depth_after = models.PositiveIntegerField(_("清理后链条层数"))
    issuers = models.JSONField(_("开具单位"), default=list)
    blocked_by = models.JSONField(default=list)
    duplicates = models.JSONField(default=list)
    chain = models.JSONField(help_text="analysis ChainGraph.to_dict()")

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "item_id"], name="itemrow_unique_id")]

    def __str__(self) -> str:
        return f"{self.name}（{self.item_id}）"


class FindingRow(models.Model):
    """A finding of the analysis of a stored version (analysis.common.Finding.to_dict())."""

    version = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("问题类型"), max_length=50)
    checklist = models.CharField(_("问题类别"), max_length=10)
    subject = models.CharField(_("索要单位（原文）"), max_length=200)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("问题描述"))
    fingerprint = models.CharField(max_length=64, db_index=True)
    item_ref = models.CharField(max_length=100, blank=True,
                                help_text="the item id of a finding about one item (runaround, duplicates in its chain)")
    data = models.JSONField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["version", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} · {self.subject}"
