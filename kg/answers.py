"""Answers to the per-article competency questions, kept up to date beside the store.

Eight of the nine competency questions are asked of each article graph on its own
(``GRAPH ?article { ... }``, ordered by ``?article`` first): their whole answer is the
answers of the articles, one after another. On 20,000 articles pyoxigraph needs 0.3 to
1.1 s to evaluate them (most of it reading terms back from disk), while asked of one
article they take a fraction of a millisecond. So each build keeps their answers as
tables, one file per question in ``OUT/answers/``, updated article by article: a build
that changes three articles asks the questions of those three only. ``kg query NAME``,
``kg eval`` and ``kg export --format csv`` read these tables; any other query, and the
SPARQL endpoint, go to the store.

The tables are never out of date: the store removes ``OUT/answers/current`` before
every write, and a build writes it back only after the tables match the store again.
Without it, or when a question's text has changed since the table was made,
:func:`answer` returns None and the caller asks the store.

Example:
    >>> import tempfile
    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> out = Path(tempfile.mkdtemp())
    >>> g = NamedNode("https://w3id.org/kgvn/id/article/a1")
    >>> person = NamedNode("https://w3id.org/kgvn/id/person/nam")
    >>> typed = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> with Store.open(out) as store:
    ...     store.replace_article(g.value, [
    ...         Quad(person, typed, NamedNode("https://schema.org/Person"), g),
    ...         Quad(person, NamedNode("https://schema.org/name"), Literal("Trần Nam"), g)])
    ...     answer(out, "persons") is None  # the store changed: no table yet
    ...     refresh(store, out, changed={g.value})
    ...     answer(out, "persons").rows == store.select(queries.bundled("persons")).rows
    True
    True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import queries
from kg.export import atomic_writer
from kg.store import ANSWERS_CURRENT, ANSWERS_DIR, Store, Table

__all__ = ["PER_ARTICLE", "answer", "ask", "current", "refresh"]

PER_ARTICLE: tuple[str, ...] = tuple(name for name in queries.COMPETENCY if name != "documents")
"""The competency questions answered article by article (``documents`` merges a
document's facts across articles, and is fast enough asked of the store)."""

_FORMAT = 1
# Above this many changed articles one whole-store query per question is cheaper than
# one query per article (about 0.2 ms each, against about 1 s for the whole store).
_WHOLE_LIMIT = 2000

Rows = list[tuple[str | None, ...]]


def _digest(name: str) -> str:
    return hashlib.sha256(queries.bundled(name).encode("utf-8")).hexdigest()


def _path(out: Path, name: str) -> Path:
    return out / ANSWERS_DIR / f"{name}.json"


def current(out: Path) -> bool:
    """Whether the tables in ``out`` match its store (the store has not been written since).

    >>> current(Path("/nonexistent"))
    False
    """
    try:
        stamp = json.loads((out / ANSWERS_DIR / ANSWERS_CURRENT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp.get("format") == _FORMAT


def _read(out: Path, name: str) -> tuple[tuple[str, ...], dict[str, Rows]] | None:
    """A question's table as columns and rows per article; None when missing, unreadable
    or made from another text of the question."""
    try:
        data: Any = json.loads(_path(out, name).read_text(encoding="utf-8"))
        if data["format"] != _FORMAT or data["query"] != _digest(name):
            return None
        columns = tuple(str(c) for c in data["columns"])
        articles = {str(k): [tuple(row) for row in v] for k, v in data["articles"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return columns, articles


def answer(out: Path, name: str) -> Table | None:
    """The kept answer to a per-article competency question, or None (ask the store).

    Args:
        out: The build output folder (the one holding ``store/``).
        name: A competency question's name; others always give None.
    """
    if name not in PER_ARTICLE or not current(out):
        return None
    table = _read(out, name)
    if table is None:
        return None
    columns, articles = table
    # Article IRIs sort as SPARQL sorts IRIs (by their text): the first ORDER BY key.
    rows = tuple((iri, *row) for iri in sorted(articles) for row in articles[iri])
    return Table(columns, rows)


def ask(store: Store, name: str) -> Table:
    """A bundled query's answer: the kept table when there is a current one, else the store's.

    >>> with Store.in_memory() as store:
    ...     ask(store, "authors").columns
    ('article', 'author', 'name')
    """
    kept = answer(store.path.parent, name) if store.path is not None else None
    return kept if kept is not None else store.select(queries.bundled(name))


def refresh(
    store: Store,
    out: Path,
    *,
    changed: Collection[str] = (),
    was_current: bool = False,
) -> None:
    """Bring the tables in line with the store, then mark them current.

    Args:
        store: The store of ``out``, after the build's writes.
        out: The build output folder.
        changed: Article IRIs added, replaced or removed since the tables were current.
        was_current: Whether the tables were current before those changes; if not (or
            too many articles changed), every table is made anew from the store.
    """
    stored = set(store.articles())
    for name in PER_ARTICLE:
        kept = _read(out, name) if was_current and len(changed) <= _WHOLE_LIMIT else None
        if kept is None:
            columns, articles = _whole(store, name)
        else:
            columns, articles = kept
            for iri in changed:
                articles.pop(iri, None)
            articles.update(_per_article(store, name, (i for i in changed if i in stored)))
        _write(out, name, columns, articles)
    with atomic_writer(out / ANSWERS_DIR / ANSWERS_CURRENT) as handle:
        handle.write(json.dumps({"format": _FORMAT}).encode("utf-8"))


def _whole(store: Store, name: str) -> tuple[tuple[str, ...], dict[str, Rows]]:
    table = store.select(queries.bundled(name))
    if table.columns[:1] != ("article",):
        raise ValueError(f"{name}: a per-article question must answer ?article first")
    articles: dict[str, Rows] = {}
    for row in table.rows:  # the article is the key, not repeated in its rows
        articles.setdefault(str(row[0]), []).append(row[1:])
    return table.columns, articles


def _per_article(store: Store, name: str, iris: Iterable[str]) -> dict[str, Rows]:
    text = queries.bundled(name)
    found: dict[str, Rows] = {}
    for iri in iris:
        rows = [row[1:] for row in store.select(text, {"article": ox.NamedNode(iri)}).rows]
        if rows:
            found[iri] = rows
    return found


def _write(out: Path, name: str, columns: tuple[str, ...], articles: dict[str, Rows]) -> None:
    data = {
        "format": _FORMAT,
        "query": _digest(name),
        "columns": list(columns),
        "articles": {iri: [list(row) for row in articles[iri]] for iri in sorted(articles)},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with atomic_writer(_path(out, name)) as handle:
        handle.write(text.encode("utf-8"))
