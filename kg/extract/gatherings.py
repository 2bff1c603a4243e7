"""Where a report names its gathering: the anchor sentence, the name, kind, day, place.

A library module for the ``meetings`` component. The report names its gathering in the
lead: ``Ngày 15/7, tại Hà Nội, Tổng cục X đã tổ chức Hội nghị tổng kết ...``. The anchor
is the first sentence holding a gathering word (``Hội nghị``, ``Lễ``, ``buổi làm việc``,
``làm việc với``; data in ``kg/rules/gatherings.json``) with something that reports it
as taking place (a date, ``tổ chức``, ``diễn ra``, ``tại``); mere mentions (``Tổ chức
sơ kết các nghị quyết``, ``tại Hội nghị``) make no anchor of their own.

Example:
    >>> doc = Document.from_text("x", "Sáng 9/1, tại Hà Nội, Cục Quân y tổ chức Hội nghị quân y.")
    >>> a = find_anchor(doc, [])
    >>> doc.text[a.noun.start : a.label_end], kind_of(doc.text[a.noun.start : a.label_end], a.noun)
    ('Hội nghị quân y', 'hội nghị')
    >>> location(doc, a, []), meeting_date(doc, a, []).iso()
    ('Hà Nội', '--01-09')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from kg.document import Document
from kg.extract.canonical import expand_phrase
from kg.extract.dates import DateMention, clock_lines, find_dates
from kg.extract.documents import CAPITAL
from kg.extract.roles import quote_spans
from kg.model import Mention
from kg.rules import PhraseMatcher, Rule, load_rules

_LEAD_SENTENCES = 8
_FOLLOW_SENTENCES = 3
# "Hội nghị lần này cũng": words between a gathering word opening a sentence and its verb
_SUBJECT_WORDS = 5
_HEADLINE_CHARS = 250  # a first line longer than this is the lead, not a headline
# Where a gathering's name ends: a clause about it ("do ...", "tại ...", ", tổ chức ...").
_LABEL_END = re.compile(
    r",\s*(?=(?:đã\s+)?(?:tổ chức|do|dưới|diễn ra|với sự|nhằm|có|được|tại|vào|sáng|chiều|tối|trưa|"
    r"ngày|hôm|từ|trong|qua|theo)\b)"
    r"|\s+(?=(?:do|tại|vào|dưới sự|với sự|nhằm|diễn ra|được tổ chức|đã diễn ra|có|cho|"
    r"sáng|chiều|tối|trưa|hôm|ngày \d)\b)"
    rf"|,\s*(?={CAPITAL})|:|\.\s|\.$",
)
# "một cuộc họp", "các hội nghị", "mà Kỳ họp thứ 6 đã đề ra": some gathering, or one only
# referred to, not the one the report is about (for an anchor with nothing else to show)
_GENERIC = re.compile(r"(?<!\w)(?:một|mà|các|những|nhiều)\s+(?:cuộc\s+|buổi\s+)?$", re.I)
# a dot inside a word ("TP.HCM") does not end the place
_PLACE = re.compile(r"(?<!\w)[Tt]ại\s+(?P<place>(?:[^,.;:()\n“”\"]|\.(?=\w))+)")
_PLACE_END = re.compile(
    r"\s+(?:do|với|tới|đến|nhằm|để|dưới|đã|và\s+(?=[a-zđà-ỹ])|có|cho|thành công|diễn ra|về|"
    r"trong|vào|sáng|chiều|tối|ngày|từ|theo|của|kết nối|qua|buổi|lúc|hôm|khi|nơi|Tại)\b.*$"
)
# "của Sư đoàn 361": the owner naming a place noun, capitalised words and numbers
_OWNER = re.compile(rf" +của +(?P<owner>{CAPITAL}.*)")
_WORD = re.compile(r"\w+")
_DASH_ONLY = re.compile(r"\s*[-–—]\s*")


@dataclass(frozen=True)
class _Vocabulary:
    gatherings: PhraseMatcher
    kinds: PhraseMatcher
    not_place: PhraseMatcher
    place_heads: PhraseMatcher
    rules: dict[str, Rule]


@cache
def _vocabulary() -> _Vocabulary:
    rules = load_rules("gatherings")

    def matcher(*labels: str) -> PhraseMatcher:
        return PhraseMatcher(r for r in rules if r.label in labels)

    return _Vocabulary(
        matcher("GATHERING", "EVENT_VERB", "ORGANIZE", "HAPPEN", "ONLINE", "NOT_EVENT"),
        matcher("KIND"),
        matcher("NOT_PLACE"),
        matcher("PLACE_HEAD"),
        {r.id: r for r in rules},
    )


@dataclass(frozen=True, slots=True)
class Anchor:
    """The gathering word and its sentence; the name runs from ``noun.start`` to ``label_end``."""

    sentence: int
    noun: Mention
    label_end: int


def find_anchor(doc: Document, ref_spans: Sequence[tuple[int, int]]) -> Anchor | None:
    """The sentence that reports the gathering, and the gathering word in it.

    A headline (``Quân khu 7 tổ chức Hội nghị ...``) reports it too, but the dated lead
    just after it says more: the first reported sentence with a date wins, else the first
    reported one, else the first naming a gathering.
    """
    vocab = _vocabulary()
    text = doc.text
    reported: list[Anchor] = []
    weak: list[Anchor] = []
    named_again: list[Anchor] = []
    for index, sentence in enumerate(doc.sentences[:_LEAD_SENTENCES]):
        if reported and index > reported[0].sentence + _FOLLOW_SENTENCES:
            break
        found = [
            m
            for m in vocab.gatherings.find(text, sentence.start, sentence.end)
            if not inside(m.start, ref_spans)
        ]
        nouns = [
            m
            for m in found
            if m.label in ("GATHERING", "EVENT_VERB") and not _venue(text, sentence.start, m)
        ]
        if not nouns:
            continue
        fresh = [m for m in nouns if not _refers_back(text, m, sentence.end, ref_spans)]
        noun = next((m for m in fresh if m.label == "GATHERING"), fresh[0] if fresh else None)
        if noun is None:
            # only named again ("Dự hội nghị có ..."): a gathering all the same, if no better
            first = next(
                (m for m in nouns if m.label == "GATHERING" and not _future(text, m)), None
            )
            if first is not None:
                named_again.append(Anchor(index, first, first.end))
            continue
        anchor = Anchor(index, noun, _label_end(text, noun, sentence.end, ref_spans))
        dated = any(
            d.marked
            for d in find_dates(text, sentence.start, sentence.end)
            if not inside(d.start, ref_spans)
        )
        if dated:
            return anchor
        if _GENERIC.search(text, sentence.start, noun.start):
            continue
        if (
            any(m.label == "HAPPEN" for m in found)
            or any(m.label == "ORGANIZE" and _organizes(text, m, noun) for m in found)
            or _PLACE.search(text, sentence.start, sentence.end)
        ):
            reported.append(anchor)
        elif noun.label == "GATHERING":
            weak.append(anchor)
    anchors = reported or weak or named_again
    return anchors[0] if anchors else None


def headline_end(doc: Document) -> int:
    """End of the headline when the text opens with one (a short first line with no full
    stop), else 0; pages give theirs apart as ``Document.title``.

    >>> headline_end(Document.from_text("x", "Quân khu 7 tổng kết\\nSáng 9/1, ..."))
    19
    """
    if doc.title:
        return 0
    end = doc.text.find("\n")
    line = doc.text[: len(doc.text) if end < 0 else end].rstrip()
    if len(line) > _HEADLINE_CHARS or line.endswith((".", ":", ";")):
        return 0
    return len(line)


def headline_anchor(doc: Document, ref_spans: Sequence[tuple[int, int]]) -> Anchor | None:
    """The gathering word of the headline the text opens with (``Thường trực Huyện ủy Lục
    Ngạn làm việc với ...``), for the holder a lead leaves out."""
    end = headline_end(doc)
    for m in _vocabulary().gatherings.find(doc.text, 0, end):
        if m.label in ("GATHERING", "EVENT_VERB") and not inside(m.start, ref_spans):
            return Anchor(doc.sentence_index(m.start), m, _label_end(doc.text, m, end, ref_spans))
    return None


def _venue(text: str, start: int, noun: Mention) -> bool:
    """A gathering word in a building's name (``Trung tâm Hội nghị tỉnh``, ``Cung Hội nghị
    Quốc gia``): right after a place noun, it names where, not what.

    >>> t = "tại Trung tâm Hội nghị tỉnh"
    >>> _venue(t, 0, _vocabulary().gatherings.find(t)[0])
    True
    """
    before = text[max(start, noun.start - 20) : noun.start]
    if noun.label != "GATHERING" or not before.endswith(" "):
        return False
    heads = _vocabulary().place_heads.find(before)
    return bool(heads) and heads[-1].end == len(before.rstrip())


def opens_with_gathering(text: str, start: int, end: int) -> bool:
    """Whether the gathering is the subject of the sentence at ``start``: a gathering word
    opens it and the words up to ``end`` are its own (``Hội nghị cũng đánh giá``,
    ``Kỳ họp đã thông qua``), with no clause break between.

    >>> t = "Hội nghị cũng đánh giá kết quả thực hiện Nghị quyết 05"
    >>> opens_with_gathering(t, 0, t.index("đánh giá"))
    True
    >>> t = "Dự hội nghị có A. Báo cáo tại hội nghị đánh giá"
    >>> opens_with_gathering(t, 17, t.index("đánh giá"))
    False
    """
    head = _vocabulary().gatherings.find(text, start, end)
    first = next((m for m in head if m.label == "GATHERING"), None)
    if first is None or text[start : first.start].strip(" \"“'‘-–—*•"):
        return False
    rest = text[first.end : end]
    return not any(c in rest for c in ",;:") and len(_WORD.findall(rest)) <= _SUBJECT_WORDS


def _refers_back(text: str, noun: Mention, stop: int, ref_spans: Sequence[tuple[int, int]]) -> bool:
    """``tại Hội nghị,``, ``các đại biểu dự hội nghị``: the gathering named again, not reported.

    After ``tại`` or ``dự`` a gathering given its full name (``tại Hội nghị tổng kết công
    tác năm 2022``) is still the one reported.
    """
    head = text[max(0, noun.start - 12) : noun.start].rstrip().lower()
    if head.endswith(("nghị quyết", "văn kiện", "tinh thần")):
        return True  # "đưa nghị quyết Đại hội vào cuộc sống": a gathering's decisions
    if _future(text, noun):
        return True
    if not head.endswith(("tại", "dự", "với", "trong", "chúc mừng")):
        return False
    return len(_WORD.findall(text[noun.end : _label_end(text, noun, stop, ref_spans)])) <= 2


def _future(text: str, noun: Mention) -> bool:
    """A gathering yet to come (``chuẩn bị cho kỳ họp thứ 9``, ``kỳ họp tới``): named,
    not reported. Words are ``FUTURE_BEFORE`` and ``FUTURE_AFTER`` in gatherings.json.

    >>> t = "Ủy ban đã họp chuẩn bị cho Kỳ họp thứ 9 tới"
    >>> noun = _vocabulary().gatherings.find(t)[0]
    >>> _future(t, noun)
    True
    """
    before, after = _future_words()
    return bool(
        before.search(text, max(0, noun.start - 20), noun.start)
        or after.match(text, noun.end, noun.end + 40)
    )


@cache
def _future_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rules = load_rules("gatherings")

    def alt(label: str) -> str:
        words = sorted((r.pattern for r in rules if r.label == label), key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)

    return (
        re.compile(rf"(?<!\w)(?:{alt('FUTURE_BEFORE')})\s+$", re.IGNORECASE),
        re.compile(
            rf"(?:\s+(?:lần\s+)?thứ\s+\w+)?(?:\s+khó[aá]\s+\w+)?\s+(?:{alt('FUTURE_AFTER')})"
            r"(?!\w)(?!\s+(?:dự|thăm|làm việc)(?!\w))",
            re.IGNORECASE,
        ),
    )


def _organizes(text: str, verb: Mention, noun: Mention) -> bool:
    """``tổ chức Hội nghị`` or ``Hội nghị do X tổ chức``, not the noun ``các tổ chức``."""
    if verb.start < noun.start:
        return len(_WORD.findall(text[verb.end : noun.start])) <= 3
    return "do " in text[noun.end : verb.start]


def inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of ``spans``."""
    return any(a <= pos < b for a, b in spans)


def _label_end(text: str, noun: Mention, stop: int, ref_spans: Sequence[tuple[int, int]]) -> int:
    """Where the gathering's name ends: a clause boundary outside quotes and documents."""
    if noun.label == "EVENT_VERB":
        stop = min(stop, noun.end + 120)
    masks = [*ref_spans, *quote_spans(text, noun.start, stop)]
    starts = [a for a, _ in ref_spans]
    for m in _LABEL_END.finditer(text, noun.end, stop):
        # a list of documents runs on: "thực hiện Chỉ thị 05-CT/TW, Kết luận 01-KL/TW"
        if not inside(m.start(), masks) and not inside(m.end(), [(a - 2, a + 1) for a in starts]):
            return m.start()
    return stop


def kind_of(label: str, noun: Mention) -> str:
    """The head word: a specific kind word in the name (``tổng kết``), else the noun's kind."""
    vocab = _vocabulary()
    kinds = vocab.kinds.find(label)
    if kinds:
        return str(vocab.rules[kinds[0].rule].get("kind"))
    return str(vocab.rules[noun.rule].get("kind") or "hội nghị")


def meeting_date(
    doc: Document, anchor: Anchor, ref_spans: Sequence[tuple[int, int]]
) -> DateMention | None:
    """The day the gathering took place: in the anchor, else just before or after it.

    Dates of documents, the site's clock and the publisher's stamp line are skipped.
    """
    clock = clock_lines(doc.text)
    order = [anchor.sentence]
    order += list(range(anchor.sentence - 1, -1, -1))
    order += list(range(anchor.sentence + 1, min(len(doc.sentences), anchor.sentence + 3)))
    for index in order:
        s = doc.sentences[index]
        found = find_dates(doc.text, s.start, s.end)
        ranges = _range_ends(doc.text, found)
        for d in found:
            if (
                d.marked
                and d.start not in ranges
                and not inside(d.start, [*ref_spans, *clock])
                and not _stamp(doc.text, d)
            ):
                return d
    return None


def _range_ends(text: str, dates: Sequence[DateMention]) -> set[int]:
    """Starts of full dates that bound a span of years (``(18.11.1930 - 18.11.2005)``):
    an anniversary's span, not the day of the gathering.

    >>> t = "kỷ niệm 75 năm (18.11.1930 – 18.11.2005), ngày 13/11"
    >>> sorted(_range_ends(t, find_dates(t)))
    [15, 29]
    """
    out: set[int] = set()
    for a, b in pairwise(dates):
        if a.year and b.year and a.year != b.year and _DASH_ONLY.fullmatch(text, a.end, b.start):
            out.update((a.start, b.start))
    return out


def _stamp(text: str, d: DateMention) -> bool:
    """A line that is only a date and a time is the publisher's stamp."""
    line_start = text.rfind("\n", 0, d.start) + 1
    line_end = text.find("\n", d.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return bool(d.year) and len(_WORD.findall(line)) <= 8 and ":" in line


def location(
    doc: Document,
    anchor: Anchor,
    ref_spans: Sequence[tuple[int, int]],
    names: Sequence[int] = (),
) -> str | None:
    """``tại <place>`` in the anchor sentence, else in a sentence just after it that says
    where the gathering ``diễn ra``: a capitalised name or a place noun. A place ends
    before a person's name (``names``: where persons are named)."""
    vocab = _vocabulary()
    text = doc.text
    last = min(len(doc.sentences), anchor.sentence + 1 + _FOLLOW_SENTENCES)
    for index in range(anchor.sentence, last):
        s = doc.sentences[index]
        if index != anchor.sentence and not any(
            m.label == "HAPPEN" for m in vocab.gatherings.find(text, s.start, s.end)
        ):
            continue
        place = _place(text, s.start, s.end, ref_spans, vocab, names)
        if place:
            return place
    return None


def _place(
    text: str,
    start: int,
    end: int,
    ref_spans: Sequence[tuple[int, int]],
    vocab: _Vocabulary,
    names: Sequence[int] = (),
) -> str | None:
    masks = [*ref_spans, *quote_spans(text, start, end)]
    for m in _PLACE.finditer(text, start, end):
        if inside(m.start(), masks):
            continue
        cut = min((n for n in names if m.start("place") < n < m.end("place")), default=None)
        raw = m["place"] if cut is None else text[m.start("place") : cut]
        place = _PLACE_END.sub("", raw).strip()
        if not place:
            continue
        head = vocab.not_place.find(place)
        lead = vocab.place_heads.find(place)
        # the longer word decides: "điểm cầu chính" is the venue, "điểm cầu" another site
        longer = bool(lead) and lead[0].start == 0 and lead[0].end > head[0].end if head else False
        if head and head[0].start == 0 and not longer:
            continue
        if lead and lead[0].start == 0 and not _named(place):
            # "thao trường huấn luyện của Sư đoàn 361": the place noun is named by its owner
            owner = _OWNER.match(raw, len(place))
            if owner:
                name = _PLACE_END.sub("", owner["owner"]).strip()
                place = f"{place} của {name}" if name else place
        # a place noun leads a name ("quân cảng Vùng 2"), never stands alone ("tại sân bay")
        if place[0].isupper() or (lead and lead[0].start == 0 and _named(place)):
            # "trụ sở Bộ GDĐT": the body a place noun is named after, written out
            named_after = place[0].islower() and any(w.isupper() for w in place.split())
            return expand_phrase(place, {}) if named_after else place
    return None


def _named(place: str) -> bool:
    """Whether a word after the first is capitalised or a number (``quân cảng Vùng 2``)."""
    return any(w[0].isupper() or w[0].isdigit() for w in place.split()[1:])


def is_online(doc: Document, anchor: Anchor) -> bool:
    """``trực tuyến`` or ``điểm cầu`` around the anchor; ``điểm cầu`` anywhere."""
    vocab = _vocabulary()
    last = min(len(doc.sentences), anchor.sentence + 1 + _FOLLOW_SENTENCES)
    for s in doc.sentences[anchor.sentence : last]:
        if any(m.label == "ONLINE" for m in vocab.gatherings.find(doc.text, s.start, s.end)):
            return True
    return "điểm cầu" in doc.text.lower()
