"""Taking tickets: numbers per queue and day, one active ticket per person and queue, a daily cap per
person (registered agents exempt), opening hours, and only a hash of the ID or phone kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from wicket.ticketing.models import Action, Channel, Ticket, TicketEvent, Tier
from wicket.ticketing.services import issue, setup

from .conftest import ID_A, ID_B, MONDAY, PHONE, at


def take(th, person="", queue=None, item=None, when=None):
    queue = queue or th.a
    return issue.ticket_issue(hall=th.hall, queue=queue, item=item or queue.item_list[0], person=person,
                              now=when or at(MONDAY, 9))


def test_numbers_run_per_queue_and_start_again_the_next_day(th):
    a1, a2 = take(th), take(th)
    b1 = take(th, queue=th.b)
    assert [a1.code, a2.code, b1.code] == ["A001", "A002", "B001"]
    tuesday = MONDAY.replace(day=10)
    assert take(th, when=at(tuesday, 9)).code == "A001"


def test_a_second_ticket_for_the_same_person_and_queue_is_refused_with_a_clear_message(th):
    first = take(th, person=ID_A)
    with pytest.raises(ValidationError) as refused:
        take(th, person=ID_A.lower().replace("x", "X"), item="城乡居民养老保险参保登记")
    assert "您已有“社会保障”的 A001 号（等候中）" in refused.value.messages[0]
    assert "同一业务不能重复取号" in refused.value.messages[0]
    assert take(th, person=ID_A, queue=th.b).code == "B001"  # another business is fine
    issue.ticket_cancel(ticket=first, now=at(MONDAY, 9, 5))
    assert take(th, person=ID_A).code == "A002"  # once that ticket is done with, the person may queue again


def test_only_a_hash_of_the_id_or_phone_is_kept(th):
    t = take(th, person=PHONE)
    stored = Ticket.objects.filter(pk=t.pk).values_list(*[f.attname for f in Ticket._meta.concrete_fields]).get()
    assert all(PHONE not in str(v) for v in stored)
    assert t.holder.startswith("H") and len(t.holder) == 32
    assert take(th, person=ID_B).holder != t.holder


@pytest.mark.parametrize("bad, message", [
    ("110101199003070012", "身份证号码校验位不对"),
    ("12345", "请输入 18 位身份证号码或 11 位手机号码"),
    ("23912345678", "请输入 18 位身份证号码或 11 位手机号码"),
])
def test_a_wrong_id_or_phone_is_refused_in_chinese(th, bad, message):
    with pytest.raises(ValidationError) as refused:
        take(th, person=bad)
    assert message in refused.value.messages[0]
    assert not Ticket.objects.exists()


def test_the_daily_cap_stops_a_person_but_not_a_registered_agent(th, county):
    th.hall.daily_cap = 2
    th.hall.save()
    c = setup.queue_save(hall=th.hall, by=county.liaison, name="户籍代办", prefix="C", items="居住证办理")
    take(th, person=ID_A)
    take(th, person=ID_A, queue=th.b)
    with pytest.raises(ValidationError) as refused:
        take(th, person=ID_A, queue=c)
    assert "同一人每天最多取 2 个号" in refused.value.messages[0]
    setup.agent_register(hall=th.hall, name="王代办", person=ID_B, by=county.liaison)
    agent_tickets = [take(th, person=ID_B) for _ in range(4)]  # several in one queue, past the cap
    assert all(t.agent for t in agent_tickets) and len({t.code for t in agent_tickets}) == 4


def test_tickets_are_issued_only_in_opening_hours_and_on_working_days(th):
    for when, message in [(at(MONDAY, 7, 0), "还没到取号时间：07:30 开始取号"),
                          (at(MONDAY, 17, 30), "今天已停止取号（17:30 下班）"),
                          (at(MONDAY.replace(day=8), 10), "今天不是工作日")]:
        with pytest.raises(ValidationError) as refused:
            take(th, when=when)
        assert message in refused.value.messages[0]
    assert take(th, when=at(MONDAY, 7, 45)).code == "A001"  # from an hour before opening


def test_an_item_must_belong_to_the_queue(th):
    with pytest.raises(ValidationError) as refused:
        take(th, item="最低生活保障申请")
    assert "不是“社会保障”办理的事项" in refused.value.messages[0]


def test_a_priority_ticket_needs_a_reason_and_records_who_gave_it(th, county):
    with pytest.raises(ValidationError):
        issue.ticket_issue_priority(hall=th.hall, queue=th.a, item="社会保障卡补办", reason=" ", by=county.liaison,
                                    now=at(MONDAY, 9))
    t = issue.ticket_issue_priority(hall=th.hall, queue=th.a, item="社会保障卡补办", reason="残疾人", by=county.liaison,
                                    now=at(MONDAY, 9))
    assert (t.channel, t.tier, t.priority_reason) == (Channel.PRIORITY, Tier.PRIORITY, "残疾人")
    event = TicketEvent.objects.get(ticket=t)
    assert (event.action, event.by, event.reason) == (Action.PRIORITY, county.liaison, "残疾人")
