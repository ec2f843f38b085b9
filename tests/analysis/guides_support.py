"""Helpers for the guide tests (no tests here): a guide with no faults, to change one thing at a time."""

from __future__ import annotations

import copy
import json
from typing import Any

from analysis.guides import Guide, GuideFinding, check_guides, load_guides

CLEAN: dict[str, Any] = {
    "code": "11341321MB0001",
    "name": "食品经营许可证核发",
    "department": "县市场监督管理局",
    "source": "县政务服务网",
    "legal_basis": ["《中华人民共和国食品安全法》第三十五条"],
    "conditions": ["申请人具有完全民事行为能力", "具有与经营的食品品种、数量相适应的经营场所"],
    "materials": [
        {"name": "食品经营许可申请书", "required": True, "copies": 1, "medium": "纸质或电子", "origin": "申请人自备",
         "blank_form": "https://zwfw.example.gov.cn/forms/申请书.docx",
         "sample": "https://zwfw.example.gov.cn/samples/申请书示范文本.pdf", "requirements": "申请人签字",
         "basis": "《食品经营许可管理办法》第十条"},
        {"name": "营业执照复印件", "required": True, "copies": "1份", "medium": "纸质", "origin": "政府部门核发",
         "blank_form": "", "sample": "", "requirements": "加盖公章", "basis": ""},
        {"name": "法定代表人身份证明", "required": True, "origin": "申请人自备"},
    ],
    "steps": [
        {"name": "申请", "description": "申请人通过政务服务网或窗口提交申请材料", "days": 0},
        {"name": "受理", "description": "窗口当场审查，材料齐全、符合法定形式的予以受理", "days": 1},
        {"name": "决定", "description": "审批负责人作出准予许可或者不予许可的决定", "days": 4},
    ],
    "statutory_days": "20个工作日",
    "promised_days": "5个工作日",
    "fee": "不收费",
    "fee_basis": "",
    "location": "县政务服务中心二楼市场监管窗口",
    "hours": "工作日 9:00-12:00，13:30-17:00",
    "phone": "0557-8021234",
    "supervision_phone": "12345",
    "visits": 1,
    "visits_reason": "领取许可证时核验原件",
    "online_url": "https://zwfw.example.gov.cn/item/1",
}


def raw(**changes: Any) -> dict[str, Any]:
    """The clean guide as a dict with some fields changed (None removes a field)."""
    d = copy.deepcopy(CLEAN)
    for k, v in changes.items():
        if v is None:
            d.pop(k, None)
        else:
            d[k] = v
    return d


def with_material(**material: Any) -> dict[str, Any]:
    """The clean guide with one more material (appended last, index 3)."""
    d = raw()
    d["materials"].append({"name": "x", **material})
    return d


def load(*guides: dict[str, Any], file: str = "guides.json") -> list[Guide]:
    return load_guides(json.dumps(list(guides), ensure_ascii=False).encode("utf-8"), file=file)


def check(*guides: dict[str, Any], standard: dict[str, str] | None = None) -> list[GuideFinding]:
    return check_guides(load(*guides), standard=standard)


def of_kind(findings: list[GuideFinding], kind: str) -> list[GuideFinding]:
    return [f for f in findings if f.kind == kind]
