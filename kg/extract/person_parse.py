"""One pass over a sentence: names with what stands before them, posts, bodies, separators.

The sentence becomes a list of items, left to right. A name item carries its prefix
(rank, form of address, academic titles); a post item is a title and its body; a body
item is a body named on its own (skipped, so no name is read inside it); separators
(``,`` ``-`` ``(`` ``;`` ``kiêm`` ...) are kept because they decide which posts belong
to which name (:mod:`kg.extract.chains`). A post with a form of address but no name
(``đồng chí Phó Bí thư Tỉnh ủy``) is kept with it: it refers back to its holder.

Documents are read once (:func:`parse_document`, cached) for both the organizations and
the persons component.

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Đại tá Lê Văn An, Chính ủy Sư đoàn 9 dự.")
    >>> toks = tokenize(doc)
    >>> items = read_sentence(toks, 0, len(toks), frozenset())
    >>> [type(x).__name__ for x in items]
    ['NameItem', 'Sep', 'PostItem', 'Other', 'Sep']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import compress

from kg.document import Document
from kg.extract.bodies import scan_body
from kg.extract.canonical import CODE
from kg.extract.items import OTHER, BodyItem, Item, NameItem, Other, PostItem, Sep
from kg.extract.lexicon import TokenStream, lexicon, tokenize, words
from kg.extract.names import (
    Prefix,
    anchored_name,
    common_surnames,
    ends_with,
    excluded_sentences,
    free_name,
    lexicons,
    place_at,
    prefix_keys,
    read_prefix,
)
from kg.extract.posts import PostSpan, parse_post
from kg.extract.units import Units, article_units, drop_unit_names

__all__ = [
    "BodyItem",
    "Item",
    "NameItem",
    "Other",
    "ParsedDocument",
    "PostItem",
    "Sep",
    "parse_document",
    "read_sentence",
    "tokenize",
]

_SEPARATORS = frozenset({",", "-", "–", "—", "(", ")", ";", ":", "kiêm", "và", "cùng", ".", "/"})
# separators that continue a chain of posts after a name, and that may open one
_OPEN = frozenset({",", "-", "–", "—", "(", ":", "kiêm"})  # may open a chain of posts
# "của", "theo lệnh", "thừa lệnh", "thay mặt" a post: its office, not the name after it
_BEFORE_GENITIVE = frozenset({"của", "theo", "thay", "giao", "lệnh", "mặt"})


@dataclass(frozen=True)
class ParsedDocument:
    """A document's tokens, the items of each sentence (empty for skipped ones) and the
    administrative units it names (:func:`kg.extract.units.article_units`)."""

    toks: TokenStream
    sentences: tuple[tuple[Item, ...], ...]
    units: Units


# Both the organizations and the persons component read the items of a document; the
# last few parses are kept so a document is read only once.
@lru_cache(maxsize=4)
def parse_document(doc: Document) -> ParsedDocument:
    """Tokens and sentence items of a document; bylines and site furniture are skipped."""
    toks = tokenize(doc)
    skip = excluded_sentences(doc)
    marks = interesting(toks)
    sentences = []
    for sent in range(len(doc.sentences)):
        a, b = toks.sentence_range(sent)
        sentences.append(tuple(read_sentence(toks, a, b, skip, marks)))
    units = article_units(toks, skip, sentences)
    # "Bí thư Huyện ủy Thạch Hà" where the article names the district: no holder
    return ParsedDocument(toks, drop_unit_names(toks, tuple(sentences), units), units)


def interesting(toks: TokenStream) -> list[bool]:
    """For each token: may it start a separator, prefix, post, body, place or name?

    Most words start nothing; reading only the marked ones keeps the per-word cost of a
    sentence down to one set lookup.
    """
    lower = _lower_triggers() | _SEPARATORS
    caps = _cap_keys()
    abbr = _abbr_firsts()
    return [
        k in lower or (c and (k in caps or u or t in abbr or bool(CODE.match(t))))
        for k, c, u, t in zip(toks.key, toks.cap, toks.upper, toks.text, strict=True)
    ]


def read_sentence(
    toks: TokenStream,
    a: int,
    b: int,
    skip: frozenset[int],
    marks: Sequence[bool] | None = None,
) -> list[Item]:
    """Items of the tokens ``[a, b)``; ``skip`` holds sentences never read for names.

    ``marks`` are the document's :func:`interesting` flags (computed if not given).
    """
    items: list[Item] = []
    if a >= b or toks.sentence[a] in skip:
        return items
    if marks is None:
        marks = interesting(toks)
    i = a
    appoint = _appoint_keys()
    for j in compress(range(a, b), marks[a:b]):
        if j < i:
            continue  # read as part of the previous item
        if j > i and (not items or items[-1] is not OTHER):
            items.append(OTHER)  # a run of other words is one chain breaker
        i = _read_at(toks, j, a, b, items)
        after = items[-1] if items else None
        if i < b and toks.key[i] in appoint and isinstance(after, NameItem | PostItem):
            i = _appointed(toks, i, b, items)
    if i < b and (not items or items[-1] is not OTHER):
        items.append(OTHER)
    return items


def _read_at(toks: TokenStream, i: int, a: int, b: int, items: list[Item]) -> int:
    """Read the item at token ``i`` into ``items``; return the token after it."""
    text = toks.text[i]
    if text in _SEPARATORS:
        items.append(Sep(i, text))
        return i + 1
    if toks.key[i] in prefix_keys():  # most words start no prefix: skip building one
        prefix = read_prefix(toks, i, b)
        if not prefix.empty:
            return _after_prefix(toks, prefix, b, a, items)
    post = parse_post(toks, i, b, lowercase=_in_chain(items))
    if post is not None:
        return _add_post(toks, post, None, b, a, items)
    if toks.cap[i]:
        span = scan_body(toks, i, b)
        if span is not None and span.end > i:
            items.append(BodyItem(span))
            return span.end
        size = place_at(toks, i, b) if toks.key[i] in _place_keys() else 0
        if size:
            if not items or items[-1] is not OTHER:
                items.append(OTHER)
            return i + size
        n = free_name(toks, i, b)
        if n and _continues_proper_name(toks, i, n, a):
            items.append(OTHER)  # "đền An Dương Vương", "Bồ Đào Nha": no person
            return i + n
        if n:
            name = _name(toks, i, i + n, Prefix(i, i), "name.surname", a)
            if _after_blocked(items):
                # "đường Phạm Hùng, Phạm Văn Đồng": a list of streets goes on
                name = replace(name, blocked=True)
            items.append(name)
            return i + n
    if not items or items[-1] is not OTHER:
        items.append(OTHER)
    return i + 1


@cache
def _place_keys() -> frozenset[str]:
    return lexicon("places", "PLACE").first_tokens()


@cache
def _abbr_firsts() -> frozenset[str]:
    return lexicon("abbreviations", "ABBR", case_sensitive=True).first_tokens()


@cache
def _cap_keys() -> frozenset[str]:
    """Keys of capitalised tokens that may start a body, place or name."""
    keys: set[str] = set(words("surnames", "SURNAME"))
    for name, labels in (
        ("bodies", ("HEAD", "BODY", "NOT_BODY")),
        ("places", ("PLACE",)),
        ("name_context", ("HISTORICAL",)),
    ):
        keys |= lexicon(name, *labels).first_tokens()
    return frozenset(keys)


@cache
def _appoint_keys() -> frozenset[str]:
    return lexicon("titles", "APPOINTED").first_tokens()


def _appointed(toks: TokenStream, i: int, b: int, items: list[Item]) -> int:
    """``Đại tá A giữ chức vụ Cục trưởng ...``: the post after the verb is the name's.

    After a post of the name (``A, Phó Tư lệnh Quân khu làm Trưởng đoàn``) the post that
    follows goes on the same chain. A verb that may mean other things (``làm``;
    ``"post_follows"``) counts only where a post written as one, capitalised, follows it
    (``làm trưởng đoàn`` tells the role of the day, not a post).
    """
    hit = lexicon("titles", "APPOINTED").match(toks, i, b)
    if hit is None:
        return i
    size, rule = hit
    if rule.get("post_follows") and parse_post(toks, i + size, b) is None:
        return i
    if isinstance(items[-1], PostItem):
        if rule.get("post_follows"):
            items.append(Sep(i, "kiêm"))
            return i + size
        return i
    items.append(Sep(i, ":"))
    return i + size


@cache
def _lower_triggers() -> frozenset[str]:
    """Keys of lower-case tokens that may start a prefix or a post."""
    keys: set[str] = set()
    for name, labels in (
        ("honorifics", ("HONORIFIC", "ACADEMIC")),
        ("ranks", ("RANK",)),
        ("titles", ("TITLE", "FORMER")),
    ):
        keys |= lexicon(name, *labels).first_tokens()
    return frozenset(keys)


def _after_prefix(toks: TokenStream, prefix: Prefix, b: int, a: int, items: list[Item]) -> int:
    j = prefix.end
    n = anchored_name(toks, j, b)
    if n and prefix.rank is None and not prefix.titles and place_at(toks, j, b) == n:
        n = 0  # "trẻ em Việt Nam", "cô Hà Nội": a place after an address is no name
    if n:
        rule = "name.rank" if prefix.rank is not None else "name.address"
        items.append(_name(toks, j, j + n, prefix, rule, a))
        return j + n
    if _rank_after_name(toks, prefix, b, items):
        # "Trương Văn A, Thiếu tướng, Thứ trưởng Bộ Công an": the rank is the name's
        return j + 1 if j < b and toks.text[j] == "," else j
    post = parse_post(toks, j, b)
    if post is not None and (prefix.honorific or prefix.rank is not None):
        return _add_post(toks, post, prefix, b, a, items)
    items.append(OTHER)
    return prefix.start + 1


def _rank_after_name(toks: TokenStream, prefix: Prefix, b: int, items: list[Item]) -> bool:
    """Give a rank standing alone after ``name,`` to that name (replacing its item)."""
    if prefix.rank is None or prefix.honorific or prefix.titles or len(items) < 2:
        return False
    name, comma = items[-2], items[-1]
    if not (isinstance(name, NameItem) and isinstance(comma, Sep) and comma.text == ","):
        return False
    if name.prefix.rank is not None or not (prefix.end >= b or toks.text[prefix.end] in ",;."):
        return False
    ranked = Prefix(
        name.prefix.start,
        name.prefix.end,
        prefix.rank,
        name.prefix.honorific,
        name.prefix.plural,
        name.prefix.titles,
    )
    items[-2] = replace(name, prefix=ranked)
    return True


def _add_post(
    toks: TokenStream, post: PostSpan, address: Prefix | None, b: int, a: int, items: list[Item]
) -> int:
    first = address.start if address is not None else post.start
    genitive = first > a and toks.key[first - 1] in _BEFORE_GENITIVE
    holder = post.name_at
    if holder is None:
        items.append(PostItem(post, address, genitive))
        return max(post.end, post.start + 1)
    # the post's holder follows it: "Bí thư Tỉnh ủy Nguyễn Văn A", "Tổng Bí thư Tô Lâm"
    items.append(PostItem(post, None, genitive))
    n = anchored_name(toks, holder, b)
    prefix = address if address is not None else Prefix(holder, holder)
    name = _name(toks, holder, holder + n, prefix, "name.post", a)
    if post.body_span is None and ends_with(lexicons()["block"], toks, post.start, a):
        name = NameItem(name.start, name.end, name.prefix, name.rule, True, name.mentioned)
    items.append(name)
    return holder + n


def _name(toks: TokenStream, s: int, e: int, prefix: Prefix, rule: str, a: int) -> NameItem:
    lex = lexicons()
    before = prefix.start
    # "đường Nguyễn Huệ", "số 510 Lý Thái Tổ": a street or place named after a person
    blocked = rule == "name.surname" and (
        ends_with(lex["block"], toks, before, a)
        or (before > a and toks.text[before - 1][0].isdigit())
    )
    mentioned = ends_with(lex["mention"], toks, before, a)
    hist = lex["hist"].match(toks, s, e)
    if hist is not None and hist[0] == e - s:
        rule = "name.historical" if rule == "name.surname" else rule
        mentioned = True
    return NameItem(s, e, prefix, rule, blocked, mentioned)


def _continues_proper_name(toks: TokenStream, i: int, n: int, a: int) -> bool:
    """A surname-led run that goes on from one capitalised word inside the sentence.

    ``đền An Dương Vương``, ``Vạn Lý Trường Thành``, ``22 Bis Lê Thánh Tôn``: the name
    of a place or thing that holds a surname. A brand or country before a full name
    (``Saigontourist Lâm Tứ Khôi``, ``tại Malaysia Nguyễn Quốc Dũng``) is still read as
    a person when the name has three words or more and a common surname, and no number
    stands before it (an address).
    """
    prev = i - 1
    if prev <= a or not toks.cap[prev] or toks.upper[prev] or not toks.text[prev].isalpha():
        return False
    before = toks.text[prev - 1]
    if toks.cap[prev - 1] and not before[0].isdigit():
        return False  # a longer run: a body or place ending before the name
    address = before[0].isdigit()
    return address or n < 3 or toks.key[i] not in common_surnames()


def _after_blocked(items: list[Item]) -> bool:
    """The last item is ``,`` or ``và`` after a name that was no person."""
    if len(items) < 2 or not isinstance(items[-1], Sep) or items[-1].text not in (",", "và"):
        return False
    previous = items[-2]
    return isinstance(previous, NameItem) and previous.blocked


def _in_chain(items: list[Item]) -> bool:
    """A separator right after a name or post: a lower-case title may follow."""
    if len(items) < 2 or not isinstance(items[-1], Sep) or items[-1].text not in _OPEN:
        return False
    return isinstance(items[-2], NameItem | PostItem)
