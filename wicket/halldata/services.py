"""Writes: preview an uploaded log, store it (replacing what it overlaps), discard it, push rows
through the API, re-analyse, and manage the push tokens. Each is one transaction."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis.common import InputError
from wicket.core.staging import staged_lock
from wicket.orgs import access
from wicket.orgs.models import Unit
from wicket.problems.intake import IntakeResult
from wicket.registry.models import Hall

from . import analyse as analysis
from .models import ApiToken, Channel, Kind, Snapshot, Upload, UploadStatus
from .parsing import Parsed, Resolution, check_file, describe, parse, resolve, rows_to_csv, unknown_error
from .storage import overlap_counts, store, tz

TOKEN_PREFIX = "wk_"
ALREADY_DECIDED = gettext_lazy("该文件已处理过（%(s)s）")


def _require_center_staff(user) -> None:
    access.require_center_staff(user, _("只有政务服务中心工作人员可以管理大厅数据"))


def _summary(parsed: Parsed, res: Resolution) -> dict[str, Any]:
    first, last = parsed.period()
    return {
        "rows": parsed.rows,
        "first": first.isoformat(sep=" ") if first else None, "last": last.isoformat(sep=" ") if last else None,
        "found": [{"name": n, "target": describe(t), "rows": parsed.names()[n]} for n, t in res.mapping.items()],
        "unknown": [{"name": n, "rows": c} for n, c in res.unknown.items()],
        "replaces": overlap_counts(parsed, res) if res.ok else 0,
    }


@transaction.atomic
def upload_preview(*, kind: str, name: str, data: bytes, by, hall: Hall | None = None) -> Upload:
    """Read and check a file, and keep it for confirmation. Nothing is stored in the tables yet.
    Raises InputError (file, row, column) for a file that does not fit."""
    _require_center_staff(by)
    check_file(name, data)
    parsed = parse(kind, data, file=name)
    res = resolve(parsed, hall=hall)
    sha = hashlib.sha256(data).hexdigest()
    upload = Upload(kind=kind, hall=hall, file_name=name[:200], sha256=sha, size=len(data),
                    summary=_summary(parsed, res), row_count=parsed.rows, created_by=by)
    upload.file.save(name, ContentFile(data), save=False)
    upload.save()
    return upload


def _stored_summary(upload: Upload, parsed: Parsed, res: Resolution, by) -> IntakeResult:
    stored = store(upload, parsed, res)
    first, last = parsed.period()
    zone = tz()
    upload.status = UploadStatus.STORED
    upload.stored_at = timezone.now()
    upload.row_count, upload.replaced_count = stored.rows, stored.replaced
    upload.first_at = first.replace(tzinfo=zone) if first else None
    upload.last_at = last.replace(tzinfo=zone) if last else None
    result = analysis.analyse(upload.kind, halls=stored.halls, units=stored.units, by=by)
    upload.result = result.summary()
    upload.save()
    return result


@transaction.atomic
def upload_confirm(*, upload: Upload, by) -> IntakeResult:
    """Store a previewed file: all of it or nothing, replacing the overlap; then re-analyse."""
    _require_center_staff(by)
    upload = staged_lock(upload, refusal=ALREADY_DECIDED)
    with upload.file.open("rb") as fh:
        data = fh.read()
    parsed = parse(upload.kind, data, file=upload.file_name)
    res = resolve(parsed, hall=upload.hall)
    if not res.ok:
        raise unknown_error(parsed, res)
    return _stored_summary(upload, parsed, res, by)


@transaction.atomic
def upload_discard(*, upload: Upload, by) -> None:
    _require_center_staff(by)
    upload = staged_lock(upload, refusal=ALREADY_DECIDED)
    upload.status = UploadStatus.DISCARDED
    upload.file.delete(save=False)
    upload.save()


def import_log(*, kind: str, name: str, data: bytes, by, hall: Hall | None = None) -> Upload:
    """Preview and store in one go (the demo and scripts)."""
    upload = upload_preview(kind=kind, name=name, data=data, by=by, hall=hall)
    upload_confirm(upload=upload, by=by)
    upload.refresh_from_db()
    return upload


@transaction.atomic
def push_rows(*, kind: str, rows: Sequence[dict[str, Any]], token: ApiToken) -> Upload:
    """Rows pushed by a machine: checked exactly like a file (row n = rows[n − 2]), stored, analysed."""
    if token.kind != kind or not token.active:
        raise PermissionDenied(_("该令牌不能推送这类数据"))
    name = f"api-{kind}-{timezone.localtime():%Y%m%d-%H%M%S}.json"
    data = rows_to_csv(kind, rows)
    parsed = parse(kind, data, file=name)
    res = resolve(parsed, hall=token.hall)
    if not res.ok:
        raise unknown_error(parsed, res)
    upload = Upload.objects.create(kind=kind, channel=Channel.API, hall=token.hall, file_name=name,
                                   sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                                   summary=_summary(parsed, res), token=token, created_by=None)
    _stored_summary(upload, parsed, res, None)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return upload


@transaction.atomic
def tickets_store_for_hall(*, hall: Hall, rows: Sequence[dict[str, Any]], name: str) -> tuple[Upload, IntakeResult]:
    """The tickets of a hall that issues them with Wicket (wicket.ticketing's daily job): checked exactly like
    a pushed log, stored for `hall` (replacing the days they cover), analysed, findings through the intake."""
    data = rows_to_csv(Kind.TICKETS, rows)
    parsed = parse(Kind.TICKETS, data, file=name)
    res = resolve(parsed, hall=hall)
    if not res.ok:
        raise unknown_error(parsed, res)
    upload = Upload.objects.create(kind=Kind.TICKETS, channel=Channel.TICKETING, hall=hall, file_name=name[:200],
                                   sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                                   summary=_summary(parsed, res), created_by=None)
    return upload, _stored_summary(upload, parsed, res, None)


@transaction.atomic
def halldata_reanalyse(*, by) -> IntakeResult:
    """Every scope again: new phone tests, deadlines passed since the last upload."""
    _require_center_staff(by)
    from wicket.supervision.selectors import phone_test_calls

    from .models import Call, Rating, Ticket

    total = IntakeResult()
    halls = set(Ticket.objects.values_list("hall_id", flat=True).distinct())
    call_units = set(Call.objects.values_list("unit_id", flat=True).distinct())
    call_units |= {u.pk for u in Unit.objects.filter(name__in={c["unit"] for c in phone_test_calls()})}
    call_units |= set(Snapshot.objects.filter(kind=Kind.CALLS, unit__isnull=False).values_list("unit_id", flat=True))
    rating_units = set(Rating.objects.values_list("unit_id", flat=True).distinct())
    for kind, kw in ((Kind.TICKETS, {"halls": halls}), (Kind.CALLS, {"units": call_units}),
                     (Kind.RATINGS, {"units": rating_units})):
        part = analysis.analyse(kind, by=by, **kw)
        for attr in ("created", "unchanged", "reopened", "cleared"):
            setattr(total, attr, getattr(total, attr) + getattr(part, attr))
    return total


# ---------------------------------------------------------------- tokens


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(*, name: str, kind: str, by, hall: Hall | None = None) -> tuple[ApiToken, str]:
    """A new token; the clear text is returned once and never stored."""
    _require_center_staff(by)
    if hall is not None and kind != Kind.TICKETS:
        raise ValidationError(_("只有排队叫号数据的令牌可以指定大厅"))
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(name=name, kind=kind, hall=hall, prefix=clear[:10], token_hash=token_hash(clear),
                                    created_by=by)
    return token, clear


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> None:
    _require_center_staff(by)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_authenticate(clear: str) -> ApiToken | None:
    if not clear or not clear.startswith(TOKEN_PREFIX):
        return None
    return (ApiToken.objects.select_related("hall").filter(token_hash=token_hash(clear), revoked_at__isnull=True)
            .first())


__all__ = ["InputError", "halldata_reanalyse", "import_log", "push_rows", "token_authenticate", "token_create",
           "tickets_store_for_hall", "token_revoke", "upload_confirm", "upload_discard", "upload_preview"]
