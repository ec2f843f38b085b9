"""Plain text from the public: anything that looks like markup or script is refused, and what is stored
is stripped of tags and control characters as a second line of defence (templates autoescape too)."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import strip_tags

# A tag opener (<script, </div, <!--, <?php), a script URL, or an inline event handler (onerror=).
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|\b(?:java|vb)script\s*:|\bon[a-z]+\s*=|&#|\{\{|\{%", re.I)


def looks_executable(text: str) -> bool:
    return bool(MARKUP.search(text or ""))


def plain(text: str) -> str:
    """Tags removed, control characters (but not line breaks) removed, whitespace tidied."""
    text = strip_tags(text or "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    return "\n".join(lines).strip()
