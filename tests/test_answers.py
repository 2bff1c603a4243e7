"""The kept answer tables: equal to the store's answers after every kind of build, and
never served once the store has changed under them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import answers, queries
from kg.answers import PER_ARTICLE, answer
from kg.build import BuildOptions, build
from kg.cli import main
from kg.store import ANSWERS_CURRENT, ANSWERS_DIR, Store
from tests.conftest import ROOT, SEEDS

GENRE = ROOT / "tests" / "data" / "genre"


def options(out: Path, **more: object) -> BuildOptions:
    return BuildOptions(out=out, html=False, validate=False, **more)  # type: ignore[arg-type]


def assert_kept_equal_store(out: Path) -> None:
    with Store.open(out, read_only=True) as store:
        for name in PER_ARTICLE:
            kept = answer(out, name)
            assert kept is not None, name
            engine = store.select(queries.bundled(name))
            assert kept.columns == engine.columns, name
            assert kept.rows == engine.rows, name


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(GENRE, src)
    for path in SEEDS.iterdir():
        shutil.copy(path, src / path.name)
    return src


def test_a_build_keeps_every_per_article_answer_equal_to_the_store(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([sources], options(out))
    assert_kept_equal_store(out)
    persons = answer(out, "persons")
    assert persons is not None and len(persons) > 50


def test_documents_is_always_asked_of_the_store(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([sources], options(out))
    assert "documents" not in PER_ARTICLE and answer(out, "documents") is None


def test_changes_update_only_the_changed_articles_and_equal_a_clean_build(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build([sources], options(out))
    first = sorted(sources.glob("*.txt"))
    # one article rewritten, one removed, one added under a new name
    first[0].write_text(
        first[0].read_text(encoding="utf-8").replace("Đại tá", "Thiếu tướng"), encoding="utf-8"
    )
    shutil.move(first[1], tmp_path / "moved.txt")
    shutil.copy(tmp_path / "moved.txt", sources / "zz-new-article.txt")
    whole_asked: list[str] = []
    original = answers._whole

    def spy(store: Store, name: str) -> tuple[tuple[str, ...], dict[str, list[tuple]]]:
        whole_asked.append(name)
        return original(store, name)

    monkeypatch.setattr(answers, "_whole", spy)
    report = build([sources], options(out, prune=True))
    assert report.extracted == 2 and report.removed == 1
    assert whole_asked == []  # three articles changed: asked of those three only
    assert_kept_equal_store(out)
    clean = tmp_path / "clean"
    build([sources], options(clean))
    for name in PER_ARTICLE:
        assert answer(out, name) == answer(clean, name), name


def test_any_store_write_retires_the_tables_and_the_cli_asks_the_store(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([sources], options(out))
    assert answers.current(out)
    with Store.open(out, read_only=True) as store:
        victim = store.articles()[0]
    with Store.open(out) as store:
        store.remove_article(victim)
    assert not answers.current(out) and answer(out, "persons") is None
    result = CliRunner().invoke(main, ["query", "--store", str(out), "--format", "json", "persons"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and victim not in {row["article"] for row in rows}
    # the next build puts the article back and makes the tables current again
    report = build([sources], options(out))
    assert report.extracted == 1
    assert answers.current(out)
    assert_kept_equal_store(out)


def test_a_table_made_from_another_query_text_or_corrupt_is_not_served(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([sources], options(out))
    path = out / ANSWERS_DIR / "persons.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["query"] = "0" * 64
    path.write_text(json.dumps(data), encoding="utf-8")
    assert answer(out, "persons") is None
    path.write_text('{"format": 1, "query": ', encoding="utf-8")
    assert answer(out, "persons") is None
    (out / ANSWERS_DIR / ANSWERS_CURRENT).write_text("not json", encoding="utf-8")
    assert not answers.current(out) and answer(out, "ranks") is None


def test_the_cli_answer_is_the_same_from_the_tables_and_from_the_store(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([sources], options(out))
    runner = CliRunner()
    args = ["query", "--store", str(out), "--format", "csv", "participants"]
    kept = runner.invoke(main, args)
    (out / ANSWERS_DIR / ANSWERS_CURRENT).unlink()
    asked = runner.invoke(main, args)
    assert kept.exit_code == asked.exit_code == 0
    assert kept.output == asked.output and kept.output.count("\n") > 10


def test_a_build_killed_after_writing_leaves_the_tables_retired(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build([sources], options(out))
    victim = sorted(sources.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nThêm một câu.", encoding="utf-8")

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(answers, "refresh", killed)
    with pytest.raises(KeyboardInterrupt):
        build([sources], options(out))
    assert not answers.current(out)
    monkeypatch.undo()
    build([sources], options(out))
    assert_kept_equal_store(out)


def test_a_bound_question_gives_the_articles_own_rows(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([sources], options(out))
    with Store.open(out, read_only=True) as store:
        iri = store.articles()[0]
        own = store.select(queries.bundled("persons"), {"article": ox.NamedNode(iri)})
    kept = answer(out, "persons")
    assert kept is not None
    assert own.rows == tuple(row for row in kept.rows if row[0] == iri)
