"""The query page ``kg serve`` shows at ``/``: one self-contained HTML document.

A textarea, a run button, the bundled queries to load (their names, what they answer,
their text), and a results area: a table for SELECT, yes/no for ASK, the Turtle text
for CONSTRUCT and DESCRIBE, and links to the same result as CSV, TSV, JSON or XML. The
script and style are inlined (kg/serve_assets), so the page needs nothing but the
endpoint; result values are put in the page with ``textContent`` only. The page is
served with a Content-Security-Policy that allows exactly its own inline script and
style (by hash) and requests to its own origin.

Example:
    >>> page = QueryPage("/sparql")
    >>> b"<textarea" in page.html and b"persons" in page.html
    True
    >>> page.csp.startswith("default-src 'none'; script-src 'sha256-")
    True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from kg import queries
from kg.viz_html import csp_hash, script_json

ASSETS = Path(__file__).with_name("serve_assets")


class QueryPage:
    """The rendered page and the Content-Security-Policy it is served with."""

    def __init__(self, endpoint: str, title: str = "kg — SPARQL") -> None:
        """Render the page for an endpoint path such as ``/sparql``."""
        script = _asset("query.js", "</script")
        style = _asset("query.css", "</style")
        bundled = [
            {"name": name, "about": queries.describe(name), "text": queries.bundled(name)}
            for name in queries.names()
        ]
        template = _environment().get_template("query.html")
        self.html: bytes = template.render(
            title=title,
            endpoint=endpoint,
            queries=Markup(script_json({"endpoint": endpoint, "queries": bundled})),
            script=Markup(script),
            style=Markup(style),
        ).encode("utf-8")
        self.csp = (
            f"default-src 'none'; script-src '{csp_hash(script)}'; style-src '{csp_hash(style)}'; "
            "connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        )


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(ASSETS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=4)
def _asset(name: str, closer: str) -> str:
    """An asset to inline; refuse one that would end its element early."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    if closer in text.lower():
        raise RuntimeError(f"{name} contains {closer!r} and cannot be inlined")
    return text
