"""A local, read-only SPARQL endpoint over a kg store, with a query page that works offline.

``kg serve --store out`` answers the SPARQL 1.1 Protocol at ``/sparql``: queries by GET
(``?query=``) or POST (an ``application/sparql-query`` body, or a form with
``query=``), SELECT and ASK results as SPARQL JSON, XML, CSV or TSV and CONSTRUCT and
DESCRIBE results as Turtle, N-Triples, RDF/XML or JSON-LD, chosen by the ``Accept``
header (or ``format=json|xml|csv|tsv|ttl|nt``). ``/`` serves a query page
(:mod:`kg.serve_page`).

Safe by default (docs/security.md lists each promise and the test that holds it):

- it listens on 127.0.0.1, and answers only requests whose ``Host`` is a loopback name
  or the address it listens on (421 otherwise: DNS rebinding), and no request another
  site's page sends (403 for a foreign ``Origin``);
- it never changes the store (opened read-only; SPARQL Update refused with 403, also
  when sent as a query), never reads another graph (``FROM`` / ``FROM NAMED`` only of
  the store's own graphs) and never fetches anything (``SERVICE`` refused);
- a query over 64 KiB (413) or nested over 200 brackets deep (400) is refused before
  any parser sees it; queries run in worker processes (:mod:`kg.serve_pool`), stopped
  after 10 s (504) with their worker replaced, their answers capped at 100,000 rows
  (422); see :class:`~kg.serve_guard.Limits`;
- errors are one line of plain text, never a traceback.

Only the standard library's ``http.server`` is used.

Example:
    >>> import json, urllib.parse, urllib.request
    >>> from kg.store import Store
    >>> with running(Store.in_memory(), limits=Limits(workers=1)) as url:
    ...     ask = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    ...     json.load(urllib.request.urlopen(f"{url}/sparql?{ask}"))
    {'head': {}, 'boolean': False}
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.serve_guard import Limits, allowed_hosts, check_host, check_origin, check_query
from kg.serve_page import QueryPage
from kg.serve_pool import Source, WorkerError, WorkerPool
from kg.serve_protocol import MAX_BODY, ProtocolError, one_line, read_request
from kg.store import Store

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ENDPOINT", "Limits", "Server", "make_server"]
__all__ += ["running", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
ENDPOINT = "/sparql"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
READ_TIMEOUT = 60.0  # seconds a client may take to send its request
Log = Callable[[str], None]
_BUSY_TEXT = b"kg serve: too many connections at once; try again\n"
_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 1\r\nConnection: close\r\n"
    + b"Content-Length: %d\r\n\r\n" % len(_BUSY_TEXT)
    + _BUSY_TEXT
)


class Server(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, queries run by a pool of workers."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        source: Source,
        log: Log | None = None,
        limits: Limits | None = None,
        allow_hosts: Iterable[str] = (),
    ) -> None:
        """Bind to ``address``, start the workers for ``source``; ``log`` gets one line
        per request; ``allow_hosts`` are more names the ``Host`` header may give.

        Raises:
            OSError: The address cannot be bound.
            WorkerError: A worker cannot open the store.
        """
        self.log = log
        self.limits = limits or Limits()
        self.slots = threading.BoundedSemaphore(self.limits.connections)
        self.page = QueryPage(ENDPOINT)
        super().__init__(address, Handler)
        host, port = self.server_address[:2]
        self.hosts = allowed_hosts(str(host), int(port), allow_hosts)
        try:
            self.pool = WorkerPool(source, self.limits)
        except WorkerError:
            super().server_close()
            raise

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread if one of ``limits.connections`` is free, else
        answer 503 and close it without reading it."""
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(_BUSY)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:  # no thread took the connection: give its slot back
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection, then free its slot."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:7878``."""
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"

    def server_close(self) -> None:
        """Close the socket and stop the workers."""
        super().server_close()
        pool = getattr(self, "pool", None)
        if pool is not None:
            pool.close()


def source_of(store: Store) -> Source:
    """Where workers find the store: its folder when open read-only on disk (workers
    open it themselves), else a copy of its quads (an in-memory or writable store)."""
    if store.read_only and store.path is not None:
        return store.path
    return store.inner.dump(format=ox.RdfFormat.N_QUADS) or b""


def make_server(
    store: Store,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    log: Log | None = None,
    limits: Limits | None = None,
    allow_hosts: Iterable[str] = (),
) -> Server:
    """A server for ``store`` bound to ``host:port`` (port 0: any free one), not started.

    Requests must name ``host``, a loopback name or one of ``allow_hosts`` in ``Host``.

    Raises:
        OSError: The address cannot be bound (in use, or not an address of this host).
        WorkerError: A worker cannot open the store.
    """
    try:
        return Server((host, port), source_of(store), log, limits, [host, *allow_hosts])
    except OSError as exc:
        raise OSError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


@contextlib.contextmanager
def running(
    store: Store,
    host: str = DEFAULT_HOST,
    port: int = 0,
    limits: Limits | None = None,
    allow_hosts: Iterable[str] = (),
) -> Iterator[str]:
    """Serve ``store`` in a background thread for the duration of the block.

    Yields:
        The base URL (the endpoint is at ``URL/sparql``, the page at ``URL/``).
    """
    server = make_server(store, host, port, limits=limits, allow_hosts=allow_hosts)
    thread = threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve(
    store_dir: Path,
    host: str,
    port: int,
    echo: Log,
    log: Log | None = None,
    limits: Limits | None = None,
    allow_hosts: Iterable[str] = (),
) -> None:
    """Open the store read-only and serve it until interrupted (Ctrl-C).

    Args:
        store_dir: Folder built by ``kg build``.
        host: Address to listen on.
        port: Port (0: any free one).
        echo: Where the start and stop lines go.
        log: Where per-request lines go, or None for none.
        limits: What a query may cost (:class:`Limits`; the defaults if None).
        allow_hosts: More names clients may reach the server by (``Host`` header).
    """
    main = threading.current_thread() is threading.main_thread()
    # `kill` stops the server as Ctrl-C does: the socket and the store are closed.
    previous = signal.signal(signal.SIGTERM, _interrupt) if main else None
    try:
        with Store.open(store_dir, read_only=True) as store:
            server = make_server(store, host, port, log, limits, allow_hosts)
            echo(
                f"SPARQL endpoint {server.url}{ENDPOINT}  (query page {server.url}/; Ctrl-C stops)"
            )
            if host not in LOOPBACK:
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


class Handler(BaseHTTPRequestHandler):
    """Routes ``/`` (query page) and ``/sparql`` (the endpoint); everything else is 404."""

    server: Server
    protocol_version = "HTTP/1.1"
    timeout = READ_TIMEOUT
    _allow: tuple[str, ...] = ("GET", "HEAD", "POST")

    def do_GET(self) -> None:
        """The page, or a query in the URL."""
        self._route("GET")

    def do_HEAD(self) -> None:
        """As GET, without the body."""
        self._route("HEAD")

    def do_POST(self) -> None:
        """A query in the body (or an update, refused)."""
        self._route("POST")

    def do_PUT(self) -> None:
        """Refused: 405."""
        self._route("PUT")

    def do_DELETE(self) -> None:
        """Refused: 405."""
        self._route("DELETE")

    def do_PATCH(self) -> None:
        """Refused: 405."""
        self._route("PATCH")

    def do_OPTIONS(self) -> None:
        """Refused: 405 (no cross-origin requests are allowed, so no preflight either)."""
        self._route("OPTIONS")

    def _route(self, method: str) -> None:
        self._started = time.perf_counter()
        path, _, url_query = self.path.partition("?")
        try:
            hosts = self.headers.get_all("Host") or []
            if len(hosts) > 1:
                raise ProtocolError(400, "a request needs exactly one Host header")
            check_host(hosts[0] if hosts else None, self.server.hosts)
            check_origin(self.headers.get("Origin"), self.server.hosts)
            allowed = ("GET", "HEAD") if path == "/" else ("GET", "HEAD", "POST")
            self._allow = allowed
            if path in ("/", ENDPOINT) and method not in allowed:
                use = " or ".join(allowed)
                raise ProtocolError(405, f"{method} is not allowed here; use {use}")
            if path == "/":
                html = self.server.page.html
                self._send(200, "text/html; charset=utf-8", html, page=True, head=method == "HEAD")
                return
            if path != ENDPOINT:
                raise ProtocolError(
                    404, f"nothing at {one_line(path, 100)}; the endpoint is {ENDPOINT}"
                )
            body = self._body() if method == "POST" else b""
            request = read_request(method, self.headers.get("Content-Type"), url_query, body)
            check_query(request.query, self.server.limits)
            media, data = self.server.pool.run(request, self.headers.get("Accept"))
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
        text = f"kg serve: {message}\n".encode()
        self._send(status, "text/plain; charset=utf-8", text, head=self.command == "HEAD")

    def _send(
        self, status: int, media: str, body: bytes, *, page: bool = False, head: bool = False
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if status == 405:
            self.send_header("Allow", ", ".join(self._allow))
        if page:
            self.send_header("Content-Security-Policy", self.server.page.csp)
        self.end_headers()
        # Logged before the body goes out, so the line is written before a client (or a
        # test that stops the server next) has its answer.
        if self.server.log is not None:
            took = (time.perf_counter() - getattr(self, "_started", time.perf_counter())) * 1000
            line = one_line(getattr(self, "path", "") or "", 120)
            self.server.log(f"{self.command or '-'} {line} {status} {took:.0f} ms")
        if not head:
            self.wfile.write(body)

    def version_string(self) -> str:
        """The Server header."""
        return "kg-serve"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the base class raises (bad request line, unknown method), as one line."""
        self._fail(code, one_line(message or HTTPStatus(code).phrase))

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the base class: requests are logged by :meth:`_route`."""
