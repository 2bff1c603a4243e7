"""The article as the extractors see it: NFC text cut into sentences, with exact offsets.

Every extractor reads a :class:`Document` and reports character offsets into
``Document.text``; nothing downstream ever re-reads the source file.

Example:
    >>> text = "Ngày 15/7, Hội nghị khai mạc. Thiếu tướng A phát biểu.\\nTin: B"
    >>> doc = Document.from_text("a1", text)
    >>> [doc.sentence_text(s) for s in doc.sentences]
    ['Ngày 15/7, Hội nghị khai mạc.', 'Thiếu tướng A phát biểu.', 'Tin: B']
    >>> doc.sentence_index(32)
    1
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# A sentence ends at . ! ? … followed by white space and an upper-case letter, digit or
# quote; a line break always ends one. Initials ("Đ/c", "TP.") are not followed by a
# capitalised word often enough to matter in this genre, so no abbreviation list is kept.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]?\s+(?=[\"“‘«(]?[A-ZÀ-Ỹ0-9Đ])")
_LINE = re.compile(r"[^\n]+")

# Characters that carry no text but break word matching: zero-width space/joiners, BOM,
# soft hyphen. They are dropped before offsets are fixed.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_text(text: str) -> str:
    """NFC, Unix line ends, no invisible characters, single spaces, no blank ends.

    >>> normalize_text("Ho\\u0323\\u0302i nghi\\u0323\\u00a0\\u00a0 A\\r\\n")
    'Hội nghị A'
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]`` of its document."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """An article's text, normalized, with sentence boundaries.

    Attributes:
        id: Article id: the input file name without its extension.
        text: NFC-normalized body text; every offset in the pipeline points into it.
        sentences: Sentence spans in text order, covering every non-blank line.
        source: Path of the input file, as given.
        title: Page title where the input had one (HTML metadata).
        published: ISO date or date-time of publication from metadata, if any.
    """

    id: str
    text: str
    sentences: tuple[Sentence, ...]
    source: str = ""
    title: str | None = None
    published: str | None = None
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_text(
        cls,
        article_id: str,
        text: str,
        *,
        source: str = "",
        title: str | None = None,
        published: str | None = None,
    ) -> Document:
        """Normalize ``text`` and split it into sentences."""
        text = normalize_text(text)
        sentences = tuple(split_sentences(text))
        return cls(
            id=article_id,
            text=text,
            sentences=sentences,
            source=source,
            title=title,
            published=published,
            _starts=tuple(s.start for s in sentences),
        )

    def sentence_text(self, sentence: Sentence) -> str:
        """The text of one sentence."""
        return self.text[sentence.start : sentence.end]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (the nearest before it)."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)


def split_sentences(text: str) -> list[Sentence]:
    """Cut normalized text into sentences: at line breaks and at sentence-final punctuation.

    >>> t = "Một. Hai ba.\\n\\nBốn"
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Một.', 'Hai ba.', 'Bốn']
    """
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for cut in _SENTENCE_END.finditer(line.group()):
            # a closing quote right after the full stop stays with the sentence it closes
            end = line.start() + cut.start() + _quote_len(cut.group())
            out.append(Sentence(start, end))
            start = line.start() + cut.end()
        if line.end() > start:
            out.append(Sentence(start, line.end()))
    return [s for s in out if text[s.start : s.end].strip()]


def _quote_len(gap: str) -> int:
    """Length of the closing quote at the head of a sentence gap (0 or 1)."""
    return 1 if gap and not gap[0].isspace() else 0
