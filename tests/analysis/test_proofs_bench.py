"""The benchmark's generator and runner still work (at a tiny size; no timing here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_proofs", ROOT / "bench" / "bench_proofs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_makes_exactly_the_requested_catalogue() -> None:
    doc = bench().generate_catalog(proofs=2000, edges=6000, items=400, seed=3)
    assert len(doc["proofs"]) == 2000 and len(doc["items"]) == 400
    assert sum(len(p["requires"]) for p in doc["proofs"]) == 6000
    assert doc == bench().generate_catalog(proofs=2000, edges=6000, items=400, seed=3)


def test_the_benchmark_runs_end_to_end_at_a_tiny_size(tmp_path: Path, capsys: object) -> None:
    out = tmp_path / "tiny.json"
    assert bench().main(["--proofs", "2000", "--edges", "6000", "--items", "400", "--repeat", "1",
                         "--out", str(out)]) == 0
    assert out.exists()
