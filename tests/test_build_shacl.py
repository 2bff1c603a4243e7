"""SHACL at scale: per-article checks in Python and union checks in SPARQL, as pyshacl says."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import shacl_store
from kg.build import BuildReport
from kg.export import export
from kg.incremental import Manifest
from kg.shacl import shapes_graph, validate
from kg.shacl_article import article_violations
from kg.shacl_rules import Unsupported, compile_rules
from kg.shacl_store import union_violations, validate_store
from kg.store import Store

# One or more violations of every component the shapes use.
BROKEN = """
@prefix kg: <https://w3id.org/kgvn/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<http://x/a> a kg:Article ; dcterms:identifier "", "b" ; schema:datePublished "x" ;
    schema:mentions "lit" .
<http://x/s> a nif:Sentence ; nif:beginIndex 5, -1 ; nif:endIndex 3 ; nif:anchorOf "t"@vi ;
    nif:referenceContext <http://x/nope> .
<http://x/p> a kg:Participation ; kg:role "boss" ; kg:meeting <http://x/a> ;
    kg:evidence <http://x/e> .
<http://x/e> a kg:Evidence ; kg:confidence 1.5, "0.5"^^xsd:decimal ; nif:beginIndex "a" ;
    nif:endIndex 2 ; nif:anchorOf "x" ; nif:referenceContext <http://x/a> ;
    kg:extractor "e" ; kg:rule "r" .
<http://x/b> a schema:Person ; schema:name "" .
<http://x/m> a kg:Meeting ; kg:kind "k" ;
    schema:startDate "2020"^^xsd:gYear, "2020-02-30"^^xsd:date ;
    prov:wasDerivedFrom <http://x/a> ; kg:evidence <http://x/e> .
"""
G = "http://x/article/a1"


def triples(text: str) -> list[ox.Triple]:
    return list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))


def in_list_free(lines: list[str]) -> list[str]:
    """pyshacl lists sh:in members in set order (it varies between runs): cut it off."""
    return sorted(line.split(" not in list ")[0] for line in lines)


def stored(*graphs: tuple[str, list[ox.Triple]]) -> Store:
    store = Store.in_memory()
    for iri, ts in graphs:
        g = ox.NamedNode(iri)
        store.replace_article(iri, [ox.Quad(t.subject, t.predicate, t.object, g) for t in ts])
    return store


def test_article_checks_report_what_pyshacl_reports(tmp_path: Path) -> None:
    store = stored((G, triples(BROKEN)))
    export(store, tmp_path / "broken.ttl", "ttl")
    expected = validate(tmp_path / "broken.ttl")
    mine = article_violations(triples(BROKEN))
    assert expected.violations == len(mine) >= 20
    assert in_list_free(mine) == in_list_free(expected.report.splitlines())


def test_store_validation_reports_what_pyshacl_reports(
    seeds_build: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out, _ = seeds_build
    with Store.open(out, read_only=True) as store:
        result = validate_store(store)
    assert result == validate(out / "graph.ttl") and result.conforms
    broken = stored((G, triples(BROKEN)))
    export(broken, tmp_path / "broken.ttl", "ttl")
    found, expected = validate_store(broken), validate(tmp_path / "broken.ttl")
    assert in_list_free(found.report.splitlines()) == in_list_free(expected.report.splitlines())


def test_what_only_the_merged_graph_breaks_is_found_on_the_union(tmp_path: Path) -> None:
    """Two articles each give a shared document one identifier: each graph conforms, the
    union (graph.ttl) does not; a third article repeats one: no new violation."""
    doc = "<https://w3id.org/kgvn/id/document/d1>"

    def article(identifier: str) -> list[ox.Triple]:
        return triples(
            f"{doc} a <https://w3id.org/kgvn/ontology#LegalDocument> ; "
            f'<http://purl.org/dc/terms/identifier> "{identifier}" .'
        )

    store = stored(
        ("https://w3id.org/kgvn/id/article/a1", article("1/CT")),
        ("https://w3id.org/kgvn/id/article/a2", article("1/CT-BQP")),
        ("https://w3id.org/kgvn/id/article/a3", article("1/CT")),
    )
    assert all(not article_violations(article(i)) for i in ("1/CT", "1/CT-BQP"))
    export(store, tmp_path / "g.ttl", "ttl")
    expected = validate(tmp_path / "g.ttl")
    assert union_violations(store) == expected.report.splitlines()
    assert validate_store(store) == expected and expected.violations == 1


def test_article_local_nodes_are_not_checked_twice() -> None:
    """Nodes under an article's IRI are only in that article: the union checks skip them."""
    evidence = "<https://w3id.org/kgvn/id/article/a1/ev/1>"
    kg = "https://w3id.org/kgvn/ontology#"
    text = f'{evidence} a <{kg}Evidence> ; <{kg}rule> "a", "b" .'
    store = stored(("https://w3id.org/kgvn/id/article/a1", triples(text)))
    assert union_violations(store) == []
    assert any("kg:rule: More than 1" in line for line in validate_store(store).report.splitlines())


def test_shapes_beyond_the_rules_are_refused_and_pyshacl_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes = shapes_graph()
    shapes.parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix schema: <https://schema.org/> ."
        "<http://x/S> a sh:NodeShape ; sh:targetClass schema:Person ;"
        ' sh:property [ sh:path schema:name ; sh:pattern "^[A-Z]" ] .',
        format="turtle",
    )
    with pytest.raises(Unsupported, match="pattern"):
        compile_rules(shapes)

    def refuse() -> None:
        raise Unsupported("sh:pattern")

    monkeypatch.setattr(shacl_store, "bundled_rules", refuse)
    broken = stored((G, triples(BROKEN)))
    export(broken, tmp_path / "broken.ttl", "ttl")
    found, expected = validate_store(broken), validate(tmp_path / "broken.ttl")
    assert in_list_free(found.report.splitlines()) == in_list_free(expected.report.splitlines())


def test_a_build_keeps_each_article_result(seeds_build: tuple[Path, BuildReport]) -> None:
    out, report = seeds_build
    manifest = Manifest.load(out)
    assert len(manifest.articles) == 5
    assert all(e.violations == () for e in manifest.articles.values())
    assert report.violations == validate(out / "graph.ttl").violations == 0
