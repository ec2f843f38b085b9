"""Service guides as published (one row per copy on one site), the import batches they came in,
and the findings of the last check of each department's guides.

A department's stored guides from every source are checked together after each import, so its
findings are always those of one check over exactly the guides shown.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wicket.core.staging import StagedImport, StageStatus

ImportStatus = StageStatus  # the status of a batch is the one of every staged import


class GuideImport(StagedImport):
    """One uploaded file: parsed and previewed (pending), then stored (applied) or discarded.
    Applied batches stay as the import history even after later batches replace their guides."""

    payload = models.JSONField(_("解析结果"), null=True, blank=True,
                               help_text="the parsed guides while the batch waits for confirmation")
    guide_count = models.PositiveIntegerField(_("指南数"), default=0)
    finding_count = models.PositiveIntegerField(_("文件内发现问题数"), default=0)
    kind_counts = models.JSONField(_("各类问题数"), default=dict, blank=True)
    replaced_count = models.PositiveIntegerField(_("替换原有指南数"), default=0)
    sent_at = models.DateTimeField(_("送入问题清单时间"), null=True, blank=True)
    sent_summary = models.TextField(_("送入问题清单结果"), blank=True)
    history = HistoricalRecords(excluded_fields=["payload"])

    class Meta(StagedImport.Meta):
        verbose_name = _("办事指南导入批次")
        verbose_name_plural = _("办事指南导入批次")

    @property
    def scope(self) -> dict:
        """Sources and departments of the batch (uses prefetched parts)."""
        parts = list(self.parts.all())
        units = {p.unit.display_name if p.unit else p.department for p in parts}
        return {"sources": sorted({p.source for p in parts}), "units": sorted(units),
                "unit_count": len(units)}


class ImportPart(models.Model):
    """The guides of one department (as written) from one source within a batch."""

    batch = models.ForeignKey(GuideImport, on_delete=models.CASCADE, related_name="parts")
    department = models.CharField(_("实施主体"), max_length=200)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    source = models.CharField(_("发布来源"), max_length=200, blank=True)
    guide_count = models.PositiveIntegerField(_("指南数"), default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.department} · {self.source}"


class Guide(models.Model):
    """One published copy of a service guide: one item as one source (site) publishes it."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("实施部门"), on_delete=models.PROTECT, related_name="guides")
    batch = models.ForeignKey(GuideImport, verbose_name=_("导入批次"), on_delete=models.PROTECT,
                              related_name="guides")
    source = models.CharField(_("发布来源"), max_length=200, blank=True)
    code = models.CharField(_("事项编码"), max_length=100, blank=True)
    name = models.CharField(_("事项名称"), max_length=300)
    department = models.CharField(_("实施主体（原文）"), max_length=200)
    identity = models.CharField(max_length=400, help_text="the item across sources: 编码:<code> or 名称:<name>")
    position = models.PositiveIntegerField(_("文件中的序号"), default=0)
    line = models.PositiveIntegerField(_("文件中的行号"), null=True, blank=True)
    data = models.JSONField(_("指南内容"), help_text="the guide exactly as read (analysis.guides.Guide)")
    imported_at = models.DateTimeField(_("导入时间"))
    finding_count = models.PositiveIntegerField(_("问题数"), default=0)

    class Meta:
        ordering = ["unit__order", "unit_id", "name", "source", "id"]
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")
        indexes = [models.Index(fields=["unit", "source"]), models.Index(fields=["unit", "identity"])]

    def __str__(self) -> str:
        return f"{self.name} · {self.source}"


class Finding(models.Model):
    """A finding of the last check of a department's guides. A cross-site finding names every copy."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    guides = models.ManyToManyField(Guide, related_name="findings")
    kind = models.CharField(_("问题类型"), max_length=50)
    checklist = models.CharField(_("问题类别"), max_length=10)
    where = models.CharField(_("位置"), max_length=300, blank=True)
    text = models.TextField(_("原文"), blank=True)
    message = models.TextField(_("整改建议"))
    fingerprint = models.CharField(max_length=64, db_index=True)
    data = models.JSONField(help_text="analysis GuideFinding.to_dict()")
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["unit", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} · {self.where}"
