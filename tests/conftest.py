"""Shared fixtures: the seeds built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import BuildOptions, BuildReport, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The gold annotation of the seeds; the project keeps a copy so tests never depend on
# ../shared being present.
GOLD = ROOT / "tests" / "data" / "seeds.gold.json"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The seeds built into a fresh folder, with HTML and SHACL validation."""
    out = tmp_path_factory.mktemp("seeds") / "out"
    report = build([SEEDS], BuildOptions(out=out))
    return out, report
