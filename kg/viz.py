"""The interactive HTML graph: who took part in which meeting, under which post.

:func:`build_network` reads a graph in the ``docs/rdf.md`` shape into a networkx
``MultiDiGraph`` of entities (persons, bodies, meetings, documents, places, campaigns,
awards, authors, articles) with the reified claims drawn as labelled edges;
:func:`render_html` draws it as one self-contained page (vis-network inlined, no
network access, every article string escaped); :func:`write_html` does both and
writes the page atomically.

Example:
    >>> from rdflib import Graph, Literal, URIRef
    >>> from rdflib.namespace import RDF
    >>> from kg.viz_classes import SCHEMA
    >>> g = Graph()
    >>> for i, name in enumerate(["Nguyễn Văn An", "Lê Văn Bình"]):
    ...     p = URIRef(f"https://w3id.org/kgvn/id/person/{i}")
    ...     _ = g.add((p, RDF.type, SCHEMA.Person)).add((p, SCHEMA.name, Literal(name)))
    >>> net, info = build_network(g, max_nodes=1)
    >>> sorted(net.nodes(data="label"))
    [('https://w3id.org/kgvn/id/person/0', 'Nguyễn Văn An')]
    >>> info.capped, info.dropped_nodes
    (True, 1)
    >>> "Nguyễn Văn An" in render_html(net, info, title="kg")
    True
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
import rdflib

from kg.text import fold
from kg.viz_classes import CLASSES
from kg.viz_html import render_html
from kg.viz_read import read_network

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["VizInfo", "build_network", "render_html", "store_graph", "write_html"]


@dataclass(frozen=True, slots=True)
class VizInfo:
    """What the page shows compared with the whole graph.

    Attributes:
        graph_nodes: Entity nodes in the whole graph.
        total_nodes: Nodes in view before the cap (the focus neighbourhood, or all).
        shown_nodes: Nodes drawn.
        shown_edges: Edges drawn.
        dropped_nodes: Nodes left out by the cap (the least connected ones).
        max_nodes: The cap.
        focus: The focus as asked (a name or an IRI), if any.
        focus_nodes: IRIs the focus matched, sorted.
        depth: Hops kept around the focus.
        classes: ``(class key, nodes drawn)`` for each class present, in legend order.
    """

    graph_nodes: int
    total_nodes: int
    shown_nodes: int
    shown_edges: int
    dropped_nodes: int
    max_nodes: int
    focus: str | None = None
    focus_nodes: tuple[str, ...] = ()
    depth: int = 2
    classes: tuple[tuple[str, int], ...] = ()

    @property
    def capped(self) -> bool:
        """True when the cap left nodes out."""
        return self.dropped_nodes > 0


def build_network(
    graph: rdflib.Graph, *, focus: str | None = None, depth: int = 2, max_nodes: int = 1500
) -> tuple[Any, VizInfo]:
    """The entity network to draw, narrowed to a focus and capped.

    Args:
        graph: Graph in the ``docs/rdf.md`` shape (a dataset is read as the union of
            its graphs).
        focus: A name (compared with :func:`kg.text.fold`, with or without
            diacritics; exact names first, else names containing it) or a node IRI.
        depth: Hops (in either direction) kept around the focus nodes.
        max_nodes: Above this, keep the best-connected nodes (focus nodes first).

    Returns:
        The ``networkx.MultiDiGraph`` (see :mod:`kg.viz_read` for its attributes) and
        the :class:`VizInfo` that says what was left out.

    Raises:
        ValueError: ``depth`` is negative or ``max_nodes`` is below 1.
        LookupError: ``focus`` matches no node.
    """
    if depth < 0 or max_nodes < 1:
        raise ValueError(f"need depth >= 0 and max_nodes >= 1, got {depth} and {max_nodes}")
    net = read_network(graph)
    graph_nodes = net.number_of_nodes()
    focus_nodes: tuple[str, ...] = ()
    if focus is not None:
        focus_nodes = _match(net, focus)
        if not focus_nodes:
            raise LookupError(
                f"no node matches the focus {focus!r}: give a name or part of one "
                "(diacritics optional) or a node IRI"
            )
        net = net.subgraph(_within(net, focus_nodes, depth)).copy()
    total = net.number_of_nodes()
    if total > max_nodes:
        firsts = set(focus_nodes)
        degree = dict(net.degree())
        ranked = sorted(net.nodes, key=lambda n: (n not in firsts, -degree[n], n))
        net = net.subgraph(ranked[:max_nodes]).copy()
    kinds = [kind for _, kind in net.nodes(data="kind")]
    info = VizInfo(
        graph_nodes=graph_nodes,
        total_nodes=total,
        shown_nodes=net.number_of_nodes(),
        shown_edges=net.number_of_edges(),
        dropped_nodes=total - net.number_of_nodes(),
        max_nodes=max_nodes,
        focus=focus,
        focus_nodes=focus_nodes,
        depth=depth,
        classes=tuple((c.key, kinds.count(c.key)) for c in CLASSES if c.key in kinds),
    )
    return net, info


def write_html(
    graph: rdflib.Graph,
    path: str | os.PathLike[str],
    *,
    title: str = "kg",
    focus: str | None = None,
    depth: int = 2,
    max_nodes: int = 1500,
) -> VizInfo:
    """Draw ``graph`` into the page at ``path``, replacing it atomically.

    The page is written to a temporary file in the same directory, then moved over
    ``path`` with ``os.replace``, so a reader never sees half a page.

    Args:
        graph: Graph in the ``docs/rdf.md`` shape.
        path: Where the page goes; its directory is created if needed.
        title: Page title and heading.
        focus: See :func:`build_network`.
        depth: See :func:`build_network`.
        max_nodes: See :func:`build_network`.

    Returns:
        What the page shows.
    """
    net, info = build_network(graph, focus=focus, depth=depth, max_nodes=max_nodes)
    page = render_html(net, info, title=title).encode("utf-8")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(page)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; a page is meant to be opened and served.
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return info


def store_graph(store: Store) -> rdflib.Graph:
    """The union of a store's article graphs as an rdflib graph, ready to draw.

    >>> from kg.store import Store
    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> g = NamedNode("https://w3id.org/kgvn/id/article/a1")
    >>> with Store.in_memory() as store:
    ...     store.replace_article(g.value, [Quad(g, NamedNode("https://schema.org/name"),
    ...                                          Literal("Tin"), g)])
    ...     len(store_graph(store))
    1
    """
    data = ox.serialize(store.union(), format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _plain(text: str) -> str:
    """Folded text without diacritics, so ``Nguyen Van An`` finds ``Nguyễn Văn An``."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _match(net: Any, focus: str) -> tuple[str, ...]:
    """Nodes the focus names: the IRI itself, else exact names, else containing names."""
    if focus in net:
        return (focus,)
    folded, plain = fold(focus), _plain(focus)
    exact, partial = [], []
    for node, data in sorted(net.nodes(data=True)):
        names = {data["label"], *data["names"]}
        if any(fold(n) == folded or _plain(n) == plain for n in names):
            exact.append(node)
        elif plain and any(plain in _plain(n) for n in names):
            partial.append(node)
    return tuple(exact or partial)


def _within(net: Any, sources: tuple[str, ...], depth: int) -> set[str]:
    """Nodes at most ``depth`` hops from any source, edges followed both ways."""
    seen = set(sources)
    queue = deque((s, 0) for s in sources)
    while queue:
        node, hops = queue.popleft()
        if hops == depth:
            continue
        for nxt in (*net.successors(node), *net.predecessors(node)):
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, hops + 1))
    return seen
