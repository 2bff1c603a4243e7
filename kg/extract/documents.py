"""The documents component: numbered legal and party documents and their short references.

A full reference is a number and symbol as issued, party style (``20-NQ/TW``,
``1661-NQ/QUTW``) or state style (``752/CT-CT``, ``1780/QĐ-TTg``, ``160/2014/TT-BQP``),
with the type word before it (``Chỉ thị``, ``Chương trình hành động số``) and, after it,
the date of issue (``ngày 31/7/2006``), the issuer (``của Bộ Chính trị``; else a body
that issues it just before: ``Ban Thường vụ Tỉnh ủy đã chỉ ra tại Thông báo số``) and the
subject (``về “...”``). A number and symbol are a document only with a type word
before them or a known type code in the symbol (not ``Windows 9x/ME``, ``239/A02``; a
Công văn, which has no type code, needs its word). A list sharing one symbol
(``Quyết định 217, 218-QĐ/TW``) gives one document per number; documents listed
together before one ``về “...”`` share its title. A short reference (``Chỉ thị 752``) is
an alias of the full identifier the text gives, never a document of its own. Type words
and symbol codes are data (``kg/rules/document_types.json``); the word in the text wins
over the code.

Example:
    >>> text = "theo Quyết định 1780/QĐ-TTg, ngày 12/10/2011 của Thủ tướng Chính phủ"
    >>> refs = find_references(text)
    >>> [(r.identifier, r.type, r.date, r.issuer) for r in refs]
    [('1780/QĐ-TTg', 'Quyết định', '2011-10-12', 'Thủ tướng Chính phủ')]
"""

from __future__ import annotations

import dataclasses
import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.document import Document
from kg.extract.dates import find_dates
from kg.extract.symbols import code_type, symbol_issuer
from kg.model import ArticleExtraction, Evidence, LegalDocument
from kg.pipeline import component
from kg.rules import load_rules
from kg.text import fold

# Vietnamese capitals (Ủ, Ấ, Ơ ... as well as A-Z, Đ) as a character class: names of
# bodies and persons start with one.
CAPITAL = (
    "["
    + "".join(
        c
        for c in map(chr, range(0x41, 0x1EFA))
        if c.isupper()
        and (unicodedata.normalize("NFD", c)[0] in string.ascii_uppercase or c == "Đ")
    )
    + "]"
)
_NUM = r"\d{1,5}[a-zđ]?"
# A symbol code is capitals with at most a short lower-case tail (TTg, QĐi, CTr) and digits
# (QH14); this keeps unit names like "3/Quân khu" out.
_CODE = r"[A-ZĐÐ][A-ZĐÐ0-9]*[a-z]{0,2}[A-ZĐÐ0-9]*"
_DASH = r"\s?[-–‑]\s?"
_PARTY = rf"(?P<pnum>{_NUM}){_DASH}(?P<pcode>{_CODE})\s?/\s?(?P<pby>{_CODE}(?:[-/]{_CODE})*)"
_STATE = (
    rf"(?P<snum>{_NUM})\s?/\s?(?:(?P<syear>(?:19|20)\d{{2}})\s?/\s?)?"
    rf"(?P<scode>{_CODE}(?:{_DASH}{_CODE})*)"
)
_SEP = r"\s?(?:,|;|và)\s?"
# The core every identifier has ("752/C", "20-N", "160/2014/T"): most articles have none,
# and this cheap search spares them the full pattern.
_CORE = re.compile(rf"\d{_DASH}[A-ZĐÐ]|\d\s?/\s?(?:(?:19|20)\d{{2}}\s?/\s?)?[A-ZĐÐ]")
_STOP = r"về|đối với|nhằm|trong|theo|ban hành|ký|đã|được|thì|để|tại|với|cho|nay|từ"
_PAREN = re.compile(r"\s*\([^()\n]{1,40}\)")
_TITLE = re.compile(
    r"\s*,?\s*(?:về\s+)?(?:“(?P<q1>[^”\n]{3,500})”|\"(?P<q2>[^\"\n]{3,500})\")"
    r"|\s*,?\s*về\s+(?P<plain>[^;.:,“”\"()\n]{3,300})"
)
_DATE_GAP = re.compile(r"\s*,?\s*(?:\(\s*)?(?:ban hành|ký)?\s*")
_CHAIN_GAP = re.compile(r"\s*[,;]?\s*(?:và|cùng)?\s*(?:các\s+)?")
_SPACES = re.compile(r"\s+")
_LEVELS = r"tỉnh|thành phố|huyện|quận|thị xã|xã|phường"  # lower case in names: "Sở Y tế tỉnh"
_SUBJECT_CHARS = 100
_DASHES = re.compile(r"[–‑]")


@dataclass(frozen=True, slots=True)
class DocumentReference:
    """One full reference read in the text.

    Attributes:
        identifier: Number and symbol as issued, without ``số`` and spaces.
        start: Offset of the identifier's number.
        end: Offset after the identifier.
        span_start: Offset of the type word (or the number when there is none).
        tail_end: Offset after the date, issuer and title read with it.
        type: Type from the word in the text, else from the symbol's code.
        date: ISO date of issue.
        issuer: Issuer as written (``Bộ Chính trị``).
        title: Subject, without quotes.
        rule: ``documents.party``, ``documents.state`` or ``documents.list``.
    """

    identifier: str
    start: int
    end: int
    span_start: int
    tail_end: int
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    rule: str = "documents.state"


@dataclass(frozen=True, slots=True)
class ShortReference:
    """A short reference (``Chỉ thị 752``): a type word and a bare number."""

    start: int
    end: int
    type: str
    number: str

    @property
    def alias(self) -> str:
        """The reference as a name: type and number, without ``số``."""
        return f"{self.type} {self.number}"


@dataclass(frozen=True)
class _Vocabulary:
    reference: re.Pattern[str]
    short: re.Pattern[str]
    types: dict[str, str | None]
    issuer: re.Pattern[str]
    subject: re.Pattern[str]


@cache
def _vocabulary() -> _Vocabulary:
    rules = load_rules("document_types")
    types = {fold(r.pattern): r.get("type") for r in rules if r.label == "TYPE"}
    alt = _alternation(r.pattern for r in rules if r.label == "TYPE")
    # type words in any case; symbol codes only in capitals, so the pattern is case-sensitive.
    # Words between a type word and "số" are no type word: "quy định tại Thông tư số" is a
    # Thông tư.
    filler = rf"(?:\s+(?!(?i:{alt})(?!\w))\w+)"
    type_part = rf"(?P<tw>(?i:{alt}))(?:{filler}{{1,3}}?\s+(?i:số)|\s+(?i:số))?\s*:?\s*"
    reference = re.compile(
        rf"(?<![\w/.\-])(?:{type_part}(?P<list>(?:{_NUM}{_SEP})+)?)?(?:{_PARTY}|{_STATE})(?!\w)"
    )
    short = re.compile(
        rf"(?<!\w)(?P<tw>(?i:{alt}))\s+(?:(?i:số)\s+)?(?P<num>\d{{1,5}})"
        r"(?![\w/.\-–‑]|\s?[-–/]\s?[A-ZĐ])"
    )
    # an issuer ends before a verb ("của Chính phủ quy định chi tiết ..."), a clause word,
    # or "và" opening another body ("Bộ Công an và Bộ Quốc phòng", not "Bộ Lao động -
    # Thương binh và Xã hội")
    ends = _alternation(r.pattern for r in rules if r.label == "ISSUER_END")
    body_words = [r.pattern for r in load_rules("bodies") if r.label == "HEAD"]
    body_words += [r.pattern for r in rules if r.label == "ISSUER_HEAD"]
    heads = _alternation(body_words + [r.pattern for r in rules if r.label == "TYPE"])
    other = rf"và(?=\s+(?:(?:{heads})(?!\w)|[A-ZĐ]{{2,}}(?!\w)|[^\W\d_A-ZĐÀ-ỸÂĂÊÔƠƯ]))"
    issuer = re.compile(
        rf"\s*,?\s*(?:của|do)\s+(?P<issuer>{CAPITAL}[^,;.:“”\"()\n]*?)"
        rf"(?=\s+(?:{_STOP}|{ends}|{other})(?!\w)|\s*[,;.:“”\"()\n]|\s*$)"
    )
    # "Ban Thường vụ Tỉnh ủy đã chỉ ra tại Thông báo số ...": the subject of a verb of issuing
    bodies = _alternation(body_words)
    verbs = _alternation(r.pattern for r in rules if r.label == "ISSUE_VERB")
    subject = re.compile(
        rf"(?<!\w)(?P<issuer>(?:{bodies})(?:\s+(?:{bodies}|{CAPITAL}\w*|\d+|{_LEVELS}))*)"
        rf"\s+(?:(?:đã|vừa)\s+)?(?:{verbs})\s+(?:(?:tại|trong|ở)\s+)?$"
    )
    return _Vocabulary(reference, short, types, issuer, subject)


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


def _clean_id(raw: str) -> str:
    return _DASHES.sub("-", _SPACES.sub("", raw))


def find_references(text: str, start: int = 0, end: int | None = None) -> list[DocumentReference]:
    """Full references in ``text[start:end]``, one per identifier, in text order.

    >>> [(r.identifier, r.type) for r in find_references("Quyết định 217, 218-QĐ/TW")]
    [('217-QĐ/TW', 'Quyết định'), ('218-QĐ/TW', 'Quyết định')]
    >>> [(r.identifier, r.type) for r in find_references("Thông tư số 160/2014/TT-BQP")]
    [('160/2014/TT-BQP', 'Thông tư')]
    """
    stop = len(text) if end is None else end
    if not _CORE.search(text, start, stop):
        return []
    vocab = _vocabulary()
    groups: list[list[DocumentReference]] = []
    for m in vocab.reference.finditer(text, start, stop):
        word_type = vocab.types.get(fold(m["tw"])) if m["tw"] else None
        if m["pnum"]:
            system, code = "party", m["pcode"]
            symbol = m.group(0)[m.end("pnum") - m.start() :]
            num_start, rule = m.start("pnum"), "documents.party"
        else:
            system, code = "state", _DASHES.sub("-", m["scode"]).split("-")[0].strip()
            symbol = m.group(0)[m.end("snum") - m.start() :]
            num_start, rule = m.start("snum"), "documents.state"
        typed = code_type(code, system)
        if not m["tw"] and typed is None:
            # "Windows 9x/ME", "239/A02": a number and a symbol make a document only with a
            # type word before them or a known type code in the symbol
            continue
        doc_type = _type(word_type, typed)
        tail_end, date, issuer, title = _tail(text, m.end(), stop)
        if issuer is None and symbol_issuer(_clean_id(text[num_start : m.end()])) is None:
            subject = vocab.subject.search(text, max(start, m.start() - _SUBJECT_CHARS), m.start())
            issuer = subject["issuer"] if subject else None
        refs: list[DocumentReference] = []
        if m["list"]:
            for n in re.finditer(_NUM, m["list"]):
                s = m.start("list") + n.start()
                refs.append(
                    DocumentReference(
                        _clean_id(n.group() + symbol),
                        s,
                        s + len(n.group()),
                        m.start(),
                        tail_end,
                        doc_type,
                        date,
                        issuer,
                        title,
                        "documents.list",
                    )
                )
        refs.append(
            DocumentReference(
                _clean_id(text[num_start : m.end()]),
                num_start,
                m.end(),
                m.start(),
                tail_end,
                doc_type,
                date,
                issuer,
                title,
                rule,
            )
        )
        if groups and _CHAIN_GAP.fullmatch(text, groups[-1][-1].tail_end, m.start()):
            if not m["tw"] and groups[-1][-1].type:
                # "Nghị quyết 20-NQ/TW, 21-NQ/TW": the type word covers the list, unless the
                # symbol's own code names another type.
                inherited = groups[-1][-1].type if doc_type in (None, groups[-1][-1].type) else None
                refs = [dataclasses.replace(r, type=inherited or r.type) for r in refs]
            groups[-1].extend(refs)
        else:
            groups.append(refs)
    out: list[DocumentReference] = []
    for group in groups:
        # documents listed together before one "về ..." share its subject
        title = next((r.title for r in reversed(group) if r.title), None)
        out.extend(
            r if r.title or not title else dataclasses.replace(r, title=title) for r in group
        )
    return out


def _type(word: str | None, code: str | None) -> str | None:
    """The word in the text wins over the symbol's code, unless the code's type refines it
    (``Chương trình số 12/CTPH-...`` is a Chương trình phối hợp).

    >>> _type("Chương trình", "Chương trình phối hợp"), _type("Quy định", "Quyết định")
    ('Chương trình phối hợp', 'Quy định')
    """
    if word and code and fold(code).startswith(fold(word) + " "):
        return code
    return word or code


def _tail(text: str, pos: int, stop: int) -> tuple[int, str | None, str | None, str | None]:
    """Date, issuer and title written after an identifier ending at ``pos``, on its line
    (a headline ending with a reference is followed by the lead's own date)."""
    line_end = text.find("\n", pos, stop)
    stop = stop if line_end < 0 else line_end
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    window = min(stop, pos + 60)
    for d in find_dates(text, pos, window):
        if d.year and _DATE_GAP.fullmatch(text, pos, d.start):
            date, pos = d.iso(), d.end
            if text.startswith(")", pos):
                pos += 1
        break
    m = _vocabulary().issuer.match(text, pos, stop)
    if m:
        issuer, pos = m["issuer"].strip(), m.end()
    p = _PAREN.match(text, pos, stop)
    if p:
        pos = p.end()
    t = _TITLE.match(text, pos, stop)
    if t:
        title = (t["q1"] or t["q2"] or t["plain"] or "").strip() or None
        pos = t.end()
    return pos, date, issuer, title


def find_short_references(
    text: str, start: int = 0, end: int | None = None
) -> list[ShortReference]:
    """Short references (type word and bare number) in ``text[start:end]``.

    >>> [(s.alias, s.start) for s in find_short_references("(gọi tắt là Chỉ thị số 752)")]
    [('Chỉ thị 752', 12)]
    >>> find_short_references("Chỉ thị 752/CT-CT")
    []
    """
    vocab = _vocabulary()
    out: list[ShortReference] = []
    for m in vocab.short.finditer(text, start, len(text) if end is None else end):
        doc_type = vocab.types.get(fold(m["tw"]))
        if doc_type:
            out.append(ShortReference(m.start(), m.end(), doc_type, m["num"]))
    return out


def _number(identifier: str) -> str:
    """The document's number, without leading zeros (``02-NQ/TW`` is ``Nghị quyết 2``)."""
    return re.split(r"[-/]", identifier, maxsplit=1)[0].lstrip("0")


def canonical_body(name: str, extraction: ArticleExtraction) -> str:
    """A body's canonical name: the organizations component's expansion where it exists.

    >>> canonical_body("Bộ Quốc phòng", ArticleExtraction("a"))
    'Bộ Quốc phòng'
    """
    try:
        from kg.extract.organizations import canonical_org
    except ImportError:  # the organizations component does not expose it (yet)
        return name
    result = canonical_org(name, extraction)
    return str(result) if result else name


def read_documents(doc: Document, extraction: ArticleExtraction) -> tuple[LegalDocument, ...]:
    """Every numbered document of the article, merged by identifier, in order of first mention."""
    text = doc.text
    refs = find_references(text)
    merged: dict[str, LegalDocument] = {}
    word_typed: set[str] = set()
    for r in refs:
        key = fold(r.identifier)
        ev = Evidence(r.start, r.end, doc.sentence_index(r.start), "documents", r.rule)
        issuer = canonical_body(r.issuer, extraction) if r.issuer else None
        has_word = r.span_start < r.start and not text[r.span_start].isdigit()
        old = merged.get(key)
        if old is None:
            merged[key] = LegalDocument(r.identifier, r.type, r.date, issuer, r.title, (), (ev,))
        else:
            # the type from a word in the text wins over one from the symbol's code
            doc_type = r.type if (has_word and key not in word_typed) else old.type or r.type
            merged[key] = dataclasses.replace(
                old,
                type=doc_type,
                date=old.date or r.date,
                issuer=old.issuer or issuer,
                title=old.title or r.title,
                evidence=(*old.evidence, ev),
            )
        if has_word:
            word_typed.add(key)
    # where the text names no issuer, the symbol's issuer code may ("72/2020/NĐ-CP")
    for key, d in merged.items():
        if d.issuer is None:
            merged[key] = dataclasses.replace(d, issuer=symbol_issuer(d.identifier))
    spans = [(r.span_start, r.end) for r in refs]
    for s in find_short_references(text) if refs else ():
        if any(a < s.end and s.start < b for a, b in spans):
            continue
        target = _resolve(s, merged.values())
        if target is None:
            continue
        ev = Evidence(
            s.start, s.end, doc.sentence_index(s.start), "documents", "documents.alias", 0.9
        )
        aliases = target.aliases if s.alias in target.aliases else (*target.aliases, s.alias)
        merged[fold(target.identifier)] = dataclasses.replace(
            target, aliases=aliases, evidence=(*target.evidence, ev)
        )
    return tuple(merged.values())


def _resolve(short: ShortReference, documents: Iterable[LegalDocument]) -> LegalDocument | None:
    """The full document a short reference names: same number, same (or unknown) type."""
    candidates = [
        d
        for d in documents
        if _number(d.identifier) == short.number.lstrip("0") and d.type in (short.type, None)
    ]
    return candidates[0] if len(candidates) == 1 else None


@component("documents")
def extract_documents(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Fill ``extraction.documents`` with the article's numbered documents."""
    return dataclasses.replace(extraction, documents=read_documents(doc, extraction))
