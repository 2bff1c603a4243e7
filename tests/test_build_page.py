"""kg.page: the page drawn from the store (whole graph when small, a selection when large)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF

from kg import page
from kg.build import BuildReport
from kg.page import page_graph, top_entities, write_page
from kg.store import Store
from kg.viz import build_network, write_html
from kg.viz_classes import ENTITY_TYPES, KG


def test_a_small_store_draws_the_page_of_its_whole_graph(
    seeds_build: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out, _ = seeds_build
    from_turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    write_html(from_turtle, tmp_path / "turtle.html", title="kg")
    with Store.open(out, read_only=True) as store:
        write_page(store, tmp_path / "store.html")
    assert (tmp_path / "store.html").read_bytes() == (tmp_path / "turtle.html").read_bytes()
    assert (out / "graph.html").read_bytes() == (tmp_path / "turtle.html").read_bytes()


def test_a_large_store_draws_its_best_known_entities(
    seeds_build: tuple[Path, BuildReport], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _ = seeds_build
    with Store.open(out, read_only=True) as store:
        chosen = top_entities(store, 12)
        graph = page_graph(store, max_nodes=12, sources=2)
        monkeypatch.setattr(page, "FULL_GRAPH_TRIPLES", 0)
        info = write_page(store, tmp_path / "big.html", max_nodes=12)
        again = page_graph(store, max_nodes=12, sources=2)
    # the seeds name few entities in two articles or more; one-article ones are not chosen
    assert 0 < len(chosen) <= 12 and len(chosen) == len(set(chosen))
    assert set(rdflib.Graph().parse(out / "graph.ttl")) >= set(graph)  # nothing invented
    assert len(graph) < 600 and set(graph) == set(again)
    net, _ = build_network(graph, max_nodes=12)
    assert set(net.nodes) <= set(chosen) | {str(s) for s in graph.subjects(RDF.type, None)}
    drawn = {str(t) for t in ENTITY_TYPES}
    for node in chosen:
        assert any(str(c) in drawn for c in graph.objects(rdflib.URIRef(node), RDF.type))
    for node in graph.subjects(KG.evidence, None):
        assert len(list(graph.objects(node, KG.evidence))) <= 2
    assert info.shown_nodes <= 12 and (tmp_path / "big.html").stat().st_size > 0


def test_the_most_named_entities_come_first(seeds_build: tuple[Path, BuildReport]) -> None:
    out, _ = seeds_build
    with Store.open(out, read_only=True) as store:
        ranked = top_entities(store, 1000)
        values = " ".join(f"<{e}>" for e in ranked)
        table = store.select(
            f"SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE {{ VALUES ?e {{ {values} }} "
            "GRAPH ?g { ?e a ?t } } GROUP BY ?e"
        )
    counts = {e: int(n or 0) for e, n in table.rows}
    ordered = [counts[e] for e in ranked]
    assert ordered == sorted(ordered, reverse=True) and ordered[-1] >= 2
