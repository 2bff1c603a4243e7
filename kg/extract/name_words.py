"""Words that may make up a personal name, and where a holder's name starts after a body.

A Vietnamese name is two to four capitalised syllables led by a surname
(``kg/rules/surnames.json``). A capitalised word is no name word when it starts a rank, a
post title, a form of address, an abbreviation or a body head named after it (``Trường
Sĩ quan``); inside a name a one-word head is a given name (``Nguyễn Trường Thắng``).

Example:
    >>> from kg.document import Document
    >>> from kg.extract.lexicon import tokenize
    >>> toks = tokenize(Document.from_text("a", "Bí thư Tỉnh ủy Bình Dương Võ Văn Minh"))
    >>> best_cut(toks, 4, len(toks))
    (6, 9)
"""

from __future__ import annotations

from functools import cache

from kg.extract.lexicon import Lexicon, TokenStream, lexicon, tokenize_text, words

__all__ = ["best_cut", "is_person_word", "name_run", "personal_name_at"]


@cache
def _lex() -> dict[str, Lexicon]:
    return {
        "head": lexicon("bodies", "HEAD", "BODY"),
        "abbr": lexicon("abbreviations", "ABBR", case_sensitive=True),
        "title": lexicon("titles", "TITLE"),
        "rank": lexicon("ranks", "RANK"),
        "hon": lexicon("honorifics", "HONORIFIC"),
        "place": lexicon("places", "PLACE"),
        "hist": lexicon("name_context", "HISTORICAL"),
    }


def _capitalised_unlike(toks: TokenStream, j: int, pattern: str) -> bool:
    """The words at ``j`` capitalise a word that the phrase ``pattern`` writes in lower case."""
    pieces, _keys = tokenize_text(pattern)
    return any(toks.cap[j + n] and piece[:1].islower() for n, piece in enumerate(pieces))


def _surnames() -> frozenset[str]:
    return words("surnames", "SURNAME")


def is_person_word(toks: TokenStream, j: int, stop: int, inside: bool = False) -> bool:
    """True when token ``j`` may be part of a personal name (capitalised, not a term).

    ``inside`` is True when ``j`` continues a name: a one-word head there is a given
    name (``Nguyễn Trường Thắng``, ``Phan Văn Hội``).
    """
    # ethnic names may hold an apostrophe: "H'Hen Niê"
    if j >= stop or not toks.cap[j] or not toks.text[j].replace("'", "").replace("’", "").isalpha():
        return False
    lex = _lex()
    hon = lex["hon"].match(toks, j, stop)
    if (
        lex["title"].match(toks, j, stop)
        or lex["rank"].match(toks, j, stop)
        # "Anh", "Bà" are name words too; only "Đồng chí" and the like end a name
        or (hon is not None and hon[0] > 1)
        or (toks.upper[j] and lex["abbr"].match(toks, j, stop))
    ):
        return False
    head = lex["head"].match(toks, j, stop)
    if head is None:
        return True
    # "Hội", "Trường" are given names too: a one-word head is a body only when named
    nxt = j + head[0]
    if head[0] > 1:
        # "Nguyễn Hải Quân": a name writes every word capitalised, the head "Hải quân"
        # does not; such a run of words is the name's
        return inside and _capitalised_unlike(toks, j, head[1].pattern)
    return inside or not (nxt < stop and (toks.cap[nxt] or toks.text[nxt][0].isdigit()))


def name_run(toks: TokenStream, j: int, stop: int, limit: int = 5) -> int:
    """How many name-like words start at ``j`` (up to ``limit + 1``, to tell "too long")."""
    n = 0
    upper = toks.upper[j] if j < stop else False
    while j + n < stop and n <= limit and is_person_word(toks, j + n, stop, inside=n > 0):
        if toks.upper[j + n] != upper and len(toks.text[j + n]) > 1:
            break
        n += 1
    return n


def personal_name_at(toks: TokenStream, j: int, stop: int) -> int:
    """Length of a surname-led name of 2-4 words that ends a capitalised run at ``j``, or 0."""
    if toks.key[j] not in _surnames() or toks.upper[j]:
        return 0
    lex = _lex()
    if lex["place"].match(toks, j, stop) or lex["hist"].match(toks, j, stop):
        return 0
    n = name_run(toks, j, stop)
    if not 2 <= n <= 4:
        return 0
    end = j + n
    if end < stop and (toks.cap[end] or toks.text[end][0].isdigit()):
        return 0
    return n


def best_cut(toks: TokenStream, j: int, stop: int) -> tuple[int, int]:
    """Where a holder's name starts in the capitalised run at ``j`` (-1 if nowhere).

    Returns the cut and the end of the run.

    A run such as ``Bình Dương Võ Văn Minh`` may be cut in more than one place; a
    three-word name is the most likely, then four, then two.
    """
    end = j
    while end < stop and toks.cap[end]:
        end += 1
    best, best_rank = -1, 9
    for c in range(j, end):
        n = personal_name_at(toks, c, stop)
        if n and c + n == end:
            rank = {3: 0, 4: 1, 2: 2}.get(n, 9)
            if rank < best_rank:
                best, best_rank = c, rank
    return best, end
