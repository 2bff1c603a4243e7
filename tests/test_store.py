"""kg.store: the on-disk SPARQL store, one named graph per article."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.store import QueryError, Store, StoreError, Table

DATA = Path(__file__).parent / "data"
B = "https://w3id.org/kgvn/id/"
A1, A2 = B + "article/a1", B + "article/a2"
SCHEMA_NAME = ox.NamedNode("https://schema.org/name")


def small_graphs() -> dict[str, list[ox.Quad]]:
    """The quads of tests/data/small.trig, by article graph."""
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in ox.parse(path=DATA / "small.trig", format=ox.RdfFormat.TRIG):
        graphs[quad.graph_name.value].append(quad)
    return dict(graphs)


def fill(store: Store) -> dict[str, list[ox.Quad]]:
    graphs = small_graphs()
    for iri, quads in graphs.items():
        store.replace_article(iri, quads)
    return graphs


def quad(s: str, p: str, o: str, g: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(o), ox.NamedNode(g))


def test_open_creates_the_store_folder_and_keeps_data_across_openings(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        graphs = fill(store)
        assert store.path == tmp_path / "store"
    assert (tmp_path / "store").is_dir()
    with Store.open(tmp_path, read_only=True) as store:
        assert store.articles() == [A1, A2]
        assert store.quad_count() == sum(len(q) for q in graphs.values()) == 156


def test_triple_count_counts_shared_triples_once() -> None:
    store = Store.in_memory()
    fill(store)
    # the person, body and documents repeat some triples in both article graphs
    assert store.quad_count() == 156
    assert store.triple_count() == 147


def test_replace_article_replaces_only_that_article() -> None:
    store = Store.in_memory()
    fill(store)
    new = [quad(A1, "https://schema.org/headline", "Tin mới", A1)]
    store.replace_article(A1, new)
    assert list(store.quads(A1)) == new
    assert len(list(store.quads(A2))) == len(small_graphs()[A2])
    names = store.select(
        "SELECT DISTINCT ?g ?n WHERE { GRAPH ?g { ?s ?p ?n } }", {"g": ox.NamedNode(A1)}
    )
    assert names.column("n") == ["Tin mới"]


def test_replace_article_rejects_quads_of_another_graph_before_touching_the_store() -> None:
    store = Store.in_memory()
    fill(store)
    before = store.quad_count()
    with pytest.raises(ValueError, match="outside the graph"):
        store.replace_article(A1, [quad(A1, "https://schema.org/name", "x", A2)])
    assert store.quad_count() == before


def test_remove_article_and_empty_replacement() -> None:
    store = Store.in_memory()
    fill(store)
    store.remove_article(A2)
    assert store.articles() == [A1] and not store.has_article(A2)
    store.replace_article(A1, [])
    assert store.articles() == [] and store.quad_count() == 0
    store.remove_article(A1)  # absent: no error


def test_read_only_opening_of_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no kg store in .*: run kg build first"):
        Store.open(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    with (
        Store.open(tmp_path, read_only=True) as store,
        pytest.raises(StoreError, match="read-only"),
    ):
        store.replace_article(A1, [])


def test_a_locked_store_gives_a_store_error_and_close_releases_it(tmp_path: Path) -> None:
    first = Store.open(tmp_path)
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(tmp_path)
    first.close()
    first.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        first.articles()
    Store.open(tmp_path).close()


def test_select_returns_plain_strings_and_none_for_unbound() -> None:
    store = Store.in_memory()
    fill(store)
    table = store.select(
        """PREFIX schema: <https://schema.org/>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?m ?date ?begin WHERE {
          ?m a <https://w3id.org/kgvn/ontology#Meeting> .
          OPTIONAL { ?m schema:startDate ?date }
          OPTIONAL { ?m <https://w3id.org/kgvn/ontology#evidence>/nif:beginIndex ?begin }
        } ORDER BY ?m"""
    )
    assert isinstance(table, Table)
    assert table.columns == ("m", "date", "begin")
    assert table.rows == (
        (A1 + "/meeting/0", "2021-07-15", None),
        (A1 + "/meeting/1", None, None),
        (A2 + "/meeting/0", "--12-26", None),
    )
    assert table.records()[2] == {"m": A2 + "/meeting/0", "date": "--12-26", "begin": None}


def test_default_graph_is_the_union_of_article_graphs() -> None:
    store = Store.in_memory()
    fill(store)
    table = store.select(
        "SELECT DISTINCT ?n WHERE { ?a a <https://schema.org/NewsArticle> ; "
        "<http://purl.org/dc/terms/identifier> ?n } ORDER BY ?n"
    )
    assert table.column("n") == ["a1", "a2"]


def test_bindings_are_values_not_text() -> None:
    store = Store.in_memory()
    fill(store)
    query = "SELECT ?name ?person ?p WHERE { ?person ?p ?name }"
    found = store.select(query, {"?name": ox.Literal("Nguyễn Mạnh Hùng"), "p": SCHEMA_NAME})
    assert found.rows == (
        ("Nguyễn Mạnh Hùng", B + "person/nguyễn-mạnh-hùng--a2", SCHEMA_NAME.value),
    )
    # a value that would break out of a formatted query is only a value that matches nothing
    hostile = ox.Literal('x" } ?s ?p ?o { "')
    assert len(store.select(query, {"name": hostile, "p": SCHEMA_NAME})) == 0
    assert store.quad_count() == 156


def test_query_errors() -> None:
    store = Store.in_memory()
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.select("SELEC ?x WHERE {}")
    with pytest.raises(QueryError, match="not a SELECT"):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError):
        store.select("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal("x")})
    assert bool(store.query("ASK { }")) is True


def union_of_graphs(store: Store) -> set[ox.Triple]:
    return {q.triple for q in store.quads()}


def test_the_default_graph_counts_each_triple_once() -> None:
    store = Store.in_memory()
    fill(store)
    count = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").column("n")
    assert count == ["147"]
    persons = store.select(
        "SELECT ?p WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n }"
    )
    assert len(persons) == len(set(persons.column("p"))) == 6  # 4 people and 2 bylines
    assert set(store.union()) == union_of_graphs(store)


def test_removing_an_article_keeps_the_triples_another_article_holds() -> None:
    store = Store.in_memory()
    fill(store)
    store.remove_article(A1)
    names = set(store.select("SELECT ?n WHERE { ?s <https://schema.org/name> ?n }").column("n"))
    assert "Nguyễn Việt Hùng" in names  # a2 names him too
    assert "Hồ Chí Minh" not in names and "Anh Khôi" not in names
    assert set(store.union()) == union_of_graphs(store)
    assert store.triple_count() == store.quad_count() == len(small_graphs()[A2])


def test_rebuilding_an_unchanged_article_changes_nothing() -> None:
    store = Store.in_memory()
    graphs = fill(store)
    before = (store.quad_count(), store.triple_count())
    store.replace_article(A1, list(reversed(graphs[A1])))
    assert (store.quad_count(), store.triple_count()) == before


def test_rebuild_union_repairs_the_default_graph() -> None:
    store = Store.in_memory()
    fill(store)
    stray = ox.Quad(ox.NamedNode(B + "x"), SCHEMA_NAME, ox.Literal("stray"))
    store.inner.add(stray)
    store.inner.remove(
        next(iter(store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    )
    store.rebuild_union()
    assert set(store.union()) == union_of_graphs(store)
    assert store.triple_count() == 147


SUBJECTS = st.sampled_from(["s1", "s2"])
OBJECTS = st.sampled_from(["x", "y", "z"])
GRAPHS = st.sampled_from([A1, A2, B + "article/a3"])


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(st.tuples(GRAPHS, st.sets(st.tuples(SUBJECTS, OBJECTS), max_size=4)), max_size=8)
)
def test_the_union_follows_any_sequence_of_rebuilds(
    steps: list[tuple[str, set[tuple[str, str]]]],
) -> None:
    store = Store.in_memory()
    for graph, facts in steps:
        store.replace_article(graph, [quad(B + s, SCHEMA_NAME.value, o, graph) for s, o in facts])
        assert set(store.union()) == union_of_graphs(store)
        assert store.articles() == sorted({q.graph_name.value for q in store.quads()})


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(
        st.tuples(GRAPHS, st.sets(st.tuples(SUBJECTS, OBJECTS), max_size=4)), max_size=8
    ),
    batch=st.integers(min_value=1, max_value=10),
)
def test_bulk_replacement_ends_like_one_replacement_at_a_time(
    steps: list[tuple[str, set[tuple[str, str]]]], batch: int
) -> None:
    one, bulk = Store.in_memory(), Store.in_memory()
    articles = [
        (graph, [quad(B + s, SCHEMA_NAME.value, o, graph) for s, o in sorted(facts)])
        for graph, facts in steps
    ]
    for graph, quads in articles:
        one.replace_article(graph, quads)
    bulk.replace_articles(articles, batch=batch)
    assert set(bulk.quads()) == set(one.quads())
    assert set(bulk.union()) == set(one.union()) == union_of_graphs(one)
    assert bulk.articles() == one.articles()


def test_bulk_replacement_on_disk_counts_changed_articles(tmp_path: Path) -> None:
    graphs = small_graphs()
    with Store.open(tmp_path) as store:
        assert store.replace_articles(graphs.items()) == 2
        assert store.replace_articles(graphs.items()) == 0  # unchanged
        assert (store.quad_count(), store.triple_count()) == (156, 147)


def as_bytes(quads: list[ox.Quad]) -> tuple[bytes, bytes]:
    """An article as a build worker hands it over: N-Quads and the same as N-Triples."""
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    ntriples = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
    return nquads, ntriples


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(
        st.tuples(GRAPHS, st.sets(st.tuples(SUBJECTS, OBJECTS), max_size=4)), max_size=8
    ),
    collect=st.booleans(),
)
def test_bulk_loading_from_bytes_ends_like_one_replacement_at_a_time(
    steps: list[tuple[str, set[tuple[str, str]]]], collect: bool
) -> None:
    """What a build does: drop the replaced graphs, bulk-load the new bytes, then fix the
    union (triple by triple, or rebuilt in one pass)."""
    one, bulk = Store.in_memory(), Store.in_memory()
    for graph, facts in steps:
        quads = [quad(B + s, SCHEMA_NAME.value, o, graph) for s, o in sorted(facts)]
        one.replace_article(graph, quads)
        stale = bulk.remove_articles([graph], collect=collect)
        bulk.bulk_add(*as_bytes(quads))
        if collect:
            bulk.drop_stale(stale)
        else:
            bulk.rebuild_union()
        assert set(bulk.quads()) == set(one.quads())
        assert set(bulk.union()) == set(one.union()) == union_of_graphs(one)


def test_has_union_and_a_bulk_load_on_disk(tmp_path: Path) -> None:
    graphs = small_graphs()
    with Store.open(tmp_path) as store:
        assert not store.has_union()
        for quads in graphs.values():
            store.bulk_add(*as_bytes(quads))
        assert store.has_union()
        assert (store.quad_count(), store.triple_count()) == (156, 147)
    with Store.open(tmp_path, read_only=True) as store:
        assert store.articles() == [A1, A2]
        assert set(store.union()) == union_of_graphs(store)
