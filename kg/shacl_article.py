"""SHACL validation of one article graph, in plain Python (fast enough to run per article).

A build validates each article's graph where it is extracted (in the worker processes),
so validation is parallel and incremental: an unchanged article keeps its result. The
checks are the rules of :mod:`kg.shacl_rules` (the bundled shapes), evaluated over the
article's triples with pyshacl's semantics (no inference; ``rdfs:subClassOf`` read from
the data; an ill-typed literal fails ``sh:datatype``; incomparable values fail range
tests) and reported in :func:`kg.shacl.validate`'s format, line for line.

One article graph is checked on its own: a class a value must have must be asserted in
the same article, as the writer does for every node it links. What merging graphs can
break (``sh:maxCount``, ``sh:lessThanOrEquals`` on shared nodes) is checked on the union
by :mod:`kg.shacl_store`.

Example:
    >>> import pyoxigraph as ox
    >>> kg = "https://w3id.org/kgvn/ontology#"
    >>> m = ox.NamedNode("http://x/m")
    >>> rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> lines = article_violations([
    ...     ox.Triple(m, rdf_type, ox.NamedNode(kg + "Meeting")),
    ...     ox.Triple(m, ox.NamedNode(kg + "kind"), ox.Literal("lễ")),
    ...     ox.Triple(m, ox.NamedNode(kg + "kind"), ox.Literal("hội nghị"))])
    >>> len(lines)
    3
    >>> lines[0]
    '<http://x/m> kg:evidence: Less than 1 values on <http://x/m>->kg:evidence'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from pyshacl.rdfutil.stringify import stringify_node
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.shacl_rules import NodeRule, PropertyRule, bundled_rules, namespaces

__all__ = ["article_violations", "rdflib_term"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_X = str(XSD)
_TZ = r"(Z|[+-]\d{2}:\d{2})?"
_DATE = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})" + _TZ)
_LEXICAL = {
    _X + "integer": re.compile(r"[+-]?\d+"),
    _X + "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    _X + "double": re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN"),
    _X + "float": re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN"),
    _X + "boolean": re.compile(r"true|false|1|0"),
    _X + "dateTime": re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?" + _TZ),
    _X + "gYear": re.compile(r"-?\d{4,}" + _TZ),
    _X + "gMonthDay": re.compile(r"--\d{2}-\d{2}" + _TZ),
}
_NUMERIC = {_X + t for t in ("integer", "decimal", "double", "float", "int", "long")}
_ORDERED = {_X + t for t in ("string", "date", "dateTime")}  # compared by lexical form
_KINDS = {
    "IRI": (ox.NamedNode,),
    "BlankNode": (ox.BlankNode,),
    "Literal": (ox.Literal,),
    "BlankNodeOrIRI": (ox.BlankNode, ox.NamedNode),
    "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
    "IRIOrLiteral": (ox.NamedNode, ox.Literal),
}


def rdflib_term(term: Term) -> Node:
    """The rdflib term rdflib's Turtle parser gives for a pyoxigraph term.

    >>> rdflib_term(ox.Literal("a"))
    rdflib.term.Literal('a')
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _X + "string" else datatype)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise ValueError(f"RDF-star term {term} has no rdflib form")


def _well_typed(value: ox.Literal, datatype: str) -> bool:
    if value.datatype.value != datatype:
        return False
    if datatype == _X + "date":
        m = _DATE.fullmatch(value.value)
        try:
            return m is not None and bool(date(max(int(m[1]), 1), int(m[2]), int(m[3])))
        except ValueError:
            return False
    pattern = _LEXICAL.get(datatype)
    return pattern is None or pattern.fullmatch(value.value) is not None


def _number(term: Term) -> Decimal | None:
    if not isinstance(term, ox.Literal) or term.datatype.value not in _NUMERIC:
        return None
    try:
        return Decimal(term.value.replace("INF", "Infinity"))
    except InvalidOperation:
        return None


def _at_most(value: Term, bound: Term) -> bool:
    """``value <= bound`` for comparable literals; False when they do not compare."""
    a, b = _number(value), _number(bound)
    if a is not None and b is not None:
        return a <= b
    if isinstance(value, ox.Literal) and isinstance(bound, ox.Literal):
        same = value.datatype == bound.datatype and value.datatype.value in _ORDERED
        return same and not value.language and value.value <= bound.value
    return False


class _Article:
    """One article's triples, indexed by subject, with the classes of each node."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.values: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.types: dict[Term, set[str]] = defaultdict(set)
        supers: dict[str, set[str]] = defaultdict(set)
        for t in triples:
            p = t.predicate.value
            self.values[t.subject][p].append(t.object)
            if p == _TYPE and isinstance(t.object, ox.NamedNode):
                self.types[t.subject].add(t.object.value)
            elif p == _SUBCLASS and isinstance(t.object, ox.NamedNode):
                supers[getattr(t.subject, "value", "")].add(t.object.value)
        if supers:
            for classes in self.types.values():
                todo = list(classes)
                while todo:
                    for parent in supers.get(todo.pop(), ()):
                        if parent not in classes:
                            classes.add(parent)
                            todo.append(parent)

    def has_class(self, node: Term, cls: str) -> bool:
        return cls in self.types.get(node, ())


def _bad_values(
    rule: PropertyRule, art: _Article, values: list[Term]
) -> Iterable[tuple[str, Term]]:
    """(constraint, value) for each failed value test, in pyshacl's order of components."""
    for v in values:
        if rule.datatype and not (isinstance(v, ox.Literal) and _well_typed(v, rule.datatype)):
            yield "datatype", v
        if rule.class_ and not (
            isinstance(v, ox.NamedNode | ox.BlankNode) and art.has_class(v, rule.class_)
        ):
            yield "class", v
        if rule.node_kind and not isinstance(v, _KINDS[rule.node_kind]):
            yield "nodeKind", v
        if rule.in_ is not None and str(v) not in rule.in_:
            yield "in", v
        if rule.min_length is not None and (
            isinstance(v, ox.BlankNode) or len(getattr(v, "value", "")) < rule.min_length
        ):
            yield "minLength", v
        n = _number(v)
        if rule.min_inclusive is not None and (n is None or n < rule.min_inclusive):
            yield "minInclusive", v
        if rule.max_inclusive is not None and (n is None or n > rule.max_inclusive):
            yield "maxInclusive", v
        if rule.or_datatypes is not None and not (
            isinstance(v, ox.Literal) and any(_well_typed(v, d) for d in rule.or_datatypes)
        ):
            yield "or", v


def _check(rule: NodeRule, art: _Article, focus: Term) -> Iterable[tuple[str, str, Term | None]]:
    """(path shown, message template, value) of each violation at one focus node."""
    if rule.node_kind and not isinstance(focus, _KINDS[rule.node_kind]):
        yield "-", rule.node_kind_message, None
    mine = art.values.get(focus, {})
    for prop in rule.properties:
        values = mine.get(prop.path, [])
        if prop.min_count is not None and len(values) < prop.min_count:
            yield prop.shown, prop.message("minCount"), None
        if prop.max_count is not None and len(values) > prop.max_count:
            yield prop.shown, prop.message("maxCount"), None
        for name, value in _bad_values(prop, art, values):
            yield prop.shown, prop.message(name), value
        if prop.less_or_equal is not None:
            for v in values:
                for o in mine.get(prop.less_or_equal, []):
                    if not _at_most(v, o):
                        yield prop.shown, prop.message("lessThanOrEquals"), v


def line(focus: Term, path: str, message: str, value: Term | None) -> str:
    """One report line in :mod:`kg.shacl`'s format: focus, path, message."""
    names = namespaces()
    data = Graph(namespace_manager=names)
    f = rdflib_term(focus)
    text = message.format(
        f=stringify_node(data, f, ns_manager=names),
        v=stringify_node(data, rdflib_term(value), ns_manager=names) if value is not None else "",
    )
    where = " ".join(f.n3(names).split())
    return f"{where} {path}: {' '.join(text.split())}"


def article_violations(
    triples: Iterable[ox.Triple], rules: tuple[NodeRule, ...] | None = None
) -> list[str]:
    """Validate one article's triples; one sorted line per violation (none: conforms).

    Args:
        triples: Every triple of the article graph.
        rules: Rules to check (default: the bundled shapes).

    Raises:
        Unsupported: The bundled shapes use a feature only pyshacl evaluates.
    """
    rules = bundled_rules() if rules is None else rules
    art = _Article(triples)
    lines = []
    for rule in rules:
        for focus in [s for s in art.types if art.has_class(s, rule.target)]:
            for path, message, value in _check(rule, art, focus):
                lines.append(line(focus, path, message, value))
    return sorted(lines)
