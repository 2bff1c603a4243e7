"""The ``persons`` component: named persons with rank, posts and every mention.

Each sentence is read into names, posts and bodies (:mod:`kg.extract.person_parse`);
posts go to the names they belong to (:func:`~kg.extract.chains.assign_posts`), a
chain's bodies are shared (:func:`~kg.extract.chains.complete_chain`), and the names of one
article are merged on their folded spelling (:func:`kg.text.fold`). Later references are
added to the person's ``mentions``: the full name again, a rank or address with the given
name only (``Thiếu tướng Hùng``), and a post standing for its holder (``đồng chí Phó Bí
thư Tỉnh ủy``). Bylines, credits and site furniture are never read.

Each person gets the body its identity is anchored to (``Person.anchor``,
:func:`kg.identity_bodies.anchor_body`): former posts first, a provincial body named
without its province qualified with the article's one province
(:func:`kg.extract.provinces.article_province`).

Example:
    >>> from kg.document import Document
    >>> text = ("Thiếu tướng Lê Văn Bình, Ủy viên Thường vụ Đảng ủy, Phó Chính ủy Quân khu 5 "
    ...         "dự. Đồng chí Phó Chính ủy Quân khu 5 phát biểu.")
    >>> ex = extract_persons(Document.from_text("a", text), ArticleExtraction("a"))
    >>> p = ex.persons[0]
    >>> p.name, p.rank.value, len(p.mentions)
    ('Lê Văn Bình', 'Thiếu tướng', 2)
    >>> [(x.title, x.organization) for x in p.positions]
    [('Ủy viên Thường vụ Đảng ủy', 'Quân khu 5'), ('Phó Chính ủy', 'Quân khu 5')]
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import cast

from kg.document import Document
from kg.extract.abbreviations import defined_map, find_abbreviations
from kg.extract.chains import (
    assign_posts,
    complete_chain,
    free_posts,
    share_pair_body,
    split_respective,
)
from kg.extract.kinds import body_of_title, title_kinds
from kg.extract.lexicon import TokenStream, fold_name
from kg.extract.names import name_text, rank_of
from kg.extract.organizations import find_organizations
from kg.extract.person_parse import NameItem, PostItem, parse_document
from kg.extract.posts import PostSpan
from kg.extract.provinces import article_province
from kg.identity_bodies import anchor_body, provincial_level
from kg.model import ArticleExtraction, Evidence, Person, Position, Rank
from kg.pipeline import component

__all__ = ["extract_persons"]

EXTRACTOR = "persons"
_CONFIDENCE = {
    "name.rank": 0.95,
    "name.address": 0.9,
    "name.post": 0.9,
    "name.historical": 0.9,
    "name.surname": 0.75,
    "name.short": 0.7,
}
_SHORT = 2  # a name of this many words or fewer may be a later, shortened reference
_MENTION_ONLY_TITLES = frozenset({"liệt sĩ"})
_Bodies = tuple[tuple[str, int], ...]  # canonical name, offset of its first mention


@dataclass(frozen=True)
class _Found:
    """One name item of a sentence, with the posts it was given there."""

    item: NameItem
    posts: tuple[PostSpan, ...]


@component("persons")
def extract_persons(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Fill ``persons`` of the extraction."""
    parsed = parse_document(doc)
    toks = parsed.toks
    abbreviations = extraction.abbreviations or find_abbreviations(doc, toks)
    defined = defined_map(abbreviations)
    found: list[_Found] = []
    anaphors: list[PostItem] = []
    for items in parsed.sentences:
        owned = assign_posts(items)
        chains = {
            k: complete_chain(owned.get(k, []), toks, defined)
            for k, item in enumerate(items)
            if isinstance(item, NameItem) and not item.blocked
        }
        share_pair_body(items, chains)
        split_respective(items, chains)
        found.extend(_Found(cast(NameItem, items[k]), tuple(c)) for k, c in chains.items())
        anaphors.extend(free_posts(items, owned))
    groups = _group(toks, found)
    # groups ("Đoàn kiểm tra") are looked for only where a title may belong to one
    leads = any(not p.body and title_kinds(p.title) for f in found for p in f.posts)
    bodies = _article_bodies(doc, extraction, defined, groups=leads)
    positions = {key: _positions(toks, group, bodies) for key, group in groups.items()}
    former = {key: _positions(toks, group, bodies, former=True) for key, group in groups.items()}
    anchors = _anchors(doc, positions, former)
    refs = _references(toks, found, groups, positions, anaphors, defined)
    persons = tuple(
        _person(toks, key, group, positions[key], refs.get(key, []), anchors.get(key))
        for key, group in groups.items()
    )
    return replace(extraction, persons=extraction.persons + persons)


def _anchors(
    doc: Document,
    positions: dict[str, tuple[Position, ...]],
    former: dict[str, tuple[Position, ...]],
) -> dict[str, str]:
    """The identity anchor of each person the article ties to one body (``kg.identity``).

    The article's province is looked for only when some post names a provincial body
    without it (``Bộ CHQS tỉnh``).
    """
    posts = [p for group in (positions, former) for ps in group.values() for p in ps]
    province = None
    if any(provincial_level(p.organization) for p in posts):
        province = article_province(doc)
    out: dict[str, str] = {}
    for key, current in positions.items():
        body = anchor_body(current, former[key], province)
        if body is not None:
            out[key] = body
    return out


def _words(item: NameItem) -> int:
    return item.end - item.start


def _key(toks: TokenStream, item: NameItem) -> str:
    return fold_name(name_text(toks, item.start, item.end))


def _group(toks: TokenStream, found: list[_Found]) -> dict[str, list[_Found]]:
    """Full names by key, in order of first mention; shortened names are references."""
    full = [f for f in found if _words(f.item) > 1]
    long_keys = {_key(toks, f.item) for f in full if _words(f.item) > _SHORT}
    groups: dict[str, list[_Found]] = {}
    for f in full:
        key = _key(toks, f.item)
        if _words(f.item) <= _SHORT and any(k.endswith(" " + key) for k in long_keys):
            continue  # "Việt Hùng" after "Nguyễn Việt Hùng": a reference, not a person
        groups.setdefault(key, []).append(f)
    return groups


def _evidence(toks: TokenStream, start: int, end: int, rule: str, confidence: float) -> Evidence:
    """Evidence for the tokens ``[start, end)``."""
    return Evidence(
        toks.start[start], toks.end[end - 1], toks.sentence[start], EXTRACTOR, rule, confidence
    )


def _historical(f: _Found) -> bool:
    """A person of history named in passing: no post of the article's day."""
    return f.item.rule == "name.historical" or (f.item.mentioned and f.item.rule != "name.rank")


def _positions(
    toks: TokenStream, group: list[_Found], bodies: _Bodies, *, former: bool = False
) -> tuple[Position, ...]:
    """Current posts given with a name (or former ones), each once.

    A body named by its bare head (``Phó Chính ủy Quân khu``), or left out after a title
    naming its kind (``Lữ đoàn trưởng``), is the body of that kind the person's other
    posts name, else the one body of that kind the article names before the post (a
    reader looks back: ``Quân đoàn 12`` before ``Quân đoàn 1 và Quân đoàn 2``), else
    the one the whole article names (:func:`~kg.extract.kinds.body_of_title`). A title
    given again without its body (``Thứ trưởng A`` after ``Thứ trưởng Bộ X A``) adds
    no post.
    """
    out: dict[str, Position] = {}
    for f in group:
        if _historical(f) and not former:
            continue
        for post in f.posts:
            if post.former != former or not post.title:
                continue
            own = tuple(p.body for p in f.posts if p.body and p is not post)
            at = toks.start[post.title_start]
            earlier = tuple(dict.fromkeys(name for name, start in bodies if start < at))
            body = body_of_title(post.title, post.body, own, earlier)
            if body is None or body == post.body:
                body = body_of_title(post.title, post.body, own, tuple(n for n, _ in bodies))
            key = fold_name(f"{post.title} {body or ''}")
            if key not in out:
                ev = _evidence(toks, post.title_start, post.end, post.rule, 0.85)
                out[key] = Position(post.title, body, ev)
    titled = {fold_name(p.title) for p in out.values() if p.organization}
    # "Phó Chủ tịch UBND tỉnh" after "Phó Chủ tịch UBND tỉnh Cà Mau" is the same post
    fuller = {
        (fold_name(p.title), fold_name(p.organization))
        for p in out.values()
        for q in out.values()
        if p.organization
        and q.organization
        and fold_name(p.title) == fold_name(q.title)
        and fold_name(q.organization).startswith(fold_name(p.organization) + " ")
    }
    return tuple(
        p
        for p in out.values()
        if (p.organization or fold_name(p.title) not in titled)
        and (fold_name(p.title), fold_name(p.organization or "")) not in fuller
    )


def _article_bodies(
    doc: Document, extraction: ArticleExtraction, defined: dict[str, str], *, groups: bool
) -> _Bodies:
    """Canonical names of the bodies the article names, with where each is first named
    (read here if not yet read), and the groups it names (``Đoàn kiểm tra``), which a
    post such as ``Trưởng đoàn`` may belong to."""
    toks = parse_document(doc).toks
    first: dict[str, int] = {}
    if extraction.organizations:
        aliases = _bracketed_aliases(doc.text, extraction)
        for o in extraction.organizations:
            if o.name not in aliases:
                first.setdefault(o.name, min((e.start for e in o.evidence), default=0))
    else:
        for m in find_organizations(doc, defined):
            first.setdefault(m.name, toks.start[m.start])
    for m in find_organizations(doc, defined, groups=True) if groups else ():
        first.setdefault(m.name, toks.start[m.start])
    return tuple(first.items())


def _bracketed_aliases(text: str, extraction: ArticleExtraction) -> set[str]:
    """Bodies named only in brackets right after another body: its second name
    (``Trường Sĩ quan Lục quân 2 (Trường Đại học Nguyễn Huệ)``), not another body."""
    ends = {e.end for o in extraction.organizations for e in o.evidence}
    aliases: set[str] = set()
    for o in extraction.organizations:
        if o.evidence and all(
            text[e.end : e.end + 1] == ")"
            and any(text[end : e.start] in (" (", "(") for end in ends if end < e.start)
            for e in o.evidence
        ):
            aliases.add(o.name)
    return aliases


def _mentioned(f: _Found) -> bool:
    """This mention only mentions the person (history, a late or fallen person)."""
    item = f.item
    current = any(not p.former and p.body for p in f.posts)
    # a historical name given with a rank and a post of today is a namesake who is there
    mentioned = item.mentioned and not (item.rule == "name.rank" and current)
    late = any(p.late for p in f.posts)
    fallen = any(t.lower() in _MENTION_ONLY_TITLES for t in item.prefix.titles)
    return mentioned or late or fallen


def _references(
    toks: TokenStream,
    found: list[_Found],
    groups: dict[str, list[_Found]],
    positions: dict[str, tuple[Position, ...]],
    anaphors: list[PostItem],
    defined: dict[str, str],
) -> dict[str, list[tuple[Evidence, Rank | None]]]:
    """Shortened names and posts standing for their holders, by the holder's key."""
    refs: dict[str, list[tuple[Evidence, Rank | None]]] = {}
    keys = sorted(groups)
    for f in found:
        item = f.item
        key = _key(toks, item)
        if key in groups or _words(item) > _SHORT or (_words(item) == 1 and item.prefix.empty):
            continue
        owners = [k for k in keys if k.endswith(" " + key)]
        if len(owners) == 1:
            ev = _evidence(toks, item.start, item.end, "name.short", _CONFIDENCE["name.short"])
            refs.setdefault(owners[0], []).append((ev, rank_of(item.prefix, toks, EXTRACTOR)))
    for anaphor in anaphors:
        if anaphor.address is None and anaphor.genitive:
            continue  # "Quyết định của Chủ tịch UBND tỉnh": the office, not its holder
        post = complete_chain([anaphor.post], toks, defined)[0]
        holder = None if post.former or not post.title else _holder(positions, keys, post)
        if holder is None:
            continue
        addressed = anaphor.address is not None
        start = anaphor.address.start if anaphor.address is not None else anaphor.post.start
        rule = "anaphora.address" if addressed else "anaphora.post"
        ev = _evidence(toks, start, anaphor.post.end, rule, 0.85 if addressed else 0.6)
        refs.setdefault(holder, []).append((ev, None))
    return refs


def _holder(
    positions: dict[str, tuple[Position, ...]], keys: list[str], post: PostSpan
) -> str | None:
    """The one person of the article holding this post (its body may be shortened)."""
    title = fold_name(post.title)
    body = fold_name(post.body or "")
    whole = fold_name(f"{post.title} {post.body or ''}")
    exact: set[str] = set()
    loose: set[str] = set()
    for key in keys:
        for pos in positions[key]:
            org = fold_name(pos.organization or "")
            if fold_name(f"{pos.title} {pos.organization or ''}") == whole:
                exact.add(key)
            elif fold_name(pos.title) == title and (not body or org.startswith(body + " ")):
                loose.add(key)
    for group in (exact, loose):
        if len(group) == 1:
            return next(iter(group))
        if group:
            return None
    return None


def _person(
    toks: TokenStream,
    key: str,
    group: list[_Found],
    positions: tuple[Position, ...],
    refs: list[tuple[Evidence, Rank | None]],
    anchor: str | None,
) -> Person:
    names = [name_text(toks, f.item.start, f.item.end) for f in group]
    name = next((n for n in names if not n.isupper()), names[0])
    ranks = [rank_of(f.item.prefix, toks, EXTRACTOR) for f in group] + [r for _, r in refs]
    titles = dict.fromkeys(t for f in group for t in f.item.prefix.titles)
    mentions = [
        _evidence(toks, f.item.start, f.item.end, f.item.rule, _CONFIDENCE.get(f.item.rule, 0.8))
        for f in group
    ] + [ev for ev, _ in refs]
    return Person(
        key=key,
        name=name,
        rank=next((r for r in ranks if r is not None), None),
        positions=positions,
        titles=tuple(titles),
        mention_only=all(_mentioned(f) for f in group),
        mentions=tuple(sorted(mentions, key=lambda e: (e.start, e.end, e.rule))),
        anchor=anchor,
    )
