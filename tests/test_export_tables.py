"""GraphML, GEXF and CSV exports: re-read with networkx and csv, the same as the store."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import export_tables as module
from kg.build import BuildReport
from kg.cli import main
from kg.export_tables import entity_network, export_tables
from kg.queries import COMPETENCY, bundled
from kg.store import Store
from kg.viz import build_network, store_graph
from tests.viz_sample import BODY, HUNG, MEETING, fill_store, sample

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


def scalar_only(net: Any) -> None:
    for _, data in net.nodes(data=True):
        assert all(isinstance(v, str | int | float) for v in data.values()), data
    for _, _, data in net.edges(data=True):
        assert all(isinstance(v, str | int | float) for v in data.values()), data


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_reread(
    fmt: str, seeds_build: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out = seeds_build[0]
    target = tmp_path / f"graph.{fmt}"
    run = CliRunner().invoke(
        main, ["export", "--store", str(out), "--format", fmt, "-o", str(target)]
    )
    assert run.exit_code == 0, run.output
    with Store.open(out, read_only=True) as store:
        drawn, _ = build_network(store_graph(store), max_nodes=10**6)
        expected = entity_network(store)
    assert run.stdout == (
        f"{drawn.number_of_nodes()} nodes, {drawn.number_of_edges()} edges written to {target}\n"
    )
    net = READERS[fmt](target)
    assert isinstance(net, nx.MultiDiGraph)
    assert set(net.nodes) == set(drawn.nodes) and net.number_of_edges() == drawn.number_of_edges()
    scalar_only(net)
    for node, data in expected.nodes(data=True):
        assert net.nodes[node]["label"] == data["label"]
        assert net.nodes[node]["kind"] == data["kind"]
        assert int(net.nodes[node]["sources"]) == data["sources"]
    hung = next(n for n, d in net.nodes(data=True) if d["label"] == "Nguyễn Việt Hùng")
    assert "Thiếu tướng" in net.nodes[hung]["ranks"]
    assert "Phó Chính ủy, Tổng cục Công nghiệp quốc phòng" in net.nodes[hung]["posts"]
    labels = {d["label"] for u, _, d in net.edges(data=True) if u == hung}
    assert "chủ trì / chair" in labels or "dự / participant" in labels


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_are_deterministic_and_clean(fmt: str, tmp_path: Path) -> None:
    names = ("Nguyễn Việt Hùng\x0b <b>&amp;</b>", "Lê Văn Bình")
    fill_store(sample(names), tmp_path)
    with Store.open(tmp_path, read_only=True) as store:
        export_tables(store, tmp_path / f"a.{fmt}", fmt)
        export_tables(store, tmp_path / f"b.{fmt}", fmt)
    first = (tmp_path / f"a.{fmt}").read_bytes()
    assert first == (tmp_path / f"b.{fmt}").read_bytes()
    assert b"lastmodifieddate" not in first
    net = READERS[fmt](tmp_path / f"a.{fmt}")
    scalar_only(net)
    assert net.nodes[HUNG]["label"] == "Nguyễn Việt Hùng <b>&amp;</b>"
    assert net.nodes[HUNG]["ranks"] == "Đại tá (2024-05-10)"
    assert net.nodes[MEETING]["date"] == "2024-05-10"
    post = [d for u, v, d in net.edges(data=True) if (u, v) == (HUNG, BODY)]
    assert len(post) == 1 and post[0]["label"] == "Phó Chính ủy"
    assert post[0]["as_of"] == "2024-05-10" and post[0]["relation"] == "post:phó chính ủy"


def test_failed_export_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill_store(sample(), tmp_path)
    target = tmp_path / "graph.graphml"
    target.write_text("old", encoding="utf-8")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(module.nx, "write_graphml", broken)
    with Store.open(tmp_path, read_only=True) as store, pytest.raises(OSError):
        export_tables(store, target, "graphml")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml", "store"]


def test_csv_tables(seeds_build: tuple[Path, BuildReport], tmp_path: Path) -> None:
    out = tmp_path / "out"
    fill_store(sample(), out)
    # The default folder is STORE/tables.
    run = CliRunner().invoke(main, ["export", "--store", str(out), "--format", "csv"])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in (out / "tables").iterdir()) == sorted(
        f"{name}.csv" for name in COMPETENCY
    )
    target = tmp_path / "tables"
    seeds = seeds_build[0]
    run = CliRunner().invoke(
        main, ["export", "--store", str(seeds), "--format", "csv", "-o", str(target)]
    )
    assert run.exit_code == 0, run.output
    total = 0
    with Store.open(seeds, read_only=True) as store:
        for name in COMPETENCY:
            table = store.select(bundled(name))
            with (target / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle))
            assert rows[0] == list(table.columns), name
            assert rows[1:] == [["" if v is None else v for v in row] for row in table.rows]
            total += len(table)
            # Same bytes as `kg query --format csv NAME`.
            query = CliRunner().invoke(
                main, ["query", "--store", str(seeds), "--format", "csv", name]
            )
            assert (target / f"{name}.csv").read_bytes() == query.stdout_bytes, name
    assert total > 20
    assert run.stdout == f"{len(COMPETENCY)} tables ({total} rows) written to {target}\n"


def test_unknown_format(tmp_path: Path) -> None:
    fill_store(sample(), tmp_path)
    run = CliRunner().invoke(main, ["export", "--store", str(tmp_path), "--format", "xlsx"])
    assert run.exit_code == 2 and "xlsx" in run.output
    with Store.open(tmp_path, read_only=True) as store, pytest.raises(ValueError):
        export_tables(store, tmp_path / "x", "xlsx")
