"""The ``organizations`` component: named bodies under full names, and abbreviations.

Every body name in the text (read with the persons' items,
:func:`kg.extract.person_parse.parse_document`) becomes an
:class:`~kg.model.Organization` under its canonical name, with the short spellings seen
(``Tổng cục CNQP``) as ``abbreviations``. A body named inside another (``Tỉnh ủy`` in
``Ban Dân vận Tỉnh ủy``) is reported too. Abbreviations that the article defines in
brackets (``Tổng cục Công nghiệp quốc phòng (CNQP)``, ``công tác Đảng, công tác chính trị
(CTĐ, CTCT)``) and common official ones that it uses (``UBND``) fill
``ArticleExtraction.abbreviations``.

:func:`canonical_org` is the one way for other components to turn a body name they read
(an organizer, an issuer) into the canonical name used here.

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Tổng cục Công nghiệp quốc phòng (CNQP) tổ chức hội nghị. "
    ...                               "Lãnh đạo Tổng cục CNQP dự.")
    >>> ex = extract_organizations(doc, ArticleExtraction("a"))
    >>> [(o.name, o.abbreviations) for o in ex.organizations]
    [('Tổng cục Công nghiệp quốc phòng', ('Tổng cục CNQP',))]
    >>> canonical_org("Tổng cục CNQP", ex)
    'Tổng cục Công nghiệp quốc phòng'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from kg.document import Document
from kg.extract.abbreviations import DEFINED_RULE, defined_map, find_abbreviations
from kg.extract.bodies import BodySpan
from kg.extract.canonical import canonical_name, expand_phrase, tidy
from kg.extract.items import BodyItem, Item, PostItem, Sep
from kg.extract.kinds import complete_body, ends_in_kind
from kg.extract.lexicon import (
    TokenStream,
    fold_key,
    fold_name,
    lexicon,
    load_rules,
    tokenize,
    tokenize_text,
)
from kg.extract.person_parse import parse_document
from kg.extract.units import qualify_level
from kg.model import Abbreviation, ArticleExtraction, Evidence, Organization
from kg.pipeline import component

__all__ = ["BodyMention", "canonical_org", "extract_organizations", "find_organizations"]

EXTRACTOR = "organizations"


@dataclass(frozen=True)
class BodyMention:
    """One body name read in the text: canonical name, surface and token span."""

    name: str
    surface: str
    start: int
    end: int
    rule: str
    confidence: float


def find_organizations(
    doc: Document, defined: dict[str, str], *, groups: bool = False
) -> Iterator[BodyMention]:
    """Every complete body name of the document (and the bodies named inside it).

    Bodies are read with the persons' items (:func:`parse_document`), so a body and a
    personal name never claim the same words and a document is read once. A group formed
    for one task (``Đoàn kiểm tra``, ``Đoàn công tác``; ``"ad_hoc"`` heads) is no
    organization: it is read only when ``groups`` is True, and then only such groups.
    """
    parsed = parse_document(doc)
    toks = parsed.toks
    for items in parsed.sentences:
        for k, item in enumerate(items):
            if isinstance(item, BodyItem) and _ad_hoc(toks, item.span):
                if groups:
                    yield from _mentions(doc, toks, item.span, defined, False)
                continue
            if groups:
                continue
            if isinstance(item, BodyItem):
                shared = _shared_level(toks, items, k, defined)
                found: Iterable[BodyMention] = (
                    (shared,) if shared else _mentions(doc, toks, item.span, defined, False)
                )
            elif isinstance(item, PostItem) and item.post.body_span is not None:
                span = item.post.body_span
                if span.end <= span.start:
                    continue
                implied = item.post.implies if span.start not in span.heads else None
                found = _mentions(doc, toks, span, defined, True, implied)
            else:
                continue
            for m in found:
                # "Ban CHQS xã" where the article names one commune: that commune's; the
                # body is named as written too ("Công an tỉnh")
                name = qualify_level(m.name, parsed.units)
                if name != m.name:
                    yield replace(m, name=name)
                    m = replace(m, rule="body.level", confidence=m.confidence - 0.2)
                yield m
            if isinstance(item, BodyItem):
                yield from _listed_numbers(doc, toks, item.span, defined)


def _listed_numbers(
    doc: Document, toks: TokenStream, span: BodySpan, defined: dict[str, str]
) -> Iterator[BodyMention]:
    """Units of one kind listed by number after the first: ``Sư đoàn 361, 363 và 375``.

    The body must be a head and one number; each number listed after it (by ``,`` or
    ``và``) names a unit of that kind, up to a number that counts units of another kind
    (``Sư đoàn 5, 3 tiểu đoàn``).
    """
    last = span.end - 1
    heads = lexicon("bodies", "HEAD")
    hit = heads.match(toks, span.start, last)
    if hit is None or span.start + hit[0] != last or not toks.text[last].isdigit():
        return
    head = canonical_name(toks, span.start, last, defined)
    j, n = span.end, len(toks)
    while j + 1 < n and toks.text[j] in (",", "và") and toks.text[j + 1].isdigit():
        after = j + 2
        if after < n and toks.text[after][:1].islower() and heads.match(toks, after, n):
            return  # "Sư đoàn 5, 3 tiểu đoàn": a count
        name = f"{head} {toks.text[j + 1]}"
        yield BodyMention(name, name, j + 1, j + 2, "body.listed", 0.7)
        j += 2


def _ad_hoc(toks: TokenStream, span: BodySpan) -> bool:
    """The body is a group formed for one task (``Đoàn kiểm tra số 2``)."""
    if toks.key[span.start] not in _ad_hoc_firsts():
        return False
    hit = lexicon("bodies", "HEAD", "BODY").match(toks, span.start, span.end)
    return hit is not None and bool(hit[1].get("ad_hoc"))


@cache
def _ad_hoc_firsts() -> frozenset[str]:
    """First words of the heads of groups formed for one task."""
    return frozenset(
        fold_key(r.pattern).split()[0] for r in load_rules("bodies") if r.get("ad_hoc")
    )


def _shared_level(
    toks: TokenStream, items: Sequence[Item], k: int, defined: dict[str, str]
) -> BodyMention | None:
    """An organ named bare in a list of bodies that ends in one named with its level.

    ``Thường trực HĐND, UBND, Ủy ban MTTQ huyện``: the people's council and committee
    are the district's too. Only the organs of a unit (``"of_unit"`` heads) share it.
    """
    item = items[k]
    assert isinstance(item, BodyItem)
    after = items[k + 1] if k + 1 < len(items) else None
    if not (isinstance(after, Sep) and after.text in (",", "và")):
        return None
    span = item.span
    head = span.heads[-1] if span.heads else span.start
    bare = canonical_name(toks, head, span.end, defined)
    if not _is_organ(bare):
        return None
    j = k + 1
    while j + 1 < len(items):
        sep, nxt = items[j], items[j + 1]
        if not (isinstance(sep, Sep) and sep.text in (",", "và") and isinstance(nxt, BodyItem)):
            return None
        level = _level_tail(canonical_name(toks, nxt.span.start, nxt.span.end, defined))
        if level is not None:
            surface = " ".join(toks.text[head : span.end])
            return BodyMention(f"{bare} {level}", surface, head, span.end, "body.list", 0.7)
        j += 2
    return None


@lru_cache(maxsize=1024)
def _is_organ(name: str) -> bool:
    """The name is only the organ of a unit (``Ủy ban nhân dân``, ``HĐND``)."""
    rule = lexicon("bodies", "HEAD").lookup(name)
    return rule is not None and bool(rule.get("of_unit"))


@lru_cache(maxsize=1024)
def _level_tail(name: str) -> str | None:
    """The level a body name ends in, with its unit's name if given (``huyện X``)."""
    words = name.split()
    admin = lexicon("bodies", "ADMIN")
    for i in range(len(words) - 1, 0, -1):
        for n in (2, 1):
            if admin.lookup(" ".join(words[i : i + n])) is not None and all(
                w[0].isupper() or w.isdigit() for w in words[i + n :]
            ):
                return " ".join(words[i:])
    return None


def _mentions(
    doc: Document,
    toks: TokenStream,
    span: BodySpan,
    defined: dict[str, str],
    in_post: bool,
    implied: str | None = None,
) -> Iterator[BodyMention]:
    if implied is not None and span.complete:
        # "Trưởng ban Dân vận Tỉnh ủy": the body is "Ban Dân vận Tỉnh ủy"
        surface = doc.text[toks.start[span.start] : toks.end[span.end - 1]]
        name = f"{implied} {canonical_name(toks, span.start, span.end, defined)}"
        yield BodyMention(
            name, tidy(f"{implied} {surface}"), span.start, span.end, "body.implied", 0.8
        )
    if not span.complete or span.dependent or not span.heads:
        return
    starts = [span.heads[0], *(h for h in span.heads if h > span.heads[0])]
    for n, start in enumerate(starts):
        if n and not (_named_between(toks, starts[n - 1], start) and _nested(toks, start, span)):
            continue
        surface = doc.text[toks.start[start] : toks.end[span.end - 1]]
        name = canonical_name(toks, start, span.end, defined)
        rule = "body.post" if in_post else "body.head"
        yield BodyMention(
            name,
            tidy(surface),
            start,
            span.end,
            rule if not n else "body.nested",
            0.9 if not n else 0.8,
        )


def _named_between(toks: TokenStream, outer: int, inner: int) -> bool:
    """The outer head is followed by a name of its own, or belongs to the inner body.

    ``Ban Dân vận Tỉnh ủy`` and ``Đoàn Chủ tịch Tổng Liên đoàn ...`` hold a second body;
    ``Hội Liên hiệp Phụ nữ`` does not.
    """
    hit = lexicon("bodies", "HEAD", "BODY").match(toks, outer, inner + 1)
    if hit is None:
        return True
    return outer + hit[0] < inner or bool(hit[1].get("dependent"))


def _nested(toks: TokenStream, start: int, span: BodySpan) -> bool:
    """A head inside a body starts a body of its own if it is named by more than the head."""
    hit = lexicon("bodies", "HEAD", "BODY").match(toks, start, span.end)
    if hit is None:
        return toks.upper[start] and start + 1 < span.end
    size, rule = hit
    if rule.get("dependent"):
        return False
    return start + size < span.end or rule.label == "BODY" or bool(rule.get("standalone"))


@component("organizations")
def extract_organizations(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Fill ``organizations`` and ``abbreviations`` of the extraction."""
    toks = tokenize(doc)
    abbreviations = find_abbreviations(doc, toks)
    defined = defined_map(abbreviations)
    found: dict[str, tuple[str, list[str], list[Evidence]]] = {}
    folded: dict[str, str] = {}  # names repeat: fold each spelling once
    mentions = list(find_organizations(doc, defined))
    names = tuple(dict.fromkeys(m.name for m in mentions))
    for m in _completed(mentions, names):
        s, e = toks.start[m.start], toks.end[m.end - 1]
        ev = Evidence(s, e, toks.sentence[m.start], EXTRACTOR, m.rule, m.confidence)
        key = folded.setdefault(m.name, fold_name(m.name))
        _name, shorts, evidence = found.setdefault(key, (m.name, [], []))
        if folded.setdefault(m.surface, fold_name(m.surface)) != key and m.surface not in shorts:
            shorts.append(m.surface)
        evidence.append(ev)
    organizations = tuple(
        Organization(name, tuple(sorted(shorts)), tuple(evidence))
        for name, shorts, evidence in found.values()
    )
    return replace(
        extraction,
        organizations=extraction.organizations + organizations,
        abbreviations=extraction.abbreviations + abbreviations,
    )


def _completed(mentions: list[BodyMention], names: tuple[str, ...]) -> Iterator[BodyMention]:
    """The mentions, each body ending in a kind alone also under its completed name.

    ``Cục Chính trị Quân khu``, ``Đảng ủy Nhà trường``: the one body of that kind the
    article names completes the name (:func:`kg.extract.kinds.complete_body`); the body
    as the text names it stays a body of the article too, as a level alone does.
    """
    for m in mentions:
        done = complete_body(m.name, (), names) if ends_in_kind(m.name) else None
        if done and done != m.name:
            yield replace(m, name=done)
            m = replace(m, rule="body.written", confidence=m.confidence - 0.2)
        yield m


def canonical_org(name: str, extraction: ArticleExtraction) -> str:
    """The canonical full name of a body name read anywhere in the article.

    Abbreviations are expanded (those the article defines first, then common official
    ones); a bare head (``Tổng cục``, ``Quân khu``) that names exactly one body of the
    article becomes that body's name, and a spelling the article read under a fuller
    name (``UBND huyện`` of ``Ủy ban nhân dân huyện Thạch Hà``) that name.

    >>> ex = ArticleExtraction("a", organizations=(Organization("Quân khu 7"),))
    >>> canonical_org("Bộ CHQS tỉnh", ex)
    'Bộ Chỉ huy Quân sự tỉnh'
    >>> canonical_org("Quân khu", ex)
    'Quân khu 7'
    """
    expanded = expand_phrase(name, defined_map(extraction.abbreviations))
    _surfaces, keys = tokenize_text(expanded)
    head = lexicon("bodies", "HEAD").lookup(expanded)
    if head is not None and not head.get("standalone") and keys:
        prefix = fold_key(expanded) + " "
        matches = sorted(
            {o.name for o in extraction.organizations if fold_name(o.name).startswith(prefix)}
        )
        if len(matches) == 1:
            return matches[0]
    key = fold_name(expanded)
    defined = defined_map(extraction.abbreviations)
    for org in extraction.organizations:
        # "UBND huyện", read under its unit's name: "Ủy ban nhân dân huyện Thạch Hà" (the
        # name as written is a body of the article too, but the qualified one is fuller)
        if any(fold_name(expand_phrase(short, defined)) == key for short in org.abbreviations):
            return org.name
    for org in extraction.organizations:
        if fold_name(org.name) == key:
            return org.name
    return expanded


__all__ += ["DEFINED_RULE", "Abbreviation"]
