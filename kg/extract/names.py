"""Personal names: the words that make one, what stands before one, and where none is.

A Vietnamese name is two to four capitalised syllables, usually led by a common surname
(``kg/rules/surnames.json``). Where a rank, a form of address (``đồng chí``, ``Đ/c``) or
a post stands before it, any capitalised words are read as the name (up to five, for
names such as ``Y Thanh Hà Niê Kđăm``); elsewhere the words must start with a surname
and must not be a place (``Hà Nội``), a body or something named after a person
(``đường Nguyễn Huệ``).

Lines that are not the report (bylines ``Tin, ảnh: ANH KHÔI``, photo credits, site
furniture and the related-news list after ``CÁC TIN KHÁC``) are never read for names.

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Đồng chí Trần Văn Bình phát biểu tại Hà Nội.\\nTin: LÊ AN")
    >>> toks = tokenize(doc)
    >>> read_prefix(toks, 0, len(toks)).end, anchored_name(toks, 2, len(toks))
    (2, 3)
    >>> free_name(toks, 8, len(toks)), sorted(excluded_sentences(doc))
    (0, [1])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.document import Document
from kg.extract.lexicon import Lexicon, TokenStream, lexicon, load_rules, tokenize, words
from kg.extract.name_words import is_person_word, name_run
from kg.model import Rank
from kg.rules import Rule

__all__ = [
    "Prefix",
    "anchored_name",
    "common_surnames",
    "ends_with",
    "excluded_sentences",
    "free_name",
    "name_text",
    "prefix_keys",
    "read_prefix",
    "tokenize",
]

_MAX_ANCHORED = 5
_CREDIT = re.compile(
    r"^\(?\s*(?:tin|bài|ảnh|video|clip|nguồn|theo|thực hiện|đồ họa|đồ hoạ|nhóm pv|pv|ctv)"
    r"(?:\s*(?:,|và|-|/)\s*(?:tin|bài|ảnh|video|clip))*\s*:",
    re.IGNORECASE,
)
_CREDIT_INSIDE = re.compile(r"(?:^|[,;(]\s*)(?:ảnh|tin|bài)\s*:", re.IGNORECASE)
# words a byline may hold besides names
_BYLINE_WORDS = frozenset(
    {"tin", "ảnh", "bài", "và", "theo", "thực", "hiện", "nguồn", "video", "clip"}
)
_LONG_LINE = 12  # word tokens: a line this long is report text, not a byline


@dataclass(frozen=True)
class Prefix:
    """What stands before a name: form of address, rank, academic titles.

    Attributes:
        start: First token of the prefix.
        end: Token after it (where the name or post should start).
        rank: The rank given, with its token span, if any.
        honorific: A form of address was read (``đồng chí``, ``ông``).
        plural: The address introduces a list (``các đồng chí``).
        titles: Academic and honorary titles as written (``PGS.TS``).
    """

    start: int
    end: int
    rank: tuple[int, int, str, str] | None = None
    honorific: bool = False
    plural: bool = False
    titles: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing was read."""
        return self.end == self.start


@cache
def _lex() -> dict[str, Lexicon]:
    return {
        "hon": lexicon("honorifics", "HONORIFIC"),
        "acad": lexicon("honorifics", "ACADEMIC"),
        "rank": lexicon("ranks", "RANK"),
        "rankq": lexicon("ranks", "RANK_QUALIFIER"),
        "place": lexicon("places", "PLACE"),
        "hist": lexicon("name_context", "HISTORICAL"),
        "block": lexicon("name_context", "BLOCK_BEFORE"),
        "mention": lexicon("name_context", "MENTION_BEFORE"),
    }


def lexicons() -> dict[str, Lexicon]:
    """The name-related lexicons, built once."""
    return _lex()


@cache
def prefix_keys() -> frozenset[str]:
    """Folded words that may start a prefix (form of address, rank, academic title)."""
    lex = _lex()
    return lex["hon"].first_tokens() | lex["rank"].first_tokens() | lex["acad"].first_tokens()


def read_prefix(toks: TokenStream, i: int, stop: int) -> Prefix:
    """Read forms of address, a rank and academic titles starting at token ``i``."""
    if i >= stop or toks.key[i] not in prefix_keys():
        return Prefix(i, i)
    lex = _lex()
    j = i
    rank: tuple[int, int, str, str] | None = None
    honorific = plural = False
    titles: list[str] = []
    while j < stop:
        best: tuple[int, str, Rule] | None = None
        for kind in ("hon", "rank", "acad"):
            if (kind == "hon" and honorific) or (kind == "rank" and rank is not None):
                continue
            hit = lex[kind].match(toks, j, stop)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = (hit[0], kind, hit[1])
        if best is None:
            # "Thiếu tướng, PGS.TS Nguyễn Văn A", "Đại tá, tiến sĩ A", "các đồng chí: A, B"
            gap = j > i and toks.text[j] in (",", ".", ":") and j + 1 < stop
            if gap and (
                (toks.text[j] == ":" and toks.cap[j + 1]) or _next_is_title(toks, j + 1, stop)
            ):
                j += 1
                continue
            break
        size, kind, rule = best
        if kind == "hon" and _surname_after_rank(toks, j, size, rank, stop):
            break  # "Thiếu tướng Ông Văn Lực": "Ông" is the surname
        if kind == "hon" and j > 0 and toks.key[j - 1] in rule.get("not_after", ()):
            break  # "trẻ em", "ghi chú": a word of its own, not a form of address
        surface = " ".join(toks.text[j : j + size])
        if kind == "hon":
            honorific = True
            plural = bool(rule.get("plural"))
        elif kind == "rank":
            rank = (j, j + size, str(rule.get("value", surface)), rule.id)
            q = lex["rankq"].match(toks, j + size, stop)
            if q is not None:
                size += q[0]
        else:
            titles.append(surface)
        j += size
    return Prefix(i, j, rank, honorific, plural, tuple(titles))


def _surname_after_rank(
    toks: TokenStream, j: int, size: int, rank: tuple[int, int, str, str] | None, stop: int
) -> bool:
    """A capitalised one-word address after a rank that is a surname leading a name."""
    return (
        rank is not None
        and size == 1
        and toks.cap[j]
        and toks.key[j] in words("surnames", "SURNAME")
        and j + 1 < stop
        and toks.cap[j + 1]
    )


def _next_is_title(toks: TokenStream, j: int, stop: int) -> bool:
    return _lex()["acad"].match(toks, j, stop) is not None


def anchored_name(toks: TokenStream, j: int, stop: int) -> int:
    """Words of the name at ``j`` after a rank, address or post (0 if none)."""
    if j >= stop or not is_person_word(toks, j, stop):
        return 0
    n = name_run(toks, j, stop, _MAX_ANCHORED)
    if n > _MAX_ANCHORED:
        return 0
    hist = _lex()["hist"].match(toks, j, stop)
    if hist is not None and hist[0] <= n:
        return hist[0]
    if n == _MAX_ANCHORED and toks.key[j] in words("surnames", "SURNAME"):
        return 4  # a four-word name and a capitalised word that follows it
    return n


def free_name(toks: TokenStream, j: int, stop: int) -> int:
    """Words of a surname-led name at ``j`` with nothing before it (0 if none)."""
    if j >= stop or not toks.cap[j] or toks.upper[j]:
        return 0
    lex = _lex()
    hist = lex["hist"].match(toks, j, stop)
    if hist is not None:
        end = j + hist[0]
        return hist[0] if end >= stop or not toks.cap[end] else 0
    if toks.key[j] not in words("surnames", "SURNAME") or lex["place"].match(toks, j, stop):
        return 0
    n = name_run(toks, j, stop)
    if n == 2 and toks.key[j] not in common_surnames():
        return 0
    if not 2 <= n <= 4:
        return 0
    end = j + n
    if end < stop and (toks.cap[end] or toks.text[end][0].isdigit()):
        return 0
    if any(toks.upper[k] for k in range(j, end)):
        return 0
    return n


@cache
def common_surnames() -> frozenset[str]:
    """Folded surnames common enough to lead a two-word name (``Nguyễn``, ``Trần``)."""
    from kg.extract.lexicon import fold_key

    return frozenset(
        fold_key(r.pattern)
        for r in load_rules("surnames")
        if r.label == "SURNAME" and r.get("common")
    )


def place_at(toks: TokenStream, j: int, stop: int) -> int:
    """Words of a place name at ``j`` (0 if none)."""
    hit = _lex()["place"].match(toks, j, stop)
    return hit[0] if hit is not None else 0


def ends_with(lex: Lexicon, toks: TokenStream, end: int, start: int, longest: int = 3) -> bool:
    """True when a phrase of ``lex`` ends right before token ``end`` (not before ``start``)."""
    for size in range(1, longest + 1):
        j = end - size
        if j < start:
            break
        hit = lex.match(toks, j, end)
        if hit is not None and hit[0] == size:
            return True
    return False


def name_text(toks: TokenStream, start: int, end: int) -> str:
    """The name as a reader writes it: words joined by spaces, capitals title-cased."""
    parts = list(toks.text[start:end])
    if all(toks.upper[k] or len(toks.text[k]) == 1 for k in range(start, end)):
        parts = [p.capitalize() for p in parts]
    return " ".join(parts)


def rank_of(prefix: Prefix, toks: TokenStream, extractor: str) -> Rank | None:
    """The rank record of a prefix, if it gives one."""
    from kg.model import Evidence

    if prefix.rank is None:
        return None
    s, e, value, rule = prefix.rank
    ev = Evidence(toks.start[s], toks.end[e - 1], toks.sentence[s], extractor, rule, 0.95)
    return Rank(value, ev)


@lru_cache(maxsize=4)  # read by the persons' parse and the province finder alike
def excluded_sentences(doc: Document) -> frozenset[int]:
    """Sentences that are not the report: bylines, photo credits, furniture, other news."""
    out: set[int] = set()
    tail, furniture = _furniture()
    text = doc.text
    lines = [(n, text[s.start : s.end].strip()) for n, s in enumerate(doc.sentences)]
    longest_seen = -1
    for n, line in lines:
        if tail is not None and tail.match(line):
            out.update(k for k, _ in lines if k >= n)
            break
        if (
            (furniture is not None and furniture.match(line))
            or _CREDIT.match(line)
            # "Hải Linh, Ảnh: Thăng Bảy"; not a caption that ends in "(Ảnh: ...)"
            or (_CREDIT_INSIDE.search(line) and _byline_shape(line))
        ):
            out.add(n)
        if len(line.split()) >= _LONG_LINE:
            longest_seen = n
    for n, line in lines[longest_seen + 1 :]:
        if _byline_shape(line):
            out.add(n)
    return frozenset(out)


def _byline_shape(line: str) -> bool:
    """A short line of names only (the last lines of a report)."""
    found = re.findall(r"[^\W\d_]+", line)
    if not found or len(found) > 8:
        return False
    return all(w[0].isupper() or w.lower() in _BYLINE_WORDS for w in found)


@cache
def _furniture() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The ``TAIL`` and ``LINE`` patterns of the furniture rules, each as one regex."""
    try:
        rules = load_rules("furniture")
    except (FileNotFoundError, ValueError):
        return None, None

    def compiled(label: str) -> re.Pattern[str] | None:
        parts = [
            f"(?i:{r.pattern})" if r.ignore_case else f"(?:{r.pattern})"
            for r in rules
            if r.label == label and r.regex
        ]
        return re.compile("|".join(parts)) if parts else None

    return compiled("TAIL"), compiled("LINE")
