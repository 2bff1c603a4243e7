"""Which posts belong to which name, and how the posts of one chain share their bodies.

Reads the items of one sentence (:mod:`kg.extract.person_parse`):

- posts right after a name are its own: ``Thiếu tướng A, Phó Tư lệnh, Tham mưu trưởng
  Quân khu 7``; a bracketed aside between them is skipped (``A (bên trái), Chính ủy``);
- posts right before a name are its own when no earlier name took them: ``Bí thư Tỉnh
  ủy Nguyễn Văn A``, ``Tư lệnh Quân khu 7, Trung tướng B``;
- a body named after a post and a comma is the parent of the post's body: ``Cục trưởng
  Cục Chính trị, Tổng cục Hậu cần - Kỹ thuật``;
- a post a plural address introduces goes to each name listed after its colon: ``các
  đồng chí Phó Tư lệnh Quân khu: Thiếu tướng A, Thiếu tướng B``.

Posts nobody takes are returned by :func:`free_posts` (references back to a holder).
The posts of one chain (``Bí thư Đảng ủy, Chính ủy Tổng cục CNQP``) lend their bodies to
those that name none (:func:`complete_chain`): both are posts of the Tổng cục.

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Đại tá Lê Văn An, Chính ủy Sư đoàn 9 dự.")
    >>> items = parse_document(doc).sentences[0]
    >>> {k: [p.rule for p in v] for k, v in assign_posts(items).items()}
    {0: ['title.chinh-uy']}
    >>> doc = Document.from_text("b", "Bí thư Đảng ủy, Chính ủy Tổng cục CNQP phát biểu.")
    >>> toks = parse_document(doc).toks
    >>> first = parse_post(toks, 0, len(toks))
    >>> second = parse_post(toks, first.end + 1, len(toks))
    >>> for post in complete_chain([first, second], toks, {}):
    ...     print(post.title, "|", post.body)
    Bí thư Đảng ủy | Tổng cục Công nghiệp quốc phòng
    Chính ủy | Tổng cục Công nghiệp quốc phòng
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache

from kg.extract.bodies import BodySpan
from kg.extract.canonical import canonical_name
from kg.extract.lexicon import Lexicon, TokenStream, lexicon
from kg.extract.person_parse import (
    BodyItem,
    Item,
    NameItem,
    Other,
    PostItem,
    Sep,
    parse_document,
)
from kg.extract.posts import PostSpan, head_at, parse_post, resolve_post
from kg.extract.units import complete_from_chain

__all__ = ["assign_posts", "complete_chain", "free_posts", "parse_document", "parse_post"]

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
    _share_listed(items, owned, taken)
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
            owned.setdefault(k, []).extend(chain)
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


def _share_listed(items: Sequence[Item], owned: dict[int, list[PostSpan]], taken: set[int]) -> None:
    """A post that a plural address introduces goes to each name listed after it.

    ``các đồng chí Phó Tư lệnh Quân khu: Thiếu tướng A, Thiếu tướng B``: both are deputy
    commanders.
    """
    for k, item in enumerate(items):
        if not (
            type(item) is PostItem
            and item.address is not None
            and item.address.plural
            and not item.genitive
            and _is_sep(items, k + 1, frozenset({":"}))
        ):
            continue
        j = k + 2
        while j < len(items) and isinstance(items[j], NameItem):
            owned.setdefault(j, []).append(item.post)
            taken.add(k)
            if not _is_sep(items, j + 1, frozenset({",", "và"})):
                break
            j += 2


def _with_parent(items: Sequence[Item], j: int) -> tuple[PostSpan, int]:
    """The post at ``j``, with the body named after it and a comma as its parent.

    ``Cục trưởng Cục Chính trị, Tổng cục Hậu cần - Kỹ thuật dự`` is one post: the Cục
    of that Tổng cục. Returns the post and the index of the last item it used.
    """
    item = items[j]
    assert isinstance(item, PostItem)
    post = item.post
    unit = items[j + 2] if j + 2 < len(items) else None
    if (
        post.body_span is None
        and not post.standalone
        and _is_sep(items, j + 1, frozenset({","}))
        and isinstance(unit, BodyItem)
        and unit.span.complete
        and not unit.span.dependent
    ):
        # "Trợ lý Thanh niên, Phòng Chính trị Sư đoàn 312": the unit after the comma
        return replace(post, body_span=unit.span), j + 2
    # "Cục trưởng Cục Quân nhu/Tổng cục Hậu cần": a slash names the parent as a comma does
    if post.body_span is None or not _is_sep(items, j + 1, frozenset({",", "/"})):
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


def _incomplete(post: PostSpan) -> bool:
    """A post that should take the body named next (or before) in its chain."""
    if post.standalone:
        return False
    span = post.body_span
    return span is None or span.dependent


_SEGMENT_ENDS = frozenset({",", "-", "–", "—", ";", ")", ".", ":", "kiêm", "và"})


def _ends_segment(toks: TokenStream, post: PostSpan) -> bool:
    """The post is a whole item of its list (``Phó Tư lệnh,``), not the head of a phrase
    that goes on in lower case (``Trưởng đoàn kiểm tra``)."""
    j = post.end
    return (
        j >= len(toks)
        or toks.sentence[j] != toks.sentence[post.start]
        or (toks.text[j] in _SEGMENT_ENDS or toks.cap[j])
    )


def complete_chain(
    chain: Sequence[PostSpan], toks: TokenStream, defined: Mapping[str, str]
) -> list[PostSpan]:
    """Resolve the posts of one chain and lend bodies to those that name none.

    A post whose body is missing or only a dependent body (``Đảng ủy``, ``Thường vụ
    Đảng ủy``) takes the next complete body in the chain (or, at the end of the chain,
    the previous one); the dependent part moves into the title (``Bí thư Đảng ủy`` of
    ``Tổng cục ...``). A post followed by lower-case words (``Trưởng đoàn kiểm tra``)
    is a phrase of its own and borrows nothing. ``nguyên`` (former) covers the posts
    listed after it. A ``Ban Thường vụ`` with no committee of its own is the standing
    board of the committee inside the lent body (``Tỉnh ủy`` of ``Ban Tuyên giáo Tỉnh
    ủy``).
    """
    posts = [resolve_post(p, toks, defined) for p in chain]
    # "nguyên Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh": "nguyên" covers the posts listed after it
    for n in range(1, len(posts)):
        if posts[n - 1].former and not posts[n].former:
            posts[n] = replace(posts[n], former=True, late=posts[n - 1].late)
    out: list[PostSpan] = []
    for n, post in enumerate(posts):
        if not _incomplete(post) or not _ends_segment(toks, post):
            out.append(post)
            continue
        lender = next((q for q in posts[n + 1 :] if not _incomplete(q) and q.body), None)
        if lender is None:
            lender = next((q for q in reversed(posts[:n]) if not _incomplete(q) and q.body), None)
        if lender is None or lender.body_span is None or lender.standalone:
            out.append(post)
            continue
        title = post.title if post.body is None else f"{post.title} {post.body}"
        span = lender.body_span
        body = lender.body
        own = post.body_span
        committees = [c for c in span.committees if c > span.start]
        unit = _administrative_unit(toks, span) if own is not None and own.committees else None
        if unit is not None and post.body is not None:
            # "Phó Bí thư Đảng ủy, Chủ tịch UBND xã X": the party committee is the
            # commune's ("Đảng ủy xã X"), not the people's committee's
            title = post.title
            body = f"{post.body} {canonical_name(toks, unit, span.end, defined)}"
        elif own is not None and not own.committees and committees:
            body = canonical_name(toks, committees[-1], span.end, defined)
        elif own is None and span.committees[:1] == (span.start,):
            # "Phó Chính ủy, Phó Bí thư Đảng ủy Bộ đội Biên phòng tỉnh": the command
            # post belongs to the unit, not to its party committee
            body = _unit_of_committee(toks, span, defined) or body
        out.append(replace(post, title=title, body=body))
    return _committees_of_the_chain(out)


def _committees_of_the_chain(posts: list[PostSpan]) -> list[PostSpan]:
    """A committee named without its unit takes the unit another post of the chain names:
    ``Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Giao Thủy`` is the Huyện ủy of Giao Thủy
    (the reader needs no other district); see :func:`kg.extract.units.complete_from_chain`."""
    out = list(posts)
    for n, post in enumerate(posts):
        others = [p.body for p in posts if p is not post and p.body]
        body = complete_from_chain(post.body, others) if post.body else None
        if body is not None:
            out[n] = replace(post, body=body)
    return out


def share_pair_body(items: Sequence[Item], chains: dict[int, list[PostSpan]]) -> None:
    """Two holders joined by ``và`` share the body named once at the end of the pair.

    ``Đại tá A, Chỉ huy trưởng và Đại tá B, Chính ủy Bộ CHQS tỉnh``: A commands the
    same Bộ CHQS. ``chains`` (name item index -> completed posts) is changed in place;
    only a last post that names no body at all borrows.
    """
    at = {item.post.start: j for j, item in enumerate(items) if isinstance(item, PostItem)}
    for posts in chains.values():
        last = posts[-1] if posts else None
        if last is None or last.body is not None or last.standalone or last.former:
            continue
        j = at.get(last.start)
        if j is None or not _is_sep(items, j + 1, frozenset({"và"})):
            continue
        lender = next((q for q in chains.get(j + 2, []) if q.body and q.body_span), None)
        if lender is not None and not lender.standalone and not lender.former:
            posts[-1] = replace(last, body=lender.body, body_span=lender.body_span)


def split_respective(items: Sequence[Item], chains: dict[int, list[PostSpan]]) -> None:
    """Two names then two posts go one to each, in order.

    ``Đại tá A và Thượng tá B, Lữ đoàn trưởng, Chính ủy Lữ đoàn 162``: A commands the
    brigade and B is its commissar. ``chains`` (name item index -> completed posts) is
    changed in place; only a first name with no post of its own takes one.
    """
    for k, item in enumerate(items):
        second = k + 2
        if (
            isinstance(item, NameItem)
            and not chains.get(k)
            and _is_sep(items, k + 1, frozenset({"và"}))
            and second in chains
            and len(chains[second]) == 2
            and not any(p.former for p in chains[second])
        ):
            first, own = chains[second]
            chains[k] = [first]
            chains[second] = [own]


def _unit_of_committee(toks: TokenStream, span: BodySpan, defined: Mapping[str, str]) -> str | None:
    """The unit a party committee belongs to (``Bộ đội Biên phòng tỉnh`` of ``Đảng ủy ...``)."""
    hit = head_at(toks, span.start, span.end)
    if hit is None or not hit[1].get("dependent") or span.start + hit[0] >= span.end:
        return None
    return canonical_name(toks, span.start + hit[0], span.end, defined)


@cache
def _admin() -> Lexicon:
    return lexicon("bodies", "ADMIN")


def _administrative_unit(toks: TokenStream, span: BodySpan) -> int | None:
    """Where the administrative unit starts in the name of its own organ, if it is one.

    ``UBND xã Phước An``, ``HĐND huyện X``: the organs of a commune, district or province
    (``"of_unit"`` heads in ``kg/rules/bodies.json``) are named after the unit, whose
    party committee is ``Đảng ủy xã Phước An``. Returns the token of the level word.
    """
    hit = head_at(toks, span.start, span.end)
    if hit is None or not hit[1].get("of_unit"):
        return None
    admin = _admin()
    for j in range(span.start + hit[0], span.end - 1):
        level = admin.match(toks, j, span.end)
        if level is not None and j + level[0] < span.end and toks.cap[j + level[0]]:
            return j
    return None
