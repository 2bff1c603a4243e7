"""A local, read-only SPARQL endpoint over a kg store, with a query page that works offline.

``kg serve --store out`` answers the SPARQL 1.1 Protocol at ``/sparql``: queries by GET
(``?query=``) or POST (an ``application/sparql-query`` body, or a form with
``query=``), SELECT and ASK results as SPARQL JSON, XML, CSV or TSV and CONSTRUCT and
DESCRIBE results as Turtle, N-Triples, RDF/XML or JSON-LD, chosen by the ``Accept``
header (or ``format=json|xml|csv|tsv|ttl|nt``). It never changes the store: SPARQL Update
is refused (403), and the store is opened read-only. ``SERVICE`` (federated queries) is
refused too, since it would make the endpoint fetch other URLs. ``/`` serves a query
page (:mod:`kg.serve_page`). Errors are one line of plain text, never a traceback.

Only the standard library's ``http.server`` is used; it listens on 127.0.0.1 by default.

Example:
    >>> import json, urllib.parse, urllib.request
    >>> from kg.store import Store
    >>> with running(Store.in_memory()) as url:
    ...     ask = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    ...     json.load(urllib.request.urlopen(f"{url}/sparql?{ask}"))
    {'head': {}, 'boolean': False}
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.serve_page import QueryPage
from kg.serve_protocol import (
    GRAPH_TYPES,
    MAX_BODY,
    SELECT_TYPES,
    SHORT_NAMES,
    ProtocolError,
    Request,
    mentions_service,
    negotiate,
    one_line,
    read_request,
)
from kg.store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
ENDPOINT = "/sparql"
Log = Callable[[str], None]


class Server(ThreadingHTTPServer):
    """The HTTP server: one thread per request, the store shared (pyoxigraph allows it)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: Store, log: Log | None = None) -> None:
        """Bind to ``address`` and serve ``store``; ``log`` gets one line per request."""
        self.store = store
        self.log = log
        self.page = QueryPage(ENDPOINT)
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:7878``."""
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"


def make_server(
    store: Store, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, log: Log | None = None
) -> Server:
    """A server for ``store`` bound to ``host:port`` (port 0: any free one), not started.

    Raises:
        OSError: The address cannot be bound (in use, or not an address of this host).
    """
    try:
        return Server((host, port), store, log)
    except OSError as exc:
        raise OSError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


@contextlib.contextmanager
def running(store: Store, host: str = DEFAULT_HOST, port: int = 0) -> Iterator[str]:
    """Serve ``store`` in a background thread for the duration of the block.

    Yields:
        The base URL (the endpoint is at ``URL/sparql``, the page at ``URL/``).
    """
    server = make_server(store, host, port)
    thread = threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve(store_dir: Path, host: str, port: int, echo: Log, log: Log | None = None) -> None:
    """Open the store read-only and serve it until interrupted (Ctrl-C).

    Args:
        store_dir: Folder built by ``kg build``.
        host: Address to listen on.
        port: Port (0: any free one).
        echo: Where the start and stop lines go.
        log: Where per-request lines go, or None for none.
    """
    main = threading.current_thread() is threading.main_thread()
    # `kill` stops the server as Ctrl-C does: the socket and the store are closed.
    previous = signal.signal(signal.SIGTERM, _interrupt) if main else None
    try:
        with Store.open(store_dir, read_only=True) as store:
            server = make_server(store, host, port, log)
            echo(
                f"SPARQL endpoint {server.url}{ENDPOINT}  (query page {server.url}/; Ctrl-C stops)"
            )
            if host not in ("127.0.0.1", "localhost", "::1"):
                echo(f"warning: listening on {host}: whoever reaches it can query the graph")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
            finally:
                server.server_close()
            echo("stopped")
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def answer(store: Store, request: Request, accept: str | None) -> tuple[str, bytes]:
    """Run a query and serialize its result: the media type and the body.

    Raises:
        ProtocolError: 400 for a malformed query, a bad graph IRI or SERVICE; 406 when
            ``accept`` allows no format the result can be written in; 500 when the
            query fails while running.
    """
    if mentions_service(request.query):
        raise ProtocolError(400, "SERVICE is refused: this endpoint answers from its store only")
    try:
        default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = [
            ox.NamedNode(iri) for iri in request.default_graphs
        ] or None
        named: list[ox.NamedNode | ox.BlankNode] | None = [
            ox.NamedNode(iri) for iri in request.named_graphs
        ] or None
    except ValueError as exc:
        raise ProtocolError(400, f"not an IRI: {one_line(str(exc))}") from exc
    try:
        result = store.inner.query(request.query, default_graph=default, named_graphs=named)
    except SyntaxError as exc:
        raise ProtocolError(400, f"malformed query: {one_line(str(exc))}") from exc
    graph = isinstance(result, ox.QueryTriples)
    offered: dict[str, Any] = dict(GRAPH_TYPES if graph else SELECT_TYPES)
    media = SHORT_NAMES[request.format][graph] if request.format else negotiate(accept, offered)
    if media is None:
        raise ProtocolError(
            406, f"cannot answer in {one_line(accept or '')}; try: " + ", ".join(offered)
        )
    try:
        body = result.serialize(format=offered[media])
    except (OSError, RuntimeError, ValueError) as exc:
        raise ProtocolError(500, f"the query failed: {one_line(str(exc))}") from exc
    return media, body or b""


class Handler(BaseHTTPRequestHandler):
    """Routes ``/`` (query page) and ``/sparql`` (the endpoint); everything else is 404."""

    server: Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        """The page, or a query in the URL."""
        self._route("GET")

    def do_HEAD(self) -> None:
        """As GET, without the body."""
        self._route("HEAD")

    def do_POST(self) -> None:
        """A query in the body (or an update, refused)."""
        self._route("POST")

    def _route(self, method: str) -> None:
        self._started = time.perf_counter()
        path, _, url_query = self.path.partition("?")
        try:
            if path == "/" and method in ("GET", "HEAD"):
                html = self.server.page.html
                self._send(200, "text/html; charset=utf-8", html, page=True, head=method == "HEAD")
                return
            if path != ENDPOINT:
                raise ProtocolError(
                    404, f"nothing at {one_line(path, 100)}; the endpoint is {ENDPOINT}"
                )
            body = self._body() if method == "POST" else b""
            request = read_request(method, self.headers.get("Content-Type"), url_query, body)
            media, data = answer(self.server.store, request, self.headers.get("Accept"))
            charset = "" if media.endswith(("json", "xml")) else "; charset=utf-8"
            self._send(200, media + charset, data, head=method == "HEAD")
        except ProtocolError as exc:
            self._fail(exc.status, exc.message)
        except Exception as exc:  # the one place that turns any failure into one line
            self._fail(500, f"internal error: {one_line(str(exc)) or type(exc).__name__}")

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise ProtocolError(411, "a POST needs a Content-Length")
        if int(length) > MAX_BODY:
            raise ProtocolError(413, f"the request body is over {MAX_BODY} bytes")
        return self.rfile.read(int(length))

    def _fail(self, status: int, message: str) -> None:
        self.close_connection = True
        self._send(status, "text/plain; charset=utf-8", f"kg serve: {message}\n".encode())

    def _send(
        self, status: int, media: str, body: bytes, *, page: bool = False, head: bool = False
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if page:
            self.send_header("Content-Security-Policy", self.server.page.csp)
        self.end_headers()
        # Logged before the body goes out, so the line is written before a client (or a
        # test that stops the server next) has its answer.
        if self.server.log is not None:
            took = (time.perf_counter() - getattr(self, "_started", time.perf_counter())) * 1000
            self.server.log(f"{self.command} {one_line(self.path, 120)} {status} {took:.0f} ms")
        if not head:
            self.wfile.write(body)

    def version_string(self) -> str:
        """The Server header."""
        return "kg-serve"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the base class raises (bad request line, unknown method), as one line."""
        self._fail(code, message or HTTPStatus(code).phrase)

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the base class: requests are logged by :meth:`_route`."""
