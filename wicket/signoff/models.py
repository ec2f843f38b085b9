"""Submissions signed by a unit head: the one mechanism for every report a unit submits.

The notice requires every report to be signed by the unit's head (主要负责人签字) and sealed (加盖公章),
with an electronic copy kept. Here a unit prepares a version (a frozen JSON snapshot of its content,
with a SHA-256 digest); the head signs it; once signed nothing about it can change. A correction is a
new version; old versions stay readable. A scan of the sealed paper copy may be attached.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def canonical_json(content: Any) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def content_digest(content: Any) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


class SubmissionStatus(models.TextChoices):
    AWAITING_SIGNATURE = "awaiting_signature", _("待负责人签字")
    SIGNED = "signed", _("已签字报送")
    WITHDRAWN = "withdrawn", _("已撤回")


class Submission(models.Model):
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(_("报送类型"), max_length=40)  # e.g. "windows_round", "campaign_report"
    key = models.CharField(_("报送对象"), max_length=100)  # e.g. "round:3", "phase:7": one series of versions
    title = models.CharField(_("标题"), max_length=200)
    version = models.PositiveIntegerField(_("版本"))
    content = models.JSONField(_("内容"))
    digest = models.CharField(_("SHA-256 摘要"), max_length=64)
    status = models.CharField(_("状态"), max_length=30, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.AWAITING_SIGNATURE)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    prepared_at = models.DateTimeField(auto_now_add=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    signer_name = models.CharField(_("签字人"), max_length=50, blank=True)

    class Meta:
        ordering = ["unit", "kind", "key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "key", "version"], name="submission_unique_version"),
            models.CheckConstraint(
                condition=~models.Q(status="signed") | models.Q(signed_at__isnull=False),
                name="submission_signed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["kind", "key", "status"])]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def save(self, *args, **kwargs):
        # A signed version is frozen: refuse any write to it once it is signed in the database.
        if self.pk and Submission.objects.filter(pk=self.pk, status=SubmissionStatus.SIGNED).exists():
            raise ValidationError(_("已签字的报送版本不能修改；如需更正，请提交新版本"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status == SubmissionStatus.SIGNED:
            raise ValidationError(_("已签字的报送版本不能删除"))
        return super().delete(*args, **kwargs)

    def digest_matches(self) -> bool:
        return content_digest(self.content) == self.digest


def scan_path(instance: SealedScan, filename: str) -> str:
    return f"sealed/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class SealedScan(models.Model):
    """The scanned paper copy with signature and seal (PDF/JPG/PNG)."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="scans")
    file = models.FileField(upload_to=scan_path, max_length=300)
    name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
