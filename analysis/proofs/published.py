"""Proof lists as counties really publish them (保留证明事项清单, 证明事项清单): one row per proof —
序号, 证明名称, 证明用途, 设定依据, 索要单位, 开具单位 … — and no prerequisite column.

Such a list is read into the same catalogue: each row a Proof (id = 序号, or P1, P2 … when the
list numbers nothing), and one item per 办理事项 (or 证明用途, which published lists use for the
item) and 索要单位, requiring the proofs of its rows — so the proofs an item needs and the offices
a citizen visits are still counted. Circular and chain findings need prerequisites; the report says
plainly that the list gave none.
"""

from __future__ import annotations

from typing import Any

from analysis.common import InputError

from .loader import build_catalog, check_shared_source
from .model import Item, Proof, ProofCatalog

# field -> the headers real lists use (first one is the name shown in errors)
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("序号", "编号", "证明编号", "id", "no"),
    "name": ("证明名称", "证明事项名称", "证明事项", "证明材料名称", "name"),
    "issuer": ("开具单位", "出具单位", "开具部门", "证明开具单位", "issuer"),
    "demanded_by": ("索要单位", "索要部门", "使用单位", "要求提供单位", "demanded_by", "department"),
    "basis": ("设定依据", "法律依据", "依据", "basis"),
    "purpose": ("证明用途", "用途", "purpose"),
    "item": ("办理事项", "事项名称", "适用事项", "对应事项", "涉及事项", "item"),
    "shared_source": ("共享数据源", "共享来源", "shared_source"),
}
_ALIAS = {alias: field for field, aliases in COLUMNS.items() for alias in aliases}


def is_published_row(record: Any) -> bool:
    return isinstance(record, dict) and any(_ALIAS.get(str(k).strip()) == "name" for k in record) and "requires" not in record


def catalog_from_rows(rows: list[dict[str, Any]], *, file: str, where: Any = None) -> ProofCatalog:
    """A catalogue from the rows of a published list. `where(index, field)` gives the InputError
    keywords naming the row and column (a workbook: sheet, row, column; JSON: the entry)."""
    def locate(index: int, field: str | None) -> dict[str, Any]:
        if where is not None:
            return where(index, field)  # type: ignore[no-any-return]
        return {"file": file, "row": None, "column": COLUMNS[field][0] if field else None}

    proofs: list[Proof] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(rows):
        if not isinstance(raw, dict):
            raise InputError(f"第 {i + 1} 项应为一行证明（对象）", file=file)
        row: dict[str, str] = {}
        for key, value in raw.items():
            field = _ALIAS.get(str(key).strip())
            if field is None or field in row:
                continue
            if isinstance(value, list):
                value = "；".join(str(v).strip() for v in value if str(v).strip())
            row[field] = "" if value is None else str(value).strip()
        if not any(row.values()):
            continue  # a blank row between sections
        for need in ("name", "issuer"):
            if not row.get(need):
                raise InputError(f"{COLUMNS[need][0]}不能为空（证明“{row.get('name') or row.get('id', '')}”）",
                                 **locate(i, need))
        pid = row.get("id") or f"P{i + 1}"
        if pid in seen:
            pid = f"{pid}-{i + 1}"  # merged or repeated 序号 in a published table: keep both rows
        seen[pid] = i
        try:
            shared = check_shared_source(row.get("shared_source"))
        except ValueError as exc:
            raise InputError(str(exc), **locate(i, "shared_source")) from None
        proofs.append(Proof(pid, row["name"], row["issuer"], (), row.get("basis", ""), shared,
                            row.get("purpose", ""), row.get("demanded_by", ""), row.get("item", "")))
    items: dict[tuple[str, str], list[str]] = {}
    for p in proofs:
        name = p.item or p.purpose
        if name and p.demanded_by:
            items.setdefault((p.demanded_by, name), []).append(p.id)
    item_list = [Item(f"事项{n}", name, dept, tuple(dict.fromkeys(ids)))
                 for n, ((dept, name), ids) in enumerate(items.items(), start=1)]

    def build_locate(section: str, index: int, column: str | None) -> tuple[str, dict[str, Any]]:
        return "", locate(index, column if column in COLUMNS else None) if section == "proofs" else {"file": file}

    catalog = build_catalog(proofs, item_list, file=file, locate=build_locate)
    catalog.published_list = True
    return catalog
