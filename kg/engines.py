"""Extraction on a dask.distributed cluster (``kg build --engine dask --scheduler ADDR``).

The cluster only extracts: each task is a batch of article paths, run by
:func:`kg.parallel.extract_batch` on a worker, and the serialized graphs come back to
this process, which loads them into the store in input order, exactly as the local
engine does, so the output is byte-identical to a one-process build. The workers must
have kg installed (same version: the extractor is part of every article's content key)
and see the input paths (a shared filesystem, as for any dask file workflow). Extraction
is pure Python, so start workers with one thread each and as many processes as cores:
``dask worker ADDR --nthreads 1 --nworkers auto``.

dask is optional: ``pip install 'kg[distributed]'``.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from distributed import LocalCluster
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "a1.txt").write_text("Ngày 5/3, Đại tá Trần Văn Nam dự Hội nghị.")
    >>> with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
    ...                   dashboard_address=None) as cluster:
    ...     [r] = dask_stream([str(tmp / "a1.txt")], ExtractOptions(),
    ...                       scheduler=cluster.scheduler_address)
    >>> r.article_id, r.error
    ('a1', None)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from kg.parallel import ArticleResult, ExtractOptions, extract_batch, ordered

__all__ = ["dask_stream"]

_IN_FLIGHT = 4  # batches queued per worker thread


def dask_stream(
    paths: Sequence[str], options: ExtractOptions, *, scheduler: str
) -> Iterator[ArticleResult]:
    """Extract ``paths`` on the cluster at ``scheduler``; results in input order.

    Args:
        paths: Article files, as the workers see them.
        options: Base IRI and extractor pipeline.
        scheduler: The scheduler's address (``tcp://host:8786``).

    Raises:
        ImportError: dask.distributed is not installed.
        OSError: the scheduler cannot be reached.
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("the dask engine needs: pip install 'kg[distributed]'") from exc
    connect: Any = Client  # untyped
    with connect(scheduler, set_as_default=False, timeout="30s") as client:
        threads = max(1, sum(client.nthreads().values()))

        def submit(chunk: Sequence[str]) -> Any:
            return client.submit(extract_batch, list(chunk), options, pure=False)

        def result(future: Any) -> list[ArticleResult]:
            batch: list[ArticleResult] = future.result()
            return batch

        yield from ordered(paths, submit, result, window=threads * _IN_FLIGHT)
