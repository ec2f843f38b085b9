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


def test_the_real_world_corpus_takes_the_lenient_path_and_finds_5_to_8_per_guide(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_guides", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "real.json"
    bench.write_corpus(path, 400, seed=7, shape="real")
    data = path.read_bytes()
    assert "事项名称".encode() in data and "个工作日".encode() in data
    guides = load_guides(data, file=str(path))
    findings = check_guides(guides)
    assert 5 <= len(findings) / len(guides) <= 8
    assert {"unreadable_value", "traditional_characters", "vague_requirement", "catch_all_quoting_law"} <= {
        f.kind for f in findings}
