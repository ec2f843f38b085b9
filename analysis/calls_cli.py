"""`wicket calls kpis FILE... [--format text|json] [--min-answer-rate R]`

Exit status: 0 no findings, 1 findings, 2 unreadable input (the message names file, row, column).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from .calls import (
    ANSWER_WITHIN_SECONDS,
    MIN_ANSWER_RATE,
    Call,
    CallFigures,
    CallReport,
    call_report,
    ensure_unique_ids,
    load_calls,
    pct,
)
from .common import Finding, InputError
from .tabular import read_path

# ---------------------------------------------------------------- shared with ratings_cli


def share(x: float | None) -> str:
    return "—" if x is None else pct(x)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, indent: str = "  ") -> str:
    """A plain-text table that lines up with Chinese (double-width) characters."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        padded = [c + " " * (w - _width(c)) if i == 0 or not _numeric(c) else " " * (w - _width(c)) + c
                  for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append(indent + "  ".join(padded).rstrip())
    return "\n".join(lines)


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "-—")


def fraction(value: str) -> float:
    """argparse type for a share: 0.95 or 95%."""
    try:
        x = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}”不是比例（如 0.95 或 95%）") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"“{value}”应在 0 到 1 之间")
    return x


def non_negative_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}”不是整数") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"“{value}”不能为负数")
    return n


def run(parser: argparse.ArgumentParser, argv: list[str], body: Callable[[argparse.Namespace], int]) -> int:
    """Parse, run, and turn a usage error into exit 2 (not SystemExit) and an InputError into exit 2."""
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return body(args)
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


def print_findings(findings: Sequence[Finding], *, limit: int = 50) -> None:
    print(f"\n发现问题 {len(findings)} 条")
    for f in findings[:limit]:
        print(f"  [{f.checklist}] {f.subject}：{f.message}")
    if len(findings) > limit:
        print(f"  …… 另有 {len(findings) - limit} 条，完整列表请用 --format json")


def print_json(payload: dict[str, Any]) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


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
    calls: list[Call] = []
    for path in args.files:
        calls.extend(load_calls(read_path(path), file=path))
    ensure_unique_ids(calls)
    report = call_report(calls, min_answer_rate=args.min_answer_rate, answer_within_seconds=args.within,
                         min_calls=args.min_calls)
    if args.format == "json":
        print_json({"files": list(args.files), **report.to_dict()})
    else:
        _text(report)
    return 1 if report.findings else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wicket calls", description="咨询电话接通分析（清单 1.3 咨询电话不通）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="kpis")
    kpis = sub.add_parser("kpis", help="按号码、单位、小时统计接通率，列出接通率不达标的号码",
                          description="读取电话系统导出的通话记录（CSV UTF-8/GBK 或 XLSX），统计接通率。"
                          "退出码：0 未发现问题，1 发现问题，2 文件无法读取。")
    kpis.add_argument("files", nargs="+", metavar="FILE", help="通话记录文件")
    kpis.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    kpis.add_argument("--min-answer-rate", type=fraction, default=MIN_ANSWER_RATE, metavar="R",
                      help="号码接通率下限，低于即为问题（默认 0.95）")
    kpis.add_argument("--within", type=non_negative_int, default=ANSWER_WITHIN_SECONDS, metavar="S",
                      help="及时接听的振铃秒数（默认 15）")
    kpis.add_argument("--min-calls", type=non_negative_int, default=1, metavar="N",
                      help="来电少于 N 通的号码不判定（默认 1）")
    kpis.set_defaults(body=_kpis)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    return run(parser, argv, lambda args: int(args.body(args)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
