"""Appointments: slots per queue and half-day within a limit, one booking per person, queue and day;
check-in at the kiosk by booking code within the slot; cancelling gives the place back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wicket.ticketing.models import AppointmentStatus, Channel, Tier
from wicket.ticketing.services import issue
from wicket.ticketing.slots import slots_of

from .conftest import ID_A, ID_B, ID_C, MONDAY, PHONE, at

TUESDAY = MONDAY + dt.timedelta(days=1)


def book(th, person, start=dt.time(9, 0), day=TUESDAY, now=None):
    return issue.appointment_book(hall=th.hall, queue=th.a, item="社会保障卡补办", day=day, start=start, person=person,
                                  now=now or at(MONDAY, 10))


def test_slots_cut_the_morning_by_the_queue_settings_and_the_afternoon_has_none(th):
    slots = slots_of(th.hall, th.a)
    assert [s.start.strftime("%H:%M") for s in slots] == ["08:30", "09:00", "09:30", "10:00", "10:30", "11:00",
                                                          "11:30"]
    assert {s.limit for s in slots} == {2} and not slots_of(th.hall, th.b)


def test_a_slot_holds_its_limit_and_a_person_books_once_per_queue_and_day(th):
    first = book(th, ID_A)
    assert len(first.code) == 8 and first.status == AppointmentStatus.BOOKED
    with pytest.raises(ValidationError) as twice:
        book(th, ID_A, start=dt.time(10, 0))
    assert "同一天同一业务只能预约一次" in twice.value.messages[0]
    book(th, ID_B)
    with pytest.raises(ValidationError) as full:
        book(th, ID_C)
    assert "09:00–09:30 时段已约满" in full.value.messages[0]
    issue.appointment_cancel(appointment=first)
    assert book(th, ID_C).status == AppointmentStatus.BOOKED  # the cancelled place is free again


@pytest.mark.parametrize("day, start, now, message", [
    (MONDAY, dt.time(9, 0), at(MONDAY, 9, 10), "该时段已开始"),
    (TUESDAY, dt.time(15, 0), at(MONDAY, 10), "该时段不接受预约"),
    (MONDAY + dt.timedelta(days=20), dt.time(9, 0), at(MONDAY, 10), "该时段不接受预约"),
])
def test_past_unknown_or_far_slots_are_refused(th, day, start, now, message):
    with pytest.raises(ValidationError) as refused:
        book(th, PHONE, start=start, day=day, now=now)
    assert message in refused.value.messages[0]


def test_check_in_by_code_within_the_slot_gives_a_ticket_due_at_its_start(th):
    appt = book(th, ID_A)
    for now, message in [(at(MONDAY, 9), "请当天来签到"), (at(TUESDAY, 7, 50), "请在开始前一小时内签到"),
                         (at(TUESDAY, 9, 30), "已过，请取现场号")]:
        with pytest.raises(ValidationError) as refused:
            issue.appointment_check_in(hall=th.hall, code=appt.code, now=now)
        assert message in refused.value.messages[0]
    ticket = issue.appointment_check_in(hall=th.hall, code=appt.code.lower(), now=at(TUESDAY, 8, 40))
    assert (ticket.channel, ticket.tier, ticket.holder) == (Channel.APPOINTMENT, Tier.APPOINTMENT, appt.holder)
    assert ticket.due_at == at(TUESDAY, 9)
    appt.refresh_from_db()
    assert appt.status == AppointmentStatus.CHECKED_IN and appt.ticket == ticket
    with pytest.raises(ValidationError) as again:
        issue.appointment_check_in(hall=th.hall, code=appt.code, now=at(TUESDAY, 8, 41))
    assert "该预约已签到" in again.value.messages[0]
    with pytest.raises(ValidationError) as unknown:
        issue.appointment_check_in(hall=th.hall, code="ZZZZ2222", now=at(TUESDAY, 8, 41))
    assert "没有找到预约码“ZZZZ2222”" in unknown.value.messages[0]
