"""The meetings component: the gathering an article reports, with its organizer and roles.

:mod:`kg.extract.gatherings` finds the anchor (the sentence reporting the gathering) and
reads its name, kind, day and place; the year of the day comes from
:mod:`kg.extract.dates`. This module adds the organizer (``X (đã) tổ chức Hội nghị``,
``do X tổ chức``, ``Hội nghị ... của X``, else the chair's body), the roles of named
persons (:mod:`kg.extract.roles`) and how the gathering deals with each document: it
``reviews`` or ``disseminates`` those named in its own name (relation words in
``kg/rules/relations.json``) and ``cites`` the rest.

Example:
    >>> doc = Document.from_text("x", "Ngày 26/11, tại Hà Nội, Cục Quân y đã tổ chức "
    ...                          "Hội nghị tổng kết công tác năm 2020.")
    >>> m = read_meetings(doc, ArticleExtraction("x"))[0]
    >>> (m.kind, m.date, m.location, m.organizer, m.label)
    ('tổng kết', '2020-11-26', 'Hà Nội', 'Cục Quân y', 'Hội nghị tổng kết công tác năm 2020')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date
from functools import cache

from kg.document import Document
from kg.extract.dates import infer_year, publication_date
from kg.extract.documents import CAPITAL, DocumentReference, canonical_body, find_references
from kg.extract.gatherings import (
    Anchor,
    find_anchor,
    inside,
    is_online,
    kind_of,
    location,
    meeting_date,
)
from kg.extract.roles import RoleHit, find_roles
from kg.model import (
    ROLES,
    ArticleExtraction,
    DocumentRelation,
    Evidence,
    Meeting,
    Participation,
    Relation,
)
from kg.pipeline import component
from kg.rules import PhraseMatcher, Rule, load_rules

# "Bộ CHQS tỉnh phối hợp với Sở Y tế (đã) tổ chức": the first body is the organizer
_PARTNER = re.compile(r"\s+(?:phối hợp|cùng với|cùng|và|chủ trì)\b")
_TRAILING = re.compile(r"\s+(?:đã|vừa|long trọng|trọng thể|chính thức|sẽ)\s*$")
# words of a clause, never of a body's name: "Đó là tổng kết của ..."
_CLAUSE_WORD = re.compile(r"(?<!\w)(?:là|được|có|này|đó|khi|nếu|nhưng|nên|cũng|sẽ)(?!\w)", re.I)
_ORGANIZE = re.compile(r"(?<!\w)tổ chức(?!\w)")
_MAX_BODY_WORDS = 12
_ORGANIZED_BY = re.compile(rf"(?<!\w)do\s+(?P<body>{CAPITAL}[^,.;:()\n]*?)\s+(?:đã\s+)?tổ chức\b")
_OF_BODY = re.compile(rf"(?<!\w)của\s+(?P<body>{CAPITAL}[^,;:()\n“”\"]*)$")
_LOCALITY = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|xã|phường|thị xã)$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_CHAIR_FIRST = {role: i for i, role in enumerate(ROLES)}
# Working visits and handovers are hosted by the body visited: no organizer from posts.
_VISIT_KINDS = frozenset({"làm việc", "kiểm tra", "tiếp", "bàn giao", "hội đàm"})


@cache
def _relation_words() -> tuple[PhraseMatcher, dict[str, Rule]]:
    rules = load_rules("relations")
    return PhraseMatcher(rules), {r.id: r for r in rules}


def read_meetings(doc: Document, extraction: ArticleExtraction) -> tuple[Meeting, ...]:
    """The gatherings the article reports, with dates, places, organizers, roles, documents."""
    text = doc.text
    refs = find_references(text)
    ref_spans = [(r.span_start, r.tail_end) for r in refs]
    anchor = find_anchor(doc, ref_spans)
    if anchor is None:
        return ()
    sentence = doc.sentences[anchor.sentence]
    label = text[anchor.noun.start : anchor.label_end].strip(" ,.;:")
    kind = kind_of(label, anchor.noun)
    day = meeting_date(doc, anchor, ref_spans)
    date_value: str | None = None
    if day is not None:
        guess = infer_year(
            day,
            label=label,
            published=publication_date(text, doc.published),
            cited=_document_dates(extraction, refs),
            named=_named_dates(extraction, anchor),
        )
        date_value = day.iso(guess.year if guess else None)
    # role words inside the gathering's own name ("Hội nghị quán triệt") are not acts
    hits = find_roles(doc, extraction, masks=[*ref_spans, (anchor.noun.end, anchor.label_end)])
    organizer = _organizer(text, anchor, (sentence.start, sentence.end), ref_spans, extraction)
    if organizer is None and kind not in _VISIT_KINDS:
        organizer = _organizer_from_posts(hits, extraction)
    meeting = Meeting(
        kind=kind,
        label=label,
        evidence=Evidence(
            anchor.noun.start, anchor.label_end, anchor.sentence, "meetings", anchor.noun.rule
        ),
        date=date_value,
        location=location(doc, anchor, ref_spans),
        organizer=organizer,
        online=is_online(doc, anchor),
        participations=_participations(hits),
        documents=_relations(doc, extraction, anchor),
    )
    return (meeting,)


def _document_dates(extraction: ArticleExtraction, refs: Sequence[DocumentReference]) -> list[date]:
    """Issue dates of the article's documents: they bound the year of the gathering."""
    out: set[date] = set()
    for value in [*(d.date for d in extraction.documents), *(r.date for r in refs)]:
        if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            out.add(date.fromisoformat(value))
    return sorted(out)


def _named_dates(extraction: ArticleExtraction, anchor: Anchor) -> list[date]:
    """Issue dates of the documents named in the gathering's name, in order of mention."""
    named: list[tuple[int, date]] = []
    for d in extraction.documents:
        spans = [ev.start for ev in d.evidence if anchor.noun.start <= ev.start < anchor.label_end]
        if spans and d.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date):
            named.append((min(spans), date.fromisoformat(d.date)))
    return [d for _, d in sorted(named)]


def _organizer(
    text: str,
    anchor: Anchor,
    sentence: tuple[int, int],
    ref_spans: Sequence[tuple[int, int]],
    extraction: ArticleExtraction,
) -> str | None:
    """The body holding the gathering, canonical: ``X (đã) tổ chức Hội nghị``, ``Hội nghị do
    X tổ chức``, ``Hội nghị ... của X``."""
    start, end = sentence
    for m in _ORGANIZE.finditer(text, start, anchor.noun.start):
        if (
            inside(m.start(), ref_spans)
            or len(_WORD.findall(text[m.end() : anchor.noun.start])) > 3
        ):
            continue
        clause = max(start, *(text.rfind(c, start, m.start()) + 1 for c in ",;:"))
        body = _body(text, clause, m.start(), extraction)
        if body:
            return body
    by = _ORGANIZED_BY.search(text, start, end)
    if by and not inside(by.start(), ref_spans):
        return _body(text, by.start("body"), by.end("body"), extraction)
    # "Hội nghị tổng kết ... năm 2022 của Tổng cục CNQP": the name's last "của" outside documents
    name = _blank(text, anchor.noun.start, anchor.label_end, ref_spans).rstrip(" ,.;:")
    of = _OF_BODY.search(name)
    if of is None:
        return None
    return _body(
        text, anchor.noun.start + of.start("body"), anchor.noun.start + len(name), extraction
    )


def _body(text: str, start: int, end: int, extraction: ArticleExtraction) -> str | None:
    """The body named first in ``text[start:end]`` (a subject clause), canonical.

    A body the organizations component read there wins; otherwise the clause itself, cut
    before ``phối hợp với ...``, when it reads as a name: capitalised, short, at least a
    third of its words capitalised, no clause word (``là``, ``được``) and no person.
    """
    partner = _PARTNER.search(text, start, end)
    if partner:
        end = partner.start()
    known = sorted(
        (ev.start, o.name)
        for o in extraction.organizations
        for ev in o.evidence
        if start <= ev.start < end
    )
    if known:
        return known[0][1]
    if any(start <= ev.start < end for p in extraction.persons for ev in p.mentions):
        return None
    subject = _TRAILING.sub("", text[start:end].strip())
    words = _WORD.findall(subject)
    lower = sum(1 for w in words if w.islower())
    if (
        subject[:1].isupper()
        and len(words) <= _MAX_BODY_WORDS
        and 3 * lower <= 2 * len(words)
        and not _CLAUSE_WORD.search(subject)
    ):
        return canonical_body(subject, extraction)
    return None


def _blank(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the given spans blanked out (offsets kept).

    >>> _blank("ab cd ef", 0, 8, [(3, 5)])
    'ab    ef'
    """
    chars = list(text[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


def _organizer_from_posts(hits: Sequence[RoleHit], extraction: ArticleExtraction) -> str | None:
    """With no organizer in words, the specific body of the chair (or of most participants)."""
    ranked = sorted(hits, key=lambda h: (_CHAIR_FIRST[h.role], h.evidence.start))
    chairs = [h.person for h in ranked if h.role == "chair"]
    pool = chairs or list(dict.fromkeys(h.person for h in ranked))
    counts: dict[str, int] = {}
    for key in pool:
        person = extraction.person(key)
        if person is None:
            continue
        for body in dict.fromkeys(p.organization for p in person.positions if p.organization):
            if _specific(body):
                counts[body] = counts.get(body, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    return next(body for body, n in counts.items() if n == best)


def _specific(body: str) -> bool:
    """A body that names one institution: not a bare ``Tỉnh ủy`` or ``Bộ CHQS tỉnh``."""
    return len(body.split()) >= 3 and not _LOCALITY.search(body)


def _participations(hits: Sequence[RoleHit]) -> tuple[Participation, ...]:
    """One participation per person and role, in order of first evidence."""
    seen: dict[tuple[str, str], Participation] = {}
    for h in sorted(hits, key=lambda h: (h.evidence.start, _CHAIR_FIRST[h.role])):
        seen.setdefault((h.person, h.role), Participation(h.person, h.role, h.evidence))
    return tuple(seen.values())


def _relations(
    doc: Document, extraction: ArticleExtraction, anchor: Anchor
) -> tuple[DocumentRelation, ...]:
    """Documents named in the gathering's name: reviewed or disseminated; the rest cited."""
    matcher, rules = _relation_words()
    words = matcher.find(doc.text, anchor.noun.start, anchor.label_end)
    out: list[DocumentRelation] = []
    for d in extraction.documents:
        relation: Relation = "cites"
        evidence = d.evidence[0] if d.evidence else Evidence(0, 0, 0, "meetings", "cites")
        for ev in d.evidence:
            if anchor.noun.start <= ev.start < anchor.label_end:
                before = [w for w in words if w.end <= ev.start]
                if before:
                    relation = rules[before[-1].rule].get("relation")
                    evidence = ev
                    break
        rule = f"relation.{relation}"
        out.append(
            DocumentRelation(
                d.identifier,
                relation,
                dataclasses.replace(evidence, extractor="meetings", rule=rule),
            )
        )
    return tuple(out)


@component("meetings")
def extract_meetings(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Fill ``extraction.meetings`` with the gathering the article reports."""
    return dataclasses.replace(extraction, meetings=read_meetings(doc, extraction))
