"""Bodies written by their kind alone, completed to the one body of that kind the text names.

A report names a body once in full (``Quân chủng Phòng không - Không quân``, ``Trường Sĩ
quan Lục quân 1``, ``Sở Nội vụ tỉnh Bắc Giang``) and then by its kind alone: a bare head
(``Tư lệnh Quân chủng``, ``Phó Giám đốc Sở``), a word that stands for a kind of body
(``Hiệu trưởng Nhà trường``; label ``ANAPHOR`` in ``kg/rules/bodies.json``, with the
``kinds`` it may stand for), a title that names its unit's kind (``Sư đoàn trưởng``,
``Hiệu trưởng``; ``"of"`` in ``kg/rules/titles.json``), or a body ending in a bare head
(``Cục Chính trị Quân khu``). Each is the one body of that kind named in the same chain
of posts, else the one the article names; where the text names two, it stays as written.

The kind of a head is its pattern, or its ``kind`` field where a longer head is one kind of
a shorter one (``Trường Đại học`` is a ``Trường``, ``Đoàn kiểm tra`` a ``Đoàn``).

Example:
    >>> complete_body("Quân chủng", [], ["Quân chủng Phòng không - Không quân"])
    'Quân chủng Phòng không - Không quân'
    >>> complete_body("Nhà trường", [], ["Trường Sĩ quan Lục quân 1", "Bộ Quốc phòng"])
    'Trường Sĩ quan Lục quân 1'
    >>> complete_body("Cục Chính trị Quân khu", [], ["Quân khu 4"])
    'Cục Chính trị Quân khu 4'
    >>> complete_body("Đảng ủy Nhà trường", [], ["Trường Đại học Vinh"])
    'Đảng ủy Trường Đại học Vinh'
    >>> body_of_title("Hiệu trưởng", None, [], ["Trường Đại học Hồng Đức"])
    'Trường Đại học Hồng Đức'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from kg.extract.canonical import tidy
from kg.extract.lexicon import Lexicon, TokenStream, fold_key, fold_name, lexicon, tokenize_text
from kg.rules import Rule

__all__ = [
    "bodies_of_kind",
    "body_of_title",
    "complete_body",
    "ends_in_kind",
    "kinds_of",
    "title_kinds",
]

_DASHES = frozenset({"-", "–", "—", ","})


@cache
def _heads() -> Lexicon:
    return lexicon("bodies", "HEAD", "BODY")


@cache
def _anaphors() -> Lexicon:
    return lexicon("bodies", "ANAPHOR")


@cache
def _admin() -> Lexicon:
    return lexicon("bodies", "ADMIN")


@cache
def _titles() -> Lexicon:
    return lexicon("titles", "TITLE")


def _kind(rule: Rule) -> str:
    return fold_key(str(rule.get("kind") or rule.pattern))


def _needs_name(rule: Rule) -> bool:
    """A head that names no body by itself (``Quân khu``; not ``Tỉnh ủy``, ``Đảng ủy``)."""
    return rule.label == "HEAD" and not (
        rule.get("standalone") or rule.get("committee") or rule.get("dependent")
    )


@lru_cache(maxsize=4096)
def _phrase(name: str) -> TokenStream:
    """The tokens of a short name, for looking phrases up in it."""
    words, keys = tokenize_text(name)
    n = len(words)
    zeros = (0,) * n
    cap = tuple(w[:1].isupper() for w in words)
    upper = tuple(w.isupper() and len(w) > 1 for w in words)
    return TokenStream(tuple(words), tuple(keys), zeros, zeros, zeros, cap, upper)


@lru_cache(maxsize=4096)
def kinds_of(body: str) -> tuple[str, ...]:
    """The kinds of body a name written by kind alone stands for (none for a full name).

    >>> kinds_of("Quân khu"), kinds_of("Quân khu 7"), kinds_of("Tỉnh ủy")
    (('quân khu',), (), ())
    >>> kinds_of("Nhà trường")
    ('trường', 'học viện', 'đại học')
    """
    rule = _heads().lookup(body)
    if rule is not None:
        return (_kind(rule),) if _needs_name(rule) else ()
    rule = _anaphors().lookup(body)
    if rule is not None:
        return tuple(fold_key(str(k)) for k in rule.get("kinds") or ())
    return ()


@lru_cache(maxsize=8192)
def bodies_of_kind(name: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The bodies of these kinds a body name names: itself, or a body it holds.

    A body ends where a dash or comma joins another body to it (``Quân khu 4 - Cục Chính
    trị Quân khu 4`` holds ``Quân khu 4``); a head must be followed by its name.

    >>> bodies_of_kind("Bộ Tư lệnh Quân đoàn 34", ("quân đoàn",))
    ('Quân đoàn 34',)
    >>> bodies_of_kind("Hội đồng nhân dân tỉnh", ("hội",))
    ()
    >>> bodies_of_kind("Binh đoàn 12 - Tổng công ty Xây dựng Trường Sơn", ("binh đoàn",))
    ('Binh đoàn 12',)
    """
    toks = _phrase(name)
    n = len(toks)
    heads = _heads()
    out: list[str] = []
    covered = 0
    for k in range(n):
        hit = heads.match(toks, k, n)
        if hit is None:
            continue
        size, rule = hit
        if k < covered:
            continue  # inside a longer head ("Đại học" of "Trường Đại học")
        covered = k + size
        if _kind(rule) not in kinds:
            continue
        named = rule.label == "BODY" or bool(rule.get("standalone")) or bool(rule.get("named"))
        nxt = k + size
        if not named and not (nxt < n and (toks.cap[nxt] or toks.text[nxt][0].isdigit())):
            continue
        end = _end_of_body(toks, nxt)
        out.append(tidy(" ".join(toks.text[k:end])))
    return tuple(out)


def _end_of_body(toks: TokenStream, j: int) -> int:
    """Where the body whose name goes on at ``j`` ends: at a dash or comma before a head."""
    n = len(toks)
    while j < n:
        if toks.text[j] in _DASHES and j + 1 < n and _heads().match(toks, j + 1, n):
            return j
        j += 1
    return n


def _one_of_kind(kinds: tuple[str, ...], names: Sequence[str]) -> tuple[str | None, bool]:
    """The one body of these kinds in ``names``; and whether any was found at all.

    A name and the same name qualified by its unit (``Sở Nội vụ``, ``Sở Nội vụ tỉnh Bắc
    Giang``) are one body: the qualified one is kept.
    """
    found: dict[str, str] = {}
    for name in names:
        for body in bodies_of_kind(name, kinds):
            found.setdefault(fold_name(body), body)
    keys = [k for k in found if not any(_qualifies(k, other) for other in found)]
    if len(keys) > 1:
        # "Sư đoàn 375" and "Sư đoàn Phòng không 375": one unit by its number, the short
        # name being what the article's posts use
        short = min(keys, key=len)
        numbered = short.split()[-1].isdigit()
        if (
            numbered
            and all(set(short.split()) <= set(k.split()) for k in keys)
            and all(k.split()[-1] == short.split()[-1] for k in keys)
        ):
            keys = [short]
    if len(keys) == 1:
        return found[keys[0]], True
    return None, bool(keys)


def _qualifies(short: str, long: str) -> bool:
    """``long`` is ``short`` with its level and unit after it (``... tỉnh Bắc Giang``)."""
    if not long.startswith(short + " "):
        return False
    rest = _phrase(long[len(short) + 1 :])
    return _admin().match(rest, 0, len(rest)) is not None


def _complete_kind(
    kinds: tuple[str, ...], chain: Sequence[str], article: Sequence[str]
) -> str | None:
    for names in (chain, article):
        one, seen = _one_of_kind(kinds, names)
        if one is not None or seen:
            return one
    return None


def complete_body(body: str | None, chain: Sequence[str], article: Sequence[str]) -> str | None:
    """The full name of a body written by kind alone, if the text gives exactly one.

    The body of that kind named in the same chain of posts wins (``Phó Bí thư Đảng ủy
    Quân khu, Tư lệnh Quân khu 7``); else the one body of that kind the article names.
    A body ending in a bare head has that head completed. A committee (``Tỉnh ủy``), a
    complete name or a kind named by several bodies stays as written.

    >>> complete_body("Quân khu", [], ["Quân khu 7", "Quân khu 9"])
    'Quân khu'
    >>> complete_body("Quân khu", ["Quân khu 9"], ["Quân khu 7", "Quân khu 9"])
    'Quân khu 9'
    >>> complete_body("Sở", [], ["Sở Nội vụ", "Sở Nội vụ tỉnh Bắc Giang"])
    'Sở Nội vụ tỉnh Bắc Giang'
    """
    if not body:
        return body
    kinds = kinds_of(body)
    if kinds:
        return _complete_kind(kinds, chain, article) or body
    tail = _bare_tail(body)
    if tail is None:
        return body
    done = _complete_kind(kinds_of(body[tail:]), chain, article)
    return f"{body[:tail]}{done}" if done is not None else body


def ends_in_kind(body: str) -> bool:
    """The body name ends in a kind alone that names its unit (``Cục Chính trị Quân khu``).

    >>> ends_in_kind("Cục Chính trị Quân khu"), ends_in_kind("Bộ Công an")
    (True, False)
    """
    return _bare_tail(body) is not None


@lru_cache(maxsize=4096)
def _bare_tail(body: str) -> int | None:
    """Offset in ``body`` where a kind alone ends it (``Quân khu`` of ``Cục Chính trị Quân
    khu``, ``Nhà trường`` of ``Đảng ủy Nhà trường``), if one does.

    Only kinds that stand for the unit a body belongs to (``"parent"`` rules) count:
    ``Công an`` ends ``Bộ Công an`` as its name, not as its unit.
    """
    words = body.split(" ")
    for k in range(1, len(words)):
        if not words[k][:1].isupper():
            continue  # "Bộ Nội vụ" ends in a word, not in the head "Vụ"
        tail = " ".join(words[k:])
        rule = _heads().lookup(tail) or _anaphors().lookup(tail)
        if rule is not None and rule.get("parent") and kinds_of(tail):
            return len(" ".join(words[:k])) + 1
    return None


def body_of_title(
    title: str, body: str | None, chain: Sequence[str], article: Sequence[str]
) -> str | None:
    """The body of a post, completed where the text leaves it to the reader.

    A body written by kind is completed (:func:`complete_body`); a title naming the kind
    of its unit (``Lữ đoàn trưởng``, ``Hiệu trưởng``; ``"of"`` in
    ``kg/rules/titles.json``) given without a body belongs to the one unit of that kind
    the chain or article names.

    >>> body_of_title("Lữ đoàn trưởng", None, [], ["Lữ đoàn 171", "Vùng 2 Hải quân"])
    'Lữ đoàn 171'
    >>> body_of_title("Chính ủy", None, [], ["Lữ đoàn 171"]) is None
    True
    """
    if body is not None:
        return complete_body(body, chain, article)
    kinds = title_kinds(title)
    return _complete_kind(kinds, chain, article) if kinds else None


@lru_cache(maxsize=4096)
def title_kinds(title: str) -> tuple[str, ...]:
    """The kinds of unit a title names (``"of"``): ``Hiệu trưởng`` heads a ``Trường``.

    >>> title_kinds("Trưởng đoàn"), title_kinds("Chính ủy")
    (('đoàn',), ())
    """
    rule = _titles().lookup(title)
    kind = rule.get("of") if rule is not None else None
    if not kind:
        return ()
    return tuple(fold_key(k) for k in ([kind] if isinstance(kind, str) else kind))
