"""Traditional characters (繁体字) read as simplified ones for matching, the original kept for quoting.

Some counties still publish guides, or parts of them, in traditional characters (“不動產登記申請書”,
“自受理之日起30個工作日”). The rules match simplified wording, so a text is converted with OpenCC's
t2s (phrase-aware: “乾隆” stays, “乾燥” becomes “干燥”) before matching; a finding still quotes the
words as written. Conversion keeps one character for one (OpenCC's t2s tables do), so a span found
in the simplified text marks the same characters in the original; if a conversion ever changed the
length, callers fall back to marking the whole text.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
# CJK unified ideographs, extension A and the compatibility block: every character t2s changes on
# its own. A text with none of them needs no conversion (the common case, decided at C speed).
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_ALL = "".join(chr(i) for lo, hi in _RANGES for i in range(lo, hi))
TRADITIONAL = frozenset(a for a, b in zip(_ALL, _T2S.convert(_ALL), strict=True) if a != b)
del _ALL


def has_traditional(text: str) -> bool:
    """The text holds a character that t2s would change (it may still convert to itself as a phrase)."""
    return not TRADITIONAL.isdisjoint(text)


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """The text in simplified characters (itself when it has no traditional character)."""
    if TRADITIONAL.isdisjoint(text):
        return text
    out: str = _T2S.convert(text)
    return out if len(out) == len(text) else text


def traditional_words(text: str) -> list[str]:
    """The runs of characters that differ from their simplified form, as written: “申請”, “證明”."""
    simple = simplified(text)
    if simple is text or simple == text:
        return []
    runs: list[str] = []
    current: list[str] = []
    for a, b in zip(text, simple, strict=True):
        if a != b:
            current.append(a)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs
