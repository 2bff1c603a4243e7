"""Abbreviations an article relies on: those it defines in brackets, and common ones it uses.

A definition is a bracket of one or more short forms after the words they abbreviate:
``Tổng cục Công nghiệp quốc phòng (CNQP)`` defines ``CNQP`` as the last words whose
initials spell it, ``Công nghiệp quốc phòng``; ``công tác Đảng, công tác chính trị (CTĐ,
CTCT)`` defines two, matched from the last one back. Common official abbreviations come
from ``kg/rules/abbreviations.json`` and are reported where the text uses them.

Example:
    >>> from kg.document import Document
    >>> text = "Công tác Đảng, công tác chính trị (CTĐ, CTCT) của UBND tỉnh."
    >>> doc = Document.from_text("a", text)
    >>> for a in find_abbreviations(doc, tokenize(doc)):
    ...     print(a.short, "=", a.long, "|", a.evidence.rule)
    CTĐ = Công tác Đảng | abbreviation.defined
    CTCT = công tác chính trị | abbreviation.defined
    UBND = Ủy ban nhân dân | abbr.UBND
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress

from kg.document import Document
from kg.extract.canonical import abbreviation_at, tidy
from kg.extract.lexicon import TokenStream, tokenize
from kg.model import Abbreviation, Evidence

__all__ = ["DEFINED_RULE", "defined_map", "find_abbreviations", "tokenize"]

DEFINED_RULE = "abbreviation.defined"
EXTRACTOR = "organizations"
_MAX_INSIDE = 9  # tokens inside the brackets
_SKIP = frozenset("-–—&")


def _short_form(text: str) -> bool:
    """Looks like an abbreviation: two or more letters, mostly capitals (``CTĐ``, ``HC-KT``)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def _initials_start(toks: TokenStream, last: int, first_allowed: int, letters: str) -> int | None:
    """Token where words ending at ``last`` start whose initials spell ``letters``."""
    j = last
    want = list(letters)
    while want and j >= first_allowed:
        text = toks.text[j]
        if text in _SKIP:
            j -= 1
            continue
        if not text[0].isalpha() or text[0].upper() != want[-1]:
            return None
        want.pop()
        j -= 1
    return j + 1 if not want else None


def _definitions(doc: Document, toks: TokenStream) -> list[Abbreviation]:
    out: list[Abbreviation] = []
    n = len(toks)
    for i in compress(range(n), map("(".__eq__, toks.text)):
        close = next(
            (k for k in range(i + 1, min(n, i + _MAX_INSIDE)) if toks.text[k] == ")"), None
        )
        if close is None or close == i + 1:
            continue
        inside = list(range(i + 1, close))
        shorts = [k for k in inside if toks.text[k] != ","]
        if not all(_short_form(toks.text[k]) for k in shorts):
            continue
        if any(toks.text[k] != "," for k in inside[1::2]) or len(inside) != 2 * len(shorts) - 1:
            continue
        a, _b = toks.sentence_range(toks.sentence[i])
        last = i - 1
        found: list[Abbreviation] = []
        for k in reversed(shorts):
            letters = "".join(c for c in toks.text[k] if c.isalpha()).upper()
            start = _initials_start(toks, last, a, letters)
            if start is None:
                break
            long = tidy(doc.text[toks.start[start] : toks.end[last]])
            ev = Evidence(
                toks.start[k], toks.end[k], toks.sentence[k], EXTRACTOR, DEFINED_RULE, 0.95
            )
            found.append(Abbreviation(toks.text[k], long, ev))
            last = start - 1
            while last >= a and toks.text[last] in (",", "và", ";"):
                last -= 1
        out.extend(reversed(found))
    return out


def find_abbreviations(doc: Document, toks: TokenStream) -> tuple[Abbreviation, ...]:
    """Abbreviations defined in the text, then common ones it uses, each once, in text order."""
    defined = _definitions(doc, toks)
    seen = {a.short for a in defined}
    used: list[Abbreviation] = []
    n = len(toks)
    after = 0
    # only words with a second capital letter can be a reported abbreviation (UBND, TP)
    for i in compress(range(n), toks.upper):
        if i < after:
            continue
        hit = abbreviation_at(toks, i, n)
        if hit is None:
            continue
        size, expansion, _kind = hit
        short = " ".join(toks.text[i : i + size])
        if short not in seen:
            seen.add(short)
            from kg.extract.lexicon import lexicon

            rule = lexicon("abbreviations", "ABBR", case_sensitive=True).match(toks, i, n)
            rule_id = rule[1].id if rule is not None else "abbr.pattern"
            end = toks.end[i + size - 1]
            ev = Evidence(toks.start[i], end, toks.sentence[i], EXTRACTOR, rule_id, 0.8)
            used.append(Abbreviation(short, expansion, ev))
        after = i + size
    both = defined + used
    return tuple(sorted(both, key=lambda x: x.evidence.start if x.evidence else -1))


def defined_map(abbreviations: Iterable[Abbreviation]) -> dict[str, str]:
    """Short form -> long form of the abbreviations the article defines itself.

    >>> ev = Evidence(0, 4, 0, "organizations", DEFINED_RULE)
    >>> defined_map([Abbreviation("CNQP", "Công nghiệp quốc phòng", ev)])
    {'CNQP': 'Công nghiệp quốc phòng'}
    """
    return {
        a.short: a.long
        for a in abbreviations
        if a.evidence is not None and a.evidence.rule == DEFINED_RULE
    }
