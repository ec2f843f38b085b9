"""`wicket guides lint PATH... [--format text|json] [--standard CATALOG]`
`wicket guides links PATH... [--format text|json] [--timeout S] [--per-host N] [--cache FILE | --no-cache]`

PATH is a JSON / JSON Lines file, an xlsx template, or a directory of them. All guides are
checked together, so the same item found in two files (two sites) is compared.
Exit status: 0 no findings (notes alone count as none), 1 findings, 2 a file that cannot be read
(the message names file and position). A value inside a guide that cannot be read is a finding
(unreadable_value), not an error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from analysis.common import InputError
from analysis.tabular import read_path

from .check import check_guides
from .files import SUFFIXES, read_guides
from .loader import load_standard
from .model import KINDS, NOTE_KINDS, Guide, GuideFinding


def _expand(paths: Sequence[str]) -> list[str]:
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(str(x) for x in path.iterdir() if x.suffix.lower() in SUFFIXES and x.is_file())
            if not found:
                raise InputError("目录中没有 .json / .jsonl / .xlsx 文件", file=p)
            out.extend(found)
        else:
            out.append(p)
    return out


def _print_text(guides: Sequence[Guide], findings: Sequence[GuideFinding]) -> None:
    by_guide: dict[int, list[GuideFinding]] = {}
    for f in findings:
        by_guide.setdefault(f.guide_index, []).append(f)
    first_of_file: dict[str, int] = {}
    for i, g in enumerate(guides):
        first_of_file.setdefault(g.file, i)
    for index, items in by_guide.items():
        g = guides[index]
        code = f"（{g.code}）" if g.code else ""
        place = f"{g.file} 第 {g.line} 行" if g.line else f"{g.file} [{index - first_of_file[g.file]}]"
        print(f"■ {g.name}{code} · {g.department} · {g.source or '未注明来源'}    {place}")
        for f in items:
            label = KINDS[f.kind][1]
            marked = f.marked()
            quote = f"“{marked}”" if marked else "（未填写）"
            if f.kind == "inconsistent_across_sources":
                print(f"  [{f.checklist} {label}] {f.message}")
                for d in f.evidence["differences"]:
                    print(f"      {d['label']}：")
                    for src, value in d["values"].items():
                        if d["field"] == "materials":
                            extra = d["only_in"][src]
                            shown = f"{len(value)} 项" + (f"，多出“{'、'.join(extra)}”" if extra else "")
                            print(f"        {src or '未注明来源'}：{shown}")
                        else:
                            print(f"        {src or '未注明来源'}：“{value}”")
                continue
            tag = "提示" if f.kind in NOTE_KINDS else f.checklist
            print(f"  [{tag} {label}] {f.where}：{quote}")
            print(f"      {f.message}")
    problems = [f for f in findings if f.kind not in NOTE_KINDS]
    notes = len(findings) - len(problems)
    counts = Counter(f.kind for f in problems)
    summary = "，".join(f"{KINDS[k][1]} {n}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    tail = f"；另有提示 {notes} 条" if notes else ""
    if problems:
        print(f"\n共 {len(guides)} 个办事指南，发现问题 {len(problems)} 条（{summary}）{tail}。")
    else:
        print(f"共 {len(guides)} 个办事指南，未发现问题{tail}。")


def _read_all(paths: Sequence[str]) -> list[Guide]:
    guides: list[Guide] = []
    for path in _expand(paths):
        guides.extend(read_guides(read_path(path), file=path))
    return guides


def _report(args: argparse.Namespace, guides: list[Guide], findings: list[GuideFinding],
            extra: dict[str, object] | None = None) -> int:
    if args.format == "json":
        payload = {"guides": len(guides), **(extra or {}), "findings": [f.to_dict() for f in findings]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print_text(guides, findings)
    return 1 if any(f.kind not in NOTE_KINDS for f in findings) else 0


def _lint(args: argparse.Namespace) -> int:
    guides = _read_all(args.paths)
    standard = load_standard(read_path(args.standard), file=args.standard) if args.standard else None
    return _report(args, guides, check_guides(guides, standard=standard))


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wicket" / "links.sqlite3"


def _links(args: argparse.Namespace) -> int:
    from .links import MemoryLinkCache, SqliteLinkCache, check_links, collect_links

    guides = _read_all(args.paths)
    cache = MemoryLinkCache() if args.no_cache else SqliteLinkCache(args.cache or default_cache_path())
    total = len({r.url for r in collect_links(guides)})

    def progress(done: int, of: int) -> None:
        if args.format == "text" and sys.stderr.isatty():
            print(f"\r检查链接 {done}/{of}", end="" if done < of else "\n", file=sys.stderr, flush=True)

    findings = check_links(guides, cache=cache, timeout=args.timeout, per_host=args.per_host,
                           workers=args.workers, progress=progress)
    if isinstance(cache, SqliteLinkCache):
        cache.close()
    if args.format == "text":
        print(f"共检查链接 {total} 个。")
    return _report(args, guides, findings, {"links": total})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wicket guides", description="办事指南体检（清单 1.1 / 1.2 / 1.3 / 1.4）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="lint|links")
    lint = sub.add_parser(
        "lint", help="检查办事指南：兜底条款、缺空白表格和示范文本、环节无要求、要素缺失、多渠道发布不一致……",
        description="读取办事指南（JSON 数组、JSON Lines 或 xlsx 模板，UTF-8/GBK），逐条检查并列出问题。"
                    "退出码：0 未发现问题，1 发现问题，2 文件无法读取。")
    lint.add_argument("paths", nargs="+", metavar="PATH", help="指南文件或目录（.json/.jsonl/.xlsx）")
    lint.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    lint.add_argument("--standard", metavar="CATALOG",
                      help="标准事项目录（JSON：{编码: 名称} 或 [{code, name}]；或含 事项编码/事项名称 列的 CSV/XLSX）")
    lint.set_defaults(body=_lint)
    links = sub.add_parser(
        "links", help="检查办事指南中的链接：网上办理地址、空白表格、示范文本是否能打开、是不是文件",
        description="逐个打开办事指南中的网上办理地址、空白表格和示范文本链接，报告打不开、超时、跳转到首页或登录页、"
                    "表格链接打开的是网页而不是文件、同一表格在不同渠道链接到不同文件。结果缓存一天。"
                    "退出码：0 未发现问题，1 发现问题，2 文件无法读取。")
    links.add_argument("paths", nargs="+", metavar="PATH", help="指南文件或目录（.json/.jsonl/.xlsx）")
    links.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    links.add_argument("--timeout", type=float, default=10.0, metavar="S", help="每个链接的超时秒数（默认 10）")
    links.add_argument("--per-host", type=int, default=2, metavar="N", help="同一网站同时打开的链接数（默认 2）")
    links.add_argument("--workers", type=int, default=8, metavar="N", help="同时打开的链接总数（默认 8）")
    links.add_argument("--cache", metavar="FILE", help=f"结果缓存文件（默认 {default_cache_path()}，保留一天）")
    links.add_argument("--no-cache", action="store_true", help="不读也不写缓存")
    links.set_defaults(body=_links)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return int(args.body(args))
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        if getattr(args, "format", "text") == "json":
            print(json.dumps({"error": exc.to_dict()}, ensure_ascii=False, indent=2))
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
