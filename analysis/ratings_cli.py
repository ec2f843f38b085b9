"""`wicket ratings kpis FILE... [--format text|json] [--today YYYY-MM-DD]`

Exit status: 0 no findings, 1 findings, 2 unreadable input (the message names file, row, column).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter

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
from .ratings import (
    LATE,
    MIN_RATINGS,
    MIN_SATISFACTION,
    ON_TIME,
    OVERDUE,
    PENDING,
    REPLY_DEADLINE_WORKDAYS,
    UNDETERMINED,
    RatingFigures,
    RatingGroup,
    RatingReport,
    WorstEntry,
    ensure_unique_ids,
    load_ratings,
    rating_report,
)

HEADS = ["评价", "满意率", "差评", "超期未答复", "超期答复", "平均等级"]


def _cells(f: RatingFigures) -> list[object]:
    mean = "—" if f.mean_level is None else f"{f.mean_level:.2f}"
    return [f.ratings, share(f.satisfaction), f.bad, f.replies[OVERDUE], f.replies[LATE], mean]


def _group_table(title: str, label: str, groups: list[RatingGroup]) -> None:
    if not groups:
        return
    print(f"\n{title}")
    print(render_table(["单位", label, *HEADS], [[g.unit, g.name, *_cells(g.figures)] for g in groups]))


def _worst(title: str, label: str, entries: list[WorstEntry]) -> None:
    if not entries:
        return
    print(f"\n{title}")
    for n, e in enumerate(entries, 1):
        f = e.group.figures
        print(f"  {n}. {e.group.unit} {label}“{e.group.name}”：满意率 {share(f.satisfaction)}，"
              f"评价 {f.ratings} 条，差评 {f.bad} 条")
        for c in e.comments:
            if c["comment"]:
                print(f"     - {c['rated_at'][:10]} {c['comment']}")


def _reply_summary(report: RatingReport) -> None:
    """Per window: how many 差评 are overdue or were answered late (the findings come one per 差评)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for f in report.findings:
        if f.kind in ("bad_rating_unanswered", "bad_rating_answered_late"):
            counts[(f.subject, f.evidence.get("window") or "—", f.kind)] += 1
    if not counts:
        return
    places = sorted({(u, w) for u, w, _ in counts})
    print("\n差评答复超期（按窗口）")
    print(render_table(["单位", "窗口", "超期未答复", "超期答复"],
                       [[u, w, counts[(u, w, "bad_rating_unanswered")], counts[(u, w, "bad_rating_answered_late")]]
                        for u, w in places]))


def _text(report: RatingReport) -> None:
    o = report.overall
    s = report.settings
    period = "" if o.first_rating is None else f"（{o.first_rating:%Y-%m-%d} 至 {o.last_rating:%Y-%m-%d}）"
    print(f"好差评分析：{o.ratings} 条评价{period}，截至 {s['today']}；"
          f"差评须在 {s['reply_deadline_workdays']} 个工作日内答复")
    r = o.replies
    print(f"总体：满意率 {share(o.satisfaction)}，差评 {o.bad} 条（按期答复 {r[ON_TIME]}，超期答复 {r[LATE]}，"
          f"超期未答复 {r[OVERDUE]}，未到期未答复 {r[PENDING]}，无法判断 {r[UNDETERMINED]}）")
    print("\n按单位")
    print(render_table(["单位", *HEADS], [[g.unit, *_cells(g.figures)] for g in report.by_unit]))
    _group_table("按窗口", "窗口", report.by_window)
    _group_table("按事项", "事项", report.by_item)
    _group_table("按工作人员", "工作人员", report.by_staff)
    _worst(f"满意率最低的窗口（评价不少于 {s['min_ratings']} 条）", "窗口", report.worst_windows)
    _worst(f"满意率最低的事项（评价不少于 {s['min_ratings']} 条）", "事项", report.worst_items)
    _reply_summary(report)
    if report.findings:
        print_findings(report.findings)
    else:
        print("\n未发现问题。")
    for w in report.warnings:
        print(f"\n注意：{w}")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}”不是日期（YYYY-MM-DD）") from None


def _kpis(args: argparse.Namespace) -> int:
    return kpis_command(args, load=load_ratings, ensure_unique_ids=ensure_unique_ids, text=_text,
                        report=lambda ratings: rating_report(
                            ratings, reply_deadline_workdays=args.deadline_workdays, today=args.today,
                            min_satisfaction=args.min_satisfaction, min_ratings=args.min_ratings))


def build_parser() -> argparse.ArgumentParser:
    parser, kpis = kpis_parser(prog="wicket ratings", description="好差评分析（清单 6 其他让群众不满意的服务）",
                               help="按单位、窗口、事项、工作人员统计满意率和差评，检查差评是否按期答复",
                               details="读取好差评系统导出的评价记录（CSV UTF-8/GBK 或 XLSX）。",
                               files_help="评价记录文件")
    kpis.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                      help="按哪一天判断差评是否超期未答复（默认今天）")
    kpis.add_argument("--deadline-workdays", type=non_negative_int, default=REPLY_DEADLINE_WORKDAYS, metavar="N",
                      help="差评答复期限，工作日（默认 5，按法定节假日和调休计算）")
    kpis.add_argument("--min-satisfaction", type=fraction, default=MIN_SATISFACTION, metavar="R",
                      help="窗口、事项满意率下限（默认 0.95）")
    kpis.add_argument("--min-ratings", type=non_negative_int, default=MIN_RATINGS, metavar="N",
                      help="评价少于 N 条的窗口、事项不判定满意率（默认 20）")
    kpis.set_defaults(body=_kpis)
    return parser


def main(argv: list[str]) -> int:
    return run(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
