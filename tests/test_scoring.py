"""kg.scoring gives the reference scorer's figures; kg.evaluate answers and scores a store.

tests/data/score_results/ holds CSV answers written by hand against the seeds' gold
(misses, wrong values, spelling variants, IRIs as article ids, ``?var`` headers, a BOM,
wrong merges). score_expected*.json/txt are what ``eval/score.py`` printed for them; the
comparison with those files always runs, and with the live score.py when it is present.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.evaluate import answer_all, evaluate
from kg.queries import COMPETENCY
from kg.scoring import Measure, as_json, format_table, macro_f1, measure, score
from kg.store import Store
from kg.text import slug

DATA = Path(__file__).parent / "data"
GOLD_PATH = DATA / "seeds.gold.json"
GOLD: dict[str, Any] = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
RESULTS = DATA / "score_results"
ONLY = ["000_64a1ae126a39c1e6", "002_9ba97b62142fbe3e", "003_365445d67c4a1185"]
# A verbatim copy of ../shared/eval/score.py, so the comparison runs wherever the tests do;
# test_reference_copy_is_current checks the copy against the shared original.
SCORE_PY = DATA / "reference_score.py"
SHARED_SCORE_PY = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def expected(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_figures_equal_the_recorded_reference_output() -> None:
    assert as_json(score(GOLD, RESULTS)) == expected("score_expected.json")
    assert as_json(score(GOLD, RESULTS, set(ONLY))) == expected("score_expected_only.json")


def test_text_report_equals_the_recorded_reference_output() -> None:
    text = (DATA / "score_expected_verbose.txt").read_text(encoding="utf-8")
    assert format_table(score(GOLD, RESULTS), verbose=True) == text
    assert format_table(score(GOLD, RESULTS)).splitlines()[-1] == "macro F1 = 0.650"


@pytest.mark.parametrize("extra", [["--json"], ["--json", "--articles", *ONLY], ["-v"]])
def test_figures_equal_the_live_reference_scorer(extra: list[str]) -> None:
    args = [sys.executable, str(SCORE_PY), "--gold", str(GOLD_PATH), "--results", str(RESULTS)]
    out = subprocess.run([*args, *extra], capture_output=True, text=True, check=True).stdout
    only = set(ONLY) if "--articles" in extra else None
    measures = score(GOLD, RESULTS, only)
    if "-v" in extra:
        assert format_table(measures, verbose=True) == out
    else:
        assert as_json(measures) == json.loads(out)


def _reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ANSWERS = st.sampled_from("abcdefg")


@settings(max_examples=300, deadline=None)
@given(
    gold=st.lists(st.sets(ANSWERS, max_size=3), max_size=6),
    predicted=st.sets(ANSWERS),
    recall_only=st.booleans(),
)
def test_matching_equals_the_reference_on_random_items(
    gold: list[set[str]], predicted: set[str], recall_only: bool
) -> None:
    ref = _reference().Measure("m", gold, predicted, recall_only)
    ours = measure("m", gold, predicted, recall_only)
    assert (ours.tp, ours.fp, ours.fn) == (ref.tp, ref.fp, ref.fn)
    assert (ours.precision, ours.recall, ours.f1) == (ref.precision, ref.recall, ref.f1)
    assert list(ours.misses) == ref.misses and list(ours.extra) == ref.extra


def test_matching_reassigns_overlapping_alternatives() -> None:
    # greedy would give "a" to the first item and leave the second unmatched
    m = measure("m", [{"a", "b"}, {"a"}], {"a", "b"})
    assert (m.tp, m.fp, m.fn) == (2, 0, 0)
    # duplicates of one gold item count once; an accepted alternative is never wrong
    m = measure("m", [{"x", "y"}, {"y", "x"}], {"x", "y", "z"})
    assert (m.tp, m.fp, m.fn, m.extra) == (1, 1, 0, ("z",))


def test_no_answers_score_zero() -> None:
    measures = score(GOLD, DATA / "no_such_dir")
    by_name = {m.name: m for m in measures}
    assert (by_name["persons"].tp, by_name["persons"].fn) == (0, 10)
    assert all(m.f1 == 0.0 for m in measures if m.has_gold)
    assert macro_f1(measures) == 0.0
    assert macro_f1([Measure("empty", 0, 0, 0)]) == 0.0


# --- kg.evaluate: a store holding exactly the gold facts scores 1 everywhere ----------

B = "https://w3id.org/kgvn/id/"
KG, SCHEMA = "https://w3id.org/kgvn/ontology#", "https://schema.org/"
ORG, DCT = "http://www.w3.org/ns/org#", "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def first(value: Any) -> Any:
    return value[0] if isinstance(value, list) else value


def gold_quads(aid: str, art: dict[str, Any]) -> list[ox.Quad]:
    """The gold annotation of one article, in the shape of docs/rdf.md."""
    g = ox.NamedNode(f"{B}article/{aid}")
    quads: list[ox.Quad] = []

    def add(s: str | ox.NamedNode, p: str, o: str | ox.NamedNode | ox.Literal) -> None:
        subject = s if isinstance(s, ox.NamedNode) else ox.NamedNode(s)
        obj = ox.NamedNode(o) if isinstance(o, str) else o
        quads.append(ox.Quad(subject, ox.NamedNode(p), obj, g))

    def body(name: str) -> str:
        node = f"{B}org/{slug(name)}"
        add(node, TYPE, ORG + "Organization")
        add(node, SCHEMA + "name", ox.Literal(name))
        return node

    def person(name: str) -> str:
        node = f"{B}person/{slug(name)}"  # the gold's people are told apart by name
        add(node, TYPE, SCHEMA + "Person")
        add(node, SCHEMA + "name", ox.Literal(name))
        return node

    add(g, TYPE, KG + "Article")
    for i, p in enumerate(art["persons"]):
        node = person(p["name"])
        if p.get("rank"):
            add(f"{g.value}/rank/{i}", TYPE, KG + "RankAssignment")
            add(f"{g.value}/rank/{i}", KG + "person", node)
            add(f"{g.value}/rank/{i}", KG + "rank", ox.Literal(p["rank"]))
        for j, pos in enumerate(p["positions"]):
            holding = f"{g.value}/holding/{i}-{j}"
            add(holding, TYPE, ORG + "Membership")
            add(holding, ORG + "member", node)
            add(holding, KG + "title", ox.Literal(first(pos["title"])))
            add(holding, ORG + "organization", body(first(pos["org"])))
    for d in art["documents"]:
        node = f"{B}document/{slug(d['id'])}"
        add(node, TYPE, KG + "LegalDocument")
        add(node, DCT + "identifier", ox.Literal(d["id"]))
        for prop, value in ((KG + "documentType", d.get("type")), (DCT + "title", d.get("title"))):
            if value:
                add(node, prop, ox.Literal(value))
        if d.get("issuer"):
            add(node, KG + "issuerName", ox.Literal(first(d["issuer"])))
        if d.get("date"):
            add(node, DCT + "issued", ox.Literal(d["date"], datatype=ox.NamedNode(XSD + "date")))
    for k, m in enumerate(art["meetings"]):
        meeting = f"{g.value}/meeting/{k}"
        add(meeting, TYPE, KG + "Meeting")
        if m.get("date"):
            add(
                meeting,
                SCHEMA + "startDate",
                ox.Literal(m["date"], datatype=ox.NamedNode(XSD + "date")),
            )
        if m.get("location"):
            place = f"{B}place/{slug(first(m['location']))}"
            add(place, SCHEMA + "name", ox.Literal(first(m["location"])))
            add(meeting, SCHEMA + "location", place)
        if m.get("organizer"):
            add(meeting, SCHEMA + "organizer", body(first(m["organizer"])))
        for name in m["participants"]:
            add(meeting, SCHEMA + "attendee", person(name))
        for role, key in (("chair", "chairs"), ("speaker", "speakers")):
            for name in m[key]:
                part = f"{meeting}/role/{slug(name)}--{role}"
                add(part, TYPE, KG + "Participation")
                add(part, KG + "participant", person(name))
                add(part, KG + "role", ox.Literal(role))
        for relation in ("reviews", "disseminates", "cites"):
            for identifier in m.get(relation, []):
                use = f"{meeting}/document/{slug(identifier)}--{relation}"
                add(use, TYPE, KG + "DocumentUse")
                add(use, KG + "document", f"{B}document/{slug(identifier)}")
                add(use, KG + "relation", ox.Literal(relation))
                add(use, KG + "meeting", meeting)
                add(meeting, KG + relation, f"{B}document/{slug(identifier)}")  # the shortcut
    for name in art["authors"]:
        author = f"{B}author/{slug(name)}"
        add(author, TYPE, KG + "Author")
        add(author, SCHEMA + "name", ox.Literal(name))
        add(g, SCHEMA + "author", author)
    for org in art["organizations"]:
        body(first(org))
    return quads


@pytest.fixture(scope="module")
def gold_store() -> Store:
    store = Store.in_memory()
    for aid, art in GOLD["articles"].items():
        store.replace_article(f"{B}article/{aid}", gold_quads(aid, art))
    return store


def test_a_store_of_the_gold_facts_scores_one_on_every_measure(gold_store: Store) -> None:
    measures = evaluate(gold_store, GOLD_PATH)
    assert [m.name for m in measures if m.f1 != 1.0] == []
    assert macro_f1(measures) == 1.0
    assert {m.name: m.tp for m in measures}["persons"] == 10


def test_evaluate_scores_only_the_articles_asked() -> None:
    store = Store.in_memory()
    for aid, art in GOLD["articles"].items():
        if aid != ONLY[0]:
            store.replace_article(f"{B}article/{aid}", gold_quads(aid, art))
    persons = {m.name: m for m in evaluate(store, GOLD_PATH)}["persons"]
    assert (persons.tp, persons.fn) == (7, 3)  # the 3 persons of the missing article
    persons = {m.name: m for m in evaluate(store, GOLD_PATH, only=set(ONLY[1:]))}["persons"]
    assert (persons.tp, persons.fn) == (3, 0)  # 002 has one person, 003 two


def test_answer_all_writes_one_csv_per_question_atomically(
    gold_store: Store, tmp_path: Path
) -> None:
    (tmp_path / "ranks.csv").write_text("stale\n", encoding="utf-8")
    paths = answer_all(gold_store, tmp_path)
    assert sorted(paths) == sorted(COMPETENCY)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.csv" for n in COMPETENCY)
    ranks = paths["ranks"].read_text(encoding="utf-8").splitlines()
    assert ranks[0] == "article,person,name,rank"
    assert (
        f"{B}article/000_64a1ae126a39c1e6,{B}person/nguyễn-việt-hùng,Nguyễn Việt Hùng,Thiếu tướng"
        in ranks
    )
    assert len(ranks) == 1 + 7


def test_reference_copy_is_current() -> None:
    """The copy in tests/data must be the shared scorer, byte for byte, where it is present."""
    if SHARED_SCORE_PY.exists():
        assert SCORE_PY.read_bytes() == SHARED_SCORE_PY.read_bytes()
    assert "def score(" in SCORE_PY.read_text(encoding="utf-8")
