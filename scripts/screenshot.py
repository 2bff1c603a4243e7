"""Pictures of the seeds graph and the query page for examples/ (1280x800 PNG).

Run from the project root:  .venv/bin/python scripts/screenshot.py
Builds seeds/ into a temporary folder, opens graph.html in headless Chromium with the
network cut off (tests/browser.py), and writes:

- examples/screenshot.png: the whole graph, Nguyễn Việt Hùng selected, his side panel;
- examples/walkthrough-search.png: a search typed without diacritics, zoomed in;
- examples/walkthrough-query.png: the kg serve query page with a bundled query's table.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import BuildOptions, build  # noqa: E402
from kg.serve import running  # noqa: E402
from kg.store import Store  # noqa: E402
from tests.browser import launch, offline_tab, open_graph  # noqa: E402

EXAMPLES = ROOT / "examples"
PERSON = "Nguyễn Việt Hùng"


def save(page: Any, target: Path) -> None:
    """Screenshot to a temporary file beside ``target``, then rename it over."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".png", dir=target.parent)
    os.close(fd)
    try:
        page.screenshot(path=tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build([ROOT / "seeds"], BuildOptions(out=out, validate=False))
        with launch() as browser:
            with offline_tab(browser) as tab:
                open_graph(tab, out / "graph.html")
                person = tab.page.evaluate(
                    "(name) => kg.data.nodes.find(n => n.kg.n === name).id", PERSON
                )
                tab.page.evaluate(
                    "(id) => { kg.network.selectNodes([id]); kg.showNode(id); }", person
                )
                save(tab.page, EXAMPLES / "screenshot.png")
                tab.page.fill("#kg-search", "nguyen viet hung")
                tab.page.click("#kg-results button >> nth=0")
                save(tab.page, EXAMPLES / "walkthrough-search.png")
                assert not tab.blocked and not tab.errors, (tab.blocked, tab.errors)
            with (
                Store.open(out, read_only=True) as store,
                running(store) as url,
                offline_tab(browser, allow=(url + "/",)) as tab,
            ):
                tab.page.goto(url + "/")
                tab.page.select_option("#kg-bundled", "person_posts_over_time")
                tab.page.click("#kg-run")
                tab.page.wait_for_selector("#kg-results table")
                save(tab.page, EXAMPLES / "walkthrough-query.png")


if __name__ == "__main__":
    main()
