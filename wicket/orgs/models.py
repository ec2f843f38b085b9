"""Org units (the county's towns, parks and departments) and who holds which role in which unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UnitKind(models.TextChoices):
    COUNTY = "county", _("县人民政府")
    GOV_OFFICE = "gov_office", _("县政府办公室")
    SERVICE_CENTER = "service_center", _("县政务服务中心")
    TOWN = "town", _("镇")
    PARK = "park", _("园区")
    DEPARTMENT = "department", _("县直部门")


# The units that the notice's campaign covers and that report on the two statistics tables.
REPORTING_KINDS = (UnitKind.TOWN, UnitKind.PARK, UnitKind.DEPARTMENT)


class Unit(models.Model):
    name = models.CharField(_("单位名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    aliases = models.JSONField(_("其他名称"), default=list, blank=True,
                               help_text=_("数据中出现的其他写法，用于把检测结果归到本单位"))
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey("self", verbose_name=_("上级单位"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    code = models.CharField(_("单位编码"), max_length=30, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("办公电话"), max_length=30, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def names(self) -> list[str]:
        return [n for n in (self.name, self.short_name, *self.aliases) if n]


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", _("县督查室")
    CENTER_STAFF = "center_staff", _("政务服务中心工作人员")
    LIAISON = "liaison", _("单位经办人")
    HEAD = "head", _("单位主要负责人")
    INSPECTOR = "inspector", _("督查组成员")


class Membership(models.Model):
    """A user holds a role in a unit. A user may hold several (e.g. inspector and liaison)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    title = models.CharField(_("职务"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role"),
        ]
        verbose_name = _("任职")
        verbose_name_plural = _("任职")

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"
