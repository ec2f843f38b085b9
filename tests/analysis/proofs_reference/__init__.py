"""A frozen copy of analysis/proofs as committed in 035e4c1 (before the speed-up), kept only as
the oracle of tests/analysis/test_proofs_equivalence.py: the fast implementation must give the
same report, to the last finding, on every catalogue. Do not edit; do not import from the app."""

from .loader import load_catalog
from .report import analyze

__all__ = ["analyze", "load_catalog"]
