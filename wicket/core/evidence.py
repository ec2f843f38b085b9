"""An evidence file (佐证材料) kept beside a record: the one abstract model of every app that stores
uploaded evidence (a problem's photos and documents, a self-inspection answer's attachments).

The file is stored under `<UPLOAD_DIR>/<first two hex digits of its SHA-256>/<SHA-256>/<name>`;
what it belongs to is the concrete model's own foreign key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


def evidence_upload_to(instance: EvidenceFile, filename: str) -> str:
    return f"{instance.UPLOAD_DIR}/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class EvidenceFile(models.Model):
    UPLOAD_DIR = "evidence"

    file = models.FileField(upload_to=evidence_upload_to, max_length=300)
    name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
