"""Two office users changing the calendar at the same moment: both changes count in the deadlines.

The revision row is locked first, so the second change waits for the first to commit and then
recomputes on a calendar that has both days. Needs PostgreSQL's row locks."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection

from wicket.problems.tests.factories import problem_due_in
from wicket.workcal import hooks, services
from wicket.workcal.models import CalendarDay

D = dt.date


def _at_once(monkeypatch, county, first: tuple[dt.date, str], second: tuple[dt.date, str]) -> list[BaseException]:
    """Run two calendar_day_set at once: the second starts while the first is inside its transaction."""
    first_inside = threading.Event()

    def slow(change):  # hold the first change open while the second one starts
        if first[0] in change.days and not first_inside.is_set():
            first_inside.set()
            time.sleep(0.5)

    monkeypatch.setattr(hooks, "_LISTENERS", [*hooks._LISTENERS, slow])
    errors: list[BaseException] = []

    def change(day: dt.date, name: str, wait: bool) -> None:
        try:
            if wait:
                assert first_inside.wait(10)
            services.calendar_day_set(day=day, kind="holiday", name=name, by=county.supervisor)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=change, args=(*first, False)),
               threading.Thread(target=change, args=(*second, True))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return errors


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions are tested on PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_two_changes_at_once_both_move_the_deadline(postgres, county, monkeypatch):
    p = problem_due_in(county, found_on=D(2025, 11, 3), workdays=5)  # Monday → Monday 10 November
    errors = _at_once(monkeypatch, county, (D(2025, 11, 5), "县定假日"), (D(2025, 11, 6), "县庆"))
    assert not errors, errors
    assert CalendarDay.objects.count() == 2
    p.refresh_from_db()
    # 4, (5 and 6 off), 7, 10, 11, 12 November.
    assert p.deadline == D(2025, 11, 12)
    assert [e.data["new"] for e in p.events.filter(action="calendar_corrected").order_by("at", "id")] == [
        "2025-11-11", "2025-11-12"]


@pytest.mark.django_db(transaction=True)
def test_two_changes_of_the_same_day_at_once_the_second_wins(postgres, county, monkeypatch):
    p = problem_due_in(county, found_on=D(2025, 11, 3), workdays=5)
    errors = _at_once(monkeypatch, county, (D(2025, 11, 5), "县定假日"), (D(2025, 11, 5), "县庆"))
    assert not errors, errors  # the second waited, saw the first's row and changed it
    assert list(CalendarDay.objects.values_list("name", flat=True)) == ["县庆"]
    assert [h.history_type for h in CalendarDay.history.order_by("history_date", "history_id")] == ["+", "~"]
    p.refresh_from_db()
    assert p.deadline == D(2025, 11, 11)
