"""The embedded SPARQL store: one named graph per article, on disk under ``<out>/store``.

:class:`Store` wraps a persistent pyoxigraph store. Each article's triples live in the
named graph whose name is the article IRI, so rebuilding an article is "drop its graph,
add the new quads" (:meth:`Store.replace_article`). The default graph holds the union of
all article graphs, each triple once, and queries read it by default; a query that needs
per-article answers says ``GRAPH ?article { ... }``. Values go into queries as bindings,
never by string formatting.

The union is kept as a real (materialized) default graph rather than pyoxigraph's
``use_default_graph_as_union`` view, because that view repeats a triple once per graph
holding it: a person named in two articles would be counted twice by
``SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Person }``, against SPARQL's RDF-merge
semantics. The price is a second copy of each distinct triple.

Example:
    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> g = "https://w3id.org/kgvn/id/article/a1"
    >>> name = NamedNode("https://schema.org/name")
    >>> quad = Quad(NamedNode(g), name, Literal("Tin"), NamedNode(g))
    >>> with Store.in_memory() as store:
    ...     store.replace_article(g, [quad])
    ...     store.articles()
    ...     store.select("SELECT ?p ?n WHERE { ?a ?p ?n }", {"p": name}).column("n")
    ['https://w3id.org/kgvn/id/article/a1']
    ['Tin']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from kg.results import Table, Term, split_order_by, term_text, to_table

__all__ = ["QueryError", "Store", "StoreError", "Table", "Term", "term_text"]
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

STORE_DIR = "store"
# Answer tables kept beside the store (kg.answers); a write makes them out of date.
ANSWERS_DIR = "answers"
ANSWERS_CURRENT = "current"

_DEFAULT_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


class StoreError(RuntimeError):
    """The store cannot be opened or used as asked; the message says why."""


class QueryError(StoreError):
    """A SPARQL text does not parse, or is not the kind of query asked for."""


class Store:
    """An RDF dataset with one named graph per article, queried with SPARQL.

    Open it with :meth:`open` (on disk) or :meth:`in_memory` (tests, one-off runs), and
    close it (or use it as a context manager) so that the on-disk lock is released.
    """

    def __init__(self, inner: ox.Store, path: Path | None = None, *, read_only: bool = False):
        """Wrap an open pyoxigraph store; prefer :meth:`open` or :meth:`in_memory`."""
        self._inner: ox.Store | None = inner
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, out_dir: Path, *, read_only: bool = False) -> Store:
        """Open (creating it if needed) the store in ``out_dir/store``.

        Args:
            out_dir: The build output directory.
            read_only: Open without write access; the store must already exist.

        Raises:
            StoreError: No store exists for a read-only opening, or the store is locked
                or unreadable.
        """
        path = Path(out_dir) / STORE_DIR
        try:
            if read_only:
                # RocksDB writes CURRENT when it creates a database; without it there is
                # nothing to read, and pyoxigraph's own error names a file, not the cause.
                if not (path / "CURRENT").is_file():
                    raise StoreError(f"no kg store in {out_dir}: run kg build first")
                return cls(ox.Store.read_only(str(path)), path, read_only=True)
            path.mkdir(parents=True, exist_ok=True)
            return cls(ox.Store(str(path)), path)
        except StoreError:
            raise
        except OSError as exc:
            hint = " (is another kg process using it?)" if "lock" in str(exc).lower() else ""
            raise StoreError(f"cannot open the kg store in {path}{hint}: {exc}") from exc

    @classmethod
    def in_memory(cls) -> Store:
        """A store kept in memory only, gone when closed.

        >>> Store.in_memory().quad_count()
        0
        """
        return cls(ox.Store())

    @property
    def inner(self) -> ox.Store:
        """The underlying pyoxigraph store, for reads this class does not wrap.

        Write through this class's methods: they mark the answer tables of
        :mod:`kg.answers` out of date first.
        """
        if self._inner is None:
            raise StoreError("the kg store is closed")
        return self._inner

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"the kg store in {self.path} is open read-only")
        inner = self.inner
        if self.path is not None:  # before the change, so a crash cannot leave them "current"
            (self.path.parent / ANSWERS_DIR / ANSWERS_CURRENT).unlink(missing_ok=True)
        return inner

    def replace_article(self, article_iri: str, quads: Sequence[ox.Quad]) -> None:
        """Make ``quads`` the whole content of the article's named graph.

        An article rebuilt with the same content is left alone. Otherwise, pyoxigraph
        offers no transaction spanning a graph removal and an insertion, so this drops
        the graph, then adds the quads and their union copies in one transaction, then
        drops from the union the old triples no other article holds. Everything that can
        be checked is checked first; an I/O error between steps leaves the article absent
        and the union a superset, which :meth:`rebuild_union` repairs.

        Args:
            article_iri: The article IRI, which is also its graph name.
            quads: Every quad of the article; each must be in the article's graph.

        Raises:
            ValueError: A quad is not in the article's graph.
            StoreError: The store is read-only or closed.
        """
        store = self._writable()
        change = self._prepare(store, article_iri, quads)
        if change is not None:
            store.extend(change[0])
            self._drop_from_union(store, change[1])

    def replace_articles(
        self, articles: Iterable[tuple[str, Sequence[ox.Quad]]], *, batch: int = 200_000
    ) -> int:
        """:meth:`replace_article` for many articles, loading their quads in bulk.

        About three times faster than one transaction per article, for builds: quads are
        written with pyoxigraph's bulk loader, ``batch`` quads at a time. A failure part
        way leaves the articles of the unfinished batch absent; rerun, then
        :meth:`rebuild_union` if the run was killed.

        Returns:
            How many articles changed.
        """
        store = self._writable()
        pending: list[ox.Quad] = []
        stale: set[ox.Triple] = set()
        seen: set[str] = set()
        changed = 0

        def load() -> None:
            store.bulk_extend(pending)
            self._drop_from_union(store, stale)
            pending.clear()
            stale.clear()
            seen.clear()

        for article_iri, quads in articles:
            if article_iri in seen:  # its first version must be in the store to be replaced
                load()
            change = self._prepare(store, article_iri, quads)
            if change is None:
                continue
            pending.extend(change[0])
            stale |= change[1]
            seen.add(article_iri)
            changed += 1
            if len(pending) >= batch:
                load()
        load()
        return changed

    def remove_article(self, article_iri: str) -> None:
        """Drop an article's named graph and its triples no other article holds."""
        self.replace_article(article_iri, [])

    def bulk_add(self, nquads: bytes, ntriples: bytes) -> None:
        """Add new articles with the bulk loader: their quads and their union copies.

        The fast path of a build (no Python object per statement). The articles must
        not be in the store (remove them first with :meth:`remove_articles`); a triple
        the union already holds is simply written again.

        Args:
            nquads: The articles' quads, as N-Quads, each in its article's graph.
            ntriples: The same statements as N-Triples (they go to the union).

        Raises:
            StoreError: The store is read-only or closed.
            SyntaxError: The bytes are not N-Quads / N-Triples.
        """
        store = self._writable()
        if nquads:
            store.bulk_load(nquads, ox.RdfFormat.N_QUADS, lenient=True)
        if ntriples:
            store.bulk_load(ntriples, ox.RdfFormat.N_TRIPLES, lenient=True)

    def remove_articles(self, iris: Iterable[str], *, collect: bool = True) -> set[ox.Triple]:
        """Drop the named graphs of ``iris``; the union is left as a superset.

        Returns:
            With ``collect``, the triples the dropped graphs held: pass them (once the
            replacements are in) to :meth:`drop_stale`. Without it, an empty set, and
            the caller must :meth:`rebuild_union`.
        """
        store = self._writable()
        stale: set[ox.Triple] = set()
        for iri in iris:
            graph = ox.NamedNode(iri)
            if collect:
                stale.update(q.triple for q in store.quads_for_pattern(None, None, None, graph))
            store.remove_graph(graph)
        return stale

    def drop_stale(self, triples: Iterable[ox.Triple]) -> None:
        """Remove from the union each of ``triples`` that no article graph holds."""
        self._drop_from_union(self._writable(), set(triples))

    @staticmethod
    def _prepare(
        store: ox.Store, article_iri: str, quads: Sequence[ox.Quad]
    ) -> tuple[list[ox.Quad], set[ox.Triple]] | None:
        """Check the quads and drop the article's graph; return what to add (the quads and
        their union copies) and the old triples that may have left the union, or None when
        the article is unchanged."""
        graph = ox.NamedNode(article_iri)
        for quad in quads:
            if not isinstance(quad, ox.Quad) or quad.graph_name != graph:
                raise ValueError(f"quad outside the graph of {article_iri}: {quad}")
        old = {q.triple for q in store.quads_for_pattern(None, None, None, graph)}
        new = {q.triple for q in quads}
        if old == new and (new or not store.contains_named_graph(graph)):
            return None
        store.remove_graph(graph)
        union = [ox.Quad(t.subject, t.predicate, t.object) for t in new]
        return [*quads, *union], old - new

    @staticmethod
    def _drop_from_union(store: ox.Store, triples: set[ox.Triple]) -> None:
        for t in triples:
            holders = store.quads_for_pattern(t.subject, t.predicate, t.object, None)
            if all(isinstance(q.graph_name, ox.DefaultGraph) for q in holders):
                store.remove(ox.Quad(t.subject, t.predicate, t.object))

    def rebuild_union(self) -> None:
        """Recompute the default graph from the article graphs (after an interrupted write,
        or many removals): drop it, then stream every article quad's triple back in
        through the bulk loader, in bounded memory."""
        store = self._writable()
        store.clear_graph(ox.DefaultGraph())
        everything = store.quads_for_pattern(None, None, None, None)
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in everything)

    def has_union(self) -> bool:
        """Whether the default graph (the union) holds any triple."""
        default = self.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return next(iter(default), None) is not None

    def articles(self) -> list[str]:
        """IRIs of every article graph, sorted."""
        return sorted(g.value for g in self.inner.named_graphs() if isinstance(g, ox.NamedNode))

    def has_article(self, article_iri: str) -> bool:
        """Whether the store holds a graph for this article."""
        return self.inner.contains_named_graph(ox.NamedNode(article_iri))

    def quad_count(self) -> int:
        """Number of quads in the article graphs (a triple in two articles counts twice)."""
        return len(self.inner) - self.triple_count()

    def triple_count(self) -> int:
        """Number of distinct triples in the union of the article graphs."""
        return int(self.select(_DEFAULT_COUNT).rows[0][0] or 0)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Quads of one article graph, or of every article graph when ``graph`` is None."""
        if graph is not None:
            return self.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        everything = self.inner.quads_for_pattern(None, None, None, None)
        return (q for q in everything if not isinstance(q.graph_name, ox.DefaultGraph))

    def union(self) -> Iterator[ox.Triple]:
        """Each distinct triple of the article graphs, once."""
        default = self.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return (q.triple for q in default)

    def query(self, query: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run any SPARQL query (default graph: the union of the articles); raw result.

        Args:
            query: SPARQL text (SELECT, ASK, CONSTRUCT or DESCRIBE).
            bindings: Values for variables, by name (with or without ``?``), substituted
                before evaluation (SEP-0007). A bound variable must be in the SELECT
                projection (or the query must be ``SELECT *``); it is returned as bound.

        Raises:
            QueryError: The text is not valid SPARQL, or a binding names a variable the
                query does not project.
        """
        substitutions = {ox.Variable(k.lstrip("?$")): v for k, v in (bindings or {}).items()}
        inner = self.inner
        try:
            return inner.query(query, substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except RuntimeError as exc:  # pyoxigraph reports a bad substitution this way
            raise QueryError(str(exc)) from exc

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Table:
        """Run a SELECT query and return its solutions as plain strings.

        A final ``ORDER BY`` of plain variables is applied here rather than by pyoxigraph,
        which is several times slower at it on disk (:mod:`kg.results`); the order is
        the same (a column mixing kinds of literal is left to the engine).

        Raises:
            QueryError: The text is not valid SPARQL or not a SELECT query.
        """
        split = split_order_by(query)
        if split is not None:
            try:
                result = self.query(split[0], bindings)
            except QueryError:  # the engine will say what is wrong with the whole text
                split = None
            else:
                if isinstance(result, ox.QuerySolutions):
                    columns = [v.value for v in result.variables]
                    if all(name in columns for name, _ in split[1]):
                        table = to_table(columns, (tuple(s) for s in result), split[1])
                        if table is not None:
                            return table
        result = self.query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        table = to_table([v.value for v in result.variables], (tuple(s) for s in result))
        assert table is not None  # no order asked: nothing to refuse
        return table

    def flush(self) -> None:
        """Write pending changes to disk."""
        if not self.read_only:
            self.inner.flush()

    def close(self) -> None:
        """Flush and release the store (and its on-disk lock); closing twice is harmless."""
        if self._inner is None:
            return
        try:
            self.flush()
        finally:
            # pyoxigraph has no close(): the database closes when its last reference goes.
            self._inner = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.path if self.path is not None else "memory"
        state = "closed" if self._inner is None else ("read-only" if self.read_only else "open")
        return f"Store({where}, {state})"
