"""The checks ``kg serve`` makes before a query is parsed or run: its limits, the caps on
a query's size and nesting, and the Host and Origin headers a request may carry.

Nothing here parses SPARQL: a query over :attr:`Limits.max_query_bytes` or nested deeper
than :attr:`Limits.max_depth` is refused on its raw text, because the parsers behind the
endpoint recurse (pyoxigraph 0.5 crashes the whole process on 5,000 nested
parentheses). The Host check defends against DNS rebinding: a web page whose domain is
made to resolve to 127.0.0.1 reaches the endpoint with its own name in ``Host``, and is
refused. The Origin check refuses requests that another site's page sends from the
user's browser.

Example:
    >>> limits = Limits(max_depth=3)
    >>> check_query("SELECT * { { ?s ?p ?o } }", limits)
    >>> try:
    ...     check_query("ASK { FILTER((((1)))) }", limits)
    ... except ProtocolError as refused:
    ...     print(refused.status, refused.message)
    400 the query nests ( { [ 5 deep; the limit is 3
    >>> hosts = allowed_hosts("127.0.0.1", 7878)
    >>> check_host("localhost:7878", hosts), check_host("[::1]", hosts)
    (None, None)
    >>> try:
    ...     check_host("attacker.example:7878", hosts)
    ... except ProtocolError as refused:
    ...     print(refused.status)
    421
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass

from kg.serve_protocol import ProtocolError, one_line

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_BRACKETS = re.compile(r"[(){}\[\]]")


@dataclass(frozen=True)
class Limits:
    """What one query may cost the endpoint.

    Attributes:
        timeout: Seconds a query may run (parse, evaluation, serialization) before it
            is stopped with 504.
        max_rows: Rows of a SELECT, or triples of a CONSTRUCT/DESCRIBE, in one answer.
        max_result_bytes: Bytes of one serialized answer.
        max_query_bytes: Bytes of the query text (UTF-8).
        max_depth: Nesting of ``(``, ``{`` and ``[`` in the query text.
        workers: Worker processes, each running one query at a time.
        wait: Seconds a request waits for a free worker before 503.
        connections: Connections served at once (one thread each); more are answered
            503 at once, so idle or slow clients cannot take every thread.
    """

    timeout: float = 10.0
    max_rows: int = 100_000
    max_result_bytes: int = 128 << 20
    max_query_bytes: int = 64 << 10
    max_depth: int = 200
    workers: int = 2
    wait: float = 30.0
    connections: int = 64

    def __post_init__(self) -> None:
        """Refuse limits that would make every query fail or none stop."""
        numbers = (self.timeout, self.max_rows, self.max_result_bytes, self.max_query_bytes)
        counts = (self.max_depth, self.workers, self.connections)
        if min(numbers) <= 0 or min(counts) < 1 or self.wait < 0:
            raise ValueError(f"limits must be positive: {self}")


def check_query(query: str, limits: Limits) -> None:
    """Refuse a query too long (413) or nested too deep (400) to be parsed safely.

    The depth counts every bracket, in strings and comments too, so it can only
    overestimate; a closing bracket with nothing open is ignored.

    Raises:
        ProtocolError: The query is over :attr:`Limits.max_query_bytes` or
            :attr:`Limits.max_depth`.
    """
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > limits.max_query_bytes:
        raise ProtocolError(
            413, f"the query is {size} bytes; the limit is {limits.max_query_bytes}"
        )
    depth = nesting_depth(query)
    if depth > limits.max_depth:
        raise ProtocolError(
            400, f"the query nests ( {{ [ {depth} deep; the limit is {limits.max_depth}"
        )


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``(``, ``{`` and ``[`` in ``text``, in one linear pass.

    >>> nesting_depth("SELECT * { ?s ?p [ ?q (1 2) ] }"), nesting_depth(")))((")
    (3, 2)
    """
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The ``Host`` header values the endpoint answers: the loopback names, the address
    it listens on and the ``extra`` names, each bare or with ``:port``, in lower case.

    >>> sorted(allowed_hosts("::1", 80, ["kg.lan"]))[:3]
    ['127.0.0.1', '127.0.0.1:80', '[::1]']
    """
    bound = f"[{host}]" if ":" in host and not host.startswith("[") else host
    names = {*LOOPBACK_NAMES, bound, *extra}
    return frozenset(n.lower() for name in names if name for n in (name, f"{name}:{port}"))


def check_host(host: str | None, allowed: frozenset[str]) -> None:
    """Refuse a request whose ``Host`` header is missing (400) or names another host (421).

    Raises:
        ProtocolError: The header is absent or not in ``allowed``.
    """
    if host is None or not host.strip():
        raise ProtocolError(400, "a request needs a Host header")
    if host.strip().lower() not in allowed:
        raise ProtocolError(
            421,
            f"this endpoint does not answer for host {one_line(host, 100)}; "
            "use 127.0.0.1, localhost or [::1] (or kg serve --allow-host)",
        )


def check_origin(origin: str | None, allowed: frozenset[str]) -> None:
    """Refuse a request another site's page sent (an ``Origin`` of another host): 403.

    >>> check_origin(None, frozenset()), check_origin("http://localhost:80",
    ...     allowed_hosts("127.0.0.1", 80))
    (None, None)

    Raises:
        ProtocolError: The ``Origin`` header names a host not in ``allowed``.
    """
    if origin is None:
        return
    parts = urllib.parse.urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in allowed:
        raise ProtocolError(
            403, f"requests from the web page at {one_line(origin, 100)} are refused"
        )
