"""What every detector returns, and the one input error every reader raises."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def fingerprint(*parts: object) -> str:
    """A stable identity for a finding: the same facts give the same fingerprint on every run."""
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Finding:
    """One problem found in data.

    kind       machine name of the rule, e.g. "catch_all_clause"
    checklist  the notice's checklist code, e.g. "1.1" (see docs/glossary.md)
    subject    who owns the problem, as named in the data (department, unit, hall, line)
    message    what to change, in Chinese, for the owning unit
    key        the parts that identify this finding across runs (fed to the fingerprint)
    evidence   the facts behind it (ids, values, figures), JSON-serialisable
    """

    kind: str
    checklist: str
    subject: str
    message: str
    key: tuple[str, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.subject, *self.key)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["key"] = list(self.key)
        d["fingerprint"] = self.fingerprint
        return d


class InputError(ValueError):
    """Input that cannot be read. Names the file, row, column (or JSON position) at fault.

    Row numbers are 1-based as a spreadsheet shows them (the header is row 1).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        sheet: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.sheet = sheet
        super().__init__(self.__str__())

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(f"文件 {self.file}")
        if self.sheet:
            parts.append(f"工作表 {self.sheet}")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column:
            parts.append(f"列 {self.column}")
        return "，".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        return f"{loc}：{self.message}" if loc else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message}
