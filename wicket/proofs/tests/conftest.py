"""A small proof catalogue for the test county: 城关镇 (county.unit) and 县市场监管局 (county.other_unit)
demand proofs; 县公安局 and 村(居)委会 issue some but are no unit of the test county.

    P1 房屋所有权证明 (城关镇) needs P2; P2 土地使用证 (县市场监管局) needs P1   -> a loop
    P3 居住证明 (村(居)委会, no basis)                                          -> 取消
    P4 户籍证明 (县公安局, 人口库)                                              -> 数据共享免提交
    P5 营业执照 (县市场监管局, 法人库)                                          -> 数据共享免提交
    P6 收入证明 (村(居)委会, no basis) needs P3                                  -> 取消
    S1 个体工商户设立登记 (县市场监管局): P3, P4
    S2 宅基地建房审批 (城关镇): P1, P3, P4, P6 -> blocked, P3 twice, 4 offices
    S3 食品经营许可 (县市场监管局): P5
"""

from __future__ import annotations

import copy
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from wicket.proofs import services

TOWN, DEPT, VILLAGE, POLICE = "城关镇", "县市场监管局", "村(居)委会", "县公安局"

CATALOG: dict[str, Any] = {
    "proofs": [
        {"id": "P1", "name": "房屋所有权证明", "issuer": TOWN, "requires": ["P2"], "basis": "《不动产登记暂行条例》",
         "shared_source": None},
        {"id": "P2", "name": "土地使用证", "issuer": DEPT, "requires": ["P1"], "basis": "《土地管理法》",
         "shared_source": None},
        {"id": "P3", "name": "居住证明", "issuer": VILLAGE, "requires": [], "basis": "", "shared_source": None},
        {"id": "P4", "name": "户籍证明", "issuer": POLICE, "requires": [], "basis": "《户口登记条例》",
         "shared_source": "人口库"},
        {"id": "P5", "name": "营业执照", "issuer": DEPT, "requires": [], "basis": "《市场主体登记管理条例》",
         "shared_source": "法人库"},
        {"id": "P6", "name": "收入证明", "issuer": VILLAGE, "requires": ["P3"], "basis": "", "shared_source": None},
    ],
    "items": [
        {"id": "S1", "name": "个体工商户设立登记", "department": DEPT, "requires": ["P3", "P4"]},
        {"id": "S2", "name": "宅基地建房审批", "department": TOWN, "requires": ["P1", "P3", "P4", "P6"]},
        {"id": "S3", "name": "食品经营许可", "department": DEPT, "requires": ["P5"]},
    ],
}


def catalog(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(CATALOG)
    data.update(changes)
    return data


def as_json(data: dict[str, Any] | None = None, encoding: str = "utf-8") -> bytes:
    return json.dumps(data or CATALOG, ensure_ascii=False).encode(encoding)


def as_xlsx(data: dict[str, Any] | None = None) -> bytes:
    """The catalogue filled into the downloadable template."""
    from analysis.proofs import catalog_template_xlsx

    data = data or CATALOG
    wb = load_workbook(io.BytesIO(catalog_template_xlsx()))
    sheets = [ws for ws in wb.worksheets if ws.title in ("proofs", "证明", "items", "事项")]
    proofs, items = sheets[0], sheets[1]
    for ws in (proofs, items):
        ws.delete_rows(2, ws.max_row)
    for p in data["proofs"]:
        proofs.append([p["id"], p["name"], p["issuer"], "、".join(p["requires"]), p["basis"], p["shared_source"] or ""])
    for i in data["items"]:
        items.append([i["id"], i["name"], i["department"], "、".join(i["requires"])])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, name: str, data: bytes, max_issuers: int = 3):
    return client.post(reverse("proofs:upload"), {"file": SimpleUploadedFile(name, data), "max_issuers": max_issuers})


@pytest.fixture
def imported(county):
    """The catalogue, stored as the county's current one (not yet sent to the problem list)."""
    version, _ = services.import_catalog(name="证明目录.json", data=as_json(), by=county.center_staff)
    return version
