"""Reports from the public (群众监督): the web form and the supervision phone, one record each."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Channel(models.TextChoices):
    WEB = "web", _("网上留言")
    PHONE = "phone", _("监督电话")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("已受理，待处理")
    ASSIGNED = "assigned", _("已转交责任单位整改")
    MERGED = "merged", _("已并入同一问题办理")
    CLOSED = "closed", _("已办结")


def photo_path(instance: PublicReport, filename: str) -> str:
    return f"public/{instance.photo_sha256[:2]}/{instance.photo_sha256}/{filename}"


class PublicReport(models.Model):
    receipt = models.CharField(_("回执编号"), max_length=20, unique=True)
    channel = models.CharField(_("来源"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("反映的单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="public_reports")
    place = models.CharField(_("大厅或窗口"), max_length=100, blank=True)
    what = models.TextField(_("反映的问题"))
    happened_on = models.DateField(_("发生日期"), null=True, blank=True)
    # Never shown on a public page, and only to the county supervisor and service-centre staff.
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    photo = models.FileField(upload_to=photo_path, max_length=300, blank=True)
    photo_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("办理状态"), max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.RECEIVED)
    problem = models.ForeignKey("problems.Problem", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="public_reports")
    close_reason = models.TextField(_("办结说明"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    triaged_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("反映时间"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["contact"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("群众反映")
        verbose_name_plural = _("群众反映")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["assigned", "merged"]) | models.Q(problem__isnull=False),
                name="public_report_triaged_has_problem"),
            models.CheckConstraint(condition=~models.Q(status="closed") | ~models.Q(close_reason=""),
                                   name="public_report_closed_has_reason"),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.receipt
