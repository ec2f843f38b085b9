"""Guides for the test county's department (county.other_unit, 县市场监管局): one clean, one faulty."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.analysis.guides_support import raw
from wicket.guides import services

DEPT = "县市场监管局"


def guide(**changes: Any) -> dict[str, Any]:
    return raw(**{"department": DEPT, **changes})


def faulty(**changes: Any) -> dict[str, Any]:
    """Two faults: a catch-all material and a phone without area code."""
    g = guide(**{"code": "11341321MB0002", "name": "个体工商户设立登记", "phone": "8828006", **changes})
    g["materials"] = [*g["materials"], {"name": "法律、行政法规规定的其他材料", "required": False}]
    return g


def as_json(*guides: dict[str, Any]) -> bytes:
    return json.dumps(list(guides), ensure_ascii=False).encode("utf-8")


def as_jsonl(*guides: dict[str, Any], encoding: str = "utf-8") -> bytes:
    return "\n".join(json.dumps(g, ensure_ascii=False) for g in guides).encode(encoding)


def upload(client, name: str, data: bytes):
    return client.post(reverse("guides:upload"), {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def imported(county):
    """The department's county-site guides, imported (not yet sent to the problem list)."""
    batch, _ = services.import_guides(name="县市场监管局.json", data=as_json(guide(), faulty()), by=county.center_staff)
    return batch
