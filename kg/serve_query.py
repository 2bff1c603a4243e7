"""Answering one SPARQL request from a store, as a ``kg serve`` worker process does.

:func:`answer` refuses what the endpoint never runs, then runs the query and writes the
result within the row and byte limits. The query is parsed with rdflib's SPARQL parser
(:func:`inspect`) to find SPARQL Update sent as a query, ``SERVICE`` clauses anywhere
(sub-queries, ``EXISTS``) and every ``FROM`` / ``FROM NAMED`` graph, its prefixed name or
relative IRI resolved; only the store's own named graphs (the article graphs) may be
named, in the query or by ``default-graph-uri`` / ``named-graph-uri``. A text rdflib
cannot parse is refused if it holds ``service`` or ``from`` at all, in any case (else
pyoxigraph says what is wrong with it); a parsed one is also refused if a lexer of its
text finds a ``SERVICE`` or ``FROM`` keyword the parse tree lacks. This matters:
pyoxigraph does call a ``SERVICE`` endpoint over HTTP (it only reads ``FROM`` graphs
from the store). The caller has capped the query's size and nesting already
(:mod:`kg.serve_guard`): the parsers recurse.

Example:
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> answer(store, Request("ASK {}"), None, Limits())
    ('application/sparql-results+json', b'{"head":{},"boolean":true}')
    >>> try:
    ...     answer(store, Request("SELECT * FROM <file:///etc/passwd> {}"), None, Limits())
    ... except ProtocolError as refused:
    ...     print(refused.status, refused.message)
    400 FROM <file:///etc/passwd> is refused: only the store's own graphs can be named
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseResults

from kg.serve_guard import Limits
from kg.serve_protocol import (
    GRAPH_TYPES,
    SELECT_TYPES,
    SHORT_NAMES,
    ProtocolError,
    Request,
    mentions_keyword,
    negotiate,
    one_line,
)

_READ_ONLY = "read-only endpoint: SPARQL Update is refused"
_SERVICE = "SERVICE is refused: this endpoint answers from its store only"
_TSV = ox.QueryResultsFormat.TSV


@dataclass(frozen=True)
class Inspection:
    """What rdflib's parser found in a query.

    Attributes:
        error: Why rdflib cannot parse it ("" when it can; then the rest is meaningful).
        service: The query holds a ``SERVICE`` clause.
        default_graphs: IRIs of its ``FROM`` clauses.
        named_graphs: IRIs of its ``FROM NAMED`` clauses.
    """

    error: str
    service: bool = False
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def inspect(query: str) -> Inspection:
    """The SERVICE and dataset clauses of a query, or why rdflib cannot parse it.

    >>> inspect("PREFIX g: <urn:g:> SELECT * FROM g:1 FROM NAMED <urn:n> {}")
    Inspection(error='', service=False, default_graphs=('urn:g:1',), named_graphs=('urn:n',))
    >>> inspect("ASK { FILTER EXISTS { SERVICE <http://x/> {} } }").service
    True
    >>> inspect("DROP ALL").error.startswith("Expected {SelectQuery")
    True
    """
    from rdflib.plugins.sparql.algebra import translatePName, translatePrologue, traverse
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(query)
        prologue = translatePrologue(parsed[0], None)
        tree = traverse(parsed[1], visitPost=functools.partial(translatePName, prologue=prologue))
    except Exception as exc:  # pyparsing's errors, RecursionError, an unknown prefix
        return Inspection(one_line(str(exc)) or type(exc).__name__)
    service = False
    graphs: dict[str, list[str]] = {"default": [], "named": []}
    for node in _walk(tree):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            service = True
        elif name == "DatasetClause":
            for key, found in graphs.items():
                if key in node:
                    found.append(str(node[key]))
    return Inspection("", service, tuple(graphs["default"]), tuple(graphs["named"]))


def is_update(text: str) -> bool:
    """Whether rdflib parses ``text`` as SPARQL Update.

    >>> is_update("LOAD <file:///etc/passwd>"), is_update("ASK {}")
    (True, False)
    """
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def check(store: ox.Store, request: Request) -> None:
    """Refuse a request that updates, federates or names a graph the store lacks.

    Raises:
        ProtocolError: 403 for an update sent as a query; 400 for SERVICE, a FROM /
            FROM NAMED / graph parameter naming anything but one of the store's named
            graphs, or a graph parameter that is not an IRI.
    """
    found = inspect(request.query)
    text = request.query
    if found.error:
        if is_update(text):
            raise ProtocolError(403, _READ_ONLY)
        # Unparsed, the text is not lexed either (a lexer unlike pyoxigraph's could be
        # fooled into skipping a keyword): any "service" or "from" in it is refused.
        folded = text.casefold()
        if "service" in folded or "from" in folded:
            raise ProtocolError(
                400, f"SERVICE and FROM cannot be checked in this query: {found.error}"
            )
        return  # pyoxigraph will say what is wrong with it
    # Parsed: the parse tree and a lexer of the text must agree there is no SERVICE, and
    # no FROM beyond the clauses the tree holds.
    if mentions_keyword(text, "SERVICE"):
        raise ProtocolError(400, _SERVICE)
    if mentions_keyword(text, "FROM") and not (found.default_graphs or found.named_graphs):
        raise ProtocolError(400, "FROM is refused: this query's FROM clauses cannot be checked")
    if found.service:
        raise ProtocolError(400, _SERVICE)
    for clause, iris in (("FROM", found.default_graphs), ("FROM NAMED", found.named_graphs)):
        for iri in iris:
            if not _has_graph(store, iri):
                raise ProtocolError(
                    400,
                    f"{clause} <{one_line(iri, 200)}> is refused: "
                    "only the store's own graphs can be named",
                )
    for iri in (*request.default_graphs, *request.named_graphs):
        if not _has_graph(store, iri):
            raise ProtocolError(400, f"<{one_line(iri, 200)}> is not a graph of this store")


def answer(
    store: ox.Store, request: Request, accept: str | None, limits: Limits
) -> tuple[str, bytes]:
    """Check, run and serialize a query: the media type and the body.

    Raises:
        ProtocolError: What :func:`check` refuses; 400 for a malformed query; 406 when
            ``accept`` allows no format the result can be written in; 422 for a result
            over :attr:`Limits.max_rows` or :attr:`Limits.max_result_bytes`; 500 when the
            query fails while running.
    """
    default, named = _graph_nodes(request)
    check(store, request)
    try:
        result = store.query(request.query, default_graph=default, named_graphs=named)
    except SyntaxError as exc:
        raise ProtocolError(400, f"malformed query: {one_line(str(exc))}") from exc
    graph = isinstance(result, ox.QueryTriples)
    offered: dict[str, Any] = dict(GRAPH_TYPES if graph else SELECT_TYPES)
    media = SHORT_NAMES[request.format][graph] if request.format else negotiate(accept, offered)
    if media is None:
        raise ProtocolError(
            406, f"cannot answer in {one_line(accept or '')}; try: " + ", ".join(offered)
        )
    out = _Capped(limits.max_result_bytes)
    try:
        if isinstance(result, ox.QueryTriples):
            ox.serialize(_capped_rows(result, limits.max_rows), out, offered[media])
        elif isinstance(result, ox.QuerySolutions):
            _capped_solutions(result, limits.max_rows).serialize(out, offered[media])
        else:
            result.serialize(out, offered[media])
    except (OSError, RuntimeError, ValueError) as exc:
        if out.over:
            raise ProtocolError(
                422, f"the answer is over {limits.max_result_bytes} bytes; narrow the query"
            ) from exc
        raise ProtocolError(500, f"the query failed: {one_line(str(exc))}") from exc
    return media, out.getvalue()


class _Capped(io.BytesIO):
    """A memory buffer that fails once more than ``limit`` bytes are written to it."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.over = False

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.limit:
            self.over = True
            raise OSError("the answer is too large")
        return super().write(data)


def _capped_rows(rows: Iterator[ox.Triple], limit: int) -> list[ox.Triple]:
    kept: list[ox.Triple] = []
    for row in rows:
        if len(kept) == limit:
            raise _too_many(limit)
        kept.append(row)
    return kept


def _capped_solutions(result: ox.QuerySolutions, limit: int) -> ox.QuerySolutions:
    """The solutions again, once counted: written as TSV (RDF terms in N-Triples syntax)
    and read back, so pyoxigraph's own writers serialize them."""
    variables = result.variables
    lines = ["\t".join(f"?{v.value}" for v in variables)]
    for count, solution in enumerate(result):
        if count == limit:
            raise _too_many(limit)
        lines.append("\t".join(_term(solution[v]) for v in variables))
    text = "\n".join(lines) + "\n"
    again = ox.parse_query_results(text.encode("utf-8"), _TSV)
    assert isinstance(again, ox.QuerySolutions)
    return again


def _term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_term(term.subject)} {_term(term.predicate)} {_term(term.object)} )>>"
    return str(term)


def _too_many(limit: int) -> ProtocolError:
    return ProtocolError(422, f"the answer is over {limit} rows; add a LIMIT or narrow the query")


def _graph_nodes(
    request: Request,
) -> tuple[list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None, list[Any] | None]:
    try:
        default = [ox.NamedNode(iri) for iri in request.default_graphs]
        named = [ox.NamedNode(iri) for iri in request.named_graphs]
    except ValueError as exc:
        raise ProtocolError(400, f"not an IRI: {one_line(str(exc))}") from exc
    return list(default) or None, list(named) or None


def _has_graph(store: ox.Store, iri: str) -> bool:
    try:
        return bool(store.contains_named_graph(ox.NamedNode(iri)))
    except ValueError:
        return False


def _walk(tree: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree, depth first, without recursion."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)
