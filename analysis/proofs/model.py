"""The proof catalogue as read from a county's file: proofs, the items that demand them.

A proof's `requires` lists the proofs its issuer wants to see before issuing it; an item's
`requires` lists the proofs its window wants. Ids are kept as written (text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

# The shared base databases of the product brief; a proof whose content is in one of them
# can be checked by the government itself (数据共享免提交).
SHARED_SOURCES = ("人口库", "法人库", "信用库", "电子证照库")


@dataclass(slots=True)
class Proof:
    """One proof. `purpose` (证明用途), `demanded_by` (索要单位) and `item` (办理事项) are the columns of
    a published list (保留证明事项清单), as written; "" when the file does not give them."""

    id: str
    name: str
    issuer: str
    requires: tuple[str, ...] = ()
    basis: str = ""
    shared_source: str | None = None
    purpose: str = ""
    demanded_by: str = ""
    item: str = ""

    @property
    def has_basis(self) -> bool:
        return bool(self.basis.strip())


@dataclass(slots=True)
class Item:
    id: str
    name: str
    department: str
    requires: tuple[str, ...] = ()


@dataclass
class ProofCatalog:
    """Proofs and items in file order; ids are unique and every `requires` id is a proof's id
    (the loaders guarantee it; `analyze` checks again)."""

    proofs: list[Proof]
    items: list[Item]
    file: str = ""
    # set by the loaders, which already drop a requirement listed twice
    requires_unique: bool = field(default=False, compare=False)
    # read from a published list (保留证明事项清单: one row per proof, no prerequisite column)
    published_list: bool = field(default=False, compare=False)

    @property
    def prerequisites_given(self) -> bool:
        """Some proof names a prerequisite: only then can loops and chains be checked."""
        return any(p.requires for p in self.proofs)
    _by_id: dict[str, Proof] = field(default_factory=dict, init=False, repr=False, compare=False)

    def proof(self, proof_id: str) -> Proof:
        if len(self._by_id) != len(self.proofs):
            self._by_id = {p.id: p for p in self.proofs}
        return self._by_id[proof_id]


# Brackets and punctuation carry no meaning in a proof's name; "证明书"/"证明信" are "证明".
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_SYNONYMS = (("证明书", "证明"), ("证明信", "证明"), ("证明材料", "证明"))


def normalise_name(name: str) -> str:
    """The name two offices would recognise as the same proof: full-width folded (NFKC), case
    folded, whitespace, brackets and punctuation dropped, 证明书/证明信/证明材料 read as 证明.

    >>> normalise_name("无犯罪记录 证明书（个人）") == normalise_name("无犯罪记录证明(个人)")
    True
    """
    text = name if name.isalnum() else _DROP.sub("", name)
    if not unicodedata.is_normalized("NFKC", text):  # full-width letters, ①, ㈠ ...
        text = unicodedata.normalize("NFKC", text)
        if not text.isalnum():
            text = _DROP.sub("", text)
    text = text.casefold()
    if "证明" in text:
        for old, new in _SYNONYMS:
            text = text.replace(old, new)
    return text


_SEP = "\u9fff"  # a CJK ideograph: a word character, NFKC- and casefold-stable, composes with nothing


def normalise_names(names: Sequence[str]) -> list[str]:
    """[normalise_name(n) for n in names], done on all names joined at once (one regex pass, one
    NFKC check, one casefold): about four times faster for a province's 100,000 names. The
    separator is a word character that nothing drops, changes or combines with, so every step
    acts on each name as it would alone; if a name holds the separator itself, or the pieces do
    not come back one per name, each name is normalised on its own."""
    joined = _SEP.join(names)
    if len(names) < 2 or joined.count(_SEP) != len(names) - 1:
        return list(map(normalise_name, names))
    text = _DROP.sub("", joined)
    if not unicodedata.is_normalized("NFKC", text):
        text = _DROP.sub("", unicodedata.normalize("NFKC", text))
    text = text.casefold()
    if "证明" in text:
        for old, new in _SYNONYMS:
            text = text.replace(old, new)
    out = text.split(_SEP)
    return out if len(out) == len(names) else list(map(normalise_name, names))
