"""How long a build's page takes to open in headless Chromium; prints JSON.

Usage: python benchmarks/page_open.py OUT_DIR [--repeat 3] [--focus NAME]

Opens ``OUT_DIR/graph.html`` (for a large build, the capped overview the build draws)
and a focus page drawn by ``kg viz --focus NAME --depth 2`` (by default NAME is the
person named in the most articles, the largest neighbourhood), in Debian's
Chromium with the network cut off (tests/browser.py), and reports the page's own
figure: milliseconds from navigation start until the layout has settled and the graph
stands still, the median of ``repeat`` fresh tabs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.store import Store  # noqa: E402
from tests.browser import launch, offline_tab, open_graph  # noqa: E402

MOST_NAMED = """
PREFIX schema: <https://schema.org/>
PREFIX kg: <https://w3id.org/kgvn/ontology#>
SELECT ?name (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  GRAPH ?article { ?person a schema:Person ; schema:name ?name }
  FILTER NOT EXISTS { ?person a kg:Author }
} GROUP BY ?name ORDER BY DESC(?articles) ?name LIMIT 1
"""


def timed_open(browser: Any, page: Path, repeat: int) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        with offline_tab(browser) as tab:
            runs.append(open_graph(tab, page))
    return {
        "ms": statistics.median(r["settleMs"] for r in runs),
        "nodes": runs[0]["nodes"],
        "edges": runs[0]["edges"],
        "bytes": page.stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--focus", default=None)
    args = parser.parse_args()
    result: dict[str, Any] = {}
    with launch() as browser, tempfile.TemporaryDirectory() as tmp:
        result["overview"] = timed_open(browser, args.out / "graph.html", args.repeat)
        name = args.focus
        if name is None:
            with Store.open(args.out, read_only=True) as store:
                name = store.select(MOST_NAMED).rows[0][0]
        focus = Path(tmp) / "focus.html"
        command = [sys.executable, "-m", "kg.cli", "viz", "--store", str(args.out)]
        command += ["--focus", str(name), "--depth", "2", "-o", str(focus)]
        subprocess.run(command, check=True, capture_output=True)
        result["focus"] = {"name": name, **timed_open(browser, focus, args.repeat)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
