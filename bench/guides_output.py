"""What `wicket guides lint --format json` prints for the bench corpora, as SHA-256 digests.

    .venv/bin/python bench/guides_output.py [--guides 10000] [--dir /tmp/wicket_guides_output]

Run it in two checkouts (say, before and after a speed-up): the same digests mean the same findings,
byte for byte, in the same order. The corpora are bench_guides.py's (fixed seed): tidy, the real-world
shape, and the real-world shape without what the reader before issue 15 refused.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_guides import write_corpus  # noqa: E402

from analysis.guides.cli import main as lint  # noqa: E402

SHAPES = {"tidy": ("tidy", False), "real": ("real", False), "real-readable-before": ("real", True)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guides", type=int, default=10_000)
    parser.add_argument("--dir", default="/tmp/wicket_guides_output")
    args = parser.parse_args(argv)
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name, (shape, readable_before) in SHAPES.items():
        path = folder / f"{name}-{args.guides}.json"
        if not path.exists():
            write_corpus(path, args.guides, shape=shape, readable_before=readable_before)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = lint(["lint", str(path), "--format", "json"])
        text = out.getvalue()
        findings = len(json.loads(text)["findings"])
        print(f"{name:<22} exit {status}  {findings:>6} findings  sha256 {hashlib.sha256(text.encode()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
