"""Circulars (通报): drafted from the campaign's data, edited, then issued and frozen."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CircularStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已印发")


def circular_path(instance: Circular, filename: str) -> str:
    return f"circulars/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class Circular(models.Model):
    campaign = models.ForeignKey("checklist.Campaign", verbose_name=_("排查整改工作"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="circulars")
    issuer = models.CharField(_("发文机关标志"), max_length=60)
    doc_number = models.CharField(_("发文字号"), max_length=60, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    addressees = models.CharField(_("主送机关"), max_length=300)
    body = models.TextField(_("正文"), help_text=_("每段一行；以“一、”“二、”开头的行作为标题"))
    signature = models.CharField(_("署名"), max_length=60)
    date = models.DateField(_("成文日期"))
    status = models.CharField(_("状态"), max_length=20, choices=CircularStatus.choices, default=CircularStatus.DRAFT)
    named_units = models.JSONField(_("通报单位"), default=dict, blank=True)
    file = models.FileField(upload_to=circular_path, max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="issued") | models.Q(issued_at__isnull=False),
                                   name="circular_issued_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}"

    def save(self, *args, **kwargs):
        # An issued circular is frozen: the text people were sent never changes afterwards.
        if self.pk and Circular.objects.filter(pk=self.pk, status=CircularStatus.ISSUED).exists():
            raise ValidationError(_("已印发的通报不能修改"))
        super().save(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.status == CircularStatus.ISSUED

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.splitlines() if p.strip()]
