"""The notice's two attached tables as data: which columns, in which order, for which units.

《镇(园区)设立窗口和服务大厅统计表》 is filled by towns and parks; 《县直各部门单独设立窗口和服务大厅统计表》
by county departments (and the county service centre for its own halls). The department table adds
whether the hall sits in the county service centre and, if not, why it was set up separately
(the supervisor's question for 3.1 应进未进). The same specs drive the form, the import and the export.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wicket.orgs.models import UnitKind

from .models import HallKind

TOWN = "town"
DEPARTMENT = "department"

TABLE_TITLES = {
    TOWN: _("镇(园区)设立窗口和服务大厅统计表"),
    DEPARTMENT: _("县直各部门单独设立窗口和服务大厅统计表"),
}
TABLE_KINDS = {
    TOWN: [HallKind.CITIZEN_CENTER, HallKind.AGENCY_STATION, HallKind.GENERAL, HallKind.WINDOW, HallKind.ONLINE],
    DEPARTMENT: [HallKind.DEPARTMENT, HallKind.WINDOW, HallKind.GENERAL, HallKind.ONLINE],
}


@dataclass(frozen=True)
class Col:
    field: str
    label: str
    aliases: tuple[str, ...] = ()
    type: str = "text"  # text, int, bool, kind
    required: bool = False
    width: float = 10
    max_length: int = 0
    group: str = ""  # a second-level header over several columns in the printed table


FACILITIES = "便民服务设施"
COLUMNS: list[Col] = [
    Col("name", "大厅（窗口）名称", ("名称", "大厅名称", "窗口名称", "name"), required=True, width=22, max_length=100),
    Col("kind", "类型", ("大厅类型", "kind"), type="kind", required=True, width=12),
    Col("address", "地址", ("address",), width=20, max_length=200),
    Col("in_county_center", "在县政务服务中心内", ("是否在县政务服务中心", "是否进驻县政务服务中心", "in_county_center"),
        type="bool", width=9),
    Col("separate_reason", "单独设立原因", ("未进驻原因", "separate_reason"), width=16, max_length=200),
    Col("window_count", "窗口数", ("窗口数量", "window_count"), type="int", required=True, width=7),
    Col("authorized_windows", "可审批窗口数", ("授权到位窗口数", "authorized_windows"), type="int", required=True, width=8),
    Col("staff_count", "工作人员数", ("人员数", "staff_count"), type="int", required=True, width=7),
    Col("hours", "办公时间", ("hours",), width=14, max_length=100),
    Col("items", "办理事项", ("主要办理事项", "items"), width=26, max_length=2000),
    Col("phone", "咨询电话", ("phone",), width=13, max_length=50),
    Col("has_copier", "复印", ("复印服务", "has_copier"), type="bool", width=5, group=FACILITIES),
    Col("has_scanner", "高拍仪", ("has_scanner",), type="bool", width=6, group=FACILITIES),
    Col("has_queue_machine", "排队叫号机", ("叫号机", "has_queue_machine"), type="bool", width=7, group=FACILITIES),
    Col("has_signage", "指引标识", ("has_signage",), type="bool", width=6, group=FACILITIES),
    Col("has_info_desk", "咨询台", ("has_info_desk",), type="bool", width=6, group=FACILITIES),
    Col("manager", "负责人", ("manager",), width=8, max_length=50),
    Col("manager_phone", "负责人电话", ("联系电话", "manager_phone"), width=13, max_length=50),
    Col("remarks", "备注", ("remarks",), width=16, max_length=300),
]
BY_FIELD = {c.field: c for c in COLUMNS}
DEPARTMENT_ONLY = {"in_county_center", "separate_reason"}
UNIT_COLUMN = Col("unit", "填报单位", ("单位", "单位名称", "unit"), width=14)
BOOL_FIELDS = [c.field for c in COLUMNS if c.type == "bool"]
INT_FIELDS = [c.field for c in COLUMNS if c.type == "int"]

TRUE_WORDS = {"1", "是", "有", "√", "✓", "y", "yes", "true", "在"}
FALSE_WORDS = {"", "0", "否", "无", "没有", "×", "x", "n", "no", "false", "不在", "-", "—"}


def table_for(unit) -> str:
    return TOWN if unit.kind in (UnitKind.TOWN, UnitKind.PARK) else DEPARTMENT


def columns_for(table: str) -> list[Col]:
    return [c for c in COLUMNS if table == DEPARTMENT or c.field not in DEPARTMENT_ONLY]


def kind_labels(table: str) -> dict[str, str]:
    """Chinese label -> code, for the kinds this table accepts."""
    return {str(k.label): k.value for k in TABLE_KINDS[table]}


def bool_text(value: bool, field: str = "") -> str:
    """Facilities read 有/无; whether a hall sits in the county centre reads 是/否."""
    if field == "in_county_center":
        return "是" if value else "否"
    return "有" if value else "无"
