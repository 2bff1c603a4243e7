"""Property-based tests: random and mutated articles through the whole pipeline.

Whatever the text, extraction must not crash, every evidence span must be exact
(``text[start:end]`` is what the graph says it is), the article graph must serialize and
re-parse the same in pyoxigraph and rdflib, and two runs must give the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.document import Document
from kg.model import ArticleExtraction, Evidence
from kg.pipeline import Pipeline
from kg.rdf import article_quads

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]
PIPELINE = Pipeline()

# Pieces of the genre, so random text often looks like an article to the extractors.
PIECES = [
    "Thiếu tướng",
    "Đại tá",
    "Chuẩn Đô đốc",
    "đồng chí",
    "Đ/c",
    "Nguyễn Văn An",
    "Lê Thị Hoa",
    ", Phó Chính ủy",
    " - Chủ nhiệm",
    "Bộ CHQS tỉnh",
    "Tổng cục CNQP",
    "(CNQP)",
    "Quân khu 7",
    "chủ trì",
    "phát biểu",
    "dự",
    "Hội nghị",
    "tổng kết",
    "Nghị quyết số 12-NQ/TW",
    "ngày 3/6/2013",
    "Quyết định 217, 218-QĐ/TW",
    "160/2014/TT-BQP",
    "Ngày 15/7",
    "tại Hà Nội",
    "“",
    "”",
    "\n",
    ". ",
    ", ",
    "Tin, ảnh: MINH ANH",
    "<script>alert(1)</script>",
    "\u200b",
    "\u00a0",
    "\t",
    '"',
    "nguyên Chủ tịch",
    "Uỷ ban",
    "hoá",
    "\\",
    "@prefix",
    "<http://x>",
    "'''",
    "%20",
    "\ufeff",
]

text_from_pieces = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=60).map(
    "".join
)
arbitrary_text = st.text(max_size=400)


def _mutate(text: str, seed: int) -> str:
    rng = random.Random(seed)
    chars = list(text)
    for _ in range(rng.randint(1, 40)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        op = rng.randrange(4)
        if op == 0:
            del chars[i]
        elif op == 1:
            chars.insert(i, rng.choice(["\n", " ", ",", "-", "Đ", "\u0301", "<", "&", "\x00"]))
        elif op == 2:
            chars[i] = chars[i].upper()
        else:
            j = rng.randrange(len(chars))
            chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def _evidence(extraction: ArticleExtraction) -> list[Evidence]:
    found: list[Evidence] = []
    for person in extraction.persons:
        found.extend(person.mentions)
        found.extend(p.evidence for p in person.positions)
        if person.rank:
            found.append(person.rank.evidence)
    for meeting in extraction.meetings:
        found.append(meeting.evidence)
        found.extend(p.evidence for p in meeting.participations)
        found.extend(d.evidence for d in meeting.documents)
    for doc in extraction.documents:
        found.extend(doc.evidence)
    for org in extraction.organizations:
        found.extend(org.evidence)
    found.extend(a.evidence for a in extraction.authors)
    return found


def _check(text: str) -> None:
    doc = Document.from_text("fuzz", text)
    extraction = PIPELINE(doc)
    for ev in _evidence(extraction):
        assert 0 <= ev.start < ev.end <= len(doc.text), ev
        assert 0 <= ev.sentence < max(len(doc.sentences), 1), ev
        assert 0.0 <= ev.confidence <= 1.0, ev
    quads = article_quads(doc, extraction)
    anchors = {
        (q.subject, q.object.value)
        for q in quads
        if q.predicate.value.endswith("#anchorOf") and "/evidence/" in q.subject.value
    }
    begins = {
        q.subject: int(q.object.value) for q in quads if q.predicate.value.endswith("#beginIndex")
    }
    ends = {
        q.subject: int(q.object.value) for q in quads if q.predicate.value.endswith("#endIndex")
    }
    for subject, anchor in anchors:
        assert doc.text[begins[subject] : ends[subject]] == anchor
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert nquads is not None
    reread = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    assert len(reread) == len(quads) == len(dataset)
    again = article_quads(doc, PIPELINE(Document.from_text("fuzz", text)))
    assert ox.serialize(again, format=ox.RdfFormat.N_QUADS) == nquads


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(text_from_pieces)
def test_genre_like_noise(text: str) -> None:
    _check(text)


@FUZZ
@given(arbitrary_text)
def test_arbitrary_unicode(text: str) -> None:
    _check(text)


@FUZZ
@given(st.integers(0, len(SEED_TEXTS) - 1), st.integers(0, 2**32))
def test_mutated_real_articles(index: int, seed: int) -> None:
    _check(_mutate(SEED_TEXTS[index], seed))
