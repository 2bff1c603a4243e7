"""The one province an article is about, where the text makes it certain.

Reports of a province's bodies name them without the province once it is known
(``Bộ CHQS tỉnh``, ``Tỉnh ủy``, ``UBND tỉnh``). For identity (``docs/rdf.md``,
"Identity") such a body is qualified with the article's province when the article names
exactly one province or centrally-run city (``kg/rules/places.json``, rules with a
``province`` field) and names it at least once as one (``tỉnh Long An``, ``Bộ CHQS tỉnh
Long An``, ``Tỉnh ủy Long An``, ``TP Hồ Chí Minh``). Two provinces named, or a province
only named in passing (``gạo Long An``), make nothing certain. Bylines, credits and the
related-news list are not read.

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Bộ CHQS tỉnh Long An tổ chức hội nghị. Đại tá A dự.")
    >>> article_province(doc)
    Province(name='Long An', level='tỉnh')
    >>> article_province(Document.from_text("b", "Đoàn của tỉnh Long An thăm Tây Ninh."))
"""

from __future__ import annotations

from functools import cache

from kg.document import Document
from kg.extract.canonical import abbreviation_at
from kg.extract.lexicon import Lexicon, TokenStream, lexicon, tokenize
from kg.extract.names import excluded_sentences
from kg.identity_bodies import Province
from kg.rules import Rule

__all__ = ["Province", "article_province"]

# Words after which a place name is named as a province ("tỉnh Long An", "Tỉnh ủy Long An")
_AS_PROVINCE = frozenset(
    {("tỉnh",), ("tp",), ("tp.",), ("thành", "phố"), ("tỉnh", "ủy"), ("thành", "ủy")}
)


@cache
def _places() -> Lexicon:
    return lexicon("places", "PLACE")


@cache
def _firsts() -> frozenset[str]:
    return _places().first_tokens()


@cache
def _abbr_firsts() -> frozenset[str]:
    return lexicon("abbreviations", "ABBR", case_sensitive=True).first_tokens()


def article_province(doc: Document) -> Province | None:
    """The one province the article names, if it names exactly one and names it as one."""
    toks = tokenize(doc)
    skip = excluded_sentences(doc)
    found: dict[str, Province] = {}
    certain = False
    places, abbrs = _firsts(), _abbr_firsts()
    candidates = sorted(
        [j for j, key in enumerate(toks.key) if key in places]
        + [j for j, text in enumerate(toks.text) if text in abbrs]
    )
    for j in candidates:
        if toks.sentence[j] in skip:
            continue
        if toks.key[j] in places and toks.cap[j] and not _inside_name(toks, j):
            hit = _places().match(toks, j, len(toks))
            province = _province(hit[1]) if hit else None
            if province is not None:
                found[province.name] = province
                certain = certain or _named_as_province(toks, j)
        elif toks.text[j] in abbrs:
            abbr = abbreviation_at(toks, j, len(toks))
            rule = _places().lookup(abbr[1]) if abbr is not None else None
            province = _province(rule) if rule is not None else None
            if province is not None:  # "TP.HCM": the abbreviation names it as a city
                found[province.name] = province
                certain = True
        if len(found) > 1:
            return None
    return next(iter(found.values())) if certain and found else None


def _province(rule: Rule) -> Province | None:
    """The province a place rule names, if it names one (its ``province`` field)."""
    level = rule.get("province")
    return Province(str(rule.get("name", rule.pattern)), str(level)) if level else None


def _inside_name(toks: TokenStream, j: int) -> bool:
    """The place words continue a capitalised run (a personal or body name)."""
    if j == 0 or toks.sentence[j - 1] != toks.sentence[j]:
        return False
    prev = j - 1
    return toks.cap[prev] and not toks.upper[prev] and (toks.key[prev],) not in _AS_PROVINCE


def _named_as_province(toks: TokenStream, j: int) -> bool:
    """A level word (``tỉnh``, ``thành phố``, ``Tỉnh ủy``) stands right before token ``j``."""
    return any(
        j >= n
        and tuple(toks.key[j - n : j]) in _AS_PROVINCE
        and toks.sentence[j - n] == toks.sentence[j]
        for n in (1, 2)
    )
