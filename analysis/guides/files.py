"""One entry point for an uploaded or named file: JSON / JSON Lines, or the xlsx template.

The CLI and the web import both call read_guides, so the same file gives the same guides.
"""

from __future__ import annotations

from .loader import load_guides
from .model import Guide
from .xlsx import guides_from_xlsx

SUFFIXES = (".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm")


def is_workbook(data: bytes, file: str) -> bool:
    return file.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def read_guides(data: bytes, *, file: str) -> list[Guide]:
    """Guides from a JSON/JSON Lines file or an xlsx template, told apart by name and content."""
    if is_workbook(data, file):
        return guides_from_xlsx(data, file=file)
    return load_guides(data, file=file)
