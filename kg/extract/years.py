"""The year of a gathering dated by day and month only, where the text makes it certain.

A library module for the ``meetings`` component. Each kind of evidence names a *window*
of dates the gathering must fall in; the year is decided when exactly one occurrence of
the written day and month falls in the window. The kinds are tried in this order, and
the first that decides wins (a kind whose window holds no occurrence decides nothing):

1. ``written``: the date carries its year.
2. ``anniversary``: ``N năm`` in the gathering's name counted from a base: a closing year
   range of N years (``70 năm ... (1949 - 2019)``), or of N years counted inclusively
   (``5 năm (2016 - 2020)``: October 2020 to March 2021); a base date (``15 năm thực
   hiện Chỉ thị ... ngày 31/7/2006``, or the issue date of a document the name cites),
   where the gathering must lie in the year the N years complete *and* within half a
   year of the exact anniversary (the two disagree for bases near the turn of the year:
   then it decides nothing); a bare base year.
3. ``closing period``: the name closes a period ``giai đoạn 2019 - 2024``: a review is
   held at the turn of its last year (October to March); an emulation congress or an
   anniversary (``kỷ niệm``) in its last year.
4. ``part of a year``: ``6 tháng đầu năm 2024``, ``quý I``, ``9 tháng`` of Y are in Y;
   the last half or quarter is launched mid-year and reviewed at the turn of the year;
   the lunar new year of Y (``chúc Tết Ất Tỵ 2025``) from December of Y-1 to March of Y.
5. ``year in the name``: a review of year C is held from June of C to March of C+1; a
   launch of year F (``triển khai``, ``ra quân``) from January to November of F, or from
   October of F-1 to March of F with a review of the year before; a yearly event of N
   (``Hội thao năm 2023``) from February to December of N.
   ``headline``: the same read in the article's headline (``Vùng 4 Hải quân sơ kết công
   tác 6 tháng đầu năm 2025``) when the name in the lead leaves the year out.
   ``occasion``: the lead (the sentence reporting the gathering and the rest of its
   paragraph) holds it on an anniversary
   (``Nhân dịp kỷ niệm 79 năm ... (19/8/1945 – 19/8/2024), sáng 30/8, ...``), read as in 2.
6. ``publication date``: a report is published within 90 days after the gathering.
7. ``document dealt with``: a document the gathering announces or disseminates was
   issued at most 120 days before it (``công bố Quyết định ... ngày 25-3-2024``); a
   reviewed document is not, it is reviewed long after.
8. ``turn of the year``: the text reports results of Y-1 and sets tasks for Y (and names
   no other year): held from October of Y-1 to June of Y.
9. ``year of the lead``: the lead sets the report in Y (``trong năm 2022``), the only
   year the text names: held in the second half of Y.

Vocabulary (closing, launching and forward words; words that make a year another time,
``so với năm``, ``Luật ... năm 2019``) is data: ``kg/rules/year_cues.json``.

Example:
    >>> d = find_dates("Chiều 26/12, Hội nghị")[0]
    >>> infer_year(d, label="Hội nghị tổng kết công tác năm 2022 và triển khai năm 2023")
    YearGuess(year=2022, basis='year in the name')
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from kg.extract.dates import DateMention, find_dates
from kg.extract.year_cues import cues as _cues

Window = tuple[date, date]

_YEAR = re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})(?![\d/])")
_ANY_YEAR = re.compile(r"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)")
_YEAR_RANGE = re.compile(r"(?<![\d/.])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_ANNIVERSARY = re.compile(r"(?<!\d)(\d{1,3})\s+năm\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;.:()\n“”\"]")
_CLAUSE_END = re.compile(r"\)|[,;:]\s")
_NAM = re.compile(r"\bnăm\s*$", re.IGNORECASE)
_HALF_YEAR = timedelta(days=183)
_REPORT_DELAY = timedelta(days=90)
_DEALT_DELAY = timedelta(days=120)
_CONTEXT = 80  # characters of clause read before a year for its cue
_NEAR = 24  # characters around a year that may make it part of a date or a range


@dataclass(frozen=True, slots=True)
class YearGuess:
    """The year of a gathering and the kind of evidence that gave it."""

    year: int
    basis: str


def infer_year(
    mention: DateMention,
    *,
    label: str = "",
    own_label: str | None = None,
    published: date | None = None,
    cited: Sequence[date] = (),
    named: Sequence[date] = (),
    lead: str = "",
    body: str = "",
    occasion: str = "",
    headline: str = "",
) -> YearGuess | None:
    """The year of a gathering dated ``mention``, where the text makes it certain.

    Args:
        mention: The gathering's date as written.
        label: The gathering's name (``Hội nghị tổng kết 15 năm thực hiện Chỉ thị ...``).
        own_label: The name with document references blanked out (their titles' years
            are not the gathering's); defaults to ``label``.
        published: The article's publication date, if known.
        cited: Issue dates of the documents the gathering announces or is named for.
        named: Issue dates of the documents named in ``label``, in order, where the
            article gives them elsewhere (``15 năm thực hiện Chỉ thị 752``).
        lead: The lead paragraph (the sentence reporting the gathering and the rest of
            its paragraph).
        body: The article's text with document references blanked out.
        occasion: The lead (the sentence reporting the gathering and the rest of its
            paragraph), document references blanked out.
        headline: The article's headline, which names the gathering too.

    Returns:
        The year and its basis, or None when the text leaves the year open.

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
    own = label if own_label is None else own_label
    # the latest year the article names: no anniversary it reports falls after it
    latest = max(map(int, _ANY_YEAR.findall(body or label)), default=None)
    kinds: list[tuple[str, Iterator[Window]]] = [
        ("anniversary", _anniversary(label, named)),
        ("closing period", _closing_period(own)),
        ("part of a year", _part_of_year(own)),
        ("year in the name", _year_in_name(own)),
        ("headline", itertools.chain(_part_of_year(headline), _year_in_name(headline))),
        ("occasion", _occasion(occasion, latest)),
        ("publication date", _published(published)),
        ("document dealt with", _dealt_with(cited)),
        ("turn of the year", _turn_of_year(body)),
        ("year of the lead", _lead_year(lead, body)),
    ]
    for basis, windows in kinds:
        for window in windows:
            year = _year_in(mention, window)
            if year is not None:
                return YearGuess(year, basis)
    return None


def _year_in(mention: DateMention, window: Window) -> int | None:
    """The year of the only occurrence of the day and month inside ``window``.

    >>> _year_in(DateMention(0, 4, 14, 3, None, True), (date(2023, 6, 20), date(2024, 6, 20)))
    2024
    """
    start, end = window
    hits = [
        y
        for y in range(start.year, end.year + 1)
        if (d := _on(mention, y)) is not None and start <= d <= end
    ]
    return hits[0] if len(hits) == 1 else None


def _on(mention: DateMention, year: int) -> date | None:
    try:
        return date(year, mention.month, mention.day)
    except ValueError:
        return None


def _year(year: int) -> Window:
    return date(year, 1, 1), date(year, 12, 31)


def _months(year: int, first: int, last_year: int, last: int) -> Window:
    """From the first day of month ``first`` of ``year`` to the end of ``last`` of ``last_year``."""
    end = date(last_year + last // 12, last % 12 + 1, 1) - timedelta(days=1)
    return date(year, first, 1), end


def _anniversary(label: str, named: Sequence[date], latest: int | None = None) -> Iterator[Window]:
    """``N năm`` in the name with a closing range of N years, a base date or a base year."""
    for m in _ANNIVERSARY.finditer(label):
        span = int(m[1])
        if not 1 <= span <= 200:
            continue
        rest = label[m.end() :]
        for r in _YEAR_RANGE.finditer(rest):
            first, last = int(r[1]), int(r[2])
            if last - first == span:  # "70 năm (1949 - 2019)": the anniversary's year
                yield _year(last)
                return
            if last - first == span - 1:  # "5 năm (2016 - 2020)": years counted inclusively
                yield _months(last, 10, last + 1, 3)
                return
        based = [date(d.year, d.month, d.day) for d in find_dates(rest) if d.year] or list(named)
        # "135 năm Ngày sinh ... (19/5/1890 - 19/5/2025)": a date N years after a year the
        # name gives is the anniversary itself (years before 1900 are not read as dates)
        written = {int(y) for y in _ANY_YEAR.findall(rest)}
        closing = [d for d in based if d.year - span in written]
        if closing:
            based = [date(closing[0].year - span, closing[0].month, min(closing[0].day, 28))]
        if based and latest is not None and based[0].year + span > latest + 1:
            # "kỷ niệm 30 năm giải phóng tỉnh (2-4-2005)" in a text whose years end in
            # 2005: the date is the anniversary itself, not the day counted from
            based = [date(based[0].year - span, based[0].month, min(based[0].day, 28))]
        if based:
            base = based[0]
            exact = _on(DateMention(0, 0, base.day, base.month, None, True), base.year + span)
            exact = exact or date(base.year + span, base.month, 28)
            (y0, y1), (n0, n1) = _year(base.year + span), (exact - _HALF_YEAR, exact + _HALF_YEAR)
            if max(y0, n0) <= min(y1, n1):
                yield max(y0, n0), min(y1, n1)
            return
        years = [y for y, _ in _plain_years(rest)]
        if years:
            yield _year(years[0] + span)
            return


def _occasion(sentence: str, latest: int | None = None) -> Iterator[Window]:
    """``kỷ niệm N năm ...`` up to the end of its clause, read as an anniversary.

    >>> next(_occasion("Nhân kỷ niệm 79 năm Ngày X (19/8/1945 – 19/8/2024), sáng 30/8"))[0]
    datetime.date(2024, 2, 18)
    """
    for m in _cues().occasion.finditer(sentence):
        clause = _CLAUSE_END.search(sentence, m.end())
        rest = sentence[m.end() : clause.start() if clause else None]
        windows = list(_anniversary(rest, (), latest))
        if windows:  # "trao Kỷ niệm chương" before it names no anniversary
            yield from windows
            return


def _closing_period(own: str) -> Iterator[Window]:
    """A period ``Y1 - Y2`` the gathering closes (a review, an emulation congress)."""
    cues = _cues()
    found = [c for c in cues.matcher.find(own) if cues.labels[c.rule] in ("CLOSING", "LAUNCH")]
    for r in _YEAR_RANGE.finditer(own):
        before = [c for c in found if c.end <= r.start()]
        if not before or cues.labels[before[-1].rule] != "CLOSING":
            continue
        last = int(r[2])
        if cues.periods.get(before[-1].rule) == "last year":
            yield _year(last)  # an emulation congress, an anniversary
        else:
            yield _months(last, 10, last + 1, 3)  # a review, at the turn of the last year
        return


def _part_of_year(own: str) -> Iterator[Window]:
    """``6 tháng đầu năm Y``, ``quý I năm Y`` (in Y); ``6 tháng cuối năm Y`` (launch or review)."""
    cues = _cues()
    for pattern, part in cues.parts:
        for m in pattern.finditer(own):
            year = int(m["year"])
            if part == "first":
                yield _year(year)
                return
            if part == "new year":
                yield _months(year - 1, 12, year, 3)
                return
            before = [
                cues.labels[c.rule]
                for c in cues.matcher.find(own, 0, m.start())
                if cues.labels[c.rule] in ("CLOSING", "LAUNCH")
            ]
            if before and before[-1] == "LAUNCH":
                yield _months(year, 5, year, 10)
            else:
                yield _months(year, 10, year + 1, 3)
            return


def _year_in_name(own: str) -> Iterator[Window]:
    """A reviewed, launched or plain year named in the gathering's name."""
    cues = _cues()
    found = [c for c in cues.matcher.find(own) if cues.labels[c.rule] in ("CLOSING", "LAUNCH")]
    closing: list[int] = []
    launched: list[int] = []
    plain: list[int] = []
    for year, start in _own_time_years(own):
        before = [c for c in found if c.end <= start]
        label = cues.labels[before[-1].rule] if before else None
        (closing if label == "CLOSING" else launched if label == "LAUNCH" else plain).append(year)
    if closing:
        yield _months(min(closing), 6, min(closing) + 1, 3)
    elif launched:
        first = min(launched)
        if any(cues.labels[c.rule] == "CLOSING" for c in found):
            yield _months(first - 1, 10, first, 3)
        else:
            yield _months(first, 1, first, 11)
    elif len(set(plain)) == 1:
        yield _months(plain[0], 2, plain[0], 12)


def _own_time_years(text: str) -> Iterator[tuple[int, int]]:
    """Years ``text`` gives for its own time: not a comparison or bound (``so với năm``,
    ``từ năm``), not a law's name (``Luật Dân quân tự vệ năm 2019``)."""
    cues = _cues()
    for year, start in _plain_years(text):
        clause = _clause_before(text, start)
        if cues.other_time.search(clause):
            continue
        if any(cues.labels[c.rule] == "NAMES_YEAR" for c in cues.matcher.find(clause)):
            continue
        yield year, start


def _clause_before(text: str, start: int) -> str:
    head = text[max(0, start - _CONTEXT) : start]
    return head[max((m.end() for m in _CLAUSE.finditer(head)), default=0) :]


def _plain_years(text: str) -> list[tuple[int, int]]:
    """Years named in ``text`` outside dates and ranges, with their offsets.

    >>> _plain_years("năm 2023, ngày 5/7/2021, giai đoạn 2021 - 2025")
    [(2023, 4)]
    """
    out: list[tuple[int, int]] = []
    for m in _YEAR.finditer(text):
        # only the few characters around a year can make it part of a date or a range
        a, b = max(0, m.start() - _NEAR), min(len(text), m.end() + _NEAR)
        if any(d.start <= m.start() < d.end for d in find_dates(text, a, m.end())):
            continue
        if any(r.start() <= m.start() < r.end() for r in _YEAR_RANGE.finditer(text, a, b)):
            continue
        out.append((int(m[1]), m.start()))
    return out


def _published(published: date | None) -> Iterator[Window]:
    if published is not None:
        yield published - _REPORT_DELAY, published


def _dealt_with(cited: Sequence[date]) -> Iterator[Window]:
    """The latest document the gathering announces or is named for: issued shortly before."""
    if cited:
        latest = max(cited)
        yield latest, latest + _DEALT_DELAY


@lru_cache(maxsize=8)
def _body_years(body: str) -> dict[int, set[str]]:
    """Years the text gives for its own time as ``năm Y``, each with the cues of its clause.

    >>> _body_years("Năm 2023, đơn vị đạt. Đồng chí yêu cầu năm 2024 tiếp tục; so với năm 2022")
    {2023: {'PLAIN'}, 2024: {'FORWARD'}}
    """
    cues = _cues()
    out: dict[int, set[str]] = {}
    for year, start in _own_time_years(body):
        clause = _clause_before(body, start)
        if _NAM.search(clause):
            labels = {cues.labels[c.rule] for c in cues.matcher.find(clause)}
            out.setdefault(year, set()).update(labels or {"PLAIN"})
    return out


def _turn_of_year(body: str) -> Iterator[Window]:
    """Results of Y-1 and tasks for Y, and no other year: between October and June."""
    if not body:
        return
    years = _body_years(body)
    if len(years) != 2 or max(years) - min(years) != 1:
        return
    last, before = max(years), min(years)
    if years[last] & {"FORWARD", "LAUNCH"} and years[before] - {"FORWARD", "LAUNCH"}:
        yield _months(before, 10, last, 6)


def _lead_year(lead: str, body: str) -> Iterator[Window]:
    """The lead sets the report in Y (``trong năm Y``), the only year named: July to December."""
    if not lead or not body:
        return
    years = _body_years(body)
    if len(years) != 1:
        return
    (year,) = years
    if "CURRENT" in _body_years(lead).get(year, set()):
        yield _months(year, 7, year, 12)
