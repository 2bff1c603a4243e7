"""What a build remembers between runs: a content key per article, in ``OUT/manifest.json``.

An article's key is a SHA-256 over the extractor fingerprint, the path as given (it is
written into the graph as ``kg:sourceFile``), the file's bytes and those of its optional
``ARTICLE.json`` sidecar. The fingerprint (:func:`fingerprint`) hashes the kg source and
rule files that shape an article's graph, the base IRI and the pipeline; any change to
them changes every key, so a new extractor re-extracts everything, and an article whose
bytes and extractor are unchanged is never extracted again.

The manifest also keeps each article's extractor warnings (so a build that re-extracts
nothing reports what a clean build reports) and, once a build has finished, what it
wrote (:class:`Outputs`): a rerun that changes nothing and finds those files as they
were left rewrites nothing. The manifest is replaced atomically; a build first writes it
without the articles it is about to change and with ``clean`` false, so a build killed
part way leaves a manifest that under-claims, never one that claims too much.

Example:
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> m = Manifest(fingerprint="f")
    >>> m.articles["http://x/article/a1"] = Entry("a1.txt", "k1", ("w",))
    >>> m.save(out)
    >>> again = Manifest.load(out)
    >>> again.articles["http://x/article/a1"], again.clean
    (Entry(source='a1.txt', key='k1', warnings=('w',), violations=None), False)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg import __version__
from kg.export import atomic_writer

__all__ = ["MANIFEST", "Entry", "Manifest", "Outputs", "content_key", "fingerprint"]

MANIFEST = "manifest.json"
_FORMAT = 1

# kg modules that never change an article's graph: the store, exports, validation, the
# page, the command line, queries and scoring. Every other file of the package (and any
# module added later) is part of the fingerprint, so the safe default is to re-extract.
_NOT_EXTRACTION = (
    "answers.py",
    "build.py",
    "cli.py",
    "engines.py",
    "evaluate.py",
    "export.py",
    "export_tables.py",
    "incremental.py",
    "page.py",
    "push.py",
    "queries.py",
    "scoring.py",
    "shacl.py",
    "shacl_article.py",
    "shacl_rules.py",
    "shacl_store.py",
    "store.py",
)
_NOT_EXTRACTION_PREFIXES = ("viz", "serve", "queries/", "ontology/", "__pycache__")


def _package_files() -> list[Path]:
    root = Path(__file__).resolve().parent
    files = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if "__pycache__" in rel or not path.is_file() or path.suffix in (".pyc", ".pyo"):
            continue
        if rel in _NOT_EXTRACTION or rel.startswith(_NOT_EXTRACTION_PREFIXES):
            continue
        files.append(path)
    return files


@cache
def _source_hash() -> str:
    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    for path in _package_files():
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(base: str, pipeline: tuple[str, ...]) -> str:
    """Hash of everything besides the article that its graph depends on.

    >>> fingerprint("http://x/", ("persons",)) == fingerprint("http://x/", ("persons",))
    True
    >>> fingerprint("http://x/", ("persons",)) == fingerprint("http://y/", ("persons",))
    False
    """
    text = json.dumps([_source_hash(), base, list(pipeline)])
    return hashlib.sha256(text.encode()).hexdigest()


def content_key(path: Path, print_: str) -> str:
    """The article's key: fingerprint, path as given, bytes, and sidecar bytes if any.

    Raises:
        OSError: when the file cannot be read (the build then reports it).
    """
    digest = hashlib.sha256(print_.encode() + b"\0" + str(path).encode() + b"\0")
    digest.update(path.read_bytes())
    sidecar = path.with_suffix(".json")
    if sidecar.is_file():
        digest.update(b"\0sidecar\0" + sidecar.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One article as last built: source path, content key, warnings, SHACL lines.

    ``violations`` is None when the article graph was not validated.
    """

    source: str
    key: str
    warnings: tuple[str, ...] = ()
    violations: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Outputs:
    """The files a finished build wrote, and the figures it reported.

    Attributes:
        html: Whether ``graph.html`` was written.
        validate: Whether SHACL validation ran.
        files: Output name -> ``[size, mtime_ns]`` as written.
        figures: The report's counts, SHACL violations and report text.
    """

    html: bool
    validate: bool
    files: dict[str, list[int]]
    figures: dict[str, Any]

    def intact(self, out: Path) -> bool:
        """Whether every recorded file is still there, as it was written."""
        for name, (size, mtime) in self.files.items():
            try:
                stat = (out / name).stat()
            except OSError:
                return False
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return False
        return True


def file_stamp(path: Path) -> list[int]:
    """``[size, mtime_ns]`` of a file, as :class:`Outputs` records it."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


@dataclass
class Manifest:
    """Content keys of the articles in the store, and the outputs of the last build.

    Attributes:
        fingerprint: The extractor fingerprint of the last build (informative).
        shapes: Hash of the SHACL shapes the entries' violations were found with.
        articles: Article IRI -> :class:`Entry`.
        outputs: What the last finished build wrote; None while a build is under way.
        clean: False from the moment a build starts changing the store until it ends;
            a build that finds it False rebuilds the union of the article graphs.
    """

    fingerprint: str = ""
    shapes: str = ""
    articles: dict[str, Entry] = field(default_factory=dict)
    outputs: Outputs | None = None
    clean: bool = False

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest in ``out``, or an empty one when there is none or it is unreadable
        (then every article is extracted again, which is always correct)."""
        try:
            data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT:
                return cls()
            outputs = data.get("outputs")
            return cls(
                fingerprint=str(data["fingerprint"]),
                shapes=str(data["shapes"]),
                articles={
                    iri: Entry(e[0], e[1], tuple(e[2]), None if e[3] is None else tuple(e[3]))
                    for iri, e in data["articles"].items()
                },
                outputs=Outputs(**outputs) if outputs else None,
                clean=bool(data["clean"]),
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return cls()

    def save(self, out: Path) -> None:
        """Write the manifest to ``out/manifest.json`` atomically, keys sorted."""
        data = {
            "format": _FORMAT,
            "fingerprint": self.fingerprint,
            "shapes": self.shapes,
            "clean": self.clean,
            "outputs": asdict(self.outputs) if self.outputs else None,
            "articles": {
                iri: [
                    e.source,
                    e.key,
                    list(e.warnings),
                    None if e.violations is None else list(e.violations),
                ]
                for iri, e in sorted(self.articles.items())
            },
        }
        with atomic_writer(out / MANIFEST) as handle:
            handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
