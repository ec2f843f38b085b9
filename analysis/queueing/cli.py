"""`wicket queue ...`: ticket KPIs and findings, Erlang C staffing, plans from a log, simulation.

Exit codes: 0 done (and, for kpis/plan, nothing found); 1 findings reported; 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys

from analysis.clitools import EXIT_FINDINGS, EXIT_OK, print_json, run
from analysis.common import InputError

from .erlang import staffing, staffing_for
from .report import WEEKDAYS, KpiReport, Stats
from .settings import QueueSettings


def _floats(text: str) -> tuple[float, ...]:
    try:
        return tuple(float(x) for x in text.replace("，", ",").split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”应为逗号分隔的数字") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wicket queue", description="排队叫号分析、窗口测算与仿真")
    sub = p.add_subparsers(dest="command", required=True)

    k = sub.add_parser("kpis", help="取号日志的等候、办理、未办结指标与问题线索")
    k.add_argument("files", nargs="+", metavar="FILE", help="CSV（UTF-8/GBK）、XLSX 或 Parquet 文件/目录")
    k.add_argument("--target-minutes", type=float, default=30, help="等候目标（分钟），默认 30")
    k.add_argument("--service-level", type=float, default=0.8, help="达标比例目标，默认 0.8")
    k.add_argument("--unserved-share", type=float, default=0.05, help="未叫号比例上限，默认 0.05")
    k.add_argument("--agent", action="append", default=[], metavar="HOLDER", help="登记代办员（白名单），可重复")
    k.add_argument("--format", choices=("text", "json"), default="text")

    s = sub.add_parser("staffing", help="Erlang C：给定业务量需要几个窗口")
    s.add_argument("--arrivals-per-hour", type=float, required=True, help="每小时到达人数")
    s.add_argument("--service-minutes", type=float, required=True, help="平均办理时长（分钟）")
    s.add_argument("--target-minutes", type=float, default=30, help="等候目标（分钟）")
    s.add_argument("--service-level", type=float, default=0.8, help="达标比例目标（0–1）")
    s.add_argument("--windows", type=int, help="只评估给定窗口数，不求最少窗口")
    s.add_argument("--format", choices=("text", "json"), default="text")

    pl = sub.add_parser("plan", help="按星期×小时测算所需窗口，对比实际开窗，评估综合窗口")
    pl.add_argument("files", nargs="+", metavar="FILE")
    pl.add_argument("--target-minutes", type=float, default=30)
    pl.add_argument("--service-level", type=float, default=0.8)
    pl.add_argument("--hall", help="只看这个大厅")
    pl.add_argument("--format", choices=("text", "json"), default="text")

    sm = sub.add_parser("simulate", help="用 ciw 仿真一天（或连续几天）的排队")
    sm.add_argument("files", nargs="*", metavar="FILE", help="取号日志（按日志的到达曲线仿真）")
    sm.add_argument("--hall", help="大厅（使用日志时必填）")
    sm.add_argument("--weekday", type=int, default=1, help="星期几（1=周一 … 7=周日）")
    sm.add_argument("--windows", default="needed",
                    help="needed=按 Erlang C 测算，open=按日志实际开窗，或逗号分隔的每小时窗口数")
    sm.add_argument("--arrivals-per-hour", type=_floats, help="不用日志时：逗号分隔的每小时到达人数")
    sm.add_argument("--service-minutes", type=float, help="不用日志时：平均办理时长（分钟）")
    sm.add_argument("--opening-hour", type=int, default=9)
    sm.add_argument("--days", type=int, default=1, help="连续仿真天数")
    sm.add_argument("--carried-over", type=int, default=0, help="第一天开门时前一天保留的号数")
    sm.add_argument("--no-keep-overnight", action="store_true", help="当天未叫到的号次日作废（须重新排队）")
    sm.add_argument("--target-minutes", type=float, default=30)
    sm.add_argument("--service-level", type=float, default=0.8)
    sm.add_argument("--replications", type=int, default=20)
    sm.add_argument("--seed", type=int, default=1)
    sm.add_argument("--format", choices=("text", "json"), default="text")

    c = sub.add_parser("to-parquet", help="把取号日志存为按大厅、月份分区的 Parquet（加速大数据量分析）")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--out", required=True, help="输出目录")
    c.add_argument("--no-aggregates", action="store_true",
                   help="不预先计算各大厅的汇总（默认计算，之后按默认设置出报告时直接读取汇总）")
    return p


def main(argv: list[str]) -> int:
    return run(_parser(), argv, lambda args: _COMMANDS[args.command](args),
               errors=((InputError, "输入错误"), (ValueError, "参数错误")))


def _m(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


def _p(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _stats_line(s: Stats) -> str:
    return f"平均 {_m(s.mean)}，中位 {_m(s.p50)}，P90 {_m(s.p90)}，P95 {_m(s.p95)}，最长 {_m(s.max)}"


def _kpis(args: argparse.Namespace) -> int:
    from .kpis import kpi_report
    from .load import load_ticket_paths

    settings = QueueSettings(target_minutes=args.target_minutes, service_level_goal=args.service_level,
                             unserved_share_max=args.unserved_share, agents=frozenset(args.agent))
    report = kpi_report(load_ticket_paths(args.files), settings=settings)
    if args.format == "json":
        print_json(report.to_dict())
    else:
        _print_report(report)
    return EXIT_FINDINGS if report.findings else EXIT_OK


def _print_report(r: KpiReport) -> None:
    o = r.overall
    print(f"取号日志 {r.first_day} 至 {r.last_day}，大厅 {len(r.by_hall)} 个")
    print(f"取号 {o.tickets}，已办理 {o.served}，过号 {o.no_show}，未叫号 {o.unserved}（{_p(o.unserved_share)}），"
          f"已取消 {o.cancelled}")
    print(f"等候（分钟）：{_stats_line(o.wait_minutes)}")
    print(f"办理（分钟）：{_stats_line(o.service_minutes)}")
    print(f"{r.target_minutes:g} 分钟内叫号比例：{_p(o.service_level)}")
    for h in r.by_hall:
        print(f"  {h.hall}：取号 {h.kpis.tickets}，平均等候 {_m(h.kpis.wait_minutes.mean)} 分钟，"
              f"达标 {_p(h.kpis.service_level)}，未叫号 {h.kpis.unserved}")
    busiest = sorted(r.by_day, key=lambda d: -d.peak_queue)[:3]
    for d in busiest:
        at = f"（{d.peak_queue_at:%H:%M}）" if d.peak_queue_at else ""
        print(f"  排队高峰：{d.hall} {d.day} {WEEKDAYS[d.weekday]}，同时等候 {d.peak_queue} 人{at}")
    for w in r.by_window:
        print(f"  窗口 {w.hall}/{w.window}：叫号 {w.kpis.called}，利用率 {_p(w.utilisation)}，"
              f"队列 {'、'.join(w.queues)}")
    print(f"发现问题 {len(r.findings)} 条")
    for f in r.findings:
        print(f"  [{f.checklist}] {f.kind} · {f.subject}：{f.message}")


def _staffing(args: argparse.Namespace) -> int:
    if args.windows is not None:
        result = staffing(args.windows, args.arrivals_per_hour, args.service_minutes, args.target_minutes)
    else:
        result = staffing_for(args.arrivals_per_hour, args.service_minutes, args.target_minutes,
                              args.service_level)
    if args.format == "json":
        print_json(result.to_dict())
        return EXIT_OK
    print(f"每小时 {args.arrivals_per_hour:g} 人，平均办理 {args.service_minutes:g} 分钟（业务量 {result.load:.2f} Erl）")
    print(f"窗口数 {result.windows}：需要等候的概率 {_p(result.wait_probability)}，"
          f"{args.target_minutes:g} 分钟内叫号 {_p(result.service_level)}，平均等候 "
          f"{_m(result.mean_wait_minutes)} 分钟，窗口占用率 {_p(result.occupancy)}")
    return EXIT_OK


def _plan(args: argparse.Namespace) -> int:
    from .load import load_ticket_paths
    from .staffing import StaffingPlan, staffing_plan

    plan = staffing_plan(load_ticket_paths(args.files), target_minutes=args.target_minutes,
                         service_level_goal=args.service_level)
    if args.hall:
        plan = StaffingPlan(plan.target_minutes, plan.service_level_goal,
                            [s for s in plan.slots if s.hall == args.hall],
                            [f for f in plan.findings if f.subject == args.hall])
    if args.format == "json":
        print_json(plan.to_dict())
    else:
        for h in plan.summary():
            print(f"{h['hall']}：每周开窗 {h['window_hours_open']} 窗口·小时，综合窗口需 {h['window_hours_needed']}，"
                  f"专窗需 {h['window_hours_dedicated']}，高峰需 {h['peak_windows_needed']} 个窗口，"
                  f"{h['slots_short']} 个时段缺窗口")
        print("大厅  星期  时段   到达/时  办理(分)  实开  需(综合)  需(专窗)  实开达标率")
        for s in plan.slots:
            print(f"{s.hall}  {WEEKDAYS[s.weekday]}  {s.hour:02d}:00  {s.arrivals_per_hour:7.1f}  "
                  f"{s.service_minutes:7.1f}  {s.windows_open:5.1f}  {s.windows_needed:6d}  "
                  f"{s.windows_needed_dedicated:6d}  {_p(s.service_level_open)}")
        for f in plan.findings:
            print(f"[{f.checklist}] {f.kind} · {f.subject}：{f.message}")
    return EXIT_FINDINGS if plan.findings else EXIT_OK


def _simulate(args: argparse.Namespace) -> int:
    from .simulate import DayPlan, day_plan, simulate

    per_hour = None if args.windows in ("needed", "open") else tuple(int(x) for x in _floats(args.windows))
    if args.files:
        from .load import load_ticket_paths
        from .staffing import staffing_plan

        if not args.hall:
            raise ValueError("使用取号日志仿真时须用 --hall 指定大厅")
        plan = staffing_plan(load_ticket_paths(args.files), target_minutes=args.target_minutes,
                             service_level_goal=args.service_level)
        day = day_plan(plan, hall=args.hall, weekday=args.weekday,
                       windows=args.windows if per_hour is None else "open")
        if per_hour is not None:
            day = DayPlan(day.arrivals_per_hour, per_hour, day.service_minutes, day.appointments_per_hour,
                          day.opening_hour)
    else:
        if args.arrivals_per_hour is None or args.service_minutes is None or per_hour is None:
            raise ValueError("不用日志时须给出 --arrivals-per-hour、--service-minutes 和每小时 --windows")
        day = DayPlan(args.arrivals_per_hour, per_hour, args.service_minutes, opening_hour=args.opening_hour)
    result = simulate(day, days=args.days, keep_overnight=not args.no_keep_overnight,
                      carried_over=args.carried_over, target_minutes=args.target_minutes,
                      replications=args.replications, seed=args.seed)
    if args.format == "json":
        print_json(result.to_dict())
        return EXIT_OK
    print(f"仿真 {result.days} 天 × {result.replications} 次，平均办理 {day.service_minutes:.1f} 分钟，"
          f"{'未叫到的号次日有效' if result.keep_overnight else '未叫到的号次日作废'}")
    print(f"等候（分钟）：{_stats_line(result.wait_minutes)}")
    print(f"{result.target_minutes:g} 分钟内叫号：{_p(result.service_level)}；每天下班未叫到 {result.unserved_per_day:.1f} 人")
    for h in result.by_hour:
        print(f"  {h['hour']:02d}:00  窗口 {h['windows']}  到达 {h['arrivals_per_hour']:.1f}/时  "
              f"平均等候 {_m(h['wait_mean'])} 分钟  达标 {_p(h['service_level'])}")
    return EXIT_OK


def _to_parquet(args: argparse.Namespace) -> int:
    from .load import load_ticket_paths, save_parquet

    log = load_ticket_paths(args.files)
    save_parquet(log, args.out, aggregates=not args.no_aggregates)
    note = "" if args.no_aggregates else "，并已预先计算各大厅的汇总"
    print(f"已写入 {len(log)} 张票到 {args.out}{note}")
    return EXIT_OK


_COMMANDS = {"kpis": _kpis, "staffing": _staffing, "plan": _plan, "simulate": _simulate,
             "to-parquet": _to_parquet}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
