# Reference oracle: frozen copy, see __init__.py.
"""Read a proof catalogue from the JSON format of the product brief.

    {"proofs": [{"id", "name", "issuer", "requires": [ids], "basis": text or "",
                 "shared_source": "人口库" | "法人库" | "信用库" | "电子证照库" | null}],
     "items":  [{"id", "name", "department", "requires": [ids]}]}

Every fault is an InputError naming the file and the entry (section, position and id) and
field at fault; a reference to an undefined proof id names the item or proof and the id.
The xlsx template (xlsx.py) builds the same records and shares the checks here.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

from analysis.common import InputError
from analysis.tabular import decode_text

from .model import SHARED_SOURCES, Item, Proof, ProofCatalog

# (section "proofs"|"items", index in the section, field or None) -> (message prefix, InputError kwargs)
Locate = Callable[[str, int, str | None], tuple[str, dict[str, Any]]]

SECTION_WORD = {"proofs": "证明", "items": "事项"}


def build_catalog(proofs: list[Proof], items: list[Item], *, file: str, locate: Locate) -> ProofCatalog:
    """Check that ids are unique and every `requires` names a defined proof, then wrap."""
    known = {p.id: i for i, p in enumerate(proofs)}
    if len(known) != len(proofs):
        _first_repeat("proofs", [p.id for p in proofs], locate)
    if len({it.id for it in items}) != len(items):
        _first_repeat("items", [it.id for it in items], locate)
    refs = set(chain.from_iterable(p.requires for p in proofs))
    refs.update(chain.from_iterable(it.requires for it in items))
    if not refs.issubset(known):
        sections: tuple[tuple[str, Sequence[Proof | Item]], ...] = (("proofs", proofs), ("items", items))
        for section, records in sections:
            for i, rec in enumerate(records):
                for ref in rec.requires:
                    if ref not in known:
                        prefix, where = locate(section, i, "requires")
                        raise InputError(f"{prefix}{SECTION_WORD[section]}“{rec.id}”（{rec.name}）"
                                         f"引用了未定义的证明编号“{ref}”", **where)
    return ProofCatalog(proofs=proofs, items=items, file=file, requires_unique=True)


def _first_repeat(section: str, ids: list[str], locate: Locate) -> None:
    seen: dict[str, int] = {}
    for i, x in enumerate(ids):
        first = seen.setdefault(x, i)
        if first != i:
            prefix, where = locate(section, i, "id")
            raise InputError(f"{prefix}{SECTION_WORD[section]}编号“{x}”重复（与第 {first + 1} 个{SECTION_WORD[section]}相同）",
                             **where)


def unique_ids(ids: list[str]) -> tuple[str, ...]:
    """A requirement listed twice is one requirement (the citizen shows it once at that window)."""
    return tuple(dict.fromkeys(ids)) if len(set(ids)) != len(ids) else tuple(ids)


def check_shared_source(value: str | None) -> str | None:
    """Return the source, None for empty; raise ValueError (with the Chinese reason) otherwise."""
    if value is None:
        return None
    v = value.strip()
    if not v or v.lower() in ("null", "none", "无"):
        return None
    if v not in SHARED_SOURCES:
        raise ValueError(f"shared_source“{v}”不是允许的值（{'、'.join(SHARED_SOURCES)} 或留空）")
    return v


# ---------------------------------------------------------------- JSON


@contextmanager
def gc_paused() -> Iterator[None]:
    """Reading and analysing make hundreds of thousands of small objects that hold no reference
    cycles; the cycle collector would rescan the whole heap again and again for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_catalog(data: bytes, *, file: str) -> ProofCatalog:
    """Parse and check a JSON proof catalogue (UTF-8 or GBK)."""
    with gc_paused():
        return _load_catalog(data, file)


def _load_catalog(data: bytes, file: str) -> ProofCatalog:
    text = decode_text(data, file=file)
    if not text.strip():
        raise InputError("文件为空", file=file)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}", file=file) from None
    if not isinstance(doc, dict):
        raise InputError("JSON 顶层应为对象：{\"proofs\": [...], \"items\": [...]}", file=file)

    def locate(section: str, index: int, column: str | None) -> tuple[str, dict[str, Any]]:
        return f"{section} 第 {index + 1} 项：", {"file": file, "column": column}

    proofs = [_proof_fast(obj) or _proof(obj, i, locate) for i, obj in enumerate(_section(doc, "proofs", file))]
    items = [_item_fast(obj) or _item(obj, i, locate) for i, obj in enumerate(_section(doc, "items", file))]
    return build_catalog(proofs, items, file=file, locate=locate)


def _section(doc: dict[str, Any], name: str, file: str) -> list[Any]:
    value = doc.get(name)
    if value is None:
        raise InputError(f"缺少“{name}”列表", file=file, column=name)
    if not isinstance(value, list):
        raise InputError(f"“{name}”应为列表", file=file, column=name)
    return value


def _fail(locate: Locate, section: str, index: int, column: str | None, message: str) -> InputError:
    prefix, where = locate(section, index, column)
    return InputError(prefix + message, **where)


def _text(obj: dict[str, Any], key: str, section: str, index: int, locate: Locate, *, required: bool) -> str:
    value = obj.get(key)
    if value.__class__ is str and (value := value.strip()):
        return value
    if isinstance(value, str):
        value = value.strip()
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    elif value is None:
        value = ""
    else:
        raise _fail(locate, section, index, key, f"{key} 应为文本")
    if required and not value:
        raise _fail(locate, section, index, key, f"{key} 不能为空")
    return value


def _ids(obj: dict[str, Any], section: str, index: int, locate: Locate) -> tuple[str, ...]:
    value = obj.get("requires")
    if value is None:
        return ()
    if value.__class__ is list:  # the common case, checked at C speed: a list of non-empty texts
        try:
            ids = tuple(map(str.strip, value))
        except TypeError:
            pass
        else:
            if "" not in ids:
                return ids if len(set(ids)) == len(ids) else tuple(dict.fromkeys(ids))
    if not isinstance(value, list):
        raise _fail(locate, section, index, "requires", "requires 应为证明编号的列表")
    out: list[str] = []
    for v in value:
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
        elif isinstance(v, int) and not isinstance(v, bool):
            out.append(str(v))
        else:
            raise _fail(locate, section, index, "requires", f"requires 中的“{v}”不是证明编号")
    return unique_ids(out)


def _proof_fast(obj: Any) -> Proof | None:
    """The common, well-formed record at C speed; None sends anything unusual to _proof."""
    try:
        pid, name, issuer = obj["id"].strip(), obj["name"].strip(), obj["issuer"].strip()
        requires = obj.get("requires") or ()
        ids = tuple(map(str.strip, requires)) if requires.__class__ is list else None
        basis = obj.get("basis") or ""
        source = obj.get("shared_source")
    except (TypeError, KeyError, AttributeError):
        return None
    if (not (pid and name and issuer) or ids is None and requires != () or ids and "" in ids
            or basis.__class__ is not str or not (source is None or source in SHARED_SOURCES)):
        return None
    if ids is None:
        ids = ()
    elif len(ids) > 1 and len(set(ids)) != len(ids):
        ids = tuple(dict.fromkeys(ids))
    return Proof(pid, name, issuer, ids, basis.strip(), source)


def _proof(obj: Any, i: int, locate: Locate) -> Proof:
    if not isinstance(obj, dict):
        raise _fail(locate, "proofs", i, None, "应为对象 {\"id\", \"name\", \"issuer\", ...}")
    basis = obj.get("basis")
    if basis.__class__ is str:
        pass
    elif isinstance(basis, list):  # several provisions: keep them all, readable
        if not all(isinstance(b, str) for b in basis):
            raise _fail(locate, "proofs", i, "basis", "basis 应为文本")
        basis = "；".join(b.strip() for b in basis if b.strip())
    elif basis is not None and not isinstance(basis, str):
        raise _fail(locate, "proofs", i, "basis", "basis 应为文本")
    source = obj.get("shared_source")
    if source is None or source in SHARED_SOURCES:
        shared = source
    elif not isinstance(source, str):
        raise _fail(locate, "proofs", i, "shared_source", "shared_source 应为文本或 null")
    else:
        try:
            shared = check_shared_source(source)
        except ValueError as exc:
            raise _fail(locate, "proofs", i, "shared_source", str(exc)) from None
    return Proof(
        id=_text(obj, "id", "proofs", i, locate, required=True),
        name=_text(obj, "name", "proofs", i, locate, required=True),
        issuer=_text(obj, "issuer", "proofs", i, locate, required=True),
        requires=_ids(obj, "proofs", i, locate),
        basis=(basis or "").strip(),
        shared_source=shared,
    )


def _item_fast(obj: Any) -> Item | None:
    try:
        iid, name, dept = obj["id"].strip(), obj["name"].strip(), obj["department"].strip()
        requires = obj.get("requires") or ()
        ids = tuple(map(str.strip, requires)) if requires.__class__ is list else None
    except (TypeError, KeyError, AttributeError):
        return None
    if not (iid and name and dept) or ids is None and requires != () or ids and "" in ids:
        return None
    if ids is None:
        ids = ()
    elif len(ids) > 1 and len(set(ids)) != len(ids):
        ids = tuple(dict.fromkeys(ids))
    return Item(iid, name, dept, ids)


def _item(obj: Any, i: int, locate: Locate) -> Item:
    if not isinstance(obj, dict):
        raise _fail(locate, "items", i, None, "应为对象 {\"id\", \"name\", \"department\", \"requires\"}")
    return Item(
        id=_text(obj, "id", "items", i, locate, required=True),
        name=_text(obj, "name", "items", i, locate, required=True),
        department=_text(obj, "department", "items", i, locate, required=True),
        requires=_ids(obj, "items", i, locate),
    )
