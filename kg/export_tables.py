"""Other ways out of the store: the entity network for graph tools, answers as tables.

``graphml`` and ``gexf`` write the network the HTML page draws (:mod:`kg.viz_read`:
persons, bodies, meetings, documents, ... with their claims as labelled edges) for
Gephi, Cytoscape, yEd or networkx. Every attribute is a string or an integer, as both
formats require: lists become ``"; "``-joined text (``ranks``: ``Đại tá (2021-07-15)``),
and characters XML cannot hold are dropped. ``csv`` writes one table per competency
question (:data:`kg.queries.COMPETENCY`) into a folder, as ``kg query --format csv``
prints them. Every file is written atomically, and the same store gives the same bytes.

Example:
    >>> import tempfile
    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> from kg.store import Store
    >>> g = NamedNode("https://w3id.org/kgvn/id/article/a1")
    >>> p = NamedNode("https://w3id.org/kgvn/id/person/an")
    >>> rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> store = Store.in_memory()
    >>> store.replace_article(g.value, [
    ...     Quad(p, rdf_type, NamedNode("https://schema.org/Person"), g),
    ...     Quad(p, NamedNode("https://schema.org/name"), Literal("Nguyễn Văn An"), g)])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     export_tables(store, Path(tmp) / "g.graphml", "graphml").split(" written")[0]
    ...     nx.read_graphml(Path(tmp) / "g.graphml").nodes[p.value]["label"]
    '1 nodes, 0 edges'
    'Nguyễn Văn An'
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from kg import answers, queries
from kg.export import atomic_writer
from kg.store import Store
from kg.viz import store_graph
from kg.viz_read import read_network

FORMATS = ("graphml", "gexf", "csv")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def entity_network(store: Store) -> Any:
    """The entity network of a store with scalar attributes only.

    Nodes (IRI ids): ``label``, ``kind``, ``names``, ``ranks``, ``posts``, ``facts``,
    ``date``, ``articles`` (ids of the articles its sentences come from) and
    ``sources`` (how many sentences). Edges (ids ``e0``, ``e1``, ...): ``label``,
    ``kind``, ``relation`` (``role:chair``, ``post:...``), ``as_of`` and ``sources``.

    Returns:
        A ``networkx.MultiDiGraph``.
    """
    net = read_network(store_graph(store))
    out: Any = nx.MultiDiGraph()
    for node in sorted(net.nodes):
        data = net.nodes[node]
        out.add_node(
            _clean(node),
            label=_clean(data["label"]),
            kind=data["kind"],
            names=_join(data["names"]),
            ranks=_join(_dated(rank, date) for rank, date in data["ranks"]),
            posts=_join(_dated(f"{t}, {b}" if b else t, d) for t, b, d in data["posts"]),
            facts=_join(f"{field}: {value}" for field, value in data["facts"]),
            date=data.get("date") or "",
            articles=_join(sorted({article for article, _ in data["sources"]})),
            sources=int(data["source_count"]),
        )
    edges = sorted(net.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for number, (u, v, key, data) in enumerate(edges):
        out.add_edge(
            _clean(u),
            _clean(v),
            key=f"e{number}",
            label=_clean(data["label"]),
            kind=data["kind"],
            relation=_clean(str(key)),
            as_of=_join(data["as_of"]),
            sources=len(data["sources"]),
        )
    return out


def export_tables(store: Store, target: Path, fmt: str) -> str:
    """Write ``graphml`` or ``gexf`` to the file ``target``, or ``csv`` tables into the
    folder ``target``; a one-line summary of what was written.

    Raises:
        ValueError: Unknown format.
    """
    if fmt == "csv":
        written = write_csv_tables(store, target)
        rows = sum(count for _, count in written)
        return f"{len(written)} tables ({rows} rows) written to {target}"
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; known: {', '.join(FORMATS)}")
    net = entity_network(store)
    with atomic_writer(Path(target)) as handle:
        if fmt == "graphml":
            nx.write_graphml(net, handle, encoding="utf-8", named_key_ids=True)
        else:
            _write_gexf(net, handle)
    return f"{net.number_of_nodes()} nodes, {net.number_of_edges()} edges written to {target}"


def write_csv_tables(store: Store, folder: Path) -> list[tuple[Path, int]]:
    """One ``NAME.csv`` per competency question in ``folder`` (created if needed).

    Returns:
        Each file written with its number of rows, in :data:`kg.queries.COMPETENCY`
        order.
    """
    written = []
    for name in queries.COMPETENCY:
        table = answers.ask(store, name)
        path = Path(folder) / f"{name}.csv"
        with atomic_writer(path) as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            queries.write_table(table, "csv", text)
            text.flush()
            text.detach()
        written.append((path, len(table)))
    return written


def _write_gexf(net: Any, handle: Any) -> None:
    """GEXF 1.2 without the writing date networkx stamps in (same store, same bytes)."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(net)
    writer.write(handle)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _join(values: Any) -> str:
    return _clean("; ".join(str(v) for v in values))


def _dated(value: str, date: str | None) -> str:
    return f"{value} ({date})" if date else value
