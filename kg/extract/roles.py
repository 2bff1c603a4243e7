"""Who did what at a gathering: role words tied to the person mentions around them.

A library module for the ``meetings`` component. Role words (``dự``, ``chủ trì``,
``phát biểu``, ``trao``, ...) are data (``kg/rules/roles.json``); each names the roles it
gives. A role word reaches persons in one of four ways, tried in order:

- a list after ``có`` or ``của``: ``Cùng dự có A, ...; B`` / ``dưới sự chủ trì của A``;
- its subject before it, over posts in apposition: ``A, Phó Chính ủy ..., dự``;
  ``Hội nghị do A chủ trì``; a list of subjects ``A, ...; B, ... đồng chủ trì``;
- a fronted phrase at the head of the sentence: ``Phát biểu kết luận Hội nghị, A ...``;
- the persons of the role word just before it: ``dự và phát biểu``.

Weak speech verbs (``nhấn mạnh``, ``yêu cầu``, ``nói``) need their subject right before
them (a bracket after a name, ``A (lớp K25) đề nghị``, says who A is); one with ``next``
words is a verb only before them (``thông tin về``); ``trao`` makes a presenter only when
an award follows it; a role word marked ``list_only`` (``Theo báo cáo của A``) reaches only
the list after it. A list of subjects stops at a subject with its own role word.

Example:
    >>> from kg.model import Person
    >>> text = "Thiếu tướng Lê Văn A, Chính ủy Quân khu, dự và phát biểu tại Hội nghị."
    >>> person = Person("lê văn a", "Lê Văn A", mentions=(Evidence(0, 20, 0, "persons", "r"),))
    >>> hits = find_roles(Document.from_text("x", text), ArticleExtraction("x", persons=(person,)))
    >>> sorted({(h.person, h.role) for h in hits})
    [('lê văn a', 'participant'), ('lê văn a', 'speaker')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kg.document import Document
from kg.model import ArticleExtraction, Evidence, Mention, Role
from kg.rules import PhraseMatcher, Rule, load_rules

# How far a list connector may follow its role word: "Dự hội nghị trực tuyến có".
_CONNECTOR_WORDS = 6
# A fronted phrase ("Phát biểu chỉ đạo tại Hội nghị, thay mặt ..., A") is short.
_FRONT_WORDS = 6
_FRONT_GAP_WORDS = 20
# Lower-case words allowed between a subject and a strong role word ("A cùng đoàn công
# tác đến dự"); weak speech verbs allow none besides fillers.
_LOOSE_WORDS = 8
_INHERIT_WORDS = 2
_MAX_GAP = 300
_PIECES = re.compile(r"[,;:()\[\]]|\s[-–—]\s|^[-–—]\s|\s[-–—]$")
_QUOTES = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_WORD = re.compile(r"\w+")
# "Ngay sau khi công bố quyết định, A ...": a clause of time, not a fronted role phrase
_TIME_CLAUSE = re.compile(r"(?<!\w)khi(?!\w)", re.IGNORECASE)
# "Sinh viên A (lớp K25 Sư phạm Toán) đề nghị": a bracket after a name says who the person is
_BRACKET = re.compile(r"\([^()\n]{1,80}\)")


@dataclass(frozen=True, slots=True)
class RoleHit:
    """One person's role read in one sentence; ``person`` is a :attr:`Person.key`."""

    person: str
    role: Role
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    key: str


@dataclass(frozen=True)
class _Vocabulary:
    triggers: PhraseMatcher
    rules: dict[str, Rule]
    connectors: re.Pattern[str]
    connector_rules: dict[str, Rule]
    fillers: re.Pattern[str]
    awards: PhraseMatcher


@cache
def _vocabulary() -> _Vocabulary:
    rules = load_rules("roles")
    triggers = [r for r in rules if r.label == "TRIGGER"]
    lists = {r.pattern: r for r in rules if r.label == "LIST"}
    connectors = "|".join(map(re.escape, lists))
    fillers = sorted((r.pattern for r in rules if r.label == "FILLER"), key=len, reverse=True)
    awards = [r for r in load_rules("awards") if r.label == "AWARD"]
    return _Vocabulary(
        PhraseMatcher(triggers),
        {r.id: r for r in triggers},
        re.compile(rf"(?<!\w)(?:{connectors})(?!\w)"),
        lists,
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, fillers)) + r")(?!\w)", re.IGNORECASE),
        PhraseMatcher(awards),
    )


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of quoted passages (curly or straight double quotes) in ``text[start:end]``.

    >>> quote_spans('A nói: "Đi dự". Xong')
    [(7, 14)]
    """
    return [m.span() for m in _QUOTES.finditer(text, start, len(text) if end is None else end)]


def find_roles(
    doc: Document,
    extraction: ArticleExtraction,
    masks: Sequence[tuple[int, int]] = (),
) -> list[RoleHit]:
    """Every role the text gives a named person, sentence by sentence, in text order.

    Args:
        doc: The article.
        extraction: Persons (with their mentions and posts) and bodies read so far.
        masks: Extra spans where role words are not read (document references).

    Returns:
        Role hits; a person with any role also gets ``participant``.
    """
    vocab = _vocabulary()
    spans = _person_spans(extraction)
    if not spans:
        return []
    blocked = (sorted(masks), sorted(_record_spans(extraction)))
    hits: list[RoleHit] = []
    cursor = 0
    for index, sentence in enumerate(doc.sentences):
        while cursor < len(spans) and spans[cursor].start < sentence.start:
            cursor += 1
        inside = []
        j = cursor
        while j < len(spans) and spans[j].end <= sentence.end:
            inside.append(spans[j])
            j += 1
        if not inside:
            continue
        hits.extend(
            _sentence_roles(doc.text, index, sentence.start, sentence.end, inside, blocked, vocab)
        )
    return hits


def _person_spans(extraction: ArticleExtraction) -> list[_Span]:
    """Mentions of persons who take part, without overlaps (the longer wins)."""
    raw = sorted(
        {
            (ev.start, ev.end, p.key)
            for p in extraction.persons
            if not p.mention_only
            for ev in p.mentions
        },
        key=lambda s: (s[0], -(s[1] - s[0]), s[2]),
    )
    out: list[_Span] = []
    for start, end, key in raw:
        if out and start < out[-1].end:
            continue
        out.append(_Span(start, end, key))
    return out


def _record_spans(extraction: ArticleExtraction) -> list[tuple[int, int]]:
    """Posts and bodies already read: role words inside them (``Ban Chỉ đạo``) are names."""
    spans = [
        (pos.evidence.start, pos.evidence.end) for p in extraction.persons for pos in p.positions
    ]
    spans += [(ev.start, ev.end) for o in extraction.organizations for ev in o.evidence]
    return spans


def _sentence_roles(
    text: str,
    index: int,
    start: int,
    end: int,
    persons: list[_Span],
    blocked: tuple[list[tuple[int, int]], list[tuple[int, int]]],
    vocab: _Vocabulary,
) -> list[RoleHit]:
    masks, records = blocked
    masks = [*masks, *quote_spans(text, start, end)]
    triggers = [
        t
        for t in vocab.triggers.find(text, start, end)
        if vocab.rules[t.rule].get("roles")
        and not any(a < t.end and t.start < b for a, b in masks)
        # a role word inside a post or body (``Ban Chỉ đạo``) is a name; one running past
        # its end (``Đồn trưởng Đồn Biên phòng X báo cáo`` read as ``... X báo``) is not
        and not any(
            a <= t.start and t.end <= b and not _runs_on(text, t, b, vocab) for a, b in records
        )
        and not any(p.start < t.end and t.start < p.end for p in persons)
        and (t.surface[0].islower() or _at_head(text, start, t.start))
        and _object_follows(text, t, vocab.rules[t.rule])
    ]
    hits: list[RoleHit] = []
    previous: tuple[Mention, list[_Span]] | None = None
    for t in triggers:
        rule = vocab.rules[t.rule]
        targets = _targets(text, start, end, t, rule, persons, previous, vocab, triggers)
        if not targets:
            continue
        previous = (t, targets)
        roles: list[Role] = list(rule.get("roles"))
        if rule.get("award") and vocab.awards.find(text, t.end, min(end, t.end + 120)):
            roles = ["presenter"]
        for p in targets:
            ev = Evidence(min(p.start, t.start), max(p.end, t.end), index, "meetings", t.rule)
            hits.extend(RoleHit(p.key, role, ev) for role in dict.fromkeys([*roles, "participant"]))
        if rule.get("award"):
            # persons named after "trao ... cho/tặng" receive: they are present too
            for p in persons:
                if p.start > t.end and p not in targets:
                    ev = Evidence(t.start, p.end, index, "meetings", t.rule, 0.8)
                    hits.append(RoleHit(p.key, "participant", ev))
    return hits


def _runs_on(text: str, trigger: Mention, record_end: int, vocab: _Vocabulary) -> bool:
    """A speech verb at the very end of a post or body read too far (``Phó Giám đốc Sở Kế
    hoạch và Đầu tư thông tin tình hình ...``): the name ran into the verb when the verb's
    own object (its rule's ``next`` words) goes on after it.

    >>> t = "Giám đốc Sở Kế hoạch và Đầu tư thông tin tình hình"
    >>> m = Mention("TRIGGER", t.index("thông"), t.index(" tình"), "thông tin", "role.thông-tin")
    >>> _runs_on(t, m, m.end, _vocabulary()), _runs_on(t[: m.end] + " dự", m, m.end, _vocabulary())
    (True, False)
    """
    rule = vocab.rules[trigger.rule]
    return (
        trigger.end == record_end
        and trigger.surface[:1].islower()
        and bool(rule.get("next"))
        and _object_follows(text, trigger, rule)
    )


def _object_follows(text: str, trigger: Mention, rule: Rule) -> bool:
    """A role word that is a verb only before its object (``thông tin về ...``; the rule's
    ``next`` words) is a noun elsewhere (``tìm kiếm thông tin trên``).

    >>> r = Rule("TRIGGER", "thông tin", "x", extra={"next": ["về"]})
    >>> t = "A thông tin về B"
    >>> _object_follows(t, Mention("TRIGGER", 2, 11, "thông tin", "x"), r)
    True
    """
    words = rule.get("next")
    if not words:
        return True
    rest = text[trigger.end : trigger.end + 24].lower()
    return any(re.match(rf"\s+{re.escape(w)}(?!\w)", rest) for w in words)


def _at_head(text: str, start: int, pos: int) -> bool:
    """A capitalised role word counts only at the head of its sentence (``Dự hội nghị có``)."""
    return not text[start:pos].strip(" \"“'‘-–—*•")


def _targets(
    text: str,
    start: int,
    end: int,
    trigger: Mention,
    rule: Rule,
    persons: list[_Span],
    previous: tuple[Mention, list[_Span]] | None,
    vocab: _Vocabulary,
    triggers: Sequence[Mention] = (),
) -> list[_Span]:
    before = [p for p in persons if p.end <= trigger.start]
    after = [p for p in persons if p.start >= trigger.end]
    connector = vocab.connectors.search(text, trigger.end, min(end, trigger.end + 60))
    if connector and after and not any(trigger.end <= p.start < connector.start() for p in after):
        gap_words = len(_WORD.findall(text[trigger.end : connector.start()]))
        link = vocab.connector_rules[connector.group()]
        # "của" follows its role word at once ("sự chủ trì của A"); "có", "là" may come a
        # few words on, and only when no subject stands before the role word
        near = gap_words == 0 if link.get("adjacent") else gap_words <= _CONNECTOR_WORDS
        if near and (link.get("adjacent") or not before):
            if link.get("mode") == "all":
                listed = [p for p in after if p.start >= connector.end()]
            else:
                listed = _chain_forward(text, connector.end(), after, vocab)
            if listed:
                return listed
    if rule.get("list_only"):
        return []  # "Theo báo cáo của A": only a list after the role word names its persons
    if before:
        last = before[-1]
        if _apposition(text[last.end : trigger.start], vocab, loose=not rule.get("weak")):
            return _chain_backward(text, before, vocab, triggers)
    elif (
        after
        and len(_WORD.findall(text[start : trigger.start])) <= _FRONT_WORDS
        and not _TIME_CLAUSE.search(text, start, trigger.start)
    ):
        first = after[0]
        gap = text[trigger.end : first.start]
        if "," in gap and len(_WORD.findall(gap)) <= _FRONT_GAP_WORDS:
            return _chain_forward(text, first.start, after, vocab)
    if previous is not None:
        prior, targets = previous
        gap = text[prior.end : trigger.start]
        if len(_WORD.findall(gap)) <= _INHERIT_WORDS and not any(
            prior.end <= p.start < trigger.start for p in persons
        ):
            return targets
    return []


def _chain_backward(
    text: str, before: list[_Span], vocab: _Vocabulary, triggers: Sequence[Mention] = ()
) -> list[_Span]:
    """The subject nearest the role word, with the subjects listed before it; a subject
    whose own role word stands between (``A, Phó Chính ủy dự; B chủ trì``) is not listed."""
    chain = [before[-1]]
    for p in reversed(before[:-1]):
        if not _apposition(text[p.end : chain[-1].start], vocab, loose=False):
            break
        if any(p.end <= t.start and t.end <= chain[-1].start for t in triggers):
            break
        chain.append(p)
    return sorted(chain, key=lambda s: s.start)


def _chain_forward(text: str, pos: int, after: list[_Span], vocab: _Vocabulary) -> list[_Span]:
    """The person right after ``pos``, with the persons listed after it."""
    first = next((p for p in after if p.start >= pos), None)
    # only fillers, ranks and titles may stand between: "của Chuẩn Đô đốc A", "có đồng chí A"
    if first is None or not _apposition(text[pos : first.start], vocab, loose=False):
        return []
    chain = [first]
    for p in after:
        if p.start <= first.start:
            continue
        if not _apposition(text[chain[-1].end : p.start], vocab, loose=False):
            break
        chain.append(p)
    return chain


def _clause_words(piece: str) -> int:
    """Lower-case words outside capitalised phrases: a rank or title (``và Trung tướng``,
    ``và Thứ trưởng``) is no clause word.

    >>> _clause_words(" và Trung tướng "), _clause_words(" trao Bằng khen cho ")
    (1, 2)
    """
    count = 0
    previous = ""
    for word in _WORD.findall(piece):
        if word.islower() and not previous[:1].isupper():
            count += 1
        previous = word
    return count


def _apposition(gap: str, vocab: _Vocabulary, loose: bool) -> bool:
    """Whether ``gap`` holds only posts in apposition, separators and filler words.

    Pieces between commas, semicolons, dashes and brackets that start with a capital are
    posts or bodies (``Phó Chính ủy Tổng cục CNQP``); other pieces may hold fillers
    (``đã``, ``cùng``) and, when ``loose``, a few other lower-case words.

    >>> v = _vocabulary()
    >>> _apposition(", Ủy viên Thường vụ, Phó Chính ủy Tổng cục (CNQP), ", v, loose=False)
    True
    >>> _apposition(" trao Bằng khen cho ", v, loose=False)
    False
    """
    if len(gap) > _MAX_GAP or any(q in gap for q in '“”"'):
        return False
    gap = _BRACKET.sub(" , ", gap)
    budget = _LOOSE_WORDS if loose else 0
    for piece in _PIECES.split(gap):
        words = piece.split()
        if not words or words[0][0].isupper() or words[0][0].isdigit():
            continue
        budget -= _clause_words(vocab.fillers.sub(" ", piece))
        if budget < 0:
            return False
    return True
