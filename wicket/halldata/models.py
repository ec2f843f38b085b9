"""Hall data: the rows of the queue machine's ticket log, the phone system's call log and the 好差评
terminals' ratings, the upload batch each row came in, the analysis cached per hall / unit, and the
API tokens the machines push with.

Tickets belong to a registry Hall (and so to the hall's unit); calls and ratings belong to a Unit.
A later upload replaces what it overlaps (same hall and day for tickets, same call_id / rating_id),
so nothing is ever counted twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wicket.core.staging import StagedFile


class Kind(models.TextChoices):
    TICKETS = "tickets", _("排队叫号记录")
    CALLS = "calls", _("咨询电话记录")
    RATINGS = "ratings", _("好差评记录")


class UploadStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    STORED = "stored", _("已保存")
    DISCARDED = "discarded", _("已放弃")


class Channel(models.TextChoices):
    WEB = "web", _("网页上传")
    API = "api", _("接口推送")
    TICKETING = "ticketing", _("本系统取号")  # the tickets of a hall that issues them with Wicket (wicket.ticketing)


def upload_path(instance: Upload, filename: str) -> str:
    return f"halldata/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class Upload(StagedFile):
    """One file (or one API push): previewed (pending), then stored or discarded."""

    kind = models.CharField(_("数据类型"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=20, choices=UploadStatus.choices, default=UploadStatus.PENDING)
    channel = models.CharField(_("来源"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    hall = models.ForeignKey("registry.Hall", verbose_name=_("指定大厅"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+",
                             help_text=_("文件中的大厅名称与登记名称不一致时，整个文件归入此大厅"))
    file = models.FileField(upload_to=upload_path, max_length=300, blank=True)
    summary = models.JSONField(_("预览"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("记录数"), default=0)
    replaced_count = models.PositiveIntegerField(_("替换原有记录数"), default=0)
    first_at = models.DateTimeField(_("最早时间"), null=True, blank=True)
    last_at = models.DateTimeField(_("最晚时间"), null=True, blank=True)
    result = models.TextField(_("分析结果"), blank=True)
    token = models.ForeignKey("ApiToken", null=True, blank=True, on_delete=models.PROTECT, related_name="uploads")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", help_text="none for an API push")
    stored_at = models.DateTimeField(_("保存时间"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["summary"])

    class Meta(StagedFile.Meta):
        verbose_name = _("大厅数据上传")
        verbose_name_plural = _("大厅数据上传")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=[s.value for s in UploadStatus]),
                                   name="halldata_upload_status_valid"),
            models.CheckConstraint(condition=~Q(status="stored") | Q(stored_at__isnull=False),
                                   name="halldata_upload_stored_has_time"),
        ]

    @property
    def is_shared(self) -> bool:
        """Stored (and discarded) uploads are the centre's record; a pending one is its uploader's."""
        return self.status != UploadStatus.PENDING


class Ticket(models.Model):
    upload = models.ForeignKey(Upload, on_delete=models.PROTECT, related_name="tickets")
    hall = models.ForeignKey("registry.Hall", on_delete=models.PROTECT, related_name="tickets")
    ticket_id = models.CharField(max_length=64)
    day = models.DateField()  # the local day of issued_at: what an overlapping upload replaces
    issued_at = models.DateTimeField()
    called_at = models.DateTimeField(null=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    window = models.CharField(max_length=100, blank=True)
    item = models.CharField(max_length=200)
    holder = models.CharField(max_length=100, blank=True)
    channel = models.CharField(max_length=20)
    queue = models.CharField(max_length=200)
    status = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hall", "ticket_id"], name="halldata_ticket_unique_id"),
            models.CheckConstraint(condition=Q(called_at__isnull=True) | Q(called_at__gte=models.F("issued_at")),
                                   name="halldata_ticket_called_after_issue"),
        ]
        indexes = [models.Index(fields=["hall", "day"])]

    def __str__(self) -> str:
        return self.ticket_id


class Call(models.Model):
    upload = models.ForeignKey(Upload, on_delete=models.PROTECT, related_name="calls")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    call_id = models.CharField(max_length=64, unique=True)
    line = models.CharField(max_length=50)
    started_at = models.DateTimeField()
    answered = models.BooleanField()
    ring_seconds = models.PositiveIntegerField(null=True)
    talk_seconds = models.PositiveIntegerField(null=True)
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["unit", "started_at"])]

    def __str__(self) -> str:
        return self.call_id


class Rating(models.Model):
    upload = models.ForeignKey(Upload, on_delete=models.PROTECT, related_name="ratings")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    rating_id = models.CharField(max_length=64, unique=True)
    window = models.CharField(max_length=100, blank=True)
    item = models.CharField(max_length=200, blank=True)
    staff = models.CharField(max_length=50, blank=True)
    channel = models.CharField(max_length=50, blank=True)
    rated_at = models.DateTimeField()
    level = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    handled_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1) & Q(level__lte=5), name="halldata_rating_level_1_5"),
        ]
        indexes = [models.Index(fields=["unit", "rated_at"])]

    def __str__(self) -> str:
        return self.rating_id


class Snapshot(models.Model):
    """The analysis of one scope (a hall's tickets; a unit's or the county's calls or ratings),
    recomputed after every store so dashboards read figures instead of computing them."""

    key = models.CharField(max_length=50, unique=True)  # e.g. tickets:hall:3, calls:unit:7, ratings:county
    kind = models.CharField(max_length=20, choices=Kind.choices)
    hall = models.ForeignKey("registry.Hall", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    rows = models.PositiveIntegerField(default=0)
    findings = models.PositiveIntegerField(default=0)
    phone_tests = models.PositiveIntegerField(default=0)
    first_day = models.DateField(null=True, blank=True)
    last_day = models.DateField(null=True, blank=True)
    headline = models.JSONField(default=dict)  # the few figures the overview lists
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class ApiToken(models.Model):
    """A machine's key for the push endpoints. Only its SHA-256 is stored; the token is shown once."""

    name = models.CharField(_("名称"), max_length=100, help_text=_("如：综合大厅叫号机、12345 话务系统"))
    kind = models.CharField(_("可推送的数据"), max_length=20, choices=Kind.choices)
    hall = models.ForeignKey("registry.Hall", verbose_name=_("所属大厅"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+",
                             help_text=_("叫号机的令牌可指定大厅：推送的记录都归入该大厅"))
    prefix = models.CharField(_("令牌前缀"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("停用时间"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("推送令牌")
        verbose_name_plural = _("推送令牌")

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.revoked_at is None
