"""The bundled SPARQL queries, how to find them, and how to print their results.

The package ships one ``.rq`` file per query in ``kg/queries/``: the nine competency
questions of the evaluation (:data:`COMPETENCY`, each with exactly the CSV columns the
scorer reads) and example queries (a person's posts over time, co-attendance, documents
reviewed per body, evidence of participations). Each file starts with a comment line
saying what it answers (:func:`describe`).

Example:
    >>> "persons" in names() and set(COMPETENCY) <= set(names())
    True
    >>> describe("ranks")
    "Ranks: each person's military or police rank as the article gives it."
    >>> import io
    >>> from kg.store import Table
    >>> out = io.StringIO()
    >>> write_table(Table(("name", "rank"), (("Nguyễn Việt Hùng", "Thiếu tướng"),)), "csv", out)
    >>> out.getvalue()
    'name,rank\\r\\nNguyễn Việt Hùng,Thiếu tướng\\r\\n'
"""

from __future__ import annotations

import csv
import json
import unicodedata
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal, TextIO

from kg.store import Table

COMPETENCY: tuple[str, ...] = (
    "persons",
    "participants",
    "ranks",
    "positions",
    "meetings",
    "documents",
    "meeting_documents",
    "authors",
    "organizations",
)
"""The competency questions of the evaluation, in the order of its README."""

TableFormat = Literal["table", "csv", "json"]
TABLE_FORMATS: tuple[TableFormat, ...] = ("table", "csv", "json")

_SUFFIX = ".rq"


def _directory() -> Traversable:
    return resources.files("kg").joinpath("queries")


def names() -> list[str]:
    """Names of the bundled queries (file names without ``.rq``), sorted."""
    return sorted(
        entry.name.removesuffix(_SUFFIX)
        for entry in _directory().iterdir()
        if entry.name.endswith(_SUFFIX) and entry.is_file()
    )


def bundled(name: str) -> str:
    """The SPARQL text of a bundled query.

    Raises:
        KeyError: No bundled query has this name.
    """
    if name not in names():
        raise KeyError(f"no bundled query named {name!r}; known: {', '.join(names())}")
    return _directory().joinpath(name + _SUFFIX).read_text(encoding="utf-8")


def load(spec: str) -> str:
    """SPARQL text from a bundled query name, a path to a ``.rq`` file, or SPARQL itself.

    A bundled name wins over a file of the same name; text holding ``{`` is taken as
    SPARQL (no query is without a group pattern, and file names rarely hold a brace).

    >>> load("SELECT * WHERE { ?s ?p ?o }")
    'SELECT * WHERE { ?s ?p ?o }'
    >>> load("authors").startswith("# Authors")
    True

    Raises:
        KeyError: ``spec`` is neither a bundled name, an existing file, nor SPARQL text.
    """
    if spec in names():
        return bundled(spec)
    if "{" in spec:
        return spec
    path = Path(spec)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    raise KeyError(
        f"{spec!r} is not a bundled query, a .rq file or SPARQL text; bundled: {', '.join(names())}"
    )


def describe(name: str) -> str:
    """The first comment line of a bundled query, without its ``#``."""
    for line in bundled(name).splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
        if line.strip():
            break
    return ""


def write_table(table: Table, fmt: TableFormat, stream: TextIO) -> None:
    """Write a result table to a text stream.

    Args:
        table: The result.
        fmt: ``csv`` (a header row then plain values, empty for unbound), ``json`` (a
            list of objects, null for unbound, UTF-8 kept) or ``table`` (columns aligned
            for a terminal).
        stream: Where to write; open it with ``newline=""`` for CSV files.

    Raises:
        ValueError: Unknown format.
    """
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(table.columns)
        writer.writerows(tuple("" if v is None else v for v in row) for row in table.rows)
    elif fmt == "json":
        json.dump(table.records(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "table":
        stream.write(format_aligned(table))
    else:
        raise ValueError(f"unknown table format {fmt!r}; known: {', '.join(TABLE_FORMATS)}")


def format_aligned(table: Table) -> str:
    """Columns padded to a common width, a rule under the header, a row count last.

    >>> print(format_aligned(Table(("a", "bb"), (("Đức", None),))), end="")
    a    bb
    ---  --
    Đức
    (1 row)
    """
    cells = [list(table.columns)] + [["" if v is None else v for v in r] for r in table.rows]
    widths = [max((_width(row[i]) for row in cells), default=0) for i in range(len(table.columns))]
    lines = []
    for number, row in enumerate(cells):
        padded = [value + " " * (widths[i] - _width(value)) for i, value in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths).rstrip())
    count = len(table.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Terminal columns a string takes: combining marks take none, wide characters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width
