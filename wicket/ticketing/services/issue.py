"""Taking tickets: at the kiosk, in the priority lane (staff), by appointment check-in; booking and
cancelling appointments. Every limit is taken by one conditional UPDATE of a counter row, so two kiosks
at the same moment never share a number, and a person never passes a limit by being quick."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.ticketing.identity import holder_id
from wicket.ticketing.models import (
    ACTIVE,
    Action,
    Agent,
    Appointment,
    AppointmentStatus,
    Channel,
    Counter,
    Queue,
    Status,
    Ticket,
    TicketEvent,
    TicketingHall,
    Tier,
)
from wicket.ticketing.slots import Slot, booking_days, slot_at
from wicket.ticketing.workdays import is_working_day

from .closing import ensure_day_open

BOOKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and typed on a kiosk
EARLY_OPEN = dt.timedelta(minutes=60)  # the kiosk issues from an hour before opening
CHECK_IN_EARLY = dt.timedelta(minutes=60)


def counter_take(*, hall: TicketingHall, day: dt.date, key: str, limit: int | None = None) -> int | None:
    """The next value of a counter, or None when `limit` is reached. One UPDATE … WHERE value < limit:
    concurrent callers queue on the row lock and each sees the others' increments."""
    Counter.objects.get_or_create(hall=hall, day=day, key=key)
    rows = Counter.objects.filter(hall=hall, day=day, key=key)
    if limit is not None:
        rows = rows.filter(value__lt=limit)
    if not rows.update(value=F("value") + 1):
        return None
    return Counter.objects.filter(hall=hall, day=day, key=key).values_list("value", flat=True).get()


def _local(day: dt.date, t: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, t))


def _check_open(hall: TicketingHall, now: dt.datetime) -> None:
    today = timezone.localdate(now)
    if not hall.enabled:
        raise ValidationError(_("本大厅暂停取号"), code="disabled")
    if not is_working_day(today):
        raise ValidationError(_("今天不是工作日，大厅不办公"), code="closed")
    if now < _local(today, hall.am_open) - EARLY_OPEN:
        raise ValidationError(_("还没到取号时间：%(t)s 开始取号") % {
            "t": (dt.datetime.combine(today, hall.am_open) - EARLY_OPEN).strftime("%H:%M")}, code="early")
    if now >= _local(today, hall.closing):
        raise ValidationError(_("今天已停止取号（%(t)s 下班），请下一个工作日再来，或预约办理") % {
            "t": hall.closing.strftime("%H:%M")}, code="late")


def _active_refusal(ticket: Ticket) -> ValidationError:
    kept = _("，昨日保留，今天优先叫号") if ticket.carried else ""
    return ValidationError(_("您已有“%(queue)s”的 %(code)s 号（%(status)s%(kept)s），请等候叫号；同一业务不能重复取号") % {
        "queue": ticket.queue.name, "code": ticket.code, "status": ticket.get_status_display(), "kept": kept},
        code="duplicate")


def _limits(hall: TicketingHall, queue: Queue, holder: str, today: dt.date) -> bool:
    """Check one active ticket per queue and the daily cap; True if the holder is a registered agent."""
    if not holder:
        return False
    if Agent.objects.filter(hall=hall, holder=holder, active=True).exists():
        return True
    existing = Ticket.objects.select_related("queue").filter(queue=queue, holder=holder, status__in=ACTIVE).first()
    if existing:
        raise _active_refusal(existing)
    if counter_take(hall=hall, day=today, key=f"cap:{holder}", limit=hall.daily_cap) is None:
        raise ValidationError(_("同一人每天最多取 %(n)d 个号，今天的号已取满。如为他人代办，请到咨询台登记为代办员") % {
            "n": hall.daily_cap}, code="cap")
    return False


def _create(hall: TicketingHall, queue: Queue, *, item: str, holder: str, agent: bool, channel: str, tier: int,
            sort_at: dt.datetime, now: dt.datetime, due_at: dt.datetime | None = None,
            priority_reason: str = "") -> Ticket:
    today = timezone.localdate(now)
    number = counter_take(hall=hall, day=today, key=f"num:{queue.prefix}")
    assert number is not None
    ticket = Ticket(hall=hall, queue=queue, code=f"{queue.prefix}{number:03d}", number=number, issued_on=today,
                    day=today, item=item, channel=channel, tier=tier, sort_at=sort_at, holder=holder, agent=agent,
                    public_code=secrets.token_urlsafe(12), issued_at=now, due_at=due_at,
                    priority_reason=priority_reason)
    try:
        with transaction.atomic():
            ticket.save()
    except IntegrityError:
        # Another kiosk issued this person's ticket for the queue a moment ago.
        existing = Ticket.objects.select_related("queue").filter(queue=queue, holder=holder, status__in=ACTIVE).first()
        if existing is None:
            raise
        raise _active_refusal(existing) from None
    return ticket


def _item(queue: Queue, item: str) -> str:
    if item not in queue.item_list:
        raise ValidationError(_("“%(item)s”不是“%(queue)s”办理的事项，请重新选择") % {"item": item, "queue": queue.name},
                              code="item")
    return item


def _queue_of(hall: TicketingHall, queue: Queue) -> Queue:
    if queue.hall_id != hall.pk or not queue.active:
        raise ValidationError(_("该业务类型已停用，请重新选择"), code="queue")
    return queue


@transaction.atomic
def ticket_issue(*, hall: TicketingHall, queue: Queue, item: str, person: str = "",
                 now: dt.datetime | None = None) -> Ticket:
    """A walk-in ticket from the kiosk. `person`: an ID or mobile number (optional), kept only as a hash."""
    now = now or timezone.now()
    _check_open(hall, now)
    queue = _queue_of(hall, queue)
    item = _item(queue, item)
    holder = holder_id(person)
    ensure_day_open(hall, timezone.localdate(now))
    agent = _limits(hall, queue, holder, timezone.localdate(now))
    ticket = _create(hall, queue, item=item, holder=holder, agent=agent, channel=Channel.ONSITE, tier=Tier.WALK_IN,
                     sort_at=now, now=now)
    TicketEvent.objects.create(hall=hall, ticket=ticket, action=Action.ISSUE, at=now,
                               data={"agent": True} if agent else {})
    return ticket


@transaction.atomic
def ticket_issue_priority(*, hall: TicketingHall, queue: Queue, item: str, reason: str, by,
                          person: str = "", now: dt.datetime | None = None) -> Ticket:
    """A priority-lane ticket (老弱病残孕、军人), issued by the staff with the reason: called before walk-ins."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError(_("请写明走绿色通道的原因"), code="reason")
    _check_open(hall, now)
    queue = _queue_of(hall, queue)
    item = _item(queue, item)
    holder = holder_id(person)
    ensure_day_open(hall, timezone.localdate(now))
    agent = _limits(hall, queue, holder, timezone.localdate(now))
    ticket = _create(hall, queue, item=item, holder=holder, agent=agent, channel=Channel.PRIORITY, tier=Tier.PRIORITY,
                     sort_at=now, now=now, priority_reason=reason.strip()[:100])
    TicketEvent.objects.create(hall=hall, ticket=ticket, action=Action.PRIORITY, by=by, reason=reason.strip()[:200],
                               at=now)
    return ticket


@transaction.atomic
def ticket_cancel(*, ticket: Ticket, now: dt.datetime | None = None) -> Ticket:
    """The holder gives up a ticket still waiting (from its status page)."""
    now = now or timezone.now()
    if not Ticket.objects.filter(pk=ticket.pk, status=Status.WAITING).update(status=Status.CANCELLED):
        raise ValidationError(_("这个号已叫过或已取消，不能再取消"), code="state")
    ticket.refresh_from_db()
    TicketEvent.objects.create(hall_id=ticket.hall_id, ticket=ticket, action=Action.CANCEL, at=now,
                               reason=_("取号人自行取消"))
    return ticket


# ---------------------------------------------------------------- appointments


def _booking_code() -> str:
    return "".join(secrets.choice(BOOKING_ALPHABET) for _ in range(8))


@transaction.atomic
def appointment_book(*, hall: TicketingHall, queue: Queue, item: str, day: dt.date, start: dt.time, person: str,
                     now: dt.datetime | None = None) -> Appointment:
    """Book a slot: a working day within the next BOOKING_DAYS, a slot not yet started and not full, one booking
    per person, queue and day. The slot's limit is taken like a ticket number (one counter row per slot)."""
    now = now or timezone.now()
    if not hall.enabled:
        raise ValidationError(_("本大厅暂停预约"), code="disabled")
    queue = _queue_of(hall, queue)
    item = _item(queue, item)
    if not person.strip():
        raise ValidationError(_("预约须填写身份证号或手机号，签到时凭预约码取号"), code="person")
    holder = holder_id(person)
    slot: Slot | None = slot_at(hall, queue, day, start)

    if slot is None or day not in booking_days(hall, timezone.localdate(now)):
        raise ValidationError(_("该时段不接受预约，请重新选择"), code="slot")
    if _local(day, slot.start) <= now:
        raise ValidationError(_("该时段已开始，不能再预约"), code="slot_past")
    if Appointment.objects.filter(queue=queue, day=day, holder=holder,
                                  status__in=[AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN]).exists():
        raise ValidationError(_("您已预约 %(day)s 的“%(queue)s”，同一天同一业务只能预约一次") % {
            "day": f"{day:%m月%d日}", "queue": queue.name}, code="duplicate")
    if counter_take(hall=hall, day=day, key=slot.key, limit=slot.limit) is None:
        raise ValidationError(_("%(start)s–%(end)s 时段已约满，请选择其他时段") % {
            "start": f"{slot.start:%H:%M}", "end": f"{slot.end:%H:%M}"}, code="full")
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Appointment.objects.create(hall=hall, queue=queue, day=day, slot_start=slot.start,
                                                  slot_end=slot.end, item=item, holder=holder, code=_booking_code())
        except IntegrityError:
            if Appointment.objects.filter(queue=queue, day=day, holder=holder,
                                          status__in=[AppointmentStatus.BOOKED,
                                                      AppointmentStatus.CHECKED_IN]).exists():
                raise ValidationError(_("您已预约该日的这项业务，同一天同一业务只能预约一次"), code="duplicate") from None
    raise RuntimeError("no free booking code after five tries")


@transaction.atomic
def appointment_cancel(*, appointment: Appointment) -> Appointment:
    appt = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appt.status != AppointmentStatus.BOOKED:
        raise ValidationError(_("该预约已签到或已取消"), code="state")
    appt.status = AppointmentStatus.CANCELLED
    appt.save(update_fields=["status"])
    slot = slot_at(appt.hall, appt.queue, appt.day, appt.slot_start)
    if slot is not None:  # give the place back
        Counter.objects.filter(hall_id=appt.hall_id, day=appt.day, key=slot.key, value__gt=0).update(
            value=F("value") - 1)
    return appt


@transaction.atomic
def appointment_check_in(*, hall: TicketingHall, code: str, now: dt.datetime | None = None) -> Ticket:
    """At the kiosk, by booking code: a ticket due at the slot's start, called then ahead of walk-ins."""
    now = now or timezone.now()
    code = (code or "").strip().upper()
    appt = (Appointment.objects.select_for_update(of=("self",)).select_related("queue")
            .filter(hall=hall, code=code).first())
    if appt is None:
        raise ValidationError(_("没有找到预约码“%(code)s”，请核对后重新输入") % {"code": code}, code="unknown")
    if appt.status == AppointmentStatus.CHECKED_IN:
        raise ValidationError(_("该预约已签到，号码是 %(code)s") % {"code": appt.ticket.code if appt.ticket else ""},
                              code="done")
    if appt.status == AppointmentStatus.CANCELLED:
        raise ValidationError(_("该预约已取消"), code="cancelled")
    today = timezone.localdate(now)
    if appt.day != today:
        raise ValidationError(_("该预约是 %(day)s 的，请当天来签到") % {"day": f"{appt.day:%Y年%m月%d日}"},
                              code="other_day")
    start, end = _local(appt.day, appt.slot_start), _local(appt.day, appt.slot_end)
    if now < start - CHECK_IN_EARLY:
        raise ValidationError(_("预约时段 %(s)s 开始，请在开始前一小时内签到") % {"s": f"{appt.slot_start:%H:%M}"},
                              code="early")
    if now >= end:
        raise ValidationError(_("预约时段 %(s)s–%(e)s 已过，请取现场号") % {
            "s": f"{appt.slot_start:%H:%M}", "e": f"{appt.slot_end:%H:%M}"}, code="late")
    _check_open(hall, now)
    ensure_day_open(hall, today)
    agent = _limits(hall, appt.queue, appt.holder, today)
    ticket = _create(hall, appt.queue, item=appt.item, holder=appt.holder, agent=agent, channel=Channel.APPOINTMENT,
                     tier=Tier.APPOINTMENT, sort_at=start, due_at=start, now=now)
    appt.status, appt.ticket, appt.checked_in_at = AppointmentStatus.CHECKED_IN, ticket, now
    appt.save(update_fields=["status", "ticket", "checked_in_at"])
    TicketEvent.objects.create(hall=hall, ticket=ticket, action=Action.CHECK_IN, at=now,
                               reason=_("预约 %(s)s–%(e)s") % {"s": f"{appt.slot_start:%H:%M}",
                                                               "e": f"{appt.slot_end:%H:%M}"})
    return ticket
