"""The vocabulary module, the OWL ontology and docs/rdf.md agree term for term."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.shacl import ontology_graph
from kg.vocab import KG, KG_NS, PREFIXES, kg_terms, sparql_prologue

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


def declared(onto: Graph) -> set[URIRef]:
    """kg terms the ontology declares as classes or properties."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        s
        for kind in kinds
        for s in onto.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }


def test_every_vocab_term_is_declared_and_vice_versa(onto: Graph) -> None:
    assert set(kg_terms()) == declared(onto)


def test_no_other_kg_subjects_in_ontology(onto: Graph) -> None:
    subjects = {s for s in onto.subjects() if str(s).startswith(KG_NS)}
    assert subjects == set(kg_terms())


def test_vocab_is_strict() -> None:
    with pytest.raises(AttributeError):
        _ = KG.Meetng  # a typo must not mint a new IRI
    assert str(KG.participant) == KG_NS + "participant"


def test_terms_have_bilingual_labels_and_comments(onto: Graph) -> None:
    for term in kg_terms():
        langs = {lit.language for lit in onto.objects(term, RDFS.label) if isinstance(lit, Literal)}
        assert {"en", "vi"} <= langs, term
        assert onto.value(term, RDFS.comment) is not None, term


def test_properties_have_ranges_and_classes_have_standard_parents(onto: Graph) -> None:
    for term in kg_terms():
        if (term, RDF.type, OWL.Class) in onto:
            parents = set(onto.objects(term, RDFS.subClassOf))
            assert any(not str(p).startswith(KG_NS) for p in parents), term
        else:
            assert onto.value(term, RDFS.range) is not None, term


def test_ontology_header(onto: Graph) -> None:
    header = next(onto.subjects(RDF.type, OWL.Ontology))
    assert onto.value(header, OWL.versionInfo) is not None
    assert onto.value(header, RDFS.label) is not None
    assert onto.value(header, RDFS.comment) is not None


def test_reused_standard_terms_are_linked(onto: Graph) -> None:
    objects = {str(o) for o in onto.objects()}
    for prefix, local in [
        ("schema", "Event"),
        ("schema", "NewsArticle"),
        ("schema", "Person"),
        ("schema", "attendee"),
        ("prov", "wasDerivedFrom"),
        ("nif", "Phrase"),
        ("dcterms", "references"),
        ("org", "Post"),
    ]:
        assert PREFIXES[prefix] + local in objects, (prefix, local)


def test_docs_use_only_declared_kg_terms() -> None:
    text = (ROOT / "docs" / "rdf.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\bkg:([A-Za-z]+)", text))
    assert used, "docs/rdf.md names kg terms"
    assert {KG_NS + t for t in used} <= {str(t) for t in kg_terms()}


def test_prefixes_match_docs_table() -> None:
    text = (ROOT / "docs" / "rdf.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(\w+)` \| `([^`]+)`", text, flags=re.M))
    assert table
    for prefix, iri in table.items():
        assert PREFIXES[prefix] == iri


def test_sparql_prologue_parses() -> None:
    store = pyoxigraph.Store()
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode("http://x/m"),
            pyoxigraph.NamedNode(str(RDF.type)),
            pyoxigraph.NamedNode(str(KG.Meeting)),
        )
    )
    rows = list(store.query(sparql_prologue() + "SELECT ?m WHERE { ?m a kg:Meeting }"))
    assert [r["m"].value for r in rows] == ["http://x/m"]
