"""Real exports, read fast: msgspec structs built for the keys a file uses, with loose value types.

Real exports (issue 15) write Chinese keys, text or a number for the same field, 是/否 for yes/no, a
material as a plain string, null rows. The lenient reader (lenient.py) reads all that from json and
dicts. This path reads the same files at a fraction of the cost: the keys the first records use
decide the struct types (one field per key, renamed to it; keys that name no field are skipped
unread), msgspec decodes each record into them, and the values become the model as the lenient
reader would make them.

A record this path cannot read exactly as the lenient reader would — another key set, a value of
a type the structs do not admit, a value the lenient reader would report as a fault — is read by the
lenient reader instead, so the guides are always the lenient reader's guides.
"""

from __future__ import annotations

import json
import math
from typing import Any

import msgspec

from .lenient import (
    GUIDE_ALIASES,
    GUIDE_KEYS,
    MATERIAL_ALIASES,
    MATERIAL_KEYS,
    REQUIRED_WORDS,
    STEP_ALIASES,
    STEP_KEYS,
    GuideInputError,
    field_of,
    guide_from_dict,
    read_required,
)
from .model import Days, Guide, Material, Step
from .values import days_of, visits_of


class Fallback(Exception):
    """The whole file needs the lenient reader (it is not a JSON array or JSON Lines msgspec reads)."""


class _Unread(Exception):
    """This record needs the lenient reader (which reports what is wrong with it)."""


Text = str | int | float | None
_TEXTS = list[Text] | Text
_PROBE = 8  # records whose keys decide the struct types


def _struct(name: str, keys: list[str], known: frozenset[str], aliases: dict[str, str],
            types: dict[str, Any]) -> Any:
    """A struct with one field per key that names a field (the first key for a field; a record
    with a second key for it fails to decode and goes to the lenient reader), keys naming no field
    skipped unread, and the fields no key names reading as None (like a missing key)."""
    fields: list[tuple[str, Any, Any]] = []
    rename: dict[str, str] = {}
    taken: set[str] = set()
    for i, key in enumerate(keys):
        field = field_of(key, known, aliases)
        if field is None:
            fields.append((f"unused_{i}", msgspec.Raw, msgspec.Raw()))
            rename[f"unused_{i}"] = key
        elif field not in taken:
            taken.add(field)
            fields.append((field, types.get(field, Text), None))
            rename[field] = key
    absent = {field: None for field in known - taken}
    return msgspec.defstruct(name, fields, rename=rename, namespace=absent, forbid_unknown_fields=True, gc=False)


def _keys(values: list[Any]) -> list[str]:
    """The keys of the objects among `values`, in the order they first appear."""
    seen: dict[str, None] = {}
    for v in values:
        if isinstance(v, dict):
            seen.update(dict.fromkeys(v))
    return list(seen)


def _entries_of(record: dict[str, Any], field: str, aliases: dict[str, str]) -> list[Any]:
    for key, value in record.items():
        if field_of(key, GUIDE_KEYS, aliases) == field:
            return value if isinstance(value, list) else [value]
    return []


_DECODERS: dict[tuple[tuple[str, ...], ...], msgspec.json.Decoder[Any]] = {}


def _decoder(first: list[Any]) -> msgspec.json.Decoder[Any]:
    """The decoder for records keyed like these (a file's first records), made once per key set."""
    guide_keys = _keys(first)
    material_keys = _keys([m for r in first if isinstance(r, dict) for m in _entries_of(r, "materials", GUIDE_ALIASES)])
    step_keys = _keys([s for r in first if isinstance(r, dict) for s in _entries_of(r, "steps", GUIDE_ALIASES)])
    sig = (tuple(guide_keys), tuple(material_keys), tuple(step_keys))
    decoder = _DECODERS.get(sig)
    if decoder is None:
        m = _struct("LooseMaterial", material_keys, MATERIAL_KEYS, MATERIAL_ALIASES,
                    {"required": bool | int | str | None})
        s = _struct("LooseStep", step_keys, STEP_KEYS, STEP_ALIASES, {})
        g = _struct("LooseGuide", guide_keys, GUIDE_KEYS, GUIDE_ALIASES, {
            "legal_basis": _TEXTS, "conditions": _TEXTS,
            "materials": list[m | str | None] | m | str | None,  # type: ignore[valid-type]
            "steps": list[s | str | None] | s | str | None,  # type: ignore[valid-type]
        })
        decoder = msgspec.json.Decoder(g)
        if len(_DECODERS) < 64:
            _DECODERS[sig] = decoder
    return decoder


_RECORDS = msgspec.json.Decoder(list[msgspec.Raw])
_RECORD = msgspec.json.Decoder(msgspec.Raw)


def read_loose(data: bytes, file: str) -> list[Guide]:
    """Guides from a JSON array or JSON Lines file; raises Fallback when the lenient reader must read it."""
    head = data.lstrip()[:1]
    lines: list[int | None]
    try:
        if head == b"[":
            records = _RECORDS.decode(data)
            lines = [None] * len(records)
        elif head == b"{":
            numbered = [(n, ln) for n, ln in enumerate(data.split(b"\n"), start=1) if ln.strip()]
            if len(numbered) < 2:
                raise Fallback  # one object: perhaps {"guides": [...]}, which the lenient reader unwraps
            records = [_RECORD.decode(ln) for _, ln in numbered]
            lines = [n for n, _ in numbered]
        else:
            raise Fallback
        first = [msgspec.json.decode(r) for r in records[:_PROBE]]
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        raise Fallback from None
    try:
        decoder = _decoder(first)
    except (TypeError, ValueError):  # a key msgspec cannot name a field by (control characters ...)
        raise Fallback from None
    out = []
    for i, (raw, line) in enumerate(zip(records, lines, strict=True)):
        try:
            out.append(_guide(decoder.decode(raw), file, line))
        except (msgspec.ValidationError, _Unread):
            out.append(_lenient(raw, i, file, line))
        except msgspec.DecodeError:  # not UTF-8, say: the lenient reader decodes the file as a whole
            raise Fallback from None
    return out


def _lenient(raw: msgspec.Raw, index: int, file: str, line: int | None) -> Guide:
    try:
        return guide_from_dict(json.loads(bytes(raw)), index=index, file=file, line=line)
    except (ValueError, RecursionError):  # GuideInputError and JSON errors too: the lenient reader decides
        raise Fallback from None


# ---------------------------------------------------------------- values, as the lenient reader reads them


def _text(value: Text) -> str:
    return value if value.__class__ is str else ("" if value is None else str(value))  # type: ignore[return-value]


def _texts(value: Any) -> tuple[tuple[str, ...], bool]:
    if value.__class__ is list:
        return tuple([v if v.__class__ is str else _text(v) for v in value]), True
    text = _text(value)
    return ((text,) if text.strip() else ()), False


def _entries(value: Any) -> Any:
    if value is None:
        return ()
    if value.__class__ is list:
        return value
    if value.__class__ is str:
        return (value,) if value.strip() else ()
    return (value,)  # one entry written without its list


def _not_a_fault(value: Any) -> bool | None:
    try:
        return read_required(value, "", _unread)
    except GuideInputError:
        raise _Unread from None


def _unread(path: str, message: str) -> GuideInputError:
    return GuideInputError(message)


def _material(m: Any) -> Material:
    if m.__class__ is str:
        return Material(m)
    if m is None:
        return Material("")
    required = m.required
    if required is not None and required is not True and required is not False:
        required = REQUIRED_WORDS.get(required) if required.__class__ is str else None
        if required is None:
            required = _not_a_fault(m.required)
    copies = m.copies
    if copies is None:
        copies = ""
    elif copies.__class__ is float and not math.isfinite(copies):
        raise _Unread
    name, medium, origin, blank_form, sample, requirements, basis = (
        m.name, m.medium, m.origin, m.blank_form, m.sample, m.requirements, m.basis)
    return Material(
        name if name.__class__ is str else _text(name), required, copies,
        medium if medium.__class__ is str else _text(medium), origin if origin.__class__ is str else _text(origin),
        blank_form if blank_form.__class__ is str else _text(blank_form),
        sample if sample.__class__ is str else _text(sample),
        requirements if requirements.__class__ is str else _text(requirements),
        basis if basis.__class__ is str else _text(basis),
    )


def _step(s: Any) -> Step:
    if s.__class__ is str:
        return Step(s)
    if s is None:
        return Step()
    days = s.days
    if days.__class__ is float and not math.isfinite(days):
        raise _Unread
    return Step(_text(s.name), _text(s.description), days)


def _days(value: Text) -> Days | None:
    try:
        return days_of(value)
    except ValueError:
        raise _Unread from None


def _guide(r: Any, file: str, line: int | None) -> Guide:
    name, department = _text(r.name), _text(r.department)
    if not name.strip() or not department.strip():
        raise _Unread  # the lenient reader reports the missing name or department
    legal_basis, _ = _texts(r.legal_basis)
    conditions, conditions_is_list = _texts(r.conditions)
    visits = r.visits
    if visits.__class__ is float:
        if not (visits.is_integer() and 0 <= visits < 1000):
            raise _Unread
        visits = int(visits)
    try:
        visits, visits_text = visits_of(visits)
    except ValueError:
        raise _Unread from None
    code, source, fee, fee_basis, location, hours, phone, supervision_phone, visits_reason, online_url = [
        v if v.__class__ is str else _text(v)
        for v in (r.code, r.source, r.fee, r.fee_basis, r.location, r.hours, r.phone, r.supervision_phone,
                  r.visits_reason, r.online_url)]
    return Guide(
        name=name, department=department, code=code, source=source, legal_basis=legal_basis,
        conditions=conditions, conditions_is_list=conditions_is_list,
        materials=tuple([_material(m) for m in _entries(r.materials)]),
        steps=tuple([_step(s) for s in _entries(r.steps)]),
        statutory_days=_days(r.statutory_days), promised_days=_days(r.promised_days),
        fee=fee, fee_basis=fee_basis, location=location, hours=hours, phone=phone,
        supervision_phone=supervision_phone, visits=visits, visits_text=visits_text,
        visits_reason=visits_reason, online_url=online_url, file=file, line=line,
    )
