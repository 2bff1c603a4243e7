"""kg push: the article graphs into a real Virtuoso, which then answers as the embedded store.

Virtuoso comes from Debian (``apt-get install virtuoso-opensource``; ``.ci/run`` does it).
The server runs from a temporary folder, listens on 127.0.0.1 only, and is stopped at
the end; the Graph Store endpoint ``/sparql-graph-crud-auth`` takes the default ``dba``
account with digest authentication.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import queries
from kg.build import BuildReport
from kg.cli import main
from kg.push import PUSHED, PushError, push
from kg.queries import COMPETENCY
from kg.store import Store

NINE = COMPETENCY
INI = """
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Virtuoso server of our own; yields its base URL."""
    binary = shutil.which("virtuoso-t")
    assert binary, "Virtuoso is needed: apt-get install virtuoso-opensource (see .ci/run)"
    folder = tmp_path_factory.mktemp("virtuoso")
    http = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(dir=folder, sql=free_port(), http=http), encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    server = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, (folder / "stdout.log").read_text(errors="replace")
            try:
                ask(base, "ASK {}")
                break
            except OSError:
                assert time.monotonic() < deadline, "Virtuoso did not start in 90 s"
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def ask(base: str, query: str) -> dict[str, object]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        f"{base}/sparql", data=data, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        answer: dict[str, object] = json.load(response)
    return answer


def rows(base: str, query: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """Columns and rows (plain strings), sorted: answers compared as sets of rows."""
    answer = ask(base, query)
    columns = list(answer["head"]["vars"])  # type: ignore[index]
    bindings = answer["results"]["bindings"]  # type: ignore[index]
    found = [tuple(b.get(c, {}).get("value") for c in columns) for b in bindings]
    return columns, sorted(found, key=lambda r: tuple(v or "" for v in r))


def copy_of(seeds_build: tuple[Path, BuildReport], folder: Path) -> Path:
    out, _ = seeds_build
    shutil.copytree(out / "store", folder / "store")
    return folder


def test_pushed_graphs_answer_the_nine_questions_as_the_store(
    virtuoso: str, seeds_build: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out = copy_of(seeds_build, tmp_path / "out")
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    args = ["push", "--store", str(out), "--endpoint", endpoint, "--user", "dba"]
    result = CliRunner().invoke(main, [*args, "--password", "dba"])
    assert result.exit_code == 0, result.output
    assert "5 graphs sent, 0 unchanged" in result.output
    with Store.open(out, read_only=True) as store:
        for name in NINE:
            table = store.select(queries.load(name))
            local = sorted(table.rows, key=lambda r: tuple(v or "" for v in r))
            columns, remote = rows(virtuoso, queries.load(name))
            assert columns == list(table.columns), name
            assert remote == local and local, name
    again = CliRunner().invoke(main, [*args, "--password", "dba"])
    assert "0 graphs sent, 5 unchanged" in again.output


def test_push_is_idempotent_and_prunes_what_it_pushed(
    virtuoso: str, seeds_build: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out = copy_of(seeds_build, tmp_path / "out")
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    count = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/kgvn/id/article/')) }"
    )
    with Store.open(out) as store:
        push(store, endpoint, out=out, user="dba", password="dba")
        first = rows(virtuoso, count)
        (out / PUSHED).unlink()  # forget: everything is sent again, and replaces
        report = push(store, endpoint, out=out, user="dba", password="dba", threads=2)
        assert (report.sent, report.unchanged) == (5, 0)
        assert rows(virtuoso, count) == first
        gone = store.articles()[0]
        store.remove_article(gone)
        report = push(store, endpoint, out=out, user="dba", password="dba", prune=True)
    assert (report.sent, report.unchanged, report.deleted) == (0, 4, 1)
    _, graphs = rows(virtuoso, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert (gone,) not in graphs and len([g for g in graphs if "/article/" in str(g[0])]) == 4
    assert gone not in json.loads((out / PUSHED).read_text())[endpoint]


def test_a_refused_push_is_one_clear_error(
    virtuoso: str, seeds_build: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out = copy_of(seeds_build, tmp_path / "out")
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    with Store.open(out, read_only=True) as store, pytest.raises(PushError, match="HTTP 401"):
        push(store, endpoint, out=out, user="dba", password="wrong")
    result = CliRunner().invoke(
        main, ["push", "--store", str(out), "--endpoint", endpoint, "--auth", "none"]
    )
    assert result.exit_code == 1 and "kg: error:" in result.stderr and "401" in result.stderr


def test_a_busy_server_is_asked_again(tmp_path: Path) -> None:
    """A 5xx answer (Virtuoso reports deadlocks so) gets another try; basic credentials
    go with every request."""
    seen: list[tuple[str, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((self.path, self.headers.get("Authorization")))
            self.send_response(500 if len(seen) == 1 else 201)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    store = Store.in_memory()
    g = "https://w3id.org/kgvn/id/article/a1"
    store.replace_article(
        g,
        [
            ox.Quad(
                ox.NamedNode(g),
                ox.NamedNode("https://schema.org/name"),
                ox.Literal("x"),
                ox.NamedNode(g),
            )
        ],
    )
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/gsp"
        report = push(store, endpoint, user="u", password="p", auth="basic", threads=1)
    finally:
        server.shutdown()
    assert report.sent == 1 and len(seen) == 2
    assert all(auth == "Basic dTpw" for _, auth in seen)
    assert seen[0][0].endswith("graph=https%3A%2F%2Fw3id.org%2Fkgvn%2Fid%2Farticle%2Fa1")
