"""A small graph in the docs/rdf.md shape, built without the extractors, for the page,
browser, endpoint and table-export tests; and a store holding it.

>>> len(sample()) > 50
True
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from kg.store import Store

KG = Namespace("https://w3id.org/kgvn/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DCT = Namespace("http://purl.org/dc/terms/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
B = "https://w3id.org/kgvn/id/"

HUNG = B + "person/nguyễn-việt-hùng--quân-khu-1"
BINH = B + "person/lê-văn-bình--a1"
MEETING = B + "article/a1/meeting/0"
BODY = B + "org/quân-khu-1"
DOC = B + "document/752-ct-ct"
CAMPAIGN = B + "campaign/quyết-thắng"
SOURCE = "articles/a1.txt"
SENTENCES = (
    "Đại tá Nguyễn Việt Hùng, Phó Chính ủy Quân khu 1 chủ trì hội nghị.",
    "Đồng chí Lê Văn Bình phát biểu tại hội nghị tổng kết Chỉ thị 752/CT-CT.",
)


class Article:
    """Builds one article in the docs/rdf.md shape; evidence points at its sentences."""

    def __init__(
        self, graph: Graph, article: str, sentences: tuple[str, ...], source: str | None = None
    ) -> None:
        self.g, self.article = graph, URIRef(B + "article/" + article)
        self.id = article
        if source is not None:
            self.add(self.article, KG.sourceFile, Literal(source))
        self.add(self.article, RDF.type, KG.Article)
        self.add(self.article, RDF.type, SCHEMA.NewsArticle)
        self.add(self.article, DCT.identifier, Literal(article))
        begin = 0
        for n, text in enumerate(sentences):
            s = URIRef(f"{self.article}/sentence/{n}")
            self.add(s, RDF.type, NIF.Sentence)
            self.add(s, NIF.anchorOf, Literal(text))
            self.add(s, NIF.beginIndex, Literal(begin))
            self.add(s, NIF.referenceContext, self.article)
            begin += len(text) + 1

    def add(self, s: Any, p: Any, o: Any) -> None:
        # Literal is a str too: only plain strings are IRIs here.
        self.g.add((URIRef(s) if type(s) is str else s, p, URIRef(o) if type(o) is str else o))

    def evidence(self, subject: str, sentence: int, rule: str) -> None:
        ev = URIRef(f"{self.article}/evidence/{sentence}-{rule}")
        self.add(ev, RDF.type, KG.Evidence)
        self.add(ev, NIF.sentence, URIRef(f"{self.article}/sentence/{sentence}"))
        self.add(ev, NIF.referenceContext, self.article)
        self.add(subject, KG.evidence, ev)

    def entity(self, iri: str, types: tuple[URIRef, ...], name: str) -> None:
        for t in types:
            self.add(iri, RDF.type, t)
        self.add(iri, SCHEMA.name, Literal(name))
        self.add(iri, RDFS.label, Literal(name))
        self.add(self.article, SCHEMA.mentions, iri)

    def role(self, person: str, meeting: str, role: str, sentence: int) -> None:
        claim = f"{meeting}/role/{person.rsplit('/', 1)[-1]}--{role}"
        self.add(claim, RDF.type, KG.Participation)
        self.add(claim, KG.meeting, meeting)
        self.add(claim, KG.participant, person)
        self.add(claim, KG.role, Literal(role))
        self.add(meeting, SCHEMA.attendee, person)
        self.evidence(claim, sentence, f"role-{role}")


def sample(
    names: tuple[str, str] = ("Nguyễn Việt Hùng", "Lê Văn Bình"),
    sentences: tuple[str, ...] = SENTENCES,
    source: str = SOURCE,
) -> Graph:
    """One article: a meeting chaired by Hùng, Bình speaking, a document reviewed."""
    g = Graph()
    a = Article(g, "a1", sentences, source)
    a.entity(HUNG, (SCHEMA.Person,), names[0])
    a.entity(BINH, (SCHEMA.Person,), names[1])
    a.entity(BODY, (ORG.Organization, SCHEMA.Organization), "Quân khu 1")
    rank = f"{a.article}/rank/hung"
    a.add(rank, RDF.type, KG.RankAssignment)
    a.add(rank, KG.person, HUNG)
    a.add(rank, KG.rank, Literal("Đại tá"))
    a.add(rank, KG.asOf, Literal("2024-05-10", datatype=XSD.date))
    a.evidence(rank, 0, "rank")
    hold = f"{a.article}/holding/hung--pcu"
    a.add(hold, RDF.type, ORG.Membership)
    a.add(hold, ORG.member, HUNG)
    a.add(hold, ORG.organization, BODY)
    a.add(hold, KG.title, Literal("Phó Chính ủy"))
    a.add(hold, KG.asOf, Literal("2024-05-10", datatype=XSD.date))
    a.evidence(hold, 0, "post")
    a.add(MEETING, RDF.type, KG.Meeting)
    a.add(MEETING, RDF.type, SCHEMA.Event)
    a.add(MEETING, RDFS.label, Literal("Hội nghị tổng kết Chỉ thị 752"))
    a.add(MEETING, SCHEMA.startDate, Literal("2024-05-10", datatype=XSD.date))
    a.add(MEETING, SCHEMA.organizer, BODY)
    a.add(MEETING, SCHEMA.location, B + "place/hà-nội")
    a.add(MEETING, PROV.wasDerivedFrom, a.article)
    a.add(MEETING, KG.online, Literal(True))
    a.evidence(MEETING, 0, "meeting")
    a.add(B + "place/hà-nội", RDF.type, SCHEMA.Place)
    a.add(B + "place/hà-nội", SCHEMA.name, Literal("Hà Nội"))
    a.role(HUNG, MEETING, "chair", 0)
    a.role(BINH, MEETING, "participant", 1)
    a.role(BINH, MEETING, "speaker", 1)
    a.add(DOC, RDF.type, KG.LegalDocument)
    a.add(DOC, DCT.identifier, Literal("752/CT-CT"))
    a.add(DOC, KG.documentType, Literal("Chỉ thị"))
    use = f"{MEETING}/document/752-ct-ct--reviews"
    a.add(use, RDF.type, KG.DocumentUse)
    a.add(use, KG.meeting, MEETING)
    a.add(use, KG.document, DOC)
    a.add(use, KG.relation, Literal("reviews"))
    a.add(MEETING, KG.reviews, DOC)
    a.entity(CAMPAIGN, (KG.Campaign,), "Quyết thắng")
    return g


def page_data(page: str) -> dict[str, Any]:
    """The JSON block the page draws from."""
    found = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert found, "no data block"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def big_graph(meetings: int = 40, people: int = 50) -> Graph:
    """``meetings`` meetings of ``people`` participants each: 2,041 nodes by default."""
    g = Graph()
    a = Article(g, "big", ("Câu.",))
    for m in range(meetings):
        meeting = f"{B}article/big/meeting/{m}"
        a.add(meeting, RDF.type, KG.Meeting)
        a.add(meeting, RDFS.label, Literal(f"Hội nghị {m}"))
        for p in range(people):
            person = f"{B}person/p{m}-{p}"
            a.entity(person, (SCHEMA.Person,), f"Người {m} {p}")
            a.role(person, meeting, "participant", 0)
    return g


def fill_store(graph: Graph, out_dir: Path) -> Path:
    """A kg store in ``out_dir/store`` holding ``graph`` as one article graph each
    (by the article of each subject's IRI); returns ``out_dir``."""
    quads: dict[str, list[ox.Quad]] = {}
    data = graph.serialize(format="nt", encoding="utf-8")
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        subject = t.subject.value if isinstance(t.subject, ox.NamedNode) else ""
        found = re.match(re.escape(B) + r"article/[^/]+", subject)
        name = found.group(0) if found else B + "article/a1"
        quad = ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
        quads.setdefault(name, []).append(quad)
    with Store.open(out_dir) as store:
        for name, items in sorted(quads.items()):
            store.replace_article(name, items)
    return out_dir
