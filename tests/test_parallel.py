"""kg.parallel and kg build --jobs: worker processes, results in input order, same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import BuildOptions, build
from kg.parallel import BATCH, ArticleResult, ExtractOptions, extract_stream, ordered, resolve_jobs
from tests.conftest import ROOT, SEEDS

GENRE = ROOT / "tests" / "data" / "genre"


def corpus(folder: Path) -> Path:
    """Seeds and the genre set (text and HTML, more than one batch) plus a broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in (*SEEDS.iterdir(), *GENRE.iterdir()):
        if source.suffix in (".txt", ".html"):
            shutil.copy(source, folder / source.name)
    (folder / "050_broken.txt").write_bytes(b"\x00\x01binary")
    return folder


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = corpus(tmp_path_factory.mktemp("corpus"))
    return sorted(str(p) for p in folder.iterdir())


def test_the_test_corpus_spans_several_batches(articles: list[str]) -> None:
    assert len(articles) > BATCH


def test_workers_give_the_same_results_in_the_same_order(articles: list[str]) -> None:
    options = ExtractOptions(validate=True)
    one = list(extract_stream(articles, options, jobs=1))
    two = list(extract_stream(articles, options, jobs=2))
    assert [r.path for r in two] == articles
    assert one == two
    broken = [r for r in two if r.error]
    assert [Path(r.path).name for r in broken] == ["050_broken.txt"]
    assert "binary" in str(broken[0].error)
    good = [r for r in two if not r.error]
    assert all(r.quads > 0 and r.violations == () for r in good)


def test_ordered_keeps_a_bounded_number_of_batches_in_flight() -> None:
    in_flight: list[int] = []
    live = 0

    def submit(chunk: list[str]) -> list[str]:
        nonlocal live
        live += 1
        in_flight.append(live)
        return chunk

    def result(chunk: list[str]) -> list[ArticleResult]:
        nonlocal live
        live -= 1
        return [ArticleResult(p, p, p) for p in chunk]

    paths = [f"p{i:02d}" for i in range(23)]
    got = [r.path for r in ordered(paths, submit, result, window=3, batch=2)]
    assert got == paths
    assert max(in_flight) == 3


def test_jobs_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="--jobs"):
        resolve_jobs(-1)
    assert resolve_jobs(0) == (os.cpu_count() or 1)


def test_build_output_does_not_depend_on_jobs(articles: list[str], tmp_path: Path) -> None:
    folder = Path(articles[0]).parent
    one = build([folder], BuildOptions(out=tmp_path / "one", jobs=1))
    two = build([folder], BuildOptions(out=tmp_path / "two", jobs=2))
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert one.failed == two.failed and len(one.failed) == 1
    assert one.warnings == two.warnings
    assert (one.triples, one.violations, one.articles) == (two.triples, 0, len(articles) - 1)


def test_build_output_does_not_depend_on_hash_seed_or_input_order(
    articles: list[str], tmp_path: Path
) -> None:
    """Two processes with other hash seeds, the inputs given in opposite orders."""
    files = [p for p in articles if not p.endswith("050_broken.txt")]
    script = (
        "import sys; from pathlib import Path; from kg.build import build, BuildOptions;"
        "out = Path(sys.argv[1]); paths = [Path(p) for p in sys.argv[2:]];"
        "build(paths, BuildOptions(out=out, jobs=2, html=False))"
    )
    outputs = []
    for seed, order in (("1", files), ("2", files[::-1])):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(out), *order], cwd=ROOT, env=env, check=True
        )
        outputs.append((out / "graph.ttl").read_bytes())
    assert outputs[0] == outputs[1]
