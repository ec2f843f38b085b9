"""The window caller: call next, recall, start, finish, no-show (过号), transfer (转窗), pause.

Who is next, for a window: among the waiting tickets of today in the queues it serves (or transferred to
it by name), first the tiers — transferred, carried from an earlier day, appointments whose slot has
begun, the priority lane — then the order of taking tickets. Two windows calling at the same moment
never get the same ticket: the candidate is read with `SELECT … FOR UPDATE SKIP LOCKED` (PostgreSQL),
so a ticket another window is taking is passed over, and the update is conditional on the ticket
still waiting (which also keeps SQLite, which has no row locks, from calling a ticket twice).
Each exception to strict order is logged on the call with its reason.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.ticketing.models import Action, Queue, Status, Ticket, TicketEvent, Tier, Window, WindowState

from .closing import ensure_day_open

IN_HAND = (Status.CALLED, Status.SERVING)


def _locked(window: Window) -> Window:
    """The window's row, locked: one clerk's double click never calls two tickets."""
    return Window.objects.select_for_update().select_related("hall").get(pk=window.pk)


def current_ticket(window: Window) -> Ticket | None:
    return (Ticket.objects.select_related("queue").filter(window=window, status__in=IN_HAND)
            .order_by("-last_called_at", "-id").first())


def _require_current(window: Window) -> Ticket:
    ticket = current_ticket(window)
    if ticket is None:
        raise ValidationError(_("本窗口当前没有正在叫号或办理的号"), code="none")
    return ticket


def _why(ticket: Ticket) -> str:
    """The reason written on a call that goes before the order of taking tickets."""
    if ticket.tier == Tier.TRANSFERRED:
        return _("转窗过来的号，优先办理")
    if ticket.tier == Tier.CARRIED:
        return _("%(day)s 取的号当天未叫到，保留到今天优先叫号") % {"day": f"{ticket.issued_on:%m月%d日}"}
    if ticket.tier == Tier.APPOINTMENT and ticket.due_at:
        return _("预约 %(t)s 时段已到，先于现场取号") % {"t": f"{timezone.localtime(ticket.due_at):%H:%M}"}
    if ticket.tier == Tier.PRIORITY:
        return _("绿色通道：%(r)s") % {"r": ticket.priority_reason}
    return ""


def next_candidates(window: Window, queue_ids: list[int], today: dt.date, now: dt.datetime):
    """The waiting tickets this window may call, best first. An appointment before its slot waits like a
    walk-in who came at the slot's start."""
    rank = Case(When(tier=Tier.APPOINTMENT, sort_at__gt=now, then=Value(int(Tier.WALK_IN))), default=F("tier"),
                output_field=IntegerField())
    return (Ticket.objects.filter(hall_id=window.hall_id, day=today, status=Status.WAITING)
            .filter((Q(queue_id__in=queue_ids) & Q(target_window__isnull=True)) | Q(target_window=window))
            .annotate(rank=rank).order_by("rank", "sort_at", "id"))


def _pick(window: Window, queue_ids: list[int], today: dt.date, now: dt.datetime) -> Ticket | None:
    for _attempt in range(20):
        candidates = next_candidates(window, queue_ids, today, now)
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True, of=("self",))
        ticket = candidates.first()
        if ticket is None:
            return None
        taken = Ticket.objects.filter(pk=ticket.pk, status=Status.WAITING).update(
            status=Status.CALLED, window=window, called_at=Coalesce(F("called_at"), Value(now)),
            last_called_at=now, target_window=None)
        if taken:
            ticket.refresh_from_db()
            return ticket
    raise RuntimeError("twenty tickets taken by other windows while this one was calling")


def _set_state(window: Window, state: str, now: dt.datetime, reason: str = "") -> None:
    if window.state != state or window.state_reason != reason:
        window.state, window.state_reason, window.state_since = state, reason, now
        window.save(update_fields=["state", "state_reason", "state_since"])


@transaction.atomic
def ticket_call_next(*, window: Window, by, now: dt.datetime | None = None) -> Ticket | None:
    """Call the next ticket to this window; None when nobody is waiting for it."""
    now = now or timezone.now()
    window = _locked(window)
    if window.state == WindowState.PAUSED:
        raise ValidationError(_("本窗口已暂停，请先点“恢复办理”"), code="paused")
    held = current_ticket(window)
    if held is not None:
        raise ValidationError(_("请先办结、转窗或标记过号当前的 %(code)s 号，再叫下一位") % {"code": held.code},
                              code="busy")
    queue_ids = list(window.queues.filter(active=True).values_list("id", flat=True))
    today = timezone.localdate(now)
    ensure_day_open(window.hall, today, now=now)
    ticket = _pick(window, queue_ids, today, now)
    _set_state(window, WindowState.OPEN, now)
    if ticket is None:
        return None
    TicketEvent.objects.create(hall_id=window.hall_id, ticket=ticket, window=window, action=Action.CALL, by=by,
                               at=now, reason=_why(ticket), data={"tier": ticket.tier})
    return ticket


@transaction.atomic
def ticket_recall(*, window: Window, by, now: dt.datetime | None = None) -> Ticket:
    now = now or timezone.now()
    window = _locked(window)
    ticket = _require_current(window)
    ticket.recalls += 1
    ticket.last_called_at = now
    ticket.save(update_fields=["recalls", "last_called_at"])
    TicketEvent.objects.create(hall_id=window.hall_id, ticket=ticket, window=window, action=Action.RECALL, by=by,
                               at=now, data={"recalls": ticket.recalls})
    return ticket


@transaction.atomic
def ticket_start(*, window: Window, by, now: dt.datetime | None = None) -> Ticket:
    now = now or timezone.now()
    window = _locked(window)
    ticket = _require_current(window)
    if ticket.status == Status.CALLED:
        ticket.status = Status.SERVING
        ticket.started_at = ticket.started_at or now
        ticket.save(update_fields=["status", "started_at"])
        TicketEvent.objects.create(hall_id=window.hall_id, ticket=ticket, window=window, action=Action.START, by=by,
                                   at=now)
    return ticket


@transaction.atomic
def ticket_finish(*, window: Window, by, now: dt.datetime | None = None) -> Ticket:
    now = now or timezone.now()
    window = _locked(window)
    ticket = _require_current(window)
    ticket.status = Status.SERVED
    ticket.started_at = ticket.started_at or ticket.last_called_at or now
    ticket.finished_at = now
    ticket.save(update_fields=["status", "started_at", "finished_at"])
    TicketEvent.objects.create(hall_id=window.hall_id, ticket=ticket, window=window, action=Action.FINISH, by=by,
                               at=now)
    return ticket


@transaction.atomic
def ticket_no_show(*, window: Window, by, now: dt.datetime | None = None) -> Ticket:
    now = now or timezone.now()
    window = _locked(window)
    ticket = _require_current(window)
    if ticket.status == Status.SERVING:
        raise ValidationError(_("已开始办理的号不能标记过号"), code="serving")
    ticket.status = Status.NO_SHOW
    ticket.save(update_fields=["status"])
    TicketEvent.objects.create(hall_id=window.hall_id, ticket=ticket, window=window, action=Action.NO_SHOW, by=by,
                               at=now, data={"recalls": ticket.recalls})
    return ticket


@transaction.atomic
def ticket_transfer(*, window: Window, by, reason: str, queue: Queue | None = None,
                    to_window: Window | None = None, now: dt.datetime | None = None) -> Ticket:
    """转窗: the ticket in hand goes to another queue (it is called there before walk-ins) or to a named
    window of the hall (only that window calls it). The holder keeps the number."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError(_("请写明转窗原因"), code="reason")
    if (queue is None) == (to_window is None):
        raise ValidationError(_("请选择转到的业务类型或窗口（二选一）"), code="target")
    window = _locked(window)
    ticket = _require_current(window)
    if queue is not None and (queue.hall_id != window.hall_id or not queue.active):
        raise ValidationError(_("只能转到本大厅启用的业务类型"), code="target")
    if to_window is not None and (to_window.hall_id != window.hall_id or to_window.pk == window.pk):
        raise ValidationError(_("只能转到本大厅的其他窗口"), code="target")
    data = {"from_window": window.number, "from_queue": ticket.queue.prefix}
    ticket.status, ticket.tier, ticket.sort_at, ticket.window = Status.WAITING, Tier.TRANSFERRED, now, None
    if queue is not None:
        ticket.queue, data["to_queue"] = queue, queue.prefix
        ticket.target_window = None
    elif to_window is not None:
        ticket.target_window, data["to_window"] = to_window, to_window.number
    try:
        with transaction.atomic():
            ticket.save(update_fields=["status", "tier", "sort_at", "window", "queue", "target_window"])
    except IntegrityError:
        raise ValidationError(_("此人在该业务类型已有一个号，不能再转入"), code="duplicate") from None
    TicketEvent.objects.create(hall_id=window.hall_id, ticket=ticket, window=window, action=Action.TRANSFER, by=by,
                               at=now, reason=reason.strip()[:200], data=data)
    return ticket


@transaction.atomic
def window_pause(*, window: Window, by, reason: str = "", now: dt.datetime | None = None) -> Window:
    now = now or timezone.now()
    window = _locked(window)
    held = current_ticket(window)
    if held is not None:
        raise ValidationError(_("请先办结、转窗或标记过号当前的 %(code)s 号，再暂停") % {"code": held.code}, code="busy")
    _set_state(window, WindowState.PAUSED, now, reason.strip()[:100])
    TicketEvent.objects.create(hall_id=window.hall_id, window=window, action=Action.PAUSE, by=by, at=now,
                               reason=reason.strip()[:200])
    return window


@transaction.atomic
def window_resume(*, window: Window, by, now: dt.datetime | None = None) -> Window:
    now = now or timezone.now()
    window = _locked(window)
    _set_state(window, WindowState.OPEN, now)
    TicketEvent.objects.create(hall_id=window.hall_id, window=window, action=Action.RESUME, by=by, at=now)
    return window


@transaction.atomic
def window_shut(*, window: Window, by, now: dt.datetime | None = None) -> Window:
    now = now or timezone.now()
    window = _locked(window)
    held = current_ticket(window)
    if held is not None:
        raise ValidationError(_("请先办结、转窗或标记过号当前的 %(code)s 号，再关窗") % {"code": held.code}, code="busy")
    _set_state(window, WindowState.CLOSED, now)
    TicketEvent.objects.create(hall_id=window.hall_id, window=window, action=Action.SHUT, by=by, at=now)
    return window
