"""Draw the entity network as one self-contained, offline HTML page.

:mod:`kg.viz_payload` builds the data (pyvis node and edge records plus what the side
panel, search and filters need); the page itself comes from our template
(``kg/viz_assets``), because pyvis 0.3.2's template links Bootstrap from a CDN in every
mode and does not escape its heading. The vis-network script and style that pyvis ships
are inlined, as pyvis does with ``cdn_resources="in_line"``.

Safety: article strings (labels, names, titles, sentences, IRIs) are never HTML. The
data travel as JSON inside a ``<script type="application/json">`` with ``<``, ``>`` and
``&`` written as ``\\u`` escapes, so no text can close that script early; the page
script shows them with ``textContent`` (side panel, search results), vis-network's
``innerText`` (tooltips) or on a canvas (labels), and uses no ``innerHTML`` at all. The
template's own values (title, focus) are escaped by Jinja. And should markup ever slip
through, a Content-Security-Policy ``<meta>`` lets only the page's own inline scripts
and styles (by hash) run or apply: no inline handler, no injected script, no request.

Example:
    >>> import networkx as nx
    >>> net = nx.MultiDiGraph()
    >>> net.add_node("urn:x", label="<b>x</b>", kind="person")
    >>> page = render_html(net, None, title="kg <1>")
    >>> "<b>x" in page, "\\\\u003cb\\\\u003ex" in page, "<title>kg &lt;1&gt;</title>" in page
    (False, True, True)
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import pyvis
from markupsafe import Markup

from kg.viz_classes import CLASSES
from kg.viz_payload import payload

if TYPE_CHECKING:
    from kg.viz import VizInfo

ASSETS = Path(__file__).with_name("viz_assets")
VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

# Tuned for large graphs: barnesHut is the cheapest solver, and a theta of 0.8 (coarser
# far-field forces than the default 0.5) more than halves each step at no visible cost;
# straight edges add no support nodes; stabilization stops after 200 iterations (the
# page then turns physics off). 2,000 nodes settle in a few seconds (tests/test_browser).
# A fixed seed makes the layout the same on every load.
OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 7, "improvedLayout": False},
    "physics": {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {
            "theta": 0.8,
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
    data = payload(network, OPTIONS)
    kinds = [data.get("kind", "person") for _, data in network.nodes(data=True)]
    legend = [(c, kinds.count(c.key)) for c in CLASSES if c.key in kinds]
    scripts = [
        _asset(VIS / "vis-network.min.js", "</script"),
        _asset(ASSETS / "page.js", "</script"),
    ]
    class_css = "".join(f".kg-c-{c.key}{{color:{c.color}}}" for c in CLASSES)
    styles = [_asset(VIS / "vis-network.css", "</style"), _asset(ASSETS / "page.css", "</style")]
    styles.append(Markup(class_css))
    # Only these scripts and styles may run or apply, whatever the data holds.
    csp = (
        "default-src 'none'; script-src "
        + " ".join(f"'{csp_hash(t)}'" for t in scripts)
        + "; style-src "
        + " ".join(f"'{csp_hash(t)}'" for t in styles)
        + "; img-src data:; base-uri 'none'; form-action 'none'"
    )
    template = _environment().get_template("page.html")
    return template.render(
        title=title,
        legend=legend,
        nodes=len(data["nodes"]),
        edges=len(data["edges"]),
        info=info,
        csp=csp,
        data=Markup(script_json(data)),
        vis_js=scripts[0],
        page_js=scripts[1],
        vis_css=styles[0],
        page_css=styles[1],
        class_css=styles[2],
    )


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source for an inline script or style.

    >>> csp_hash("")
    'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
    """
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element, sorted for stable output.

    >>> script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


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
