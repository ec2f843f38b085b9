"""Read guides from JSON (an array, JSON Lines, or {"guides": [...]}) in UTF-8 or GBK.

Well-formed files are decoded straight into the model (msgspec); real exports (Chinese keys, loose
values) through structs made for their keys (loose.py); whatever else, and any record those paths
cannot read exactly as the lenient reader (lenient.py) would, goes to the lenient reader, which
builds the same guides or names the fault.
"""

from __future__ import annotations

import json
import math

import msgspec

from analysis.tabular import decode_text

from .lenient import (
    GUIDE_KEYS,
    GuideInputError,
    as_text,
    canonical_keys,
    guide_from_dict,
    load_guides_lenient,
    parse_json_records,
    text_list,
    type_name,
)
from .loose import Fallback, read_loose
from .model import Guide, Material, Step
from .values import days_of, visits_of

__all__ = ["GUIDE_KEYS", "GuideInputError", "guide_from_dict", "load_guides", "load_guides_lenient",
           "load_standard", "parse_json_records"]


# ---------------------------------------------------------------- fast path
# Well-formed files (English keys, JSON types as in the brief) are decoded straight into the
# model by msgspec, several times faster than json + dicts. Anything else — Chinese keys, extra
# keys, numbers where text belongs, 是/否, a string for a material, a fault — takes the lenient
# reader in lenient.py, which builds the same guides or raises the error that names the fault.


class _RawGuide(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    name: str = ""
    department: str = ""
    code: str | int | None = None
    source: str | None = None
    legal_basis: tuple[str, ...] | str | None = None
    conditions: tuple[str, ...] | str | None = None
    materials: tuple[Material, ...] | None = None
    steps: tuple[Step, ...] | None = None
    statutory_days: int | float | str | None = None
    promised_days: int | float | str | None = None
    fee: str | int | float | None = None
    fee_basis: str | None = None
    location: str | None = None
    hours: str | None = None
    phone: str | None = None
    supervision_phone: str | None = None
    visits: int | str | None = None
    visits_reason: str | None = None
    online_url: str | None = None


_RAW_DECODER = msgspec.json.Decoder(list[_RawGuide])


class _Fallback(Exception):
    pass


def _s(value: str | int | float | None) -> str:
    return "" if value is None else (value if value.__class__ is str else str(value))  # type: ignore[return-value]


def _from_raw(r: _RawGuide, file: str, line: int | None) -> Guide:
    name, department = r.name, r.department
    if not name.strip() or not department.strip():
        raise _Fallback
    steps = r.steps
    if steps:
        for s in steps:
            if s.days.__class__ is float and not math.isfinite(s.days):  # type: ignore[arg-type]
                raise _Fallback
    lb = r.legal_basis
    conditions, conditions_is_list = text_list(r.conditions)
    try:
        statutory_days, promised_days = days_of(r.statutory_days), days_of(r.promised_days)
        visits, visits_text = visits_of(r.visits)
    except ValueError:
        raise _Fallback from None
    code, fee = r.code, r.fee
    return Guide(
        name=name, department=department, code=code if code.__class__ is str else _s(code),  # type: ignore[arg-type]
        source=r.source or "", legal_basis=lb if lb.__class__ is tuple else text_list(lb)[0],  # type: ignore[arg-type]
        conditions=conditions, conditions_is_list=conditions_is_list, materials=r.materials or (),
        steps=steps or (), statutory_days=statutory_days, promised_days=promised_days,
        fee=fee if fee.__class__ is str else _s(fee), fee_basis=r.fee_basis or "",  # type: ignore[arg-type]
        location=r.location or "", hours=r.hours or "", phone=r.phone or "",
        supervision_phone=r.supervision_phone or "", visits=visits, visits_text=visits_text,
        visits_reason=r.visits_reason or "", online_url=r.online_url or "", file=file, line=line,
    )


def _fast(data: bytes, file: str) -> list[Guide]:
    """Raises _Fallback (or a decoding error) whenever the lenient path must decide."""
    head = data.lstrip()[:1]
    if head == b"[":
        return [_from_raw(r, file, None) for r in _RAW_DECODER.decode(data)]
    if head != b"{":
        raise _Fallback
    # JSON Lines: one object per line, decoded as one array
    numbered = [(n, ln) for n, ln in enumerate(data.split(b"\n"), start=1) if ln.strip()]
    raws = _RAW_DECODER.decode(b"[" + b",".join(ln for _, ln in numbered) + b"]")
    if len(raws) != len(numbered):
        raise _Fallback
    return [_from_raw(r, file, n) for r, (n, _) in zip(raws, numbered, strict=True)]


_FAST_FAILURES = (_Fallback, msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, ValueError,
                  RecursionError)


def load_guides(data: bytes, *, file: str) -> list[Guide]:
    """Guides from a JSON array, JSON Lines or {"guides": [...]} file, UTF-8 or GBK.

    Raises GuideInputError (an InputError) naming the file, the line (JSON Lines), the column of
    a JSON syntax error, and the path of a faulty value such as ``[12].materials[3].required``.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return _quick(body, file)
    except UnicodeDecodeError:
        try:
            return _quick(decode_text(data, file=file).encode("utf-8"), file)
        except (*_FAST_FAILURES, Fallback):
            pass
    except Fallback:
        pass
    return load_guides_lenient(data, file=file)


def _quick(body: bytes, file: str) -> list[Guide]:
    """The well-formed path, else the path for real exports; raises Fallback for the lenient reader."""
    try:
        return _fast(body, file)
    except UnicodeDecodeError:
        raise
    except _FAST_FAILURES:
        return read_loose(body, file)


def load_standard(data: bytes, *, file: str) -> dict[str, str]:
    """A standard catalogue: {"code": "name", ...}, or a list of {"code", "name"} (Chinese keys too),
    or a CSV/XLSX table with columns code (事项编码) and name (事项名称)."""
    if file.lower().endswith((".csv", ".xlsx", ".xls", ".xlsm")):
        from analysis.tabular import Column, read_table

        table = read_table(data, file=file, columns=[Column("code", ("事项编码", "编码")),
                                                     Column("name", ("事项名称", "标准名称", "名称"))])
        out = {}
        for i, row in enumerate(table.rows):
            if not row["code"] or not row["name"]:
                raise table.error(i, "code" if not row["code"] else "name", "不能为空")
            out[row["code"]] = row["name"]
        return out
    records = parse_json_records(data, file=file)
    if len(records) == 1 and isinstance(records[0][0], dict) and not ({"code", "事项编码", "编码"} & set(records[0][0])):
        mapping = records[0][0]
        for k, v in mapping.items():
            if not isinstance(v, str) or not v.strip():
                raise GuideInputError("标准名称应为非空文字", file=file, path=f"[{json.dumps(k, ensure_ascii=False)}]")
        return {str(k).strip(): v.strip() for k, v in mapping.items()}
    out = {}
    for i, (raw, line) in enumerate(records):
        def fail(suffix: str, message: str, i: int = i, line: int | None = line) -> GuideInputError:
            return GuideInputError(message, file=file, row=line, path=f"[{i}]{suffix}")
        if not isinstance(raw, dict):
            raise fail("", f"应为含 code 和 name 的对象，实际是{type_name(raw)}")
        d = canonical_keys(raw, frozenset({"code", "name"}), {"事项编码": "code", "编码": "code", "事项名称": "name",
                                                           "标准名称": "name", "名称": "name"})
        code = as_text(d.get("code"), ".code", fail)
        name = as_text(d.get("name"), ".name", fail)
        if not code:
            raise fail(".code", "缺少事项编码")
        if not name:
            raise fail(".name", "缺少标准名称")
        out[code] = name
    return out
