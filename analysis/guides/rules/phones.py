"""bad_phone (1.3): a landline without its area code (nobody outside the county can dial it),
a phone field with no number in it, or a supervision phone equal to the consultation phone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.guides.model import Guide, GuideFinding
from analysis.guides.values import is_empty

from .base import make

PHONE_RE = re.compile(
    r"(?<![0-9])(?:"
    r"(?:\+?86[-\s]?)?(?P<mobile>1[3-9][0-9]{9})"
    r"|(?P<service>[48]00[-\s－]?[0-9]{3}[-\s－]?[0-9]{4}|(?:12|95|96)[0-9]{3,4})"
    r"|(?:\+?86[-\s]?)?[（(]?(?P<area>0[0-9]{2,3})[)）]?\s*[-－—\s]?\s*(?P<local>[1-9][0-9]{6,7})"
    r"|(?P<bare>[1-9][0-9]{6,7})"
    r")(?![0-9])"
)
# Full-width digits and signs as ASCII, one character for one, so offsets stay true.
_HALF_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "＋": "+", "　": " "})
_LABELS = {"phone": "咨询电话", "supervision_phone": "监督投诉电话"}


@dataclass(frozen=True, slots=True)
class Phone:
    text: str  # as written
    start: int
    end: int
    area: str  # "" for a landline without area code, "-" for mobile/service numbers
    number: str  # digits that identify the line


@lru_cache(maxsize=65536)
def phones_in(text: str) -> tuple[Phone, ...]:
    """Every phone number written in a field (phone fields repeat across guides: remembered)."""
    out = []
    for m in PHONE_RE.finditer(text.translate(_HALF_WIDTH)):
        written = text[m.start():m.end()]
        if m.group("mobile"):
            out.append(Phone(written, m.start(), m.end(), "-", m.group("mobile")))
        elif m.group("service"):
            out.append(Phone(written, m.start(), m.end(), "-", re.sub(r"[^0-9]", "", m.group("service"))))
        elif m.group("local"):
            out.append(Phone(written, m.start(), m.end(), m.group("area"), m.group("local")))
        else:
            out.append(Phone(written, m.start(), m.end(), "", m.group("bare")))
    return tuple(out)


@lru_cache(maxsize=65536)
def _dialable(text: str) -> frozenset[str] | None:
    """The numbers in a phone field when there is one and every one has its area code, else None."""
    phones = phones_in(text)
    return frozenset(p.number for p in phones) if phones and all(p.area for p in phones) else None


def check(guide: Guide, index: int, out: list[GuideFinding]) -> None:
    phone, supervision = guide.phone, guide.supervision_phone
    good, good_supervision = _dialable(phone), _dialable(supervision)
    if good is not None and good_supervision is not None and good.isdisjoint(good_supervision):
        return  # the common case: every number has its area code, and the two lines differ
    consult, supervise = phones_in(phone), phones_in(supervision)
    found: dict[str, tuple[Phone, ...]] = {}
    for field, text, phones in (("phone", phone, consult), ("supervision_phone", supervision, supervise)):
        if is_empty(text):
            continue  # missing_field reports it
        label = _LABELS[field]
        found[field] = phones
        if not phones:
            out.append(make(
                guide, index, "bad_phone", where=field, where_key=field, text=text,
                message=f"{label}“{text}”里没有可以拨打的电话号码。请写明带区号的完整号码（如 0557-8828006）。",
                evidence={"context": text, "start": 0, "end": len(text), "problem": "no_number"},
                extra_key=("no_number",),
            ))
        for ph in phones:
            if ph.area == "":
                out.append(make(
                    guide, index, "bad_phone", where=field, where_key=field, text=ph.text,
                    message=f"{label}“{ph.text}”没有区号，外地群众拨不通。请写成带区号的完整号码（如 0557-{ph.number}）。",
                    evidence={"context": text, "start": ph.start, "end": ph.end, "problem": "no_area_code"},
                    extra_key=("no_area_code", ph.number),
                ))
    consult, supervise = found.get("phone", ()), found.get("supervision_phone", ())
    for sp in supervise:
        for cp in consult:
            if sp.number == cp.number and (sp.area == cp.area or not sp.area or not cp.area):
                out.append(make(
                    guide, index, "bad_phone", where="supervision_phone", where_key="supervision_phone",
                    text=sp.text,
                    message=f"监督投诉电话与咨询电话相同（{sp.text}）。监督电话应能独立受理投诉，"
                            "请公布单独的监督投诉电话（如上级部门电话或 12345）。",
                    evidence={"context": guide.supervision_phone, "start": sp.start, "end": sp.end,
                              "problem": "same_as_consultation", "phone": cp.text},
                    extra_key=("same_as_consultation", sp.number),
                ))
                break
