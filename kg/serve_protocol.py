"""The SPARQL 1.1 Protocol without the HTTP: what a request asks, in which format to
answer, and the checks that keep the endpoint read-only and offline.

:func:`read_request` turns a method, content type, URL query string and body into a
:class:`Request` (or raises :class:`ProtocolError` carrying the HTTP status and a
one-line message); :func:`negotiate` picks a media type from an ``Accept`` header;
:func:`mentions_keyword` finds a keyword such as ``SERVICE`` in a query's text, for the
queries that do not parse (:mod:`kg.serve_query` checks the others on their parse tree).

Example:
    >>> r = read_request("GET", None, "query=ASK%20%7B%7D&default-graph-uri=urn:g", b"")
    >>> r.query, r.default_graphs, r.named_graphs
    ('ASK {}', ('urn:g',), ())
    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SELECT_TYPES)
    'application/sparql-results+xml'
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_BODY = 1 << 20  # a query of a megabyte is no query

# Media types each kind of result can be written as; the first is the default.
SELECT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# ``format=`` in the URL overrides Accept (a browser link cannot set a header): the media
# type for (SELECT/ASK, CONSTRUCT/DESCRIBE). Other values are ignored, since clients such
# as SPARQLWrapper send their own names (``format=n3``) along with an Accept header.
_JSON = ("application/sparql-results+json", "application/ld+json")
_XML = ("application/sparql-results+xml", "application/rdf+xml")
_TTL = ("application/sparql-results+json", "text/turtle")
_NT = ("application/sparql-results+json", "application/n-triples")
SHORT_NAMES: dict[str, tuple[str, str]] = {
    "json": _JSON,
    "json-ld": _JSON,
    "xml": _XML,
    "rdf+xml": _XML,
    "csv": ("text/csv", "text/turtle"),
    "tsv": ("text/tab-separated-values", "text/turtle"),
    "ttl": _TTL,
    "turtle": _TTL,
    "nt": _NT,
    "ntriples": _NT,
}

_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.S,
)


class ProtocolError(Exception):
    """A request the endpoint refuses: an HTTP status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Request:
    """A SPARQL query request.

    Attributes:
        query: The query text.
        default_graphs: ``default-graph-uri`` values (the union of the articles if none).
        named_graphs: ``named-graph-uri`` values (every article graph if none).
        format: The first known ``format=`` name (see :data:`SHORT_NAMES`), if any.
    """

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


def read_request(method: str, content_type: str | None, url_query: str, body: bytes) -> Request:
    """The query a GET or POST to the endpoint carries.

    Args:
        method: ``GET`` or ``POST``.
        content_type: The request's Content-Type (POST), parameters allowed.
        url_query: The part of the URL after ``?``.
        body: The request body (POST).

    Raises:
        ProtocolError: 403 for SPARQL Update, 415 for an unknown body type, 400 for a
            missing, repeated or undecodable query or parameter.

    >>> try:
    ...     read_request("POST", "application/sparql-update", "", b"DROP ALL")
    ... except ProtocolError as refused:
    ...     print(refused.status, refused.message)
    403 read-only endpoint: SPARQL Update is refused
    """
    params = _parse(url_query)
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if method == "POST":
        if media == UPDATE_TYPE:
            raise _read_only()
        if media == QUERY_TYPE:
            if "query" in params:
                raise ProtocolError(400, "give the query in the body or the URL, not both")
            params["query"] = [_decode(body)]
        elif media == FORM_TYPE:
            for key, values in _parse(_decode(body)).items():
                params.setdefault(key, []).extend(values)
        else:
            raise ProtocolError(
                415, f"POST a query as {QUERY_TYPE} or {FORM_TYPE}, not {media or 'no type'}"
            )
    if "update" in params:
        raise _read_only()
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise ProtocolError(400, "give exactly one SPARQL query (query=...)")
    known = [f.lower() for f in params.get("format", []) if f.lower() in SHORT_NAMES]
    return Request(
        query=queries[0],
        default_graphs=tuple(params.get("default-graph-uri", ())),
        named_graphs=tuple(params.get("named-graph-uri", ())),
        format=known[0] if known else None,
    )


def negotiate(accept: str | None, offered: Mapping[str, object] | Sequence[str]) -> str | None:
    """The offered media type the client prefers; the first offered one for ``*/*`` or no
    header; None when it accepts none of them.

    >>> negotiate(None, ["text/turtle", "application/n-triples"])
    'text/turtle'
    >>> negotiate("application/n-triples, text/turtle;q=0.9", ["text/turtle",
    ...           "application/n-triples"])
    'application/n-triples'
    >>> negotiate("text/*;q=0.2, image/png", ["application/json", "text/csv"])
    'text/csv'
    >>> negotiate("image/png", ["text/csv"]) is None
    True
    """
    types = list(offered)
    if not accept or not accept.strip():
        return types[0] if types else None
    best: tuple[float, int, str] | None = None
    for rank, candidate in enumerate(types):
        quality = _quality(accept, candidate)
        if quality > 0 and (best is None or (quality, -rank) > (best[0], best[1])):
            best = (quality, -rank, candidate)
    return best[2] if best else None


def mentions_keyword(query: str, keyword: str) -> bool:
    """Whether a query holds ``keyword`` (any case) outside strings, IRIs and comments, as
    a word of its own: not part of a variable, prefixed name or longer word.

    >>> mentions_keyword("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", "SERVICE")
    True
    >>> mentions_keyword('SELECT ?service { ?service <urn:p> "SERVICE" } # SERVICE', "service")
    False
    >>> mentions_keyword("SELECT*from<urn:g>{}", "FROM")
    True
    >>> mentions_keyword("ASK { ?from a from:x }", "FROM")
    False
    """
    word = re.compile(rf"(?<![\w?$:.-]){re.escape(keyword)}(?![\w:-])", re.I)
    return bool(word.search(_SKIP.sub(" ", query)))


def one_line(text: str, limit: int = 300) -> str:
    """A message on one line, cut at ``limit`` characters.

    >>> one_line("error at 1:7:\\n  expected WHERE")
    'error at 1:7: expected WHERE'
    """
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _quality(accept: str, candidate: str) -> float:
    """The q-value ``accept`` gives ``candidate``; the most specific range wins."""
    kind = candidate.split("/", 1)[0]
    found: tuple[int, float] | None = None
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        specificity = 2 if media == candidate else 1 if media == f"{kind}/*" else 0
        if media not in (candidate, f"{kind}/*", "*/*"):
            continue
        quality = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        if found is None or specificity > found[0]:
            found = (specificity, quality)
    return found[1] if found else 0.0


def _parse(text: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(
            text, keep_blank_values=True, strict_parsing=False, errors="strict"
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(400, f"cannot read the parameters: {one_line(str(exc))}") from exc


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, "the request body is not UTF-8") from exc


def _read_only() -> ProtocolError:
    return ProtocolError(403, "read-only endpoint: SPARQL Update is refused")
