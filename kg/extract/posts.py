"""Posts: a title and the body it belongs to (``Phó Chính ủy Tổng cục CNQP``).

A post is read at a title from ``kg/rules/titles.json`` and takes the body name that
follows it (:func:`kg.extract.bodies.scan_body`). A title that implies its body's head
(``Trưởng ban Dân vận Tỉnh ủy``) gets it back: title ``Trưởng ban``, body ``Ban Dân vận
Tỉnh ủy``. ``nguyên`` (former) or ``cố`` (late) before the title marks a post that is not
held today. Posts listed in a chain share their bodies (:mod:`kg.extract.chains`); a body
written by its kind alone is completed by :mod:`kg.extract.kinds` (``body_of_title``).

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Phó Chính ủy Tổng cục CNQP phát biểu.")
    >>> toks = tokenize(doc)
    >>> post = resolve_post(parse_post(toks, 0, len(toks)), toks, {})
    >>> post.title, post.body
    ('Phó Chính ủy', 'Tổng cục Công nghiệp quốc phòng')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from kg.extract.bodies import BodySpan, scan_body, tokenize
from kg.extract.canonical import abbreviation_at, canonical_name, tidy
from kg.extract.kinds import body_of_title, complete_body
from kg.extract.lexicon import Lexicon, TokenStream, lexicon
from kg.extract.names import free_name
from kg.rules import Rule

__all__ = [
    "PostSpan",
    "body_of_title",
    "complete_bare_head",
    "head_at",
    "parse_post",
    "resolve_post",
    "tokenize",
]


@dataclass(frozen=True)
class PostSpan:
    """A post read from tokens ``[start, end)``.

    Attributes:
        start: First token (the ``nguyên`` marker or the title).
        end: Token after the post, past an ``(ABBR)`` that defines its body's short form.
        title_start: First token of the title.
        title_end: Token after the title.
        rule: Id of the title rule that fired.
        body_span: The body name after the title, if any.
        former: The post is a former one (``nguyên``, ``cố``).
        late: The holder is dead (``cố``).
        standalone: The title needs no body (``Tổng Bí thư``, ``Chủ tịch nước``).
        implies: Head the title implies for a body named without it (``Ban``).
        title: Title as written, or as completed by a chain.
        body: Canonical name of the body, or None; filled by :func:`resolve_post`.
        holder_at: Token where the holder's name follows a post without a body.
        parent_span: The body the post's body belongs to, named after a comma
            (``Cục trưởng Cục Chính trị, Tổng cục Hậu cần - Kỹ thuật``).
    """

    start: int
    end: int
    title_start: int
    title_end: int
    rule: str
    body_span: BodySpan | None
    former: bool = False
    late: bool = False
    standalone: bool = False
    implies: str | None = None
    title: str = ""
    body: str | None = None
    holder_at: int | None = None
    parent_span: BodySpan | None = None

    @property
    def name_at(self) -> int | None:
        """Token where a personal name follows the post directly, if one does."""
        if self.holder_at is not None:
            return self.holder_at
        return self.body_span.name_at if self.body_span is not None else None


@cache
def _lex() -> dict[str, Lexicon]:
    return {
        "title": lexicon("titles", "TITLE"),
        "former": lexicon("titles", "FORMER"),
        "abbr": lexicon("abbreviations", "ABBR", case_sensitive=True),
    }


@cache
def _post_keys() -> frozenset[str]:
    return _lex()["title"].first_tokens() | _lex()["former"].first_tokens()


@cache
def _heads() -> Lexicon:
    return lexicon("bodies", "HEAD", "BODY")


def parse_post(toks: TokenStream, i: int, stop: int, *, lowercase: bool = False) -> PostSpan | None:
    """Read the post starting at token ``i`` (after an optional ``nguyên``), or None.

    Args:
        toks: The document's tokens.
        i: Where the post (or its former marker) starts.
        stop: Token index the post may not reach.
        lowercase: Accept a title written in lower case (right after a name and a comma,
            where nothing else is likely: ``Đại tá A, chỉ huy trưởng ...``).
    """
    if i >= stop:
        return None
    lex = _lex()
    if toks.key[i] not in _post_keys() and not lex["abbr"].starts(toks.text[i]):
        return None
    former = late = False
    j = i
    mark = lex["former"].match(toks, j, stop)
    if mark is not None:
        former, late = True, bool(mark[1].get("late"))
        j += mark[0]
    if j >= stop:
        return None
    hit = lex["title"].match(toks, j, stop)
    if hit is None or not (lowercase or former or toks.cap[j]):
        abbr = abbreviation_at(toks, j, stop)
        if abbr is None or abbr[2] != "title":
            return None
        size, rule_id = abbr[0], f"title.abbr.{toks.text[j]}"
        full = lex["title"].lookup(abbr[1])  # "TUV" is "Tỉnh ủy viên": a post of its own
        standalone = full is not None and bool(full.get("standalone"))
        implies = full.get("implies") if full is not None else None
    else:
        size, rule = hit
        rule_id, standalone = rule.id, bool(rule.get("standalone"))
        implies = rule.get("implies")
    title_end = body_from = j + size
    # "Trưởng Đoàn đại biểu Quốc hội", "Trưởng Ban Chỉ đạo ...": the title's last word
    # starts its body's head; like "Trưởng ban" + "Ban Dân vận", the title keeps it and
    # the body starts at the head
    for k in range(j + 1, title_end):
        head = _heads().match(toks, k, stop)
        if head is None or k + head[0] <= title_end:
            continue
        shorter = lex["title"].match(toks, j, k)
        if shorter is not None and j + shorter[0] == k:
            body_from = k
            break
    body = scan_body(toks, body_from, stop, need_head=implies is None, post=True)
    holder: int | None = None
    if body is None and title_end < stop and toks.cap[title_end]:
        if free_name(toks, title_end, stop):
            holder = title_end  # "Tổng Bí thư Tô Lâm": the post's holder, no body
        elif toks.cap[j] or toks.upper[title_end]:
            # a body named without its head: "Tư lệnh Hải quân"; after a title in lower
            # case only an abbreviation ("giám đốc PMU 18", not "giảng viên Việt kiều")
            body = scan_body(toks, title_end, stop, need_head=False, post=True)
    end = body.end if body is not None else title_end
    end = _skip_definition(toks, end, stop)
    return PostSpan(
        i, end, j, title_end, rule_id, body, former, late, standalone, implies, holder_at=holder
    )


def _skip_definition(toks: TokenStream, j: int, stop: int) -> int:
    # "Tổng cục Công nghiệp quốc phòng (CNQP)": the short form is part of the post
    if j + 2 < stop and toks.text[j] == "(" and toks.text[j + 2] == ")" and toks.upper[j + 1]:
        return j + 3
    return j


def resolve_post(post: PostSpan, toks: TokenStream, defined: Mapping[str, str]) -> PostSpan:
    """Fill in ``title`` and ``body`` (canonical names) of a parsed post."""
    if toks.upper[post.title_start] and post.rule.startswith("title.abbr."):
        title = canonical_name(toks, post.title_start, post.title_end, defined)
    else:
        title = tidy(" ".join(toks.text[post.title_start : post.title_end]))
    body: str | None = None
    span = post.body_span
    if span is not None and span.end > span.start:
        start = span.start
        inner = _inner_body(toks, span)
        if inner is not None:
            # "Ủy viên Đoàn Chủ tịch Tổng Liên đoàn ...", "Bí thư Đảng ủy Bộ đội Biên phòng
            # tỉnh": the board or committee is part of the post, the body is the unit
            title = f"{title} {canonical_name(toks, start, inner, defined)}"
            start = inner
        body = canonical_name(toks, start, span.end, defined)
        if post.implies and (not span.heads or span.heads[0] != span.start):
            body = f"{post.implies} {body}"
        parent = post.parent_span
        if parent is not None:
            # written as the text does: "Cục Tổ chức, Tổng cục Chính trị"
            body = f"{body}, {canonical_name(toks, parent.start, parent.end, defined)}"
    return replace(post, title=title, body=body)


def _inner_body(toks: TokenStream, span: BodySpan) -> int | None:
    """Where the unit starts after leading boards and committees (``Thường vụ Đảng ủy``)."""
    j = span.start
    for head in span.heads:
        if head != j:
            return None
        hit = head_at(toks, head, span.end)
        # a commission with posts of its own ("Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy")
        # is the post's body, not part of its title
        if hit is None or not hit[1].get("dependent") or hit[1].get("holds_posts"):
            return head if head > span.start else None
        j = head + hit[0]
    return None


def head_at(toks: TokenStream, j: int, stop: int) -> tuple[int, Rule] | None:
    """The body head at token ``j``, also when abbreviated (``BTV`` is ``Ban Thường vụ``)."""
    hit = _heads().match(toks, j, stop)
    abbr = abbreviation_at(toks, j, stop)
    if abbr is not None and (hit is None or abbr[0] >= hit[0]):
        rule = _heads().lookup(abbr[1])
        if rule is not None:
            return abbr[0], rule
    return hit


complete_bare_head = complete_body  # the earlier name
