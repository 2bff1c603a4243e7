"""The kg command, driven through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.build import BuildReport
from kg.cli import main
from kg.queries import COMPETENCY
from tests.conftest import GOLD, SEEDS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_command_help_has_an_example() -> None:
    assert {"build", "query", "export", "eval", "viz", "serve", "push"} <= set(main.commands)
    for command in main.commands:
        code, out, _ = run(command, "--help")
        assert code == 0 and "Example:" in out and f"kg {command}" in out, command


def test_build_prints_a_summary_and_where_files_are(tmp_path: Path) -> None:
    code, out, err = run("build", str(SEEDS), "--out", str(tmp_path / "out"))
    assert code == 0, err
    for word in (
        "articles",
        "triples",
        "people",
        "meetings",
        "documents",
        "warnings",
        "graph.ttl",
        "graph.html",
    ):
        assert word in out, word
    assert "articles       5" in out


def test_query_list_names_the_competency_questions() -> None:
    code, out, _ = run("query", "--list")
    assert code == 0
    for name in COMPETENCY:
        assert name in out


@pytest.mark.parametrize("name", COMPETENCY)
def test_competency_query_csv_has_the_documented_header(
    seeds_build: tuple[Path, BuildReport], name: str
) -> None:
    out_dir, _ = seeds_build
    code, out, err = run("query", "--store", str(out_dir), "--format", "csv", name)
    assert code == 0, err
    header = next(csv.reader(io.StringIO(out)))
    expected = {
        "persons": ["article", "person", "name"],
        "participants": ["article", "person", "name", "role"],
        "ranks": ["article", "person", "name", "rank"],
        "positions": ["article", "person", "name", "title", "organization"],
        "meetings": ["article", "meeting", "date", "location", "organizer"],
        "documents": ["document", "identifier", "type", "date", "issuer", "title"],
        "meeting_documents": ["article", "identifier", "relation"],
        "authors": ["article", "author", "name"],
        "organizations": ["article", "organization", "name"],
    }[name]
    assert header[: len(expected)] == expected


def test_query_accepts_sparql_text_and_json_output(seeds_build: tuple[Path, BuildReport]) -> None:
    out_dir, report = seeds_build
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    code, out, err = run("query", "--store", str(out_dir), "--format", "json", sparql)
    assert code == 0, err
    assert int(json.loads(out)[0]["n"]) == report.triples


def test_query_accepts_a_rq_file(seeds_build: tuple[Path, BuildReport], tmp_path: Path) -> None:
    out_dir, _ = seeds_build
    rq = tmp_path / "q.rq"
    rq.write_text(
        "PREFIX schema: <https://schema.org/>\n"
        "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }",
        encoding="utf-8",
    )
    code, out, err = run("query", "--store", str(out_dir), "--format", "csv", str(rq))
    assert code == 0, err
    assert out.splitlines()[0] == "n" and len(out.splitlines()) > 5


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "nt", "jsonld"])
def test_export_formats_parse(
    seeds_build: tuple[Path, BuildReport], tmp_path: Path, fmt: str
) -> None:
    out_dir, report = seeds_build
    target = tmp_path / f"g.{fmt}"
    code, _, err = run("export", "--store", str(out_dir), "--format", fmt, "-o", str(target))
    assert code == 0, err
    rdf_format = {
        "ttl": pyoxigraph.RdfFormat.TURTLE,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "nq": pyoxigraph.RdfFormat.N_QUADS,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    }[fmt]
    quads = list(pyoxigraph.parse(path=str(target), format=rdf_format))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == report.triples


def test_eval_prints_the_measure_table(seeds_build: tuple[Path, BuildReport]) -> None:
    out_dir, _ = seeds_build
    code, out, err = run("eval", "--store", str(out_dir), "--gold", str(GOLD))
    assert code == 0, err
    assert "persons" in out and "macro F1 =" in out


def test_query_on_a_missing_store_is_one_clear_line(tmp_path: Path) -> None:
    code, out, err = run("query", "--store", str(tmp_path / "none"), "persons")
    assert code == 1
    assert err.startswith("kg: ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_bad_files_are_skipped_and_the_rest_is_built(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "000_64a1ae126a39c1e6.txt", src)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (src / "latin.txt").write_bytes(b"H\xf4i ngh\xec")
    code, out, err = run("build", str(src), "--out", str(tmp_path / "out"))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("kg: skipped ") for line in lines)
    assert {"empty.txt", "binary.txt", "latin.txt"} == {
        name for name in ("empty.txt", "binary.txt", "latin.txt") for line in lines if name in line
    }
    assert "articles       1 (3 failed)" in out
    assert "Traceback" not in err + out
