"""One way to send a file to the browser as a download, Chinese file names included.

The Content-Disposition header is built by Django (RFC 6266: `filename*=utf-8''…` for a name that is
not plain ASCII), never by hand.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    """`data` (made in memory: an export, a rendered document) as a download named `filename`.
    Stored files go through Django's FileResponse(…, as_attachment=True, filename=…) instead."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
