"""pyoxigraph terms for the RDF writer: vocabulary nodes built once, and typed literals.

``kg.rdf`` writes every article of a build (tens of thousands), so the vocabulary's
:class:`pyoxigraph.NamedNode` objects are made here once, at import, from the strict
vocabulary of :mod:`kg.vocab`; literal helpers check lexical forms so the graph never
holds an ill-typed date or number.

Example:
    >>> date_literal("2021-07-15").datatype == XSD_DATE
    True
    >>> month_day_literal("--02-29").value
    '--02-29'
    >>> date_literal("2021-02-30") is None
    True
    >>> decimal_literal(1e-05).value
    '0.00001'
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal

from pyoxigraph import Literal, NamedNode
from rdflib import URIRef

from kg.vocab import DCTERMS, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD


def _n(term: URIRef) -> NamedNode:
    return NamedNode(str(term))


XSD_DATE = _n(XSD.date)
XSD_DATETIME = _n(XSD.dateTime)
XSD_GMONTHDAY = _n(XSD.gMonthDay)
XSD_GYEAR = _n(XSD.gYear)
XSD_DECIMAL = _n(XSD.decimal)
XSD_BOOLEAN = _n(XSD.boolean)
XSD_INTEGER = _n(XSD.integer)

TYPE = _n(RDF.type)
LABEL = _n(RDFS.label)

# classes
C_ARTICLE = _n(KG.Article)
C_NEWS_ARTICLE = _n(SCHEMA.NewsArticle)
C_SENTENCE = _n(NIF.Sentence)
C_EVIDENCE = _n(KG.Evidence)
C_PERSON = _n(SCHEMA.Person)
C_ORG = _n(ORG.Organization)
C_SCHEMA_ORG = _n(SCHEMA.Organization)
C_RANK = _n(KG.RankAssignment)
C_POST = _n(ORG.Post)
C_MEMBERSHIP = _n(ORG.Membership)
C_MEETING = _n(KG.Meeting)
C_EVENT = _n(SCHEMA.Event)
C_PLACE = _n(SCHEMA.Place)
C_PARTICIPATION = _n(KG.Participation)
C_DOCUMENT = _n(KG.LegalDocument)
C_DOCUMENT_USE = _n(KG.DocumentUse)
C_AUTHOR = _n(KG.Author)
C_AWARD = _n(KG.Award)
C_CAMPAIGN = _n(KG.Campaign)
C_ABBREVIATION = _n(KG.AbbreviationDefinition)

# article and text
IDENTIFIER = _n(DCTERMS.identifier)
TITLE = _n(DCTERMS.title)
SOURCE_FILE = _n(KG.sourceFile)
DATE_PUBLISHED = _n(SCHEMA.datePublished)
MENTIONS = _n(SCHEMA.mentions)
AUTHOR = _n(SCHEMA.author)
WARNING = _n(KG.warning)
BEGIN = _n(NIF.beginIndex)
END = _n(NIF.endIndex)
ANCHOR_OF = _n(NIF.anchorOf)
SENTENCE = _n(NIF.sentence)
CONTEXT = _n(NIF.referenceContext)
EXTRACTOR = _n(KG.extractor)
RULE = _n(KG.rule)
CONFIDENCE = _n(KG.confidence)
EVIDENCE = _n(KG.evidence)
DERIVED_FROM = _n(PROV.wasDerivedFrom)

# persons, bodies, posts
NAME = _n(SCHEMA.name)
ALT_LABEL = _n(SKOS.altLabel)
PERSON = _n(KG.person)
RANK = _n(KG.rank)
AS_OF = _n(KG.asOf)
POST_TITLE = _n(KG.title)
POST = _n(KG.post)
POST_IN = _n(ORG.postIn)
HOLDS = _n(ORG.holds)
MEMBER = _n(ORG.member)
ORGANIZATION = _n(ORG.organization)

# meetings
KIND = _n(KG.kind)
START_DATE = _n(SCHEMA.startDate)
LOCATION = _n(SCHEMA.location)
ORGANIZER = _n(SCHEMA.organizer)
ONLINE = _n(KG.online)
ATTENDEE = _n(SCHEMA.attendee)
MEETING = _n(KG.meeting)
PARTICIPANT = _n(KG.participant)
ROLE = _n(KG.role)
ROLE_SHORTCUTS = {"chair": _n(KG.chair), "speaker": _n(KG.speaker)}

# documents
DOCUMENT_TYPE = _n(KG.documentType)
ISSUED = _n(DCTERMS.issued)
ISSUER_NAME = _n(KG.issuerName)
CREATOR = _n(DCTERMS.creator)
DOCUMENT = _n(KG.document)
RELATION = _n(KG.relation)
RELATION_SHORTCUTS = {
    "reviews": _n(KG.reviews),
    "disseminates": _n(KG.disseminates),
    "cites": _n(KG.cites),
}

# awards and abbreviations
ISSUER = _n(KG.issuer)
PRESENTER = _n(KG.presenter)
YEAR = _n(KG.year)
SHORT_FORM = _n(KG.shortForm)
LONG_FORM = _n(KG.longForm)

TRUE = Literal("true", datatype=XSD_BOOLEAN)
FALSE = Literal("false", datatype=XSD_BOOLEAN)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_DAY = re.compile(r"--(\d{2})-(\d{2})")


def is_iso_date(text: str | None) -> bool:
    """True for a real calendar date written ``YYYY-MM-DD``.

    >>> is_iso_date("2022-12-26"), is_iso_date("--12-26"), is_iso_date("2022-13-01")
    (True, False, False)
    """
    if not text or not _ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def date_literal(text: str | None) -> Literal | None:
    """An ``xsd:date`` literal for a valid ``YYYY-MM-DD``, else None."""
    return Literal(text, datatype=XSD_DATE) if text and is_iso_date(text) else None


def month_day_literal(text: str) -> Literal | None:
    """An ``xsd:gMonthDay`` literal for a valid ``--MM-DD`` (29 February allowed), else None."""
    match = _MONTH_DAY.fullmatch(text)
    if not match:
        return None
    try:
        date(2000, int(match.group(1)), int(match.group(2)))  # a leap year
    except ValueError:
        return None
    return Literal(text, datatype=XSD_GMONTHDAY)


def start_date_literal(text: str | None) -> Literal | None:
    """A meeting date: ``xsd:date`` for ``YYYY-MM-DD``, ``xsd:gMonthDay`` for ``--MM-DD``."""
    if not text:
        return None
    return date_literal(text) or month_day_literal(text)


def published_literal(text: str | None) -> Literal | None:
    """A publication date or date-time from page metadata, if it is one.

    >>> published_literal("2021-07-15 08:30").value
    '2021-07-15T08:30:00'
    >>> published_literal("15/07/2021") is None
    True
    """
    if not text:
        return None
    text = text.strip()
    if len(text) == 10:
        return date_literal(text)
    if not _ISO_DATE.match(text):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return Literal(moment.isoformat(), datatype=XSD_DATETIME)


def decimal_literal(value: float) -> Literal | None:
    """An ``xsd:decimal`` literal in plain notation; None for NaN or infinity."""
    if not math.isfinite(value):
        return None
    lexical = format(Decimal(repr(float(value))), "f")
    if "." not in lexical:
        lexical += ".0"
    return Literal(lexical, datatype=XSD_DECIMAL)


def count_literal(value: int) -> Literal:
    """An ``xsd:integer`` literal for a text offset.

    NIF types offsets ``xsd:nonNegativeInteger``, but the Oxigraph store keeps that as
    ``xsd:integer``; writing ``xsd:integer`` from the start means a graph reads the same
    before and after the store. The shapes require the value to be at least 0.
    """
    return Literal(str(value), datatype=XSD_INTEGER)


def year_literal(value: int) -> Literal:
    """An ``xsd:gYear`` literal.

    >>> year_literal(2021).value
    '2021'
    """
    return Literal(f"{value:04d}", datatype=XSD_GYEAR)
