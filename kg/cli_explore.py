"""The exploring commands of ``kg``: ``kg viz`` (the page) and ``kg serve`` (the endpoint).

They are registered on the ``kg`` group in :mod:`kg.cli`; like every command, each help
ends with an example.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder built by kg build.",
)
@click.option("--focus", help="A person's or body's name (diacritics optional) or a node IRI.")
@click.option(
    "--depth", type=click.IntRange(min=0), default=2, show_default=True, help="Hops around it."
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=1500,
    show_default=True,
    help="Keep the best-connected nodes above this.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Page to write (default: STORE/graph.html, or STORE/focus-NAME.html with --focus).",
)
@click.option("--title", help="Page title (default: kg, or the focus).")
def viz(
    store_dir: Path,
    focus: str | None,
    depth: int,
    max_nodes: int,
    output: Path | None,
    title: str | None,
) -> None:
    """Draw the graph, or one person's or body's neighbourhood, as an offline HTML page.

    The page has a search box (diacritics optional), class and date filters, and a side
    panel with a node's ranks, posts and source sentences. Above --max-nodes it keeps
    the best-connected nodes and says so.

    \b
    Example:
        kg viz --store out --focus "Nguyễn Việt Hùng" --depth 2 -o out/hung.html
    """
    from kg.store import Store
    from kg.text import slug
    from kg.viz import store_graph, write_html

    with Store.open(store_dir, read_only=True) as store:
        graph = store_graph(store)
    name = "graph.html" if focus is None else f"focus-{slug(focus)}.html"
    target = output or store_dir / name
    info = write_html(
        graph,
        target,
        title=title or (f"kg: {focus}" if focus else "kg"),
        focus=focus,
        depth=depth,
        max_nodes=max_nodes,
    )
    click.echo(f"{info.shown_nodes} nodes, {info.shown_edges} edges written to {target}")
    if info.capped:
        click.echo(
            f"capped: the {info.dropped_nodes} least connected of {info.total_nodes} nodes "
            f"left out (--max-nodes {info.max_nodes})"
        )


@click.command()
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder built by kg build.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="0: any free."
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before it is stopped (504).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=100_000,
    show_default=True,
    help="Rows (or triples) one answer may hold (422 beyond).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Worker processes, each running one query at a time.",
)
@click.option(
    "--max-connections",
    type=click.IntRange(1),
    default=64,
    show_default=True,
    help="Connections served at once; more are answered 503.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="Another name clients reach the server by (Host header); repeatable.",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not log each request.")
def serve(
    store_dir: Path,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    max_connections: int,
    allow_hosts: tuple[str, ...],
    quiet: bool,
) -> None:
    """Serve the graph as a read-only SPARQL endpoint, with a query page.

    SPARQL 1.1 Protocol at http://HOST:PORT/sparql (GET ?query=, POST
    application/sparql-query or a form); results as SPARQL JSON, XML, CSV or TSV, or
    Turtle / N-Triples for CONSTRUCT, by the Accept header. The page at
    http://HOST:PORT/ runs queries and loads the bundled ones; it needs no network.
    Ctrl-C stops the server.

    Safe by default: it listens on 127.0.0.1 and answers only requests addressed to
    127.0.0.1, localhost or [::1] (or --host, --allow-host); updates, SERVICE and FROM
    of graphs outside the store are refused; queries over 64 KiB or nested over 200
    deep are refused unparsed; each query runs in a worker process, stopped after
    --timeout seconds, its answer capped at --max-rows; at most --max-connections
    clients are served at once. See docs/security.md.

    \b
    Example:
        kg serve --store out --port 7878 --timeout 30
        curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=ASK%7B%7D'
    """
    from kg.serve import Limits
    from kg.serve import serve as run_serve

    def echo(line: str) -> None:
        click.echo(line, err=True)

    limits = Limits(
        timeout=timeout, max_rows=max_rows, workers=workers, connections=max_connections
    )
    run_serve(
        store_dir,
        host,
        port,
        echo=click.echo,
        log=None if quiet else echo,
        limits=limits,
        allow_hosts=allow_hosts,
    )
