"""The awards and campaigns components.

``awards``: decorations and commendations handed over at the gathering — an award word
(``Bằng khen``, ``Huân chương ... hạng Ba``, ``Cờ thi đua``) after a giving verb
(``trao``, ``gắn``, ``đón nhận``; ``tặng`` only with an occasion such as ``Dịp này`` or
a named giver), with its issuer (``của Bộ Quốc phòng``, canonical), the presenter (the
person the meetings component found handing it over) and the year of the merit
(``thành tích ... năm 2022``). Past honours listed in a unit's record are not read.

``campaigns``: named emulation movements and campaigns — ``phong trào thi đua Quyết
thắng``, ``phong trào “Lao động giỏi, lao động sáng tạo”``, ``cuộc vận động “...”``,
``hưởng ứng “Tháng hành động vì trẻ em”``. Vocabulary: ``kg/rules/awards.json``.

Example:
    >>> doc = Document.from_text("x", "Dịp này, Đại tá A trao Bằng khen của Bộ Quốc phòng "
    ...                          "tặng 5 tập thể có thành tích xuất sắc năm 2023.")
    >>> [(a.name, a.issuer, a.year) for a in read_awards(doc, ArticleExtraction("x"))]
    [('Bằng khen', 'Bộ Quốc phòng', 2023)]
    >>> doc = Document.from_text("y", "gắn với phong trào thi đua Quyết thắng.")
    >>> [c.name for c in read_campaigns(doc)]
    ['Quyết thắng']
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.document import Document
from kg.extract.documents import CAPITAL, canonical_body
from kg.model import ArticleExtraction, Award, Campaign, Evidence, Mention
from kg.pipeline import component
from kg.rules import PhraseMatcher, Rule, load_rules
from kg.text import fold

_GIVE_WINDOW = 80
_AWARD_STOP = r"cho|tặng|của|vì|đã|do|và|đạt|có|trong|tại|các|những|nhằm|để|theo"
# A class of award runs on to the first clause word: "Huân chương Bảo vệ Tổ quốc hạng Ba".
_CLASS = re.compile(
    rf"(?:\s+(?!(?:{_AWARD_STOP})\b)[\w-]+){{0,12}}?(?=\s+(?:{_AWARD_STOP})\b|\s*[,;.(:\n]|\s*$)"
)
_ISSUER = re.compile(
    rf"\s+của\s+(?P<issuer>{CAPITAL}[^,;.()\n]*?)(?=\s+(?:tặng|cho|vì|về|đã|do|và|đạt|nhân)\b|[,;.(\n]|$)"
)
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b(?!\s*[-–])")
_QUOTED = re.compile(r"\s*(?:“(?P<q1>[^”\n]{3,150})”|\"(?P<q2>[^\"\n]{3,150})\")")
_QUOTED_NEXT = re.compile(r"\s*(?:,|và)\s*(?:“(?P<q1>[^”\n]{3,150})”|\"(?P<q2>[^\"\n]{3,150})\")")
_PLAIN_NAME = re.compile(
    rf"\s+(?P<name>{CAPITAL}[\w]*(?:\s+(?!(?:và|gắn|với|của|trong|được|đã|là|có|nhằm|để|tại|do|"
    r"cho|theo|qua|đến|từ|năm)\b)[\w]+){0,5})"
)


@dataclass(frozen=True)
class _Vocabulary:
    awards: PhraseMatcher
    gives: PhraseMatcher
    occasions: PhraseMatcher
    intros: PhraseMatcher
    names: PhraseMatcher
    rules: dict[str, Rule]
    award_heads: frozenset[str]
    campaign_heads: frozenset[str]


@cache
def _vocabulary() -> _Vocabulary:
    rules = load_rules("awards")

    def matcher(label: str) -> PhraseMatcher:
        return PhraseMatcher(r for r in rules if r.label == label)

    return _Vocabulary(
        matcher("AWARD"),
        matcher("GIVE"),
        matcher("OCCASION"),
        matcher("CAMPAIGN_INTRO"),
        matcher("CAMPAIGN_NAME"),
        {r.id: r for r in rules},
        _heads(r for r in rules if r.label == "AWARD"),
        _heads(r for r in rules if r.label == "CAMPAIGN_INTRO"),
    )


def _heads(rules: Iterable[Rule]) -> frozenset[str]:
    return frozenset(r.pattern.split()[0].casefold() for r in rules)


def read_awards(doc: Document, extraction: ArticleExtraction) -> tuple[Award, ...]:
    """Awards handed over at the gathering, one per award, issuer and presenter."""
    vocab = _vocabulary()
    text = doc.text
    if not _mentions_any(text, vocab.award_heads):
        return ()
    presenters = [p for m in extraction.meetings for p in m.participations if p.role == "presenter"]
    gives = vocab.gives.find(text)
    out: dict[tuple[str, str | None, str | None, int | None], Award] = {}
    for a in vocab.awards.find(text):
        index = doc.sentence_index(a.start)
        sentence = doc.sentences[index]
        give = next(
            (
                g
                for g in reversed(gives)
                if sentence.start <= g.start and g.end <= a.start <= g.end + _GIVE_WINDOW
            ),
            None,
        )
        if give is None:
            continue
        presenter = next(
            (
                p.person
                for p in presenters
                if p.evidence.sentence == index and p.evidence.start <= give.start
            ),
            None,
        )
        if (
            vocab.rules[give.rule].get("occasion")
            and presenter is None
            and not vocab.occasions.find(text, sentence.start, give.start)
        ):
            continue  # "được tặng" in a unit's record of past honours
        name, name_end = _award_name(text, a, vocab, sentence.end)
        if not name:
            continue
        issuer_m = _ISSUER.match(text, name_end, sentence.end)
        issuer = canonical_body(issuer_m["issuer"].strip(), extraction) if issuer_m else None
        year_m = _YEAR.search(text, name_end, sentence.end)
        year = int(year_m[1]) if year_m else None
        ev = Evidence(a.start, name_end, index, "awards", a.rule)
        out.setdefault(
            (fold(name), issuer, presenter, year), Award(name, ev, issuer, presenter, year)
        )
    return tuple(out.values())


def _mentions_any(text: str, heads: frozenset[str]) -> bool:
    """Whether any rule's first word occurs in ``text``: a cheap test before matching."""
    lowered = text.casefold()
    return any(h in lowered for h in heads)


def _award_name(text: str, award: Mention, vocab: _Vocabulary, stop: int) -> tuple[str, int]:
    """The award's full name: a class of award runs on (``Huân chương Chiến công hạng Ba``)."""
    rule = vocab.rules[award.rule]
    if not rule.get("class"):
        return str(rule.get("name") or rule.pattern), award.end
    m = _CLASS.match(text, award.end, stop)
    end = m.end() if m else award.end
    name = text[award.start : end].strip()
    if fold(rule.pattern) == "danh hiệu":
        name = text[award.end : end].strip()  # the title itself: "Anh hùng Lực lượng ..."
    return name, end


def read_campaigns(doc: Document) -> tuple[Campaign, ...]:
    """Named emulation movements and campaigns, one per name, in order of first mention."""
    vocab = _vocabulary()
    text = doc.text
    if not _mentions_any(text, vocab.campaign_heads):
        return ()
    out: dict[str, Campaign] = {}

    def add(name: str, start: int, rule: str) -> None:
        name = name.strip(" ,.;:…")
        if name:
            ev = Evidence(start, start + len(name), doc.sentence_index(start), "awards", rule)
            out.setdefault(fold(name), Campaign(name, ev))

    known = vocab.names.find(text)
    for intro in vocab.intros.find(text):
        rule = vocab.rules[intro.rule]
        q = _QUOTED.match(text, intro.end)
        if q:
            while q:
                group = "q1" if q["q1"] else "q2"
                add(q[group], q.start(group), intro.rule)
                q = _QUOTED_NEXT.match(text, q.end())
            continue
        if rule.get("quoted_only"):
            continue
        name = next((k for k in known if k.start in (intro.end + 1, intro.end)), None)
        if name is not None:
            add(str(vocab.rules[name.rule].get("name") or name.surface), name.start, name.rule)
            continue
        plain = _PLAIN_NAME.match(text, intro.end)
        if plain and not plain["name"].isupper():
            add(plain["name"], plain.start("name"), intro.rule)
    return tuple(out.values())


@component("awards")
def extract_awards(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Fill ``extraction.awards`` with the awards handed over at the gathering."""
    return dataclasses.replace(extraction, awards=read_awards(doc, extraction))


@component("campaigns")
def extract_campaigns(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Fill ``extraction.campaigns`` with the named emulation movements and campaigns."""
    return dataclasses.replace(extraction, campaigns=read_campaigns(doc))
