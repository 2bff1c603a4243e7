"""Which body anchors a person's identity: generic bodies (one per province) never do.

A person is merged across articles on name plus an anchor body (``docs/rdf.md``,
"Identity"). A body anchors only when its name picks out one institution: ``Tỉnh ủy``,
``UBND tỉnh`` or ``Sở Tài chính`` exist in every province, so two people of the same name
holding posts in them are not shown to be one. Names are compared as slug tokens, so
spelling variants (``Uỷ``/``Ủy``, case, dashes) decide alike. When unsure, a body is
treated as generic: a missed merge costs less than two people made one.

The persons extractor makes a generic provincial body specific where the article makes
its province certain (:func:`qualify`: ``Bộ CHQS tỉnh`` → ``Bộ CHQS tỉnh Long An``) and
chooses the anchor among former and current posts (:func:`anchor_body`);
:func:`anchor_key` drops the words naming a body's party committee or command, so
``Đảng ủy Quân khu 7``, ``Bộ Tư lệnh Quân khu 7`` and ``Quân khu 7`` anchor alike.

Example:
    >>> is_generic_body("Ban Dân vận Tỉnh ủy"), is_generic_body("Ban Dân vận Tỉnh ủy Nghệ An")
    (True, False)
    >>> anchor_key("Đảng ủy Tổng cục Hậu cần")
    'tổng-cục-hậu-cần'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from kg.model import Person, Position
from kg.rules import load_rules
from kg.text import slug

__all__ = [
    "Province",
    "anchor_body",
    "anchor_key",
    "is_generic_body",
    "person_anchor",
    "provincial_level",
    "qualify",
]

_Words = tuple[str, ...]


def _phrases(items: str) -> frozenset[_Words]:
    # A comma-separated word list; phrases are compared as tuples of slug tokens, so
    # "Uỷ ban" and "ủy ban" are one.
    return frozenset(tuple(slug(i).split("-")) for i in items.split(",") if i.strip())


# A body name ending in an administrative level without its name ("UBND tỉnh", "Bộ Chỉ huy
# Quân sự tỉnh") or in a local party committee ("Ban Dân vận Tỉnh ủy") exists once per
# province, district or unit: it does not tell which institution is meant.
_GENERIC_TAILS = _phrases(
    """
    tỉnh, thành phố, tp, huyện, quận, thị xã, thị trấn, xã, phường, thôn, ấp, bản, tổ dân phố,
    địa phương, cơ sở, đơn vị, cơ quan, khối, khu vực, vùng, tỉnh ủy, thành ủy, huyện ủy,
    quận ủy, thị ủy, đảng ủy, đảng bộ, chi bộ, chi ủy, tỉnh đoàn, thành đoàn, huyện đoàn,
    quận đoàn
    """
)
# Local committees whose own name is the place that follows ("Tỉnh ủy Quảng Ninh").
_COMMITTEE_HEADS = _phrases(
    """
    tỉnh ủy, thành ủy, huyện ủy, quận ủy, thị ủy, đảng ủy, đảng bộ, chi bộ, tỉnh đoàn,
    thành đoàn, huyện đoàn, quận đoàn
    """
)
# Agencies that every province, district or military unit has one of: specific only when
# the rest of the name says whose ("Sở Tài chính" is anyone's; "Cục Chính trị Quân khu 7"
# is one).
_SCOPED_HEADS = _phrases(
    """
    ủy ban nhân dân, ubnd, hội đồng nhân dân, hđnd, sở, phòng, chi cục, công an,
    bộ chỉ huy quân sự, ban chỉ huy quân sự, bộ chỉ huy bộ đội biên phòng, bộ chỉ huy,
    ban chỉ huy, mặt trận tổ quốc, ủy ban mặt trận tổ quốc, mttq, ubmttq, liên đoàn lao động,
    hội nông dân, hội cựu chiến binh, hội liên hiệp phụ nữ, hội phụ nữ, đoàn thanh niên,
    ban dân vận, ban tuyên giáo, ban tổ chức, ban kiểm tra, ủy ban kiểm tra, ban nội chính,
    ban chấp hành, ban thường vụ, thường trực, thường vụ, văn phòng, cục chính trị,
    cục hậu cần, cục kỹ thuật, phòng chính trị, phòng hậu cần, phòng kỹ thuật, phòng tham mưu,
    ban chính trị, ban hậu cần, ban kỹ thuật, ban tham mưu, bộ tham mưu, trường chính trị,
    kho bạc nhà nước, cục thuế, bảo hiểm xã hội, thanh tra, tòa án nhân dân,
    viện kiểm sát nhân dân, ban quản lý, ban chỉ đạo, hội đồng, ủy ban, ban giám đốc,
    ban giám hiệu, đoàn đại biểu quốc hội
    """
)
# Bodies that contain others: followed by a name or number inside a longer name they say
# whose agency is meant ("Phòng Chính trị Sư đoàn 312").
_NESTING_HEADS = _phrases(
    """
    tổng cục, cục, bộ, quân khu, quân đoàn, quân chủng, binh chủng, binh đoàn, sư đoàn,
    lữ đoàn, trung đoàn, tiểu đoàn, bộ tư lệnh, học viện, đại học, trường, viện, bệnh viện,
    tập đoàn, tổng công ty, công ty, nhà máy, vùng, hải đoàn, tỉnh ủy, thành ủy, huyện ủy,
    quận ủy, thị ủy, tỉnh, thành phố, tp, huyện, quận, thị xã, thị trấn, xã, phường,
    trung tâm, khoa, hội, ban, đoàn, đội, tổ, đồn, trạm, kho, hạm đội, hải đội, đại đội
    """
)
# Words that make a name national, hence one institution ("Ban Tuyên giáo Trung ương").
_NATIONAL = _phrases(
    """
    trung ương, việt nam, quốc hội, chính phủ, quân đội, quốc phòng, nhà nước, bộ chính trị,
    ban bí thư
    """
)
# Leading party-committee words dropped from an anchor: a post in "Đảng ủy Tổng cục X" is
# a post of Tổng cục X, so both anchor a person to the same body.
_PARTY_PREFIXES = _phrases(
    """
    ban thường vụ đảng ủy, thường vụ đảng ủy, ban chấp hành đảng bộ, đảng ủy, đảng bộ, chi bộ
    """
)
# Leading words naming the command or the arm of a unit rather than another body: "Bộ Tư
# lệnh Quân khu 7" is Quân khu 7, "Bộ Chỉ huy Quân sự tỉnh X" and "Đảng ủy Quân sự tỉnh X"
# are one provincial military command, "Quân chủng Hải quân" and "Bộ Tư lệnh Hải quân" one
# service. Dropped from an anchor (again and again) while a specific body remains.
_WRAPPERS = _phrases("bộ tư lệnh, bộ chỉ huy, ban chỉ huy, quân chủng, binh chủng, bộ đội")
# Titles that are seats in a collective ("Ủy viên Trung ương Đảng"): a person's job, the
# better anchor, is usually listed after them and alone in other articles.
_MEMBERSHIP_TITLES = _phrases("ủy viên, đại biểu, thành viên, hội viên")
_MAX_PHRASE = max(
    len(p)
    for group in (_GENERIC_TAILS, _COMMITTEE_HEADS, _SCOPED_HEADS, _NESTING_HEADS, _NATIONAL)
    for p in group
)


_ANY_HEAD = _SCOPED_HEADS | _NESTING_HEADS | _COMMITTEE_HEADS


@lru_cache(maxsize=1 << 14)
def _words(name: str) -> _Words:
    return tuple(slug(name).split("-"))


def _starts(words: _Words, heads: frozenset[_Words]) -> int:
    """Length of the longest phrase of ``heads`` that ``words`` starts with (0 if none)."""
    for n in range(min(_MAX_PHRASE, len(words)), 0, -1):
        if words[:n] in heads:
            return n
    return 0


def _contains_any(words: _Words, phrases: frozenset[_Words]) -> bool:
    return any(_starts(words[i:], phrases) for i in range(len(words)))


def _qualified(rest: _Words) -> bool:
    """Whether the words after an agency head say whose agency it is."""
    if any(w.isdigit() for w in rest) or _contains_any(rest, _NATIONAL):
        return True
    for i in range(len(rest)):
        n = _starts(rest[i:], _NESTING_HEADS)
        if n and i + n < len(rest):
            return True
    return False


def is_generic_body(name: str) -> bool:
    """True for a body name that exists in every province or unit, naming no one body.

    >>> [is_generic_body(n) for n in ("Tỉnh ủy", "UBND tỉnh", "Bộ Chỉ huy Quân sự tỉnh")]
    [True, True, True]
    >>> [is_generic_body(n) for n in ("Tỉnh ủy Quảng Ninh", "Bộ Quốc phòng", "Sở Y tế")]
    [False, False, True]
    """
    words = _words(name)
    if words == ("x",):
        return True
    if any(words[-n:] in _GENERIC_TAILS for n in range(1, min(_MAX_PHRASE, len(words)) + 1)):
        return True
    n = _starts(words, _COMMITTEE_HEADS)
    if n:
        return n == len(words)
    if _starts(words, _ANY_HEAD) == len(words):  # a bare kind of body: "Trung đoàn"
        return True
    n = _starts(words, _SCOPED_HEADS)
    return bool(n) and not _qualified(words[n:])


@lru_cache(maxsize=1 << 14)
def anchor_key(organization: str | None) -> str | None:
    """The slug a person is anchored to by a post in ``organization``; None if generic.

    Party-committee words and the words naming a unit's command are dropped, so posts in
    a body, its party committee and its command anchor alike.

    >>> anchor_key("Đảng ủy Tổng cục Hậu cần")
    'tổng-cục-hậu-cần'
    >>> anchor_key("Đảng ủy") is None
    True
    >>> anchor_key("Bộ Tư lệnh Quân khu 7") == anchor_key("Đảng ủy Quân khu 7")
    True
    >>> anchor_key("Đảng ủy Quân sự tỉnh Long An")
    'quân-sự-tỉnh-long-an'
    """
    if not organization or is_generic_body(organization):
        return None
    unit, _, parent = organization.partition(", ")
    if parent and _uniquely_numbered(unit):
        organization = unit  # "Sư đoàn 10, Quân đoàn 34" and "Sư đoàn 10" are one unit
    words = _words(organization)
    while True:
        n = _starts(words, _PARTY_PREFIXES) or _starts(words, _WRAPPERS)
        if not n or n >= len(words) or is_generic_body(" ".join(words[n:])):
            break
        words = words[n:]
    return "-".join(words)


@lru_cache(maxsize=1)
def _unique_heads() -> tuple[str, ...]:
    """Heads of units numbered once in the whole army (``unique_number`` in bodies.json)."""
    rules = load_rules("bodies")
    return tuple(r.pattern for r in rules if r.label == "HEAD" and r.get("unique_number"))


def _uniquely_numbered(unit: str) -> bool:
    """``Sư đoàn 10``: a head numbered once in the whole army, then its number.

    >>> _uniquely_numbered("Sư đoàn 10"), _uniquely_numbered("Đại đội 2")
    (True, False)
    """
    head, _, number = unit.rpartition(" ")
    return number.isdigit() and head in _unique_heads()


class Province(NamedTuple):
    """The one province (or centrally-run city) an article is about.

    Attributes:
        name: Its name (``Long An``, ``Hà Nội``).
        level: ``tỉnh`` for a province, ``thành phố`` for a centrally-run city.
    """

    name: str
    level: str


_LEVELS = {
    ("tỉnh",): "tỉnh",
    ("tỉnh", "ủy"): "tỉnh",
    ("tỉnh", "đoàn"): "tỉnh",
    ("thành", "phố"): "thành phố",
    ("tp",): "thành phố",
    ("thành", "ủy"): "thành phố",
    ("thành", "đoàn"): "thành phố",
}


def provincial_level(organization: str | None) -> str | None:
    """``tỉnh`` or ``thành phố`` for a body whose name ends in that level, unnamed.

    >>> provincial_level("Bộ CHQS tỉnh"), provincial_level("Thành ủy")
    ('tỉnh', 'thành phố')
    >>> provincial_level("Tỉnh ủy Long An") is None
    True
    """
    if not organization:
        return None
    words = _words(organization)
    return _LEVELS.get(words[-2:]) or _LEVELS.get(words[-1:])


def qualify(organization: str, province: Province | None) -> str:
    """A provincial body named without its province, named with the article's one.

    >>> qualify("Bộ Chỉ huy Quân sự tỉnh", Province("Long An", "tỉnh"))
    'Bộ Chỉ huy Quân sự tỉnh Long An'
    >>> qualify("Thành ủy", Province("Long An", "tỉnh"))
    'Thành ủy'
    """
    if province is None or provincial_level(organization) != province.level:
        return organization
    return f"{organization} {province.name}"


def anchor_body(
    current: Sequence[Position],
    former: Sequence[Position] = (),
    province: Province | None = None,
) -> str | None:
    """The body a person's identity is anchored to: the first post in a specific body.

    Former posts (``nguyên ...``) come first: an article gives them when the current
    post is new, so they tie the person to the body the earlier reports name. Seats in
    a collective (``Ủy viên ...``) come last, since articles often drop them and keep
    the job. A provincial body named without its province (``Bộ CHQS tỉnh``) is
    qualified with the article's one province, when the text makes it certain.

    >>> from kg.model import Evidence
    >>> ev = Evidence(0, 1, 0, "persons", "r")
    >>> anchor_body([Position("Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh", ev)], (),
    ...             Province("Long An", "tỉnh"))
    'Bộ Chỉ huy Quân sự tỉnh Long An'
    """

    def split(posts: Sequence[Position]) -> tuple[list[Position], list[Position]]:
        seats = [p for p in posts if _starts(_words(p.title), _MEMBERSHIP_TITLES)]
        return [p for p in posts if p not in seats], seats

    jobs, seats = split(current)
    old_jobs, old_seats = split(former)
    for post in (*old_jobs, *jobs, *seats, *old_seats):
        if post.organization:
            body = qualify(post.organization, province)
            if anchor_key(body):
                return body
    return None


def person_anchor(person: Person) -> str | None:
    """Anchor slug of a person: ``Person.anchor`` when the extractor set it, else the body
    of the first post naming one specific institution (:func:`anchor_body`)."""
    return anchor_key(person.anchor or anchor_body(person.positions))
