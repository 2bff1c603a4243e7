"""The vocabulary of the graph: kg's own terms and every namespace reused, in one place.

:class:`KG` is strict (``_fail = True``): a misspelt term is an ``AttributeError`` at
import or call time, never a silently minted IRI. The terms are exactly those declared
in ``ontology/kg.ttl`` (a test keeps the two in step). :data:`PREFIXES` is what every
serialisation and every bundled SPARQL query uses.

Example:
    >>> str(KG.Meeting)
    'https://w3id.org/kgvn/ontology#Meeting'
    >>> KG.Meetng
    Traceback (most recent call last):
    ...
    AttributeError: term 'Meetng' not in namespace 'https://w3id.org/kgvn/ontology#'
    >>> PREFIXES["schema"]
    'https://schema.org/'
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, Namespace

__all__ = [
    "DCTERMS",
    "DEFAULT_BASE",
    "KG",
    "KG_NS",
    "NIF",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
    "kg_terms",
    "sparql_prologue",
]

KG_NS = "https://w3id.org/kgvn/ontology#"
DEFAULT_BASE = "https://w3id.org/kgvn/id/"

# schema.org over https, as schema.org itself now publishes; rdflib's SDO is the same IRI.
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SH = Namespace("http://www.w3.org/ns/shacl#")
# A plain Namespace: rdflib's XSD warns on unknown attributes, which doctest collection
# probes for.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


class KG(rdfns.DefinedNamespace):
    """kg's own classes and properties (see ``docs/rdf.md`` and ``ontology/kg.ttl``)."""

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Article: URIRef  # a news report read from one input file
    Evidence: URIRef  # a span of an article's text that a fact was read from
    Meeting: URIRef  # a gathering an article reports as taking place
    Participation: URIRef  # a person's part (role) in a meeting
    RankAssignment: URIRef  # a rank an article gives a person, dated by the article
    LegalDocument: URIRef  # a numbered legal or party document
    DocumentUse: URIRef  # how a meeting deals with a document
    Author: URIRef  # a byline name
    Award: URIRef  # a decoration or commendation given
    Campaign: URIRef  # a named emulation movement or campaign
    AbbreviationDefinition: URIRef  # a short form an article relies on, with its expansion

    # article and provenance
    sourceFile: URIRef
    warning: URIRef
    evidence: URIRef
    extractor: URIRef
    rule: URIRef
    confidence: URIRef

    # dated claims about persons
    person: URIRef
    rank: URIRef
    asOf: URIRef
    title: URIRef
    post: URIRef

    # meetings
    kind: URIRef
    online: URIRef
    meeting: URIRef
    participant: URIRef
    role: URIRef
    chair: URIRef
    speaker: URIRef

    # documents
    documentType: URIRef
    issuerName: URIRef
    document: URIRef
    relation: URIRef
    reviews: URIRef
    disseminates: URIRef
    cites: URIRef

    # awards and abbreviations
    issuer: URIRef
    presenter: URIRef
    year: URIRef
    shortForm: URIRef
    longForm: URIRef


PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "nif": str(NIF),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def kg_terms() -> tuple[URIRef, ...]:
    """Every term of :class:`KG`, sorted.

    >>> KG.Meeting in kg_terms()
    True
    """
    return tuple(sorted(URIRef(t) for t in dir(KG)))


def sparql_prologue() -> str:
    """``PREFIX`` lines for :data:`PREFIXES`, to put before a SPARQL query's text.

    >>> sparql_prologue().splitlines()[0]
    'PREFIX kg: <https://w3id.org/kgvn/ontology#>'
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
