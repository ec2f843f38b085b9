"""A town hall with ticketing: two queues (A 社会保障, B 民政救助), three windows (1: A, 2: B, 3: universal),
appointments in A (2 per 30-minute slot in the morning), a kiosk, a display and a booking link.
Times are fixed on a known working day so the tests never depend on today's calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from wicket.registry.models import Hall, HallKind
from wicket.ticketing.models import Device, DeviceKind, Queue, TicketingHall, Window
from wicket.ticketing.services import setup

MONDAY = dt.date(2026, 3, 9)  # a working day; Friday 13 March is followed by Monday 16 March
ID_A = "110101199003070011"  # valid check digits
ID_B = "11010119900307002X"
ID_C = "110101198505120037"
PHONE = "13912345678"


def at(day: dt.date, hh: int, mm: int = 0, ss: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hh, mm, ss)))


@dataclass
class Setup:
    hall: TicketingHall
    a: Queue
    b: Queue
    w1: Window
    w2: Window
    w3: Window
    kiosk: Device
    kiosk_token: str
    display: Device
    display_token: str
    booking: Device
    booking_token: str


@pytest.fixture
def town_hall(county):
    return Hall.objects.create(unit=county.unit, name="城关镇为民服务中心", kind=HallKind.CITIZEN_CENTER, window_count=3,
                               hours="周一至周五 8:30-12:00，14:30-17:30（夏季 15:00-18:00）")


@pytest.fixture
def th(county, town_hall):
    """The town hall's ticketing, set up by its liaison."""
    by = county.liaison
    hall = setup.ticketing_enable(hall=town_hall, by=by)
    a = setup.queue_save(hall=hall, by=by, name="社会保障", prefix="A", items="社会保障卡补办\n城乡居民养老保险参保登记",
                         service_minutes=6, am_slot_limit=2, slot_minutes=30)
    b = setup.queue_save(hall=hall, by=by, name="民政救助", prefix="B", items="最低生活保障申请\n残疾人两项补贴申请",
                         service_minutes=10)
    w1, w2, w3 = (hall.windows.get(number=n) for n in (1, 2, 3))
    setup.window_save(hall=hall, by=by, window=w1, number=1, name="社保窗口", queues=[a])
    setup.window_save(hall=hall, by=by, window=w2, number=2, name="民政窗口", queues=[b])
    setup.window_save(hall=hall, by=by, window=w3, number=3, name="综合窗口", queues=[a, b])
    hall.refresh_from_db()

    kiosk, kiosk_token = setup.device_create(hall=hall, kind=DeviceKind.KIOSK, name="大门平板", by=by)
    display, display_token = setup.device_create(hall=hall, kind=DeviceKind.DISPLAY, name="大屏", by=by)
    booking, booking_token = setup.device_create(hall=hall, kind=DeviceKind.BOOKING, name="预约", by=by)
    return Setup(hall, a, b, w1, w2, w3, kiosk, kiosk_token, display, display_token, booking, booking_token)


@pytest.fixture
def clock(monkeypatch):
    """The server's clock, set by the test (clock.set(datetime)) and running on from there: pages and the
    live server compute “now” and “today” from it."""
    real = timezone.now

    class Clock:
        offset = dt.timedelta(0)

        def set(self, when: dt.datetime) -> None:
            self.offset = when - real()

    c = Clock()
    monkeypatch.setattr(timezone, "now", lambda: real() + c.offset)
    return c
