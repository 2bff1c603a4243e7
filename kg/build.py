"""Build a graph: article files in; store, Turtle and HTML page out.

This module is the library behind ``kg build``. It streams the articles through
ingestion, the extractor pipeline and the RDF mapping (:mod:`kg.parallel`: in this
process, on ``jobs`` worker processes, or on a dask cluster with ``engine="dask"``), and
bulk-loads each article's graph into the store as it comes back, in input order, so
memory stays bounded and the store's content does not depend on ``jobs``. Then it
writes ``graph.ttl``, validates the store against the SHACL shapes and draws the page.

Builds are incremental (:mod:`kg.incremental`): an article whose bytes, path and
extractor are unchanged since the last build is not extracted again; articles that are
no longer among the inputs stay in the store unless ``prune`` is set; a rebuild that
changes nothing rewrites nothing. A bad article is reported and skipped; the others are
built.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "a1.txt").write_text("Ngày 5/3, Đại tá Trần Văn Nam dự Hội nghị.")
    >>> options = BuildOptions(out=tmp / "out", html=False, validate=False)
    >>> report = build([tmp / "a1.txt"], options)
    >>> report.articles, report.failed, report.extracted
    (1, (), 1)
    >>> build([tmp / "a1.txt"], options).extracted  # unchanged: nothing to do
    0
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from kg import answers
from kg.build_outputs import (
    FIGURES,
    GRAPH_HTML,
    GRAPH_TTL,
    reusable,
    reuse,
    sweep,
    write_outputs,
)
from kg.identity import article_iri
from kg.incremental import Entry, Manifest, content_key, fingerprint
from kg.ingest import discover
from kg.parallel import ArticleResult, ExtractOptions, extract_stream
from kg.pipeline import DEFAULT_PIPELINE
from kg.shacl_rules import shapes_key
from kg.store import Store
from kg.vocab import DEFAULT_BASE

__all__ = ["ENGINES", "GRAPH_HTML", "GRAPH_TTL", "BuildOptions", "BuildReport", "build"]

ENGINES = ("local", "dask")

# Above this many replaced or removed articles, rebuilding the union in one pass is
# cheaper (and lighter) than checking each of their triples.
_STALE_LIMIT = 2000
_LOAD_BYTES = 64 << 20  # N-Quads bytes per bulk load


@dataclass(frozen=True)
class BuildOptions:
    """How to build.

    Attributes:
        out: Output folder: the store goes in ``out/store``, exports beside it.
        base: Base IRI of instance nodes.
        html: Write the interactive page ``graph.html``.
        validate: Check the graph against the SHACL shapes.
        pipeline: Names of the extractor components to run, in order.
        jobs: Extraction processes (``engine="local"``); 0 means one per CPU.
        engine: ``local`` (this machine) or ``dask`` (a dask.distributed cluster).
        scheduler: Address of the dask scheduler (``engine="dask"``).
        prune: Remove from the store the articles that are not among the inputs.
    """

    out: Path
    base: str = DEFAULT_BASE
    html: bool = True
    validate: bool = True
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    prune: bool = False


@dataclass(frozen=True)
class BuildReport:
    """What a build did: counts, failures, warnings and the files written.

    ``articles`` counts every input article now in the store, ``extracted`` those read
    and extracted by this build, ``unchanged`` those skipped because nothing changed,
    ``removed`` those pruned. ``timings`` gives seconds per stage.
    """

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
    extracted: int = 0
    unchanged: int = 0
    removed: int = 0
    chars: int = 0
    timings: dict[str, float] = field(default_factory=dict)


Progress = Callable[[list[Path]], Iterable[Path]]


@dataclass
class _Plan:
    """Which inputs to extract, which are unchanged, which stored articles to drop."""

    todo: list[tuple[Path, str, str]] = field(default_factory=list)  # path, iri, key
    unchanged: list[str] = field(default_factory=list)  # iris
    order: list[str] = field(default_factory=list)  # iris of the inputs, in input order
    failed: list[tuple[str, str]] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)


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
        progress: Wraps the iteration over the files to extract (a progress bar).

    With ``options.jobs`` above 1 the worker processes are spawned: a script that calls
    this must do so under ``if __name__ == "__main__":``, as for any multiprocessing.

    Returns:
        The build report. Articles that could not be read or extracted are listed in
        ``failed`` with a one-line reason; everything else is in the store and exports.

    Raises:
        InputError: when a path given does not exist.
        ValueError: unknown engine, or a dask engine without a scheduler.
    """
    started = time.perf_counter()
    if options.engine not in ENGINES:
        raise ValueError(f"unknown engine {options.engine!r}; known: {', '.join(ENGINES)}")
    if options.engine == "dask" and not options.scheduler:
        raise ValueError("the dask engine needs a scheduler address (--scheduler)")
    files = discover(paths)
    print_ = fingerprint(options.base, options.pipeline)
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.load(out)
    answered = answers.current(out)  # before the store is touched
    timings: dict[str, float] = {}
    with Store.open(out) as store:
        sweep(out)  # a killed build's leftovers; the store's lock keeps other builds out
        stored = set(store.articles())
        plan = _plan(files, manifest, stored, print_, options)
        entries = {iri: e for iri, e in manifest.articles.items() if iri in stored}
        if manifest.shapes != shapes_key():  # per-article SHACL results are out of date
            entries = {iri: replace(e, violations=None) for iri, e in entries.items()}
        changing = {iri for _, iri, _ in plan.todo if iri in stored} | set(plan.remove)
        previous = manifest.outputs if manifest.clean else None
        if plan.todo or plan.remove or not manifest.clean:
            # Before touching the store: forget what is about to change (kill-safety).
            for iri in changing:
                entries.pop(iri, None)
            Manifest(print_, manifest.shapes, dict(entries), None, clean=False).save(out)
        # A few replaced articles: drop their old triples from the union one by one;
        # many, or a union left dirty by an interrupted build: rebuild it in one pass.
        dirty = not manifest.clean and (bool(stored) or store.has_union())
        collect = not dirty and len(changing) <= _STALE_LIMIT
        tick = time.perf_counter()
        loaded, chars, extract_failed, stale = _load(
            store, plan, stored, entries, options, collect, progress
        )
        timings["extract+load"] = time.perf_counter() - tick
        tick = time.perf_counter()
        if plan.remove:
            stale |= store.remove_articles(plan.remove, collect=collect)
            for iri in plan.remove:
                entries.pop(iri, None)
        if dirty or (changing and not collect):
            store.rebuild_union()
        elif stale:
            store.drop_stale(stale)
        changed = bool(loaded or plan.remove or dirty)
        store.flush()
        timings["union"] = time.perf_counter() - tick
        if changed or not answers.current(out):
            tick = time.perf_counter()
            touched = {*loaded, *plan.remove}
            answers.refresh(store, out, changed=touched, was_current=answered and not dirty)
            timings["answers"] = time.perf_counter() - tick
        if (
            changed
            or previous is None
            or not reusable(previous, options.html, options.validate, out)
        ):
            written = write_outputs(
                store,
                out,
                base=options.base,
                html=options.html,
                validate=options.validate,
                entries=entries,
                timings=timings,
            )
        else:
            written = reuse(previous, out)
    record = written.record(html=options.html, validate=options.validate)
    final = Manifest(print_, shapes_key(), entries, record, clean=True)
    if final != manifest:  # a rebuild that changed nothing writes nothing
        final.save(out)
    warnings = [
        f"{Path(entries[iri].source).stem}: {w}"
        for iri in plan.order
        if iri in entries
        for w in entries[iri].warnings
    ]
    return BuildReport(
        articles=sum(1 for iri in set(plan.order) if iri in entries),
        failed=tuple(plan.failed + extract_failed),
        warnings=tuple(warnings),
        shacl_report=written.report,
        outputs=written.files,
        seconds=time.perf_counter() - started,
        extracted=len(loaded),
        unchanged=len(plan.unchanged),
        removed=len(plan.remove),
        chars=chars,
        timings=timings,
        **{k: int(written.figures.get(k, 0)) for k in FIGURES},
    )


def _plan(
    files: list[Path], manifest: Manifest, stored: set[str], print_: str, options: BuildOptions
) -> _Plan:
    plan = _Plan()
    seen: dict[str, Path] = {}
    for path in files:
        if path.stem in seen:
            plan.failed.append((str(path), f"article id {path.stem!r} is also {seen[path.stem]}"))
            continue
        seen[path.stem] = path
        iri = article_iri(options.base, path.stem)
        plan.order.append(iri)
        try:
            key = content_key(path, print_)
        except OSError:
            key = ""  # extraction will report why the file cannot be read
        entry = manifest.articles.get(iri)
        if key and entry and entry.key == key and entry.source == str(path) and iri in stored:
            plan.unchanged.append(iri)
        else:
            plan.todo.append((path, iri, key))
    if options.prune:
        plan.remove = sorted(stored - set(plan.order))
    return plan


def _results(paths: list[str], options: BuildOptions) -> Iterator[ArticleResult]:
    extract = ExtractOptions(
        base=options.base, pipeline=options.pipeline, validate=options.validate
    )
    if options.engine == "dask":
        from kg.engines import dask_stream  # dask is an optional dependency

        return dask_stream(paths, extract, scheduler=str(options.scheduler))
    return extract_stream(paths, extract, jobs=options.jobs)


class _Loader:
    """Bulk-loads the articles in batches, in a thread: extraction results keep coming
    in while pyoxigraph writes (it lets other threads run). One batch is written while
    the next fills, so memory holds two batches at most."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.nquads: list[bytes] = []
        self.ntriples: list[bytes] = []
        self.size = 0
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.writing: Future[None] | None = None

    def add(self, nquads: bytes, ntriples: bytes) -> None:
        self.nquads.append(nquads)
        self.ntriples.append(ntriples)
        self.size += len(nquads)
        if self.size >= _LOAD_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.writing is not None:
            self.writing.result()  # the previous batch is in (or its error is raised)
        batch = (b"".join(self.nquads), b"".join(self.ntriples))
        self.nquads, self.ntriples, self.size = [], [], 0
        self.writing = self.pool.submit(self.store.bulk_add, *batch)

    def __enter__(self) -> _Loader:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.flush()
            if self.writing is not None:
                self.writing.result()
        finally:
            self.pool.shutdown(wait=True)


def _load(
    store: Store,
    plan: _Plan,
    stored: set[str],
    entries: dict[str, Entry],
    options: BuildOptions,
    collect: bool,
    progress: Progress | None,
) -> tuple[list[str], int, list[tuple[str, str]], set[ox.Triple]]:
    """Extract the planned articles and bulk-load them in input order.

    Returns:
        IRIs of the articles loaded, characters read, failures, and (with ``collect``)
        the triples of the replaced articles' old graphs.
    """
    failed: list[tuple[str, str]] = []
    stale: set[ox.Triple] = set()
    paths = [path for path, _, _ in plan.todo]
    keys = {str(path): key for path, _, key in plan.todo}
    shown = progress(paths) if progress else paths
    loader = _Loader(store)
    loaded: list[str] = []
    chars = 0
    with loader:
        for _, result in zip(shown, _results([str(p) for p in paths], options), strict=True):
            if result.error is not None:
                failed.append((result.path, result.error))
                continue
            if result.iri in stored:
                stale |= store.remove_articles([result.iri], collect=collect)
            loader.add(result.nquads, result.ntriples)
            loaded.append(result.iri)
            chars += result.chars
            entries[result.iri] = Entry(
                result.path, keys[result.path], result.warnings, result.violations
            )
    return loaded, chars, failed, stale
