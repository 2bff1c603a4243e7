"""The data the page draws: vis-network nodes and edges, with what the side panel shows.

pyvis builds the node and edge records (id, label, shape, colour, size, tooltip); each
record also carries a ``kg`` object that the page script reads to fill the side panel,
the search box and the filters. All strings are plain text: the page puts them into the
document with ``textContent`` (panel), ``innerText`` (vis-network tooltips) or paints
them on a canvas (labels), so nothing here is HTML and nothing needs escaping; the JSON
itself is made safe for a ``<script>`` element by :func:`kg.viz_html.script_json`.

Source sentences are stored once, in ``sentences`` (``[article id, text]``), and
referred to by index; ``files`` maps article ids to their ``kg:sourceFile`` (only
values that are safe as a link: a relative or absolute path, or a ``file:`` /
``http(s):`` URL).

Example:
    >>> import networkx as nx
    >>> net = nx.MultiDiGraph(files={"a1": "seeds/a1.txt", "a2": "javascript:alert(1)"})
    >>> net.add_node("urn:p", label="Nguyễn Văn An", kind="person",
    ...              sources=(("a1", "Đồng chí Nguyễn Văn An phát biểu."),), source_count=1)
    >>> data = payload(net, {})
    >>> data["nodes"][0]["kg"]["s"], data["sentences"], data["files"]
    ([0], [['a1', 'Đồng chí Nguyễn Văn An phát biểu.']], {'a1': 'seeds/a1.txt'})
    >>> print(data["nodes"][0]["title"])
    Nguyễn Văn An
    Người / person
    [a1] Đồng chí Nguyễn Văn An phát biểu.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pyvis.network import Network

from kg.viz_classes import CLASS_BY_KEY, CLASSES

LABEL_CHARS = 40
SENTENCE_CHARS = 400  # some sentences run to 1,500 characters; a tooltip is no page
TIP_SOURCES = 2
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"file", "http", "https"})


def payload(network: Any, options: dict[str, Any]) -> dict[str, Any]:
    """The JSON object the page script reads.

    Args:
        network: A ``networkx.MultiDiGraph`` from :func:`kg.viz.build_network`.
        options: vis-network options.

    Returns:
        ``nodes``, ``edges`` (vis-network records with a ``kg`` object each),
        ``sentences``, ``files``, ``options`` and ``classes`` (key -> name). The same
        network gives the same value.
    """
    net = Network(directed=True, cdn_resources="in_line")
    table = _Sentences()
    degree = dict(network.degree())
    for node in sorted(network.nodes):
        data = network.nodes[node]
        cls = CLASS_BY_KEY[data.get("kind", "person")]
        label = str(data.get("label") or node)
        sources = tuple(data.get("sources", ()))
        net.add_node(
            node,
            label=short(label),
            shape=cls.shape,
            color=cls.color,
            size=min(40, 10 + round(3 * math.sqrt(degree[node]))),
            title=_node_tip(label, data),
            kg={
                "k": cls.key,
                "n": label,
                "a": [n for n in data.get("names", ()) if n != label],
                "r": [list(r) for r in data.get("ranks", ())],
                "p": [list(p) for p in data.get("posts", ())],
                "f": [list(f) for f in data.get("facts", ())],
                "d": data.get("date"),
                "s": table.refs(sources),
                "sc": int(data.get("source_count", len(sources))),
                "art": _article_id(data) if cls.key == "article" else None,
            },
        )
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for number, (u, v, _, data) in enumerate(edges):
        label = str(data.get("label", ""))
        net.add_edge(
            u,
            v,
            id=f"e{number}",
            label=short(label),
            title=_edge_tip(label, data),
            kg={
                "k": str(data.get("kind", "")),
                "n": label,
                "d": list(data.get("as_of", ())),
                "s": table.refs(tuple(data.get("sources", ()))),
            },
        )
    nodes, links = net.get_network_data()[:2]
    files = network.graph.get("files", {})
    return {
        "nodes": nodes,
        "edges": links,
        "sentences": table.rows,
        "files": {a: href(f) for a, f in sorted(files.items()) if safe_link(f)},
        "options": options,
        "classes": {c.key: f"{c.label} / {c.english}" for c in CLASSES},
    }


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis.

    >>> short("Hội nghị   tổng kết", 12)
    'Hội nghị tổ…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_link(target: str) -> bool:
    """Whether a source file may become a link: a path, or a file/http(s) URL.

    >>> safe_link("seeds/a1.txt"), safe_link("/data/a 1.html"), safe_link("file:///a.txt")
    (True, True, True)
    >>> safe_link("javascript:alert(1)"), safe_link(" data:text/html,x"), safe_link("")
    (False, False, False)
    """
    if not target.strip():
        return False
    scheme = _SCHEME.match(target)
    return scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES


def href(target: str) -> str:
    """A source file as a link target: a path keeps its text, except the characters
    that would end it early (``%``, ``#``, ``?``); a URL is left as it is.

    >>> href("seeds/bài #1?.txt"), href("https://a.vn/x?id=1#p")
    ('seeds/bài %231%3F.txt', 'https://a.vn/x?id=1#p')
    """
    if _SCHEME.match(target):
        return target
    return target.replace("%", "%25").replace("#", "%23").replace("?", "%3F")


class _Sentences:
    """Each distinct (article id, sentence) once, referred to by index."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self._index: dict[tuple[str, str], int] = {}

    def refs(self, sources: tuple[tuple[str, str], ...]) -> list[int]:
        found = []
        for article, text in sources:
            key = (str(article), str(text))
            if key not in self._index:
                self._index[key] = len(self.rows)
                self.rows.append(list(key))
            found.append(self._index[key])
        return found


def _article_id(data: dict[str, Any]) -> str | None:
    return next((v for field, v in data.get("facts", ()) if field == "Mã"), None)


def _dated(value: str, date: str | None) -> str:
    return f"{value} ({date})" if date else value


def _tip_sources(sources: tuple[tuple[str, str], ...], total: int) -> list[str]:
    lines = [f"[{a}] {short(t, SENTENCE_CHARS)}" for a, t in sources[:TIP_SOURCES]]
    if total > len(lines):
        lines.append(f"… {total} câu nguồn: nhấp để xem / {total} source sentences: click")
    return lines


def _node_tip(label: str, data: dict[str, Any]) -> str:
    """Plain-text tooltip: name, class, ranks, posts, facts, first source sentences."""
    cls = CLASS_BY_KEY[data.get("kind", "person")]
    lines = [label, f"{cls.label} / {cls.english}"]
    ranks = [_dated(rank, date) for rank, date in data.get("ranks", ())]
    if ranks:
        lines.append("Cấp bậc: " + "; ".join(ranks))
    posts = [_dated(f"{t}, {b}" if b else t, d) for t, b, d in data.get("posts", ())]
    if posts:
        lines.append("Chức vụ: " + "; ".join(posts))
    lines += [f"{field}: {short(value, SENTENCE_CHARS)}" for field, value in data.get("facts", ())]
    sources = tuple(data.get("sources", ()))
    return "\n".join(lines + _tip_sources(sources, int(data.get("source_count", len(sources)))))


def _edge_tip(label: str, data: dict[str, Any]) -> str:
    lines = [label]
    dates = data.get("as_of", ())
    if dates:
        lines.append("Thời điểm: " + ", ".join(dates))
    sources = tuple(data.get("sources", ()))
    return "\n".join(lines + _tip_sources(sources, len(sources)))
