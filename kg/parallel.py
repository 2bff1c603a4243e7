"""Extraction as picklable work: one article file in, its graph as N-Quads bytes out.

:func:`extract_article` is the whole per-article path of a build (ingest, the extractor
pipeline, the RDF mapping) with its result serialized, so that it can run in another
process or on another machine and be handed back cheaply: the article's quads as
N-Quads (loaded into its named graph) and the same statements as N-Triples (loaded into
the union, the store's default graph). :func:`extract_stream` runs a list of files on
``jobs`` worker processes and yields the results **in input order**, keeping a bounded
number of batches in flight, so memory stays flat whatever the number of articles and
the store receives the same data whatever ``jobs`` is.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "a1.txt").write_text("Ngày 5/3, Đại tá Trần Văn Nam dự Hội nghị.")
    >>> [result] = extract_stream([str(tmp / "a1.txt")], ExtractOptions(), jobs=1)
    >>> result.article_id, result.error, result.quads > 0
    ('a1', None, True)
    >>> result.nquads.count(b"\\n") == result.ntriples.count(b"\\n") == result.quads
    True
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.identity import article_iri
from kg.ingest import InputError, read_article
from kg.pipeline import DEFAULT_PIPELINE, ExtractionError, Pipeline
from kg.rdf import article_quads
from kg.shacl_article import article_violations
from kg.shacl_rules import Unsupported
from kg.vocab import DEFAULT_BASE

__all__ = [
    "ArticleResult",
    "ExtractOptions",
    "extract_article",
    "extract_batch",
    "extract_stream",
    "ordered",
    "resolve_jobs",
]

BATCH = 16  # articles per task: enough to hide the hand-over cost, small enough to balance
_IN_FLIGHT = 16  # batches queued per worker (about 8 MB): bounds the memory of results


@dataclass(frozen=True)
class ExtractOptions:
    """What every worker needs to extract an article the same way.

    Attributes:
        base: Base IRI of instance nodes.
        pipeline: Names of the extractor components, in order.
        validate: Also check the article graph against the SHACL shapes.
    """

    base: str = DEFAULT_BASE
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    validate: bool = False


@dataclass(frozen=True)
class ArticleResult:
    """One article, extracted and serialized (or the reason it could not be).

    Attributes:
        path: The file as given.
        article_id: The article id (the file name without its extension).
        iri: The article IRI, also its graph name.
        nquads: Its quads as sorted N-Quads, each in the article's graph.
        ntriples: The same statements as N-Triples (for the union).
        quads: Number of quads.
        chars: Characters of article text read.
        warnings: Extractor warnings, in order.
        violations: SHACL report lines of the article graph (:mod:`kg.shacl_article`);
            None when not validated.
        error: One-line reason when the article could not be read or extracted.
    """

    path: str
    article_id: str
    iri: str
    nquads: bytes = b""
    ntriples: bytes = b""
    quads: int = 0
    chars: int = 0
    warnings: tuple[str, ...] = ()
    violations: tuple[str, ...] | None = None
    error: str | None = None


@cache
def _pipeline(names: tuple[str, ...]) -> Pipeline:
    """One pipeline per worker process (its rules are compiled once)."""
    return Pipeline(names)


def extract_article(path: str, options: ExtractOptions) -> ArticleResult:
    """Read, extract and map one article file; never raises for a bad article.

    Args:
        path: The article file (``.txt`` / ``.html``).
        options: Base IRI and extractor pipeline.

    Returns:
        The serialized graph, or ``error`` set to a one-line reason.
    """
    article_id = Path(path).stem
    iri = article_iri(options.base, article_id)
    try:
        doc = read_article(Path(path))
        extraction = _pipeline(options.pipeline)(doc)
        quads = article_quads(doc, extraction, base=options.base)
    except (InputError, ExtractionError) as exc:
        return ArticleResult(path, article_id, iri, error=str(exc))
    triples = [q.triple for q in quads]
    violations = None
    if options.validate:
        try:
            violations = tuple(article_violations(triples))
        except Unsupported:  # the shapes need pyshacl: the build validates the union
            violations = None
    return ArticleResult(
        path=path,
        article_id=article_id,
        iri=iri,
        nquads=ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"",
        ntriples=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
        quads=len(quads),
        chars=len(doc.text),
        warnings=tuple(extraction.warnings),
        violations=violations,
    )


def extract_batch(paths: Sequence[str], options: ExtractOptions) -> list[ArticleResult]:
    """:func:`extract_article` over a batch of files (the unit of work sent to a worker)."""
    return [extract_article(path, options) for path in paths]


def resolve_jobs(jobs: int) -> int:
    """Worker processes for ``--jobs``: 0 means one per CPU.

    >>> resolve_jobs(3), resolve_jobs(0) >= 1
    (3, True)
    """
    if jobs < 0:
        raise ValueError(f"--jobs must be 0 (one per CPU) or more, got {jobs}")
    return jobs or (os.cpu_count() or 1)


def ordered(
    paths: Sequence[str],
    submit: Callable[[Sequence[str]], Any],
    result: Callable[[Any], list[ArticleResult]],
    *,
    window: int,
    batch: int = BATCH,
) -> Iterator[ArticleResult]:
    """Submit ``paths`` in batches and yield their results in input order.

    At most ``window`` batches are in flight: a finished batch waits for the ones before
    it, and no new batch is sent until the oldest is taken, so memory is bounded.

    Args:
        paths: Article files, in the order results must come back.
        submit: Starts one batch; returns a handle (a future).
        result: Waits for a handle and returns its results.
        window: Batches in flight at most.
        batch: Articles per batch.

    >>> list(r.path for r in ordered(["b", "a"], lambda p: list(p),
    ...      lambda h: [ArticleResult(x, x, x) for x in h], window=1, batch=1))
    ['b', 'a']
    """
    pending: deque[Any] = deque()
    chunks = (paths[i : i + batch] for i in range(0, len(paths), batch))
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def extract_stream(
    paths: Sequence[str], options: ExtractOptions, *, jobs: int = 1
) -> Iterator[ArticleResult]:
    """Extract every file, on ``jobs`` processes, yielding results in input order.

    With ``jobs == 1`` everything runs in this process. Otherwise worker processes are
    started fresh (``spawn``: nothing of this process, such as an open store, is
    inherited) and stopped when the iteration ends or is abandoned.

    Args:
        paths: Article files.
        options: Base IRI and extractor pipeline.
        jobs: Worker processes; 0 means one per CPU.
    """
    jobs = resolve_jobs(jobs)
    if jobs == 1 or len(paths) <= BATCH:
        for path in paths:
            yield extract_article(path, options)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:

        def submit(chunk: Sequence[str]) -> Future[list[ArticleResult]]:
            return pool.submit(extract_batch, list(chunk), options)

        def result(future: Future[list[ArticleResult]]) -> list[ArticleResult]:
            return future.result()

        try:
            yield from ordered(paths, submit, result, window=jobs * _IN_FLIGHT)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
