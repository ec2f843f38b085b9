# Reference oracle: frozen copy, see __init__.py.
"""The proof catalogue as read from a county's file: proofs, the items that demand them.

A proof's `requires` lists the proofs its issuer wants to see before issuing it; an item's
`requires` lists the proofs its window wants. Ids are kept as written (text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# The shared base databases of the product brief; a proof whose content is in one of them
# can be checked by the government itself (数据共享免提交).
SHARED_SOURCES = ("人口库", "法人库", "信用库", "电子证照库")


@dataclass(slots=True)
class Proof:
    id: str
    name: str
    issuer: str
    requires: tuple[str, ...] = ()
    basis: str = ""
    shared_source: str | None = None

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
