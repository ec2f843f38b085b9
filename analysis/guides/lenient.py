"""The lenient reader: guides from parsed JSON values, whatever shape real exports take.

Keys may be the English field names of the product brief or their Chinese names; numbers may
stand where text belongs, 是/否 for booleans, a plain string for a material or a step. Anything
that cannot be read raises GuideInputError naming the file, the line (and column for a JSON
syntax error) and a path into the data such as ``[12].materials[3].required``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from analysis.common import InputError
from analysis.tabular import decode_text

from .model import Days, Guide, Material, ReadFault, Step
from .values import days_of, visits_of


class GuideInputError(InputError):
    """An InputError that also names the path of the faulty value inside the guide data."""

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 column: str | None = None, sheet: str | None = None, path: str | None = None) -> None:
        self.path = path
        super().__init__(message, file=file, row=row, column=column, sheet=sheet)

    def location(self) -> str:
        loc = super().location()
        if self.path:
            return f"{loc}，位置 {self.path}" if loc else f"位置 {self.path}"
        return loc

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "path": self.path}


GUIDE_ALIASES = {
    "事项编码": "code", "编码": "code", "事项名称": "name", "名称": "name", "实施主体": "department",
    "实施部门": "department", "部门": "department", "发布来源": "source", "来源": "source",
    "发布渠道": "source", "设定依据": "legal_basis", "法律依据": "legal_basis", "受理条件": "conditions",
    "申请材料": "materials", "材料": "materials", "办理流程": "steps", "流程": "steps",
    "法定办结时限": "statutory_days", "法定时限": "statutory_days", "承诺办结时限": "promised_days",
    "承诺时限": "promised_days", "收费标准": "fee", "是否收费": "fee", "收费": "fee",
    "收费依据": "fee_basis", "办理地点": "location", "办理时间": "hours", "咨询电话": "phone",
    "监督电话": "supervision_phone", "监督投诉电话": "supervision_phone", "投诉电话": "supervision_phone",
    "到办事现场次数": "visits", "到现场次数": "visits", "跑动次数": "visits",
    "到现场原因": "visits_reason", "到办事现场原因": "visits_reason", "跑动原因": "visits_reason",
    "网上办理地址": "online_url", "网办地址": "online_url",
}
MATERIAL_ALIASES = {
    "材料名称": "name", "名称": "name", "是否必需": "required", "是否必要": "required", "必要性": "required",
    "份数": "copies", "介质": "medium", "材料形式": "medium", "来源渠道": "origin", "来源": "origin",
    "空白表格": "blank_form", "空表": "blank_form", "示范文本": "sample", "样表": "sample",
    "材料要求": "requirements", "要求": "requirements", "材料依据": "basis", "依据": "basis",
}
STEP_ALIASES = {
    "环节名称": "name", "名称": "name", "环节": "name", "办理内容": "description", "说明": "description",
    "办理标准": "description", "描述": "description", "时限": "days", "办理时限": "days",
}
GUIDE_KEYS = frozenset({
    "code", "name", "department", "source", "legal_basis", "conditions", "materials", "steps",
    "statutory_days", "promised_days", "fee", "fee_basis", "location", "hours", "phone",
    "supervision_phone", "visits", "visits_reason", "online_url",
})
MATERIAL_KEYS = frozenset({"name", "required", "copies", "medium", "origin", "blank_form", "sample",
                           "requirements", "basis"})
STEP_KEYS = frozenset({"name", "description", "days"})

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "是", "必需", "必须", "必要", "必交", "必填", "必需提交"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "否", "非必需", "非必须", "非必要", "选交", "选填", "可选",
                         "容缺", "视情况"})
REQUIRED_WORDS = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}

Fail = Callable[[str, str], GuideInputError]  # (path suffix, message) -> error


_KEY_PLANS: dict[tuple[int, tuple[Any, ...]], tuple[tuple[Any, str], ...]] = {}


def field_of(key: Any, known: frozenset[str], aliases: dict[str, str]) -> str | None:
    """The field a key names: itself when English, else its Chinese alias (spaces around ignored)."""
    return key if key in known else aliases.get(key.strip() if isinstance(key, str) else key)


def key_plan(keys: tuple[Any, ...], known: frozenset[str], aliases: dict[str, str]) -> tuple[tuple[Any, str], ...]:
    """(key as written, field) for the keys that name a field; the first key for a field wins.

    An export writes the same keys in every record, so the plan is worked out once per key set."""
    sig = (id(aliases), keys)
    plan = _KEY_PLANS.get(sig)
    if plan is None:
        pairs: list[tuple[Any, str]] = []
        taken: set[str] = set()
        for k in keys:
            name = field_of(k, known, aliases)
            if name is not None and name not in taken:
                taken.add(name)
                pairs.append((k, name))
        plan = tuple(pairs)
        if len(_KEY_PLANS) < 4096:
            _KEY_PLANS[sig] = plan
    return plan


def canonical_keys(d: dict[str, Any], known: frozenset[str], aliases: dict[str, str]) -> dict[str, Any]:
    """Map Chinese keys to English ones (only when some key is not already English)."""
    if known.issuperset(d):
        return d
    return {name: d[k] for k, name in key_plan(tuple(d), known, aliases)}


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__


def as_text(value: Any, path: str, fail: Fail) -> str:
    """Text exactly as written; a number becomes its decimal text; null becomes ""."""
    if value.__class__ is str:
        return value  # type: ignore[no-any-return]
    if value is None:
        return ""
    if value.__class__ is int or value.__class__ is float:
        return str(value)
    raise fail(path, f"应为文字，实际是{type_name(value)}")


def text_list(value: tuple[str, ...] | list[str] | str | None) -> tuple[tuple[str, ...], bool]:
    """A list of text, or one text (a one-item tuple; the flag says it was written as a list)."""
    if value is None:
        return (), False
    if value.__class__ is str:
        return ((value,) if value.strip() else ()), False  # type: ignore[union-attr]
    return tuple(value), True


def _texts(value: Any, path: str, fail: Fail) -> tuple[tuple[str, ...], bool]:
    if isinstance(value, list):
        return text_list([as_text(v, f"{path}[{i}]", fail) for i, v in enumerate(value)])
    return text_list(None if value is None else as_text(value, path, fail))


def _days(value: Any, path: str, fail: Fail) -> Days | None:
    if value is not None and value.__class__ not in (str, int, float):
        raise fail(path, f"时限应为天数或文字，实际是{type_name(value)}")
    try:
        return days_of(value)
    except ValueError as exc:
        raise fail(path, str(exc)) from None


def read_required(value: Any, path: str, fail: Fail) -> bool | None:
    if value is None or value is True or value is False:
        return value  # type: ignore[no-any-return]
    if value.__class__ is int and value in (0, 1):
        return bool(value)
    if value.__class__ is str:
        v = value.strip().lower()
        if not v:
            return None
        if v in TRUE_WORDS:
            return True
        if v in FALSE_WORDS:
            return False
    raise fail(path, f"“{value}”应为 true/false（是/否）")


def _material(raw: Any, path: str, fail: Fail, faults: list[ReadFault]) -> Material | None:
    """One material; a value that cannot be read becomes a fault (None: the entry is no material)."""
    if raw.__class__ is str:
        return Material(raw)
    if raw is None:
        return Material("")  # an empty row: reported by the rules as a material without a name
    if not isinstance(raw, dict):
        faults.append(_fault(path, f"申请材料应为对象或文字，实际是{type_name(raw)}", raw))
        return None
    d = canonical_keys(raw, MATERIAL_KEYS, MATERIAL_ALIASES)
    g = d.get
    name = g("name")
    if name.__class__ is not str:
        name = _read(as_text, name, f"{path}.name", fail, faults, "")
    copies = g("copies")
    if copies is None:
        copies = ""
    elif copies.__class__ not in (str, int, float) or (copies.__class__ is float and not math.isfinite(copies)):
        faults.append(_fault(f"{path}.copies", f"份数应为数字或文字，实际是{type_name(copies)}", copies))
        copies = ""
    vals = [v if (v := g(key)).__class__ is str else _read(as_text, v, f"{path}.{key}", fail, faults, "")
            for key in _MATERIAL_TEXTS]
    required = g("required")
    if required is not None and required is not True and required is not False:
        required = REQUIRED_WORDS.get(required) if required.__class__ is str else None
        if required is None:
            required = _read(read_required, g("required"), f"{path}.required", fail, faults, None)
    return Material(name, required, copies, *vals)


_MATERIAL_TEXTS = ("medium", "origin", "blank_form", "sample", "requirements", "basis")


def _step(raw: Any, path: str, fail: Fail, faults: list[ReadFault]) -> Step | None:
    if raw.__class__ is str:
        return Step(raw)
    if raw is None:
        return Step()  # an empty step: reported by the rules
    if not isinstance(raw, dict):
        faults.append(_fault(path, f"办理环节应为对象或文字，实际是{type_name(raw)}", raw))
        return None
    d = canonical_keys(raw, STEP_KEYS, STEP_ALIASES)
    g = d.get
    days = g("days")
    if days is not None and (days.__class__ not in (str, int, float)
                             or days.__class__ is float and not math.isfinite(days)):
        faults.append(_fault(f"{path}.days", "时限应为天数或文字", days))
        days = None
    name, description = g("name"), g("description")
    if name.__class__ is not str:
        name = _read(as_text, name, f"{path}.name", fail, faults, "")
    if description.__class__ is not str:
        description = _read(as_text, description, f"{path}.description", fail, faults, "")
    return Step(name, description, days)


def _list(value: Any, path: str, faults: list[ReadFault], what: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [value]  # one entry written without its list
    faults.append(_fault(path, f"{what}应为列表，实际是{type_name(value)}", value))
    return []


def _fault(path: str, message: str, value: Any) -> ReadFault:
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)[:200]
        except (TypeError, ValueError):
            text = str(value)[:200]
    return ReadFault(path.lstrip("."), message, text)


def _read(reader: Callable[[Any, str, Fail], Any], value: Any, path: str, fail: Fail, faults: list[ReadFault],
          default: Any) -> Any:
    """reader(value); a value it refuses becomes a fault and `default` stands in for it."""
    try:
        return reader(value, path, fail)
    except GuideInputError as exc:
        message = exc.message
        if exc.sheet:  # a workbook: say where the cell is
            message = f"{message}（工作表 {exc.sheet} 第 {exc.row} 行 {exc.column}）"
        faults.append(_fault(path, message, value))
        return default


def guide_from_dict(raw: Any, *, index: int, file: str, line: int | None = None,
                    fail: Fail | None = None) -> Guide:
    """One guide from its parsed JSON object (lenient: Chinese keys, numbers as text, 是/否 …);
    `index` is its 0-based position, used in error paths.

    Only a record that is no object at all raises GuideInputError. A value that cannot be read —
    a material row without a name, 是否必需 “maybe”, an object where text belongs, a negative time
    limit — is kept in `Guide.faults` and reported as an unreadable_value finding, so one bad cell
    never stops the rest of the file."""
    if fail is None:
        def fail(suffix: str, message: str) -> GuideInputError:
            return GuideInputError(message, file=file, row=line, path=f"[{index}]{suffix}")
    if not isinstance(raw, dict):
        raise fail("", f"办事指南应为对象，实际是{type_name(raw)}")
    faults: list[ReadFault] = []
    d = canonical_keys(raw, GUIDE_KEYS, GUIDE_ALIASES)
    g = d.get
    name = _read(as_text, g("name"), ".name", fail, faults, "")
    if not name.strip() and not faults:
        faults.append(ReadFault("name", "缺少事项名称（name）", name))
    department = _read(as_text, g("department"), ".department", fail, faults, "")
    if not department.strip() and not any(f.path == "department" for f in faults):
        faults.append(ReadFault("department", "缺少实施主体（department）", department))
    legal_basis, _ = _read(_texts, g("legal_basis"), ".legal_basis", fail, faults, ((), False))
    conditions, conditions_is_list = _read(_texts, g("conditions"), ".conditions", fail, faults, ((), False))
    materials = tuple(m for i, raw_m in enumerate(_list(g("materials"), ".materials", faults, "申请材料"))
                      if (m := _material(raw_m, f".materials[{i}]", fail, faults)) is not None)
    steps = tuple(s for i, raw_s in enumerate(_list(g("steps"), ".steps", faults, "办理流程"))
                  if (s := _step(raw_s, f".steps[{i}]", fail, faults)) is not None)
    visits_raw = g("visits")
    if visits_raw.__class__ is float and visits_raw.is_integer() and 0 <= visits_raw < 1000:
        visits_raw = int(visits_raw)
    visits: int | None = None
    visits_text = ""
    if visits_raw is not None and visits_raw.__class__ not in (int, str):
        faults.append(_fault("visits", "到办事现场次数应为不小于 0 的整数", visits_raw))
    else:
        try:
            visits, visits_text = visits_of(visits_raw)
        except ValueError as exc:
            faults.append(_fault("visits", str(exc), visits_raw))
    texts = [v if (v := g(k)).__class__ is str else _read(as_text, v, f".{k}", fail, faults, "")
             for k in ("code", "source", "fee", "fee_basis", "location", "hours", "phone", "supervision_phone",
                       "visits_reason", "online_url")]
    code, source, fee, fee_basis, location, hours, phone, supervision_phone, visits_reason, online_url = texts
    return Guide(
        name=name, department=department, code=code, source=source, legal_basis=legal_basis,
        conditions=conditions, conditions_is_list=conditions_is_list, materials=materials, steps=steps,
        statutory_days=_read(_days, g("statutory_days"), ".statutory_days", fail, faults, None),
        promised_days=_read(_days, g("promised_days"), ".promised_days", fail, faults, None),
        fee=fee, fee_basis=fee_basis, location=location, hours=hours, phone=phone,
        supervision_phone=supervision_phone, visits=visits, visits_text=visits_text,
        visits_reason=visits_reason, online_url=online_url, faults=tuple(faults), file=file, line=line,
    )


def _json_error(exc: json.JSONDecodeError, file: str, line_offset: int = 0) -> GuideInputError:
    return GuideInputError(f"JSON 格式错误：{exc.msg}", file=file, row=exc.lineno + line_offset,
                           column=str(exc.colno))


def parse_json_records(data: bytes, *, file: str) -> list[tuple[Any, int | None]]:
    """The JSON values of a file, each with its line number for JSON Lines (None inside one array)."""
    text = decode_text(data, file=file)
    body = text.lstrip()
    if not body:
        raise GuideInputError("文件为空", file=file)
    if body[0] in "[{":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if not (body[0] == "{" and exc.msg == "Extra data"):
                raise _json_error(exc, file) from None
        except (RecursionError, ValueError) as exc:
            raise GuideInputError(f"JSON 无法读取：{_short(exc)}", file=file) from None
        else:
            if isinstance(value, dict) and isinstance(value.get("guides"), list):
                value = value["guides"]
            if isinstance(value, list):
                return [(v, None) for v in value]
            return [(value, _first_line(text))]
    records: list[tuple[Any, int | None]] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append((json.loads(line), n))
        except json.JSONDecodeError as exc:
            raise _json_error(exc, file, n - 1) from None
        except (RecursionError, ValueError) as exc:
            raise GuideInputError(f"JSON 无法读取：{_short(exc)}", file=file, row=n) from None
    return records


def _short(exc: BaseException) -> str:
    return "嵌套过深" if isinstance(exc, RecursionError) else str(exc)[:120]


def _first_line(text: str) -> int:
    return text[: len(text) - len(text.lstrip())].count("\n") + 1


def load_guides_lenient(data: bytes, *, file: str) -> list[Guide]:
    """The lenient reader alone (what load_guides falls back to): same guides, slower."""
    return [guide_from_dict(raw, index=i, file=file, line=line)
            for i, (raw, line) in enumerate(parse_json_records(data, file=file))]


