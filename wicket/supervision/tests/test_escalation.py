"""督办: overdue problems rise through the levels by working days overdue (Chinese calendar, 调休)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from wicket.problems.tests.factories import make_problem
from wicket.supervision.models import Escalation, EscalationLevel
from wicket.supervision.services.escalation import escalation_acknowledge, escalation_run, overdue_workdays

DEADLINE = dt.date(2025, 9, 30)  # then the National Day holiday, 1–8 October 2025; Saturday 11 October is worked


def test_overdue_working_days_skip_the_holiday_and_count_the_make_up_saturday(db):
    assert overdue_workdays(DEADLINE, dt.date(2025, 10, 8)) == 0
    assert overdue_workdays(DEADLINE, dt.date(2025, 10, 10)) == 2  # 9th, 10th
    assert overdue_workdays(DEADLINE, dt.date(2025, 10, 17)) == 8  # + 11th (调休), 13th–17th


@pytest.fixture
def late(county, campaign):
    return make_problem(county.unit, county.liaison, campaign=campaign, title="叫号机故障", deadline=DEADLINE)


def levels(problem):
    return sorted(problem.escalations.values_list("level", flat=True))


def test_each_level_comes_at_its_threshold_and_a_rerun_adds_nothing(county, late):
    escalation_run(today=dt.date(2025, 10, 8))
    assert levels(late) == []
    escalation_run(today=dt.date(2025, 10, 10))
    assert levels(late) == [1]
    escalation_run(today=dt.date(2025, 10, 17))
    assert levels(late) == [1, 2]
    order = late.escalations.get(level=2)
    assert order.number == "督办〔2025〕1号" and order.overdue_workdays == 8
    assert escalation_run(today=dt.date(2025, 10, 17)) == []
    escalation_run(today=dt.date(2025, 10, 20))  # 9 working days
    assert levels(late) == [1, 2]
    escalation_run(today=dt.date(2025, 10, 21))  # 10
    assert levels(late) == [1, 2, 3]
    assert late.events.filter(action="escalate").count() == 3


@override_settings(WICKET_ESCALATION_WORKDAYS=(2, 3, 4))
def test_the_thresholds_are_settings(county, late):
    escalation_run(today=dt.date(2025, 10, 10))  # 2 working days
    assert levels(late) == [1]
    escalation_run(today=dt.date(2025, 10, 13))  # 4
    assert levels(late) == [1, 2, 3]


def test_closed_problems_are_not_escalated(county, late):
    from django.utils import timezone

    from wicket.problems.models import Problem, Status

    Problem.objects.filter(pk=late.pk).update(status=Status.CLOSED, closed_at=timezone.now())
    assert escalation_run(today=dt.date(2025, 10, 21)) == []


def test_the_head_acknowledges_the_order_once(county, client_for, late):
    escalation_run(today=dt.date(2025, 10, 17))
    order = Escalation.objects.get(level=EscalationLevel.ORDER)
    assert "待签收督办单" in client_for(county.head).get(reverse("home")).content.decode()
    response = client_for(county.head).post(reverse("supervision:escalation_ack", args=[order.pk]),
                                            {"note": "已部署整改"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.acknowledged_by == county.head and order.ack_note == "已部署整改"
    with pytest.raises(Exception, match="已签收"):
        escalation_acknowledge(escalation=order, by=county.head)


def test_the_liaison_cannot_acknowledge_and_sees_the_reminder(county, client_for, late):
    escalation_run(today=dt.date(2025, 10, 17))
    order = Escalation.objects.get(level=EscalationLevel.ORDER)
    response = client_for(county.liaison).post(reverse("supervision:escalation_ack", args=[order.pk]), {})
    assert response.status_code == 400 and "只有本单位主要负责人" in response.content.decode()
    order.refresh_from_db()
    assert order.acknowledged_at is None
    assert "督办提醒" in client_for(county.liaison).get(reverse("home")).content.decode()


def test_a_stranger_gets_404_on_the_order_and_cannot_acknowledge(county, client_for, late):
    escalation_run(today=dt.date(2025, 10, 17))
    order = Escalation.objects.get(level=EscalationLevel.ORDER)
    for who in (county.other_head, county.other_liaison, county.inspector):
        c = client_for(who)
        assert c.get(reverse("supervision:escalation", args=[order.pk])).status_code == 404
        assert c.post(reverse("supervision:escalation_ack", args=[order.pk]), {}).status_code == 404
        assert c.post(reverse("supervision:escalation_raise", args=[late.pk])).status_code == 404
        assert c.post(reverse("supervision:escalation_run")).status_code == 404
    order.refresh_from_db()
    assert order.acknowledged_at is None and Escalation.objects.count() == 2
    assert "叫号机故障" not in client_for(county.other_head).get(reverse("supervision:escalations")).content.decode()


def test_the_supervisor_raises_one_problem_by_hand(county, client_for, late):
    c = client_for(county.supervisor)
    assert c.post(reverse("supervision:escalation_raise", args=[late.pk])).status_code == 302
    assert levels(late) == [1]


def test_the_command_prints_what_it_did(county, late, capsys):
    call_command("escalate", "--date", "2025-10-17")
    out = capsys.readouterr().out
    assert "新增督办 2 条" in out and "督办〔2025〕1号" in out and "测试县城关镇人民政府" in out


def test_the_command_names_a_bad_date(county):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("escalate", "--date", "17/10/2025")
