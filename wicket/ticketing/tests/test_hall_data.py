"""Every ticket reaches the hall data as an uploaded log would: the dashboards and detectors cover a ticketing
hall with no upload. A ticket kept overnight is counted unserved on its first day and served on the next,
without looking like “头天排号第二天不能用” or queue jumping; agents carry no holder."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from wicket.halldata.models import Channel, Snapshot, Upload
from wicket.halldata.models import Ticket as LogTicket
from wicket.ticketing.services import calling, closing, issue, setup
from wicket.ticketing.services.mirror import hall_mirror, ticket_rows

from .conftest import ID_A, ID_B, at

FRIDAY = dt.date(2026, 3, 13)
MONDAY = dt.date(2026, 3, 16)


def _day(th, county):
    served = issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", person=ID_A, now=at(FRIDAY, 9))
    kept = issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", person=ID_B, now=at(FRIDAY, 16, 50))
    setup.agent_register(hall=th.hall, name="王代办", person="110101198505120037", by=county.liaison)
    agent = issue.ticket_issue(hall=th.hall, queue=th.b, item="最低生活保障申请", person="110101198505120037",
                               now=at(FRIDAY, 9, 1))
    calling.ticket_call_next(window=th.w1, by=county.liaison, now=at(FRIDAY, 9, 5))
    calling.ticket_finish(window=th.w1, by=county.liaison, now=at(FRIDAY, 9, 12))
    calling.ticket_call_next(window=th.w2, by=county.liaison, now=at(FRIDAY, 9, 6))
    calling.ticket_no_show(window=th.w2, by=county.liaison, now=at(FRIDAY, 9, 8))
    closing.day_close(hall=th.hall, day=FRIDAY, now=at(FRIDAY, 20))
    calling.ticket_call_next(window=th.w1, by=county.liaison, now=at(MONDAY, 8, 31))
    calling.ticket_finish(window=th.w1, by=county.liaison, now=at(MONDAY, 8, 40))
    return served, kept, agent


def test_the_log_rows_of_a_kept_ticket_and_an_agents_ticket(th, county):
    _served, kept, _agent = _day(th, county)
    rows = {r["ticket_id"]: r for r in ticket_rows(th.hall, FRIDAY, MONDAY)}
    assert set(rows) == {"20260313-A001", "20260313-A002", "20260313-B001", "20260313-A002+1"}
    assert (rows["20260313-A001"]["status"], rows["20260313-A001"]["window"]) == ("served", "1号窗口")
    friday = rows["20260313-A002"]
    assert (friday["status"], friday["holder"], friday.get("called_at")) == ("unserved", None, None)
    monday = rows["20260313-A002+1"]
    assert monday["issued_at"] == "2026-03-16 08:30:00" and monday["called_at"] == "2026-03-16 08:31:00"
    assert (monday["status"], monday["channel"], monday["holder"]) == ("served", "priority", kept.holder)
    assert (rows["20260313-B001"]["status"], rows["20260313-B001"]["holder"]) == ("no_show", None)  # an agent


def test_the_nightly_job_stores_the_closed_days_and_the_analysis_accuses_nobody(th, county):
    _day(th, county)
    rows, _summary = hall_mirror(hall=th.hall, through=MONDAY)
    assert rows == 4
    upload = Upload.objects.get()
    assert (upload.channel, upload.hall_id, upload.row_count) == (Channel.TICKETING, th.hall.hall_id, 4)
    assert LogTicket.objects.filter(hall_id=th.hall.hall_id).count() == 4
    snapshot = Snapshot.objects.get(key=f"tickets:hall:{th.hall.hall_id}")
    overall = snapshot.data["report"]["overall"]
    assert (overall["tickets"], overall["served"], overall["unserved"], overall["no_show"]) == (4, 2, 1, 1)
    kinds = {f["kind"] for f in snapshot.data["findings"]}
    assert not kinds & {"ticket_expired_overnight", "queue_jumping", "scalper_suspect"}
    assert hall_mirror(hall=th.hall, through=MONDAY) == (0, "")  # those days are done


def test_the_daily_command_closes_yesterday_and_mirrors_it(th, county, clock, capsys):
    issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(FRIDAY, 16))
    clock.set(at(dt.date(2026, 3, 14), 0, 30))
    call_command("ticketing_daily")
    out = capsys.readouterr().out
    assert "城关镇为民服务中心：1 条记录" in out
    assert LogTicket.objects.get().status == "unserved"
    th.hall.refresh_from_db()
    assert th.hall.synced_through == dt.date(2026, 3, 13) and th.hall.closed_through >= FRIDAY


def test_the_worker_starts_the_nightly_work_once_a_day(th, county, settings):
    from wicket.core.jobs import schedule_tick
    from wicket.core.models import Job

    settings.WICKET_DAILY_AT = (7, 0)
    issue.ticket_issue(hall=th.hall, queue=th.a, item="社会保障卡补办", now=at(FRIDAY, 16))
    started = schedule_tick(at(dt.date(2026, 3, 14), 7, 5))
    job = Job.objects.get(task_path="wicket.ticketing.jobs.ticketing_days_close")
    assert job in started and job.status == "succeeded" and "城关镇为民服务中心：1 条记录" in job.message
    assert LogTicket.objects.get().status == "unserved"
    th.hall.refresh_from_db()
    assert th.hall.synced_through == FRIDAY
    assert schedule_tick(at(dt.date(2026, 3, 14), 9)) == []  # once a day
