"""The import contracts in pyproject.toml ([tool.importlinter]) hold, and they would catch a wrong import.

lint-imports runs on a copy of the source tree, so the deliberately wrong import never touches the
working tree: the copy as it is passes; the copy with one upward import (core → campaigns) fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    skip = shutil.ignore_patterns("__pycache__", "static", "templates", "locale", "*.sqlite3")
    for package in ("wicket", "analysis"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_contracts_hold_and_an_upward_import_breaks_the_layers(tree: Path):
    kept = lint_imports(tree)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "0 broken" in kept.stdout

    (tree / "wicket" / "core" / "x.py").write_text("from wicket.campaigns import models  # noqa: F401\n")
    broken = lint_imports(tree)
    assert broken.returncode != 0
    assert "wicket.core is not allowed to import wicket.campaigns" in broken.stdout
    assert "wicket.core.x -> wicket.campaigns.models" in broken.stdout


def test_a_feature_app_importing_another_ones_views_breaks_the_contracts(tree: Path):
    (tree / "wicket" / "guides" / "x.py").write_text("from wicket.proofs import views  # noqa: F401\n")
    broken = lint_imports(tree)
    assert broken.returncode != 0
    assert "wicket.guides is not allowed to import wicket.proofs" in broken.stdout
    assert "wicket.guides is not allowed to import wicket.proofs.views" in broken.stdout
