"""Score answers to the competency questions against a gold annotation.

A typed port of the project's reference scorer (``eval/score.py``): the same string
normalisation, measures, maximum matching of gold items (each a set of accepted answers)
to answers, and macro F1, over ``<question>.csv`` files (:func:`kg.evaluate.answer_all`).

Example:
    >>> m = measure("names", [{("a1", "hùng")}, {("a1", "đức")}], {("a1", "hùng"), ("a1", "x")})
    >>> (m.tp, m.fp, m.fn, round(m.f1, 3))
    (1, 1, 1, 0.5)
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Collection, Hashable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Row = dict[str, str | None]
Key = Hashable

TONES = "\u0300\u0301\u0303\u0309\u0323"
# The reference scorer's rule: the tone of open oa/oe/uy syllables moves to the first
# vowel ("hoá" -> "hóa"); "qu" + y keeps its tone on y.
_TONE_PLACEMENT = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + TONES + r"])(?![A-Za-z\u0300-\u036f])"
)
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?…"
RELATIONS = ("reviews", "disseminates", "cites")


def norm(text: str | None) -> str | None:
    """Comparison form: NFC, one tone placement, case-folded, dashes and spaces unified,
    surrounding quotes and punctuation dropped; None for nothing left.

    >>> norm("“Hoà bình.”")
    'hòa bình'
    """
    if text is None:
        return None
    text = unicodedata.normalize("NFD", str(text))
    text = _TONE_PLACEMENT.sub(r"\1\3\2", text)
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = _DASHES.sub("-", text)
    text = _SPACE.sub(" ", text).strip().strip(_EDGE_PUNCT).strip()
    return text or None


def norm_doc_id(text: str | None) -> str | None:
    """Document identifier key: ``số 20 - NQ/TW`` -> ``20-nq/tw``.

    >>> norm_doc_id("số 20 - NQ/TW")
    '20-nq/tw'
    """
    text = norm(text)
    return None if text is None else re.sub(r"\s+", "", re.sub(r"^số\s*", "", text)) or None


def norm_date(text: str | None) -> str | None:
    """The ``YYYY-MM-DD`` head of a date or date-time; other text as it is.

    >>> norm_date("2021-07-15T08:00:00"), norm_date("--07-15"), norm_date("")
    ('2021-07-15', '--07-15', None)
    """
    text = (text or "").strip()
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", text)
    return match.group(1) if match else (text or None)


def alternatives(value: Any) -> list[Any]:
    """A gold slot holds one value or a list of accepted alternatives."""
    return [] if value is None else list(value) if isinstance(value, list) else [value]


def read_rows(results: Path, name: str) -> list[Row]:
    """Rows of ``results/<name>.csv`` with lower-case keys (``?x`` read as ``x``), empty
    cells as None; a missing file is an empty answer."""
    path = results / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {(k or "").lstrip("?$").strip().lower(): (v if v != "" else None) for k, v in row.items()}
        for row in rows
    ]


def article_id(value: str | None) -> str | None:
    """The article id at the end of a path, a file name or an IRI.

    >>> article_id("https://w3id.org/kgvn/id/article/000_64a1ae126a39c1e6")
    '000_64a1ae126a39c1e6'
    """
    if not value:
        return None
    value = value.strip().rstrip("/")
    value = re.split(r"[/#]", value)[-1]
    return re.sub(r"\.(txt|html?|json)$", "", value)


def merge_overlapping(items: list[set[Key]]) -> list[set[Key]]:
    """Join gold items that share an accepted answer (one answer in a coarser view)."""
    merged: list[set[Key]] = []
    for original in items:
        item = set(original)
        for other in [m for m in merged if m & item]:
            item |= other
            merged.remove(other)
        merged.append(item)
    return merged


@dataclass(frozen=True)
class Measure:
    """Counts of one measure and the answers behind them.

    Attributes:
        name: Measure name (``persons``, ``meeting_date``, ...).
        tp: Gold items matched by an answer; fn: gold items left unmatched.
        fp: Answers no gold item accepts (always 0 for recall-only measures).
        misses: One accepted answer of each unmatched gold item.
        extra: The wrong answers, sorted.
        recall_only: Precision is not measured.
    """

    name: str
    tp: int
    fp: int
    fn: int
    misses: tuple[Any, ...] = ()
    extra: tuple[Any, ...] = ()
    recall_only: bool = False

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when recall only; 1 with nothing predicted nor missed."""
        if self.recall_only:
            return None
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1 when there is no gold."""
        return self.tp / (self.tp + self.fn) if (self.tp + self.fn) else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; recall for recall-only measures."""
        p, r = self.precision, self.recall
        if p is None:
            return r
        return 2 * p * r / (p + r) if (p + r) else 0.0

    @property
    def has_gold(self) -> bool:
        """Whether any gold item exists (only those count in the macro F1)."""
        return (self.tp + self.fn) > 0


def measure(
    name: str,
    gold: Iterable[Collection[Key]],
    predicted: AbstractSet[Key],
    recall_only: bool = False,
) -> Measure:
    """Match predicted answers to gold items (each a set of accepted answers).

    A maximum bipartite matching (augmenting paths) pairs each gold item with at most one
    answer it accepts, so overlapping alternatives never cost a hit. An answer that some
    gold item accepts is never counted wrong, even if another spelling took the match.
    """
    # two gold items accepting exactly the same answers are one item seen twice
    items: list[frozenset[Key]] = list(dict.fromkeys(frozenset(g) for g in gold))
    owner: dict[Key, int] = {}

    def assign(i: int, seen: set[Key]) -> bool:
        # iterate in a fixed order: the original iterates a set, but which augmenting
        # path is found does not change the size of the maximum matching
        for key in sorted(items[i], key=str):
            if key in predicted and key not in seen:
                seen.add(key)
                if key not in owner or assign(owner[key], seen):
                    owner[key] = i
                    return True
        return False

    matched = {i for i in range(len(items)) if assign(i, set())}
    unmatched = [g for i, g in enumerate(items) if i not in matched]
    misses = tuple(min(g, key=str) if g else None for g in unmatched)
    # an answer some gold item accepts is right even when another spelling took the match
    accepted_anywhere: set[Key] = set().union(*items) if items else set()
    wrong = () if recall_only else tuple(sorted(set(predicted) - accepted_anywhere, key=str))
    return Measure(name, len(matched), len(wrong), len(unmatched), misses, wrong, recall_only)


@dataclass(frozen=True)
class _Answers:
    """Where the result CSVs are, and which articles are scored."""

    results: Path
    articles: dict[str, Any]
    only: set[str] | None = None

    def rows(self, name: str) -> list[Row]:
        """Rows of a per-article question whose article is scored, article as its id."""
        out = []
        for row in read_rows(self.results, name):
            art = article_id(row.get("article"))
            if "article" in row and art not in self.articles:
                continue
            row["article"] = art
            out.append(row)
        return out


def score(gold: dict[str, Any], results_dir: Path, only: set[str] | None = None) -> list[Measure]:
    """Score the CSV answers in ``results_dir`` against ``gold`` (the ``kg-gold/1`` JSON).

    Args:
        gold: The parsed gold annotation.
        results_dir: Directory of ``<question>.csv`` files; a missing file is no answer.
        only: Score only these article ids.

    Returns:
        The measures in the reference scorer's order, ``identity`` last.
    """
    articles = {a: g for a, g in gold["articles"].items() if not only or a in only}
    answers = _Answers(Path(results_dir), articles, only)
    return [
        *_per_article(articles, answers),
        *_documents(articles, answers),
        *_rest(articles, answers),
        _identity(gold, articles, answers),
    ]


def _items(articles: dict[str, Any], key: str) -> list[tuple[str, Any]]:
    """(article id, item) for every item of one kind in the gold articles."""
    return [(a, item) for a, art in articles.items() for item in art[key]]


def _named(rows: list[Row], column: str | None = None) -> set[Key]:
    """(article, name) answers, or (article, name, value of ``column``)."""
    if column is None:
        return {(r["article"], norm(r.get("name"))) for r in rows}
    return {(r["article"], norm(r.get("name")), norm(r.get(column))) for r in rows}


def _per_article(articles: dict[str, Any], answers: _Answers) -> list[Measure]:
    """Measures of (article, name[, value]) answers: persons, roles, ranks, positions."""
    people, meetings = _items(articles, "persons"), _items(articles, "meetings")
    gold_persons = [{(a, norm(p["name"]))} for a, p in people]
    out = [measure("persons", gold_persons, _named(answers.rows("persons")))]
    part_rows = answers.rows("participants")
    for key, wanted in (("participants", None), ("chairs", "chair"), ("speakers", "speaker")):
        gold = [{(a, norm(n))} for a, m in meetings for n in m[key]]
        rows = [r for r in part_rows if wanted is None or norm(r.get("role")) == wanted]
        out.append(measure(key, gold, _named(rows)))
    gold_ranks = [{(a, norm(p["name"]), norm(p["rank"]))} for a, p in people if p.get("rank")]
    rank_rows = [r for r in answers.rows("ranks") if r.get("rank")]
    out.append(measure("ranks", gold_ranks, _named(rank_rows, "rank")))
    # title and organization are read as one string, so a split anywhere between them counts
    g_full: list[set[Key]] = []
    g_title: list[set[Key]] = []
    for a, person in people:
        name = norm(person["name"])
        for pos in person["positions"]:
            titles = alternatives(pos["title"])
            orgs = alternatives(pos.get("org")) or [""]
            g_full.append({(a, name, norm(f"{t} {o}")) for t in titles for o in orgs})
            g_title.append({(a, name, norm(t)) for t in titles})
    pos_rows = answers.rows("positions")
    for r in pos_rows:
        r["post"] = f"{r.get('title') or ''} {r.get('organization') or ''}"
    out.append(measure("positions", g_full, _named(pos_rows, "post")))
    out.append(measure("position_titles", merge_overlapping(g_title), _named(pos_rows, "title")))
    meet_rows = answers.rows("meetings")
    for field, fix in (("date", norm_date), ("location", norm), ("organizer", norm)):
        gold = [{(a, fix(v)) for v in alternatives(m.get(field))} for a, m in meetings]
        predicted = {(r["article"], fix(r.get(field))) for r in meet_rows if r.get(field)}
        out.append(measure(f"meeting_{field}", [g for g in gold if g], predicted))
    return out


def _documents(articles: dict[str, Any], answers: _Answers) -> list[Measure]:
    """Documents by identifier across all articles, then their type, date and issuer."""
    docs: dict[str | None, Any] = {}
    for _, d in _items(articles, "documents"):
        docs.setdefault(norm_doc_id(d["id"]), d)
    rows = read_rows(answers.results, "documents")
    if answers.only is not None:
        rows = [r for r in rows if norm_doc_id(r.get("identifier")) in docs]
    ids = {norm_doc_id(r.get("identifier")) for r in rows}
    out = [measure("documents", [{k} for k in docs], ids)]
    for field, fix in (("type", norm), ("date", norm_date), ("issuer", norm)):
        gold = [{(k, fix(v)) for v in alternatives(d.get(field))} for k, d in docs.items()]
        predicted = {
            (norm_doc_id(r.get("identifier")), fix(r.get(field))) for r in rows if r.get(field)
        }
        out.append(measure(f"document_{field}", [g for g in gold if g], predicted))
    return out


def _rest(articles: dict[str, Any], answers: _Answers) -> list[Measure]:
    """Meeting documents, bylines and (recall only) organizations."""
    meetings = _items(articles, "meetings")
    gold_md = [
        {(a, norm_doc_id(d), r)} for a, m in meetings for r in RELATIONS for d in m.get(r, [])
    ]
    md_rows = answers.rows("meeting_documents")
    predicted_md = {
        (r["article"], norm_doc_id(r.get("identifier")), norm(r.get("relation"))) for r in md_rows
    }
    gold_authors = [{(a, norm(n))} for a, n in _items(articles, "authors")]
    # recall only: the line between a named body and a common noun phrase ("các đơn vị")
    # is not worth a precision figure
    gold_orgs = [
        {(a, norm(v)) for v in alternatives(o)} for a, o in _items(articles, "organizations")
    ]
    return [
        measure("meeting_documents", gold_md, predicted_md),
        measure("authors", gold_authors, _named(answers.rows("authors"))),
        measure("organizations", gold_orgs, _named(answers.rows("organizations")), True),
    ]


def _identity(gold: dict[str, Any], articles: dict[str, Any], answers: _Answers) -> Measure:
    """One node per real person across articles, and never one node for two people."""
    iris: dict[tuple[str | None, str | None], set[str | None]] = {}
    for r in answers.rows("persons"):
        iris.setdefault((r["article"], norm(r.get("name"))), set()).add(r.get("person"))

    def shared(pair: list[list[str]]) -> bool:
        (a1, n1), (a2, n2) = pair
        return bool(iris.get((a1, norm(n1)), set()) & iris.get((a2, norm(n2)), set()))

    def scored(key: str) -> list[list[list[str]]]:
        return [pair for pair in gold.get(key, []) if all(m[0] in articles for m in pair)]

    def text(pair: list[list[str]]) -> str:
        return " ~ ".join(f"{a}:{n}" for a, n in pair)

    misses = tuple(f"not merged: {text(p)}" for p in scored("same_entity") if not shared(p))
    extra = tuple(f"wrongly merged: {text(p)}" for p in scored("distinct_entity") if shared(p))
    tp = len(scored("same_entity")) - len(misses)
    return Measure("identity", tp, len(extra), len(misses), misses, extra)


def macro_f1(measures: Iterable[Measure]) -> float:
    """Mean F1 over the measures that have gold items (0 when none has).

    >>> macro_f1([Measure("a", 1, 0, 0), Measure("b", 0, 1, 1), Measure("c", 0, 3, 0)])
    0.5
    """
    scored = [m for m in measures if m.has_gold]
    return sum(m.f1 for m in scored) / len(scored) if scored else 0.0


def format_table(measures: list[Measure], verbose: bool = False) -> str:
    """The reference scorer's text report: one row per measure, then the macro F1.

    Args:
        measures: From :func:`score`.
        verbose: Also list each measure's misses and (up to 20) extras.
    """
    lines = [f"{'measure':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for m in measures:
        p = "   -  " if m.precision is None else f"{m.precision:7.3f}"
        lines.append(f"{m.name:<20}{p:>7}{m.recall:7.3f}{m.f1:7.3f}{m.tp:6d}{m.fp:6d}{m.fn:6d}")
        if verbose:
            lines += [f"    miss  {miss}" for miss in m.misses]
            lines += [f"    extra {extra}" for extra in m.extra[:20]]
    lines.append(f"macro F1 = {macro_f1(measures):.3f}")
    return "\n".join(lines) + "\n"


def as_json(measures: list[Measure]) -> dict[str, Any]:
    """The figures in the shape of the reference scorer's ``--json`` output."""
    figures = ("precision", "recall", "f1", "tp", "fp", "fn")
    return {
        "measures": {m.name: {f: getattr(m, f) for f in figures} for m in measures},
        "macro_f1": macro_f1(measures),
    }
