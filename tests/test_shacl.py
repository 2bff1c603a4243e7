"""SHACL shapes: a graph the writer makes conforms; each kind of broken node is reported."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from kg.document import Document
from kg.model import ArticleExtraction, Evidence, Meeting, Participation, Person
from kg.rdf import article_quads, to_rdflib
from kg.shacl import ValidationResult, shapes_graph, validate
from kg.vocab import KG, KG_NS, NIF, SCHEMA, SH, XSD

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*(default_context|contexts|ConjunctiveGraph).*:DeprecationWarning"
)

PREFIXES = """
@prefix kg: <https://w3id.org/kgvn/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix x: <http://x/> .
"""


def valid_graph() -> Dataset:
    doc = Document.from_text("a1", "Đại tá Phạm Văn Dũng chủ trì hội nghị.")
    ev = Evidence(7, 20, 0, "persons", "name")
    person = Person("phạm văn dũng", "Phạm Văn Dũng", mentions=(ev,))
    meeting = Meeting(
        "hội nghị",
        "hội nghị",
        Evidence(29, 37, 0, "meetings", "head"),
        date="--07-15",
        participations=(Participation("phạm văn dũng", "chair", Evidence(21, 28, 0, "m", "c")),),
    )
    ex = ArticleExtraction("a1", persons=(person,), meetings=(meeting,))
    return to_rdflib(article_quads(doc, ex, base="http://x/"))


def only(graph: Graph, cls: URIRef) -> URIRef:
    (node,) = set(graph.subjects(RDF.type, cls))
    assert isinstance(node, URIRef)
    return node


def test_writer_output_conforms() -> None:
    result = validate(valid_graph())
    assert result == ValidationResult(True, 0, "")


def test_participation_without_participant() -> None:
    data = valid_graph()
    part = only(data, URIRef(KG.Participation))
    data.remove((part, URIRef(KG.participant), None, None))
    result = validate(data)
    assert not result.conforms and result.violations == 1
    assert str(part) in result.report and "kg:participant" in result.report


def test_meeting_with_two_kinds_and_two_dates() -> None:
    data = valid_graph()
    meeting = only(data, URIRef(KG.Meeting))
    graph = next(g for g in data.graphs() if len(g))
    graph.add((meeting, URIRef(KG.kind), Literal("lễ")))
    graph.add((meeting, URIRef(SCHEMA.startDate), Literal("2021-07-15", datatype=XSD.date)))
    result = validate(data)
    assert result.violations == 2
    lines = result.report.splitlines()
    assert any("kg:kind" in line and "More than 1" in line for line in lines)
    assert any("schema:startDate" in line for line in lines)


@pytest.mark.parametrize(
    ("turtle", "path"),
    [
        ('x:p a kg:Participation ; kg:role "guest" .', "kg:role"),
        ('x:m a kg:Meeting ; kg:kind "lễ" ; schema:startDate "15/7" .', "schema:startDate"),
        ("x:d a kg:LegalDocument .", "dcterms:identifier"),
        ('x:d a kg:LegalDocument ; dcterms:identifier "1/QĐ", "2/QĐ" .', "dcterms:identifier"),
        ("x:p a schema:Person .", "schema:name"),
        ('x:p a schema:Person ; schema:name "" .', "schema:name"),
        ('x:e a kg:Evidence ; nif:beginIndex "a" .', "nif:beginIndex"),
        ("x:e a kg:Evidence ; nif:beginIndex 9 ; nif:endIndex 3 .", "nif:beginIndex"),
        ("x:e a kg:Evidence ; nif:beginIndex -1 ; nif:endIndex 3 .", "nif:beginIndex"),
        ("x:e a kg:Evidence ; kg:confidence 1.5 .", "kg:confidence"),
        ('x:u a kg:DocumentUse ; kg:relation "praises" .', "kg:relation"),
        ('x:r a kg:RankAssignment ; kg:person x:nobody ; kg:rank "Đại tá" .', "kg:person"),
    ],
)
def test_broken_nodes_are_reported(turtle: str, path: str) -> None:
    result = validate(PREFIXES + turtle)
    assert not result.conforms
    assert any(path in line for line in result.report.splitlines()), result.report


def test_report_has_one_line_per_violation_and_no_raw_line_breaks() -> None:
    result = validate(PREFIXES + 'x:p a schema:Person ; schema:name "" .\nx:d a kg:LegalDocument .')
    assert result.violations == len(result.report.splitlines()) == 2
    assert all(line.startswith("<http://x/") for line in result.report.splitlines())


def test_every_kg_class_has_a_shape() -> None:
    shapes = shapes_graph()
    targets = {str(t) for t in shapes.objects(None, URIRef(SH.targetClass))}
    onto = Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "kg.ttl")
    classes = {str(c) for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(KG_NS)}
    assert classes <= targets


def test_accepts_paths_file_names_and_nquads(tmp_path: Path) -> None:
    data = valid_graph()
    nq = tmp_path / "g.nq"
    nq.write_text(data.serialize(format="nquads"), encoding="utf-8")
    assert validate(nq).conforms
    assert validate(str(nq)).conforms
    assert validate(nq.read_text(encoding="utf-8")).conforms
    ttl = tmp_path / "bad.ttl"
    ttl.write_text(PREFIXES + "x:p a schema:Person .", encoding="utf-8")
    assert validate(ttl).violations == 1


def test_unparseable_text_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        validate("this is { not rdf")


def test_result_is_frozen() -> None:
    result = validate(valid_graph())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.conforms = False  # type: ignore[misc]


def test_text_nodes_need_their_context() -> None:
    data = valid_graph()
    sentence = only(data, URIRef(NIF.Sentence))
    data.remove((sentence, URIRef(NIF.referenceContext), None, None))
    assert "nif:referenceContext" in validate(data).report
