"""Which posts belong to which name: chains after a name, posts before it, asides.

Reads the items of one sentence (:mod:`kg.extract.person_parse`):

- posts right after a name are its own: ``Thiếu tướng A, Phó Tư lệnh, Tham mưu trưởng
  Quân khu 7``; a bracketed aside between them is skipped (``A (bên trái), Chính ủy``);
- posts right before a name are its own when no earlier name took them: ``Bí thư Tỉnh
  ủy Nguyễn Văn A``, ``Tư lệnh Quân khu 7, Trung tướng B``;
- a body named after a post and a comma is the parent of the post's body: ``Cục trưởng
  Cục Chính trị, Tổng cục Hậu cần - Kỹ thuật``.

Posts nobody takes are returned by :func:`free_posts` (references back to a holder).

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Đại tá Lê Văn An, Chính ủy Sư đoàn 9 dự.")
    >>> items = parse_document(doc).sentences[0]
    >>> {k: [p.rule for p in v] for k, v in assign_posts(items).items()}
    {0: ['title.chinh-uy']}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.person_parse import (
    BodyItem,
    Item,
    NameItem,
    Other,
    PostItem,
    Sep,
    parse_document,
)
from kg.extract.posts import PostSpan

__all__ = ["assign_posts", "free_posts", "parse_document"]

_CHAIN = frozenset({",", "-", "–", "—", "kiêm"})  # go on with a chain of posts
_OPEN = frozenset({",", "-", "–", "—", "(", ":"})  # may open a chain of posts
_BEFORE = frozenset({",", "-", "–"})  # between posts listed before a name


def assign_posts(items: Sequence[Item]) -> dict[int, list[PostSpan]]:
    """Posts of each name item (by its index in ``items``), in text order.

    Posts right after a name (through ``,`` ``-`` ``(`` ``:``) are its own; the chain
    stops at a post whose holder follows it. Posts no earlier name took, right before a
    name (touching it, or through ``,`` when a rank or address introduces the name),
    are the name's too.
    """
    owned: dict[int, list[PostSpan]] = {}
    taken: set[int] = set()
    for k, item in enumerate(items):
        if not isinstance(item, NameItem):
            continue
        chain: list[PostSpan] = []
        j = _skip_aside(items, k + 1)
        if _is_sep(items, j, _OPEN):
            j += 1
        while j < len(items):
            nxt = items[j]
            if not isinstance(nxt, PostItem) or nxt.post.name_at is not None or nxt.address:
                break
            post, j = _with_parent(items, j)
            chain.append(post)
            taken.add(j)
            j += 1
            if not _is_sep(items, j, _CHAIN):
                break
            j += 1
        if chain:
            owned[k] = chain
    for k, item in enumerate(items):
        if not isinstance(item, NameItem):
            continue
        before: list[PostSpan] = []
        j = k - 1
        if not item.prefix.empty and _is_sep(items, j, frozenset({","})):
            j -= 1
        while j >= 0 and j not in taken:
            previous = items[j]
            if not isinstance(previous, PostItem) or previous.address or previous.genitive:
                break
            before.append(previous.post)
            taken.add(j)
            if j < 2 or not _is_sep(items, j - 1, _BEFORE):
                break
            j -= 2
        if before:
            owned[k] = before[::-1] + owned.get(k, [])
    return owned


def _with_parent(items: Sequence[Item], j: int) -> tuple[PostSpan, int]:
    """The post at ``j``, with the body named after it and a comma as its parent.

    ``Cục trưởng Cục Chính trị, Tổng cục Hậu cần - Kỹ thuật dự`` is one post: the Cục
    of that Tổng cục. Returns the post and the index of the last item it used.
    """
    item = items[j]
    assert isinstance(item, PostItem)
    post = item.post
    if post.body_span is None or not _is_sep(items, j + 1, frozenset({","})):
        return post, j
    parent = items[j + 2] if j + 2 < len(items) else None
    if not isinstance(parent, BodyItem) or not parent.span.complete or parent.span.dependent:
        return post, j
    after = items[j + 3] if j + 3 < len(items) else None
    if isinstance(after, Sep) and after.text in _CHAIN:
        return post, j  # a list of bodies goes on: not one body's parent
    return replace(post, parent_span=parent.span), j + 2


def _is_sep(items: Sequence[Item], j: int, texts: frozenset[str]) -> bool:
    """Item ``j`` exists and is one of these separators."""
    if not 0 <= j < len(items):
        return False
    item = items[j]
    return isinstance(item, Sep) and item.text in texts


def _skip_aside(items: Sequence[Item], j: int) -> int:
    """Skip a bracketed aside after a name (``(bên trái)``, ``(thứ hai từ phải sang)``)."""
    if not _is_sep(items, j, frozenset({"("})):
        return j
    for k in range(j + 1, min(len(items), j + 10)):
        item = items[k]
        if isinstance(item, Sep) and item.text == ")":
            return k + 1
        if not isinstance(item, Other | Sep) or (isinstance(item, Sep) and item.text == "("):
            return j
    return j


def free_posts(items: Sequence[Item], owned: dict[int, list[PostSpan]]) -> list[PostItem]:
    """Post items no name took: the candidates for a reference back to a holder."""
    claimed = {(p.start, p.end) for posts in owned.values() for p in posts}
    return [
        x for x in items if isinstance(x, PostItem) and (x.post.start, x.post.end) not in claimed
    ]
