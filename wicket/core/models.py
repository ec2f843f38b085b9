"""Core's own tables: background jobs (wicket/core/jobs) and the daily runs the worker has started."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    SUCCEEDED = "succeeded", _("已完成")
    FAILED = "failed", _("失败")


class Job(models.Model):
    """One piece of background work as its page shows it: what it is, who started it, for which
    record (the subject: an upload, a catalogue version…), how far it got, and how it ended.

    The queue itself is django-tasks-db's table; a Job outlives its attempts there (a retry is a new
    attempt of the same Job). While it runs, its live figures travel through the cache (see
    wicket/core/jobs/progress.py); the row gets them when it ends."""

    task_path = models.CharField(_("任务"), max_length=200)
    title = models.CharField(_("名称"), max_length=200)
    args = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("第几次运行"), default=1)
    result_id = models.CharField(max_length=64, blank=True, help_text="the django.tasks result of the latest attempt")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", help_text="none: started by the worker")
    subject_type = models.ForeignKey("contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    stage = models.CharField(_("进度"), max_length=200, blank=True)
    rows_done = models.PositiveBigIntegerField(_("已处理行数"), default=0)
    rows_total = models.PositiveBigIntegerField(_("总行数"), null=True, blank=True)
    findings = models.PositiveIntegerField(_("发现问题"), null=True, blank=True)
    message = models.TextField(_("结果"), blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    retryable = models.BooleanField(default=True, help_text="false: the input itself was refused; fix it, not retry")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="core_job_status_valid"),
            models.CheckConstraint(condition=Q(status__in=["queued", "running"]) | Q(finished_at__isnull=False),
                                   name="core_job_finished_has_time"),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="core_job_subject")]

    def __str__(self) -> str:
        return self.title


class DailyRun(models.Model):
    """A daily job started for a day: the worker starts each daily job once per day, whichever
    worker gets there first (the unique constraint decides)."""

    task_path = models.CharField(max_length=200)
    day = models.DateField()
    job = models.ForeignKey(Job, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task_path", "day"], name="core_dailyrun_once_a_day")]

    def __str__(self) -> str:
        return f"{self.task_path} {self.day}"
