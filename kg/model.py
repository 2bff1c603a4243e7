"""What extraction produces: frozen records with exact evidence.

The flow is one way: a :class:`~kg.document.Document` goes through the extractor
components (``kg.extract``), each of which returns a new :class:`ArticleExtraction`
with more records filled in. The RDF layer (``kg.rdf``) reads only these records.

Every fact points at its :class:`Evidence`: the character span in ``Document.text``
(``text[start:end] == surface``), the sentence holding it, the extractor component and
the rule that fired, and a confidence in [0, 1].

Example:
    >>> ev = Evidence(start=0, end=4, sentence=0, extractor="persons", rule="rank.name")
    >>> Rank("Đại tá", ev).value
    'Đại tá'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["participant", "chair", "speaker", "presenter"]
Relation = Literal["reviews", "disseminates", "cites"]
ROLES: tuple[Role, ...] = ("participant", "chair", "speaker", "presenter")
RELATIONS: tuple[Relation, ...] = ("reviews", "disseminates", "cites")
# Where two roles of one person sit at the same place, records list them in ROLES order.
ROLE_ORDER: dict[Role, int] = {role: i for i, role in enumerate(ROLES)}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: a span of the article text and who read it.

    Attributes:
        start: Offset of the first character in ``Document.text``.
        end: Offset after the last character.
        sentence: Index of the sentence in ``Document.sentences``.
        extractor: Name of the component that produced the fact.
        rule: Id of the rule (or pattern) that fired.
        confidence: How sure the rule is, from 0 to 1.
    """

    start: int
    end: int
    sentence: int
    extractor: str
    rule: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Mention:
    """A labelled span found by a matcher, before it is resolved into a record."""

    label: str
    start: int
    end: int
    surface: str
    rule: str


@dataclass(frozen=True, slots=True)
class Organization:
    """A named body, under its canonical full name (abbreviations expanded)."""

    name: str
    abbreviations: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Position:
    """A post held as of the article: ``title`` of ``organization`` (canonical name)."""

    title: str
    organization: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Rank:
    """A military or police rank given with a name in the article."""

    value: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Person:
    """A named person of one article.

    Attributes:
        key: Article-local key that participations refer to (the normalized name).
        name: The name as a reader writes it: no rank, honorific or academic title.
        rank: Rank given in this article, if any.
        positions: Current posts given in this article (former ``nguyên`` posts excluded).
        titles: Academic or honorific titles (``Tiến sĩ``, ``Anh hùng LLVT``).
        mention_only: True when the person is only mentioned and takes no part.
        mentions: Every span where the person is named.
        anchor: Body the person's identity is anchored to, as the article makes it
            certain (a former post's body, a provincial body with the article's
            province); None to take it from ``positions`` (``kg.identity``).
    """

    key: str
    name: str
    rank: Rank | None = None
    positions: tuple[Position, ...] = ()
    titles: tuple[str, ...] = ()
    mention_only: bool = False
    mentions: tuple[Evidence, ...] = ()
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class LegalDocument:
    """A numbered legal or party document (``752/CT-CT``, ``20-NQ/TW``).

    Attributes:
        identifier: Number and symbol as issued, without ``số``.
        type: Kind of document (``Chỉ thị``, ``Nghị quyết``, ``Quyết định``, ...).
        date: ISO date of issue, if given.
        issuer: Issuing body or office (``Bộ Chính trị``, ``Thủ tướng Chính phủ``).
        title: The subject the document is "về", without quotes.
        aliases: Short references used in the text (``Chỉ thị 752``).
    """

    identifier: str
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Participation:
    """A person's part in a meeting; ``person`` is a :attr:`Person.key`."""

    person: str
    role: Role
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DocumentRelation:
    """How a meeting deals with a document; ``identifier`` is a :attr:`LegalDocument.identifier`."""

    identifier: str
    relation: Relation
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Meeting:
    """A gathering the article reports as taking place.

    Attributes:
        kind: Head word (``tổng kết``, ``sơ kết``, ``quán triệt``, ``làm việc``, ``bàn giao``,
            ``hội thảo``, ``lễ``, ``hội nghị``, ...).
        label: The gathering's name as written (``Hội nghị tổng kết ...``).
        date: ``YYYY-MM-DD``, or ``--MM-DD`` when the year is not certain; None if not given.
        location: Place as written (``Hà Nội``).
        organizer: Canonical name of the organizing body.
        online: True for online meetings (``trực tuyến``, ``điểm cầu``).
    """

    kind: str
    label: str
    evidence: Evidence
    date: str | None = None
    location: str | None = None
    organizer: str | None = None
    online: bool = False
    participations: tuple[Participation, ...] = ()
    documents: tuple[DocumentRelation, ...] = ()


@dataclass(frozen=True, slots=True)
class Author:
    """A byline name (``Tin, ảnh: ANH KHÔI``), written as in the byline."""

    name: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Award:
    """A decoration or commendation given (``Bằng khen`` of ``Bộ Quốc phòng``)."""

    name: str
    evidence: Evidence
    issuer: str | None = None
    presenter: str | None = None  # Person.key
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Campaign:
    """A named emulation movement or campaign (``Quyết thắng``)."""

    name: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A short form the text relies on and its expansion."""

    short: str
    long: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything read from one article; components fill it in turn.

    Components never mutate it: they return ``dataclasses.replace(extraction, ...)``.
    """

    article_id: str
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    documents: tuple[LegalDocument, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    authors: tuple[Author, ...] = ()
    awards: tuple[Award, ...] = ()
    campaigns: tuple[Campaign, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def person(self, key: str) -> Person | None:
        """The person with this key, if any."""
        return next((p for p in self.persons if p.key == key), None)
