"""Records to RDF: every triple read from one article, in the article's named graph.

:func:`article_quads` turns a :class:`~kg.document.Document` and its
:class:`~kg.model.ArticleExtraction` into pyoxigraph quads following ``docs/rdf.md``:
the article, the sentences and evidence spans that facts were read from, persons with
their rank and post claims dated by the article, bodies, posts, meetings with their
participations and documents, authors, awards, campaigns and abbreviations. Every node
has a deterministic IRI (:mod:`kg.identity`); there are no blank nodes, and the quads
come back sorted, so one article always gives the same bytes.

Example:
    >>> from kg.document import Document
    >>> from kg.model import ArticleExtraction, Campaign, Evidence
    >>> doc = Document.from_text("a1", "Phong trào Thi đua Quyết thắng.")
    >>> ev = Evidence(19, 30, 0, "campaigns", "campaign.name")
    >>> ex = ArticleExtraction("a1", campaigns=(Campaign("Quyết thắng", ev),))
    >>> quads = article_quads(doc, ex, base="http://x/")
    >>> len(quads), {q.graph_name.value for q in quads}
    (21, {'http://x/article/a1'})
    >>> [q.object.value for q in quads if q.predicate.value.endswith("anchorOf")]
    ['Quyết thắng', 'Phong trào Thi đua Quyết thắng.']
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize
from rdflib import Dataset

from kg import identity as ids
from kg import rdf_terms as T
from kg.document import Document
from kg.model import (
    ArticleExtraction,
    Evidence,
    LegalDocument,
    Meeting,
    Person,
)
from kg.text import fold
from kg.vocab import DEFAULT_BASE

__all__ = ["article_quads", "to_rdflib"]

_Object = NamedNode | Literal


class _Writer:
    """Collects one article's quads; node IRIs are made once and remembered."""

    def __init__(self, doc: Document, extraction: ArticleExtraction, base: str) -> None:
        self.doc = doc
        self.ex = extraction
        self.base = ids.normalize_base(base)
        self.aid = extraction.article_id
        self.article = NamedNode(ids.article_iri(self.base, self.aid))
        self.quads: set[Quad] = set()
        self.evidence: dict[str, Evidence] = {}
        self.orgs: dict[str, NamedNode] = {}
        self.persons: dict[str, NamedNode] = {}
        self.documents: dict[str, NamedNode] = {}
        self.as_of = _as_of(doc, extraction)
        self.known_bodies = _known_bodies(extraction)

    def add(self, s: NamedNode, p: NamedNode, o: _Object) -> None:
        self.quads.add(Quad(s, p, o, self.article))

    def text(self, s: NamedNode, p: NamedNode, value: str | None) -> None:
        if value is not None:
            self.add(s, p, Literal(value))

    def link_evidence(self, node: NamedNode, evidence: Iterable[Evidence | None]) -> None:
        for ev in evidence:
            if ev is None:
                continue
            iri = ids.evidence_iri(self.base, self.aid, ev)
            # Two records can share a span and rule id (one evidence node): keep one reading.
            known = self.evidence.get(iri)
            if known is None or _evidence_key(ev) < _evidence_key(known):
                self.evidence[iri] = ev
            self.add(node, T.EVIDENCE, NamedNode(iri))

    def claim(self, node: NamedNode, cls: NamedNode, evidence: Iterable[Evidence | None]) -> None:
        self.add(node, T.TYPE, cls)
        self.add(node, T.DERIVED_FROM, self.article)
        self.link_evidence(node, evidence)

    # shared entities -------------------------------------------------------------

    def org(self, name: str) -> NamedNode:
        node = self.orgs.get(name)
        if node is None:
            node = self.orgs[name] = NamedNode(ids.org_iri(self.base, name))
            self.add(node, T.TYPE, T.C_ORG)
            self.add(node, T.TYPE, T.C_SCHEMA_ORG)
            self.text(node, T.NAME, name)
            self.text(node, T.LABEL, name)
            self.add(self.article, T.MENTIONS, node)
        return node

    def person(self, p: Person) -> NamedNode:
        node = NamedNode(ids.person_iri(self.base, p, self.aid))
        self.persons[p.key] = node
        self.add(node, T.TYPE, T.C_PERSON)
        self.text(node, T.NAME, p.name)
        self.text(node, T.LABEL, p.name)
        self.add(self.article, T.MENTIONS, node)
        self.link_evidence(node, p.mentions)
        if p.rank is not None:
            rank = NamedNode(ids.rank_iri(self.base, self.aid, p.key))
            self.claim(rank, T.C_RANK, (p.rank.evidence,))
            self.add(rank, T.PERSON, node)
            self.text(rank, T.RANK, p.rank.value)
            self.dated(rank)
        for pos in p.positions:
            post = NamedNode(ids.post_iri(self.base, pos.title, pos.organization))
            self.add(post, T.TYPE, T.C_POST)
            self.text(post, T.POST_TITLE, pos.title)
            label = pos.title if pos.organization is None else f"{pos.title} {pos.organization}"
            self.text(post, T.LABEL, label)
            holding = NamedNode(
                ids.holding_iri(self.base, self.aid, p.key, pos.title, pos.organization)
            )
            self.claim(holding, T.C_MEMBERSHIP, (pos.evidence,))
            self.add(holding, T.MEMBER, node)
            self.text(holding, T.POST_TITLE, pos.title)
            self.add(holding, T.POST, post)
            self.dated(holding)
            if pos.organization is not None:
                body = self.org(pos.organization)
                self.add(post, T.POST_IN, body)
                self.add(holding, T.ORGANIZATION, body)
            self.add(node, T.HOLDS, post)
        return node

    def dated(self, claim: NamedNode) -> None:
        if self.as_of is not None:
            self.add(claim, T.AS_OF, self.as_of)

    def document(self, d: LegalDocument) -> NamedNode:
        node = NamedNode(ids.document_iri(self.base, d))
        for key in (d.identifier, *d.aliases):
            self.documents.setdefault(fold(key), node)
        self.add(node, T.TYPE, T.C_DOCUMENT)
        self.text(node, T.IDENTIFIER, d.identifier)
        self.text(node, T.DOCUMENT_TYPE, d.type)
        issued = T.date_literal(d.date)
        if issued is not None:
            self.add(node, T.ISSUED, issued)
        self.text(node, T.ISSUER_NAME, d.issuer)
        if d.issuer is not None and fold(d.issuer) in self.known_bodies:
            self.add(node, T.CREATOR, self.org(self.known_bodies[fold(d.issuer)]))
        self.text(node, T.TITLE, d.title)
        for alias in d.aliases:
            self.text(node, T.ALT_LABEL, alias)
        self.add(self.article, T.MENTIONS, node)
        self.link_evidence(node, d.evidence)
        return node

    def document_for(self, identifier: str) -> NamedNode:
        node = self.documents.get(fold(identifier))
        return node if node is not None else self.document(LegalDocument(identifier))

    # article-local nodes ---------------------------------------------------------

    def meeting(self, index: int, m: Meeting) -> None:
        node = NamedNode(ids.meeting_iri(self.base, self.aid, index))
        self.claim(node, T.C_MEETING, (m.evidence,))
        self.add(node, T.TYPE, T.C_EVENT)
        self.text(node, T.KIND, m.kind)
        self.text(node, T.LABEL, m.label)
        start = T.start_date_literal(m.date)
        if start is not None:
            self.add(node, T.START_DATE, start)
        if m.location:
            place = NamedNode(ids.place_iri(self.base, m.location))
            self.add(place, T.TYPE, T.C_PLACE)
            self.text(place, T.NAME, m.location)
            self.add(node, T.LOCATION, place)
        if m.organizer:
            self.add(node, T.ORGANIZER, self.org(m.organizer))
        self.add(node, T.ONLINE, T.TRUE if m.online else T.FALSE)
        for part in m.participations:
            person = self.persons.get(part.person)
            if person is None:  # a key no person record has: nobody to link
                continue
            iri = ids.participation_iri(self.base, self.aid, index, part.person, part.role)
            role = NamedNode(iri)
            self.claim(role, T.C_PARTICIPATION, (part.evidence,))
            self.add(role, T.MEETING, node)
            self.add(role, T.PARTICIPANT, person)
            self.text(role, T.ROLE, part.role)
            self.add(node, T.ATTENDEE, person)
            shortcut = T.ROLE_SHORTCUTS.get(part.role)
            if shortcut is not None:
                self.add(node, shortcut, person)
        for rel in m.documents:
            document = self.document_for(rel.identifier)
            iri = ids.document_use_iri(self.base, self.aid, index, rel.identifier, rel.relation)
            use = NamedNode(iri)
            self.claim(use, T.C_DOCUMENT_USE, (rel.evidence,))
            self.add(use, T.MEETING, node)
            self.add(use, T.DOCUMENT, document)
            self.text(use, T.RELATION, rel.relation)
            self.add(node, T.RELATION_SHORTCUTS[rel.relation], document)

    def write(self) -> list[Quad]:
        ex, art = self.ex, self.article
        self.add(art, T.TYPE, T.C_ARTICLE)
        self.add(art, T.TYPE, T.C_NEWS_ARTICLE)
        self.text(art, T.IDENTIFIER, self.aid)
        self.text(art, T.SOURCE_FILE, self.doc.source or None)
        self.text(art, T.TITLE, self.doc.title)
        published = T.published_literal(self.doc.published)
        if published is not None:
            self.add(art, T.DATE_PUBLISHED, published)
        for warning in ex.warnings:
            self.text(art, T.WARNING, warning)

        alt_labels = _alt_labels(ex)
        for o in ex.organizations:
            node = self.org(o.name)
            for short in sorted(alt_labels.get(fold(o.name), ())):
                self.text(node, T.ALT_LABEL, short)
            self.link_evidence(node, o.evidence)
        for p in ex.persons:
            self.person(p)
        for d in ex.documents:
            self.document(d)
        for i, m in enumerate(ex.meetings):
            self.meeting(i, m)
        for a in ex.authors:
            node = NamedNode(ids.author_iri(self.base, a.name))
            self.add(node, T.TYPE, T.C_AUTHOR)
            self.add(node, T.TYPE, T.C_PERSON)
            self.text(node, T.NAME, a.name)
            self.add(art, T.AUTHOR, node)
            self.link_evidence(node, (a.evidence,))
        for i, aw in enumerate(ex.awards):
            node = NamedNode(ids.award_iri(self.base, self.aid, i))
            self.claim(node, T.C_AWARD, (aw.evidence,))
            self.text(node, T.NAME, aw.name)
            if aw.issuer:
                self.add(node, T.ISSUER, self.org(aw.issuer))
            presenter = self.persons.get(aw.presenter) if aw.presenter else None
            if presenter is not None:
                self.add(node, T.PRESENTER, presenter)
            if aw.year is not None:
                self.add(node, T.YEAR, T.year_literal(aw.year))
        for c in ex.campaigns:
            node = NamedNode(ids.campaign_iri(self.base, c.name))
            self.add(node, T.TYPE, T.C_CAMPAIGN)
            self.text(node, T.NAME, c.name)
            self.add(art, T.MENTIONS, node)
            self.link_evidence(node, (c.evidence,))
        self.abbreviations()
        self.spans()
        return sorted(self.quads, key=str)

    def abbreviations(self) -> None:
        defs = self.ex.abbreviations
        shorts = [ids.abbreviation_iri(self.base, self.aid, a.short) for a in defs]
        for a, short_iri in zip(defs, shorts, strict=True):
            # the long form enters the IRI only when the short form is defined twice
            twice = shorts.count(short_iri) > 1
            iri = ids.abbreviation_iri(self.base, self.aid, a.short, a.long if twice else None)
            node = NamedNode(iri)
            self.claim(node, T.C_ABBREVIATION, (a.evidence,))
            self.text(node, T.SHORT_FORM, a.short)
            self.text(node, T.LONG_FORM, a.long)

    def spans(self) -> None:
        text, sentences = self.doc.text, self.doc.sentences
        used: set[int] = set()
        for iri, ev in self.evidence.items():
            node = NamedNode(iri)
            self.add(node, T.TYPE, T.C_EVIDENCE)
            self.add(node, T.BEGIN, T.count_literal(ev.start))
            self.add(node, T.END, T.count_literal(ev.end))
            self.add(node, T.ANCHOR_OF, Literal(text[max(ev.start, 0) : max(ev.end, 0)]))
            self.add(node, T.CONTEXT, self.article)
            self.text(node, T.EXTRACTOR, ev.extractor)
            self.text(node, T.RULE, ev.rule)
            confidence = T.decimal_literal(ev.confidence)
            if confidence is not None:
                self.add(node, T.CONFIDENCE, confidence)
            if 0 <= ev.sentence < len(sentences):
                used.add(ev.sentence)
                self.add(node, T.SENTENCE, self.sentence_node(ev.sentence))
        for index in used:
            sentence = sentences[index]
            node = self.sentence_node(index)
            self.add(node, T.TYPE, T.C_SENTENCE)
            self.add(node, T.BEGIN, T.count_literal(sentence.start))
            self.add(node, T.END, T.count_literal(sentence.end))
            self.add(node, T.ANCHOR_OF, Literal(text[sentence.start : sentence.end]))
            self.add(node, T.CONTEXT, self.article)

    def sentence_node(self, index: int) -> NamedNode:
        return NamedNode(ids.sentence_iri(self.base, self.aid, index))


def _evidence_key(ev: Evidence) -> tuple[str, float, int]:
    return (ev.extractor, -ev.confidence, ev.sentence)


def _as_of(doc: Document, ex: ArticleExtraction) -> Literal | None:
    """The date claims hold at: the first full meeting date, else the publication date."""
    for m in ex.meetings:
        lit = T.date_literal(m.date)
        if lit is not None:
            return lit
    return T.date_literal((doc.published or "")[:10])


def _known_bodies(ex: ArticleExtraction) -> dict[str, str]:
    """Folded name or abbreviation → canonical name of every body the article names."""
    known: dict[str, str] = {}
    for o in ex.organizations:
        for key in (o.name, *o.abbreviations):
            known.setdefault(fold(key), o.name)
    return known


def _alt_labels(ex: ArticleExtraction) -> dict[str, set[str]]:
    """Folded canonical name → its abbreviated forms, from bodies and definitions."""
    labels: dict[str, set[str]] = {}
    for o in ex.organizations:
        labels.setdefault(fold(o.name), set()).update(o.abbreviations)
    for a in ex.abbreviations:
        labels.setdefault(fold(a.long), set()).add(a.short)
    return labels


def article_quads(
    doc: Document, extraction: ArticleExtraction, *, base: str = DEFAULT_BASE
) -> list[Quad]:
    """Every quad of one article, in its named graph (the article IRI), sorted.

    Args:
        doc: The article as extracted from (offsets of the evidence point into it).
        extraction: What the extractors read from it.
        base: Base IRI of instance nodes.

    Raises:
        ValueError: when ``doc`` and ``extraction`` are of different articles, or an
            IRI cannot be made from the base.
    """
    if doc.id != extraction.article_id:
        raise ValueError(f"document {doc.id!r} and extraction {extraction.article_id!r} differ")
    return _Writer(doc, extraction, base).write()


def to_rdflib(quads: Iterable[Quad]) -> Dataset:
    """An rdflib dataset holding ``quads`` (for SHACL validation and rdflib tools).

    Its default graph is the union of the named graphs, so triple patterns match in any.

    >>> from pyoxigraph import NamedNode as N, Literal as L
    >>> q = Quad(N("http://x/s"), N("http://x/p"), L("a\\nb"), N("http://x/g"))
    >>> len(to_rdflib([q]))
    1
    """
    dataset = Dataset(default_union=True)  # reads see every article graph at once
    data = serialize(quads, format=RdfFormat.N_QUADS)
    if data:
        with warnings.catch_warnings():
            # rdflib's own parser calls its deprecated Dataset.default_context
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(data=data, format="nquads")
    return dataset
