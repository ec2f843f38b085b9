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
from operator import attrgetter
from typing import Any

import msgspec

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


_FROZEN_AT_IMPORT = gc.get_freeze_count()  # some interpreters start with a few hundred


@contextmanager
def gc_paused() -> Iterator[None]:
    """Reading and analysing make hundreds of thousands of small objects that hold no reference
    cycles; the cycle collector would rescan the whole heap again and again for nothing.

    On the way out the new objects are handed straight to the oldest generation (freeze then
    unfreeze moves the young generations there without scanning them): otherwise the first
    young collection after re-enabling would walk every one of them (≈0.3 s for a province).
    They are still collected as usual by the next full collection. Skipped when the process
    has frozen objects of its own since this module was imported (a server that called
    gc.freeze() after preloading keeps them frozen)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() <= _FROZEN_AT_IMPORT:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def load_catalog(data: bytes, *, file: str) -> ProofCatalog:
    """Parse and check a JSON proof catalogue (UTF-8 or GBK)."""
    with gc_paused():
        return _load_catalog(data, file)


class _Document(msgspec.Struct):
    proofs: list[Proof]
    items: list[Item]
    published_list: bool = False  # written by the web app when it stores a published list it read


_DECODER = msgspec.json.Decoder(_Document)
_SOURCES_OR_NONE = frozenset((None, *SHARED_SOURCES))


def _locator(file: str) -> Locate:
    def locate(section: str, index: int, column: str | None) -> tuple[str, dict[str, Any]]:
        return f"{section} 第 {index + 1} 项：", {"file": file, "column": column}
    return locate


def _load_catalog(data: bytes, file: str) -> ProofCatalog:
    tidy = _load_tidy(data)
    if tidy is not None:
        catalog = build_catalog(*tidy[:2], file=file, locate=_locator(file))
        catalog.published_list = tidy[2]
        return catalog
    text = decode_text(data, file=file)
    if not text.strip():
        raise InputError("文件为空", file=file)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}", file=file) from None
    published = _published_rows(doc)
    if published is not None:
        from .published import catalog_from_rows

        return catalog_from_rows(published, file=file)
    if not isinstance(doc, dict):
        raise InputError("JSON 顶层应为对象：{\"proofs\": [...], \"items\": [...]}", file=file)

    locate = _locator(file)
    proofs = [_proof_fast(obj) or _proof(obj, i, locate) for i, obj in enumerate(_section(doc, "proofs", file))]
    items = [_item_fast(obj) or _item(obj, i, locate) for i, obj in enumerate(_section(doc, "items", file))]
    catalog = build_catalog(proofs, items, file=file, locate=locate)
    catalog.published_list = doc.get("published_list") is True
    return catalog


def _published_rows(doc: Any) -> list[Any] | None:
    """The rows of a published list (保留证明事项清单): a JSON array of rows, or {"proofs": [rows]}
    with no items and no prerequisite field. None for the catalogue format."""
    from .published import is_published_row

    rows = doc if isinstance(doc, list) else doc.get("proofs") if isinstance(doc, dict) and "items" not in doc else None
    if isinstance(rows, list) and rows and all(is_published_row(r) or not r for r in rows):
        return rows
    return None


def _load_tidy(data: bytes) -> tuple[list[Proof], list[Item], bool] | None:
    """A tidy UTF-8 file — every text a JSON string, already stripped and non-empty where
    required, requires lists of ids, shared_source one of SHARED_SOURCES or null — decoded
    straight into Proof and Item records at C speed (msgspec). None for anything else (BOM,
    GBK, null basis, numbers as ids, stray spaces, empty names ...): the general reader below
    then gives exactly the same records or the error that names the fault."""
    try:
        doc = _DECODER.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError):  # ValidationError is a DecodeError
        return None
    proofs, items = doc.proofs, doc.items
    for records, fields in ((proofs, ("id", "name", "issuer")), (items, ("id", "name", "department"))):
        texts = list(chain.from_iterable(map(attrgetter(*fields), records)))
        if not all(texts) or list(map(str.strip, texts)) != texts:
            return None
    bases = list(map(attrgetter("basis"), proofs))
    if list(map(str.strip, bases)) != bases:
        return None
    if not _SOURCES_OR_NONE.issuperset(map(attrgetter("shared_source"), proofs)):
        return None
    for records in (proofs, items):
        requires = list(map(attrgetter("requires"), records))
        flat = list(chain.from_iterable(requires))
        if not all(flat) or list(map(str.strip, flat)) != flat:
            return None
        lengths = list(map(len, requires))
        if list(map(len, map(set, requires))) != lengths:  # a requirement listed twice is one
            for r in records:
                if len(set(r.requires)) != len(r.requires):
                    r.requires = tuple(dict.fromkeys(r.requires))
    return proofs, items, doc.published_list


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
    extra = [obj.get(k) or "" for k in ("purpose", "demanded_by", "item")]
    if not all(x.__class__ is str for x in extra):
        return None
    return Proof(pid, name, issuer, ids, basis.strip(), source, *(x.strip() for x in extra))


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
        purpose=_text(obj, "purpose", "proofs", i, locate, required=False),
        demanded_by=_text(obj, "demanded_by", "proofs", i, locate, required=False),
        item=_text(obj, "item", "proofs", i, locate, required=False),
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
