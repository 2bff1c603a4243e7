"""kg build --engine dask: extraction on a dask cluster of worker processes, same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from kg.build import BuildOptions, build
from kg.cli import main
from tests.test_parallel import corpus


def test_a_dask_cluster_builds_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "corpus")
    one = build([folder], BuildOptions(out=tmp_path / "one", jobs=1))
    with LocalCluster(
        processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        result = CliRunner().invoke(
            main,
            [
                "build",
                str(folder),
                "--out",
                str(tmp_path / "dask"),
                "--quiet",
                "--engine",
                "dask",
                "--scheduler",
                cluster.scheduler_address,
            ],
        )
    assert result.exit_code == 1  # the broken file is reported, the rest is built
    assert "050_broken.txt" in result.stderr
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()
    assert one.extracted == len(list(folder.iterdir())) - 1


def test_the_dask_engine_needs_a_scheduler(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "seeds", "--out", str(tmp_path), "--engine", "dask"]
    )
    assert result.exit_code == 2 and "--scheduler" in result.output
    with pytest.raises(ValueError, match="scheduler"):
        build([Path("seeds")], BuildOptions(out=tmp_path, engine="dask"))
    with pytest.raises(ValueError, match="unknown engine"):
        build([Path("seeds")], BuildOptions(out=tmp_path, engine="spark"))
