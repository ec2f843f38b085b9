"""Checks for uploaded files: size, and that the content is what its name claims.

A file is recognised by its first bytes, not by its name, so a script renamed photo.jpg is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

SIGNATURES: list[tuple[str, bytes, int]] = [
    ("png", b"\x89PNG\r\n\x1a\n", 0),
    ("jpeg", b"\xff\xd8\xff", 0),
    ("gif", b"GIF8", 0),
    ("webp", b"WEBP", 8),
    ("pdf", b"%PDF-", 0),
    ("zip", b"PK\x03\x04", 0),  # xlsx, docx
    ("ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0),  # xls, doc
]

KIND_EXTENSIONS = {
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "gif": {".gif"},
    "webp": {".webp"},
    "pdf": {".pdf"},
    "zip": {".xlsx", ".docx", ".xlsm", ".zip"},
    "ole": {".xls", ".doc"},
}

IMAGES = ("png", "jpeg", "gif", "webp")
EVIDENCE_KINDS = (*IMAGES, "pdf", "zip", "ole")
CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
                 "pdf": "application/pdf", "zip": "application/zip", "ole": "application/octet-stream"}


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: str
    size: int
    sha256: str
    content_type: str


def sniff(head: bytes) -> str | None:
    for kind, magic, offset in SIGNATURES:
        if head[offset:offset + len(magic)] == magic:
            return kind
    return None


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_upload(upload: UploadedFile, *, kinds: tuple[str, ...] = EVIDENCE_KINDS,
                 max_bytes: int | None = None) -> CheckedUpload:
    max_bytes = max_bytes or settings.WICKET_MAX_UPLOAD_BYTES
    name = PurePath(upload.name or "file").name
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("文件“%(name)s”是空的") % {"name": name})
    if size > max_bytes:
        raise ValidationError(_("文件“%(name)s”太大（%(size).1f MB），上限 %(max).0f MB")
                              % {"name": name, "size": size / 1e6, "max": max_bytes / 1e6})
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if kind not in kinds:
        raise ValidationError(_("文件“%(name)s”的内容不是允许的类型（允许：%(kinds)s）")
                              % {"name": name, "kinds": "、".join(kinds)})
    suffix = PurePath(name).suffix.lower()
    if suffix and suffix not in KIND_EXTENSIONS[kind]:
        raise ValidationError(_("文件“%(name)s”的扩展名与内容不符") % {"name": name})
    return CheckedUpload(name=name, kind=kind, size=size, sha256=sha256_of(upload),
                         content_type=CONTENT_TYPES[kind])
