"""Faults: kills, interrupts, full disks, concurrent builds, re-runs and determinism.

Each test runs ``kg`` as a separate process (or injects the fault in-process) and checks
the promise of docs/security.md: the previous outputs and store stay readable and whole,
errors are one line, and the same input always gives the same bytes.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import SEEDS

KG = [sys.executable, "-m", "kg.cli"]
OUTPUTS = ("graph.ttl", "graph.html")


def kg(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KG, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **(env or {})},
    )


def many_articles(folder: Path, copies: int) -> Path:
    """The seeds copied under new ids: a workload long enough to interrupt."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, folder / f"c{i:04d}_{seed.name}")
    return folder


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def readable_store(out: Path) -> int:
    """Open the store read-only and count its articles through the CLI."""
    got = kg(
        "query",
        "--store",
        str(out),
        "--format",
        "csv",
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    )
    assert got.returncode == 0, got.stderr
    return int(got.stdout.splitlines()[1])


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    done = kg("build", str(SEEDS), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_build_leaves_the_previous_outputs_whole(
    built: Path, tmp_path: Path, sig: int
) -> None:
    before = snapshot(built)
    work = many_articles(tmp_path / "many", 60)
    proc = subprocess.Popen(
        [*KG, "build", str(work), "--out", str(built)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "Traceback" not in err, err
    if proc.returncode == 0:
        pytest.fail("the build finished before the signal: make the workload larger")
    assert snapshot(built) == before
    assert readable_store(built) >= 5
    # the next build completes normally over what the killed one left
    again = kg("build", str(SEEDS), "--out", str(built))
    assert again.returncode == 0, again.stderr


def test_the_next_build_sweeps_what_a_killed_build_left(built: Path) -> None:
    # what a build killed while writing its outputs leaves behind
    (built / ".kg-union-dead").mkdir()
    (built / ".kg-union-dead" / "union.nt").write_bytes(b"<a> <b> <c> .\n" * 100)
    (built / ".graph.ttl.dead.tmp").write_text("@prefix", encoding="utf-8")
    (built / "answers" / ".persons.json.dead.tmp").write_text("{", encoding="utf-8")
    again = kg("build", str(SEEDS), "--out", str(built))
    assert again.returncode == 0, again.stderr
    left = [p.name for p in [*built.iterdir(), *(built / "answers").iterdir()]]
    assert not [name for name in left if "dead" in name], left


def test_two_builds_on_one_store_do_not_corrupt_it(built: Path, tmp_path: Path) -> None:
    work = many_articles(tmp_path / "many", 40)
    first = subprocess.Popen(
        [*KG, "build", str(work), "--out", str(built)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    second = kg("build", str(SEEDS), "--out", str(built))
    _, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    if second.returncode != 0:
        assert second.stderr.startswith("kg: ") and len(second.stderr.strip().splitlines()) == 1
        assert "Traceback" not in second.stderr
        assert "lock" in second.stderr.lower() or "another" in second.stderr.lower()
    assert readable_store(built) == 5 + 40 * 5


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failed_write_is_one_line_and_keeps_the_old_outputs(
    built: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    before = snapshot(built)
    real_replace = os.replace

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if str(dst).endswith(OUTPUTS):
            raise OSError(code, os.strerror(code), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    extra = built.parent / "extra"
    extra.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), extra / "moi.txt")
    result = CliRunner().invoke(main, ["build", str(SEEDS), str(extra), "--out", str(built)])
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: ") and os.strerror(code) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    monkeypatch.undo()
    assert snapshot(built) == before
    assert not [p for p in built.iterdir() if p.name.endswith(".tmp")]


def test_same_bytes_whatever_the_hash_seed_and_the_file_order(tmp_path: Path) -> None:
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    outs = []
    for i, (seed, order) in enumerate([("1", files), ("4242", files[::-1])]):
        out = tmp_path / f"out{i}"
        done = kg("build", *order, "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        for fmt in ("trig", "nq", "jsonld"):
            exported = kg(
                "export",
                "--store",
                str(out),
                "--format",
                fmt,
                "-o",
                str(out / f"g.{fmt}"),
                env={"PYTHONHASHSEED": seed},
            )
            assert exported.returncode == 0, exported.stderr
        outs.append(out)
    for name in (*OUTPUTS, "g.trig", "g.nq", "g.jsonld"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_adding_an_article_equals_a_clean_build(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for p in seeds[:3]:
        shutil.copy(p, first)
    for p in seeds[3:]:
        shutil.copy(p, rest)
    step = tmp_path / "step"
    assert kg("build", str(first), "--out", str(step)).returncode == 0
    assert kg("build", str(first), str(rest), "--out", str(step)).returncode == 0
    clean = tmp_path / "clean"
    assert kg("build", str(first), str(rest), "--out", str(clean)).returncode == 0
    for name in OUTPUTS:
        assert (step / name).read_bytes() == (clean / name).read_bytes(), name


def test_rebuilding_a_changed_article_replaces_its_facts(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    article = src / "bai.txt"
    article.write_text(
        "Ngày 3/4, Đại tá Trần Văn Bình chủ trì Hội nghị tổng kết.", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert kg("build", str(src), "--out", str(out)).returncode == 0
    article.write_text("Ngày 3/4, Đại tá Lê Văn Cường chủ trì Hội nghị tổng kết.", encoding="utf-8")
    assert kg("build", str(src), "--out", str(out)).returncode == 0
    names = kg("query", "--store", str(out), "--format", "csv", "persons").stdout
    assert "Lê Văn Cường" in names and "Trần Văn Bình" not in names
