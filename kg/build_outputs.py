"""The files and figures at the end of a build: ``graph.ttl``, counts, SHACL, ``graph.html``.

Everything is read from the store; nothing re-parses ``graph.ttl``. SHACL results come
from the article graphs' own checks (made where the articles were extracted, kept in
the manifest) plus the union checks of :mod:`kg.shacl_store`; an article without a
recorded result (a store built before, or with other shapes) is checked from the store.
When a rebuild changed nothing and its files are as the last build left them,
:func:`reuse` returns the recorded figures instead.

Example:
    >>> FIGURES[:2]
    ('triples', 'persons')
"""

from __future__ import annotations

import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kg.export import dump_union, export
from kg.incremental import MANIFEST, Entry, Outputs, file_stamp
from kg.store import ANSWERS_DIR, Store

__all__ = [
    "FIGURES",
    "GRAPH_HTML",
    "GRAPH_TTL",
    "Written",
    "reusable",
    "reuse",
    "sweep",
    "write_outputs",
]

GRAPH_TTL = "graph.ttl"
GRAPH_HTML = "graph.html"
FIGURES = ("triples", "persons", "meetings", "documents", "organizations", "violations")
_UNION_PREFIX = ".kg-union-"

# Counting queries for the summary; they read the union of the article graphs.
_COUNTS = """
PREFIX schema: <https://schema.org/>
PREFIX kg: <https://w3id.org/kgvn/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT
  (COUNT(DISTINCT ?person) AS ?persons)
  (COUNT(DISTINCT ?meeting) AS ?meetings)
  (COUNT(DISTINCT ?document) AS ?documents)
  (COUNT(DISTINCT ?body) AS ?organizations)
WHERE {
  { ?person a schema:Person . FILTER NOT EXISTS { ?person a kg:Author } }
  UNION { ?meeting a kg:Meeting }
  UNION { ?document a kg:LegalDocument }
  UNION { ?body a org:Organization }
}
"""


@dataclass(frozen=True)
class Written:
    """The outputs of a build: files by name, the report's figures, the SHACL report."""

    files: dict[str, Path]
    figures: dict[str, int]
    report: str

    def record(self, *, html: bool, validate: bool) -> Outputs:
        """What the manifest keeps of these outputs."""
        return Outputs(
            html=html,
            validate=validate,
            files={n: file_stamp(p) for n, p in self.files.items() if n != "store" and p.is_file()},
            figures={**self.figures, "shacl_report": self.report},
        )


def reusable(previous: Outputs, html: bool, validate: bool, out: Path) -> bool:
    """Whether the last build's outputs answer this build (same switches, files intact)."""
    return (previous.html, previous.validate) == (html, validate) and previous.intact(out)


def reuse(previous: Outputs, out: Path) -> Written:
    """The last build's outputs, as recorded in the manifest."""
    files = {"store": out / "store", **{name: out / name for name in sorted(previous.files)}}
    figures = {k: int(previous.figures.get(k, 0)) for k in FIGURES}
    return Written(files, figures, str(previous.figures.get("shacl_report", "")))


def sweep(out: Path) -> list[Path]:
    """Remove what a killed build left in ``out``: its union dump folder and half-written
    copies of the build's files (``atomic_writer`` temporaries). Call it holding the
    store's lock, so that no other build is writing them.

    >>> out = Path(tempfile.mkdtemp())
    >>> (out / ".kg-union-x1").mkdir(); _ = (out / ".graph.ttl.abc.tmp").write_text("@pre")
    >>> [p.name for p in sweep(out)], sorted(p.name for p in out.iterdir())
    (['.graph.ttl.abc.tmp', '.kg-union-x1'], [])
    """
    names = (GRAPH_TTL, GRAPH_HTML, MANIFEST)
    left = [*out.glob(_UNION_PREFIX + "*"), *(p for n in names for p in out.glob(f".{n}.*.tmp"))]
    left += list((out / ANSWERS_DIR).glob(".*.tmp"))
    for path in left:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return sorted(left)


def write_outputs(
    store: Store,
    out: Path,
    *,
    base: str,
    html: bool,
    validate: bool,
    entries: dict[str, Entry],
    timings: dict[str, float],
) -> Written:
    """Export ``graph.ttl``, count, validate and draw; figures and per-stage seconds.

    ``entries`` (article IRI -> manifest entry) gives the per-article SHACL results;
    articles whose result is missing are checked now and their entries completed.
    """
    files = {"store": out / "store", GRAPH_TTL: out / GRAPH_TTL}
    tick = time.perf_counter()
    figures: dict[str, int] = {}
    report = ""
    # pyoxigraph writes the union to disk while this thread counts, validates and draws
    with (
        tempfile.TemporaryDirectory(dir=out, prefix=_UNION_PREFIX) as tmp,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        dumped = pool.submit(dump_union, store, Path(tmp) / "union.nt")
        row = store.select(_COUNTS).rows[0]
        names = ("persons", "meetings", "documents", "organizations")
        figures.update({name: int(value or 0) for name, value in zip(names, row, strict=True)})
        figures["violations"] = 0
        if validate:
            tick = time.perf_counter()
            figures["violations"], report = _validate(store, base, entries)
            timings["shacl"] = time.perf_counter() - tick
        if html:
            from kg.page import write_page

            tick = time.perf_counter()
            files[GRAPH_HTML] = out / GRAPH_HTML
            write_page(store, files[GRAPH_HTML])
            timings["html"] = time.perf_counter() - tick
        tick = time.perf_counter()
        figures["triples"] = export(store, files[GRAPH_TTL], "ttl", dumped=dumped.result())
        timings["export"] = time.perf_counter() - tick
    return Written(files, figures, report)


def _validate(store: Store, base: str, entries: dict[str, Entry]) -> tuple[int, str]:
    from kg.shacl_article import article_violations
    from kg.shacl_rules import Unsupported, bundled_rules
    from kg.shacl_store import merge_report, union_violations, validate_store

    try:
        bundled_rules()
    except Unsupported:  # only pyshacl reads these shapes: validate the whole union
        result = validate_store(store, base=base)
        return result.violations, result.report
    lines: list[str] = []
    for iri in store.articles():
        entry = entries.get(iri)
        if entry is not None and entry.violations is not None:
            lines.extend(entry.violations)
            continue
        found = article_violations(q.triple for q in store.quads(iri))
        lines.extend(found)
        if entry is not None:
            entries[iri] = Entry(entry.source, entry.key, entry.warnings, tuple(found))
    result = merge_report(lines, union_violations(store, base=base))
    return result.violations, result.report
