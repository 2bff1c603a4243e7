"""Dates in Vietnamese news text and the publisher's date stamp.

A library module (no component): :func:`find_dates` reads every date written in a span
(``Ngày 15/7``, ``chiều 26/12``, ``Sáng ngày 10/5/2018``, ``20-12-2022``, ``23.12``,
``ngày 3 tháng 6 năm 2013``); :func:`publication_date` finds the publisher's stamp. The
year of a day-and-month date is decided in :mod:`kg.extract.years`.

Example:
    >>> [(d.day, d.month, d.year, d.marked) for d in find_dates("Sáng ngày 10/5/2018, tại")]
    [(10, 5, 2018, True)]
    >>> find_dates("Chiều 26/12, Hội nghị")[0].iso()
    '--12-26'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# A word that makes a bare "15/7" a date of the day something happened: part of the day,
# "ngày", a weekday. "Sáng ngày", "chiều hôm qua ngày", "ngày thứ Ba" all fold into it.
_MARK = (
    r"(?P<mark>(?:(?:sáng|chiều|tối|trưa|đêm|hôm)(?:\s+(?:nay|qua|mai))?\s+)*"
    r"(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:(?:từ\s+)?ngày\s+)?\(?)"
    # a span of days ("Ngày 15 và 16/7", "từ ngày 15 đến 17/7"): the gathering opens on the first
    r"(?:(?P<rd>\d{1,2})\s*(?:(?:và|đến)\s*(?=\d{1,2}\s?[/.\-]\s?\d)|[-–]\s*(?=\d{1,2}\s?[/.]\s?\d)))?"
)
_NUMERIC = (
    r"(?P<d>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<m>\d{1,2})"
    r"(?:\s?(?P=sep)\s?(?P<y>(?:19|20)\d{2}))?(?![\d/])"
)
_WORDS = r"(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})(?:\s*(?:năm|,)\s*(?P<wy>(?:19|20)\d{2}))?"
_DATE = re.compile(
    r"(?<![\w/.\-])" + _MARK + r"(?:" + _NUMERIC + r"|" + _WORDS + r")(?!\w)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^\s*hôm\s+nay\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}\s?[:hg]\s?\d{2}(?::\d{2})?(?:\s*(?:AM|PM|GMT\s*\+?\d*))?", re.I)
# What a publisher's stamp line may hold besides its date and time.
_STAMP_WORDS = re.compile(
    r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật|cập\s+nhật|ngày\s+đăng|đăng\s+ngày|"
    r"đăng\s+lúc|ngày|lúc|giờ|gmt|\+\d+|[-|,:()/.\s])",
    re.IGNORECASE,
)
_STAMP_LINES = 12


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in the text.

    Attributes:
        start: Offset of the first character (the marker word, if any).
        end: Offset after the last character.
        day: Day of the month.
        month: Month.
        year: Year when written, else None.
        marked: True when a word marks it as a day (``Ngày``, ``sáng``, ``chiều``) or it is
            written in words or with its year; a bare ``15/7`` may be anything.
    """

    start: int
    end: int
    day: int
    month: int
    year: int | None
    marked: bool

    def iso(self, year: int | None = None) -> str:
        """``YYYY-MM-DD`` with the written or given year, else ``--MM-DD``.

        >>> DateMention(0, 4, 5, 7, None, True).iso()
        '--07-05'
        >>> DateMention(0, 4, 5, 7, None, True).iso(2021)
        '2021-07-05'
        """
        y = self.year if self.year is not None else year
        return (
            f"{y:04d}-{self.month:02d}-{self.day:02d}"
            if y
            else f"--{self.month:02d}-{self.day:02d}"
        )


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every valid date written in ``text[start:end]``, in text order.

    A bare ``d.m`` or ``d-m`` (no year, no marker word) is not read: it is more often a
    number or a range than a date.

    >>> [(d.day, d.month, d.year) for d in find_dates("ngày 3 tháng 6 năm 2013 và 20-12-2022")]
    [(3, 6, 2013), (20, 12, 2022)]
    >>> find_dates("tăng từ 10-15% với 1.427 lượt")
    []
    """
    stop = len(text) if end is None else end
    out: list[DateMention] = []
    for m in _DATE.finditer(text, start, stop):
        if m["wd"]:
            day, month, year_s, marked = int(m["wd"]), int(m["wm"]), m["wy"], True
        else:
            day, month, year_s = int(m["rd"] or m["d"]), int(m["m"]), m["y"]
            marked = bool(m["mark"]) or bool(year_s)
            if not marked and m["sep"] != "/":
                continue
        year = int(year_s) if year_s else None
        if _valid(day, month, year):
            out.append(DateMention(m.start(), m.end(), day, month, year, marked))
    return out


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year, so 29/2 stays valid
    except ValueError:
        return False
    return True


def clock_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines that are the site's clock (``Hôm nay, ngày ...``), never a report date.

    >>> clock_lines("Hôm nay, ngày 21 tháng 2 năm 2019\\nNgày 10/5")
    [(0, 33)]
    """
    out: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n")[:_STAMP_LINES]:
        if _CLOCK.match(line):
            out.append((offset, offset + len(line)))
        offset += len(line) + 1
    return out


def publication_date(text: str, published: str | None = None) -> date | None:
    """The publication date: from metadata (``published``) or a stamp line near the top.

    A stamp line holds only a date, a time and words like ``Cập nhật``, ``Thứ Năm``; the
    site's clock line (``Hôm nay, ...``) is not one.

    >>> publication_date("Tiêu đề\\n11.5.2018 - 14:53\\nNội dung")
    datetime.date(2018, 5, 11)
    >>> publication_date("Hôm nay, ngày 21 tháng 2 năm 2019\\nNội dung") is None
    True
    >>> publication_date("", "2020-11-27T08:00")
    datetime.date(2020, 11, 27)
    """
    if published:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
        if m and _valid(int(m[3]), int(m[2]), int(m[1])):
            return date(int(m[1]), int(m[2]), int(m[3]))
    for line in text.split("\n")[:_STAMP_LINES]:
        if len(line) > 80 or _CLOCK.match(line):
            continue
        dates = [d for d in find_dates(line) if d.year]
        if len(dates) != 1:
            continue
        d = dates[0]
        rest = _TIME.sub(" ", line[: d.start] + " " + line[d.end :])
        if not _STAMP_WORDS.sub("", rest):
            return date(d.year or 0, d.month, d.day)
    return None


def full_dates(mentions: Iterable[DateMention]) -> list[date]:
    """The written dates that carry a year, as :class:`datetime.date`.

    >>> full_dates(find_dates("ngày 12/6/2021 và ngày 15/7"))
    [datetime.date(2021, 6, 12)]
    """
    return [date(m.year, m.month, m.day) for m in mentions if m.year is not None]
