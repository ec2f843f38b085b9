"""Every working-day count follows the county's calendar: the reminders' horizon and escalation's
overdue days move with a county-declared holiday."""

from __future__ import annotations

import datetime as dt

from wicket.campaigns.services.reminders import reminders_send
from wicket.supervision.services.escalation import overdue_workdays
from wicket.workcal import services

D = dt.date


def test_reminders_and_escalation_count_on_the_county_calendar(county):
    assert reminders_send(today=D(2025, 11, 3), workdays=3).horizon == D(2025, 11, 6)
    assert overdue_workdays(D(2025, 11, 3), D(2025, 11, 7)) == 4
    services.calendar_day_set(day=D(2025, 11, 5), kind="holiday", name="县定假日", by=county.supervisor)
    assert reminders_send(today=D(2025, 11, 3), workdays=3).horizon == D(2025, 11, 7)
    assert overdue_workdays(D(2025, 11, 3), D(2025, 11, 7)) == 3
