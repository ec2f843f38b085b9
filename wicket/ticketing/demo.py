"""The demo town hall that issues its tickets with Wicket: 城关镇为民服务中心, three queues, its windows, a
kiosk, a display and a booking link, and the last working day's tickets taken, called and served through
the same services a hall uses (a minute-by-minute replay), with a few left at closing and kept for the
next working day. That day is mirrored into the hall data, so its dashboard and detectors have it.

`wicket demo` prints the links (`demo_links`): their tokens are derived from the secret key, so the same
demo database always has the same links.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.crypto import salted_hmac

from analysis.synth_halls import poisson
from wicket.orgs.models import Membership, Role
from wicket.registry.models import Hall
from wicket.ticketing.models import Device, DeviceKind, Queue, Ticket, TicketingHall, Window
from wicket.ticketing.rules import token_hash
from wicket.ticketing.services import calling, closing, issue, mirror, setup
from wicket.ticketing.workdays import is_working_day

ORDER = 75
LABEL = "取号叫号：城关镇为民服务中心用本系统取号，含上一个工作日的号票"
HALL = "城关镇为民服务中心"
QUEUES = (
    ("A", "社会保障", ("社会保障卡补办", "城乡居民养老保险参保登记", "医保参保登记"), 7, 2),
    ("B", "民政救助", ("最低生活保障申请", "老年优待证办理", "残疾人两项补贴申请"), 12, 0),
    ("C", "户籍和居住证代办", ("居住证办理", "户口迁移代办"), 9, 0),
)
ARRIVALS_PER_HOUR = {8: 14, 9: 22, 10: 18, 11: 10, 14: 12, 15: 16, 16: 14, 17: 6}


def demo_token(kind: str, hall: TicketingHall) -> str:
    return salted_hmac("wicket.ticketing.demo", f"{kind}:{hall.pk}", algorithm="sha256").hexdigest()[:32]


def demo_links(base: str) -> list[tuple[str, str]]:
    """(label, url) of the demo hall's kiosk, display, booking page and first window, if the demo has them."""
    th = TicketingHall.objects.select_related("hall").filter(hall__name=HALL).first()
    if th is None:
        return []
    out = []
    for kind, label, route in ((DeviceKind.KIOSK, "取号机", "k"), (DeviceKind.DISPLAY, "叫号大屏", "d"),
                               (DeviceKind.BOOKING, "网上预约", "b")):
        token = demo_token(kind, th)
        if Device.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True).exists():
            out.append((label, f"{base}/ticketing/{route}/{token}/"))
    out.append(("1 号窗口叫号（登录 t01_jbr）", f"{base}/ticketing/halls/{th.hall_id}/windows/1/"))
    out.append(("大厅实时情况", f"{base}/ticketing/halls/{th.hall_id}/"))
    return out


@dataclass
class _Window:
    window: Window
    busy_until: dt.datetime | None = None
    service: list[float] = field(default_factory=list)


def _at(day: dt.date, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)) + dt.timedelta(minutes=minute))


def _last_working_day(today: dt.date) -> dt.date:
    day = today - dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _phone(rng: random.Random) -> str:
    return "139" + "".join(rng.choice("0123456789") for _ in range(8))


def _replay_day(th: TicketingHall, day: dt.date, rng: random.Random, by) -> None:
    """Walk-ins by the hour, a priority ticket, a transfer, a no-show; windows call in turn until closing."""
    queues = {q.prefix: q for q in Queue.objects.filter(hall=th)}
    arrivals = []
    for hour, rate in ARRIVALS_PER_HOUR.items():
        for _ in range(poisson(rng, rate)):
            minute = hour * 60 + rng.randrange(60)
            if minute < 7 * 60 + 30 or minute >= 17 * 60 + 25 or 12 * 60 <= minute < 14 * 60 + 30:
                continue
            prefix = rng.choices("ABC", weights=(5, 3, 2))[0]
            arrivals.append((minute, prefix))
    arrivals.sort()
    service = {p: minutes for p, _n, _i, minutes, _s in QUEUES}
    windows = [_Window(w) for w in Window.objects.filter(hall=th).prefetch_related("queues").order_by("number")]
    morning = (th.am_open.hour * 60 + th.am_open.minute, th.am_close.hour * 60 + th.am_close.minute)
    assert th.pm_open and th.pm_close
    afternoon = (th.pm_open.hour * 60 + th.pm_open.minute, th.pm_close.hour * 60 + th.pm_close.minute)
    i = 0
    transferred = priority = no_show = False
    for minute in range(7 * 60 + 30, afternoon[1]):
        now = _at(day, minute)
        for w in windows:
            if w.busy_until is not None and w.busy_until <= now:
                calling.ticket_finish(window=w.window, by=by, now=w.busy_until)
                w.busy_until = None
        while i < len(arrivals) and arrivals[i][0] <= minute:
            q = queues[arrivals[i][1]]
            person = _phone(rng) if rng.random() < 0.6 else ""
            if not priority and minute > 9 * 60 + 20:
                issue.ticket_issue_priority(hall=th, queue=q, item=q.item_list[0], reason="老年人（70 岁以上）", by=by,
                                            now=now)
                priority = True
            else:
                issue.ticket_issue(hall=th, queue=q, item=rng.choice(q.item_list), person=person, now=now)
            i += 1
        open_now = morning[0] <= minute < morning[1] or afternoon[0] <= minute < afternoon[1] - 10
        for w in windows:
            if w.busy_until is not None or not open_now or w.window.number > 3 and minute >= 16 * 60:
                continue  # two windows close early in the afternoon: the queue grows towards closing
            ticket = calling.ticket_call_next(window=w.window, by=by, now=now)
            if ticket is None:
                continue
            if not no_show and minute > 10 * 60:
                calling.ticket_no_show(window=w.window, by=by, now=now + dt.timedelta(minutes=3))
                no_show = True
                continue
            if not transferred and ticket.queue.prefix == "A" and minute > 10 * 60 + 30:
                calling.ticket_transfer(window=w.window, by=by, reason="需先办理户籍信息核对", queue=queues["C"],
                                        now=now + dt.timedelta(minutes=4))
                transferred = True
                continue
            calling.ticket_start(window=w.window, by=by, now=now + dt.timedelta(minutes=1))
            minutes = max(2.0, rng.expovariate(1 / service[ticket.queue.prefix]))
            w.busy_until = now + dt.timedelta(minutes=1 + round(minutes))
    for w in windows:
        if w.busy_until is not None:
            calling.ticket_finish(window=w.window, by=by, now=w.busy_until)


def load(ctx) -> None:
    hall = Hall.objects.filter(name=HALL).select_related("unit").first()
    liaison = Membership.objects.filter(unit=hall.unit, role=Role.LIAISON).select_related("user").first() \
        if hall else None
    if hall is None or liaison is None:
        return
    by = liaison.user
    th = setup.ticketing_enable(hall=hall, by=by)
    made = {}
    for order, (prefix, name, items, minutes, am_slots) in enumerate(QUEUES):
        made[prefix] = setup.queue_save(hall=th, by=by, name=name, prefix=prefix, items="\n".join(items),
                                        service_minutes=minutes, am_slot_limit=am_slots, order=order)
    plan = {1: ("社保窗口", "A"), 2: ("社保窗口", "A"), 3: ("民政窗口", "B"), 4: ("代办窗口", "C")}
    for w in Window.objects.filter(hall=th):
        name, prefixes = plan.get(w.number, ("综合窗口", "ABC"))
        setup.window_save(hall=th, by=by, window=w, number=w.number, name=name,
                          queues=[made[p] for p in prefixes])
    for kind, name in ((DeviceKind.KIOSK, "大门取号平板"), (DeviceKind.DISPLAY, "候号区大屏"), (DeviceKind.BOOKING, "网上预约")):
        setup.device_create(hall=th, kind=kind, name=name, by=by, token=demo_token(kind, th))
    setup.agent_register(hall=th, name="张庄村代办员 张桂兰", person="110101198505120037", note="张庄村代办点", by=by)
    day = _last_working_day(ctx.today)
    th.refresh_from_db()
    _replay_day(th, day, random.Random(f"ticketing-{day}"), by)
    closing.day_close(hall=th, day=day, now=_at(day, 20 * 60))
    mirror.hall_mirror(hall=th, through=day)
    assert Ticket.objects.filter(hall=th).exists()
