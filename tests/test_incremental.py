"""Incremental builds: unchanged articles are not extracted again; result = a clean build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import build as build_module
from kg import incremental
from kg.build import BuildOptions, BuildReport, build
from kg.incremental import MANIFEST, Manifest
from kg.store import Store
from tests.conftest import SEEDS


def seeds(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder)
    return folder


def options(out: Path, **more: object) -> BuildOptions:
    return BuildOptions(out=out, html=False, **more)  # type: ignore[arg-type]


def clean_build(inputs: list[Path], out: Path) -> bytes:
    build(inputs, options(out))
    return (out / "graph.ttl").read_bytes()


def stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, BuildReport]:
    src = seeds(tmp_path / "src")
    out = tmp_path / "out"
    return src, out, build([src], options(out))


def test_an_unchanged_rebuild_extracts_and_writes_nothing(
    built: tuple[Path, Path, BuildReport],
) -> None:
    src, out, first = built
    assert first.extracted == 5 and first.unchanged == 0
    before = stamps(out)
    again = build([src], options(out))
    assert (again.extracted, again.unchanged, again.articles) == (0, 5, 5)
    assert stamps(out) == before
    figures = ("triples", "persons", "meetings", "documents", "organizations", "violations")
    assert [getattr(again, f) for f in figures] == [getattr(first, f) for f in figures]
    assert again.warnings == first.warnings and again.shacl_report == first.shacl_report


def test_a_changed_article_is_extracted_again_and_the_result_equals_a_clean_build(
    built: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    src, out, _ = built
    article = sorted(src.iterdir())[2]
    article.write_text(article.read_text(encoding="utf-8") + "\nĐại tá Trần Văn Nam dự họp.")
    report = build([src], options(out))
    assert (report.extracted, report.unchanged) == (1, 4)
    assert (out / "graph.ttl").read_bytes() == clean_build([src], tmp_path / "clean")


def test_adding_an_article_extracts_only_it(
    built: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    src, out, _ = built
    (src / "new_article.txt").write_text(
        "Ngày 5/3, Đại tá Trần Văn Nam, Chính ủy Sư đoàn 5, dự Hội nghị tổng kết.",
        encoding="utf-8",
    )
    report = build([src], options(out))
    assert (report.extracted, report.unchanged, report.articles) == (1, 5, 6)
    assert (out / "graph.ttl").read_bytes() == clean_build([src], tmp_path / "clean")


def test_articles_no_longer_given_stay_unless_pruned(
    built: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    src, out, first = built
    gone = sorted(src.iterdir())[0]
    rest = tmp_path / "rest"
    rest.mkdir()
    for path in sorted(src.iterdir())[1:]:
        shutil.copy(path, rest / path.name)
    # the same articles under another folder: their source path (kg:sourceFile) changed
    kept = build([rest], options(out))
    assert kept.extracted == 4 and kept.removed == 0
    with Store.open(out, read_only=True) as store:
        assert any(gone.stem in iri for iri in store.articles())
    pruned = build([rest], options(out, prune=True))
    assert (pruned.extracted, pruned.removed, pruned.articles) == (0, 1, 4)
    with Store.open(out, read_only=True) as store:
        assert len(store.articles()) == 4
    assert (out / "graph.ttl").read_bytes() == clean_build([rest], tmp_path / "clean")
    assert first.triples > pruned.triples


def test_many_replacements_rebuild_the_union_in_one_pass(
    built: tuple[Path, Path, BuildReport], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out, _ = built
    monkeypatch.setattr(build_module, "_STALE_LIMIT", 0)
    for article in sorted(src.iterdir())[:3]:
        article.write_text(article.read_text(encoding="utf-8") + "\nTin: Minh Anh")
    report = build([src], options(out))
    assert report.extracted == 3
    assert (out / "graph.ttl").read_bytes() == clean_build([src], tmp_path / "clean")


def test_a_new_extractor_re_extracts_everything(
    built: tuple[Path, Path, BuildReport], monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out, _ = built
    monkeypatch.setattr(incremental, "_source_hash", lambda: "another extractor")
    assert build([src], options(out)).extracted == 5
    assert build([src], options(out)).extracted == 0


def test_a_sidecar_change_counts_as_a_change(built: tuple[Path, Path, BuildReport]) -> None:
    src, out, _ = built
    article = sorted(src.iterdir())[1]
    article.with_suffix(".json").write_text(json.dumps({"published": "2021-03-05"}))
    assert build([src], options(out)).extracted == 1


def test_an_unreadable_manifest_means_a_full_rebuild(
    built: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    src, out, _ = built
    (out / MANIFEST).write_text("{not json")
    report = build([src], options(out))
    assert report.extracted == 5
    assert (out / "graph.ttl").read_bytes() == clean_build([src], tmp_path / "clean")


def test_an_interrupted_build_is_repaired_by_the_next(
    built: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    """A build killed after changing the store leaves ``clean`` false: the next build
    rebuilds the union, dropping triples no article holds any more."""
    src, out, _ = built
    stray = ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o"))
    with Store.open(out) as store:
        store.inner.add(stray)
    manifest = Manifest.load(out)
    manifest.clean = False
    manifest.save(out)
    report = build([src], options(out))
    assert report.extracted == 0
    with Store.open(out, read_only=True) as store:
        assert stray not in store.inner
    assert (out / "graph.ttl").read_bytes() == clean_build([src], tmp_path / "clean")


def test_edited_outputs_are_written_again(built: tuple[Path, Path, BuildReport]) -> None:
    src, out, first = built
    (out / "graph.ttl").write_text("edited by hand\n")
    again = build([src], options(out))
    assert again.extracted == 0
    assert (out / "graph.ttl").read_text(encoding="utf-8") != "edited by hand\n"
    assert again.triples == first.triples
