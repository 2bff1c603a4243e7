"""SHACL validation of a whole store, at any size, without loading it into rdflib.

:func:`kg.shacl.validate` (pyshacl) reads the data into rdflib, which at 20,000
articles takes minutes and gigabytes. A store is validated here in two parts:

1. each article graph on its own (:func:`kg.shacl_article.article_violations`; a build
   does this in its worker processes and keeps the result per article), and
2. what merging the graphs can break, on the union: ``sh:maxCount`` and
   ``sh:lessThanOrEquals`` at the nodes that several articles share (every node whose
   IRI is not under an article's IRI: persons, bodies, places, posts, documents...),
   one SPARQL query per constraint (:func:`union_violations`).

Every other constraint holds in the union when it holds in each graph (minimum counts
and classes can only gain values; value tests are per value), so the report is the
union's, except that each graph must conform on its own: a linked node's class must be
asserted where it is linked, as the writer always does. Lines are de-duplicated (a
shared node's problem shows once). When the shapes use a feature the rules do not
cover, pyshacl validates the whole union instead: slower, never skipped.

Example:
    >>> import pyoxigraph as ox
    >>> from kg.store import Store
    >>> kg, g = "https://w3id.org/kgvn/ontology#", "http://x/article/a1"
    >>> post = ox.NamedNode("http://x/post/p")
    >>> a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> def post_in(article, body):
    ...     return [ox.Quad(post, a, ox.NamedNode("http://www.w3.org/ns/org#Post"),
    ...                     ox.NamedNode(article)),
    ...             ox.Quad(post, ox.NamedNode("http://www.w3.org/ns/org#postIn"),
    ...                     ox.NamedNode(body), ox.NamedNode(article))]
    >>> store = Store.in_memory()
    >>> store.replace_article(g, post_in(g, "http://x/org/a"))
    >>> store.replace_article("http://x/article/a2", post_in("http://x/article/a2",
    ...                                                     "http://x/org/b"))
    >>> union_violations(store, base="http://x/")
    ['<http://x/post/p> org:postIn: More than 1 values on <http://x/post/p>->org:postIn']
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.shacl import ValidationResult, validate
from kg.shacl_article import article_violations, line, rdflib_term
from kg.shacl_rules import NodeRule, Unsupported, bundled_rules
from kg.store import Store
from kg.vocab import DEFAULT_BASE

__all__ = ["merge_report", "union_violations", "validate_store"]


def _local(base: str) -> str:
    """SPARQL test: ``?f`` is not minted under an article (it may be shared)."""
    article = ox.Literal(base.rstrip("/") + "/article/")
    return f"!STRSTARTS(STR(?f), {article})"


def union_violations(
    store: Store, *, base: str = DEFAULT_BASE, rules: tuple[NodeRule, ...] | None = None
) -> list[str]:
    """Violations that only the merged graph can have, at nodes articles share.

    Args:
        store: The store (its default graph, the union, is read).
        base: The base IRI the graph was built with (article nodes are under it).
        rules: Rules to check (default: the bundled shapes).

    Returns:
        Sorted report lines.
    """
    rules = bundled_rules() if rules is None else rules
    shared = _local(base)
    lines: list[str] = []
    for rule in rules:
        focus = f"?f a <{rule.target}> . FILTER({shared})"
        if not store.query(f"ASK {{ {focus} }}"):
            continue
        for prop in rule.properties:
            p = f"<{prop.path}>"
            if prop.max_count is not None:
                query = (
                    f"SELECT ?f WHERE {{ {focus} ?f {p} ?v }} GROUP BY ?f "
                    f"HAVING (COUNT(DISTINCT ?v) > {prop.max_count})"
                )
                lines.extend(
                    line(row["f"], prop.shown, prop.message("maxCount"), None)
                    for row in _solutions(store, query)
                )
            if prop.less_or_equal is not None:
                query = (
                    f"SELECT ?f ?v WHERE {{ {focus} ?f {p} ?v . ?f <{prop.less_or_equal}> ?o . "
                    "FILTER(!COALESCE(?v <= ?o, false)) }"
                )
                lines.extend(
                    line(row["f"], prop.shown, prop.message("lessThanOrEquals"), row["v"])
                    for row in _solutions(store, query)
                )
    return sorted(lines)


def _solutions(store: Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return result


def merge_report(per_article: list[str], union: list[str]) -> ValidationResult:
    """One result from the lines of every article graph and those of the union.

    >>> merge_report(["b: x", "a: y", "b: x"], ["c: z"]).report.splitlines()
    ['a: y', 'b: x', 'c: z']
    """
    lines = sorted(set(per_article) | set(union))
    return ValidationResult(not lines, len(lines), "\n".join(lines))


def validate_store(store: Store, *, base: str = DEFAULT_BASE) -> ValidationResult:
    """Validate every article graph of the store, and the union, against the shapes.

    Reads each article graph from the store (a build has these results already, from
    its workers, and only runs :func:`union_violations`). Falls back to pyshacl over the
    whole union when the shapes use a feature the rules do not cover.
    """
    try:
        rules = bundled_rules()
    except Unsupported:
        data = Graph()
        for t in store.union():
            data.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
        return validate(data)
    lines: list[str] = []
    for iri in store.articles():
        lines.extend(article_violations((q.triple for q in store.quads(iri)), rules))
    return merge_report(lines, union_violations(store, base=base, rules=rules))
