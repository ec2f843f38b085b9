"""`wicket calendar import FILE` / `wicket calendar show YEAR`: the county's working-day calendar.

    wicket calendar import 2027年节假日安排.xlsx        the table's days win over the package; the
                                                       years it covers count as entered in full
    wicket calendar import FILE --days-only            only the days (the years stay estimated)
    wicket calendar import FILE --by duchashi          recorded as that 县督查室 user (default: 命令行)
    wicket calendar show 2027                          the year's days, package and county side by side

The import does what the calendar page does on confirmation, in one transaction: all or nothing,
deadlines that depend on the changed days recomputed, every change kept in the history.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from analysis.common import InputError
from analysis.tabular import read_path
from wicket.workcal import selectors, services


class Command(BaseCommand):
    help = "工作日历：导入节假日安排表（import FILE），查看某年的节假日和调休（show YEAR）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,show}")
        imp = sub.add_parser("import", help="导入节假日安排表（csv、xlsx、xls：日期、类型（休/班）、名称）")
        imp.add_argument("file", help="节假日安排表文件")
        imp.add_argument("--days-only", action="store_true",
                         help="只导入这些日期，不把表中所涉年份视为已录入全年安排（这些年份仍按估算）")
        imp.add_argument("--by", metavar="USERNAME", help="记为该县督查室用户的修改（默认记为命令行）")
        show = sub.add_parser("show", help="查看某年的节假日和调休（内置日历与县里录入并列）")
        show.add_argument("year", type=int)

    def handle(self, *args, action: str, **options):
        if action == "import":
            self._import(options["file"], days_only=options["days_only"], username=options["by"])
        else:
            self._show(options["year"])

    def _import(self, file: str, *, days_only: bool, username: str | None) -> None:
        by = None
        if username:
            by = get_user_model().objects.filter(username=username).first()
            if by is None:
                raise CommandError(f"没有用户 {username}")
        name = Path(file).name
        try:
            rules = services.schedule_read(name=name, data=read_path(file))
            result = services.calendar_rules_apply(rules=rules, by=by, reason=f"命令行导入 {name}",
                                                   whole_years=not days_only)
        except InputError as exc:
            raise CommandError(f"未导入（任何一处有误，整个文件都不会保存）：{exc}") from None
        except ValidationError as exc:
            raise CommandError("未导入：" + " ".join(exc.messages)) from None
        self.stdout.write(f"已导入 {name}：{result.text()}")

    def _show(self, year: int) -> None:
        calendar = selectors.effective_calendar()
        state = ("内置日历" if year in calendar.package_years() else
                 "县里已录入全年安排" if year in calendar.county_years else "估算（周一至周五）")
        self.stdout.write(f"{year} 年：{state}")
        for row in selectors.year_rows(year, calendar=calendar):
            i = row.info
            package = f"{'班' if i.package.workday else '休'} {i.package.name}" if i.package else "—"
            county = f"{'班' if i.county.workday else '休'} {i.county.name}" if i.county else "—"
            self.stdout.write(f"  {i.day:%Y-%m-%d} {row.weekday}  内置：{package:<12} 县里：{county:<16} "
                              f"→ {'工作日' if i.workday else '休息日'}")
