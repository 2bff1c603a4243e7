"""Records → RDF: the quads of one article, checked node by node and through round trips."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
import rdflib

from kg.document import Document
from kg.identity import DEFAULT_BASE, person_iri
from kg.model import (
    Abbreviation,
    ArticleExtraction,
    Author,
    Award,
    Campaign,
    DocumentRelation,
    Evidence,
    LegalDocument,
    Meeting,
    Organization,
    Participation,
    Person,
    Position,
    Rank,
)
from kg.rdf import article_quads, to_rdflib
from kg.shacl import validate
from kg.vocab import DCTERMS, KG, NIF, ORG, PROV, RDF, SCHEMA, SKOS, XSD

# rdflib's own parsers and serializers call its deprecated Dataset API
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*(default_context|contexts|ConjunctiveGraph).*:DeprecationWarning"
)

BODY = "Tổng cục Hậu cần - Kỹ thuật"
TEXT = (
    "Sáng 26/12, tại Hà Nội, Tổng cục Hậu cần - Kỹ thuật (Tổng cục HC-KT) tổ chức hội nghị "
    "tổng kết thực hiện Chỉ thị số 15/CT-BQP ngày 3/3/2020 của Bộ Quốc phòng. "
    "Trung tướng Lê Văn Bình, Chủ nhiệm Tổng cục HC-KT chủ trì và phát biểu. "
    "Dự có đồng chí Trần Thị Cúc, Phó Bí thư Tỉnh ủy.\n"
    "Tin, ảnh: MINH ANH"
)


def span(doc: Document, surface: str, extractor: str, rule: str, nth: int = 0) -> Evidence:
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(surface, at + 1)
    return Evidence(at, at + len(surface), doc.sentence_index(at), extractor, rule, 0.9)


def build(
    aid: str = "a1", text: str = TEXT, **meeting: object
) -> tuple[Document, ArticleExtraction]:
    doc = Document.from_text(
        aid, text, source=f"in/{aid}.txt", title="Tổng kết", published="2022-12-27"
    )

    def e(surface: str, extractor: str = "x", rule: str = "r", nth: int = 0) -> Evidence:
        return span(doc, surface, extractor, rule, nth)

    binh = Person(
        "lê văn bình",
        "Lê Văn Bình",
        Rank("Trung tướng", e("Trung tướng Lê Văn Bình", "persons", "rank")),
        (Position("Chủ nhiệm", BODY, e("Chủ nhiệm Tổng cục HC-KT", "persons", "post")),),
        mentions=(e("Lê Văn Bình", "persons", "name"),),
    )
    cuc = Person(
        "trần thị cúc",
        "Trần Thị Cúc",
        positions=(Position("Phó Bí thư", "Tỉnh ủy", e("Phó Bí thư Tỉnh ủy", "persons", "post")),),
        mentions=(e("Trần Thị Cúc", "persons", "name"),),
    )
    directive = LegalDocument(
        "15/CT-BQP",
        "Chỉ thị",
        "2020-03-03",
        "Bộ Quốc phòng",
        None,
        ("Chỉ thị 15",),
        (e("Chỉ thị số 15/CT-BQP", "documents", "doc"),),
    )
    fields: dict[str, object] = {
        "date": "2022-12-26",
        "location": "Hà Nội",
        "organizer": BODY,
        "participations": (
            Participation("lê văn bình", "chair", e("chủ trì", "meetings", "chair")),
            Participation("lê văn bình", "speaker", e("phát biểu", "meetings", "speaker")),
            Participation("trần thị cúc", "participant", e("Dự có", "meetings", "present")),
            Participation("nobody", "participant", e("Dự có", "meetings", "present")),
        ),
        "documents": (
            DocumentRelation("15/CT-BQP", "reviews", e("tổng kết thực hiện", "meetings", "rev")),
        ),
    }
    fields.update(meeting)
    m = Meeting("tổng kết", "hội nghị tổng kết", e("hội nghị", "meetings", "head"), **fields)  # type: ignore[arg-type]
    ex = ArticleExtraction(
        aid,
        persons=(binh, cuc),
        organizations=(
            Organization(BODY, ("Tổng cục HC-KT",), (e(BODY, "organizations", "org"),)),
            Organization("Bộ Quốc phòng", (), (e("Bộ Quốc phòng", "organizations", "org"),)),
        ),
        documents=(directive,),
        meetings=(m,),
        authors=(Author("MINH ANH", e("MINH ANH", "bylines", "byline")),),
        awards=(
            Award("Bằng khen", e("hội nghị", "awards", "a"), "Bộ Quốc phòng", "lê văn bình", 2022),
        ),
        campaigns=(Campaign("Quyết thắng", e("Hà Nội", "campaigns", "c")),),
        abbreviations=(
            Abbreviation("Tổng cục HC-KT", BODY, e("Tổng cục HC-KT", "organizations", "abbr")),
        ),
        warnings=("no year in date",),
    )
    return doc, ex


def n(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def store_of(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def objects(quads: list[ox.Quad], s: ox.NamedNode | None, p: object) -> list[ox.Term]:
    return sorted(
        (q.object for q in quads if (s is None or q.subject == s) and q.predicate == n(p)), key=str
    )


def of_type(quads: list[ox.Quad], cls: object) -> list[ox.NamedNode]:
    return [q.subject for q in quads if q.predicate == n(RDF.type) and q.object == n(cls)]


@pytest.fixture(scope="module")
def article() -> tuple[Document, ArticleExtraction, list[ox.Quad]]:
    doc, ex = build()
    return doc, ex, article_quads(doc, ex)


def test_all_quads_in_the_article_graph_without_blank_nodes(article) -> None:
    _, _, quads = article
    assert {q.graph_name.value for q in quads} == {DEFAULT_BASE + "article/a1"}
    for q in quads:
        assert not isinstance(q.subject, ox.BlankNode)
        assert not isinstance(q.object, ox.BlankNode)


def test_evidence_anchor_is_the_text_span(article) -> None:
    doc, _, quads = article
    evidence = of_type(quads, KG.Evidence)
    assert len(evidence) >= 10
    for ev in evidence:
        (begin,) = objects(quads, ev, NIF.beginIndex)
        (end,) = objects(quads, ev, NIF.endIndex)
        (anchor,) = objects(quads, ev, NIF.anchorOf)
        assert anchor.value == doc.text[int(begin.value) : int(end.value)]
        assert begin.datatype == n(XSD.integer)
        (sentence,) = objects(quads, ev, NIF.sentence)
        (s_begin,) = objects(quads, sentence, NIF.beginIndex)
        (s_text,) = objects(quads, sentence, NIF.anchorOf)
        assert doc.text.startswith(s_text.value, int(s_begin.value))
        (conf,) = objects(quads, ev, KG.confidence)
        assert (conf.value, conf.datatype) == ("0.9", n(XSD.decimal))


def test_only_sentences_with_evidence_are_written(article) -> None:
    doc, _, quads = article
    assert len(of_type(quads, NIF.Sentence)) == len(doc.sentences) == 4
    doc2, ex2 = build()
    ex2 = ArticleExtraction("a1", authors=ex2.authors)
    assert len(of_type(article_quads(doc2, ex2), NIF.Sentence)) == 1


def test_article_node(article) -> None:
    _, _, quads = article
    art = n(DEFAULT_BASE + "article/a1")
    assert [o.value for o in objects(quads, art, DCTERMS.identifier)] == ["a1"]
    assert [o.value for o in objects(quads, art, KG.sourceFile)] == ["in/a1.txt"]
    (published,) = objects(quads, art, SCHEMA.datePublished)
    assert (published.value, published.datatype) == ("2022-12-27", n(XSD.date))
    mentioned = {o.value.split("/")[-2] for o in objects(quads, art, SCHEMA.mentions)}
    assert mentioned == {"person", "org", "document", "campaign"}
    # 2 persons, 3 bodies (the bare "Tỉnh ủy" of a post too), 1 document, 1 campaign
    assert len(objects(quads, art, SCHEMA.mentions)) == 7
    (author,) = objects(quads, art, SCHEMA.author)
    assert [o.value for o in objects(quads, author, SCHEMA.name)] == ["MINH ANH"]


def test_claims_are_dated_derived_and_evidenced(article) -> None:
    _, _, quads = article
    art = n(DEFAULT_BASE + "article/a1")
    claims = [c for cls in (KG.RankAssignment, ORG.Membership) for c in of_type(quads, cls)]
    assert len(claims) == 3
    for claim in claims:
        assert [o.value for o in objects(quads, claim, KG.asOf)] == ["2022-12-26"]
    for cls in (
        KG.RankAssignment,
        ORG.Membership,
        KG.Meeting,
        KG.Participation,
        KG.DocumentUse,
        KG.Award,
        KG.AbbreviationDefinition,
    ):
        for claim in of_type(quads, cls):
            assert objects(quads, claim, PROV.wasDerivedFrom) == [art]
            assert objects(quads, claim, KG.evidence), claim


def test_posts_and_holdings(article) -> None:
    _, _, quads = article
    (rank,) = of_type(quads, KG.RankAssignment)
    (binh,) = objects(quads, rank, KG.person)
    assert [o.value for o in objects(quads, rank, KG.rank)] == ["Trung tướng"]
    posts = objects(quads, binh, ORG.holds)
    assert len(posts) == 1
    assert [o.value for o in objects(quads, posts[0], KG.title)] == ["Chủ nhiệm"]
    assert [o.value for o in objects(quads, posts[0], rdflib.RDFS.label)] == [f"Chủ nhiệm {BODY}"]
    body = objects(quads, posts[0], ORG.postIn)
    assert [o.value for o in objects(quads, body[0], SKOS.altLabel)] == ["Tổng cục HC-KT"]


def test_identity_of_persons_in_the_graph(article) -> None:
    _, ex, quads = article
    persons = {objects(quads, p, SCHEMA.name)[0].value: p for p in of_type(quads, SCHEMA.Person)}
    assert persons["Lê Văn Bình"].value.endswith("--tổng-cục-hậu-cần-kỹ-thuật")
    assert persons["Trần Thị Cúc"].value.endswith("--a1")  # a bare "Tỉnh ủy" does not anchor
    assert persons["Lê Văn Bình"].value == person_iri(DEFAULT_BASE, ex.persons[0], "a9")


def test_meeting_node(article) -> None:
    _, _, quads = article
    (meeting,) = of_type(quads, KG.Meeting)
    (start,) = objects(quads, meeting, SCHEMA.startDate)
    assert (start.value, start.datatype) == ("2022-12-26", n(XSD.date))
    assert [o.value for o in objects(quads, meeting, KG.kind)] == ["tổng kết"]
    (place,) = objects(quads, meeting, SCHEMA.location)
    assert [o.value for o in objects(quads, place, SCHEMA.name)] == ["Hà Nội"]
    assert len(objects(quads, meeting, SCHEMA.organizer)) == 1
    assert [o.value for o in objects(quads, meeting, KG.online)] == ["false"]
    assert len(objects(quads, meeting, SCHEMA.attendee)) == 2  # the unknown key is dropped
    assert len(objects(quads, meeting, KG.chair)) == 1
    roles = sorted(objects(quads, None, KG.role), key=lambda o: o.value)
    assert [r.value for r in roles] == ["chair", "participant", "speaker"]
    (doc,) = objects(quads, meeting, KG.reviews)
    assert [o.value for o in objects(quads, doc, DCTERMS.identifier)] == ["15/CT-BQP"]
    (use,) = of_type(quads, KG.DocumentUse)
    assert objects(quads, use, KG.document) == [doc]
    assert [o.value for o in objects(quads, use, KG.relation)] == ["reviews"]


def test_document_node(article) -> None:
    _, _, quads = article
    (doc,) = of_type(quads, KG.LegalDocument)
    assert doc.value.endswith("/document/15-ct-bqp--2020")
    (issued,) = objects(quads, doc, DCTERMS.issued)
    assert (issued.value, issued.datatype) == ("2020-03-03", n(XSD.date))
    assert [o.value for o in objects(quads, doc, KG.issuerName)] == ["Bộ Quốc phòng"]
    (creator,) = objects(quads, doc, DCTERMS.creator)
    assert creator.value.endswith("/org/bộ-quốc-phòng")
    assert [o.value for o in objects(quads, doc, SKOS.altLabel)] == ["Chỉ thị 15"]


def test_award_and_abbreviation(article) -> None:
    _, _, quads = article
    (award,) = of_type(quads, KG.Award)
    (year,) = objects(quads, award, KG.year)
    assert (year.value, year.datatype) == ("2022", n(XSD.gYear))
    assert len(objects(quads, award, KG.presenter)) == 1
    (abbr,) = of_type(quads, KG.AbbreviationDefinition)
    assert [o.value for o in objects(quads, abbr, KG.longForm)] == [BODY]


def test_month_day_dates_and_as_of_fallback() -> None:
    doc, ex = build(date="--12-26")
    quads = article_quads(doc, ex)
    (meeting,) = of_type(quads, KG.Meeting)
    (start,) = objects(quads, meeting, SCHEMA.startDate)
    assert (start.value, start.datatype) == ("--12-26", n(XSD.gMonthDay))
    (rank,) = of_type(quads, KG.RankAssignment)
    assert [o.value for o in objects(quads, rank, KG.asOf)] == ["2022-12-27"]  # published
    assert validate(to_rdflib(quads)).conforms


@pytest.mark.parametrize("bad", ["--02-30", "2022-13-01", "26/12/2022", ""])
def test_invalid_dates_are_not_written(bad: str) -> None:
    doc, ex = build(date=bad)
    (meeting,) = of_type(article_quads(doc, ex), KG.Meeting)
    assert objects(article_quads(doc, ex), meeting, SCHEMA.startDate) == []


def test_round_trips_through_nquads_with_both_libraries(article) -> None:
    _, _, quads = article
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert len(list(ox.parse(data, format=ox.RdfFormat.N_QUADS))) == len(quads)
    assert sorted(ox.parse(data, format=ox.RdfFormat.N_QUADS), key=str) == quads
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format="nquads")
    assert sum(len(g) for g in dataset.graphs()) == len(quads)
    assert len(to_rdflib(quads).graph(rdflib.URIRef(DEFAULT_BASE + "article/a1"))) == len(quads)


def test_result_conforms_to_shapes(article) -> None:
    _, _, quads = article
    result = validate(to_rdflib(quads))
    assert result.conforms, result.report


def test_two_articles_share_entities_and_the_union_conforms() -> None:
    quads = [q for aid in ("a1", "a2") for q in article_quads(*build(aid))]
    store = store_of(quads)
    rows = store.query(
        "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p <https://schema.org/name> 'Lê Văn Bình' } }"
    )
    assert len(list(rows)) == 1
    rows = store.query(
        "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p <https://schema.org/name> 'Trần Thị Cúc' } }"
    )
    assert len(list(rows)) == 2  # no anchor: one person per article
    assert validate(to_rdflib(quads)).conforms


def test_deterministic_and_sorted() -> None:
    first = article_quads(*build())
    again = article_quads(*build())
    assert first == again
    assert first == sorted(first, key=str)
    assert len(set(first)) == len(first)


def test_hostile_strings_survive_serialization() -> None:
    hostile = 'Nguyễn "Văn" <script>alert(1)</script>\n\tA\\B {x} `y` ^z |w\r\x00\u2028'
    doc, ex = build()
    person = dataclasses.replace(ex.persons[0], name=hostile)
    meeting = dataclasses.replace(ex.meetings[0], label=hostile, location=hostile, kind=hostile)
    ex = dataclasses.replace(
        ex,
        persons=(person, ex.persons[1]),
        meetings=(meeting,),
        warnings=(hostile,),
        campaigns=(Campaign(hostile, ex.campaigns[0].evidence),),
    )
    quads = article_quads(doc, ex)
    values = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert hostile in values
    for fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        back = ox.parse(ox.serialize(quads, format=fmt), format=fmt)
        assert sorted(back, key=str) == quads
    dataset = to_rdflib(quads)
    literals = {str(o) for _, _, o, _ in dataset.quads() if isinstance(o, rdflib.Literal)}
    assert hostile in literals
    trig = dataset.serialize(format="trig")
    again = rdflib.Dataset().parse(data=trig, format="trig")
    assert hostile in {str(o) for _, _, o, _ in again.quads() if isinstance(o, rdflib.Literal)}
    assert validate(dataset).conforms


def test_mismatched_article_ids_are_refused() -> None:
    doc, ex = build()
    with pytest.raises(ValueError):
        article_quads(doc, dataclasses.replace(ex, article_id="other"))


def test_shared_span_and_rule_is_one_evidence_node() -> None:
    doc, ex = build()
    ev = ex.meetings[0].participations[2].evidence
    twin = dataclasses.replace(ev, extractor="other", confidence=0.5)
    cuc = dataclasses.replace(ex.persons[1], mentions=(twin,))
    quads = article_quads(doc, dataclasses.replace(ex, persons=(ex.persons[0], cuc)))
    assert validate(to_rdflib(quads)).conforms
    node = ox.NamedNode(f"{DEFAULT_BASE}article/a1/evidence/{ev.start}-{ev.end}-present")
    assert [o.value for o in objects(quads, node, KG.extractor)] == ["meetings"]


def test_empty_extraction_gives_only_the_article() -> None:
    doc = Document.from_text("e", "Không có gì.")
    quads = article_quads(doc, ArticleExtraction("e"), base="http://example.org/kg")
    assert {q.subject.value for q in quads} == {"http://example.org/kg/article/e"}
    assert validate(to_rdflib(quads)).conforms


def test_still_conforms_after_the_oxigraph_store(article) -> None:
    _, _, quads = article
    stored = list(store_of(quads))  # the store canonicalizes some literal datatypes
    result = validate(to_rdflib(stored))
    assert result.conforms, result.report
    assert len(stored) == len(quads)


def test_abbreviation_spelled_two_ways_stays_valid() -> None:
    """'TP.HCM' and 'TP HCM' share one slug, hence one node with two short forms."""
    text = "Tại TP.HCM (Thành phố Hồ Chí Minh) và TP HCM (Thành phố Hồ Chí Minh)."
    doc = Document.from_text("a9", text)
    first, second = text.index("TP.HCM"), text.index("TP HCM")
    abbreviations = tuple(
        Abbreviation(short, "Thành phố Hồ Chí Minh", Evidence(at, at + 6, 0, "organizations", "a"))
        for short, at in (("TP.HCM", first), ("TP HCM", second))
    )
    quads = article_quads(doc, ArticleExtraction("a9", abbreviations=abbreviations))
    short_forms = [q for q in quads if q.predicate == n(KG.shortForm)]
    assert len({q.subject for q in short_forms}) == 1 and len(short_forms) == 2
    assert validate(to_rdflib(quads)).conforms
