"""String keys: one way to compare Vietnamese names, and one slug function for IRIs.

Vietnamese writes the tone of ``oa``/``oe``/``uy`` syllables in two places (``hoá`` and
``hóa``, ``uỷ`` and ``ủy``); both spellings are in use, often in one article. Every
comparison of names and every IRI goes through :func:`fold` so they are one entity.

Example:
    >>> fold("Tổng cục CNQP") == fold("tổng  cục cnqp")
    True
    >>> fold("Ủy ban") == fold("Uỷ ban")
    True
    >>> slug("Nguyễn Việt Hùng")
    'nguyễn-việt-hùng'
"""

from __future__ import annotations

import re
import unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"
# Tone on the second vowel of oa/oe/uy (not after q) moves to the first: "hoá" -> "hóa".
_TONE_PLACEMENT = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + TONES + r"])(?![A-Za-z\u0300-\u036f])"
)
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_SPACE = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^\w]+")


def unify_tones(text: str) -> str:
    """NFC text with the tone of ``oa``/``oe``/``uy`` on the first vowel, case kept.

    >>> unify_tones("Thuỷ quân hoà bình")
    'Thủy quân hòa bình'
    """
    text = unicodedata.normalize("NFD", text)
    text = _TONE_PLACEMENT.sub(r"\1\3\2", text)
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Comparison key: unified tones, case-folded, dashes and white space unified.

    >>> fold(" Hậu cần – Kỹ thuật ")
    'hậu cần-kỹ thuật'
    """
    text = unify_tones(text).casefold()
    text = _DASHES.sub("-", text)
    return _SPACE.sub(" ", text).strip()


def slug(text: str) -> str:
    """IRI path segment: the folded text, runs of non-word characters as one ``-``.

    Vietnamese letters are kept (IRIs allow them), so two names that differ only in a
    diacritic never share a slug.

    >>> slug("752/CT-CT")
    '752-ct-ct'
    >>> slug("Tổng cục Hậu cần - Kỹ thuật")
    'tổng-cục-hậu-cần-kỹ-thuật'
    """
    return _NOT_SLUG.sub("-", fold(text)).strip("-") or "x"
