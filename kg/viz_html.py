"""Draw the entity network as one self-contained, offline HTML page.

pyvis builds the vis-network node and edge records; the page itself comes from our
template (``kg/viz_assets``), because pyvis 0.3.2's template links Bootstrap from a CDN
in every mode and does not escape its heading. The vis-network script and style that
pyvis ships are inlined, as pyvis does with ``cdn_resources="in_line"``.

Safety: every string read from an article (labels, names, titles, sentences, IRIs)
goes through :func:`html.escape` before it reaches the page. Tooltips are HTML built
here from escaped parts; the page script turns them into elements (vis-network shows
string titles as plain text) and unescapes labels, which are painted on a canvas and
so never parsed as markup. The data travel as JSON inside a
``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u``
escapes, so no text can close that script early.

Example:
    >>> import networkx as nx
    >>> net = nx.MultiDiGraph()
    >>> net.add_node("urn:x", label="<x>", kind="person")
    >>> page = render_html(net, None, title="kg")
    >>> "<x>" in page, "\\\\u0026lt;x\\\\u0026gt;" in page
    (False, True)
"""

from __future__ import annotations

import html
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup
from pyvis.network import Network

from kg.viz_classes import CLASS_BY_KEY, CLASSES

if TYPE_CHECKING:
    from kg.viz import VizInfo

ASSETS = Path(__file__).with_name("viz_assets")
VIS = "lib/vis-9.1.2"
LABEL_CHARS = 40
SENTENCE_CHARS = 400  # some sentences run to 1,500 characters; a tooltip is no page

# Tuned for large graphs: barnesHut is the cheapest solver, straight edges add no
# support nodes, and stabilization stops after 200 iterations (the page then turns
# physics off). A fixed seed makes the layout the same on every load.
OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 7, "improvedLayout": False},
    "physics": {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {
            "gravitationalConstant": -6000,
            "centralGravity": 0.3,
            "springLength": 110,
            "springConstant": 0.04,
            "damping": 0.5,
            "avoidOverlap": 0.1,
        },
        "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 20, "fit": True},
        "minVelocity": 1.0,
        "maxVelocity": 40,
        "timestep": 0.5,
    },
    "edges": {
        "smooth": False,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "color": {"color": "#a0a4a8", "highlight": "#202124", "hover": "#202124"},
        "font": {"size": 10, "align": "middle", "color": "#5f6368"},
        "width": 1,
    },
    "nodes": {"font": {"size": 13}, "borderWidth": 1},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
}


def render_html(network: Any, info: VizInfo | None, *, title: str) -> str:
    """The page drawing ``network``; the same network always gives the same bytes.

    Args:
        network: A ``networkx.MultiDiGraph`` from :func:`kg.viz.build_network`.
        info: What the view leaves out (capped, focus), or None to say nothing.
        title: Page title and heading (escaped).

    Returns:
        A complete HTML document that needs no network access.
    """
    net = Network(directed=True, cdn_resources="in_line")
    degree = dict(network.degree())
    for node in sorted(network.nodes):
        data = network.nodes[node]
        cls = CLASS_BY_KEY[data.get("kind", "person")]
        size = min(40, 10 + round(3 * math.sqrt(degree[node])))
        net.add_node(
            node,
            label=_esc(_short(str(data.get("label") or node))),
            shape=cls.shape,
            color=cls.color,
            title=_node_tip(node, data),
            size=size,
        )
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for number, (u, v, _, data) in enumerate(edges):
        net.add_edge(
            u,
            v,
            id=f"e{number}",
            label=_esc(_short(str(data.get("label", "")))),
            title=_edge_tip(data),
        )
    net.options = OPTIONS
    nodes, links, _, _, _, options = net.get_network_data()
    payload = {"nodes": nodes, "edges": links, "options": json.loads(options)}
    kinds = [data.get("kind", "person") for _, data in network.nodes(data=True)]
    legend = [(c, kinds.count(c.key)) for c in CLASSES if c.key in kinds]
    template = _environment().get_template("page.html")
    return template.render(
        title=title,
        legend=legend,
        nodes=len(nodes),
        edges=len(links),
        info=info,
        data=Markup(script_json(payload)),
        vis_js=_asset(Path(net.template_dir) / VIS / "vis-network.min.js", "</script"),
        vis_css=_asset(Path(net.template_dir) / VIS / "vis-network.css", "</style"),
        page_js=_asset(ASSETS / "page.js", "</script"),
        page_css=_asset(ASSETS / "page.css", "</style"),
    )


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element, sorted for stable output.

    >>> script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sources(data: dict[str, Any], total: int) -> list[str]:
    shown = data.get("sources", ())
    if not shown:
        return []
    head = f"Nguồn ({total} câu):" if total > len(shown) else "Nguồn:"
    lines = [f'<div class="kg-src-head">{_esc(head)}</div>']
    for article, sentence in shown:
        lines.append(
            f'<div class="kg-src"><span class="kg-art">[{_esc(article)}]</span> '
            f"{_esc(_short(sentence, SENTENCE_CHARS))}</div>"
        )
    return lines


def _dated(value: str, date: str | None) -> str:
    return _esc(value) + (f' <span class="kg-date">({_esc(date)})</span>' if date else "")


def _node_tip(node: str, data: dict[str, Any]) -> str:
    """Tooltip HTML: name, class, ranks, posts, facts, source sentences, IRI."""
    cls = CLASS_BY_KEY[data.get("kind", "person")]
    parts = [
        f'<div class="kg-name">{_esc(str(data.get("label") or node))}</div>',
        f'<div class="kg-class">{_esc(cls.label)} / {_esc(cls.english)}</div>',
    ]
    ranks = [_dated(rank, date) for rank, date in data.get("ranks", ())]
    if ranks:
        parts.append(f"<div><b>Cấp bậc:</b> {'; '.join(ranks)}</div>")
    posts = [_dated(f"{t}, {body}" if body else t, date) for t, body, date in data.get("posts", ())]
    if posts:
        parts.append(f"<div><b>Chức vụ:</b> {'; '.join(posts)}</div>")
    for field, value in data.get("facts", ()):
        parts.append(f"<div><b>{_esc(field)}:</b> {_esc(value)}</div>")
    parts += _sources(data, int(data.get("source_count", 0)))
    parts.append(f'<div class="kg-iri">{_esc(node)}</div>')
    return "".join(parts)


def _edge_tip(data: dict[str, Any]) -> str:
    parts = [f'<div class="kg-name">{_esc(str(data.get("label", "")))}</div>']
    dates = data.get("as_of", ())
    if dates:
        parts.append(f"<div><b>Thời điểm:</b> {_esc(', '.join(dates))}</div>")
    parts += _sources(data, len(data.get("sources", ())))
    return "".join(parts)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(ASSETS),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=8)
def _asset(path: Path, closer: str) -> Markup:
    """A script or style file to inline; refuse one that would end its element early."""
    text = path.read_text(encoding="utf-8")
    if closer in text.lower():
        raise RuntimeError(f"{path} contains {closer!r} and cannot be inlined")
    return Markup(text)
