"""The hall's queue setup: switching ticketing on for a registry hall (hours and windows from the registry),
queues, windows ↔ queues, device links, registered agents. Only the hall's own unit and the service
centre's staff may change it."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wicket.registry.models import Hall
from wicket.ticketing.identity import holder_id
from wicket.ticketing.models import Agent, Device, Queue, TicketingHall, Window
from wicket.ticketing.rules import may_manage, token_hash

DEFAULT_HOURS = ((dt.time(8, 30), dt.time(12, 0)), (dt.time(14, 0), dt.time(17, 30)))
RANGE = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})")
MAX_WINDOWS = 99


def _require(user, hall: Hall) -> None:
    if not may_manage(user, hall):
        raise PermissionDenied(_("只有本单位和县政务服务中心的工作人员可以设置本大厅的取号叫号"))


def hours_from_registry(text: str) -> tuple[tuple[dt.time, dt.time], tuple[dt.time, dt.time] | None]:
    """The opening hours written in the registry (“周一至周五 8:00-12:00，14:30-17:30（夏季 15:00-18:00）”) as
    a morning and an afternoon; what is in brackets (the summer hours) is left to the staff to change."""
    plain = re.sub(r"[（(][^）)]*[）)]", "", text or "")
    ranges = []
    for h1, m1, h2, m2 in RANGE.findall(plain):
        try:
            ranges.append((dt.time(int(h1), int(m1)), dt.time(int(h2), int(m2))))
        except ValueError:
            continue
    ranges = [r for r in ranges if r[0] < r[1]]
    if not ranges:
        return DEFAULT_HOURS[0], DEFAULT_HOURS[1]
    am = ranges[0]
    pm = next((r for r in ranges[1:] if r[0] >= am[1]), None)
    return am, pm


@transaction.atomic
def ticketing_enable(*, hall: Hall, by) -> TicketingHall:
    """Ticketing for a registered hall, with its hours and numbered windows taken from the registry."""
    _require(by, hall)
    existing = TicketingHall.objects.filter(hall=hall).first()
    if existing is not None:
        return existing
    am, pm = hours_from_registry(hall.hours)
    th = TicketingHall.objects.create(hall=hall, am_open=am[0], am_close=am[1], pm_open=pm[0] if pm else None,
                                      pm_close=pm[1] if pm else None)
    for n in range(1, min(max(hall.window_count, 1), MAX_WINDOWS) + 1):
        Window.objects.create(hall=th, number=n)
    return th


@transaction.atomic
def ticketing_settings_save(*, hall: TicketingHall, by, **fields) -> TicketingHall:
    _require(by, hall.hall)
    for name, value in fields.items():
        setattr(hall, name, value)
    hall.full_clean(exclude=["hall"])
    hall.save()
    return hall


@transaction.atomic
def queue_save(*, hall: TicketingHall, by, queue: Queue | None = None, **fields) -> Queue:
    _require(by, hall.hall)
    queue = queue or Queue(hall=hall)
    if queue.hall_id != hall.pk:
        raise PermissionDenied
    for name, value in fields.items():
        setattr(queue, name, value)
    if not queue.item_list:
        raise ValidationError({"items": _("请至少填写一个办理事项")})
    queue.full_clean()
    queue.save()
    return queue


@transaction.atomic
def window_save(*, hall: TicketingHall, by, number: int, name: str, queues: Iterable[Queue],
                window: Window | None = None) -> Window:
    _require(by, hall.hall)
    window = window or Window(hall=hall)
    if window.hall_id != hall.pk or any(q.hall_id != hall.pk for q in queues):
        raise PermissionDenied
    window.number, window.name = number, name
    window.full_clean()
    window.save()
    window.queues.set(list(queues))
    return window


@transaction.atomic
def window_delete(*, window: Window, by) -> None:
    _require(by, window.hall.hall)
    from wicket.ticketing.models import Ticket

    if Ticket.objects.filter(window=window).exists() or Ticket.objects.filter(target_window=window).exists():
        raise ValidationError(_("该窗口已叫过号，不能删除；不用时不开窗即可"))
    window.delete()


@transaction.atomic
def device_create(*, hall: TicketingHall, kind: str, name: str, by, token: str | None = None) -> tuple[Device, str]:
    """A new device link; its token is returned once and only its hash kept. `token` is for the demo only."""
    _require(by, hall.hall)
    token = token or secrets.token_urlsafe(24)
    device = Device(hall=hall, kind=kind, name=name, prefix=token[:6], token_hash=token_hash(token), created_by=by)
    device.full_clean()
    device.save()
    return device, token


@transaction.atomic
def device_revoke(*, device: Device, by) -> Device:
    _require(by, device.hall.hall)
    if device.revoked_at is None:
        device.revoked_at, device.revoked_by = timezone.now(), by
        device.save(update_fields=["revoked_at", "revoked_by"])
    return device


@transaction.atomic
def agent_register(*, hall: TicketingHall, name: str, person: str, by, note: str = "") -> Agent:
    _require(by, hall.hall)
    holder = holder_id(person)
    if not holder:
        raise ValidationError({"person": _("请填写代办员的身份证号码")})
    agent = Agent.objects.filter(hall=hall, holder=holder).first()
    if agent is not None:
        agent.name, agent.note, agent.active = name, note, True
        agent.save()
        return agent
    try:
        with transaction.atomic():
            return Agent.objects.create(hall=hall, name=name, holder=holder, note=note, created_by=by)
    except IntegrityError:
        raise ValidationError(_("该代办员已登记")) from None


@transaction.atomic
def agent_deactivate(*, agent: Agent, by) -> Agent:
    _require(by, agent.hall.hall)
    agent.active = False
    agent.save(update_fields=["active"])
    return agent
