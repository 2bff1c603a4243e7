"""Full names: abbreviations expanded, one spelling of tones and dashes.

A body is reported under its canonical name: the abbreviations the article defines
(``Tổng cục Công nghiệp quốc phòng (CNQP)``) are expanded first, then common official
ones (``kg/rules/abbreviations.json``: ``UBND`` → ``Ủy ban nhân dân``, ``QK7`` →
``Quân khu 7``); tones are unified (``Tỉnh uỷ`` → ``Tỉnh ủy``) and parts joined by a
dash are written ``A - B``.

Example:
    >>> expand_phrase("Bộ CHQS tỉnh", {})
    'Bộ Chỉ huy Quân sự tỉnh'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from kg.extract.lexicon import TokenStream, lexicon, load_rules, tokenize_uncached, unify_nfc
from kg.rules import Rule

__all__ = ["CODE", "abbreviation_at", "after_dot", "canonical_name", "expand_phrase", "tidy"]

_DASH = re.compile(r"\s*[-–—]\s*")
_SPACE_BEFORE = re.compile(r"\s+([,.;:)])")
_SPACE_AFTER = re.compile(r"([(])\s+")
CODE = re.compile(r"[A-ZĐ]+\d")  # a letter code with a number (QK7): regex abbreviations


@cache
def _abbr_regex() -> tuple[tuple[re.Pattern[str], Rule], ...]:
    return tuple((re.compile(r.pattern), r) for r in load_rules("abbreviations") if r.regex)


def abbreviation_at(toks: TokenStream, j: int, stop: int) -> tuple[int, str, str] | None:
    """A known abbreviation starting at token ``j``: (size, expansion, kind)."""
    hit = lexicon("abbreviations", "ABBR", case_sensitive=True).match(toks, j, stop)
    if hit is not None:
        size, rule = hit
        return size, str(rule.get("expansion")), str(rule.get("kind"))
    text = toks.text[j]
    if CODE.match(text):
        for pattern, rule in _abbr_regex():
            m = pattern.fullmatch(text)
            if m is not None:
                return 1, m.expand(str(rule.get("expansion"))), str(rule.get("kind"))
    return None


def after_dot(toks: TokenStream, j: int, stop: int, kind: str) -> int:
    """Token after an abbreviation, past the full stop of ``TP.`` (``TP. Hà Nội``)."""
    if kind == "admin" and j < stop and toks.text[j] == ".":
        return j + 1
    return j


def canonical_name(toks: TokenStream, start: int, end: int, defined: Mapping[str, str]) -> str:
    """Full name of the tokens ``[start, end)``: abbreviations expanded, tones unified.

    Args:
        toks: The document's tokens.
        start: First token.
        end: Token after the last.
        defined: Abbreviations the article defines (short form -> long form); they take
            precedence over the common ones.
    """
    pieces: list[str] = []
    j = start
    while j < end:
        text = toks.text[j]
        if text == "(" and j + 2 < end and toks.text[j + 2] == ")" and toks.upper[j + 1]:
            # "Hội đồng nghĩa vụ quân sự (NVQS) thành phố X": the short form it defines
            j += 3
            continue
        if text in defined:
            pieces.append(defined[text])
            j += 1
            continue
        abbr = abbreviation_at(toks, j, end)
        if abbr is not None:
            pieces.append(abbr[1])
            j = after_dot(toks, j + abbr[0], end, abbr[2])
            continue
        pieces.append(text)
        j += 1
    return tidy(" ".join(pieces))


def tidy(name: str) -> str:
    """One spelling of a name: unified tones, ``" - "`` between parts, no space before ``,``.

    >>> tidy("Hậu cần-Kỹ thuật ,  tỉnh")
    'Hậu cần - Kỹ thuật, tỉnh'
    """
    name = _DASH.sub(" - ", unify_nfc(name))
    name = _SPACE_BEFORE.sub(r"\1", name)
    name = _SPACE_AFTER.sub(r"\1", name)
    return " ".join(name.split())


def expand_phrase(phrase: str, defined: Mapping[str, str]) -> str:
    """Expand the abbreviations of a short phrase (a body name given as a string).

    >>> expand_phrase("UBND tỉnh", {})
    'Ủy ban nhân dân tỉnh'
    >>> expand_phrase("Tổng cục CNQP", {"CNQP": "Công nghiệp quốc phòng"})
    'Tổng cục Công nghiệp quốc phòng'
    """
    from kg.document import Document

    doc = Document.from_text("phrase", phrase.replace("\n", " "))
    toks = tokenize_uncached(doc)
    return canonical_name(toks, 0, len(toks), defined) if len(toks) else tidy(phrase)
