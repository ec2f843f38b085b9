"""The daily jobs (reminders, escalation) are started by the worker's scheduler, not by cron: once a
day after WICKET_DAILY_AT, whoever ticks and however often. Jobs run eagerly here."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from wicket.campaigns.models import Reminder
from wicket.core.jobs import schedule_tick
from wicket.core.models import DailyRun, Job
from wicket.problems.tests.factories import make_problem
from wicket.supervision.models import Escalation

ZONE = ZoneInfo("Asia/Shanghai")
DEADLINE = dt.date(2025, 9, 30)  # then the National Day holiday; 17 October is 8 working days later


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def late(county, campaign):
    return make_problem(county.unit, county.liaison, campaign=campaign, title="叫号机故障", deadline=DEADLINE)


def test_the_daily_jobs_start_once_a_day_after_their_time(county, late, settings):
    settings.WICKET_DAILY_AT = (7, 0)
    day = dt.date(2025, 10, 17)
    assert schedule_tick(at(day, 6, 59)) == []
    started = schedule_tick(at(day, 7, 0))
    assert sorted(j.task_path for j in started) == ["wicket.campaigns.jobs.reminders_daily",
                                                    "wicket.supervision.jobs.escalation_daily",
                                                    "wicket.ticketing.jobs.ticketing_days_close"]
    assert schedule_tick(at(day, 7, 1)) == [] and schedule_tick(at(day, 23, 0)) == []
    assert DailyRun.objects.filter(day=day).count() == 3

    jobs = {j.task_path.rsplit(".", 1)[1]: j for j in Job.objects.all()}
    assert {j.status for j in jobs.values()} == {"succeeded"}
    assert jobs["escalation_daily"].message == "2025-10-17：新增督办 2 条（提醒经办人 1，督办单 1）"
    assert jobs["escalation_daily"].title == "每日逾期督办（2025-10-17）" and jobs["escalation_daily"].created_by is None
    assert sorted(late.escalations.values_list("level", flat=True)) == [1, 2]
    assert "新增提醒 2 条" in jobs["reminders_daily"].message  # the unit's liaison and head
    assert Reminder.objects.filter(run_on=day, problem=late).count() == 2

    assert len(schedule_tick(at(day + dt.timedelta(days=4), 7, 30))) == 3  # the next working day it is due
    assert Escalation.objects.filter(problem=late, level=3).exists()  # 10 working days by the 21st


def test_a_retry_of_a_daily_job_adds_nothing_twice(county, late, client_for, settings):
    settings.WICKET_DAILY_AT = (7, 0)
    schedule_tick(at(dt.date(2025, 10, 17), 8))
    job = Job.objects.get(task_path="wicket.supervision.jobs.escalation_daily")
    Job.objects.filter(pk=job.pk).update(status="failed", retryable=True, error="x")  # as if it had failed
    response = client_for(county.supervisor).post(f"/jobs/{job.pk}/retry/")
    job.refresh_from_db()
    assert response.status_code == 302 and (job.status, job.attempts) == ("succeeded", 2)
    assert job.message == "2025-10-17：新增督办 0 条" and late.escalations.count() == 2


def test_who_may_follow_and_retry_a_daily_job(county, client_for, settings):
    settings.WICKET_DAILY_AT = (0, 0)
    schedule_tick()
    job = Job.objects.get(task_path="wicket.supervision.jobs.escalation_daily")
    Job.objects.filter(pk=job.pk).update(status="failed", retryable=True, error="x")
    for user in (county.supervisor, county.center_staff):
        assert client_for(user).get(f"/jobs/{job.pk}/").status_code == 200
    for user in (county.other_liaison, county.liaison, county.head, county.inspector):
        assert client_for(user).get(f"/jobs/{job.pk}/").status_code == 404
    for user in (county.center_staff, county.other_liaison, county.liaison):
        assert client_for(user).post(f"/jobs/{job.pk}/retry/").status_code == 404
    job.refresh_from_db()
    assert job.attempts == 1


def test_the_management_commands_still_run_the_same_services(county, late, capsys):
    call_command("escalate", "--date", "2025-10-17")
    call_command("send_reminders", "--today", "2025-10-17")
    out = capsys.readouterr().out
    assert "新增督办 2 条" in out and "新增提醒 2 条" in out
    assert Job.objects.count() == 0  # by hand, in the foreground
