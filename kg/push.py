"""Copy the article graphs into an external SPARQL server (``kg push``).

The embedded store is one process on one disk. To serve the graph from a shared server
(Virtuoso, Fuseki, GraphDB, Oxigraph server...), :func:`push` sends every article graph
with the SPARQL 1.1 Graph Store HTTP Protocol: ``PUT ENDPOINT?graph=ARTICLE_IRI`` with the
graph as N-Triples, which replaces that graph on the server, so pushing twice is
harmless. The server answers the same queries: its default graph (for Virtuoso, the
union of all graphs) plays the store's union.

A sidecar ``OUT/pushed.json`` remembers, per endpoint, a hash of each graph as last
pushed: a second push sends only the graphs that changed, and ``prune=True`` deletes
from the server the graphs this folder pushed before that are no longer in the store.

Example:
    >>> graph_url("http://127.0.0.1:8890/sparql-graph-crud-auth", "https://w3id.org/a b")
    'http://127.0.0.1:8890/sparql-graph-crud-auth?graph=https%3A%2F%2Fw3id.org%2Fa+b'
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.export import atomic_writer
from kg.store import Store

__all__ = ["PUSHED", "Client", "PushError", "PushReport", "graph_url", "push"]

PUSHED = "pushed.json"
_AUTH = ("digest", "basic", "none")
_TRIES = 5  # per request: a fresh challenge, a busy server or a dropped connection


class PushError(RuntimeError):
    """The server refused a graph, or cannot be reached; the message says which."""


@dataclass(frozen=True)
class PushReport:
    """What a push did: graphs sent, left alone (unchanged), and deleted."""

    sent: int
    unchanged: int
    deleted: int


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (``?graph=`` appended)."""
    glue = "&" if "?" in endpoint else "?"
    return f"{endpoint}{glue}{urllib.parse.urlencode({'graph': graph})}"


class Client:
    """Sends Graph Store requests, answering the server's authentication challenge.

    A digest challenge is fetched with a body-less ``GET`` and then reused for every
    request (its nonce count incremented), so a graph is sent once, already signed: a
    server that refuses an unsigned ``PUT`` may close the connection before reading a
    large body. A stale nonce, a refused signature or a dropped connection gets a fresh
    challenge and another try, as does a server error (5xx: Virtuoso reports a deadlock
    when several graphs are replaced at once), five tries in all with a growing pause.
    Basic credentials are sent up front.
    One client per thread: the nonce count is its own.
    """

    def __init__(self, endpoint: str, user: str | None, password: str | None, auth: str) -> None:
        if auth not in _AUTH:
            raise ValueError(f"unknown auth {auth!r}; known: {', '.join(_AUTH)}")
        self.endpoint = endpoint
        self.auth = auth if user is not None else "none"
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user or "", password or "")
        self.digest = urllib.request.HTTPDigestAuthHandler(passwords)
        self.basic = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        self.challenge: dict[str, str] | None = None
        self.web = urllib.request.build_opener()

    def _challenge(self, url: str) -> None:
        try:
            with self.web.open(urllib.request.Request(url, method="GET"), timeout=60) as r:
                r.read()
            self.challenge = None  # the server asked for nothing
        except urllib.error.HTTPError as exc:
            header = exc.headers.get("WWW-Authenticate", "") if exc.headers else ""
            exc.read()
            scheme, _, rest = header.partition(" ")
            if exc.code != 401:
                self.challenge = None  # the server asked for nothing (404: no such graph)
                return
            if scheme.lower() != "digest":
                wanted = scheme or "no"
                raise PushError(f"GET {url}: the server asks for {wanted} authentication") from None
            items = urllib.request.parse_http_list(rest)
            self.challenge = urllib.request.parse_keqv_list(items)

    def _sign(self, request: urllib.request.Request) -> None:
        if self.auth == "basic":
            request.add_unredirected_header("Authorization", f"Basic {self.basic}")
        elif self.auth == "digest" and self.challenge is not None:
            signed = self.digest.get_authorization(request, self.challenge)
            if signed:
                request.add_unredirected_header("Authorization", f"Digest {signed}")

    def send(self, method: str, url: str, body: bytes | None) -> None:
        """One request; raises :class:`PushError` with the server's reason."""
        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        last = _TRIES - 1
        for attempt in range(_TRIES):
            if self.auth == "digest" and (self.challenge is None or attempt):
                self._challenge(url)
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            self._sign(request)
            try:
                with self.web.open(request, timeout=300) as response:
                    response.read()
                return
            except urllib.error.HTTPError as exc:
                detail = " ".join(exc.read(500).decode("utf-8", "replace").split())
                if method == "DELETE" and exc.code == 404:
                    return  # already gone
                stale = exc.code == 401 and self.auth == "digest" and attempt == 0
                if stale or (exc.code >= 500 and attempt < last):
                    # a stale nonce (sign once more with a fresh one); or a busy server
                    # (Virtuoso: "SR172: Transaction deadlocked" when graphs are replaced
                    # at once): try again
                    time.sleep(0.2 * 2**attempt)
                    continue
                raise PushError(f"{method} {url}: HTTP {exc.code} {exc.reason}: {detail}") from None
            except (urllib.error.URLError, OSError) as exc:
                if attempt == last:
                    raise PushError(f"{method} {url}: {exc}") from None
                time.sleep(0.2 * 2**attempt)


def _body(store: Store, graph: str) -> bytes:
    """The graph as sorted N-Triples (the same bytes for the same content)."""
    quads = store.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    text = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
    return b"".join(sorted(text.splitlines(keepends=True)))


def push(
    store: Store,
    endpoint: str,
    *,
    out: Path | None = None,
    user: str | None = None,
    password: str | None = None,
    auth: str = "digest",
    prune: bool = False,
    threads: int = 4,
    progress: Callable[[int], None] | None = None,
) -> PushReport:
    """PUT every article graph of ``store`` to the Graph Store endpoint.

    Args:
        store: The store to copy.
        endpoint: The server's Graph Store Protocol URL (Virtuoso:
            ``http://HOST:8890/sparql-graph-crud-auth``).
        out: The build folder: remembers what was pushed (``pushed.json``) so the next
            push sends only changed graphs. None: push everything, remember nothing.
        user: User name for the server's challenge (none: anonymous).
        password: Its password.
        auth: ``digest`` (Virtuoso), ``basic`` or ``none``.
        prune: Delete on the server the graphs pushed from ``out`` before that are no
            longer in the store.
        threads: Requests in flight.
        progress: Called with the number of graphs done, after each one.

    Raises:
        PushError: a request failed (the graphs sent so far are remembered).
    """
    local = threading.local()
    memory = _load(out).get(endpoint, {}) if out is not None else {}
    graphs = store.articles()
    done: dict[str, str] = {}
    deleted: list[str] = []
    sent = 0

    def client() -> Client:
        if not hasattr(local, "client"):  # the digest nonce count is per client
            local.client = Client(endpoint, user, password, auth)
        found: Client = local.client
        return found

    def one(graph: str) -> tuple[str, str, bool]:
        body = _body(store, graph)
        digest = hashlib.sha256(body).hexdigest()
        if memory.get(graph) == digest:
            return graph, digest, False
        client().send("PUT", graph_url(endpoint, graph), body)
        return graph, digest, True

    try:
        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            for count, (graph, digest, was_sent) in enumerate(pool.map(one, graphs), 1):
                done[graph] = digest
                sent += was_sent
                if progress:
                    progress(count)
        if prune:
            for graph in sorted(set(memory) - set(graphs)):
                client().send("DELETE", graph_url(endpoint, graph), None)
                deleted.append(graph)
    finally:
        if out is not None:
            kept = {g: d for g, d in memory.items() if g not in deleted}
            _remember(out, endpoint, {**kept, **done})
    return PushReport(sent=sent, unchanged=len(done) - sent, deleted=len(deleted))


def _load(out: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((out / PUSHED).read_text(encoding="utf-8"))
        return {str(k): dict(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _remember(out: Path, endpoint: str, graphs: dict[str, str]) -> None:
    data = _load(out)
    data[endpoint] = dict(sorted(graphs.items()))
    with atomic_writer(out / PUSHED) as handle:
        handle.write(json.dumps(data, sort_keys=True, indent=0).encode())
