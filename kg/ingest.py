"""Reading articles from disk: plain text and HTML files, and folders of both.

This is the input edge of the pipeline: it finds the files, decodes them, takes the body
of an HTML page with trafilatura, drops site furniture (comment forms, font-size
buttons, the page clock, "In tin bài", related-news lists), reads a publication date
from HTML metadata or a sidecar ``ARTICLE.json``, and returns a
:class:`~kg.document.Document`. Every problem is an :class:`InputError` whose message
names the file, so a build can report it on one line and go on.

Example:
    >>> clean_furniture("Hôm nay, ngày 21/2/2019\\nCỡ chữ: A+ A-\\nNội dung bài\\nIn tin bài")
    'Nội dung bài'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from kg.document import Document
from kg.encodings import decode_cp1258, sniff
from kg.rules import Rule, load_rules

SUFFIXES = (".txt", ".html", ".htm")
MAX_BYTES = 20_000_000  # far above any news article; keeps one stray dump from stalling a build

# A line near the top that is only a date and a time ("11.5.2018 - 14:53") is the
# publisher's time stamp.
_STAMP = re.compile(
    r"^(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})"
    r"(?:\s*[-,|]?\s*(?P<H>\d{1,2}):(?P<M>\d{2}))?\s*$"
)
_STAMP_LINES = 12


class InputError(ValueError):
    """A file that cannot be read as an article; the message names the file."""


def discover(paths: Iterable[Path]) -> list[Path]:
    """The article files under ``paths`` (files as given, folders searched recursively).

    Returns:
        Sorted, de-duplicated paths with a ``.txt``, ``.html`` or ``.htm`` suffix.

    Raises:
        InputError: when a path does not exist, or a file given by name has another suffix.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise InputError(f"{path}: not a .txt or .html file")
            found.add(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return sorted(found, key=lambda p: (p.stem, str(p)))


def read_article(path: Path) -> Document:
    """Read one article file into a :class:`Document`.

    Raises:
        InputError: for an unreadable, empty, binary, oversized or undecodable file.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    raw = decode(data, path)
    title: str | None = None
    published: str | None = None
    if path.suffix.lower() in (".html", ".htm"):
        raw, title, published = html_body(raw, path)
    text = clean_furniture(raw)
    if not text.strip():
        raise InputError(f"{path}: no article text")
    stamp = _time_stamp(text)
    meta = _sidecar(path)
    return Document.from_text(
        path.stem,
        text,
        source=str(path),
        title=meta.get("title") or title,
        published=meta.get("published") or published or stamp,
    )


def decode(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1258.

    Windows-1258 is decoded only when the bytes are not UTF-8 and the result reads as
    Vietnamese; TCVN3 and VNI (font encodings with no codec) are named in the error.

    Raises:
        InputError: for empty or binary data, or bytes in no encoding kg can decode.
    """
    if not data.strip():
        raise InputError(f"{path}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data:
        raise InputError(f"{path}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        legacy = decode_cp1258(data)
        if legacy is not None:
            return legacy
        where = f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
        font = sniff(data)
        hint = f"; it looks like the legacy {font} encoding: convert it to UTF-8" if font else ""
        raise InputError(f"{path}: not UTF-8 ({where}){hint}") from None


def html_body(html: str, path: Path) -> tuple[str, str | None, str | None]:
    """The main text, title and publication date of an HTML page (trafilatura)."""
    import trafilatura  # imported here: it is slow to import and plain text never needs it

    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise InputError(f"{path}: cannot parse HTML: {exc}") from None
    if result is None:
        raise InputError(f"{path}: no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = recover_lead_and_byline(html, data.get("text") or "", data.get("title") or None)
    return text, data.get("title") or None, data.get("date") or None


# Classes of the lead (sapo) and byline elements that main-text extraction drops as
# boilerplate: "post-summary", "sapo", "author-name", "byline" ...
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:sapo|summary|chapeau|lead|excerpt|tomtat|tom-tat)(?:$|[\s_-])", re.I
)
_AUTHOR_CLASS = re.compile(r"(?:^|[\s_-])(?:author|byline|tacgia|tac-gia)(?:$|[\s_-])", re.I)
_OUTSIDE_CLASS = re.compile(r"comment|related|relate|footer|sidebar|menu|nav|binh-luan", re.I)
_LEAD_CHARS = (40, 1500)
_AUTHOR_CHARS = 80


def recover_lead_and_byline(html: str, text: str, title: str | None = None) -> str:
    """Put back the lead and the byline of a page where main-text extraction dropped them.

    Only elements after the page's ``<h1>`` count, outside comments, related news and
    navigation; the lead goes first (after the title line, if the text starts with it),
    the byline last. Text already present is not repeated.

    >>> page = ('<h1>Tiêu đề</h1><div class="post-summary">Sáng 1-4, Bộ Tư lệnh tổ chức '
    ...         'hội nghị bàn giao nhiệm vụ.</div><p>Nội dung.</p><p class="author">MINH AN</p>')
    >>> recover_lead_and_byline(page, "Nội dung.")
    'Sáng 1-4, Bộ Tư lệnh tổ chức hội nghị bàn giao nhiệm vụ.\\nNội dung.\\nMINH AN'
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return text
    started = not tree.xpath("//h1")
    lead: str | None = None
    author: str | None = None
    flat = " ".join(text.split())
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "h1":
            started = True
            continue
        if not started or _outside(el):
            continue
        cls = f"{el.get('class', '')} {el.get('id', '')}"
        content = " ".join(el.text_content().split())
        if not content or content in flat:
            continue
        if lead is None and author is None and _LEAD_CLASS.search(cls):
            if _LEAD_CHARS[0] <= len(content) <= _LEAD_CHARS[1]:
                lead = content
        elif author is None and _AUTHOR_CLASS.search(cls) and len(content) <= _AUTHOR_CHARS:
            author = content
    lines = text.split("\n")
    if lead:
        at = 1 if title and lines and lines[0].strip() == title.strip() else 0
        lines.insert(at, lead)
    if author:
        lines.append(author)
    return "\n".join(lines)


def _outside(el: object) -> bool:
    """Whether an element sits in comments, related news or navigation."""
    node = el
    while node is not None:
        tag = getattr(node, "tag", "")
        if tag in ("nav", "footer", "aside", "form"):
            return True
        get = getattr(node, "get", None)
        if get is not None and _OUTSIDE_CLASS.search(f"{get('class', '')} {get('id', '')}"):
            return True
        node = node.getparent()  # type: ignore[attr-defined]
    return False


def clean_furniture(text: str, rules: Sequence[Rule] | None = None) -> str:
    """Drop site furniture lines and everything after a related-news heading."""
    line_rules, tail_rules = _furniture() if rules is None else _split(rules)
    kept: list[str] = []
    for line in text.splitlines():
        bare = line.strip()
        if any(p.match(bare) for p in tail_rules):
            break
        if not any(p.match(bare) for p in line_rules):
            kept.append(line)
    return "\n".join(kept).strip()


@cache
def _furniture() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    return _split(load_rules("furniture"))


def _split(
    rules: Sequence[Rule],
) -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    def compiled(label: str) -> tuple[re.Pattern[str], ...]:
        return tuple(
            re.compile(r.pattern, re.IGNORECASE if r.ignore_case else 0)
            for r in rules
            if r.label == label
        )

    return compiled("LINE"), compiled("TAIL")


def _time_stamp(text: str) -> str | None:
    """The publisher's date-time stamp near the top, as ISO, if there is one."""
    for line in text.splitlines()[:_STAMP_LINES]:
        m = _STAMP.match(line.strip())
        if m and 1 <= int(m["d"]) <= 31 and 1 <= int(m["m"]) <= 12:
            day = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
            return f"{day}T{int(m['H']):02d}:{m['M']}" if m["H"] else day
    return None


def _sidecar(path: Path) -> dict[str, str]:
    """Optional ``ARTICLE.json`` beside the article: ``published`` and ``title``."""
    meta = path.with_suffix(".json")
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{meta}: unreadable sidecar metadata: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{meta}: sidecar metadata must be a JSON object")
    return {k: str(data[k]) for k in ("published", "title") if data.get(k)}
