"""The bylines component: the authors named at the end (or head) of a report.

A byline is a line led by a credit (``Tin, ảnh: ANH KHÔI``, ``Bài và ảnh: ...``), a line
with a credit inside (``Hải Linh, Ảnh: Thăng Bảy``), or, as the last line of text before
site furniture, a bare name (``Thuy Hoa``). Several names are split at dashes, commas
and ``và``; ranks and bracketed units are dropped; names in capitals are title-cased
(``ANH KHÔI`` → ``Anh Khôi``). A publication tag at the head (``CNQP&KT -``) is no
author. Credits and non-names are data (``kg/rules/bylines.json``); ranks and site
furniture are read from the shared ``kg/rules/ranks.json`` and ``furniture.json``.

Example:
    >>> text = "Hội nghị diễn ra.\\nTin, ảnh: PHƯƠNG ANH - TUẤN MINH\\nBình luận"
    >>> doc = Document.from_text("x", text)
    >>> [a.name for a in read_authors(doc)]
    ['Phương Anh', 'Tuấn Minh']
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from kg.document import Document
from kg.model import ArticleExtraction, Author, Evidence, Person
from kg.pipeline import component
from kg.rules import load_rules
from kg.text import fold

_TAIL_LINES = 3
_HEAD_LINES = 3
_MAX_NAME_WORDS = 5
_MAX_BARE_LINE = 40
# A credit line is short; a long last line is body text (some sources run a whole
# article into one line).
_MAX_CREDIT_LINE = 160
_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[,;&/]\s*|\s+và\s+")
_PAREN = re.compile(r"\s*\([^()]*\)")
_NAME_WORD = re.compile(r"[^\W\d_][\w.]*")
_INITIAL = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Vocabulary:
    credit: re.Pattern[str]
    head_credit: re.Pattern[str]
    not_names: frozenset[str]
    source: re.Pattern[str]
    ranks: tuple[str, ...]
    furniture: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]


@cache
def _vocabulary() -> _Vocabulary:
    rules = load_rules("bylines")

    def alternation(label: str) -> str:
        words = sorted((r.pattern for r in rules if r.label == label), key=len, reverse=True)
        return "|".join(r"\s*".join(map(re.escape, w.split())) for w in words)

    furniture = load_rules("furniture")

    def compiled(label: str) -> tuple[re.Pattern[str], ...]:
        return tuple(
            re.compile(r.pattern, re.IGNORECASE if r.ignore_case else 0)
            for r in furniture
            if r.label == label
        )

    credit = alternation("ROLE")
    return _Vocabulary(
        credit=re.compile(rf"(?:^|(?<=[,;.])|\s)\s*(?i:{credit})\s*:\s*"),
        head_credit=re.compile(rf"^\s*(?i:{credit})\s*:\s*"),
        not_names=frozenset(fold(r.pattern) for r in rules if r.label == "NOT_NAME"),
        source=re.compile(rf"^\s*\(?\s*(?i:{alternation('SOURCE')})\b"),
        ranks=tuple(
            sorted(
                (
                    fold(r.pattern)
                    for r in load_rules("ranks")
                    if r.label in ("RANK", "RANK_QUALIFIER")
                ),
                key=len,
                reverse=True,
            )
        ),
        furniture=compiled("LINE"),
        tail=compiled("TAIL"),
    )


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    text: str


def _content_lines(text: str, vocab: _Vocabulary) -> list[_Line]:
    """Non-blank lines, without site furniture and without related-news lists."""
    out: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        line = raw.strip()
        start = offset + raw.find(line) if line else offset
        offset += len(raw) + 1
        if not line:
            continue
        if out and any(p.match(line) for p in vocab.tail):
            break
        if not any(p.match(line) for p in vocab.furniture):
            out.append(_Line(start, line))
    return out


def read_authors(doc: Document) -> tuple[Author, ...]:
    """The byline names of the article, in order."""
    vocab = _vocabulary()
    lines = _content_lines(doc.text, vocab)
    found: list[Author] = []
    last = True
    for line in reversed(lines[-_TAIL_LINES:]):
        if vocab.source.match(line.text):
            continue  # "(Theo QĐND)": the source; the byline may stand above it
        # a credited line may stand a little above the end; a bare name only at the end
        found = _credited(doc, line, vocab) or (
            _bare(doc, line, vocab) if last and len(lines) > 1 else []
        )
        last = False
        if found:
            break
    if not found:
        for line in lines[:_HEAD_LINES]:
            if vocab.head_credit.match(line.text):
                found = _credited(doc, line, vocab)
                if found:
                    break
    unique: dict[str, Author] = {}
    for a in found:
        unique.setdefault(fold(a.name), a)
    return tuple(unique.values())


def _credited(doc: Document, line: _Line, vocab: _Vocabulary) -> list[Author]:
    """Names in a line holding a credit: ``Tin, ảnh: A - B``, ``A, Ảnh: B``."""
    if len(line.text) > _MAX_CREDIT_LINE:
        return []
    credits = list(vocab.credit.finditer(line.text))
    if not credits:
        return []
    segments: list[tuple[int, int]] = []
    if credits[0].start() > 0:
        segments.append((0, credits[0].start()))
    for i, c in enumerate(credits):
        end = credits[i + 1].start() if i + 1 < len(credits) else len(line.text)
        segments.append((c.end(), end))
    names: list[Author] = []
    for a, b in segments:
        names.extend(_names(doc, line.start + a, line.text[a:b], vocab, "bylines.credit"))
    return names


def _bare(doc: Document, line: _Line, vocab: _Vocabulary) -> list[Author]:
    """A short line of capitalised words only (``Thuy Hoa``) as the last line of text, its
    writer's unit in brackets or not (``Hoàng Hải (Lữ đoàn 147)``)."""
    text = line.text
    core = _PAREN.sub("", text)
    if len(core) > _MAX_BARE_LINE or any(c.isdigit() or c in ':.!?“”"()' for c in core):
        return []
    if _rank_length(text, vocab) or vocab.source.match(text):
        return []
    words = _PAREN.sub("", text).replace("-", " ").replace(",", " ").split()
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return []
    # the unit in brackets is blanked, not cut, so that offsets stay the text's
    blanked = _PAREN.sub(lambda m: " " * len(m.group()), text)
    return _names(doc, line.start, blanked, vocab, "bylines.bare")


def _names(doc: Document, offset: int, segment: str, vocab: _Vocabulary, rule: str) -> list[Author]:
    """The names in one credited segment, with their spans."""
    out: list[Author] = []
    pos = 0
    for piece in _SPLIT.split(segment):
        at = segment.find(piece, pos)
        pos = at + len(piece)
        name = _PAREN.sub("", piece).strip(" .,;:-–—*()")
        while (skip := _rank_length(name, vocab)) > 0:
            name = " ".join(name.split()[skip:])  # "Đại úy QNCN NGUYỄN HẢI"
        words = name.split()
        if not 1 <= len(words) <= _MAX_NAME_WORDS or fold(name) in vocab.not_names:
            continue
        if not all(_NAME_WORD.fullmatch(w) and w[0].isupper() for w in words):
            continue
        if len(words) == 1 and name.isupper() and "." not in name and len(name) > 2:
            continue  # an agency's acronym (TTXVN), not a person
        start = offset + at + piece.find(name)
        ev = Evidence(start, start + len(name), doc.sentence_index(start), "bylines", rule)
        out.append(Author(_title_case(name), ev))
    return out


def _rank_length(name: str, vocab: _Vocabulary) -> int:
    """How many leading words of ``name`` are a rank (``kg/rules/ranks.json``), else 0."""
    key = fold(name) + " "
    rank = next((r for r in vocab.ranks if key.startswith(r + " ")), None)
    return len(rank.split()) if rank else 0


def _title_case(name: str) -> str:
    """``ANH KHÔI`` → ``Anh Khôi``; a name already in mixed case is kept.

    >>> _title_case("ANH KHÔI"), _title_case("Thuy Hoa"), _title_case("N.TRIỀU")
    ('Anh Khôi', 'Thuy Hoa', 'N.Triều')
    """
    if not name.isupper():
        return name
    return _INITIAL.sub(lambda m: m.group().capitalize(), name)


@component("bylines")
def extract_bylines(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Fill ``extraction.authors`` with the byline names, and drop the persons read only
    on byline lines (``Lê Hà (Bộ CHQS tỉnh Thanh Hóa)`` names the writer)."""
    authors = read_authors(doc)
    text = doc.text
    lines = [
        (text.rfind("\n", 0, a.evidence.start) + 1, _line_end(text, a.evidence.start))
        for a in authors
    ]
    taking_part = {p.person for m in extraction.meetings for p in m.participations}

    def writer_only(person: Person) -> bool:
        return (
            bool(person.mentions)
            and person.key not in taking_part
            and all(any(a <= m.start < b for a, b in lines) for m in person.mentions)
        )

    persons = tuple(p for p in extraction.persons if not writer_only(p))
    return dataclasses.replace(extraction, authors=authors, persons=persons)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
