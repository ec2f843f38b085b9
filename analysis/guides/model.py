"""The service guide (办事指南) as read from a file, and the finding the checker returns.

A guide keeps its text stripped but otherwise exactly as written, so a finding can quote
the offending words and the web app can highlight them in place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import msgspec

from analysis.common import Finding


class Days(msgspec.Struct, frozen=True, gc=False):
    """A time limit as written ("20个工作日", 20, "即办") and, when readable, its figure."""

    text: str
    value: float | None = None
    unit: str = ""  # "workday" (工作日), "day" (自然日/日/天) or "" (a bare number)


class Material(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """One application material, text exactly as written ("" when a row gives no name: reported
    as unreadable_value, the rest of the guide is still checked)."""

    name: str
    required: bool | None = None
    copies: int | float | str = ""  # 份数: 1, or “原件1份，复印件1份”
    medium: str = ""
    origin: str = ""
    blank_form: str = ""
    sample: str = ""
    requirements: str = ""
    basis: str = ""


class Step(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    name: str = ""
    description: str = ""
    days: int | float | str | None = None  # as written


class ReadFault(msgspec.Struct, frozen=True, gc=False):
    """A value of a guide that could not be read as written; the guide is still checked and the fault
    is reported as an unreadable_value finding (a real file is never refused for one bad cell)."""

    path: str  # 0-based, inside the guide: "materials[2].required"
    message: str  # what was expected, in Chinese
    text: str = ""  # the value as written (JSON text for what is not text)


class Guide(msgspec.Struct, kw_only=True, gc=False):
    """One published copy of a service guide. Text is exactly as written (not even stripped)."""

    name: str
    department: str
    code: str = ""
    source: str = ""
    # tuples, not lists: a guide is read, not edited, and tuples of untracked structs drop out of
    # the garbage collector's sight, which keeps collections cheap with 10,000 guides in memory
    legal_basis: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    conditions_is_list: bool = False  # written as a list (paths conditions[i]) or one text (path conditions)
    materials: tuple[Material, ...] = ()
    steps: tuple[Step, ...] = ()
    statutory_days: Days | None = None
    promised_days: Days | None = None
    fee: str = ""
    fee_basis: str = ""
    location: str = ""
    hours: str = ""
    phone: str = ""
    supervision_phone: str = ""
    visits: int | None = None
    visits_text: str = ""  # as written; "" when the field is absent
    visits_reason: str = ""
    online_url: str = ""
    faults: tuple[ReadFault, ...] = ()  # values the lenient reader could not read (see ReadFault)
    # where it was read from (not part of any finding's identity)
    file: str = ""
    line: int | None = None

    @property
    def identity(self) -> str:
        """What names this item across runs and sites: its code, else its normalised name."""
        return f"编码:{self.code}" if self.code else f"名称:{strong_norm(self.name)}"


_SPACE_RE = re.compile(r"\s+")
_PUNCT_RE = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def light_norm(text: str) -> str:
    """Ignore full/half width and spaces: “食品经营许可（新办）” == “食品经营许可 (新办)”."""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=65536)
def strong_norm(text: str) -> str:
    """Also ignore punctuation: used to decide that two names denote the same item."""
    return _PUNCT_RE.sub("", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class GuideFinding(Finding):
    """A finding about one guide (or, for inconsistent_across_sources, one item on several sites).

    code/name/department/source  the guide as written (source lists every site for a cross-site finding)
    where       a path into the guide, 0-based: "materials[3].name", "steps[1].description", "fee"
    text        the offending words exactly as written ("" when the fault is that something is missing)
    guide_index the position of the guide in the list that was checked (the first one for a group)

    `subject` is the department; `evidence` holds "context" (the whole text the words stand in)
    with "start"/"end" offsets of `text` in it when a span can be marked, plus facts for each kind.
    """

    code: str = ""
    name: str = ""
    department: str = ""
    source: str = ""
    where: str = ""
    text: str = ""
    guide_index: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "checklist": self.checklist,
            "subject": self.subject,
            "code": self.code,
            "name": self.name,
            "department": self.department,
            "source": self.source,
            "where": self.where,
            "text": self.text,
            "message": self.message,
            "guide_index": self.guide_index,
            "key": list(self.key),
            "evidence": self.evidence,
            "fingerprint": self.fingerprint,
        }

    def marked(self, left: str = "【", right: str = "】") -> str:
        """The context with the offending words marked, e.g. 法律、行政法规规定的【其他材料】."""
        ev = self.evidence
        context = ev.get("context")
        start, end = ev.get("start"), ev.get("end")
        if isinstance(context, str) and isinstance(start, int) and isinstance(end, int):
            return f"{context[:start]}{left}{context[start:end]}{right}{context[end:]}"
        if isinstance(context, str) and context:
            return context
        return f"{left}{self.text}{right}" if self.text else ""


# kind -> (checklist code, short Chinese label)
KINDS: dict[str, tuple[str, str]] = {
    "catch_all_clause": ("1.1", "兜底条款"),
    "missing_blank_form": ("1.1", "缺空白表格"),
    "missing_sample": ("1.1", "缺示范文本"),
    "step_without_requirements": ("1.1", "环节无具体要求"),
    "missing_field": ("1.1", "要素缺失"),
    "promised_exceeds_statutory": ("1.1", "承诺时限超法定时限"),
    "fee_without_basis": ("1.1", "收费无依据"),
    "visits_without_reason": ("1.4", "到现场无理由"),
    "too_many_visits": ("1.4", "跑动次数超过一次"),
    "bad_phone": ("1.3", "电话号码不规范"),
    "inconsistent_across_sources": ("1.2", "多渠道发布不一致"),
    "nonstandard_name": ("1.2", "事项名称不标准"),
    "vague_requirement": ("1.1", "要求模糊"),
    "vague_time_limit": ("1.1", "办结时限不明确"),
    "catch_all_quoting_law": ("1.1", "引用法规兜底表述"),
    "unreadable_value": ("1.1", "内容无法识别"),
    "traditional_characters": ("1.1", "使用繁体字"),
    "dead_link": ("1.2", "链接失效"),
    "form_link_not_a_document": ("1.1", "表格链接不是文件"),
    "form_differs_across_sources": ("1.2", "同一表格多源不一致"),
}
# Advice, not a problem: printed and stored, but never sent to the problem list (the department is
# not at fault — e.g. it quotes a law's own catch-all wording).
NOTE_KINDS = frozenset({"catch_all_quoting_law"})
