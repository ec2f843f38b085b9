"""`wicket calendar import FILE` and `wicket calendar show YEAR`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from wicket.cli import main
from wicket.workcal.models import CalendarDay, CalendarYear

from .helpers import SPRING_2027

D = dt.date


def test_the_command_imports_a_schedule_and_shows_a_year(county, tmp_path, capsys):
    path = tmp_path / "2027年节假日安排.csv"
    path.write_text(SPRING_2027.replace("\t", ","), encoding="utf-8")
    call_command("wicket_calendar", "import", str(path))
    out = capsys.readouterr().out
    assert "已导入 2027年节假日安排.csv：新增 11 天；2027 年已录入全年安排" in out
    assert CalendarDay.history.filter(history_change_reason="命令行导入 2027年节假日安排.csv",
                                      history_user=None).count() == 11

    call_command("wicket_calendar", "show", "2027")
    out = capsys.readouterr().out
    assert "2027 年：县里已录入全年安排" in out and "2027-02-20 星期六" in out


def test_the_console_script_runs_it_as_wicket_calendar(capsys):
    # (--help stops before the command runs: a command run from the command line closes the
    # database connections when it ends, which would end a test's transaction.)
    with pytest.raises(SystemExit) as exit_:
        main(["calendar", "import", "--help"])
    assert exit_.value.code == 0
    assert "--days-only" in capsys.readouterr().out
    main(["--help"])
    assert "calendar import FILE" in capsys.readouterr().out


def test_days_only_and_by_a_user(county, tmp_path):
    path = tmp_path / "县庆.csv"
    path.write_text("日期,类型,名称\n2027-05-07,休,县庆\n", encoding="utf-8")
    call_command("wicket_calendar", "import", str(path), "--days-only", "--by", county.supervisor.username)
    assert CalendarDay.objects.get().updated_by == county.supervisor
    assert not CalendarYear.objects.exists()


def test_a_bad_file_or_user_changes_nothing(county, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-02-30,休,春节\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 3 行，列 日期"):
        call_command("wicket_calendar", "import", str(path))
    with pytest.raises(CommandError, match="无法打开文件"):
        call_command("wicket_calendar", "import", str(tmp_path / "none.csv"))
    path.write_text("日期,类型,名称\n2027-01-01,休,元旦\n", encoding="utf-8")
    with pytest.raises(CommandError, match="只有县督查室可以修改工作日历"):
        call_command("wicket_calendar", "import", str(path), "--by", county.liaison.username)
    assert not CalendarDay.objects.exists()
