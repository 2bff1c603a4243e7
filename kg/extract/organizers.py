"""Who holds a gathering: the organizing body, read from the report's own words.

A library module for the ``meetings`` component. In order:

1. ``X (đã) tổ chức Hội nghị``, ``X khai mạc Kỳ họp``: the subject of a verb of holding
   (``HOLD`` in ``kg/rules/gatherings.json``) just before the gathering; a body's term
   (``HĐND tỉnh khóa XIII, nhiệm kỳ 2021 - 2026``) is part of the subject, a publisher's
   tag (``QK4 - ``) and an abbreviation defined inside (``Hội Cựu chiến binh (CCB) tỉnh
   X``) are not; a dual-named unit (``Binh đoàn 12 - Tổng công ty ...``) is named by its first name.
2. A working visit, inspection or handover reported by its verb (``Đoàn công tác (của)
   Bộ Tư lệnh Quân khu 9 do ... làm trưởng đoàn kiểm tra``, ``Thường trực Tỉnh ủy làm
   việc với ...``): the visiting body, the subject of the verb.
3. ``Hội nghị ... do X tổ chức``.
4. ``Hội nghị ... của X``: the last ``của`` of the gathering's name outside documents.
5. With none of these, the specific body of the chair (or of most participants), by
   their posts; never for visits (their hosts are named in the posts too), never a
   membership (``Ủy viên Trung ương Đảng``), never the issuer of a cited document.

Example:
    >>> from kg.document import Document
    >>> from kg.extract.gatherings import find_anchor
    >>> doc = Document.from_text("x", "Ngày 5/9, Thường trực Tỉnh ủy làm việc với Sở Y tế.")
    >>> organizer(doc, find_anchor(doc, []), [], ArticleExtraction("x"))
    'Thường trực Tỉnh ủy'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from kg.document import Document
from kg.extract.documents import CAPITAL, canonical_body
from kg.extract.gatherings import Anchor, inside
from kg.extract.roles import RoleHit
from kg.model import ROLE_ORDER, ArticleExtraction
from kg.rules import load_rules
from kg.text import fold

# "Bộ CHQS tỉnh phối hợp với Sở Y tế (đã) tổ chức": the first body is the organizer
_PARENT_OR_ASIDE = re.compile(r"\s*/\s*(?=[A-ZĐ])|\s*\((?=[a-zđ])")
_PARTNER_WITH = re.compile(r"\s+(?:phối hợp với|phối hợp cùng|cùng với)\s")
_PARTNER = re.compile(r"\s+(?:phối hợp|cùng với|cùng|và|chủ trì)\b")
_TRAILING = re.compile(
    r"(?:\s+(?:đã|vừa|long trọng|trọng thể|chính thức|sẽ|đến|tới|về|đăng cai|chủ động))+\s*$"
)
# words of a clause, never of a body's name: "Đó là tổng kết của ..."
_CLAUSE_WORD = re.compile(r"(?<!\w)(?:là|được|có|này|đó|khi|nếu|nhưng|nên|cũng|sẽ)(?!\w)", re.I)
# "khóa XIII, nhiệm kỳ 2021 - 2026": a clause naming a body's term, part of the body
_TERM = re.compile(r"\s*(?<!\w)(?:khóa|khoá|nhiệm kỳ)(?!\w)", re.IGNORECASE)
_MAX_BODY_WORDS = 12
# words between a verb of holding and the gathering: "tổ chức bế mạc và trao giải Hội thi"
_HOLD_GAP_WORDS = 5
# "QK4 - Cục Chính trị Quân khu 4 vừa tổ chức": the publisher's tag opening a lead
_LEAD_TAG = re.compile(r"\s*[A-ZĐ][A-ZĐ0-9&.]*(?:\s[A-ZĐ][A-ZĐ0-9&.]*)?\s?[-–—]\s+")
# "Hội Cựu chiến binh (CCB) tỉnh Nam Định": an abbreviation defined inside a name
_INNER_ABBR = re.compile(r"\s*\([A-ZĐ][A-ZĐ0-9&\-]*\)(?=\s+\w)")
# "Binh đoàn 12 - Tổng công ty Xây dựng Trường Sơn": the two names of one dual-named unit
_PAIR = re.compile(r"\s[-–—]\s")
_ORGANIZED_BY = re.compile(rf"(?<!\w)do\s+(?P<body>{CAPITAL}[^,.;:()\n]*?)\s+(?:đã\s+)?tổ chức\b")
_OF_BODY = re.compile(rf"(?<!\w)của\s+(?P<body>{CAPITAL}[^,;:()\n“”\"]*)$")
# "Đoàn công tác (của) Bộ Tư lệnh Quân khu 9 do Thiếu tướng ... làm trưởng đoàn": the body
_DELEGATION = re.compile(
    rf"(?<!\w)[Đđ]oàn(?:\s+(?:công tác|kiểm tra|khảo sát|giám sát|cán bộ|đại biểu))?"
    # an abbreviation defined inside the name is part of it: "Bộ Tư lệnh (BTL) Quân khu 4"
    rf"(?:\s+của)?\s+(?P<body>{CAPITAL}(?:[^,.;:()\n]|\([A-ZĐ][A-ZĐ0-9&\-]*\))*?)"
    r"(?=\s+(?:do|đã|đến|tới|về|làm|kiểm|thăm)\b|[,.;:]|\((?![A-ZĐ][A-ZĐ0-9&\-]*\)\s)|$)"
)
# what may stand between a delegation and its verb: "do Thiếu tướng A, Phó Tư lệnh làm
# trưởng đoàn đã (đến)"
_LED = re.compile(
    r"\s*(?:do\s[^.;:]*?(?:làm trưởng đoàn|dẫn đầu|làm trưởng|chủ trì)\s*,?)?"
    r"(?:\s*(?:đã|đến|tới|về|vừa|cùng|sang))*\s*"
)
_LOCALITY = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|xã|phường|thị xã)$", re.IGNORECASE)
_MEMBERSHIP = re.compile(r"^(?:Ủy viên|Uỷ viên|Đại biểu)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# "Lữ đoàn 147", "Đồn Biên phòng 123": a unit named by its number
_NUMBERED = re.compile(r"\s\d+$")
# Working visits and handovers are hosted by the body visited: no organizer from posts.
VISIT_KINDS = frozenset({"làm việc", "kiểm tra", "tiếp", "bàn giao", "hội đàm", "thăm"})


def organizer(
    doc: Document,
    anchor: Anchor,
    ref_spans: Sequence[tuple[int, int]],
    extraction: ArticleExtraction,
) -> str | None:
    """The body holding the gathering, canonical, from the report's own words."""
    text = doc.text
    sentence = doc.sentences[anchor.sentence]
    start, end = sentence.start, sentence.end
    for m in _holds().finditer(text, start, anchor.noun.start):
        if (
            inside(m.start(), ref_spans)
            or len(_WORD.findall(text[m.end() : anchor.noun.start])) > _HOLD_GAP_WORDS
        ):
            continue
        subject = _subject_start(text, start, m.start())
        partner = _partner_before(text, start, subject)
        if partner is not None:  # "A phối hợp với Huyện ủy, UBND huyện B tổ chức": A
            subject = _subject_start(text, start, partner)
        if subject == start:
            tag = _LEAD_TAG.match(text, start, m.start())
            subject = tag.end() if tag else subject
        if fold(m.group()) in _strict_holds() and not _names_body(text, subject, extraction):
            continue  # "Phát biểu khai mạc buổi lễ": no body opens the clause
        unit = _unit_before(text, start, subject, extraction)
        if unit:
            return unit
        term = _TERM.search(text, subject, m.start())
        body = _body(text, subject, term.start() if term else m.start(), extraction)
        if body:
            return body
    if anchor.noun.label == "EVENT_VERB":
        body = _visitor(text, start, anchor.noun.start, extraction)
        if body:
            return body
    by = _ORGANIZED_BY.search(text, start, end)
    if by and not inside(by.start(), ref_spans):
        return _body(text, by.start("body"), by.end("body"), extraction)
    # "Hội nghị tổng kết ... năm 2022 của Tổng cục CNQP": the name's last "của" outside documents
    name = blank(text, anchor.noun.start, anchor.label_end, ref_spans).rstrip(" ,.;:")
    of = _OF_BODY.search(name)
    if of is None or not _heads().match(of["body"]):
        return None  # "Hội thi ... của Đảng lần thứ III": no body holds it
    return _body(
        text, anchor.noun.start + of.start("body"), anchor.noun.start + len(name), extraction
    )


def _clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause ending at ``pos`` starts: after the last ``,;:`` outside brackets
    (``Trung đoàn 921 (Sư đoàn 371, Quân chủng PK-KQ) tổ chức`` is one clause)."""
    depth = 0
    for i in range(pos - 1, start - 1, -1):
        char = text[i]
        if char == ")":
            depth += 1
        elif char == "(":
            depth = max(0, depth - 1)
        elif char in ",;:" and depth == 0:
            return i + 1
    return start


def _subject_start(text: str, start: int, pos: int) -> int:
    """Where the subject of a verb at ``pos`` starts: its clause, with the clauses before
    it when the clause only names a term (``HĐND tỉnh khóa XIII, nhiệm kỳ 2021 - 2026``).

    >>> t = "Sáng 9/12, HĐND tỉnh khóa XIII, nhiệm kỳ 2021 - 2026 khai mạc"
    >>> t[_subject_start(t, 0, t.index(" khai")):]
    ' HĐND tỉnh khóa XIII, nhiệm kỳ 2021 - 2026 khai mạc'
    """
    clause = _clause_start(text, start, pos)
    while clause > start and _TERM.match(text, clause, pos):
        clause = _clause_start(text, start, clause - 1)
    return clause


def _partner_before(text: str, start: int, subject: int) -> int | None:
    """Where ``phối hợp với`` (or ``cùng với``) stands in the clause before ``subject``,
    when the partners it introduces run over commas up to the verb."""
    before = _clause_start(text, start, subject - 1) if subject > start else start
    found = list(_PARTNER_WITH.finditer(text, before, subject))
    return found[-1].start() if found else None


def _unit_before(text: str, start: int, subject: int, extraction: ArticleExtraction) -> str | None:
    """A unit whose parent is the subject: ``Lữ đoàn 147, Vùng 1 Hải quân tổ chức`` and
    ``Cục Tuyên huấn, Tổng cục Chính trị tổ chức`` are held by the first (a numbered unit
    or a specific body; ``Đảng ủy, Bộ Tư lệnh Vùng 4 tổ chức`` names no unit before the
    comma; in ``tại Trung đoàn 921, Sư đoàn 371, Quân chủng ... tổ chức`` the
    units before the comma are the place, one inside the other)."""
    if subject <= start or text[subject - 1] != ",":
        return None
    clause = _clause_start(text, start, subject - 1)
    found = [
        o.name
        for o in extraction.organizations
        for ev in o.evidence
        if clause <= ev.start < ev.end < subject
        and not text[clause : ev.start].strip()
        and not text[ev.end : subject - 1].strip()
        and (_NUMBERED.search(text, ev.start, ev.end) or _specific(o.name))
    ]
    if not found or not _names_body(text, subject, extraction):
        return None
    if clause > start and text[clause - 1] == ",":
        before = _clause_start(text, start, clause - 1)
        if any(before <= ev.start < clause for o in extraction.organizations for ev in o.evidence):
            return None
    return found[0]


def _names_body(text: str, pos: int, extraction: ArticleExtraction) -> bool:
    """Whether a body opens the clause at ``pos``: one the organizations step read there, or
    a name opening with a body's head word (``HĐND tỉnh``, ``Ủy ban Thường vụ Quốc hội``)."""
    at = pos + len(text[pos:]) - len(text[pos:].lstrip())
    return any(ev.start == at for o in extraction.organizations for ev in o.evidence) or bool(
        _heads().match(text, at)
    )


@cache
def _strict_holds() -> frozenset[str]:
    """Verbs of holding whose subject must be a body (``khai mạc``: a speech opens too)."""
    return frozenset(
        fold(r.pattern) for r in load_rules("gatherings") if r.label == "HOLD" and r.get("strict")
    )


@cache
def _holds() -> re.Pattern[str]:
    """Verbs whose subject holds the gathering (``tổ chức``, ``khai mạc``)."""
    words = [r.pattern for r in load_rules("gatherings") if r.label == "HOLD"]
    alt = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len)[::-1])
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


def _visitor(text: str, start: int, verb: int, extraction: ArticleExtraction) -> str | None:
    """The subject of a visit's verb: a delegation's body (``Đoàn công tác (của) X do ...
    làm trưởng đoàn kiểm tra``), else a body right before the verb (one the organizations
    step read, or a name opening with a head word: ``Thường trực Tỉnh ủy làm việc với``)."""
    clause = _clause_start(text, start, verb)
    for delegation in _DELEGATION.finditer(text, start, verb):
        if (
            _LED.fullmatch(text, delegation.end("body"), verb)
            and not text[
                _clause_start(text, start, delegation.start()) : delegation.start()
            ].strip()
        ):
            return _body(text, delegation.start("body"), delegation.end("body"), extraction)
    subject = _TRAILING.sub("", text[clause:verb].strip())
    if not subject or any(
        clause <= ev.start < verb for p in extraction.persons for ev in p.mentions
    ):
        return None
    at = clause + (len(text[clause:verb]) - len(text[clause:verb].lstrip()))
    known = [o.name for o in extraction.organizations for ev in o.evidence if ev.start == at]
    if known:
        return known[0]
    if _heads().match(subject) and len(subject.split()) >= 2:
        return _body(text, clause, verb, extraction)
    return None


@cache
def _not_hosts() -> frozenset[str]:
    """National organs a leader sits in, never a gathering's organizer by a post."""
    return frozenset(fold(r.pattern) for r in load_rules("gatherings") if r.label == "NOT_HOST")


@cache
def _heads() -> re.Pattern[str]:
    """Head words that open a body's name (``kg/rules/bodies.json``, ``gatherings.json``)."""
    words = [r.pattern for r in load_rules("bodies") if r.label == "HEAD"]
    words += [r.pattern for r in load_rules("gatherings") if r.label == "HOST_HEAD"]
    alt = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len)[::-1])
    return re.compile(rf"(?:{alt})(?!\w)")


def _body(text: str, start: int, end: int, extraction: ArticleExtraction) -> str | None:
    """The body named first in ``text[start:end]`` (a subject clause), canonical.

    A body the organizations component read there wins; otherwise the clause itself, cut
    before ``phối hợp với ...``, when it reads as a name: capitalised, short, at least a
    third of its words capitalised, no clause word (``là``, ``được``) and no person.
    """
    # "Nhà máy Z147/Tổng cục CNQP": the unit before its parent; "Ban CHQS huyện Na Rì
    # (tỉnh Bắc Kạn)": an aside the clause does not close
    cut = _PARENT_OR_ASIDE.search(text, start, end)
    if cut and ("(" not in cut.group() or ")" not in text[cut.start() : end]):
        end = cut.start()
    partner = _PARTNER.search(text, start, end)
    if partner:
        # a "và" inside a body read elsewhere is its name's ("Bộ Tài nguyên và Môi trường")
        at = start + len(text[start:end]) - len(text[start:end].lstrip())
        whole = [
            len(o.name)
            for o in extraction.organizations
            if text.startswith(o.name, at) and partner.start() < at + len(o.name) <= end
        ]
        end = at + max(whole) if whole else partner.start()
    inner = _INNER_ABBR.search(text, start, end)
    if inner:
        name = _name(text[start : inner.start()] + text[inner.end() : end])
        if name:
            return _first_of_pair(canonical_body(name, extraction))
    known = sorted(
        (ev.start, o.name)
        for o in extraction.organizations
        for ev in o.evidence
        if start <= ev.start < end
    )
    if known:
        return _first_of_pair(known[0][1])
    if any(start <= ev.start < end for p in extraction.persons for ev in p.mentions):
        return None
    subject = _name(text[start:end])
    return _first_of_pair(canonical_body(subject, extraction)) if subject else None


def _name(raw: str) -> str | None:
    """``raw`` without trailing fillers when it reads as a body's name: capitalised, short,
    at least a third of its words capitalised, no clause word.

    >>> _name("Sở Nội vụ tỉnh đã"), _name("Đó là tổng kết")
    ('Sở Nội vụ tỉnh', None)
    """
    subject = _TRAILING.sub("", raw.strip())
    words = _WORD.findall(subject)
    lower = sum(1 for w in words if w.islower())
    if (
        subject[:1].isupper()
        and len(words) <= _MAX_BODY_WORDS
        and 3 * lower <= 2 * len(words)
        and not _CLAUSE_WORD.search(subject)
    ):
        return subject
    return None


def _first_of_pair(name: str) -> str:
    """The first name of a dual-named unit (``Bộ Tư lệnh Binh đoàn 12 - Tổng công ty Xây
    dựng Trường Sơn``): each side opens with a body's head word; a name with a dash inside
    (``Bộ Lao động - Thương binh và Xã hội``) is one body.

    >>> _first_of_pair("Bộ Tư lệnh Binh đoàn 12 - Tổng công ty Xây dựng Trường Sơn")
    'Bộ Tư lệnh Binh đoàn 12'
    >>> _first_of_pair("Quân chủng Phòng không - Không quân")
    'Quân chủng Phòng không - Không quân'
    """
    heads = _heads()
    for dash in _PAIR.finditer(name):
        left, right = name[: dash.start()], name[dash.end() :]
        if heads.match(left) and heads.match(right) and len(right.split()) >= 2:
            return left
    return name


def blank(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the given spans blanked out (offsets kept).

    >>> blank("ab cd ef", 0, 8, [(3, 5)])
    'ab    ef'
    """
    pieces: list[str] = []
    pos = start
    for a, b in sorted(spans):
        a, b = max(a, pos), min(b, end)
        if a >= b:
            continue
        pieces += [text[pos:a], " " * (b - a)]
        pos = b
    pieces.append(text[pos:end])
    return "".join(pieces)


def organizer_from_posts(hits: Sequence[RoleHit], extraction: ArticleExtraction) -> str | None:
    """With no organizer in words, the specific body of the chair (or of most participants).

    Memberships (``Ủy viên Trung ương Đảng``), seats in national organs (``Bí thư Trung
    ương Đảng``; ``NOT_HOST`` in ``kg/rules/gatherings.json``) and the issuers of the
    article's documents are not the body that holds a gathering.
    """
    issuers = {fold(d.issuer) for d in extraction.documents if d.issuer} | _not_hosts()
    ranked = sorted(hits, key=lambda h: (ROLE_ORDER[h.role], h.evidence.start))
    chairs = [h.person for h in ranked if h.role == "chair"]
    pool = chairs or list(dict.fromkeys(h.person for h in ranked))
    counts: dict[str, int] = {}
    rank: dict[str, int] = {}
    for key in pool:
        person = extraction.person(key)
        if person is None:
            continue
        seen: set[str] = set()
        for i, post in enumerate(person.positions):
            body = post.organization
            if not body or _MEMBERSHIP.match(post.title) or not _specific(body):
                continue
            if fold(body) in issuers:
                continue
            if body not in seen:
                counts[body] = counts.get(body, 0) + 1
                seen.add(body)
            rank[body] = max(rank.get(body, -1), i)
    if not counts:
        return None
    # on a tie, the body of the post named last: the office after the party seats
    # ("Phó Bí thư Đảng ủy Quân chủng, Tư lệnh Quân chủng Hải quân")
    return max(counts, key=lambda b: (counts[b], rank[b]))


def _specific(body: str) -> bool:
    """A body that names one institution: not a bare ``Tỉnh ủy`` or ``Bộ CHQS tỉnh``."""
    return len(body.split()) >= 3 and not _LOCALITY.search(body)
