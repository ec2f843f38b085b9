"""The `wicket` console script.

    wicket demo [--port N]     create/upgrade the demo database, load the demo county, serve it
    wicket serve [--port N]    serve the configured database
    wicket calendar import FILE | show YEAR   the county's working-day calendar
    wicket guides|proofs|queue|calls|ratings ...   the analysis commands (no database needed)
    wicket <django command>    any Django management command (migrate, createsuperuser, ...)

Analysis commands are imported lazily so they start fast and never touch Django.
"""

from __future__ import annotations

import os
import sys

# name -> module with `main(argv: list[str]) -> int`
ANALYSIS_COMMANDS = {
    "guides": ("analysis.guides.cli", "办事指南体检"),
    "proofs": ("analysis.proofs.cli", "证明材料分析"),
    "queue": ("analysis.queueing.cli", "排队叫号分析、窗口测算与仿真"),
    "calls": ("analysis.calls_cli", "咨询电话接通分析"),
    "ratings": ("analysis.ratings_cli", "好差评分析"),
}

USAGE = """用法 / usage: wicket <command> [options]

  demo [--port N]    创建并载入演示县数据，启动演示站点 (create the demo county and serve it)
  serve [--port N]   启动站点 (serve the configured database)
  calendar import FILE | show YEAR   工作日历：导入节假日安排表，查看某年 (the county's working-day calendar)
{analysis}
  其他 Django 管理命令 (any Django management command): migrate, createsuperuser, ...
"""


def _usage() -> str:
    lines = "\n".join(f"  {name:<18} {desc}" for name, (_, desc) in ANALYSIS_COMMANDS.items())
    return USAGE.format(analysis=lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0
    command = argv[0]
    if command in ANALYSIS_COMMANDS:
        import importlib

        module = importlib.import_module(ANALYSIS_COMMANDS[command][0])
        return int(module.main(argv[1:]) or 0)
    if command == "demo":
        os.environ.setdefault("WICKET_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wicket.settings")
    from django.core.management import execute_from_command_line

    if command in ("demo", "serve", "calendar"):
        execute_from_command_line(["wicket", f"wicket_{command}", *argv[1:]])
        return 0
    execute_from_command_line(["wicket", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
