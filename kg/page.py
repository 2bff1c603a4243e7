"""The HTML page of a build, drawn from the store without re-reading ``graph.ttl``.

:func:`kg.viz.write_html` draws an rdflib graph. Reading the whole union into rdflib
costs about a kilobyte of memory and ten microseconds per triple, fine for a few
thousand articles and not for a hundred thousand. :func:`write_page` hands
:func:`~kg.viz.write_html` the whole union when it is small (at most
:data:`FULL_GRAPH_TRIPLES` triples: the page is then exactly that of the full graph), and
otherwise only what the capped page can show, selected with SPARQL
(:func:`page_graph`).

Example:
    >>> import tempfile
    >>> import pyoxigraph as ox
    >>> from kg.store import Store
    >>> g = "https://w3id.org/kgvn/id/article/a1"
    >>> person = ox.NamedNode("https://w3id.org/kgvn/id/person/an")
    >>> store = Store.in_memory()
    >>> store.replace_article(g, [
    ...     ox.Quad(person, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    ...             ox.NamedNode("https://schema.org/Person"), ox.NamedNode(g)),
    ...     ox.Quad(person, ox.NamedNode("https://schema.org/name"), ox.Literal("Nguyễn Văn An"),
    ...             ox.NamedNode(g))])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     info = write_page(store, Path(tmp) / "graph.html")
    ...     "Nguyễn Văn An" in (Path(tmp) / "graph.html").read_text(encoding="utf-8")
    True
    >>> info.shown_nodes
    1
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.shacl_article import rdflib_term
from kg.store import Store
from kg.viz import VizInfo, write_html
from kg.viz_classes import ENTITY_TYPES
from kg.viz_read import MAX_SOURCES

__all__ = ["FULL_GRAPH_TRIPLES", "page_graph", "rdflib_graph", "top_entities", "write_page"]

FULL_GRAPH_TRIPLES = 400_000
_KG = "https://w3id.org/kgvn/ontology#"
_EVIDENCE = _KG + "evidence"
_SENTENCE = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#sentence"
# What is read of a node the page mentions but does not draw in full: its class and names.
_LABELS = frozenset(
    (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "https://schema.org/name",
        "http://www.w3.org/2004/02/skos/core#altLabel",
        "http://purl.org/dc/terms/identifier",
        _KG + "documentType",
        _KG + "title",
        _KG + "sourceFile",
    )
)
_ARTICLE = frozenset(("http://purl.org/dc/terms/identifier", _KG + "sourceFile"))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_UNION = ox.DefaultGraph()
_ENTITY_TYPES = frozenset(str(t) for t in ENTITY_TYPES)
_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
# Links to where a statement was read: they do not make a claim about an entity.
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_LINKS = frozenset((_SENTENCE, _NIF + "referenceContext"))
_PROVENANCE = frozenset(
    (_EVIDENCE, "http://www.w3.org/ns/prov#wasDerivedFrom", _NIF + "referenceContext")
)
# What the page reads of an evidence span or sentence: where it is and its text.
_SPAN = frozenset((_SENTENCE, _NIF + "anchorOf", _NIF + "beginIndex", _NIF + "referenceContext"))
_PROVENANCE_TYPES = frozenset((_KG + "Evidence", _NIF + "Sentence"))


def rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    """An rdflib graph of pyoxigraph triples (terms as a Turtle parse would give them)."""
    graph = Graph()
    for t in triples:
        graph.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    return graph


def _about(store: Store, node: str, predicates: frozenset[str] | None = None) -> list[ox.Triple]:
    """The union's triples with ``node`` as subject (only ``predicates``, if given)."""
    found = store.inner.quads_for_pattern(ox.NamedNode(node), None, None, _UNION)
    return [q.triple for q in found if predicates is None or q.predicate.value in predicates]


def _objects(triples: Iterable[ox.Triple], predicate: str | None = None) -> set[str]:
    """IRIs the triples point to (through ``predicate``, if given)."""
    return {
        t.object.value
        for t in triples
        if isinstance(t.object, ox.NamedNode) and predicate in (None, t.predicate.value)
    }


def _name(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _subjects(triples: Iterable[ox.Triple]) -> set[str]:
    return {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}


def _types(store: Store, node: str) -> set[str]:
    """The classes of ``node``."""
    found = store.inner.quads_for_pattern(ox.NamedNode(node), _TYPE, None, _UNION)
    return {q.object.value for q in found if isinstance(q.object, ox.NamedNode)}


def top_entities(store: Store, count: int) -> list[str]:
    """The ``count`` entities (nodes of a drawn class) named in most articles, best first
    (ties by IRI).

    Counted in the store, class by class: the ``count``-th best number of articles (no
    IRI is read), then the nodes that reach it. Nodes named in one article only are
    never chosen (the long tail, a million persons at 100,000 articles). A node of
    several drawn classes (``org:Organization`` and ``schema:Organization``) keeps its
    best count; the class-by-class best include the overall best.
    """
    graphs: dict[str, int] = {}
    for cls in sorted(_ENTITY_TYPES):
        where = f"WHERE {{ GRAPH ?g {{ ?e a <{cls}> }} FILTER(isIRI(?e)) }} GROUP BY ?e"
        best = store.select(
            f"SELECT (COUNT(*) AS ?n) {where} ORDER BY DESC(?n) LIMIT {int(count)}"
        ).column("n")
        if not best:
            continue
        # nodes named in a single article are the long tail: never worth a place
        least = max(2, min(int(n or 0) for n in best))
        found = store.select(f"SELECT ?e (COUNT(*) AS ?n) {where} HAVING (COUNT(*) >= {least})")
        for node, n in found.rows:
            if node is not None:
                graphs[node] = max(graphs.get(node, 0), int(n or 0))
    return sorted(graphs, key=lambda e: (-graphs[e], e))[:count]


def page_graph(store: Store, *, max_nodes: int = 1500, sources: int = MAX_SOURCES) -> Graph:
    """What the page of a large store shows, selected from the store into a small graph.

    The ``max_nodes`` entities named in most articles; what is said of them; the claims
    (participations, posts, ranks, document uses...) that link only them; at most
    ``sources`` evidence spans per entity and per claim, with their sentences; and the
    classes and names of every node these mention.
    """
    chosen = top_entities(store, max_nodes)
    entity = set(chosen)
    triples: list[ox.Triple] = []
    evidence: list[ox.Triple] = []
    for node in chosen:
        for t in _about(store, node):
            (evidence if t.predicate.value == _EVIDENCE else triples).append(t)
    # claims: nodes of no drawn class that link to a chosen entity, and only to chosen ones
    candidates = {
        q.subject.value
        for node in chosen
        for q in store.inner.quads_for_pattern(None, None, ox.NamedNode(node), _UNION)
        if isinstance(q.subject, ox.NamedNode)
    } - entity
    drawn: dict[str, bool] = {}
    for claim in sorted(candidates):
        if _types(store, claim) & (_ENTITY_TYPES | _PROVENANCE_TYPES):
            continue  # an entity left out, or an evidence span or sentence
        said = _about(store, claim)
        links = _objects(t for t in said if t.predicate.value not in _PROVENANCE) - entity
        if any(drawn.setdefault(x, bool(_types(store, x) & _ENTITY_TYPES)) for x in links):
            continue  # it also links an entity left out
        for t in said:
            if t.predicate.value == _EVIDENCE:
                evidence.append(t)
            elif t.predicate.value != _DERIVED:  # a claim's article is in its evidence
                triples.append(t)
    kept: Counter[str] = Counter()
    for t in sorted(evidence, key=str):
        if kept[str(t.subject)] < sources:
            kept[str(t.subject)] += 1
            triples.append(t)
    said_of = _objects(triples)
    spans = [t for e in sorted(_objects(triples, _EVIDENCE)) for t in _about(store, e, _SPAN)]
    sentences = [t for s in sorted(_objects(spans, _SENTENCE)) for t in _about(store, s, _SPAN)]
    # a span with a sentence is shown by its sentence: its own text and offset are unused
    in_sentence = _subjects(t for t in spans if t.predicate.value == _SENTENCE)
    spans = [t for t in spans if _name(t.subject) not in in_sentence or t.predicate.value in _LINKS]
    triples += spans + sentences
    # what only provenance points to (the articles the spans are from) needs its name
    # and file, not its classes: it is not drawn
    origins = _objects(t for t in triples if t.predicate.value in _PROVENANCE) - said_of
    for node in sorted(_objects(triples) - entity - _subjects(spans + sentences)):
        triples += _about(store, node, _ARTICLE if node in origins else _LABELS)
    return rdflib_graph(sorted(set(triples), key=str))


def write_page(store: Store, target: Path, *, title: str = "kg", max_nodes: int = 1500) -> VizInfo:
    """Draw the store's graph into ``target`` (atomically, via :func:`kg.viz.write_html`).

    Args:
        store: The store (its default graph, the union of the articles, is drawn).
        target: The page to write.
        title: Page title.
        max_nodes: The page's cap on drawn nodes.
    """
    if store.triple_count() <= FULL_GRAPH_TRIPLES:
        graph = rdflib_graph(store.union())
    else:
        graph = page_graph(store, max_nodes=max_nodes)
    return write_html(graph, target, title=title, max_nodes=max_nodes)
