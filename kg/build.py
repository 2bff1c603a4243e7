"""Build a graph: article files in; store, Turtle and HTML page out.

This module is the library behind ``kg build``: it streams each article through
ingestion, the extractor pipeline and the RDF mapping into the store (one named graph
per article, replaced on rebuild), then writes the exports. A bad article is reported
and skipped; the others are built.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "a1.txt").write_text("Ngày 5/3, Đại tá Trần Văn Nam dự Hội nghị.")
    >>> report = build([tmp / "a1.txt"], BuildOptions(out=tmp / "out", html=False, validate=False))
    >>> report.articles, report.failed
    (1, ())
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from kg.export import export
from kg.identity import article_iri
from kg.ingest import InputError, discover, read_article
from kg.pipeline import DEFAULT_PIPELINE, ExtractionError, Pipeline
from kg.rdf import article_quads
from kg.shacl import validate
from kg.store import Store
from kg.viz import write_html
from kg.vocab import DEFAULT_BASE

GRAPH_TTL = "graph.ttl"
GRAPH_HTML = "graph.html"

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
class BuildOptions:
    """How to build.

    Attributes:
        out: Output folder: the store goes in ``out/store``, exports beside it.
        base: Base IRI of instance nodes.
        html: Write the interactive page ``graph.html``.
        validate: Check the graph against the SHACL shapes.
        pipeline: Names of the extractor components to run, in order.
    """

    out: Path
    base: str = DEFAULT_BASE
    html: bool = True
    validate: bool = True
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE


@dataclass(frozen=True)
class BuildReport:
    """What a build did: counts, failures, warnings and the files written."""

    articles: int
    failed: tuple[tuple[str, str], ...]
    triples: int = 0
    persons: int = 0
    meetings: int = 0
    documents: int = 0
    organizations: int = 0
    warnings: tuple[str, ...] = ()
    violations: int = 0
    shacl_report: str = ""
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0


Progress = Callable[[list[Path]], Iterable[Path]]


def build(
    paths: Sequence[Path],
    options: BuildOptions,
    *,
    progress: Progress | None = None,
) -> BuildReport:
    """Build (or update) the graph in ``options.out`` from the article files under ``paths``.

    Args:
        paths: Files and folders of ``.txt`` / ``.html`` articles.
        options: Output folder and switches.
        progress: Wraps the file iteration (a progress bar); identity when None.

    Returns:
        The build report. Articles that could not be read or extracted are listed in
        ``failed`` with a one-line reason; everything else is in the store and exports.

    Raises:
        InputError: when a path given does not exist.
    """
    started = time.perf_counter()
    files = discover(paths)
    pipeline = Pipeline(options.pipeline)
    failed: list[tuple[str, str]] = []
    warnings: list[str] = []
    seen: dict[str, Path] = {}
    built = 0
    options.out.mkdir(parents=True, exist_ok=True)
    with Store.open(options.out) as store:
        for path in progress(files) if progress else files:
            if path.stem in seen:
                failed.append((str(path), f"article id {path.stem!r} is also {seen[path.stem]}"))
                continue
            seen[path.stem] = path
            try:
                doc = read_article(path)
                extraction = pipeline(doc)
                quads = article_quads(doc, extraction, base=options.base)
            except (InputError, ExtractionError) as exc:
                failed.append((str(path), str(exc)))
                continue
            store.replace_article(str(article_iri(options.base, doc.id)), quads)
            built += 1
            warnings.extend(f"{doc.id}: {w}" for w in extraction.warnings)
        store.flush()
        outputs, triples = _write_outputs(store, options)
        counts = store.select(_COUNTS)
    violations, shacl_report = _validate(outputs[GRAPH_TTL]) if options.validate else (0, "")
    if options.html:
        outputs[GRAPH_HTML] = _write_html(outputs[GRAPH_TTL], options.out / GRAPH_HTML)
    row = counts.rows[0] if counts.rows else (None,) * 4
    persons, meetings, documents, organizations = (int(v or 0) for v in row)
    return BuildReport(
        articles=built,
        failed=tuple(failed),
        triples=triples,
        persons=persons,
        meetings=meetings,
        documents=documents,
        organizations=organizations,
        warnings=tuple(warnings),
        violations=violations,
        shacl_report=shacl_report,
        outputs=outputs,
        seconds=time.perf_counter() - started,
    )


def _write_outputs(store: Store, options: BuildOptions) -> tuple[dict[str, Path], int]:
    ttl = options.out / GRAPH_TTL
    triples = export(store, ttl, "ttl")
    return {"store": options.out / "store", GRAPH_TTL: ttl}, triples


def _validate(ttl: Path) -> tuple[int, str]:
    result = validate(ttl)
    return result.violations, result.report


def _write_html(ttl: Path, target: Path) -> Path:
    graph = rdflib.Graph()
    graph.parse(ttl, format="turtle")
    write_html(graph, target, title="kg")
    return target
