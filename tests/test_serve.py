"""kg serve: the SPARQL 1.1 Protocol over the seeds store, with plain HTTP and SPARQLWrapper.

The server runs in a thread on a free port of 127.0.0.1; the query page is also tested
in a browser (tests/test_browser.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

from kg.build import BuildReport
from kg.serve import running
from kg.store import Store

PERSONS = (
    "PREFIX schema: <https://schema.org/> "
    "SELECT DISTINCT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
)
CONSTRUCT = (
    "PREFIX schema: <https://schema.org/> "
    "CONSTRUCT { ?p schema:name ?name } WHERE { ?p a schema:Person ; schema:name ?name }"
)
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def endpoint(seeds_build: tuple[Path, BuildReport]) -> Iterator[tuple[str, Store]]:
    with Store.open(seeds_build[0], read_only=True) as store, running(store) as url:
        yield url, store


def fetch(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a request; errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def get(base: str, query: str, accept: str | None = None, **params: str) -> Any:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query, **params})
    return fetch(url, headers={"Accept": accept} if accept else {})


def names(store: Store) -> list[str]:
    return [n or "" for n in store.select(PERSONS).column("name")]


def digest(store: Store) -> str:
    quads = sorted(str(q) for q in store.inner.quads_for_pattern(None, None, None, None))
    return hashlib.sha256("\n".join(quads).encode()).hexdigest()


def test_select_in_every_result_format(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    expected = names(store)
    assert len(expected) > 5 and "Nguyễn Việt Hùng" in expected
    status, headers, body = get(url, PERSONS, "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    result = json.loads(body)
    assert result["head"]["vars"] == ["name"]
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == expected
    status, headers, body = get(url, PERSONS, "application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+xml"
    literals = ET.fromstring(body).iter(f"{SRX}literal")
    assert [e.text for e in literals] == expected
    status, headers, body = get(url, PERSONS, "text/csv")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows == [["name"], *([n] for n in expected)]
    status, headers, body = get(url, PERSONS, "text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?name" and [json.loads(v) for v in lines[1:]] == expected
    # No Accept (or */*) gives SPARQL JSON; format= overrides Accept for browser links.
    assert json.loads(get(url, PERSONS)[2])["results"]["bindings"]
    assert get(url, PERSONS, "text/csv", format="tsv")[2].startswith(b"?name")
    # Unknown format names are left to Accept; q-values are honoured.
    assert get(url, PERSONS, "text/csv", format="n3")[2].startswith(b"name\r\n")
    accept = "application/sparql-results+json;q=0.5, text/csv"
    assert get(url, PERSONS, accept)[1]["Content-Type"].startswith("text/csv")


def test_post_bodies_and_forms(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    expected = names(store)
    for data, kind in (
        (PERSONS.encode(), "application/sparql-query"),
        (urllib.parse.urlencode({"query": PERSONS}).encode(), "application/x-www-form-urlencoded"),
    ):
        status, _, body = fetch(
            f"{url}/sparql", data=data, headers={"Content-Type": kind, "Accept": "text/csv"}
        )
        assert status == 200, body
        assert body.decode().splitlines()[1:] == expected


def test_ask_construct_describe(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    status, _, body = get(url, "ASK { ?s a <https://schema.org/Person> }")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = get(url, CONSTRUCT, "text/turtle")
    assert status == 200 and headers["Content-Type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    expected = store.query(CONSTRUCT)
    assert len(graph) == len(list(expected)) > 5
    status, headers, body = get(url, CONSTRUCT, "application/n-triples")
    assert headers["Content-Type"].startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=body.decode("utf-8"), format="nt")) == len(graph)
    hung = store.select(PERSONS.replace("?name WHERE", "?p WHERE"), None)
    assert hung.rows
    status, _, body = get(url, f"DESCRIBE <{hung.rows[0][0]}>", "text/turtle")
    assert status == 200 and len(rdflib.Graph().parse(data=body.decode(), format="turtle")) > 0


def test_named_graphs(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    article = store.articles()[0]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    body = get(url, count, "text/csv", **{"default-graph-uri": article})[2]
    assert int(body.decode().splitlines()[1]) == sum(1 for _ in store.quads(article))
    bad = get(url, count, None, **{"default-graph-uri": "not an iri"})
    assert bad[0] == 400 and bad[2].startswith(b"kg serve: not an IRI")


def test_sparqlwrapper(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    client = SPARQLWrapper(f"{url}/sparql")
    client.setQuery(PERSONS)
    client.setReturnFormat(JSON)
    result: Any = client.query().convert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == names(store)
    client.setMethod(POST)
    client.setReturnFormat(CSV)
    table: Any = client.query().convert()
    assert table.decode().splitlines()[1:] == names(store)
    # CONSTRUCT comes back as Turtle, which SPARQLWrapper parses into an rdflib graph.
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    turtle: Any = client.query().convert()
    graph = turtle if isinstance(turtle, rdflib.Graph) else rdflib.Graph().parse(data=turtle)
    assert len(graph) == len(list(store.query(CONSTRUCT))) > 5


def test_updates_are_refused_and_the_store_is_unchanged(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    before = (store.quad_count(), digest(store))
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    refused = [
        fetch(
            f"{url}/sparql",
            data=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        ),
        fetch(
            f"{url}/sparql",
            data=urllib.parse.urlencode({"update": update}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        fetch(f"{url}/sparql?" + urllib.parse.urlencode({"update": "DROP ALL"})),
    ]
    for status, _, body in refused:
        assert status == 403 and body == b"kg serve: read-only endpoint: SPARQL Update is refused\n"
    status, _, body = get(url, update)  # an update sent as a query is refused as one
    assert status == 403 and body == b"kg serve: read-only endpoint: SPARQL Update is refused\n"
    assert (store.quad_count(), digest(store)) == before
    assert get(url, "ASK { <urn:x> <urn:y> <urn:z> }")[2] == b'{"head":{},"boolean":false}'


def test_errors_are_one_line(endpoint: tuple[str, Store]) -> None:
    url, _ = endpoint
    cases = {
        400: [get(url, "SELECT ?s WHERE { ?s ?p }"), fetch(f"{url}/sparql"), get(url, "  ")],
        404: [fetch(f"{url}/nothing")],
        406: [get(url, PERSONS, "image/png")],
        415: [fetch(f"{url}/sparql", data=b"x", headers={"Content-Type": "text/plain"})],
    }
    cases[400].append(
        get(url, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    )
    for status, answers in cases.items():
        for code, headers, body in answers:
            text = body.decode("utf-8")
            assert code == status, text
            assert headers["Content-Type"] == "text/plain; charset=utf-8"
            assert text.startswith("kg serve: ") and text.count("\n") == 1, text
            assert "Traceback" not in text and "File " not in text
    malformed = cases[400][0][2].decode()
    assert re.fullmatch(r"kg serve: malformed query: error at 1:\d+: .+\n", malformed)


def test_query_page(endpoint: tuple[str, Store]) -> None:
    url, _ = endpoint
    status, headers, body = fetch(f"{url}/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<textarea" in page and 'id="kg-run"' in page and '"name":"persons"' in page
    assert "script-src 'sha256-" in headers["Content-Security-Policy"]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)


def test_concurrent_queries_and_latency(endpoint: tuple[str, Store], record_property: Any) -> None:
    url, store = endpoint
    expected = names(store)
    answers: list[list[str]] = []

    def ask() -> None:
        answers.append(get(url, PERSONS, "text/csv")[2].decode().splitlines()[1:])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert answers == [expected] * 8
    took = []
    for _ in range(30):
        started = time.perf_counter()
        assert get(url, PERSONS, "text/csv")[0] == 200
        took.append(time.perf_counter() - started)
    median_ms = sorted(took)[len(took) // 2] * 1000
    record_property("median_ms", round(median_ms, 2))
    assert median_ms < 500


def test_running_server_stops_cleanly(seeds_build: tuple[Path, BuildReport]) -> None:
    with Store.open(seeds_build[0], read_only=True) as store:
        with running(store) as url:
            assert get(url, "ASK {}")[0] == 200
            before = threading.active_count()
        assert threading.active_count() < before
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"{url}/", timeout=5)


def test_kg_serve_command(seeds_build: tuple[Path, BuildReport]) -> None:
    kg = Path(sys.executable).with_name("kg")
    process = subprocess.Popen(
        [str(kg), "serve", "--store", str(seeds_build[0]), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        found = re.match(r"SPARQL endpoint (http://127\.0\.0\.1:\d+)/sparql ", first)
        assert found, first
        assert get(found.group(1), "ASK {}")[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert out == "stopped\n" and re.fullmatch(r"GET /sparql\?query=ASK\+%7B%7D 200 \d+ ms\n", err)
    busy = subprocess.run(
        [str(kg), "serve", "--store", str(seeds_build[0] / "missing")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert busy.returncode == 1 and busy.stderr.startswith("kg: error: no kg store")


def test_curl_is_a_sparql_client(endpoint: tuple[str, Store]) -> None:
    """The plain HTTP client people reach for: GET and POST with curl, CSV back."""
    url, store = endpoint
    common = ["curl", "--silent", "--show-error", "--fail", "--max-time", "30"]
    got = subprocess.run(
        [
            *common,
            "-G",
            f"{url}/sparql",
            "--data-urlencode",
            f"query={PERSONS}",
            "-H",
            "Accept: text/csv",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = list(csv.reader(io.StringIO(got.stdout)))
    assert rows[0] == ["name"] and [r[0] for r in rows[1:]] == names(store)
    posted = subprocess.run(
        [
            *common,
            f"{url}/sparql",
            "-H",
            "Content-Type: application/sparql-query",
            "-H",
            "Accept: application/sparql-results+json",
            "--data-binary",
            PERSONS,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    bindings = json.loads(posted.stdout)["results"]["bindings"]
    assert [b["name"]["value"] for b in bindings] == names(store)
    refused = subprocess.run(
        [
            *common[:-3],
            "--max-time",
            "30",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            f"{url}/sparql",
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
            "CLEAR ALL",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.stdout == "403"
