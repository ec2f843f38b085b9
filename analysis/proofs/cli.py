"""`wicket proofs analyze FILE [--format text|json] [--max-issuers N]`

FILE is the JSON catalogue of the product brief or the xlsx template (by suffix or content).
Exit status: 0 no findings, 1 findings, 2 unreadable input (the message names the file and the
item or proof at fault).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.clitools import non_negative_int, print_json, run
from analysis.tabular import read_path

from .loader import load_catalog
from .model import ProofCatalog
from .report import DEFAULT_MAX_ISSUERS, ProofReport, analyze
from .rules import KIND_LABELS, RECOMMENDATIONS
from .xlsx import catalog_from_xlsx

TEXT_FINDINGS_LIMIT = 200


def read_catalog(path: str) -> ProofCatalog:
    """A catalogue file: xlsx template or JSON."""
    data = read_path(path)
    name = Path(path).name
    if Path(path).suffix.lower() in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        return catalog_from_xlsx(data, file=name)
    return load_catalog(data, file=name)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wicket proofs", description="证明材料分析（减证便民）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="analyze")
    analyze_cmd = sub.add_parser("analyze", help="分析证明事项目录：循环证明、重复证明、无依据证明、可共享替代、跑动部门数",
                                 description="分析证明事项目录（JSON 或 xlsx 模板）")
    analyze_cmd.add_argument("file", metavar="FILE", help="证明事项目录文件（.json 或 .xlsx）")
    analyze_cmd.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    analyze_cmd.add_argument("--max-issuers", type=non_negative_int, default=DEFAULT_MAX_ISSUERS, metavar="N",
                             help=f"一个事项最多可涉及的开具单位数，超过即报告（默认 {DEFAULT_MAX_ISSUERS}）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser(), sys.argv[1:] if argv is None else argv, _analyze)


def _analyze(args: argparse.Namespace) -> int:
    report = analyze(read_catalog(args.file), max_issuers=args.max_issuers)
    if args.format == "json":
        print_json(report.to_dict())
    else:
        print_text(report)
    return 1 if report.findings else 0


def print_text(report: ProofReport) -> None:
    s = report.summary
    print(f"证明材料分析：{s['file']}")
    if not s["prerequisites_given"]:
        print(f"  注意：{s['note']}")
    print(f"  证明 {s['proofs']} 项，办事事项 {s['items']} 项，开具单位 {s['issuers']} 个")
    print(f"  循环证明 {s['cycles']} 个（涉及证明 {s['proofs_in_cycles']} 项），无法办结的事项 {s['items_blocked']} 项")
    print(f"  每个事项平均需证明 {s['proofs_per_item_mean']} 项、跑 {s['issuers_per_item_mean']} 个单位"
          f"（最多 {s['issuers_per_item_max']} 个）；超过 {s['max_issuers']} 个单位的事项 {s['items_over_max_issuers']} 项")
    print(f"  落实清理建议后：平均需证明 {s['proofs_per_item_mean_after']} 项、跑 {s['issuers_per_item_mean_after']} 个单位"
          f"（最多 {s['issuers_per_item_max_after']} 个）；超过 {s['max_issuers']} 个单位的事项 "
          f"{s['items_over_max_issuers_after']} 项")
    recs = "，".join(f"{r} {s['recommendations'][r]} 项" for r in RECOMMENDATIONS)
    print(f"  清理建议：{recs}")
    if not report.findings:
        print("\n未发现问题。")
        return
    kinds = "，".join(f"{KIND_LABELS[k]} {n} 条" for k, n in s["findings_by_kind"].items() if n)
    print(f"\n发现问题 {len(report.findings)} 条（{kinds}）")
    for f in report.findings[:TEXT_FINDINGS_LIMIT]:
        print(f"  [{f.checklist} {KIND_LABELS[f.kind]}] {f.subject}：{f.message}")
    if len(report.findings) > TEXT_FINDINGS_LIMIT:
        print(f"  …… 另有 {len(report.findings) - TEXT_FINDINGS_LIMIT} 条，完整列表请用 --format json")
