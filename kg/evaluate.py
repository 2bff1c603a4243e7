"""Answer the competency questions from a store and score the answers against gold.

:func:`answer_all` runs each bundled competency query (:data:`kg.queries.COMPETENCY`) and
writes ``<name>.csv`` the way ``kg query --format csv NAME`` does; :func:`evaluate`
answers into a temporary directory and scores it with :mod:`kg.scoring`.

Example:
    >>> import tempfile
    >>> from kg.store import Store
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = answer_all(Store.in_memory(), Path(tmp))
    ...     sorted(paths) == sorted(COMPETENCY), paths["ranks"].read_bytes()
    (True, b'article,person,name,rank\\r\\n')
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from kg import answers, queries
from kg.export import atomic_writer
from kg.queries import COMPETENCY
from kg.scoring import Measure, score
from kg.store import Store


def answer_all(store: Store, directory: Path) -> dict[str, Path]:
    """Write ``directory/<name>.csv`` for each competency question; each file atomically.

    Args:
        store: The store to query.
        directory: Where the CSV files go; created if needed.

    Returns:
        The path written for each question name.
    """
    directory = Path(directory)
    written: dict[str, Path] = {}
    for name in COMPETENCY:
        table = answers.ask(store, name)
        text = io.StringIO(newline="")
        queries.write_table(table, "csv", text)
        path = directory / f"{name}.csv"
        with atomic_writer(path) as handle:
            handle.write(text.getvalue().encode("utf-8"))
        written[name] = path
    return written


def evaluate(store: Store, gold_path: Path, *, only: set[str] | None = None) -> list[Measure]:
    """Answer the competency questions from ``store`` and score them against a gold file.

    Args:
        store: The built store.
        gold_path: A ``kg-gold/1`` JSON annotation.
        only: Score only these article ids (all gold articles when None).

    Returns:
        The measures of :func:`kg.scoring.score`; see :func:`kg.scoring.format_table`.
    """
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        answer_all(store, Path(tmp))
        return score(gold, Path(tmp), only)
