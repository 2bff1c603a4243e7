"""The SHACL shapes as plain rules, for validators that do not go through pyshacl.

The bundled shapes use SHACL Core's simple components only: a target class, an optional
``sh:nodeKind`` on the focus node, and property shapes whose path is one IRI, with
``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:nodeKind``,
``sh:in``, ``sh:minLength``, ``sh:minInclusive`` / ``sh:maxInclusive`` (numbers),
``sh:lessThanOrEquals`` and ``sh:or`` of datatypes. :func:`compile_rules` reads them
into :class:`NodeRule` / :class:`PropertyRule` values, with pyshacl's message for each
constraint, so that :mod:`kg.shacl_article` (one article graph, in Python) and
:mod:`kg.shacl_store` (the union, in SPARQL) report exactly what pyshacl would. Any
other feature raises :class:`Unsupported`: the callers then fall back to pyshacl.

Example:
    >>> rules = bundled_rules()
    >>> meeting = next(r for r in rules if r.target.endswith("#Meeting"))
    >>> kind = next(p for p in meeting.properties if p.path.endswith("#kind"))
    >>> kind.min_count, kind.max_count, kind.datatype
    (1, 1, 'http://www.w3.org/2001/XMLSchema#string')
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from pyshacl.rdfutil.stringify import stringify_node
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.shacl import shapes_graph
from kg.vocab import PREFIXES

__all__ = [
    "NODE_KINDS",
    "NodeRule",
    "PropertyRule",
    "Unsupported",
    "bundled_rules",
    "compile_rules",
    "namespaces",
    "shapes_key",
]

SH = "http://www.w3.org/ns/shacl#"
NODE_KINDS = frozenset(
    ("IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral")
)
_IGNORED = {SH + p for p in ("name", "description", "order", "group")}
_NODE_PARAMS = {SH + p for p in ("targetClass", "property", "nodeKind")} | {str(RDF.type)}
_PROPERTY_PARAMS = {
    SH + p
    for p in (
        *("path", "minCount", "maxCount", "datatype", "class", "nodeKind", "in"),
        *("minLength", "minInclusive", "maxInclusive", "lessThanOrEquals", "or"),
    )
}


class Unsupported(ValueError):
    """The shapes use a SHACL feature that only pyshacl evaluates."""


@dataclass(frozen=True)
class PropertyRule:
    """One property shape. Terms are IRI strings; ``in_`` holds N-Triples forms.

    ``messages`` maps each constraint name (``minCount``, ``datatype``, ...) to pyshacl's
    message, with ``{f}`` (the focus node) and ``{v}`` (the value) to fill in.
    """

    path: str
    shown: str
    min_count: int | None = None
    max_count: int | None = None
    datatype: str | None = None
    class_: str | None = None
    node_kind: str | None = None
    in_: tuple[str, ...] | None = None
    min_length: int | None = None
    min_inclusive: Decimal | None = None
    max_inclusive: Decimal | None = None
    less_or_equal: str | None = None
    or_datatypes: tuple[str, ...] | None = None
    messages: tuple[tuple[str, str], ...] = ()

    def message(self, name: str) -> str:
        """The message template of one constraint."""
        return dict(self.messages)[name]


@dataclass(frozen=True)
class NodeRule:
    """A node shape: its target class, focus node kind, and property shapes."""

    target: str
    node_kind: str | None
    node_kind_message: str
    properties: tuple[PropertyRule, ...]


def namespaces() -> NamespaceManager:
    """The prefixes a report shows terms with (those of ``graph.ttl``, plus ``sh``)."""
    names = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, iri in {**PREFIXES, "sh": SH}.items():
        names.bind(prefix, iri, override=True)
    return names


def _one(shapes: Graph, node: Node, param: str) -> Node | None:
    values = list(shapes.objects(node, URIRef(SH + param)))
    if len(values) > 1:
        raise Unsupported(f"{node} has several sh:{param}")
    return values[0] if values else None


def _iri(term: Node | None, what: str) -> str | None:
    if term is None:
        return None
    if not isinstance(term, URIRef):
        raise Unsupported(f"{what} {term!r} is not an IRI")
    return str(term)


def _number(term: Node | None, what: str) -> Decimal | None:
    if term is None:
        return None
    value = term.toPython() if isinstance(term, Literal) else None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise Unsupported(f"{what} {term!r} is not a number")
    return Decimal(str(value))


def _kind(term: Node | None) -> str | None:
    kind = _iri(term, "sh:nodeKind")
    if kind is not None and kind.removeprefix(SH) not in NODE_KINDS:
        raise Unsupported(f"sh:nodeKind {kind}")
    return kind.removeprefix(SH) if kind else None


def _n3(term: Node) -> str:
    if isinstance(term, URIRef | Literal):
        return term.n3()
    raise Unsupported(f"sh:in member {term!r}")


def _property(shapes: Graph, prop: Node, names: NamespaceManager) -> PropertyRule:
    for param in {str(p) for p in shapes.predicates(prop, None)} - _PROPERTY_PARAMS - _IGNORED:
        raise Unsupported(f"property shape uses {param}")
    path = _one(shapes, prop, "path")
    if not isinstance(path, URIRef):
        raise Unsupported(f"property path {path!r} (only IRIs are read)")

    def s(term: Node) -> str:
        return stringify_node(shapes, term, ns_manager=names)

    shown = "{f}->" + s(path)
    messages: dict[str, str] = {}
    low, high = _one(shapes, prop, "minCount"), _one(shapes, prop, "maxCount")
    if low is not None:
        messages["minCount"] = f"Less than {low} values on {shown}"
    if high is not None:
        messages["maxCount"] = f"More than {high} values on {shown}"
    if (dt := _one(shapes, prop, "datatype")) is not None:
        messages["datatype"] = f"Value is not Literal with datatype {s(dt)}"
    if (cls := _one(shapes, prop, "class")) is not None:
        messages["class"] = f"Value does not have class {s(cls)}"
    if (kind := _one(shapes, prop, "nodeKind")) is not None:
        messages["nodeKind"] = f"Value is not of Node Kind {s(kind)}"
    members = _one(shapes, prop, "in")
    listed = list(Collection(shapes, members)) if members is not None else None
    if listed is not None:
        messages["in"] = f"Value {{v}} not in list {[s(i) for i in listed]}"
    if (length := _one(shapes, prop, "minLength")) is not None:
        messages["minLength"] = f"String length not >= {s(length)}"
    if (lo := _one(shapes, prop, "minInclusive")) is not None:
        messages["minInclusive"] = f"Value is not >= {s(lo)}"
    if (hi := _one(shapes, prop, "maxInclusive")) is not None:
        messages["maxInclusive"] = f"Value is not <= {s(hi)}"
    if (other := _one(shapes, prop, "lessThanOrEquals")) is not None:
        messages["lessThanOrEquals"] = "Value of {f}->" + s(other) + " < {v}"
    or_datatypes = None
    if (alternatives := _one(shapes, prop, "or")) is not None:
        shapes_ = list(Collection(shapes, alternatives))
        or_datatypes = []
        for alt in shapes_:
            params = {str(p) for p in shapes.predicates(alt, None)}
            if params != {SH + "datatype"}:
                raise Unsupported("sh:or of anything but sh:datatype shapes")
            or_datatypes.append(str(_iri(_one(shapes, alt, "datatype"), "sh:datatype")))
        described = " , ".join(s(alt) for alt in shapes_)
        messages["or"] = f"Node {{v}} must conform to one or more shapes in {described}"
    return PropertyRule(
        path=str(path),
        shown=s(path),
        min_count=int(low) if isinstance(low, Literal) else None,
        max_count=int(high) if isinstance(high, Literal) else None,
        datatype=_iri(dt, "sh:datatype"),
        class_=_iri(cls, "sh:class"),
        node_kind=_kind(kind),
        in_=tuple(_n3(i) for i in listed) if listed is not None else None,
        min_length=int(length) if isinstance(length, Literal) else None,
        min_inclusive=_number(lo, "sh:minInclusive"),
        max_inclusive=_number(hi, "sh:maxInclusive"),
        less_or_equal=_iri(other, "sh:lessThanOrEquals"),
        or_datatypes=tuple(or_datatypes) if or_datatypes is not None else None,
        messages=tuple(sorted(messages.items())),
    )


def compile_rules(shapes: Graph) -> tuple[NodeRule, ...]:
    """The node shapes of ``shapes`` as rules, sorted by target class.

    Raises:
        Unsupported: A shape uses a target, path or component not read here.
    """
    names = namespaces()
    rules = []
    targets = URIRef(SH + "targetClass")
    for shape in sorted(set(shapes.subjects(None, None)), key=str):
        params = {str(p) for p in shapes.predicates(shape, None)}
        if not params & {
            SH + "targetClass",
            SH + "targetNode",
            SH + "targetSubjectsOf",
            SH + "targetObjectsOf",
        }:
            continue
        for param in params - _NODE_PARAMS - _IGNORED:
            raise Unsupported(f"{shape} uses {param}")
        kind_term = _one(shapes, shape, "nodeKind")
        kind_message = (
            f"Value is not of Node Kind {stringify_node(shapes, kind_term, names)}"
            if kind_term is not None
            else ""
        )
        props = [
            _property(shapes, p, names) for p in shapes.objects(shape, URIRef(SH + "property"))
        ]
        props.sort(key=lambda r: (r.path, r.messages))
        for target in sorted(shapes.objects(shape, targets), key=str):
            rules.append(
                NodeRule(
                    str(_iri(target, "sh:targetClass")),
                    _kind(kind_term),
                    kind_message,
                    tuple(props),
                )
            )
    return tuple(sorted(rules, key=lambda r: r.target))


@cache
def bundled_rules() -> tuple[NodeRule, ...]:
    """Rules of the bundled ``ontology/shapes.ttl`` (read once per process)."""
    return compile_rules(shapes_graph())


@cache
def shapes_key() -> str:
    """SHA-256 of the bundled shapes file: recorded with per-article results.

    >>> len(shapes_key())
    64
    """
    text = (resources.files("kg") / "ontology" / "shapes.ttl").read_bytes()
    return hashlib.sha256(text).hexdigest()
