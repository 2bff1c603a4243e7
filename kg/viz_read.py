"""Read the graph of ``docs/rdf.md`` into a networkx picture of its entities.

Only entities a reader cares about become nodes (see :mod:`kg.viz_classes`); the
reified claims become labelled edges (participation, post holding, document use) or
node attributes (ranks, posts, dates), and evidence becomes source sentences.

Node attributes: ``label``, ``kind`` (class key), ``names`` (every name, for focus
matching), ``ranks`` ((rank, asOf) pairs), ``posts`` ((title, body, asOf) triples),
``facts`` ((field, value) pairs such as the meeting date), ``date`` (a meeting's
``YYYY-MM-DD`` date, else None), ``sources`` ((article id, sentence) pairs, at most
:data:`MAX_SOURCES`) and ``source_count``. Edge attributes: ``label``, ``kind``,
``as_of`` (dates) and ``sources``. Node ids are IRI strings. The graph attribute
``files`` maps each article id to its ``kg:sourceFile`` as written.

Example:
    >>> from rdflib import Graph, Literal, URIRef
    >>> from rdflib.namespace import RDF
    >>> g = Graph()
    >>> p = URIRef("https://w3id.org/kgvn/id/person/an--a1")
    >>> _ = g.add((p, RDF.type, SCHEMA.Person)).add((p, SCHEMA.name, Literal("Nguyễn Văn An")))
    >>> net = read_network(g)
    >>> net.nodes[str(p)]["label"], net.nodes[str(p)]["kind"], net.graph["files"]
    ('Nguyễn Văn An', 'person', {})
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Dataset
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.text import fold
from kg.viz_classes import (
    AUTHOR,
    AWARD_ISSUER,
    ENTITY_TYPES,
    FACT_FIELDS,
    ISSUED_BY,
    KG,
    LOCATION,
    MENTIONS,
    NIF,
    ORGANIZER,
    RELATION_LABELS,
    REPORTS,
    ROLE_LABELS,
    SCHEMA,
    classify,
)

MAX_SOURCES = 5
Source = tuple[str, int, str]  # (article id, sentence begin, sentence text)
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def union(graph: Graph) -> Graph:
    """The graph itself, or the union of all named graphs of a dataset.

    >>> union(Graph()).__class__.__name__
    'Graph'
    """
    if not isinstance(graph, ConjunctiveGraph | Dataset):
        return graph
    merged = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def read_network(graph: Graph) -> Any:
    """Every drawn entity of ``graph`` with its labelled edges, as a MultiDiGraph.

    Args:
        graph: A graph (or dataset, read as the union of its graphs) in the
            ``docs/rdf.md`` shape.

    Returns:
        A ``networkx.MultiDiGraph`` keyed by IRI strings; see the module docstring.
    """
    return _Reader(union(graph)).run()


def _text(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _local(term: Node) -> str:
    """Last segment of an IRI (``kg:chair`` -> ``chair``), or the literal text."""
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if isinstance(term, URIRef) else text


class _Reader:
    """One pass over the graph; accumulates nodes, edges and per-node sources."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.net: Any = nx.MultiDiGraph()
        self.sources: dict[str, set[Source]] = defaultdict(set)
        self.ranks: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        self.posts: dict[str, set[tuple[str, str | None, str | None]]] = defaultdict(set)
        self.kinds: dict[str, str] = {}

    def run(self) -> Any:
        self._entities()
        self._participations()
        self._memberships()
        self._ranks()
        self._meetings()
        self._documents()
        self._awards()
        self._articles()
        self._finish()
        self.net.graph["files"] = self._files()
        return self.net

    # -- nodes ------------------------------------------------------------------------

    def _entities(self) -> None:
        types: dict[URIRef, set[URIRef]] = defaultdict(set)
        for t in ENTITY_TYPES:
            for s in self.g.subjects(RDF.type, t):
                if isinstance(s, URIRef):
                    types[s].add(t)
        for s in sorted(types):
            cls = classify(types[s])
            if cls is not None:
                self._add_node(s, cls.key)

    def _add_node(self, iri: Node, kind: str) -> str | None:
        """Add ``iri`` as a node of ``kind`` unless it is already one; its id or None."""
        if not isinstance(iri, URIRef):
            return None
        key = str(iri)
        if key in self.kinds:
            return key
        self.kinds[key] = kind
        props = (RDFS.label, SCHEMA.name, SKOS.altLabel)
        names = sorted({str(o) for p in props for o in self.g.objects(iri, p)})
        self.net.add_node(
            key,
            kind=kind,
            label=self._label(iri, kind, names),
            names=tuple(names),
            facts=tuple(self._facts(iri, kind)),
            date=self._date(iri, kind),
        )
        self.sources[key].update(self._evidence(iri))
        return key

    def _label(self, iri: URIRef, kind: str, names: list[str]) -> str:
        for p in (RDFS.label, SCHEMA.name):
            values = sorted(str(o) for o in self.g.objects(iri, p))
            if values:
                return values[0]
        ident = self.g.value(iri, DCTERMS.identifier)
        if kind == "document" and ident is not None:
            doc_type = self.g.value(iri, KG.documentType)
            return f"{doc_type} {ident}" if doc_type is not None else str(ident)
        if ident is not None:
            return str(ident)
        return names[0] if names else _local(iri)

    def _facts(self, iri: URIRef, kind: str) -> list[tuple[str, str]]:
        facts = []
        for name, prop in FACT_FIELDS.get(kind, ()):
            for value in sorted(str(o) for o in self.g.objects(iri, prop)):
                facts.append((name, value))
        if kind == "meeting":
            # A location given as text, not as a place node, is still worth showing.
            for value in _sorted(self.g.objects(iri, SCHEMA.location)):
                if isinstance(value, Literal):
                    facts.append(("Địa điểm", str(value)))
            # Every meeting says kg:online; only the online ones are worth a line.
            online = (o for o in self.g.objects(iri, KG.online) if isinstance(o, Literal))
            if any(o.toPython() is True for o in online):
                facts.append(("Trực tuyến", "có"))
        return facts

    def _date(self, iri: URIRef, kind: str) -> str | None:
        """A meeting's full date (a ``--MM-DD`` date has no year to filter on)."""
        if kind != "meeting":
            return None
        dates = sorted(str(o) for o in self.g.objects(iri, SCHEMA.startDate))
        return next((d[:10] for d in dates if _FULL_DATE.match(d)), None)

    def _files(self) -> dict[str, str]:
        """Article id -> ``kg:sourceFile`` as written (the first, if several)."""
        files: dict[str, str] = {}
        for article, path in _sorted(self.g.subject_objects(KG.sourceFile)):
            files.setdefault(self._article_id(article), str(path))
        return dict(sorted(files.items()))

    # -- evidence ---------------------------------------------------------------------

    def _article_id(self, article: Node | None) -> str:
        if article is None:
            return ""
        ident = self.g.value(article, DCTERMS.identifier)
        return str(ident) if ident is not None else _local(article)

    def _evidence(self, subject: Node) -> set[Source]:
        """The sentences behind ``subject kg:evidence ?e``, with their article ids."""
        found: set[Source] = set()
        for ev in self.g.objects(subject, KG.evidence):
            sentence = self.g.value(ev, NIF.sentence)
            text = _text(self.g.value(sentence, NIF.anchorOf)) if sentence is not None else None
            begin_term = (
                self.g.value(sentence, NIF.beginIndex)
                if text is not None
                else self.g.value(ev, NIF.beginIndex)
            )
            text = text if text is not None else _text(self.g.value(ev, NIF.anchorOf))
            if text is None:
                continue
            article = self.g.value(ev, NIF.referenceContext)
            if article is None and sentence is not None:
                article = self.g.value(sentence, NIF.referenceContext)
            begin = int(begin_term.toPython()) if isinstance(begin_term, Literal) else 0
            found.add((self._article_id(article), begin, " ".join(text.split())))
        return found

    # -- claims -----------------------------------------------------------------------

    def _edge(
        self,
        u: str,
        v: str,
        key: str,
        label: str,
        kind: str,
        sources: Iterable[Source] = (),
        as_of: str | None = None,
    ) -> None:
        """Add or merge the edge ``u -key-> v``; parallel claims of one kind merge."""
        if self.net.has_edge(u, v, key):
            data = self.net.edges[u, v, key]
        else:
            self.net.add_edge(u, v, key=key, label=label, kind=kind, as_of=set(), sources=set())
            data = self.net.edges[u, v, key]
        data["sources"].update(sources)
        if as_of:
            data["as_of"].add(as_of)

    def _participations(self) -> None:
        for claim in _sorted(self.g.subjects(RDF.type, KG.Participation)):
            person = self._add_node(self.g.value(claim, KG.participant), "person")
            meeting = self._add_node(self.g.value(claim, KG.meeting), "meeting")
            role_term = self.g.value(claim, KG.role)
            if person is None or meeting is None:
                continue
            role = _local(role_term) if role_term is not None else "participant"
            ev = self._evidence(claim)
            self.sources[person].update(ev)
            self._edge(person, meeting, f"role:{role}", ROLE_LABELS.get(role, role), "role", ev)
        for meeting_iri, attendee in _sorted(self.g.subject_objects(SCHEMA.attendee)):
            meeting = self._add_node(meeting_iri, "meeting")
            person = self._add_node(attendee, "person")
            # Attendance is the sum of the participations; draw it only where no role is.
            if person and meeting and not self.net.has_edge(person, meeting):
                self._edge(person, meeting, "role:participant", ROLE_LABELS["participant"], "role")

    def _memberships(self) -> None:
        for claim in _sorted(self.g.subjects(RDF.type, ORG.Membership)):
            person = self._add_node(self.g.value(claim, ORG.member), "person")
            if person is None:
                continue
            title = self.g.value(claim, KG.title)
            if title is None:
                post = self.g.value(claim, KG.post)
                title = self.g.value(post, KG.title) if post is not None else None
            body_iri = self.g.value(claim, ORG.organization)
            body = self._add_node(body_iri, "body") if body_iri is not None else None
            as_of = _text(self.g.value(claim, KG.asOf))
            ev = self._evidence(claim)
            self.sources[person].update(ev)
            title_text = str(title) if title is not None else "?"
            body_label = self.net.nodes[body]["label"] if body else None
            self.posts[person].add((title_text, body_label, as_of))
            if body:
                self._edge(person, body, f"post:{fold(title_text)}", title_text, "post", ev, as_of)

    def _ranks(self) -> None:
        for claim in _sorted(self.g.subjects(RDF.type, KG.RankAssignment)):
            person = self._add_node(self.g.value(claim, KG.person), "person")
            rank = self.g.value(claim, KG.rank)
            if person is None or rank is None:
                continue
            self.ranks[person].add((str(rank), _text(self.g.value(claim, KG.asOf))))
            self.sources[person].update(self._evidence(claim))

    def _meetings(self) -> None:
        for meeting_iri in _sorted(self.g.subjects(RDF.type, KG.Meeting)):
            meeting = self._add_node(meeting_iri, "meeting")
            if meeting is None:
                continue
            for body_iri in _sorted(self.g.objects(meeting_iri, SCHEMA.organizer)):
                body = self._add_node(body_iri, "body")
                if body:
                    self._edge(meeting, body, "organizer", ORGANIZER, "organizer")
            for place_iri in _sorted(self.g.objects(meeting_iri, SCHEMA.location)):
                place = self._add_node(place_iri, "place")
                if place:
                    self._edge(meeting, place, "location", LOCATION, "location")
        for claim in _sorted(self.g.subjects(RDF.type, KG.DocumentUse)):
            relation = self.g.value(claim, KG.relation)
            self._use(
                self.g.value(claim, KG.meeting),
                self.g.value(claim, KG.document),
                _local(relation) if relation is not None else "cites",
                self._evidence(claim),
            )
        for relation in sorted(RELATION_LABELS):
            for meeting_iri, doc_iri in _sorted(self.g.subject_objects(KG[relation])):
                self._use(meeting_iri, doc_iri, relation, set())

    def _use(
        self, meeting_iri: Node | None, doc_iri: Node | None, relation: str, ev: set[Source]
    ) -> None:
        meeting = self._add_node(meeting_iri, "meeting") if meeting_iri is not None else None
        doc = self._add_node(doc_iri, "document") if doc_iri is not None else None
        if meeting and doc:
            self._edge(
                meeting,
                doc,
                f"doc:{relation}",
                RELATION_LABELS.get(relation, relation),
                "document",
                ev,
            )

    def _documents(self) -> None:
        for doc_iri, body_iri in _sorted(self.g.subject_objects(DCTERMS.creator)):
            if self.kinds.get(str(doc_iri)) != "document":
                continue
            body = self._add_node(body_iri, "body")
            if body:
                self._edge(str(doc_iri), body, "issuer", ISSUED_BY, "issuer")

    def _awards(self) -> None:
        for award_iri in _sorted(self.g.subjects(RDF.type, KG.Award)):
            award = self._add_node(award_iri, "award")
            if award is None:
                continue
            for body_iri in _sorted(self.g.objects(award_iri, KG.issuer)):
                body = self._add_node(body_iri, "body")
                if body:
                    self._edge(award, body, "issuer", AWARD_ISSUER, "issuer")
            for person_iri in _sorted(self.g.objects(award_iri, KG.presenter)):
                person = self._add_node(person_iri, "person")
                if person:
                    self._edge(person, award, "role:presenter", ROLE_LABELS["presenter"], "role")

    def _articles(self) -> None:
        for article_iri, author_iri in _sorted(self.g.subject_objects(SCHEMA.author)):
            article = self._add_node(article_iri, "article")
            author = self._add_node(author_iri, "author")
            if article and author:
                self._edge(article, author, "author", AUTHOR, "author")
        for meeting, kind in sorted(self.kinds.items()):
            if kind != "meeting":
                continue
            for article_iri in _sorted(self.g.objects(URIRef(meeting), PROV.wasDerivedFrom)):
                if self.kinds.get(str(article_iri)) == "article":
                    self._edge(str(article_iri), meeting, "reports", REPORTS, "reports")
        # Mentions would tie every entity to every article; draw them only for entities
        # that nothing else connects, so they do not float alone.
        lonely = {n for n in self.net.nodes if self.net.degree(n) == 0}
        for node in sorted(lonely):
            articles = set(self.g.subjects(SCHEMA.mentions, URIRef(node)))
            for ev in self.g.objects(URIRef(node), KG.evidence):
                articles.update(self.g.objects(ev, NIF.referenceContext))
            articles.update(self.g.objects(URIRef(node), PROV.wasDerivedFrom))
            for article_iri in _sorted(articles):
                if self.kinds.get(str(article_iri)) == "article" and str(article_iri) != node:
                    self._edge(str(article_iri), node, "mentions", MENTIONS, "mentions")

    def _finish(self) -> None:
        """Freeze the accumulated sets into sorted tuples (deterministic output)."""
        for node, data in self.net.nodes(data=True):
            found = sorted(self.sources.get(node, ()))
            data["sources"] = tuple((a, t) for a, _, t in found[:MAX_SOURCES])
            data["source_count"] = len(found)
            data["ranks"] = tuple(sorted(self.ranks.get(node, ()), key=_by_date))
            data["posts"] = tuple(sorted(self.posts.get(node, ()), key=_by_date))
        for _, _, data in self.net.edges(data=True):
            found = sorted(data["sources"])
            data["sources"] = tuple((a, t) for a, _, t in found[:MAX_SOURCES])
            data["as_of"] = tuple(sorted(data["as_of"]))


def _sorted(items: Iterable[Any]) -> list[Any]:
    """Terms (or tuples of terms) in a fixed order; IRIs and literals never compare."""
    return sorted(
        items, key=lambda item: tuple(map(str, item)) if isinstance(item, tuple) else str(item)
    )


def _by_date(claim: tuple[str | None, ...]) -> tuple[str, tuple[str, ...]]:
    """Sort key: the asOf date (last item) first, undated claims first."""
    return (claim[-1] or "", tuple(c or "" for c in claim))
