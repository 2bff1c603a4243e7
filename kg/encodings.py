"""Legacy Vietnamese encodings: decode Windows-1258 where certain, name TCVN3 and VNI.

Before Unicode, Vietnamese text was written in Windows-1258 (a code page with combining
tone marks) or in font encodings: TCVN3 (ABC, the ``.Vn`` fonts), where one byte stands
for a whole accented letter, and VNI, where an ASCII vowel is followed by a byte for its
marks. Scrapers still save such pages. Windows-1258 decodes losslessly with Python's
codec, so kg decodes it when the result reads as Vietnamese; TCVN3 and VNI have no
codec in the standard library, so kg recognizes them and says so instead of building an
article of mojibake.

Example:
    >>> sniff(b"H\\xe9i ngh\\xde t\\xe6ng k\\xd5t c\\xf4ng t\\xb8c n\\xa8m")
    'TCVN3'
    >>> sniff(b"Hoa\\xf9i nghi\\xf2 to\\xe5ng ke\\xe1t co\\xe2ng ta\\xf9c")
    'VNI'
"""

from __future__ import annotations

import re
import unicodedata

# Frequent Vietnamese words, each with a letter outside ASCII: a decoding that yields
# several of them is Vietnamese (pure-ASCII words would also survive a wrong decoding).
_COMMON = frozenset(
    {
        *("và", "của", "các", "là", "được", "có", "những", "với", "người", "năm", "này"),
        *("đã", "không", "một", "tại", "về", "đồng", "chí", "hội", "nghị", "công", "tác"),
        *("ngày", "tỉnh", "quân", "đội", "đảng", "thực", "hiện"),
    }
)
_WORD = re.compile(r"\w+")
# VNI writes an accented vowel as the ASCII vowel and a mark byte after it; TCVN3 writes
# it as one byte in the vowel's place, so after a consonant. Counting both tells them apart.
_VNI = re.compile(rb"[aeiouyAEIOUY][\xc0-\xff]")
_TCVN3 = re.compile(rb"[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z\xae][\xa1-\xfe]")
_MIN_EVIDENCE = 3


def vietnamese_score(text: str) -> int:
    """How many distinct frequent Vietnamese words ``text`` holds.

    >>> vietnamese_score("Hội nghị tổng kết công tác năm 2022 của Tỉnh ủy")
    7
    """
    words = {w.casefold() for w in _WORD.findall(unicodedata.normalize("NFC", text[:4000]))}
    return len(words & _COMMON)


def decode_cp1258(data: bytes) -> str | None:
    """Windows-1258 text when the bytes decode to recognisable Vietnamese, else None.

    >>> decode_cp1258(b"H\\xf4\\xf2i nghi\\xf2 t\\xf4\\xd2ng k\\xea\\xect c\\xf4ng t\\xe1c")
    'Hội nghị tổng kết công tác'
    >>> decode_cp1258(b"H\\xe9i ngh\\xde") is None
    True
    """
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    return text if vietnamese_score(text) >= _MIN_EVIDENCE else None


def sniff(data: bytes) -> str | None:
    """Name the legacy font encoding the bytes look like: ``'TCVN3'``, ``'VNI'`` or None."""
    sample = data[:20000]
    vni = len(_VNI.findall(sample))
    tcvn3 = len(_TCVN3.findall(sample))
    if max(vni, tcvn3) < _MIN_EVIDENCE:
        return None
    return "VNI" if vni > tcvn3 else "TCVN3"
