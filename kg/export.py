"""Export the store as RDF files, atomically and byte-for-byte deterministic.

Formats: ``ttl`` and ``nt`` hold the union of the article graphs as plain triples, each
triple once, in the order of their N-Triples lines (sorted on disk, so memory stays flat
at any size); ``trig``, ``nq`` and ``jsonld`` keep one named graph per article, graphs by
name, each graph's quads by subject, predicate, object. The same store content always
gives the same bytes. JSON-LD is written by pyoxigraph in expanded form (full IRIs, no
``@context``).

A file is written to a temporary file beside the target and renamed over it only when
complete (:func:`atomic_writer`), so a failed export leaves the previous file untouched.

Example:
    >>> import tempfile
    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> from kg.store import Store
    >>> g = "https://w3id.org/kgvn/id/article/a1"
    >>> store = Store.in_memory()
    >>> store.replace_article(g, [Quad(NamedNode(g), NamedNode("https://schema.org/name"),
    ...                                Literal("Tin"), NamedNode(g))])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = Path(tmp) / "graph.nt"
    ...     export(store, out, "nt"), out.read_text(encoding="utf-8")
    (1, '<https://w3id.org/kgvn/id/article/a1> <https://schema.org/name> "Tin" .\\n')
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.store import Store

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = frozenset({"trig", "nq", "jsonld"})
_PREFIXED = frozenset({"ttl", "trig"})

# The prefix table of docs/rdf.md, used when kg.vocab is not importable.
FALLBACK_PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kgvn/ontology#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def prefixes() -> dict[str, str]:
    """The prefixes written in Turtle and TriG: ``kg.vocab.PREFIXES`` when it exists.

    >>> prefixes()["schema"]
    'https://schema.org/'
    """
    try:
        from kg.vocab import PREFIXES  # imported lazily: kg.vocab is built in parallel
    except ImportError:
        return dict(FALLBACK_PREFIXES)
    return dict(sorted({**FALLBACK_PREFIXES, **dict(PREFIXES)}.items()))


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path`` for binary writing; rename it over ``path``
    when the block ends without error, delete it otherwise.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     target = Path(tmp) / "a.txt"
    ...     with atomic_writer(target) as handle:
    ...         _ = handle.write(b"done")
    ...     target.read_bytes(), sorted(p.name for p in Path(tmp).iterdir())
    (b'done', ['a.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; keep the old file's mode, or a usual 0644
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        tmp.chmod(mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return str(term)


def _triple_key(t: ox.Triple | ox.Quad) -> tuple[str, str, str]:
    return (_term_key(t.subject), t.predicate.value, _term_key(t.object))


def sorted_quads(store: Store) -> Generator[ox.Quad, None, None]:
    """All article quads, graph by graph in name order, each graph sorted; memory is one
    graph. The default graph (the store's copy of the union) is not an article's."""
    inner = store.inner
    for graph in sorted(inner.named_graphs(), key=_term_key):
        yield from sorted(inner.quads_for_pattern(None, None, None, graph), key=_triple_key)


def dump_union(store: Store, target: Path) -> Path:
    """Write the union of the article graphs (the default graph) to ``target`` as
    unsorted N-Triples. pyoxigraph does it without Python objects and lets other threads
    run meanwhile, so a build starts it in a thread while it draws the page."""
    with Path(target).open("wb") as out:
        store.inner.dump(out, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return Path(target)


RUN_LINES = 400_000  # N-Triples lines sorted in memory at once (about 100 MB)


def _sort_union(store: Store, tmp: Path, dumped: Path | None) -> tuple[Path, int]:
    """The union's N-Triples lines sorted into ``tmp/sorted.nt``; and their number.

    An external merge sort: runs of :data:`RUN_LINES` lines sorted in memory and written
    to ``tmp``, then merged, so memory is one run whatever the size of the graph. The
    default graph is a set: no line repeats.
    """
    dump = dumped if dumped is not None else dump_union(store, tmp / "union.nt")
    runs: list[Path] = []
    count = 0
    with dump.open("rb") as lines:
        while chunk := list(itertools.islice(lines, RUN_LINES)):
            chunk.sort()
            count += len(chunk)
            runs.append(tmp / f"run{len(runs)}.nt")
            runs[-1].write_bytes(b"".join(chunk))
    dump.unlink()
    merged = tmp / "sorted.nt"
    with contextlib.ExitStack() as stack, merged.open("wb") as out:
        files = [stack.enter_context(run.open("rb")) for run in runs]
        out.writelines(heapq.merge(*files))
    for run in runs:
        run.unlink()
    return merged, count


def sorted_triples(store: Store, workdir: Path | None = None) -> Generator[ox.Triple, None, None]:
    """Distinct triples of the union of the article graphs (the store's default graph),
    sorted by their N-Triples lines; temporary files in ``workdir`` (default: the
    system's), gone when the iteration ends."""
    with tempfile.TemporaryDirectory(dir=workdir, prefix=".kg-sort-") as tmp:
        merged, _ = _sort_union(store, Path(tmp), None)
        yield from ox.parse(path=merged, format=ox.RdfFormat.N_TRIPLES)


class _Counter:
    """Counts the statements that pass through it on their way to the serializer."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, items: Iterable[ox.Quad | ox.Triple]) -> Iterator[ox.Quad | ox.Triple]:
        for item in items:
            self.count += 1
            yield item


def export(store: Store, path: Path, fmt: str, *, dumped: Path | None = None) -> int:
    """Write the store to ``path`` in format ``fmt``; return the number of statements.

    Args:
        store: The store to export.
        path: Target file; replaced atomically, its directory created if needed.
        fmt: One of ``ttl``, ``nt`` (triples of the union), ``trig``, ``nq``, ``jsonld``
            (named graphs kept).
        dumped: For ``ttl``/``nt``: the union already written by :func:`dump_union`
            (consumed: the file is deleted).

    Returns:
        Triples written for ``ttl``/``nt``, quads for the other formats.

    Raises:
        ValueError: Unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known: {sorted(FORMATS)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in QUAD_FORMATS:
        counter = _Counter()
        with atomic_writer(path) as handle, contextlib.closing(sorted_quads(store)) as quads:
            _serialize(counter(quads), handle, fmt)
        return counter.count
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".kg-sort-") as tmp:
        merged, count = _sort_union(store, Path(tmp), dumped)
        with atomic_writer(path) as handle:
            _serialize(ox.parse(path=merged, format=ox.RdfFormat.N_TRIPLES), handle, fmt)
    return count


def _serialize(statements: Iterable[ox.Quad | ox.Triple], handle: IO[bytes], fmt: str) -> None:
    """Stream statements to an open binary file (a separate function so tests can fail it)."""
    serializer: Callable[..., bytes | None] = ox.serialize
    if fmt in _PREFIXED:
        serializer(statements, handle, FORMATS[fmt], prefixes=prefixes())
    else:
        serializer(statements, handle, FORMATS[fmt])
