import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from wicket.campaigns.models import Reminder
from wicket.problems.tests.factories import make_problem


def test_the_daily_run_reminds_liaison_and_head_of_overdue_and_soon_due_problems(county, campaign):
    # Run on Tuesday 30 September 2025: the National Day holiday starts the next day, so
    # "within 1 working day" reaches Thursday 9 October, and 10 October is already beyond it.
    today = dt.date(2025, 9, 30)
    make_problem(county.unit, county.liaison, title="逾期", deadline=dt.date(2025, 9, 29))
    make_problem(county.unit, county.liaison, title="节后第一天到期", deadline=dt.date(2025, 10, 9))
    make_problem(county.unit, county.liaison, title="节后第二天到期", deadline=dt.date(2025, 10, 10))
    make_problem(county.other_unit, county.other_liaison, title="别的单位逾期", deadline=dt.date(2025, 9, 1))
    out = StringIO()
    call_command("send_reminders", "--days", "1", "--today", "2025-09-30", stdout=out)
    rows = Reminder.objects.filter(unit=county.unit)
    assert {(r.user.username, r.problem.title, r.kind) for r in rows} == {
        ("liaison", "逾期", "overdue"), ("head", "逾期", "overdue"),
        ("liaison", "节后第一天到期", "due_soon"), ("head", "节后第一天到期", "due_soon")}
    text = out.getvalue()
    assert "测试县城关镇人民政府：逾期 1 个，即将到期 1 个 → 李经办、王镇长" in text
    assert "2025-10-09" in text
    call_command("send_reminders", "--days", "1", "--today", today.isoformat(), stdout=StringIO())
    assert Reminder.objects.count() == 6  # the same day again adds nothing


def test_reminders_show_on_the_home_page_of_their_people_only(county, campaign, client_for):
    make_problem(county.unit, county.liaison, title="叫号机故障", deadline=dt.date(2020, 1, 1))
    call_command("send_reminders", stdout=StringIO())
    body = client_for(county.head).get(reverse("home")).content.decode()
    assert "整改提醒" in body and "城关镇 有逾期未整改的问题" in body
    assert "城关镇 有逾期未整改的问题" not in client_for(county.other_liaison).get(reverse("home")).content.decode()


def test_a_bad_date_is_refused_with_a_message(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式不对：2025-13-01"):
        call_command("send_reminders", "--today", "2025-13-01")
