"""The benchmark's corpus generator still produces guides the checker reads (tiny size, no timing)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from analysis.guides import check_guides, load_guides

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_guides.py"


def test_the_bench_corpus_loads_and_has_every_kind_of_fault(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_guides", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "corpus.json"
    bench.write_corpus(path, 300, seed=7)
    guides = load_guides(path.read_bytes(), file=str(path))
    assert len(guides) == 300
    kinds = {f.kind for f in check_guides(guides)}
    assert {"catch_all_clause", "missing_sample", "step_without_requirements", "inconsistent_across_sources",
            "too_many_visits", "bad_phone"} <= kinds
    assert bench.main(["--guides", "50", "--out", str(tmp_path / "small.json"), "--repeat", "1"]) == 0
