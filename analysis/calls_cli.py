"""`wicket calls kpis FILE... [--format text|json] [--min-answer-rate R]`

Exit status: 0 no findings, 1 findings, 2 unreadable input (the message names file, row, column).
"""

from __future__ import annotations

import argparse
import sys

from .calls import (
    ANSWER_WITHIN_SECONDS,
    MIN_ANSWER_RATE,
    CallFigures,
    CallReport,
    call_report,
    ensure_unique_ids,
    load_calls,
    pct,
)
from .clitools import (
    fraction,
    kpis_command,
    kpis_parser,
    non_negative_int,
    print_findings,
    render_table,
    run,
    share,
)

# ---------------------------------------------------------------- calls


def _figure_cells(f: CallFigures) -> list[object]:
    ring = "—" if f.mean_ring_seconds is None else f"{f.mean_ring_seconds:.1f}"
    return [f.calls, f.answered, share(f.answer_rate), share(f.answered_within_share), ring, f.no_answer, f.busy,
            f.invalid_number]


def _text(report: CallReport) -> None:
    within = report.answer_within_seconds
    heads = ["来电", "接通", "接通率", f"{within}秒内接通", "平均振铃(秒)", "无人接听", "占线", "空号停机"]
    o = report.overall
    period = "" if o.first_call is None else f"（{o.first_call:%Y-%m-%d} 至 {o.last_call:%Y-%m-%d}）"
    print(f"咨询电话接通分析：{len(report.by_line)} 个号码，{o.calls} 通来电{period}")
    print(f"接通率要求：不低于 {pct(report.min_answer_rate)}，{within} 秒内接听（GB/T 33358）")
    print("\n总体")
    print(render_table(heads, [_figure_cells(o)]))
    print("\n按号码")
    print(render_table(["单位", "号码", *heads], [[x.unit, x.line, *_figure_cells(x.figures)] for x in report.by_line]))
    print("\n按单位")
    print(render_table(["单位", "号码数", *heads], [[x.unit, x.lines, *_figure_cells(x.figures)] for x in report.by_unit]))
    print("\n按小时")
    print(render_table(["时段", *heads], [[f"{x.hour:02d}:00", *_figure_cells(x.figures)] for x in report.by_hour]))
    if report.findings:
        print_findings(report.findings)
    else:
        print(f"\n未发现问题：所有号码接通率均不低于 {pct(report.min_answer_rate)}。")


def _kpis(args: argparse.Namespace) -> int:
    return kpis_command(args, load=load_calls, ensure_unique_ids=ensure_unique_ids, text=_text,
                        report=lambda calls: call_report(calls, min_answer_rate=args.min_answer_rate,
                                                         answer_within_seconds=args.within,
                                                         min_calls=args.min_calls))


def build_parser() -> argparse.ArgumentParser:
    parser, kpis = kpis_parser(prog="wicket calls", description="咨询电话接通分析（清单 1.3 咨询电话不通）",
                               help="按号码、单位、小时统计接通率，列出接通率不达标的号码",
                               details="读取电话系统导出的通话记录（CSV UTF-8/GBK 或 XLSX），统计接通率。",
                               files_help="通话记录文件")
    kpis.add_argument("--min-answer-rate", type=fraction, default=MIN_ANSWER_RATE, metavar="R",
                      help="号码接通率下限，低于即为问题（默认 0.95）")
    kpis.add_argument("--within", type=non_negative_int, default=ANSWER_WITHIN_SECONDS, metavar="S",
                      help="及时接听的振铃秒数（默认 15）")
    kpis.add_argument("--min-calls", type=non_negative_int, default=1, metavar="N",
                      help="来电少于 N 通的号码不判定（默认 1）")
    kpis.set_defaults(body=_kpis)
    return parser


def main(argv: list[str]) -> int:
    return run(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
