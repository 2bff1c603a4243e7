"""Named bodies in running text: where a body's name starts and ends, and its full name.

A body name starts with a head (``Tổng cục``, ``Bộ``, ``Ban``, ``Tỉnh ủy``, ``UBND``;
``kg/rules/bodies.json``) and goes on over what names it: capitalised words, numbers,
abbreviations, levels of government (``tỉnh``, ``huyện``) and nested heads (``Ban Dân
vận Tỉnh ủy``). Vietnamese capitalises only the first syllable of a name's words
(``Công nghiệp quốc phòng``), so the syllable completing a capitalised word is kept
(unless it is a word such as ``đã``, ``dự``, ``tổ chức``), and then only nouns known to
make up body names (``quốc phòng``, ``vận tải``; label ``CONTINUE``). A run of capitalised
words is a proper name (``Hồng Đức``) and takes no completing syllable. Such nouns may be
joined by ``và`` where a rule allows it (``"after_and"``: ``An ninh mạng và phòng, chống
tội phạm ...``), and may follow a head directly when the body's name or level comes after
them (``Đồn Biên phòng cửa khẩu quốc tế Móng Cái``). A head may be numbered ``số N``
(``Đoàn kiểm tra số 2``). A rank, post title or personal name ends the body; so does the
dash after a publisher's tag opening a sentence (``QK4 - Cục Chính trị ...``).

The full (canonical) name is made by :mod:`kg.extract.canonical`.

Example:
    >>> from kg.document import Document
    >>> doc = Document.from_text("a", "Đại diện Bộ CHQS tỉnh Bình Dương dự.")
    >>> toks = tokenize(doc)
    >>> span = scan_body(toks, 2, len(toks))
    >>> canonical_name(toks, span.start, span.end, {})
    'Bộ Chỉ huy Quân sự tỉnh Bình Dương'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.canonical import (
    CODE,
    abbreviation_at,
    after_dot,
    canonical_name,
    expand_phrase,
    tidy,
)
from kg.extract.lexicon import Lexicon, TokenStream, lexicon, tokenize
from kg.extract.name_words import best_cut
from kg.rules import Rule

__all__ = ["BodySpan", "canonical_name", "expand_phrase", "scan_body", "tidy", "tokenize"]

_MAX_LOWER = 6
_DASHES = frozenset("-–—")
_COUNTED = frozenset({"lần", "người", "lượt", "tập", "cá", "đơn"})
_COUNTED_TIME = frozenset({"năm", "tháng", "ngày"})  # "2 năm qua", not "7 năm 2024"
_TIME_WORDS = frozenset({"ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm"})
_ROMAN = re.compile(r"^[IVXLC]+$")


@dataclass(frozen=True)
class BodySpan:
    """A body name found in the tokens ``[start, end)``.

    Attributes:
        start: First token.
        end: Token after the last.
        heads: Token indexes where a head starts (the first is ``start`` unless the body
            was read from its name part, as after ``Trưởng ban``).
        committees: Token indexes of party-committee heads (``Đảng ủy``, ``Tỉnh ủy``).
        complete: The span names one body by itself (it has a name part, or its head is
            a complete name such as ``Bộ Chính trị``).
        dependent: Only heads that belong to another body (``Đảng ủy``, ``Thường vụ``).
        name_at: Token where a personal name starts right after the body, if one does.
    """

    start: int
    end: int
    heads: tuple[int, ...]
    committees: tuple[int, ...]
    complete: bool
    dependent: bool
    name_at: int | None = None


@cache
def _lex() -> dict[str, Lexicon]:
    return {
        "head": lexicon("bodies", "HEAD", "BODY"),
        "not": lexicon("bodies", "NOT_BODY"),
        "admin": lexicon("bodies", "ADMIN"),
        "stop": lexicon("bodies", "STOP"),
        "cont": lexicon("bodies", "CONTINUE"),
        "abbr": lexicon("abbreviations", "ABBR", case_sensitive=True),
        "title": lexicon("titles", "TITLE"),
        "rank": lexicon("ranks", "RANK"),
        "hon": lexicon("honorifics", "HONORIFIC"),
        "place": lexicon("places", "PLACE"),
    }


@cache
def _head_keys() -> frozenset[str]:
    return _lex()["head"].first_tokens()


def _abbr_start(toks: TokenStream, j: int) -> bool:
    """Token ``j`` may start a known abbreviation."""
    return _lex()["abbr"].starts(toks.text[j]) or bool(CODE.match(toks.text[j]))


def scan_body(
    toks: TokenStream, i: int, stop: int, *, need_head: bool = True, post: bool = False
) -> BodySpan | None:
    """Read the body name that starts at token ``i``, or None.

    Args:
        toks: The document's tokens.
        i: Where the name should start.
        stop: Token index the name may not reach (the sentence end).
        need_head: False to accept a name that starts with its name part (after a title
            that implies the head, ``Trưởng ban Dân vận Tỉnh ủy``).
        post: The body follows a post title; a personal name ending the run of
            capitalised words is then the holder's (``Bí thư Tỉnh ủy Nguyễn Văn A``).
    """
    lex = _lex()
    if i >= stop or not toks.cap[i]:
        return None
    if need_head and toks.key[i] not in _head_keys() and not _abbr_start(toks, i):
        return None
    if need_head and lex["not"].match(toks, i, stop):
        return None
    if need_head and toks.upper[i] and abbreviation_at(toks, i, stop) is None:
        return None  # a heading in capitals ("VĂN PHÒNG TỈNH ỦY") is no body mention
    if i > 0 and toks.sentence[i - 1] == toks.sentence[i] and toks.cap[i - 1]:
        # inside a run of capitalised words ("Nguyễn Trường Thắng") a one-word head
        # such as "Trường" is a given name
        first = lex["head"].match(toks, i, stop)
        if (
            first is not None
            and first[0] == 1
            and toks.text[i - 1].isalpha()
            and not toks.upper[i - 1]
        ):
            return None
    heads: list[int] = []
    committees: list[int] = []
    complete = False
    dependent = True
    j = i
    last = ""
    hit = lex["head"].match(toks, i, stop)
    abbr = abbreviation_at(toks, i, stop)
    cont = None if need_head else _continuation(toks, i, stop)
    if cont is not None and (hit is None or cont[0] > hit[0]):
        # the name part after a head the title implies: "Trưởng phòng Phòng chống ma túy"
        hit = abbr = None
    else:
        cont = None
    if abbr is not None and abbr[2] in ("head", "body") and (hit is None or abbr[0] >= hit[0]):
        heads.append(i)
        complete = abbr[2] == "body"
        dependent = False
        j, last = i + abbr[0], "abbr"
    elif hit is not None:
        size, rule = hit
        heads.append(i)
        if rule.get("committee"):
            committees.append(i)
        complete = rule.label == "BODY" or bool(rule.get("standalone"))
        dependent = bool(rule.get("dependent"))
        j, last = i + size, "head"
    elif need_head or lex["place"].match(toks, i, stop):
        return None
    elif cont is not None:
        complete, dependent = True, False
        j, last = i + cont[0], "lower"
    lower = caps = 0
    name_at: int | None = None
    cut, run_end = -1, -1
    while j < stop:
        text = toks.text[j]
        if text in _DASHES and last == "abbr" and heads == [i] and _opens_sentence(toks, i):
            break  # "QK4 - Cục Chính trị ...": the dateline's tag, not a name's first part
        if text in _DASHES and last not in ("head", "") and j + 1 < stop:
            # "Hậu cần - Kỹ thuật", "Quân đoàn 12 - Binh đoàn Trường Sơn"; after a number
            # or abbreviation only another body may follow the dash
            nxt = j + 1
            named = last in ("cap", "lower") or _heads_at(toks, nxt, stop)
            dated = toks.text[nxt].lower() in _TIME_WORDS  # "QĐND Online - Ngày 11-7": a dateline
            if toks.cap[nxt] and named and not dated and not _ends_body(toks, nxt, stop):
                j, last = nxt, "dash"
                continue
            break
        if text[0].isdigit() and _counts(toks, j + 1, stop):
            break  # "Trung đoàn 2 lần được tặng": a count, not the unit's number
        if text[0].isdigit() or (_ROMAN.match(text) and (len(text) > 1 or last == "head")):
            complete, dependent = True, False
            j, last = j + 1, "number"
            continue
        if toks.cap[j]:
            if post:
                if j >= run_end:
                    cut, run_end = best_cut(toks, j, stop)
                # "Chủ tịch UBND xã Lưu Kiếm": two words after a locality word name the
                # place (communes and districts have two-syllable names); a full name
                # there is the holder's ("Chủ tịch UBND huyện Nguyễn Văn An")
                if cut == j and not (last == "admin" and run_end - j == 2):
                    name_at = j
                    break
            place = lex["place"].match(toks, j, stop)
            if place is not None and last != "dash":
                complete, dependent = True, False
                j, last, lower = j + place[0], "place", 0
                continue
            if lex["not"].match(toks, j, stop):
                break
            hit = lex["head"].match(toks, j, stop)
            abbr = abbreviation_at(toks, j, stop)
            if abbr is not None and (hit is None or abbr[0] >= hit[0]):
                if abbr[2] in ("title", "term"):
                    break
                if abbr[2] in ("head", "body"):
                    heads.append(j)
                if abbr[2] != "head":
                    complete = True
                dependent = dependent and abbr[2] == "head"
                j, last = after_dot(toks, j + abbr[0], stop, abbr[2]), "abbr"
                continue
            if hit is not None and _common_word(toks, j, hit[0], stop):
                # "Viện Khoa học ...", "Quân chủng Phòng không": a one-word head that
                # starts a common word is part of the name
                cont = lex["cont"].match(toks, j, stop)
                if cont is not None and cont[0] > 1:
                    complete, dependent = True, False
                    j, last, lower = j + cont[0], "lower", 0
                    continue
                hit = None
            if hit is not None:
                size, rule = hit
                heads.append(j)
                if rule.get("committee"):
                    committees.append(j)
                # a head right after a head names it: "Bộ Công an", "Ban Công đoàn ..."
                named = last == "head" or rule.label == "BODY" or bool(rule.get("standalone"))
                complete = complete or named
                dependent = dependent and bool(rule.get("dependent"))
                j, last = j + size, "head"
                continue
            if _ends_body(toks, j, stop):
                break
            complete, dependent = True, False
            # an all-capitals word is an abbreviation, and capitalised words after
            # "tỉnh", "huyện" a place name: nothing lower-case continues either
            after_admin = last in ("admin", "place")
            cont = None if after_admin else _continuation(toks, j, stop)
            if cont is not None and cont[0] > 1:
                # a noun of body names, capitalised: "An ninh mạng", "Công nghệ thông tin"
                j, last, lower = j + cont[0], "lower", 0
                continue
            caps = caps + 1 if last == "cap" else 1
            last = "abbr" if toks.upper[j] else "place" if after_admin else "cap"
            j, lower = j + 1, 0
            continue
        if (
            text == "("
            and j + 3 < stop
            and toks.upper[j + 1]
            and toks.text[j + 2] == ")"
            and _admin(toks, j + 3, stop)
        ):
            # "Bộ Chỉ huy Quân sự (CHQS) tỉnh": the short form defined inside the name
            j += 3
            continue
        if not text[0].isalpha():
            break
        size = _admin(toks, j, stop)
        if size:
            complete, dependent = True, False
            j, last = j + size, "admin"
            continue
        if text == "và" and last in ("cap", "lower") and j + 1 < stop and toks.cap[j + 1]:
            if not _ends_body(toks, j + 1, stop) and not lex["head"].match(toks, j + 1, stop):
                j, last = j + 1, "dash"
                continue
            break
        if text == "và" and last == "lower" and (joined := _continuation(toks, j + 1, stop)):
            if joined[1].get("after_and"):
                # "An ninh mạng và phòng, chống tội phạm", "Phòng chống ma túy và tội phạm"
                j, last, lower = j + 1 + joined[0], "lower", lower + 1
                continue
            break
        if text == "số" and last == "head" and j + 1 < stop and toks.text[j + 1].isdigit():
            complete, dependent = True, False  # "Đoàn kiểm tra số 2"
            j, last = j + 2, "number"
            continue
        if last == "head" and not dependent:
            upto = _named_after_head(toks, j, stop)
            if upto > j:
                # "Đồn Biên phòng cửa khẩu quốc tế Móng Cái": lower-case nouns of body
                # names, then the name
                complete, dependent = True, False
                j, last, lower = upto, "lower", 0
                continue
        if last not in ("cap", "lower") or lower >= _MAX_LOWER:
            break
        cont = _continuation(toks, j, stop)
        stop_hit = lex["stop"].match(toks, j, stop)
        if stop_hit is not None and (cont is None or cont[0] <= stop_hit[0]):
            break
        if cont is not None:
            # a noun of body names: "Công nghiệp quốc phòng", "Giao thông vận tải"
            j, last, lower = j + cont[0], "lower", lower + 1
        elif last == "cap" and caps == 1:
            # the syllable that completes the capitalised word: "Kỹ thuật", "Y tế"; a run
            # of capitalised words is a proper name ("Hồng Đức") and takes none
            j, last, lower = j + 1, "lower", lower + 1
        else:
            break
    if last == "dash":  # a dash or "và" that nothing followed is not part of the name
        j -= 1
    if not heads and j == i:
        return None
    return BodySpan(
        i, j, tuple(heads), tuple(committees), complete, dependent and bool(heads), name_at
    )


def _opens_sentence(toks: TokenStream, i: int) -> bool:
    return i == 0 or toks.sentence[i - 1] != toks.sentence[i]


def _named_after_head(toks: TokenStream, j: int, stop: int) -> int:
    """End of lower-case nouns of body names at ``j`` that a name or level follows, or ``j``.

    ``Đồn Biên phòng cửa khẩu quốc tế Móng Cái``, ``Ban Chỉ huy quân sự huyện``: right
    after a head, such nouns belong to the body only when its name comes after them.
    """
    k = j
    while k < stop and not toks.cap[k]:
        cont = _continuation(toks, k, stop)
        if cont is None:
            break
        k += cont[0]
    if k == j or k >= stop:
        return j
    if toks.cap[k] and not _ends_body(toks, k, stop) and toks.text[k].isalpha():
        return k
    return k if _admin(toks, k, stop) else j


def _counts(toks: TokenStream, j: int, stop: int) -> bool:
    """Whether the word at ``j`` makes the number before it a count (``2 lần``, ``3 năm
    qua``), not a unit's number (``Quân khu 7 năm 2024``)."""
    if j >= stop:
        return False
    if toks.key[j] in _COUNTED:
        return True
    following = toks.text[j + 1] if j + 1 < stop else ""
    return toks.key[j] in _COUNTED_TIME and not following[:1].isdigit()


def _ends_body(toks: TokenStream, j: int, stop: int) -> bool:
    """A capitalised word that starts something else: a rank, title or form of address."""
    lex = _lex()
    return bool(
        lex["title"].match(toks, j, stop)
        or lex["rank"].match(toks, j, stop)
        or lex["hon"].match(toks, j, stop)
    )


def _continuation(toks: TokenStream, j: int, stop: int) -> tuple[int, Rule] | None:
    """A noun of body names at ``j`` (``CONTINUE``), if its context allows it here.

    A rule may name the words it must follow (``"after"``: ``Người có công``) or may not
    precede (``"not_before"``: ``tham mưu cho`` is a verb).
    """
    hit = _lex()["cont"].match(toks, j, stop)
    if hit is None:
        return None
    size, rule = hit
    after = rule.get("after")
    if after and (j == 0 or toks.key[j - 1] not in after):
        return None
    not_before = rule.get("not_before")
    if not_before and j + size < stop and toks.key[j + size] in not_before:
        return None
    return hit


def _common_word(toks: TokenStream, j: int, size: int, stop: int) -> bool:
    """A one-word head inside a name that a lower-case syllable completes (``Khoa học``,
    ``Phòng không``)."""
    nxt = j + 1
    if size != 1 or nxt >= stop or toks.cap[nxt] or not toks.text[nxt][0].isalpha():
        return False
    lex = _lex()
    cont = lex["cont"].match(toks, j, stop)
    if cont is not None and cont[0] > size:
        return True
    return not (lex["stop"].match(toks, nxt, stop) or lex["admin"].match(toks, nxt, stop))


def _heads_at(toks: TokenStream, j: int, stop: int) -> bool:
    """A body head (or an abbreviation standing for one) starts at token ``j``."""
    if _lex()["head"].match(toks, j, stop) is not None:
        return True
    abbr = abbreviation_at(toks, j, stop)
    return abbr is not None and abbr[2] in ("head", "body")


def _admin(toks: TokenStream, j: int, stop: int) -> int:
    hit = _lex()["admin"].match(toks, j, stop)
    return hit[0] if hit is not None else 0
