"""The meetings component: the gathering an article reports, with its organizer and roles.

:mod:`kg.extract.gatherings` finds the anchor (the sentence reporting the gathering) and
reads its name, kind, day and place; the year of the day comes from
:mod:`kg.extract.years` (ordered kinds of evidence). This module adds the organizer
(:mod:`kg.extract.organizers`), the roles of named persons (:mod:`kg.extract.roles`) and
how the gathering deals with each document: it ``reviews`` or ``disseminates`` those
named in its own name (relation words in ``kg/rules/relations.json``), disseminates
those announced at it (``đã công bố Quyết định số ...``) and ``cites`` the rest.

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
from dataclasses import dataclass
from datetime import date
from functools import cache

from kg.document import Document
from kg.extract.dates import publication_date
from kg.extract.documents import DocumentReference, find_references
from kg.extract.gatherings import (
    Anchor,
    find_anchor,
    headline_anchor,
    headline_end,
    is_online,
    kind_of,
    location,
    meeting_date,
    opens_with_gathering,
)
from kg.extract.organizers import VISIT_KINDS, blank, organizer, organizer_from_posts
from kg.extract.roles import RoleHit, find_roles
from kg.extract.year_cues import announces
from kg.extract.years import infer_year
from kg.model import (
    ROLE_ORDER,
    ArticleExtraction,
    DocumentRelation,
    Evidence,
    Meeting,
    Mention,
    Participation,
    Relation,
)
from kg.pipeline import component
from kg.rules import PhraseMatcher, Rule, load_rules

_LEAD_CHARS = 600
# "triển khai thực hiện Kế hoạch số ...": a launching word stands a few words before
_LAUNCH_GAP_WORDS = 3
_LIST_GAP_WORDS = 40
# the gathering's report as a sentence's subject: "Báo cáo sơ kết do A trình bày đã đánh giá"
_REPORT_OPENS = re.compile(r"\s*Báo cáo\s+(?:sơ kết|tổng kết|chính trị)\b", re.IGNORECASE)
# the gathering's delegates as a sentence's subject: what is done to them is done there
_DELEGATES = re.compile(r"\s*(?:các\s+|toàn\s+thể\s+)?(?:đại biểu|học viên)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


@cache
def _relation_words() -> tuple[PhraseMatcher, dict[str, Rule]]:
    rules = [r for r in load_rules("relations") if r.label == "RELATION"]
    return PhraseMatcher(rules), {r.id: r for r in rules}


@dataclass(frozen=True)
class _Cues:
    directive: re.Pattern[str]
    ongoing: re.Pattern[str]
    past: re.Pattern[str]
    reported: re.Pattern[str]
    placed: re.Pattern[str]


@cache
def _cue_words() -> _Cues:
    """Directive words (``yêu cầu``), words of work that only goes on (``tiếp tục``) and
    of results reported (``đã``)."""
    rules = load_rules("relations")

    def words(label: str) -> re.Pattern[str]:
        alt = "|".join(re.escape(r.pattern) for r in rules if r.label == label)
        return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)

    nouns = "|".join(
        r"\s+".join(map(re.escape, r.pattern.split()))
        for r in load_rules("gatherings")
        if r.label == "GATHERING"
    )
    at = "|".join(re.escape(r.pattern) for r in rules if r.label == "AT")
    placed = re.compile(
        rf"[\s\"“'‘*•-]*(?:{at})\s+(?:{nouns})(?!\w)[^,;:.\n]{{0,80}}?,", re.IGNORECASE
    )
    return _Cues(words("DIRECTIVE"), words("ONGOING"), words("PAST"), words("REPORTED"), placed)


def read_meetings(doc: Document, extraction: ArticleExtraction) -> tuple[Meeting, ...]:
    """The gatherings the article reports, with dates, places, organizers, roles, documents."""
    text = doc.text
    refs = find_references(text)
    ref_spans = [(r.span_start, r.tail_end) for r in refs]
    anchor = find_anchor(doc, ref_spans)
    if anchor is None:
        return ()
    label = text[anchor.noun.start : anchor.label_end].strip(" ,.;:")
    kind = kind_of(label, anchor.noun)
    day = meeting_date(doc, anchor, ref_spans)
    # role words inside the gathering's own name ("Hội nghị quán triệt") are not acts
    hits = find_roles(doc, extraction, masks=[*ref_spans, (anchor.noun.end, anchor.label_end)])
    relations = _relations(doc, extraction, anchor, refs, _taking_part(extraction, hits))
    date_value: str | None = None
    if day is not None:
        sentence = doc.sentences[anchor.sentence]
        lead = _lead(doc, anchor)
        guess = infer_year(
            day,
            label=label,
            own_label=blank(text, anchor.noun.start, anchor.label_end, ref_spans),
            published=publication_date(text, doc.published),
            cited=_dealt_with(extraction, relations),
            named=_named_dates(extraction, anchor),
            lead=lead,
            body=blank(text, 0, len(text), ref_spans),
            occasion=blank(text, sentence.start, sentence.start + len(lead), ref_spans),
            headline=_headline(doc, ref_spans),
        )
        date_value = day.iso(guess.year if guess else None)
    body = organizer(doc, anchor, ref_spans, extraction) or _headline_organizer(
        doc, anchor, ref_spans, extraction
    )
    if body is None and kind not in VISIT_KINDS:
        body = organizer_from_posts(hits, extraction)
    meeting = Meeting(
        kind=kind,
        label=label,
        evidence=Evidence(
            anchor.noun.start, anchor.label_end, anchor.sentence, "meetings", anchor.noun.rule
        ),
        date=date_value,
        location=location(doc, anchor, ref_spans, _officials(extraction)),
        organizer=body,
        online=is_online(doc, anchor),
        participations=_participations(hits),
        documents=relations,
    )
    return (meeting,)


def _headline_organizer(
    doc: Document,
    anchor: Anchor,
    ref_spans: Sequence[tuple[int, int]],
    extraction: ArticleExtraction,
) -> str | None:
    """The holder the headline names (``Thường trực Huyện ủy Lục Ngạn làm việc với ...``)
    when the lead names none: the text's first line, or the page title read alone."""
    if doc.title:
        title = Document.from_text(doc.id, doc.title)
        head = headline_anchor(title, [])
        return organizer(title, head, [], ArticleExtraction(doc.id)) if head else None
    head = headline_anchor(doc, ref_spans)
    if head is None or head.sentence == anchor.sentence:
        return None
    return organizer(doc, head, ref_spans, extraction)


def _done_there(text: str, start: int, word: Mention, present: Sequence[int], cues: _Cues) -> bool:
    """Whether the sentence at ``start`` tells what is done at the gathering up to the
    relation ``word``: a participant, the delegates or the gathering's report acts there
    (``đồng chí A đã triển khai``, ``Các đại biểu được quán triệt``, ``Báo cáo sơ kết ...
    đã đánh giá``), or the sentence is placed there (``Tại hội nghị, ...``); no report of
    what others did is quoted in between (``cho biết``, ``cho thấy``)."""
    acted = [at for at in present if start <= at < word.start]
    if _DELEGATES.match(text, start, word.start) or _REPORT_OPENS.match(text, start, word.start):
        acted.insert(0, start)
    if (
        acted
        and not re.search(r"[:“\"]", text[acted[-1] : word.start])
        and not cues.reported.search(text, acted[-1], word.start)
    ):
        return True
    placed = cues.placed.match(text, start, word.start)
    if placed is None:
        return False
    return not cues.reported.search(text, placed.end(), word.start)


def _taking_part(extraction: ArticleExtraction, hits: Sequence[RoleHit]) -> list[int]:
    """Where the gathering's participants are named, in text order."""
    keys = {h.person for h in hits}
    return sorted(m.start for p in extraction.persons if p.key in keys for m in p.mentions)


def _dealt_with(extraction: ArticleExtraction, relations: Sequence[DocumentRelation]) -> list[date]:
    """Issue dates of the documents the gathering announces or disseminates: issued shortly
    before it (a reviewed document is reviewed long after)."""
    dealt = {r.identifier for r in relations if r.relation == "disseminates"}
    return sorted(
        date.fromisoformat(d.date)
        for d in extraction.documents
        if d.identifier in dealt and d.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date)
    )


def _officials(extraction: ArticleExtraction) -> list[int]:
    """Where persons with a rank or a post are named: a place never runs into them
    (``tại Singapore Trần Văn A``), while a place may bear a bare name (``Công viên Lê Lợi``)."""
    return [ev.start for p in extraction.persons if p.rank or p.positions for ev in p.mentions]


def _lead(doc: Document, anchor: Anchor) -> str:
    """The sentence reporting the gathering and the rest of its paragraph."""
    start = doc.sentences[anchor.sentence].start
    end = doc.text.find("\n", start)
    return doc.text[start : min(start + _LEAD_CHARS, len(doc.text) if end < 0 else end)]


def _headline(doc: Document, ref_spans: Sequence[tuple[int, int]]) -> str:
    """The page title, or the headline the text opens with, document references blanked."""
    return doc.title or blank(doc.text, 0, headline_end(doc), ref_spans)


def _named_dates(extraction: ArticleExtraction, anchor: Anchor) -> list[date]:
    """Issue dates of the documents named in the gathering's name, in order of mention."""
    named: list[tuple[int, date]] = []
    for d in extraction.documents:
        spans = [ev.start for ev in d.evidence if anchor.noun.start <= ev.start < anchor.label_end]
        if spans and d.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date):
            named.append((min(spans), date.fromisoformat(d.date)))
    return [d for _, d in sorted(named)]


def _participations(hits: Sequence[RoleHit]) -> tuple[Participation, ...]:
    """One participation per person and role, in order of first evidence."""
    seen: dict[tuple[str, str], Participation] = {}
    for h in sorted(hits, key=lambda h: (h.evidence.start, ROLE_ORDER[h.role])):
        seen.setdefault((h.person, h.role), Participation(h.person, h.role, h.evidence))
    return tuple(seen.values())


def _relations(
    doc: Document,
    extraction: ArticleExtraction,
    anchor: Anchor,
    refs: Sequence[DocumentReference],
    present: Sequence[int] = (),
) -> tuple[DocumentRelation, ...]:
    """How the gathering deals with each document: by the relation word before it in the
    gathering's name; disseminated when announced at it (``đã công bố Quyết định số ...``);
    by the relation word of a sentence whose subject is the gathering (``Hội nghị cũng
    đánh giá kết quả 3 năm thực hiện Nghị quyết số ...``) or one of its participants
    (``present``: where they are named), right before the document (``đồng chí A đã
    triển khai Kế hoạch số ...``); disseminated when a directive there launches it
    (``yêu cầu ... triển khai thực hiện Kế hoạch số ...``); else cited."""
    matcher, rules = _relation_words()
    words = matcher.find(doc.text, anchor.noun.start, anchor.label_end)
    announced = {r.start for r in refs if announces(doc.text, r.span_start)}
    heads = {r.start: r.span_start for r in refs}
    out: list[DocumentRelation] = []
    for d in extraction.documents:
        relation: Relation | None = None
        evidence = d.evidence[0] if d.evidence else Evidence(0, 0, 0, "meetings", "cites")
        for ev in d.evidence:
            if anchor.noun.start <= ev.start < anchor.label_end:
                before = [w for w in words if w.end <= ev.start]
                if before:
                    relation = rules[before[-1].rule].get("relation")
                    evidence = ev
                    break
        if relation is None:
            at = next((ev for ev in d.evidence if ev.start in announced), None)
            if at is not None:
                relation, evidence = "disseminates", at
        if relation is None:
            for ev in d.evidence:
                found = _stated_relation(doc, anchor, heads.get(ev.start, ev.start), present)
                if found is not None:
                    relation, evidence = found, ev
                    break
        relation = relation or "cites"
        rule = f"relation.{relation}"
        out.append(
            DocumentRelation(
                d.identifier,
                relation,
                dataclasses.replace(evidence, extractor="meetings", rule=rule),
            )
        )
    return tuple(out)


def _stated_relation(
    doc: Document, anchor: Anchor, pos: int, present: Sequence[int] = ()
) -> Relation | None:
    """The relation a sentence after the gathering's own states for a document named at
    ``pos`` (the start of its reference, type word included).

    The gathering as subject (``Hội nghị cũng đánh giá kết quả ... thực hiện Nghị quyết``,
    ``Kỳ họp ...``) gives the relation word nearest before the document; so does a sentence
    placed at the gathering (``Tại hội nghị, A quán triệt Quy định số ...``) when that word
    stands right before the document and no report is quoted (``báo cáo cho thấy``). A directive
    (``yêu cầu``, ``đề nghị``) launching the document (``triển khai thực hiện Kế hoạch số``:
    a disseminating word a few words before it, in its clause) disseminates it, unless the
    work only goes on (``tiếp tục triển khai``) or the sentence reports results (``đã``).
    """
    index = doc.sentence_index(pos)
    if index <= anchor.sentence:
        return None
    text = doc.text
    sentence = doc.sentences[index]
    matcher, rules = _relation_words()
    words = [w for w in matcher.find(text, sentence.start, pos) if rules[w.rule].get("relation")]
    if not words:
        return None
    last = words[-1]
    relation: Relation = rules[last.rule].get("relation")
    if opens_with_gathering(text, sentence.start, words[0].start):
        return relation
    cues = _cue_words()
    gap = text[last.end : pos]
    clause = text[sentence.start : last.start]
    clause = clause[max(clause.rfind(c) for c in ",;:") + 1 :]
    if cues.ongoing.search(clause):
        return None
    near = len(_WORD.findall(gap)) <= _LAUNCH_GAP_WORDS and not any(c in gap for c in ",;:")
    # the second of a list of documents after the word ("quán triệt Mệnh lệnh huấn luyện ...
    # và Chỉ thị số ...") in a sentence about what is done at the gathering
    listed = (
        gap.strip()[:1].isupper()
        and " và " in gap
        and len(_WORD.findall(gap)) <= _LIST_GAP_WORDS
        and not any(c in gap for c in ';:“"')
    )
    if (near or listed) and _done_there(text, sentence.start, last, present, cues):
        return relation
    if not near:
        return None
    if (
        relation == "disseminates"
        and cues.directive.search(text, sentence.start, last.start)
        and not cues.past.search(text, sentence.start, last.start)
    ):
        return "disseminates"
    return None


@component("meetings")
def extract_meetings(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Fill ``extraction.meetings`` with the gathering the article reports."""
    return dataclasses.replace(extraction, meetings=read_meetings(doc, extraction))
