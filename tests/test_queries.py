"""The bundled queries: they parse, have the documented columns, and answer rightly on a
small hand-built graph (tests/data/small.trig) and on kg.rdf's own output."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import queries
from kg.results import split_order_by, to_table
from kg.store import Store, Table
from tests.test_store import fill

B = "https://w3id.org/kgvn/id/"
A1, A2 = B + "article/a1", B + "article/a2"
HUNG = B + "person/nguyễn-việt-hùng--tổng-cục-công-nghiệp-quốc-phòng"
DUC = B + "person/nguyễn-đình-đức--a1"
HCM = B + "person/hồ-chí-minh--a1"
MANH = B + "person/nguyễn-mạnh-hùng--a2"
TCCNQP = B + "org/tổng-cục-công-nghiệp-quốc-phòng"
BCT = B + "org/bộ-chính-trị"
D752, D02 = B + "document/752-ct-ct--2006", B + "document/02-nq-tw--2021"
TC = "Tổng cục Công nghiệp quốc phòng"

# The columns of /work/shared/eval/README.md, in its order.
COLUMNS = {
    "persons": ("article", "person", "name"),
    "participants": ("article", "person", "name", "role"),
    "ranks": ("article", "person", "name", "rank"),
    "positions": ("article", "person", "name", "title", "organization"),
    "meetings": ("article", "meeting", "date", "location", "organizer"),
    "documents": ("document", "identifier", "type", "date", "issuer", "title"),
    "meeting_documents": ("article", "identifier", "relation"),
    "authors": ("article", "author", "name"),
    "organizations": ("article", "organization", "name"),
}

EXPECTED: dict[str, tuple[tuple[str | None, ...], ...]] = {
    "persons": (
        (A1, HCM, "Hồ Chí Minh"),
        (A1, HUNG, "Nguyễn Việt Hùng"),
        (A1, DUC, "Nguyễn Đình Đức"),
        (A2, MANH, "Nguyễn Mạnh Hùng"),
        (A2, HUNG, "Nguyễn Việt Hùng"),
    ),
    "participants": (
        (A1, HUNG, "Nguyễn Việt Hùng", "participant"),
        (A1, HUNG, "Nguyễn Việt Hùng", "speaker"),
        (A1, DUC, "Nguyễn Đình Đức", "participant"),
        (A2, MANH, "Nguyễn Mạnh Hùng", "chair"),
        (A2, MANH, "Nguyễn Mạnh Hùng", "participant"),
        (A2, HUNG, "Nguyễn Việt Hùng", "participant"),
    ),
    # the same person: Thiếu tướng in a1, Trung tướng in a2, each from its own article
    "ranks": (
        (A1, HUNG, "Nguyễn Việt Hùng", "Thiếu tướng"),
        (A1, DUC, "Nguyễn Đình Đức", "Đại tá"),
        (A2, HUNG, "Nguyễn Việt Hùng", "Trung tướng"),
    ),
    "positions": (
        (A1, HUNG, "Nguyễn Việt Hùng", "Phó Chính ủy", TC),
        (A1, DUC, "Nguyễn Đình Đức", "Trưởng ban", None),
        (A2, HUNG, "Nguyễn Việt Hùng", "Chính ủy", TC),
    ),
    "meetings": (
        (A1, A1 + "/meeting/0", "2021-07-15", "Hà Nội", TC),
        (A1, A1 + "/meeting/1", None, None, None),
        (A2, A2 + "/meeting/0", "--12-26", None, TC),
    ),
    # 02-NQ/TW: type read in a1, date and issuing body in a2
    "documents": (
        (D02, "02-NQ/TW", "Nghị quyết", "2021-06-12", "Bộ Chính trị", None),
        (
            D752,
            "752/CT-CT",
            "Chỉ thị",
            "2006-07-31",
            "Chủ nhiệm Tổng cục Chính trị",
            "Tăng cường xây dựng công đoàn cơ sở vững mạnh",
        ),
    ),
    # read from the meeting-to-document shortcuts (a1's cites has no kg:DocumentUse node)
    "meeting_documents": (
        (A1, "02-NQ/TW", "cites"),
        (A1, "752/CT-CT", "reviews"),
        (A2, "02-NQ/TW", "disseminates"),
        (A2, "752/CT-CT", "reviews"),
    ),
    "authors": (
        (A1, B + "author/anh-khôi", "Anh Khôi"),
        (A2, B + "author/phương-anh", "Phương Anh"),
    ),
    "organizations": (
        (A1, TCCNQP, TC),
        (A2, BCT, "Bộ Chính trị"),
        (A2, TCCNQP, TC),
    ),
    "co_attendance": (
        (HUNG, "Nguyễn Việt Hùng", DUC, "Nguyễn Đình Đức", "2"),
        (MANH, "Nguyễn Mạnh Hùng", HUNG, "Nguyễn Việt Hùng", "1"),
    ),
    "body_reviewed_documents": ((TCCNQP, TC, D752, "752/CT-CT", "2"),),
    "evidence": (
        (
            A1,
            A1 + "/meeting/0",
            HUNG,
            "Nguyễn Việt Hùng",
            "speaker",
            "12",
            "28",
            "Nguyễn Việt Hùng",
            "Thiếu tướng Nguyễn Việt Hùng phát biểu.",
            "speaker.phat-bieu",
            "0.9",
        ),
    ),
}


@pytest.fixture(scope="module")
def small() -> Store:
    store = Store.in_memory()
    fill(store)
    return store


def test_bundled_names() -> None:
    assert set(queries.COMPETENCY) == set(COLUMNS)
    assert queries.names() == sorted(
        [*COLUMNS, "person_posts_over_time", "co_attendance", "body_reviewed_documents", "evidence"]
    )


@pytest.mark.parametrize("name", queries.names())
def test_every_query_parses_is_described_and_ordered(name: str) -> None:
    text = queries.load(name)
    table = Store.in_memory().select(text)
    assert table.rows == ()
    if name in COLUMNS:
        assert table.columns == COLUMNS[name]
    first = text.splitlines()[0]
    assert first.startswith("# ") and queries.describe(name) == first[2:].strip() != ""
    assert re.search(r"^ORDER BY ", text, re.MULTILINE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_answers_on_the_small_graph(small: Store, name: str) -> None:
    assert small.select(queries.load(name)).rows == EXPECTED[name]


def test_person_posts_over_time_follows_one_bound_person(small: Store) -> None:
    text = queries.load("person_posts_over_time")
    table = small.select(text, {"person": ox.NamedNode(HUNG)})
    got = [
        (r["date"], r["kind"], r["value"], r["organization"], r["article"]) for r in table.records()
    ]
    assert got == [
        ("2021-07-15", "post", "Phó Chính ủy", TC, A1),
        ("2021-07-15", "rank", "Thiếu tướng", None, A1),
        ("2022-12-26", "post", "Chính ủy", TC, A2),
        ("2022-12-26", "rank", "Trung tướng", None, A2),
    ]
    assert set(table.column("person")) == {HUNG}
    assert len(small.select(text)) == 6  # unbound: Nguyễn Đình Đức's rank and post too


def test_an_article_removed_from_the_store_leaves_no_answers(small: Store) -> None:
    store = Store.in_memory()
    fill(store)
    store.remove_article(A1)
    for name in queries.COMPETENCY:
        rows = store.select(queries.load(name)).rows
        assert all(A1 not in (row[0] or "") for row in rows), name
    # documents still come from a2 alone: 752/CT-CT loses what only a1 said of it
    assert store.select(queries.load("documents")).rows[1] == (
        D752,
        "752/CT-CT",
        None,
        None,
        None,
        None,
    )


def test_load_accepts_names_files_and_text(tmp_path: Path) -> None:
    rq = tmp_path / "mine.rq"
    rq.write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    assert queries.load(str(rq)) == "SELECT ?s WHERE { ?s ?p ?o }"
    assert queries.load("ASK { }") == "ASK { }"
    assert queries.load("ranks") == queries.bundled("ranks")
    with pytest.raises(KeyError, match="not a bundled query"):
        queries.load("no_such_query")
    with pytest.raises(KeyError, match="no bundled query"):
        queries.describe("no_such_query")


TABLE = Table(("name", "rank"), (("Nguyễn Việt Hùng", "Thiếu tướng"), ("Hồ Chí Minh", None)))


def test_write_csv_has_a_header_and_plain_values() -> None:
    out = io.StringIO(newline="")
    queries.write_table(TABLE, "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["name", "rank"],
        ["Nguyễn Việt Hùng", "Thiếu tướng"],
        ["Hồ Chí Minh", ""],
    ]


def test_write_json_is_a_list_of_objects_in_utf8() -> None:
    out = io.StringIO()
    queries.write_table(TABLE, "json", out)
    assert "Nguyễn" in out.getvalue()
    assert json.loads(out.getvalue()) == [
        {"name": "Nguyễn Việt Hùng", "rank": "Thiếu tướng"},
        {"name": "Hồ Chí Minh", "rank": None},
    ]


def test_write_table_aligns_columns() -> None:
    out = io.StringIO()
    queries.write_table(TABLE, "table", out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "name              rank"
    assert lines[1] == "----------------  -----------"
    assert lines[2] == "Nguyễn Việt Hùng  Thiếu tướng"
    assert lines[3] == "Hồ Chí Minh"
    assert lines[-1] == "(2 rows)"
    with pytest.raises(ValueError, match="unknown table format"):
        queries.write_table(TABLE, "xml", out)  # type: ignore[arg-type]


def test_queries_read_what_kg_rdf_writes() -> None:
    """Integration: two articles mapped by kg.rdf (the real writer), then queried."""
    import kg.rdf as rdf
    from kg.document import Document
    from kg.model import (
        ArticleExtraction,
        Author,
        DocumentRelation,
        Evidence,
        LegalDocument,
        Meeting,
        Organization,
        Participation,
        Person,
        Position,
        Rank,
    )

    def article(aid: str, text: str, rank: str, title: str, online: bool) -> list[ox.Quad]:
        doc = Document.from_text(aid, text, published="2021-07-16")

        def ev(surface: str, rule: str = "test") -> Evidence:
            start = doc.text.index(surface)
            return Evidence(start, start + len(surface), doc.sentence_index(start), "t", rule)

        body = "Tổng cục Công nghiệp quốc phòng"
        hung = Person(
            "hung",
            "Nguyễn Việt Hùng",
            rank=Rank(rank, ev(rank)),
            positions=(Position(title, body, ev(title)),),
            mentions=(ev("Nguyễn Việt Hùng"),),
        )
        meeting = Meeting(
            "tổng kết",
            "Hội nghị tổng kết",
            ev("Hội nghị tổng kết"),
            date="2021-07-15",
            location="Hà Nội",
            organizer=body,
            online=online,
            participations=(
                Participation("hung", "chair", ev("chủ trì")),
                Participation("hung", "participant", ev("chủ trì")),
            ),
            documents=(DocumentRelation("752/CT-CT", "reviews", ev("752/CT-CT")),),
        )
        extraction = ArticleExtraction(
            aid,
            persons=(hung,),
            organizations=(Organization(body, ("Tổng cục CNQP",), (ev("Tổng cục CNQP"),)),),
            documents=(LegalDocument("752/CT-CT", "Chỉ thị", "2006-07-31", evidence=(ev("752"),)),),
            meetings=(meeting,),
            authors=(Author("Anh Khôi", ev("Anh Khôi")),),
        )
        return rdf.article_quads(doc, extraction, base=B)

    text = (
        "Ngày 15/7, Tổng cục CNQP tổ chức Hội nghị tổng kết Chỉ thị 752/CT-CT. "
        "{rank} Nguyễn Việt Hùng, {title} Tổng cục CNQP chủ trì.\nTin: Anh Khôi"
    )
    store = Store.in_memory()
    for aid, rank, title in (
        ("x1", "Thiếu tướng", "Phó Chính ủy"),
        ("x2", "Trung tướng", "Chính ủy"),
    ):
        quads = article(aid, text.format(rank=rank, title=title), rank, title, aid == "x2")
        store.replace_article(B + "article/" + aid, quads)

    def rows(name: str, *columns: str) -> list[tuple[str | None, ...]]:
        records = store.select(queries.load(name)).records()
        return [tuple(r[c] for c in columns) for r in records]

    x1, x2 = B + "article/x1", B + "article/x2"
    persons = store.select(queries.load("persons"))
    assert [(r[0], r[2]) for r in persons.rows] == [
        (x1, "Nguyễn Việt Hùng"),
        (x2, "Nguyễn Việt Hùng"),
    ]
    assert len(set(persons.column("person"))) == 1  # one IRI across the two articles
    assert rows("ranks", "article", "rank") == [(x1, "Thiếu tướng"), (x2, "Trung tướng")]
    assert rows("positions", "article", "title", "organization") == [
        (x1, "Phó Chính ủy", "Tổng cục Công nghiệp quốc phòng"),
        (x2, "Chính ủy", "Tổng cục Công nghiệp quốc phòng"),
    ]
    assert rows("participants", "article", "role") == [
        (x1, "chair"),
        (x1, "participant"),
        (x2, "chair"),
        (x2, "participant"),
    ]
    assert rows("meetings", "article", "date", "location", "organizer") == [
        (a, "2021-07-15", "Hà Nội", "Tổng cục Công nghiệp quốc phòng") for a in (x1, x2)
    ]
    assert rows("meeting_documents", "article", "identifier", "relation") == [
        (x1, "752/CT-CT", "reviews"),
        (x2, "752/CT-CT", "reviews"),
    ]
    assert rows("documents", "identifier", "type", "date") == [
        ("752/CT-CT", "Chỉ thị", "2006-07-31")
    ]
    assert rows("authors", "article", "name") == [(x1, "Anh Khôi"), (x2, "Anh Khôi")]
    assert ("Tổng cục Công nghiệp quốc phòng",) in rows("organizations", "name")
    assert rows("person_posts_over_time", "date", "kind", "value", "article") == [
        ("2021-07-15", "post", "Phó Chính ủy", x1),
        ("2021-07-15", "rank", "Thiếu tướng", x1),
        ("2021-07-15", "post", "Chính ủy", x2),
        ("2021-07-15", "rank", "Trung tướng", x2),
    ]
    evidence = rows("evidence", "role", "surface")
    assert ("chair", "chủ trì") in evidence


# --- ordering: Store.select sorts in Python exactly as the engine's ORDER BY would ----

XSD = "http://www.w3.org/2001/XMLSchema#"


def engine_order(store: Store, text: str) -> tuple[tuple[str | None, ...], ...]:
    """The rows in pyoxigraph's own ORDER BY order (no sorting in Python)."""
    result = store.query(text)
    assert isinstance(result, ox.QuerySolutions)
    table = to_table([v.value for v in result.variables], (tuple(s) for s in result))
    assert table is not None
    return table.rows


@pytest.mark.parametrize("name", queries.names())
def test_bundled_queries_are_sorted_in_python_like_the_engine(small: Store, name: str) -> None:
    text = queries.load(name)
    assert split_order_by(text) is not None  # every bundled query takes the fast path
    assert small.select(text).rows == engine_order(small, text)


KINDS = {
    "iri": st.sampled_from("abc").map(lambda v: ox.NamedNode(f"http://x/{v}")),
    "int": st.integers(-3, 12).map(
        lambda v: ox.Literal(str(v), datatype=ox.NamedNode(XSD + "integer"))
    ),
    "str": st.sampled_from(["a", "B", "ă", "10", "2", "Đức", "Dũng"]).map(ox.Literal),
    "date": st.sampled_from(["2021-07-15", "2020-01-01", "2020-12-31"]).map(
        lambda v: ox.Literal(v, datatype=ox.NamedNode(XSD + "date"))
    ),
}


@st.composite
def columns(draw: st.DrawFn) -> list[tuple[ox.NamedNode | ox.Literal | None, ...]]:
    kinds = [draw(st.sampled_from(sorted(KINDS))) for _ in range(2)]
    values = [st.one_of(st.none(), KINDS[k]) for k in kinds]
    return draw(st.lists(st.tuples(*values), min_size=1, max_size=10))


@settings(max_examples=80, deadline=None)
@given(rows=columns(), descending=st.tuples(st.booleans(), st.booleans()))
def test_python_order_equals_engine_order(
    rows: list[tuple[ox.NamedNode | ox.Literal | None, ...]], descending: tuple[bool, bool]
) -> None:
    graph = ox.NamedNode(A1)
    quads = []
    for i, (a, b) in enumerate(rows):
        row = ox.NamedNode(f"http://r/{i:02d}")
        quads.append(ox.Quad(row, ox.NamedNode("http://p/row"), ox.Literal(str(i)), graph))
        for prop, value in (("a", a), ("b", b)):
            if value is not None:
                quads.append(ox.Quad(row, ox.NamedNode(f"http://p/{prop}"), value, graph))
    store = Store.in_memory()
    store.replace_article(A1, quads)
    keys = " ".join(f"DESC(?{v})" if d else f"?{v}" for v, d in zip("ab", descending, strict=True))
    text = (
        "SELECT ?a ?b ?row WHERE { ?row <http://p/row> ?i "
        "OPTIONAL { ?row <http://p/a> ?a } OPTIONAL { ?row <http://p/b> ?b } } "
        f"ORDER BY {keys} ?row"
    )
    assert store.select(text).rows == engine_order(store, text)
