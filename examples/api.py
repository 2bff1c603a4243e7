"""Use kg as a library: build a graph, ask it questions with bound values, draw it.

Run from the project root:  .venv/bin/python examples/api.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph

from kg import queries
from kg.build import BuildOptions, build
from kg.store import Store
from kg.viz import write_html

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out-example")

# 1. Build: articles in, store + graph.ttl + graph.html out.
report = build([Path("seeds")], BuildOptions(out=out))
print(f"built {report.articles} articles: {report.persons} people, {report.meetings} meetings")

with Store.open(out, read_only=True) as store:
    # 2. A bundled competency question, by name.
    persons = store.select(queries.load("persons"))
    print(f"{len(persons)} person mentions; first: {persons.records()[0]['name']}")

    # 3. Your own question, with the user's value bound, never pasted into the text
    #    (pyoxigraph binds only variables that the SELECT projects).
    posts = store.select(
        """
        PREFIX schema: <https://schema.org/>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX kg: <https://w3id.org/kgvn/ontology#>
        SELECT DISTINCT ?name ?title ?body WHERE {
          ?person schema:name ?name .
          ?holding org:member ?person ; kg:title ?title .
          OPTIONAL { ?holding org:organization/schema:name ?body }
        } ORDER BY ?title
        """,
        {"name": pyoxigraph.Literal("Nguyễn Việt Hùng")},
    )
    for row in posts.records():
        print(f"  Nguyễn Việt Hùng: {row['title']} {row['body'] or ''}".rstrip())

# 4. Draw one person's neighbourhood from the exported Turtle.
import rdflib  # noqa: E402  (only this step needs rdflib)

graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
info = write_html(graph, out / "nguyen-viet-hung.html", focus="Nguyễn Việt Hùng", depth=2)
print(f"drew {info.shown_nodes} nodes around Nguyễn Việt Hùng into {out / 'nguyen-viet-hung.html'}")
