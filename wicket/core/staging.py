"""Staged imports: the one upload → server-side preview → confirm or discard mechanism of every app
that imports files (guides, proofs, hall data, the registry).

- Models: `StagedFile` (abstract) records the file as uploaded, who uploaded it and when;
  `StagedImport` adds the status (待确认 → 已导入 / 已放弃) and the time it was applied. Each app's
  model adds what it parses and what its preview shows.
- Access: `wicket.orgs.access.staged_get` fetches a batch for a view (access lives in one place,
  a layer above this one). A batch nobody else shares yet (a pending preview) is its uploader's
  own business (`visible_to`): anyone else gets 404, like a stranger.
- Writes (inside the app's own `transaction.atomic` service): `staged_supersede` (an uploader keeps
  one preview at a time), `staged_lock` (a decision is taken once), `staged_discard`.
- Views: `staged_upload` (form → preview service → the batch's page, or the form again naming the
  fault) and `staged_decide` (confirm or discard, a refusal shown on the batch's own page).
- Templates: core/staging/_upload.html (the upload card), _input_error.html (the file, sheet, row
  and column at fault), _decide.html (the confirm and discard buttons), _file_link.html (a batch's
  name, linked only for those who may open it) and batch.html (the base of a batch's page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis.common import InputError


class StageStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("待确认")
    APPLIED = "applied", gettext_lazy("已导入")
    DISCARDED = "discarded", gettext_lazy("已放弃")


class StagedFile(models.Model):
    """An uploaded file kept for its preview: its name, digest and size, who uploaded it, when."""

    file_name = models.CharField(gettext_lazy("文件名"), max_length=200)
    sha256 = models.CharField(gettext_lazy("文件 SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(gettext_lazy("文件大小"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("上传人"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(gettext_lazy("上传时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_shared(self) -> bool:
        """Whether people other than the uploader may open it (a preview is never shared)."""
        return False

    def visible_to(self, user) -> bool:
        return self.is_shared or self.created_by_id == user.pk


class StagedImport(StagedFile):
    """A staged file with its decision: pending (previewed), then applied or discarded. Applied
    batches stay as the import history; only they are shared with the uploader's colleagues."""

    status = models.CharField(gettext_lazy("状态"), max_length=20, choices=StageStatus.choices,
                              default=StageStatus.PENDING)
    applied_at = models.DateTimeField(gettext_lazy("导入时间"), null=True, blank=True)

    class Meta(StagedFile.Meta):
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(status__in=StageStatus.values), name="%(class)s_status_valid"),
            models.CheckConstraint(condition=~Q(status="applied") | Q(applied_at__isnull=False),
                                   name="%(class)s_applied_has_time"),
        ]

    @property
    def is_shared(self) -> bool:
        return self.status == StageStatus.APPLIED


# ---------------------------------------------------------------- writes (inside the app's service)

def staged_size_check(*, name: str, data: bytes) -> None:
    """An empty file or one over WICKET_MAX_UPLOAD_BYTES is refused before it is read."""
    if not data:
        raise InputError(_("文件为空"), file=name)
    if len(data) > settings.WICKET_MAX_UPLOAD_BYTES:
        raise InputError(_("文件太大（%(size).1f MB），上限 %(max).0f MB")
                         % {"size": len(data) / 1e6, "max": settings.WICKET_MAX_UPLOAD_BYTES / 1e6}, file=name)


def staged_supersede(model: type[StagedImport], *, by, **clear: Any) -> None:
    """An uploader has one preview at a time: their earlier pending uploads are discarded."""
    model._default_manager.filter(created_by=by, status=StageStatus.PENDING).update(status=StageStatus.DISCARDED, **clear)


def staged_lock[S: StagedFile](batch: S, *, refusal: str) -> S:
    """The batch locked for its decision; a batch already decided is refused (`refusal` may name its
    status as %(s)s), so a double click never applies a file twice."""
    locked: Any = type(batch)._default_manager.select_for_update().get(pk=batch.pk)
    if locked.status != StageStatus.PENDING:
        raise ValidationError(refusal % {"s": locked.get_status_display()})
    return locked


def staged_discard(batch: StagedImport, *, refusal: str = "", **clear: Any) -> StagedImport:
    """Discard a pending batch, clearing what it kept for the preview (`clear`: field → value)."""
    batch = staged_lock(batch, refusal=refusal or _("该文件已处理过"))
    batch.status = StageStatus.DISCARDED
    for field, value in clear.items():
        setattr(batch, field, value)
    batch.save(update_fields=["status", *clear])
    return batch


# ---------------------------------------------------------------- views

def staged_upload(request, form: forms.Form, preview: Callable[[dict[str, Any]], StagedFile], *,
                  page: Callable[..., HttpResponse], detail: str) -> HttpResponse:
    """An upload view's logic: a valid form goes to the app's preview service and on to the batch's
    page (`detail`, a URL name taking pk); a bad form, or a file the service refuses (InputError:
    the file, sheet, row and column at fault), shows `page` again with the form and the error."""
    if not form.is_valid():
        return page(request, form=form, status=400)
    try:
        batch = preview(form.cleaned_data)
    except InputError as exc:
        return page(request, form=form, error=exc, status=400)
    except ValidationError as exc:
        form.add_error("file", exc)
        return page(request, form=form, status=400)
    return redirect(detail, pk=batch.pk)


def staged_decide(request, step: Callable[[], Any], *, back: str, then: str | Callable[[Any], str],
                  message: str | Callable[[Any], str], level: int = messages.SUCCESS) -> HttpResponse:
    """A confirm or discard view's logic: run the service `step`; a refusal is shown on the batch's
    page (`back`), success is announced (`message`, or message(result)) and leads to `then`."""
    try:
        result = step()
    except InputError as exc:
        messages.error(request, _("未保存：%(e)s") % {"e": exc})
        return redirect(back)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.add_message(request, level, message(result) if callable(message) else message)
    return redirect(then(result) if callable(then) else then)
