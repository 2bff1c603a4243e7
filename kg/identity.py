"""One deterministic IRI per real entity, and the IRIs of article-local nodes.

Entity IRIs are built from :func:`kg.text.slug` alone, so spellings a reader takes for
one name (``hoá``/``hóa``, case, dashes) give one IRI, and names that differ in any letter
or diacritic never share one. Persons are merged across articles on name *plus* an anchor
body (``docs/rdf.md``, "Identity"); a person with no specific body is scoped to the
article, because two articles naming a ``Nguyễn Văn An`` are no evidence of one man.

Article ids and rule ids keep their case (they name files and rules, and must read back
exactly): characters outside ``[\\w.~-]`` are percent-encoded instead of slugged.
Every IRI is checked with :class:`pyoxigraph.NamedNode`, which raises on an invalid one.

Example:
    >>> from kg.model import Evidence, Person, Position
    >>> ev = Evidence(0, 5, 0, "persons", "rank.name")
    >>> hung = Person("x", "Nguyễn Việt Hùng", positions=(
    ...     Position("Phó Chính ủy", "Tổng cục Công nghiệp quốc phòng", ev),))
    >>> person_iri(DEFAULT_BASE, hung, "a1")
    'https://w3id.org/kgvn/id/person/nguyễn-việt-hùng--tổng-cục-công-nghiệp-quốc-phòng'
    >>> an = Person("y", "Dương Văn An", positions=(Position("Phó Bí thư", "Tỉnh ủy", ev),))
    >>> person_iri(DEFAULT_BASE, an, "a2")
    'https://w3id.org/kgvn/id/person/dương-văn-an--a2'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from urllib.parse import quote

from pyoxigraph import NamedNode

from kg.identity_bodies import anchor_key, is_generic_body, person_anchor
from kg.model import Evidence, LegalDocument, Person
from kg.text import slug as _text_slug
from kg.vocab import DEFAULT_BASE

__all__ = [
    "DEFAULT_BASE",
    "abbreviation_iri",
    "anchor_key",
    "article_iri",
    "article_segment",
    "author_iri",
    "award_iri",
    "campaign_iri",
    "check_iri",
    "document_iri",
    "document_use_iri",
    "evidence_iri",
    "holding_iri",
    "is_generic_body",
    "meeting_iri",
    "normalize_base",
    "org_iri",
    "participation_iri",
    "person_anchor",
    "person_iri",
    "place_iri",
    "post_iri",
    "rank_iri",
    "sentence_iri",
]

_KEEP = re.compile(r"[\w.~-]")
# One article names the same person, body and rule in many IRIs; slugs are pure, so a
# bounded cache saves most of the folding work on a large build.
slug = lru_cache(maxsize=1 << 16)(_text_slug)


@cache  # pure; every IRI of a build shares one base
def normalize_base(base: str) -> str:
    """The base IRI, ending in ``/`` or ``#`` so segments append cleanly.

    Raises:
        ValueError: if ``base`` is not an absolute IRI.

    >>> normalize_base("http://example.org/kg")
    'http://example.org/kg/'
    """
    if not base.endswith(("/", "#")):
        base += "/"
    return check_iri(base)


def check_iri(iri: str) -> str:
    """``iri`` unchanged if it is a valid absolute IRI.

    Raises:
        ValueError: if it is not (pyoxigraph's parser decides).

    >>> check_iri("http://a/b c")
    Traceback (most recent call last):
    ...
    ValueError: Invalid IRI code point ' '
    """
    NamedNode(iri)
    return iri


@lru_cache(maxsize=1 << 12)
def article_segment(text: str) -> str:
    """A case-preserving path segment: NFC, ``[\\w.~-]`` kept, the rest percent-encoded.

    Raises:
        ValueError: if ``text`` is empty.

    >>> article_segment("000_64a1ae126a39c1e6")
    '000_64a1ae126a39c1e6'
    >>> article_segment("Bài 1/2")
    'Bài%201%2F2'
    """
    if not text:
        raise ValueError("an article or rule id must not be empty")
    text = unicodedata.normalize("NFC", text)
    if text in {".", ".."}:  # dot segments would be removed by IRI resolution
        return text.replace(".", "%2E")
    return "".join(c if _KEEP.match(c) else quote(c, safe="") for c in text)


def _iri(base: str, *segments: str) -> str:
    return check_iri(normalize_base(base) + "/".join(segments))


def article_iri(base: str, article_id: str) -> str:
    """IRI of an article, also the name of its graph.

    >>> article_iri("http://x/", "a 1")
    'http://x/article/a%201'
    """
    return _iri(base, "article", article_segment(article_id))


def person_iri(base: str, person: Person, article_id: str) -> str:
    """IRI of a person: ``person/NAME--ANCHOR``, ANCHOR the article id without a body."""
    anchor = person_anchor(person) or article_segment(article_id)
    return _iri(base, "person", f"{slug(person.name)}--{anchor}")


def org_iri(base: str, name: str) -> str:
    """IRI of a body, from its canonical full name.

    >>> org_iri("http://x/", "Bộ Quốc phòng")
    'http://x/org/bộ-quốc-phòng'
    """
    return _iri(base, "org", slug(name))


def place_iri(base: str, name: str) -> str:
    """IRI of a place, from its name as written."""
    return _iri(base, "place", slug(name))


def campaign_iri(base: str, name: str) -> str:
    """IRI of a named campaign or emulation movement."""
    return _iri(base, "campaign", slug(name))


def author_iri(base: str, name: str) -> str:
    """IRI of a byline name; ``ANH KHÔI`` and ``Anh Khôi`` are one.

    >>> author_iri("http://x/", "ANH KHÔI") == author_iri("http://x/", "Anh Khôi")
    True
    """
    return _iri(base, "author", slug(name))


def post_iri(base: str, title: str, organization: str | None) -> str:
    """IRI of a post: ``post/TITLE--ORG``, or ``post/TITLE`` when no body is given."""
    key = slug(title) if organization is None else f"{slug(title)}--{slug(organization)}"
    return _iri(base, "post", key)


def document_iri(base: str, doc: LegalDocument) -> str:
    """IRI of a document: identifier plus year of issue where the text gives it.

    >>> document_iri("http://x/", LegalDocument("752/CT-CT", date="2006-07-31"))
    'http://x/document/752-ct-ct--2006'
    >>> document_iri("http://x/", LegalDocument("20-NQ/TW"))
    'http://x/document/20-nq-tw'
    """
    key = slug(doc.identifier)
    year = re.match(r"\d{4}(?!\d)", doc.date or "")
    return _iri(base, "document", f"{key}--{year.group()}" if year else key)


def _local(base: str, article_id: str, *segments: str) -> str:
    return _iri(base, "article", article_segment(article_id), *segments)


def sentence_iri(base: str, article_id: str, index: int) -> str:
    """IRI of sentence ``index`` (0-based, as in ``Document.sentences``)."""
    return _local(base, article_id, "sentence", str(index))


def evidence_iri(base: str, article_id: str, evidence: Evidence) -> str:
    """IRI of an evidence span: ``evidence/START-END-RULE``.

    >>> evidence_iri("http://x/", "a", Evidence(3, 9, 0, "persons", "rank.name"))
    'http://x/article/a/evidence/3-9-rank.name'
    """
    segment = f"{evidence.start}-{evidence.end}-{article_segment(evidence.rule)}"
    return _local(base, article_id, "evidence", segment)


def rank_iri(base: str, article_id: str, person_key: str) -> str:
    """IRI of the rank claim an article makes about one person."""
    return _local(base, article_id, "rank", slug(person_key))


def holding_iri(
    base: str, article_id: str, person_key: str, title: str, organization: str | None
) -> str:
    """IRI of a post-holding claim: ``holding/PERSON--TITLE[--ORG]``."""
    parts = [slug(person_key), slug(title)]
    if organization is not None:
        parts.append(slug(organization))
    return _local(base, article_id, "holding", "--".join(parts))


def meeting_iri(base: str, article_id: str, index: int) -> str:
    """IRI of meeting ``index`` (0-based, as in ``ArticleExtraction.meetings``)."""
    return _local(base, article_id, "meeting", str(index))


def participation_iri(
    base: str, article_id: str, meeting_index: int, person_key: str, role: str
) -> str:
    """IRI of a person's role in a meeting: ``meeting/N/role/PERSON--ROLE``."""
    segment = f"{slug(person_key)}--{slug(role)}"
    return _local(base, article_id, "meeting", str(meeting_index), "role", segment)


def document_use_iri(
    base: str, article_id: str, meeting_index: int, identifier: str, relation: str
) -> str:
    """IRI of a meeting–document link: ``meeting/N/document/IDENTIFIER--RELATION``."""
    segment = f"{slug(identifier)}--{slug(relation)}"
    return _local(base, article_id, "meeting", str(meeting_index), "document", segment)


def award_iri(base: str, article_id: str, index: int) -> str:
    """IRI of award ``index`` (0-based, as in ``ArticleExtraction.awards``)."""
    return _local(base, article_id, "award", str(index))


def abbreviation_iri(base: str, article_id: str, short: str, long: str | None = None) -> str:
    """IRI of an abbreviation definition: ``abbreviation/SHORT``, ``SHORT--LONG`` if given.

    The long form goes into the IRI only where an article defines one short form twice.
    """
    segment = slug(short) if long is None else f"{slug(short)}--{slug(long)}"
    return _local(base, article_id, "abbreviation", segment)
