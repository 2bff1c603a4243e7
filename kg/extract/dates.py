"""Dates in Vietnamese news text, and the year of a gathering where the text makes it certain.

A library module (no component): :func:`find_dates` reads every date written in a span
(``Ngày 15/7``, ``chiều 26/12``, ``Sáng ngày 10/5/2018``, ``20-12-2022``, ``23.12``,
``ngày 3 tháng 6 năm 2013``); :func:`publication_date` finds the publisher's stamp;
:func:`infer_year` decides the year of a day-and-month date from the gathering's own
name, the publication date and the other dates of the article.

Example:
    >>> [(d.day, d.month, d.year, d.marked) for d in find_dates("Sáng ngày 10/5/2018, tại")]
    [(10, 5, 2018, True)]
    >>> d = find_dates("Chiều 26/12, Hội nghị")[0]
    >>> infer_year(d, label="Hội nghị tổng kết công tác năm 2022 và triển khai năm 2023")
    YearGuess(year=2022, basis='reviewed year')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

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
_YEAR = re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})(?![\d/])")
_YEAR_RANGE = re.compile(r"(?<![\d/.])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_ANNIVERSARY = re.compile(r"(?<!\d)(\d{1,3})\s+năm\b", re.IGNORECASE)
_REVIEW = re.compile(r"\b(?:tổng\s+kết|sơ\s+kết)\b", re.IGNORECASE)
_FORWARD = re.compile(
    r"\b(?:triển\s+khai|kế\s+hoạch|phương\s+hướng|ra\s+quân|khai\s+giảng)\b", re.I
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
# A report is published within a few months of the gathering it reports.
_REPORT_DELAY = timedelta(days=90)
# A document cited as the occasion of a gathering is issued shortly before it.
_CITED_DELAY = timedelta(days=120)


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


@dataclass(frozen=True, slots=True)
class YearGuess:
    """The year of a gathering and the reason the text gives for it."""

    year: int
    basis: str


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


def infer_year(
    mention: DateMention,
    *,
    label: str = "",
    published: date | None = None,
    cited: Sequence[date] = (),
    named: Sequence[date] = (),
) -> YearGuess | None:
    """The year of a gathering dated ``mention``, where the text makes it certain.

    Args:
        mention: The gathering's date as written.
        label: The gathering's name (``Hội nghị tổng kết 15 năm thực hiện Chỉ thị ...``).
        published: The article's publication date, if known.
        cited: Issue dates of documents and other full dates the article gives.
        named: Issue dates of the documents named in ``label``, in order, where the
            article gives them elsewhere (``15 năm thực hiện Chỉ thị 752``).

    Returns:
        The year and its basis, or None when the text leaves the year open.

    In order: a written year; an anniversary in the name (``15 năm thực hiện Chỉ thị
    ... ngày 31/7/2006`` is 2021; ``(1945 - 2020)`` is 2020); the year a review or plan
    is of (a review of ``năm 2022`` held in December is in 2022, one held in January in
    2023); the publication date shortly after; a document issued shortly before.

    >>> infer_year(DateMention(0, 9, 15, 7, None, True),
    ...            label="Hội nghị tổng kết 15 năm thực hiện Chỉ thị 752/CT-CT ngày 31/7/2006")
    YearGuess(year=2021, basis='anniversary')
    >>> infer_year(DateMention(0, 9, 10, 5, None, True), published=date(2018, 5, 11))
    YearGuess(year=2018, basis='publication date')
    >>> infer_year(DateMention(0, 9, 10, 5, None, True)) is None
    True
    """
    if mention.year is not None:
        return YearGuess(mention.year, "written")
    for guess in (_anniversary(label, named), _reviewed_year(label, mention.month)):
        if guess is not None:
            return guess
    if published is not None:
        year = _year_before(mention, published, _REPORT_DELAY)
        if year is not None:
            return YearGuess(year, "publication date")
    for issued in sorted(cited, reverse=True):
        candidate = _on(mention, issued.year)
        if candidate is not None and issued <= candidate <= issued + _CITED_DELAY:
            return YearGuess(issued.year, "cited document date")
    return None


def _on(mention: DateMention, year: int) -> date | None:
    return (
        date(year, mention.month, mention.day) if _valid(mention.day, mention.month, year) else None
    )


def _year_before(mention: DateMention, bound: date, window: timedelta) -> int | None:
    """The year that puts ``mention`` on or shortly before ``bound``."""
    for year in (bound.year, bound.year - 1):
        candidate = _on(mention, year)
        if candidate is not None and bound - window <= candidate <= bound:
            return year
    return None


def _anniversary(label: str, named: Sequence[date] = ()) -> YearGuess | None:
    """``N năm`` in the name with a base year after it, or a closing year range."""
    for m in _ANNIVERSARY.finditer(label):
        span = int(m[1])
        if not 1 <= span <= 200:
            continue
        rest = label[m.end() :]
        for r in _YEAR_RANGE.finditer(rest):
            first, last = int(r[1]), int(r[2])
            if last - first == span:
                return YearGuess(last, "anniversary")
        base = [d.year for d in find_dates(rest) if d.year] or [int(y) for y in _YEAR.findall(rest)]
        base = base or [d.year for d in named]
        if base:
            return YearGuess(base[0] + span, "anniversary")
    return None


def _reviewed_year(label: str, month: int) -> YearGuess | None:
    """The year a review (or a yearly event) is of, named ``năm YYYY`` in the gathering's name."""
    years = _plain_years(label)
    if not years:
        return None
    if _REVIEW.search(label):
        # Reviews of a year (or its first half) are held from June to December of that
        # year, or in the first quarter of the next; April and May could be either.
        first = min(years)
        if month >= 6:
            return YearGuess(first, "reviewed year")
        if month <= 3:
            return YearGuess(first + 1, "reviewed year")
        return None
    if len(set(years)) != 1:
        return None
    # A yearly event of year Y is held in Y; one that opens the year (launching, planning)
    # may be held in the December before, and one held in January may look back on Y-1.
    forward = bool(_FORWARD.search(label))
    if 2 <= month <= 11 or (month == 12 and not forward) or (month == 1 and forward):
        return YearGuess(years[0], "year in the name")
    return None


def _plain_years(label: str) -> list[int]:
    """Years named in ``label`` outside dates, ranges and ``N năm`` spans."""
    blocked: list[tuple[int, int]] = [(d.start, d.end) for d in find_dates(label)]
    blocked += [r.span() for r in _YEAR_RANGE.finditer(label)]
    return [
        int(m[1]) for m in _YEAR.finditer(label) if not any(s <= m.start() < e for s, e in blocked)
    ]


def full_dates(mentions: Iterable[DateMention]) -> list[date]:
    """The written dates that carry a year, as :class:`datetime.date`.

    >>> full_dates(find_dates("ngày 12/6/2021 và ngày 15/7"))
    [datetime.date(2021, 6, 12)]
    """
    return [date(m.year, m.month, m.day) for m in mentions if m.year is not None]
