"""Word tokens with exact offsets, and phrase lexicons looked up token by token.

The person and body extractors read a sentence as a run of tokens and ask, at each
token, "does a rank / post title / body head / abbreviation start here?". A
:class:`Lexicon` answers with the longest phrase of a rule file that starts at a token
(the overlap policy of :mod:`kg.rules`: longest first, then the rule listed first).
Phrases are compared on folded keys (tones unified, lower case), so ``Uỷ viên`` and
``Ủy viên`` are one entry; abbreviations are compared case-sensitively.

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Thiếu tướng Nguyễn Văn A, Phó Chính uỷ.")
    >>> toks = tokenize(doc)
    >>> toks.text[:4]
    ('Thiếu', 'tướng', 'Nguyễn', 'Văn')
    >>> lex = Lexicon.from_rules(load_rules("ranks"), "RANK")
    >>> size, rule = lex.match(toks, 0, len(toks))
    >>> size, rule.get("value")
    (2, 'Thiếu tướng')
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, repeat
from operator import and_, gt, itemgetter, sub

from kg.document import Document
from kg.rules import Rule, load_rules
from kg.text import fold, unify_tones

__all__ = [
    "Lexicon",
    "TokenStream",
    "fold_key",
    "fold_name",
    "lexicon",
    "load_rules",
    "tokenize",
    "unify_nfc",
]

# A word is a run of letters/digits, possibly joined by . / & - ' inside (PGS.TS, Đ/c,
# HC-KT, 752/CT-CT); anything else that is not a space is a one-character token.
_TOKEN = re.compile(r"[^\W_]+(?:[./&'’-][^\W_]+)*|[^\w\s]|_")


def _token_spans(text: str) -> list[tuple[int, int]]:
    """Token spans; a slash between a name and its parent body is a token of its own
    (``Nhà máy Z147/Tổng cục CNQP``, ``Cục Cứu hộ - Cứu nạn/BTTM``), while a document
    code, a date or ``Đ/c`` stays one token.

    >>> [text[a:b] for text in ["Z147/Tổng 752/CT-CT nạn/BTTM Đ/c"] for a, b in _token_spans(text)]
    ['Z147', '/', 'Tổng', '752/CT-CT', 'nạn', '/', 'BTTM', 'Đ/c']
    """
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        slash = text.find("/", start, end)
        while slash >= 0:
            left, right = text[start:slash], text[slash + 1 : end]
            part = re.split(r"[/.&'’-]", left)[-1]
            parent = right[:1].isupper() and (right[1:2].islower() or any(map(str.islower, part)))
            if parent and left and right:
                spans += [(start, slash), (slash, slash + 1)]
                start = slash + 1
            slash = text.find("/", slash + 1, end)
        spans.append((start, end))
    return spans


_TONED = {
    unicodedata.normalize("NFC", base + tone): (base, tone)
    for base in "aeyAEY"
    for tone in "\u0300\u0301\u0303\u0309\u0323"
}
_TONE_ON_SECOND = re.compile(
    r"(?<![qQ])([oOuU])(["
    + "".join(_TONED)
    + r"])(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f])"
)


def unify_nfc(text: str) -> str:
    """:func:`kg.text.unify_tones` for text already in NFC, without decomposing it.

    A whole article goes through this once; moving the tone straight on the composed
    letters is four times faster than the NFD round trip and gives the same result.
    Text not in NFC goes the long way.

    >>> unify_nfc("Thuỷ quân hoà bình, quý") == unify_tones("Thuỷ quân hoà bình, quý")
    True
    """
    if not unicodedata.is_normalized("NFC", text):
        return unify_tones(text)
    return _TONE_ON_SECOND.sub(_move_tone, text)


def _move_tone(m: re.Match[str]) -> str:
    base, tone = _TONED[m.group(2)]
    return unicodedata.normalize("NFC", m.group(1) + tone) + base


@lru_cache(maxsize=16384)
def fold_name(text: str) -> str:
    """:func:`kg.text.fold`, remembered: names and posts repeat across an article.

    >>> fold_name("Tỉnh uỷ")
    'tỉnh ủy'
    """
    return fold(text)


def fold_key(text: str) -> str:
    """Comparison key of a token or phrase: tones unified, lower case, single spaces.

    >>> fold_key("Tỉnh  Uỷ")
    'tỉnh ủy'
    """
    return " ".join(unify_tones(text).lower().split())


@dataclass(frozen=True)
class TokenStream:
    """The tokens of a document as parallel tuples (one pass, cheap to index).

    Attributes:
        text: Token surfaces.
        key: Folded token keys (see :func:`fold_key`).
        start: Offset of each token in ``Document.text``.
        end: Offset after each token.
        sentence: Sentence index of each token.
        cap: The token starts with an upper-case letter.
        upper: The token is an all-capitals word of two letters or more.
    """

    text: tuple[str, ...]
    key: tuple[str, ...]
    start: tuple[int, ...]
    end: tuple[int, ...]
    sentence: tuple[int, ...]
    cap: tuple[bool, ...]
    upper: tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.text)

    def is_cap(self, i: int) -> bool:
        """True when token ``i`` is a word starting with an upper-case letter."""
        return self.cap[i]

    def is_upper(self, i: int) -> bool:
        """True for an all-capitals word of two letters or more (``UBND``, ``ANH``)."""
        return self.upper[i]

    def sentence_range(self, sentence: int) -> tuple[int, int]:
        """Token index range ``[a, b)`` of one sentence (empty when it has no tokens)."""
        a = bisect.bisect_left(self.sentence, sentence)
        b = bisect.bisect_right(self.sentence, sentence, lo=a)
        return a, b


# Both the organizations and the persons component read the same document; the last
# few token streams are kept so a document is cut only once.
@lru_cache(maxsize=4)
def tokenize(doc: Document) -> TokenStream:
    """Cut a document into word and punctuation tokens, with sentence indexes."""
    return tokenize_uncached(doc)


def tokenize_uncached(doc: Document) -> TokenStream:
    """:func:`tokenize` without the cache, for short phrases that are no article."""
    text = doc.text
    folded = unify_nfc(text).lower()
    # map() over C functions keeps this loop out of the interpreter: it runs per token
    spans = _token_spans(text)
    starts: tuple[int, ...] = tuple(map(itemgetter(0), spans))
    ends: tuple[int, ...] = tuple(map(itemgetter(1), spans))
    texts = tuple(map(text.__getitem__, map(slice, starts, ends)))
    # Tone unification and lower-casing keep NFC length for Vietnamese; if some rare
    # character changes length, keys are folded token by token instead.
    if len(folded) == len(text):
        keys = tuple(map(folded.__getitem__, map(slice, starts, ends)))
    else:
        keys = tuple(fold_key(t) for t in texts)
    # every token lies in a sentence (sentences cover all non-blank text): sentence k
    # holds the tokens from the first one at or after its start to the next sentence's
    cuts = [0, *(bisect.bisect_left(starts, s.start) for s in doc.sentences[1:]), len(starts)]
    sizes = map(sub, cuts[1:], cuts[:-1])
    sents = tuple(chain.from_iterable(map(repeat, range(len(cuts) - 1), sizes)))
    cap = tuple(map(str.isupper, map(itemgetter(0), texts)))
    longer = map(gt, map(len, texts), repeat(1))
    upper = tuple(map(and_, map(str.isupper, texts), longer))
    return TokenStream(texts, keys, starts, ends, sents, cap, upper)


def tokenize_text(text: str) -> tuple[list[str], list[str]]:
    """Token surfaces and folded keys of a short string (a name, a phrase).

    >>> tokenize_text("Bộ CHQS tỉnh")
    (['Bộ', 'CHQS', 'tỉnh'], ['bộ', 'chqs', 'tỉnh'])
    """
    phrase = unify_tones(text)
    words = [phrase[a:b] for a, b in _token_spans(phrase)]
    return words, [w.lower() for w in words]


class Lexicon:
    """Phrases of some rules, indexed by their first token for longest-match lookup."""

    def __init__(
        self, entries: Iterable[tuple[tuple[str, ...], Rule]], case_sensitive: bool
    ) -> None:
        self.case_sensitive = case_sensitive
        self._table: dict[tuple[str, ...], Rule] = {}
        sizes: dict[str, set[int]] = {}
        for words, rule in entries:
            # the first rule listed keeps a phrase (the module's tie-break)
            self._table.setdefault(words, rule)
            sizes.setdefault(words[0], set()).add(len(words))
        # the phrase lengths that start with each token, longest first: a match tries
        # only those (most tokens start no phrase, or phrases of one or two lengths)
        self._sizes = {w: tuple(sorted(n, reverse=True)) for w, n in sizes.items()}

    @classmethod
    def from_rules(
        cls, rules: Iterable[Rule], *labels: str, case_sensitive: bool = False
    ) -> Lexicon:
        """A lexicon of the literal rules with one of ``labels`` (all rules if none)."""
        entries = []
        for rule in rules:
            if rule.regex or (labels and rule.label not in labels):
                continue
            surfaces, keys = tokenize_text(rule.pattern)
            entries.append((tuple(surfaces if case_sensitive else keys), rule))
        return cls(entries, case_sensitive)

    def __contains__(self, phrase: str) -> bool:
        surfaces, keys = tokenize_text(phrase)
        return tuple(surfaces if self.case_sensitive else keys) in self._table

    def starts(self, token: str) -> bool:
        """True when some phrase starts with this token (folded unless case-sensitive)."""
        return token in self._sizes

    def first_tokens(self) -> frozenset[str]:
        """Every token a phrase starts with."""
        return frozenset(self._sizes)

    def match(self, toks: TokenStream, i: int, stop: int) -> tuple[int, Rule] | None:
        """Longest phrase starting at token ``i`` and ending by ``stop``: (size, rule).

        None when ``i`` is at or past ``stop`` (nothing is left to match).
        """
        if i >= stop:
            return None
        seq = toks.text if self.case_sensitive else toks.key
        sizes = self._sizes.get(seq[i])
        if sizes is None:
            return None
        room = stop - i
        for size in sizes:
            if size <= room:
                rule = self._table.get(seq[i : i + size])
                if rule is not None:
                    return size, rule
        return None

    def lookup(self, phrase: str) -> Rule | None:
        """The rule whose pattern is exactly ``phrase`` (compared like tokens)."""
        surfaces, keys = tokenize_text(phrase)
        return self._table.get(tuple(surfaces if self.case_sensitive else keys))


@cache
def lexicon(name: str, *labels: str, case_sensitive: bool = False) -> Lexicon:
    """The lexicon of a bundled rule file (``kg/rules/<name>.json``), built once."""
    return Lexicon.from_rules(load_rules(name), *labels, case_sensitive=case_sensitive)


@cache
def words(name: str, *labels: str) -> frozenset[str]:
    """Folded patterns of a rule file's rules with one of ``labels``, as a set."""
    return frozenset(
        fold_key(r.pattern) for r in load_rules(name) if not labels or r.label in labels
    )
