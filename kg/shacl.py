"""Validate a graph against the bundled SHACL shapes (``ontology/shapes.ttl``).

The shapes check every node kind of ``docs/rdf.md``: counts, datatypes, classes of the
linked nodes and the allowed role and relation values. Validation runs without
inference, so classes are checked as asserted. A dataset is validated as the union of
its graphs, which is what ``graph.ttl`` holds.

Example:
    >>> ttl = '''
    ... @prefix kg: <https://w3id.org/kgvn/ontology#> .
    ... <http://x/m> a kg:Meeting ; kg:kind "lễ", "hội nghị" .
    ... '''
    >>> result = validate(ttl)
    >>> result.conforms, result.violations
    (False, 3)
    >>> print(result.report.splitlines()[0])
    <http://x/m> kg:evidence: Less than 1 values on <http://x/m>->kg:evidence
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.vocab import PREFIXES, SH

__all__ = ["ValidationResult", "load_data", "ontology_graph", "shapes_graph", "validate"]

_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}
_QUAD_FORMATS = {"nquads", "trig", "json-ld"}


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of a validation.

    Attributes:
        conforms: True when no shape is violated.
        violations: Number of validation results (every one is a violation).
        report: One line per violation: focus node, path, message; sorted.
    """

    conforms: bool
    violations: int
    report: str


def _bundled(name: str) -> Graph:
    graph = Graph()
    source = resources.files("kg") / "ontology" / name
    graph.parse(data=source.read_text(encoding="utf-8"), format="turtle")
    return graph


def shapes_graph() -> Graph:
    """The bundled SHACL shapes, freshly parsed (callers may modify their copy)."""
    return _bundled("shapes.ttl")


def ontology_graph() -> Graph:
    """The bundled OWL ontology, freshly parsed."""
    return _bundled("kg.ttl")


def load_data(data: Graph | str | Path) -> Graph:
    """A graph or dataset from a graph, a file path or RDF text.

    A :class:`~pathlib.Path` is parsed by its suffix. A ``str`` naming an existing file is
    read as one; any other ``str`` is RDF text in TriG (so also Turtle and N-Triples) or
    N-Quads.

    Raises:
        ValueError: when the text parses in none of those syntaxes.
    """
    if isinstance(data, Graph):
        return data
    if isinstance(data, str) and "\n" not in data and len(data) < 4096 and Path(data).is_file():
        data = Path(data)
    if isinstance(data, Path):
        fmt = _FORMATS.get(data.suffix.lower(), "turtle")
        target: Graph = Dataset() if fmt in _QUAD_FORMATS else Graph()
        return target.parse(data, format=fmt)
    errors = []
    for fmt in ("trig", "nquads"):
        try:
            return Dataset().parse(data=data, format=fmt)
        except Exception as exc:  # rdflib raises several unrelated types on bad syntax
            errors.append(f"{fmt}: {exc}")
    raise ValueError("not RDF in TriG, Turtle or N-Quads: " + "; ".join(errors))


def validate(data: Graph | str | Path, *, shapes: Graph | None = None) -> ValidationResult:
    """Validate ``data`` against the bundled shapes (or ``shapes``), without inference.

    Args:
        data: An rdflib graph or dataset, a file path, or RDF text (see :func:`load_data`).
        shapes: Shapes to use instead of the bundled ones.
    """
    with warnings.catch_warnings():
        # rdflib's parsers and pyshacl call rdflib's deprecated Dataset.default_context
        warnings.simplefilter("ignore", DeprecationWarning)
        graph = load_data(data)
        conforms, results, _ = pyshacl.validate(
            graph,
            shacl_graph=shapes if shapes is not None else shapes_graph(),
            inference="none",
            advanced=False,
            allow_warnings=False,
        )
    assert isinstance(results, Graph)
    lines = sorted(_lines(results))
    return ValidationResult(bool(conforms), len(lines), "\n".join(lines))


def _lines(results: Graph) -> list[str]:
    names = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        names.bind(prefix, iri, override=True)

    def show(node: Node | None) -> str:
        if node is None:
            return "-"
        return " ".join(node.n3(names).split())  # literals may hold line breaks

    out = []
    for result in results.subjects(URIRef(SH.resultSeverity), None):
        focus = results.value(result, URIRef(SH.focusNode))
        path = results.value(result, URIRef(SH.resultPath))
        message = results.value(result, URIRef(SH.resultMessage))
        text = " ".join(str(message).split()) if message is not None else "violation"
        out.append(f"{show(focus)} {show(path)}: {text}")
    return out
