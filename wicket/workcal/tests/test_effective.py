"""effective_calendar(): built once per change, checked with one small query (once per request),
and a change made by another process is seen at once."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from analysis.workdays import HOLIDAY, KINDS, WORKDAY
from wicket.workcal import services
from wicket.workcal.models import CalendarDay, CalendarRevision, DayKind
from wicket.workcal.selectors import REVISION_PK, effective_calendar

D = dt.date


def test_the_kinds_are_the_analysis_kinds():
    assert tuple(DayKind.values) == KINDS == (HOLIDAY, WORKDAY)


def test_it_is_built_once_and_then_checked_with_one_query(county):
    services.calendar_day_set(day=D(2025, 11, 5), kind="holiday", name="县定假日", by=county.supervisor)
    first = effective_calendar()
    with CaptureQueriesContext(connection) as ctx:
        again = effective_calendar()
    assert again is first and len(ctx.captured_queries) == 1
    assert not first.is_workday(D(2025, 11, 5))


def test_a_change_written_by_another_process_is_seen_at_once(county):
    assert effective_calendar().is_workday(D(2025, 11, 5))
    # Another process: the rows and a new token, without this process's services.
    CalendarDay.objects.create(day=D(2025, 11, 5), kind="holiday", name="县定假日")
    CalendarRevision.objects.update_or_create(pk=REVISION_PK, defaults={"token": uuid.uuid4().hex})
    assert not effective_calendar().is_workday(D(2025, 11, 5))


def test_inside_a_request_it_is_checked_once(county):
    effective_calendar()
    # As the test client does: the signals without Django's closing of old connections (which would
    # end the test's transaction), so only what the apps connected runs.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        with CaptureQueriesContext(connection) as ctx:
            effective_calendar()
            effective_calendar()
        assert len(ctx.captured_queries) == 1
        # A change inside the request is seen by the rest of the request.
        services.calendar_day_set(day=D(2025, 11, 5), kind="holiday", name="县定假日", by=county.supervisor)
        assert not effective_calendar().is_workday(D(2025, 11, 5))
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
