"""What the analysis command lines share: running a parser with exit codes 0 / 1 / 2, argument
types, aligned Chinese text tables, findings and JSON on stdout, and the `kpis FILE...` command
of the record reports (`wicket calls kpis`, `wicket ratings kpis`).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from .common import Finding, InputError
from .records import pct
from .tabular import read_path

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def run(parser: argparse.ArgumentParser, argv: Sequence[str],
        body: Callable[[argparse.Namespace], int] | None = None, *,
        errors: Sequence[tuple[type[Exception], str]] = ((InputError, "错误"),)) -> int:
    """Parse `argv` and run `body` (default: the subcommand's `body`, see `set_defaults`).

    A usage error returns 2 (not SystemExit), --help returns 0; an exception of a kind named in
    `errors` is printed to stderr after its label and returns 2. Anything else is a bug and raises.
    """
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    try:
        return int((body or args.body)(args))
    except tuple(kind for kind, _ in errors) as exc:
        label = next(label for kind, label in errors if isinstance(exc, kind))
        print(f"{label}：{exc}", file=sys.stderr)
        return EXIT_INPUT


# ---------------------------------------------------------------- argument types


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


# ---------------------------------------------------------------- output


def share(x: float | None) -> str:
    return "—" if x is None else pct(x)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "-—")


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


def print_findings(findings: Sequence[Finding], *, limit: int = 50) -> None:
    print(f"\n发现问题 {len(findings)} 条")
    for f in findings[:limit]:
        print(f"  [{f.checklist}] {f.subject}：{f.message}")
    if len(findings) > limit:
        print(f"  …… 另有 {len(findings) - limit} 条，完整列表请用 --format json")


def print_json(payload: Any) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- `kpis FILE...` of a record report


class Report(Protocol):
    @property
    def findings(self) -> Sequence[Finding]: ...

    def to_dict(self) -> dict[str, Any]: ...


def kpis_parser(*, prog: str, description: str, help: str, details: str,
                files_help: str) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """`prog kpis FILE... [--format text|json]`: the parser and its `kpis` subparser (to add options to)."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    sub = parser.add_subparsers(dest="command", required=True, metavar="kpis")
    kpis = sub.add_parser("kpis", help=help, description=f"{details}退出码：0 未发现问题，1 发现问题，2 文件无法读取。")
    kpis.add_argument("files", nargs="+", metavar="FILE", help=files_help)
    kpis.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    return parser, kpis


def kpis_command[R](args: argparse.Namespace, *, load: Callable[..., list[R]],
                 ensure_unique_ids: Callable[[list[R]], None], report: Callable[[list[R]], Report],
                 text: Callable[[Any], None]) -> int:
    """Read every file (ids unique across them), build the report, print it as text or JSON.
    Exit 1 with findings, else 0."""
    records: list[R] = []
    for path in args.files:
        records.extend(load(read_path(path), file=path))
    ensure_unique_ids(records)
    result = report(records)
    if args.format == "json":
        print_json({"files": list(args.files), **result.to_dict()})
    else:
        text(result)
    return EXIT_FINDINGS if result.findings else EXIT_OK
