"""The worker processes that run ``kg serve``'s queries, where a query can be stopped.

A query runs in a worker process, never in the server: one that runs past the time
limit is stopped by killing its worker, and one that crashes its engine (pyoxigraph
overflows its stack on some deeply recursive queries) takes only its worker down. Either
way the worker is replaced and the server goes on answering. Each worker opens the
store read-only itself (an in-memory store is copied to it as N-Quads), parses and runs
one query at a time (:func:`kg.serve_query.answer`) on a thread with a large stack, and
sends back the media type and the bytes, or a status and a one-line message.

Example:
    >>> import pyoxigraph as ox
    >>> from kg.serve_protocol import Request
    >>> memory = ox.Store()
    >>> memory.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o")))
    >>> with WorkerPool(memory.dump(format=ox.RdfFormat.N_QUADS), Limits(workers=1)) as pool:
    ...     pool.run(Request("SELECT ?o { ?s ?p ?o }"), "text/csv")
    ('text/csv', b'o\\r\\no\\r\\n')
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any

from kg.serve_guard import Limits
from kg.serve_protocol import ProtocolError, Request, one_line

# Where the store comes from: the folder of an on-disk store, or an in-memory one's quads.
Source = Path | bytes
STARTUP_SECONDS = 120.0  # for a worker to import its modules and open the store
WORKER_STACK = 256 << 20  # bytes; pyoxigraph recurses once per level of a query's nesting
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # workers import this same kg


class WorkerError(RuntimeError):
    """A worker process could not start: the message says why."""


class _Worker:
    """One worker process (a fresh interpreter) and the parent's end of its socket."""

    def __init__(self, source: Source, limits: Limits) -> None:
        mine, theirs = socket.socketpair()
        paths = [str(_PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")]
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"import kg.serve_pool as p; p.worker_main({theirs.fileno()})"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            pass_fds=[theirs.fileno()],
            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)},
        )
        theirs.close()
        self.conn = Connection(mine.detach())
        with contextlib.suppress(OSError):  # a worker that died at once: ready() says so
            self.conn.send((source, limits))

    def ready(self, timeout: float) -> None:
        """Wait for the worker's first message, which says it can take queries.

        Raises:
            WorkerError: It failed to open the store, died or took too long.
        """
        try:
            if not self.conn.poll(timeout):
                raise WorkerError(f"a worker took over {timeout:g} s to start")
            status, message = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerError("a worker stopped while starting") from exc
        if status != "ready":
            raise WorkerError(message)

    def stop(self) -> None:
        """Kill the process (a query in it is abandoned) and close the socket."""
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self.conn.close()


class WorkerPool:
    """A fixed number of worker processes; each request borrows one for its query."""

    def __init__(self, source: Source, limits: Limits) -> None:
        """Start ``limits.workers`` workers and wait until they can take queries.

        Raises:
            WorkerError: A worker cannot open the store (the message says why).
        """
        self.source = source
        self.limits = limits
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        self.problem = ""  # why the last replacement worker failed to start, if it did
        started = [self._start() for _ in range(limits.workers)]
        try:
            for worker in started:
                worker.ready(STARTUP_SECONDS)
                self._idle.put(worker)
        except WorkerError:
            self.close()
            raise

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers)

    def run(self, request: Request, accept: str | None) -> tuple[str, bytes]:
        """Answer a request in a worker: the media type and the body.

        Raises:
            ProtocolError: What the worker refuses (see :func:`kg.serve_query.answer`);
                503 when no worker is free within ``limits.wait`` seconds; 504 when the
                query runs past ``limits.timeout`` (its worker is killed); 500 when the
                worker dies while running it.
        """
        worker = self._borrow()
        try:
            worker.conn.send((request, accept))
            reply = worker.conn.recv() if worker.conn.poll(self.limits.timeout) else None
        except (EOFError, OSError) as exc:
            self._replace(worker)
            if self._closed:
                raise ProtocolError(503, "the server is stopping") from exc
            raise ProtocolError(500, "the query stopped its worker process (it crashed)") from exc
        except BaseException:
            self._replace(worker)  # interrupted mid-exchange: the pipe is out of step
            raise
        if reply is None:
            self._replace(worker)
            raise ProtocolError(
                504,
                f"the query ran past the time limit of {self.limits.timeout:g} s and was stopped",
            )
        self._idle.put(worker)
        if reply[0] == "ok":
            return str(reply[1]), bytes(reply[2])
        raise ProtocolError(int(reply[1]), str(reply[2]))

    def close(self) -> None:
        """Stop every worker, those running a query too; the pool takes no more requests."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> _Worker:
        worker = _Worker(self.source, self.limits)
        with self._lock:
            closed = self._closed
            if not closed:
                self._workers.add(worker)
        if closed:  # stopping: the worker is not wanted
            worker.stop()
        return worker

    def _borrow(self) -> _Worker:
        deadline = time.monotonic() + self.limits.wait
        while True:
            with self._lock:
                if self._closed:
                    raise ProtocolError(503, "the server is stopping")
                if not self._workers:
                    raise ProtocolError(500, f"no worker can run queries: {self.problem}")
            try:
                return self._idle.get(timeout=min(1.0, max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= deadline:
                    raise ProtocolError(
                        503,
                        f"all {self.limits.workers} workers are busy; try again shortly",
                    ) from None

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another at once; it takes queries once it is ready."""
        with self._lock:
            self._workers.discard(worker)
            closed = self._closed
        worker.stop()
        if closed:
            return
        fresh = self._start()
        threading.Thread(target=self._welcome, args=(fresh,), daemon=True).start()

    def _welcome(self, worker: _Worker) -> None:
        try:
            worker.ready(STARTUP_SECONDS)
        except WorkerError as exc:
            self.problem = str(exc)
            with self._lock:
                self._workers.discard(worker)
            worker.stop()
            return
        self._idle.put(worker)


def worker_main(fd: int) -> None:
    """A worker process: read the store's source and the limits from the socket ``fd``,
    then answer requests from it until it closes."""
    conn = Connection(fd)
    source, limits = conn.recv()
    # Ctrl-C in the terminal reaches every process of the group; the server stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Should the server die without stopping us (kill -9), a running query must not go on.
    threading.Thread(target=_orphan_watch, args=(os.getppid(),), daemon=True).start()
    sys.setrecursionlimit(100_000)  # rdflib's parser recurses a few dozen frames per level
    threading.stack_size(WORKER_STACK)
    thread = threading.Thread(target=_serve, args=(conn, source, limits), name="kg-query")
    thread.start()
    thread.join()


def _orphan_watch(parent: int) -> None:
    """Exit the worker once its parent is gone (pyoxigraph lets go of the GIL as it runs)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _serve(conn: Connection, source: Source, limits: Limits) -> None:
    import pyoxigraph as ox

    from kg.serve_query import answer, inspect

    logging.getLogger("rdflib").setLevel(logging.ERROR)  # its warnings about odd IRIs
    try:
        if isinstance(source, bytes):
            store = ox.Store()
            store.load(source, format=ox.RdfFormat.N_QUADS)
        else:
            store = ox.Store.read_only(str(source))
        inspect("ASK {}")  # build the parser's grammar now, not in the first query's time
    except Exception as exc:
        conn.send(("failed", f"cannot open the kg store: {one_line(str(exc))}"))
        return
    conn.send(("ready", ""))
    with contextlib.suppress(EOFError, OSError, KeyboardInterrupt):
        while True:
            request, accept = conn.recv()
            reply: tuple[Any, ...]
            try:
                reply = ("ok", *answer(store, request, accept, limits))
            except ProtocolError as exc:
                reply = ("error", exc.status, exc.message)
            except Exception as exc:  # a failure the checks did not foresee: one line
                problem = one_line(str(exc)) or type(exc).__name__
                reply = ("error", 500, f"internal error: {problem}")
            conn.send(reply)
