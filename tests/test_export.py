"""kg.export: RDF files that re-read to the same graph, byte-for-byte stable, atomic."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import pytest
import rdflib

from kg import export as export_module
from kg.export import FORMATS, atomic_writer, export
from kg.store import Store
from tests.test_store import A1, A2, fill, small_graphs

TRIPLES, QUADS = 147, 156
RDF_FORMAT = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store.in_memory()
    fill(s)
    return s


def test_turtle_rereads_to_the_same_triples_with_both_parsers(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    assert export(store, path, "ttl") == TRIPLES
    parsed = {q.triple for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE)}
    assert len(parsed) == TRIPLES
    assert parsed == {q.triple for q in store.quads()}
    assert len(rdflib.Graph().parse(path, format="turtle")) == TRIPLES
    text = path.read_text(encoding="utf-8")
    assert "@prefix schema: <https://schema.org/> ." in text
    assert "schema:name" in text and "<https://schema.org/name>" not in text


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_quad_formats_keep_one_graph_per_article(store: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph.{fmt}"
    assert export(store, path, fmt) == QUADS
    quads = list(ox.parse(path=path, format=FORMATS[fmt]))
    assert set(quads) == set(store.quads())
    per_graph = Counter(q.graph_name.value for q in quads)
    assert per_graph == {iri: len(q) for iri, q in small_graphs().items()}
    dataset = rdflib.Dataset().parse(path, format=RDF_FORMAT[fmt])
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {A1, A2}


def test_ntriples_are_sorted_and_deduplicated(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.nt"
    assert export(store, path, "nt") == TRIPLES
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == TRIPLES
    assert lines == sorted(lines)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_output_is_byte_identical_for_the_same_content(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    # the same content loaded in another order, into another store
    other = Store.in_memory()
    for iri, quads in sorted(small_graphs().items(), reverse=True):
        other.replace_article(iri, list(reversed(quads)))
    first, again, second = (tmp_path / f"{n}.{fmt}" for n in ("first", "again", "second"))
    export(store, first, fmt)
    export(store, again, fmt)
    export(other, second, fmt)
    assert first.read_bytes() == again.read_bytes() == second.read_bytes()


def test_output_does_not_depend_on_the_process(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from kg.store import Store;"
        "from kg.export import export; from tests.test_store import fill;"
        "s = Store.in_memory(); fill(s);"
        "[export(s, Path(sys.argv[1]) / f'g.{f}', f) for f in ('ttl', 'trig', 'jsonld')]"
    )
    root = Path(__file__).resolve().parent.parent
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out)], cwd=root, env=env, check=True)
        outputs.append([(out / f"g.{f}").read_bytes() for f in ("ttl", "trig", "jsonld")])
    assert outputs[0] == outputs[1]


def test_on_disk_store_exports_like_the_same_content_in_memory(
    store: Store, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "out") as disk:
        fill(disk)
        export(disk, tmp_path / "disk.trig", "trig")
    export(store, tmp_path / "memory.trig", "trig")
    assert (tmp_path / "disk.trig").read_bytes() == (tmp_path / "memory.trig").read_bytes()


def test_a_failed_export_keeps_the_old_file_and_leaves_no_temporary(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("old content\n", encoding="utf-8")

    def broken(statements: object, handle: IO[bytes], fmt: str) -> None:
        handle.write(b"@prefix half: <written> .\n")
        raise RuntimeError("serializer failed")

    monkeypatch.setattr(export_module, "_serialize", broken)
    with pytest.raises(RuntimeError, match="serializer failed"):
        export(store, path, "ttl")
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_unknown_format_writes_nothing(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, tmp_path / "graph.xml", "xml")
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_creates_folders_and_keeps_the_old_mode(tmp_path: Path) -> None:
    target = tmp_path / "new" / "dir" / "file.csv"
    with atomic_writer(target) as handle:
        handle.write(b"a")
    assert target.read_bytes() == b"a"
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    with atomic_writer(target) as handle:
        handle.write(b"b")
    assert target.read_bytes() == b"b" and target.stat().st_mode & 0o777 == 0o600


def test_empty_store_exports_empty_files(tmp_path: Path) -> None:
    empty = Store.in_memory()
    for fmt in ("nt", "nq"):
        assert export(empty, tmp_path / f"e.{fmt}", fmt) == 0
        assert (tmp_path / f"e.{fmt}").read_bytes() == b""


def test_large_graphs_are_sorted_on_disk_in_runs(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs of a few lines each, merged: the same bytes as one run, nothing left behind."""
    for fmt in ("ttl", "nt"):
        export(store, tmp_path / f"one.{fmt}", fmt)
    monkeypatch.setattr(export_module, "RUN_LINES", 7)
    for fmt in ("ttl", "nt"):
        assert export(store, tmp_path / f"runs.{fmt}", fmt) == TRIPLES
        assert (tmp_path / f"runs.{fmt}").read_bytes() == (tmp_path / f"one.{fmt}").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "one.nt",
        "one.ttl",
        "runs.nt",
        "runs.ttl",
    ]
