"""The administrative units an article names, by level, and bodies named by level alone.

Reports name a unit once (``huyện Dương Minh Châu``, ``xã Phước Ninh``, ``Huyện ủy Thạch
Hà``) and then its bodies by level alone (``UBND huyện``, ``Ban CHQS xã``, ``Hội CCB
huyện``). :func:`article_units` collects the names the article gives each level: after a
lower-case level word (``huyện``, ``xã``, ``tỉnh``; label ``ADMIN`` in
``kg/rules/bodies.json``) and after a local party committee (``Huyện ủy``, a head with a
``level``). :func:`qualify_level` names a body of a level after the article's one unit of
that level; two units of a level leave it as written. The same names tell a place from a
person: ``Bí thư Huyện ủy Thạch Hà`` ends in the district, not in its holder.

Example:
    >>> from kg.document import Document
    >>> from kg.extract.lexicon import tokenize
    >>> doc = Document.from_text("a", "Ban CHQS huyện Mỏ Cày Nam tổ chức diễn tập ở xã Tân Hội.")
    >>> units = article_units(tokenize(doc), frozenset(), [()])
    >>> units["huyện"], units["xã"]
    (('Mỏ Cày Nam',), ('Tân Hội',))
    >>> qualify_level("Ban Chỉ huy Quân sự xã", units)
    'Ban Chỉ huy Quân sự xã Tân Hội'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from itertools import compress

from kg.extract.items import OTHER, Item, NameItem, PostItem
from kg.extract.lexicon import Lexicon, TokenStream, fold_key, fold_name, lexicon, load_rules

__all__ = [
    "Units",
    "article_units",
    "complete_from_chain",
    "drop_unit_names",
    "qualify_level",
    "unit_names",
]

Units = Mapping[str, tuple[str, ...]]  # level ("huyện") -> unit names as first written
_MAX_NAME = 4  # words of a unit's name


@cache
def _admin() -> Lexicon:
    return lexicon("bodies", "ADMIN")


@cache
def _heads() -> Lexicon:
    return lexicon("bodies", "HEAD")


@cache
def _levels() -> frozenset[str]:
    """Folded level words (``huyện``, ``thị xã``)."""
    return frozenset(fold_key(r.pattern) for r in load_rules("bodies") if r.label == "ADMIN")


@cache
def _committees() -> dict[str, str]:
    """Folded local party committees (``huyện ủy``) -> their level (``huyện``)."""
    rules = load_rules("bodies")
    return {fold_key(r.pattern): str(r.get("level")) for r in rules if r.get("level")}


@cache
def _leveled() -> frozenset[str]:
    rules = load_rules("bodies")
    return frozenset(fold_key(r.pattern) for r in rules if r.label == "HEAD" and r.get("leveled"))


def complete_from_chain(body: str, others: Sequence[str]) -> str | None:
    """A body named without its unit, completed from another body of the same chain of
    posts, else None: a committee named by its level takes that level's unit (``Huyện
    ủy`` + ``Ủy ban nhân dân huyện Giao Thủy``), a body named at every level takes the
    level and unit (``Đảng ủy Quân sự`` + ``Bộ Chỉ huy Quân sự tỉnh``).

    >>> complete_from_chain("Huyện ủy", ["Ủy ban nhân dân huyện Giao Thủy"])
    'Huyện ủy Giao Thủy'
    >>> complete_from_chain("Đảng ủy Quân sự", ["Ban Chỉ huy Quân sự huyện Mai Châu"])
    'Đảng ủy Quân sự huyện Mai Châu'
    >>> complete_from_chain("Huyện ủy Thạch Hà", ["Ủy ban nhân dân huyện Giao Thủy"]) is None
    True
    """
    key = fold_key(body)
    level = _committees().get(key)
    if level is None and key not in _leveled():
        return None
    for other in others:
        words = other.split()
        for i in range(1, len(words)):
            size = next((n for n in (2, 1) if fold_key(" ".join(words[i : i + n])) in _levels()), 0)
            found = fold_key(" ".join(words[i : i + size])) if size else None
            if found is None or (level is not None and found != level):
                continue
            if level is None:
                return f"{body} {' '.join(words[i:])}"
            name = words[i + size :]
            if name and all(w[:1].isupper() or w.isdigit() for w in name):
                return f"{body} {' '.join(name)}"
    return None


@cache
def _places() -> Lexicon:
    return lexicon("places", "PLACE")


def _name_after(toks: TokenStream, k: int, stop: int) -> int:
    """End of the unit name starting at token ``k`` (right after its level word, in the
    same sentence): a known place, capitalised words (not abbreviations) or a number."""
    if k == 0 or k >= stop or toks.sentence[k] != toks.sentence[k - 1]:
        return k
    if toks.text[k].isdigit():
        return k + 1
    place = _places().match(toks, k, stop)
    if place is not None:
        return k + place[0]
    e = k
    while e < stop and e - k < _MAX_NAME and toks.sentence[e] == toks.sentence[k]:
        text = toks.text[e]
        if not toks.cap[e] or toks.upper[e] or not text.replace("-", "").isalpha():
            break
        e += 1
    # one capitalised word that is no known place starts something else ("Ngày 3-2")
    return e if e - k > 1 else k


def article_units(
    toks: TokenStream, skip: frozenset[int], sentences: Sequence[Sequence[Item]]
) -> dict[str, tuple[str, ...]]:
    """Names of the units the article gives each level, in order, each once.

    Args:
        toks: The document's tokens.
        skip: Sentences not read (bylines, site furniture, other news).
        sentences: The items of each sentence: where a personal name was read after a
            post (``Bí thư Huyện ủy Trần Văn A``, ``Phó Chủ tịch UBND tỉnh Lê B``), no
            unit is named.
    """
    found: dict[str, dict[str, str]] = {}
    n = len(toks.key)
    for j in _candidates(toks):
        # a level word or a local party committee, then a capitalised name
        if not (j + 2 < n and (toks.cap[j + 1] or toks.cap[j + 2])):
            continue
        if toks.sentence[j] in skip:
            continue
        level, size = _level_at(toks, j)
        if level is None:
            continue
        k = j + size
        e = _name_after(toks, k, n)
        if e > k and not _person_at(sentences[toks.sentence[k]], k):
            name = " ".join(toks.text[k:e])
            found.setdefault(level, {}).setdefault(fold_name(name), name)
    return {level: tuple(names.values()) for level, names in found.items()}


@cache
def _level_firsts() -> frozenset[str]:
    return _admin().first_tokens() | frozenset(key.split()[0] for key in _committees())


def _candidates(toks: TokenStream) -> Iterator[int]:
    """Tokens that are a level word's first word."""
    return compress(range(len(toks.key)), map(_level_firsts().__contains__, toks.key))


def _level_at(toks: TokenStream, j: int) -> tuple[str | None, int]:
    """The level named at token ``j`` (``huyện``, ``Xã``, ``Huyện ủy``) and its size."""
    if toks.cap[j]:
        head = _heads().match(toks, j, len(toks))
        level = _committees().get(fold_key(head[1].pattern)) if head is not None else None
        if head is not None and level is not None:
            return level, head[0]
    hit = _admin().match(toks, j, len(toks))
    return (fold_key(hit[1].pattern), hit[0]) if hit is not None else (None, 0)


def _person_at(items: Sequence[Item], k: int) -> bool:
    return any(isinstance(x, NameItem) and x.start == k for x in items)


def unit_names(units: Units) -> frozenset[str]:
    """Folded names of every unit the article names, at any level."""
    return frozenset(fold_name(n) for names in units.values() for n in names)


def qualify_level(name: str, units: Units) -> str:
    """A body named by level alone, named after the article's one unit of that level.

    ``UBND huyện`` becomes ``UBND huyện Thạch Hà``, ``Huyện ủy`` ``Huyện ủy Thạch Hà``,
    when the article names exactly one district; otherwise the name stays as written.

    >>> qualify_level("Hội Cựu chiến binh huyện", {"huyện": ("Thạch Hà",)})
    'Hội Cựu chiến binh huyện Thạch Hà'
    >>> qualify_level("Huyện ủy", {"huyện": ("Thạch Hà",)})
    'Huyện ủy Thạch Hà'
    >>> qualify_level("Ủy ban nhân dân xã", {"xã": ("Tân Hội", "Tân Phú")})
    'Ủy ban nhân dân xã'
    """
    level, committee = _level_of(name)
    names = units.get(level, ()) if level is not None else ()
    if len(names) != 1 or (names[0].isdigit() and committee):
        return name  # "Quận ủy" of "quận 8" is "Quận ủy Quận 8": left as written
    return f"{name} {names[0]}"


_UNANCHORED = frozenset({"name.surname", "name.post"})  # no rank or address before it


def drop_unit_names(
    toks: TokenStream, sentences: Sequence[tuple[Item, ...]], units: Units
) -> tuple[tuple[Item, ...], ...]:
    """The sentences' items with the names of the article's units read as places.

    A name read without a rank or form of address that the article names as a unit is
    no person: after a post's body (``Bí thư Huyện ủy Thạch Hà``) it completes the body,
    elsewhere (``Dương Minh Châu: Rút kinh nghiệm ...``) it is other words.
    """
    names = unit_names(units)
    if not names:
        return tuple(sentences)
    out: list[tuple[Item, ...]] = []
    for items in sentences:
        if not any(isinstance(x, NameItem) and x.rule in _UNANCHORED for x in items):
            out.append(items)
            continue
        new: list[Item] = []
        for item in items:
            if not (
                isinstance(item, NameItem)
                and item.rule in _UNANCHORED
                and fold_name(" ".join(toks.text[item.start : item.end])) in names
            ):
                new.append(item)
                continue
            last = new[-1] if new else None
            span = last.post.body_span if isinstance(last, PostItem) else None
            if isinstance(last, PostItem) and span is not None and span.name_at == item.start:
                whole = replace(span, end=item.end, complete=True, dependent=False, name_at=None)
                new[-1] = replace(last, post=replace(last.post, body_span=whole, end=item.end))
            elif item.rule == "name.surname":
                new.append(OTHER)
            else:
                new.append(item)
        out.append(tuple(new))
    return tuple(out)


@lru_cache(maxsize=4096)
def _level_of(name: str) -> tuple[str | None, bool]:
    """The level a body name ends in (``huyện`` of ``UBND huyện``, ``Huyện ủy``), and
    whether the name is a local party committee."""
    key = fold_key(name)
    level = _committees().get(key)
    if level is not None:
        return level, True
    words = key.split()
    for n in (2, 1):
        if len(words) > n and (tail := " ".join(words[-n:])) in _levels():
            return tail, False
    return None, False
