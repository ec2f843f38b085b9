"""Writing parsed rows into the tables, replacing what they overlap.

Tickets replace the stored tickets of the same hall on the same days; calls and ratings replace the
stored rows with the same call_id / rating_id. Called inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from analysis.common import InputError
from wicket.core.jobs import report

from .models import Call, Kind, Rating, Ticket, Upload
from .parsing import Parsed, Resolution

BATCH = 5000
REPORT_EVERY = 10_000  # rows between two progress reports to a background job's page
CHUNK = 2000  # ids per IN (...) query: well inside SQLite's variable limit


@dataclass
class Stored:
    rows: int = 0
    replaced: int = 0
    halls: set[int] = field(default_factory=set)
    units: set[int] = field(default_factory=set)


def tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def aware(value: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    return None if value is None else value.replace(tzinfo=zone)


def chunks[T](items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def overlap_counts(parsed: Parsed, res: Resolution) -> int:
    """How many stored rows this upload would replace (for the preview)."""
    if parsed.tickets is not None:
        total = 0
        for hall, days in _ticket_days(parsed, res).items():
            total += Ticket.objects.filter(hall_id=hall, day__in=sorted(days)).count()
        return total
    model, attr = (Call, "call_id") if parsed.kind == Kind.CALLS else (Rating, "rating_id")
    ids = [getattr(r, attr) for r in (parsed.calls or parsed.ratings)]
    return sum(model.objects.filter(**{f"{attr}__in": c}).count() for c in chunks(ids))


def _ticket_days(parsed: Parsed, res: Resolution) -> dict[int, set[dt.date]]:
    assert parsed.tickets is not None
    halls = parsed.tickets["hall"].to_pylist()
    issued = parsed.tickets["issued_at"].to_pylist()
    days: dict[int, set[dt.date]] = defaultdict(set)
    for h, t in zip(halls, issued, strict=True):
        days[res.mapping[h].pk].add(t.date())
    return days


def store(upload: Upload, parsed: Parsed, res: Resolution) -> Stored:
    if parsed.tickets is not None:
        return _store_tickets(upload, parsed, res)
    if parsed.kind == Kind.CALLS:
        return _store_by_id(upload, parsed.calls, res, Call, "call_id", _call_row)
    return _store_by_id(upload, parsed.ratings, res, Rating, "rating_id", _rating_row)


def _store_tickets(upload: Upload, parsed: Parsed, res: Resolution) -> Stored:
    zone = tz()
    out = Stored()
    days = _ticket_days(parsed, res)
    for hall_id, hall_days in days.items():
        out.replaced += Ticket.objects.filter(hall_id=hall_id, day__in=sorted(hall_days)).delete()[0]
        out.halls.add(hall_id)
    rows = parsed.tickets.to_pylist() if parsed.tickets is not None else []
    # A ticket id kept from another day of the same hall would be stored twice: refuse, naming the row.
    by_hall: dict[int, dict[str, int]] = defaultdict(dict)
    for i, r in enumerate(rows):
        by_hall[res.mapping[r["hall"]].pk][r["ticket_id"]] = i
    for hall_id, ids in by_hall.items():
        for part in chunks(list(ids)):
            clash = (Ticket.objects.filter(hall_id=hall_id, ticket_id__in=part)
                     .values_list("ticket_id", "day").first())
            if clash:
                raise InputError(f"票号“{clash[0]}”已保存在 {clash[1]:%Y-%m-%d} 的记录中，与本文件的记录重复",
                                 file=parsed.file, row=ids[clash[0]] + 2, column="ticket_id")

    upload_id = upload.pk
    out.rows = _insert_tickets((
        upload_id, res.mapping[r["hall"]].pk, r["ticket_id"], r["issued_at"].date(), aware(r["issued_at"], zone),
        aware(r["called_at"], zone), aware(r["started_at"], zone), aware(r["finished_at"], zone),
        r["window"] or "", r["item"], r["holder"] or "", r["channel"], r["queue"], r["status"]) for r in rows)
    return out


TICKET_COLUMNS = ("upload_id", "hall_id", "ticket_id", "day", "issued_at", "called_at", "started_at", "finished_at",
                  "window", "item", "holder", "channel", "queue", "status")


def _insert_tickets(rows: Iterable[tuple]) -> int:
    """Tickets straight into their table: COPY on PostgreSQL, executemany elsewhere. A county-year
    (300 000 tickets) through bulk_create spends a minute building SQL; this takes seconds."""
    table = connection.ops.quote_name(Ticket._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in TICKET_COLUMNS)
    n = 0
    stage = _("保存记录")
    report(stage=stage, rows=0)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
                    if n % REPORT_EVERY == 0:
                        report(rows=n)
            report(rows=n)
            return n
        ops = connection.ops
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(TICKET_COLUMNS))})"
        batch: list[tuple] = []
        for row in rows:
            batch.append((*row[:3], ops.adapt_datefield_value(row[3]), *(ops.adapt_datetimefield_value(v) for v in row[4:8]),
                          *row[8:]))
            if len(batch) >= BATCH:
                cur.executemany(sql, batch)
                n += len(batch)
                batch = []
                report(rows=n)
        if batch:
            cur.executemany(sql, batch)
            n += len(batch)
    report(rows=n)
    return n


def _bulk(model, objects: Iterable) -> int:
    n = 0
    batch: list = []
    report(stage=_("保存记录"), rows=0)
    for obj in objects:
        batch.append(obj)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch, batch_size=BATCH)
            n += len(batch)
            batch = []
            report(rows=n)
    if batch:
        model.objects.bulk_create(batch, batch_size=BATCH)
        n += len(batch)
    report(rows=n)
    return n


def _call_row(upload: Upload, c, unit_id: int, zone: ZoneInfo) -> Call:
    return Call(upload=upload, unit_id=unit_id, call_id=c.call_id, line=c.line, started_at=aware(c.started_at, zone),
                answered=c.answered, ring_seconds=c.ring_seconds, talk_seconds=c.talk_seconds, outcome=c.outcome)


def _rating_row(upload: Upload, r, unit_id: int, zone: ZoneInfo) -> Rating:
    return Rating(upload=upload, unit_id=unit_id, rating_id=r.rating_id, window=r.window, item=r.item, staff=r.staff,
                  channel=r.channel, rated_at=aware(r.rated_at, zone), level=r.level, comment=r.comment,
                  handled_at=aware(r.handled_at, zone))


def _store_by_id(upload: Upload, items: list, res: Resolution, model, attr: str, make) -> Stored:
    zone = tz()
    out = Stored()
    ids = [getattr(x, attr) for x in items]
    for part in chunks(ids):
        old = model.objects.filter(**{f"{attr}__in": part})
        out.units.update(old.values_list("unit_id", flat=True).distinct())
        out.replaced += old.delete()[0]
    units = {name: target.pk for name, target in res.mapping.items()}
    out.units.update(units.values())
    out.rows = _bulk(model, (make(upload, x, units[x.unit], zone) for x in items))
    return out
