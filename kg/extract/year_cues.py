"""The words that tell a gathering's year, compiled once from ``kg/rules/year_cues.json``.

A library module for :mod:`kg.extract.years`: closing, launching and forward words, words
that make a year another time (``so với năm``), parts of a year, announcing words and
anniversary occasions.

Example:
    >>> announces("Tại hội nghị, đã công bố Quyết định số 12/QĐ-BQP", 25)
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.rules import PhraseMatcher, load_rules

__all__ = ["Cues", "announces", "cues"]

_NOT_LITERAL = ("OTHER_TIME", "ANNOUNCE", "OCCASION")


@dataclass(frozen=True)
class Cues:
    """The year cues of ``kg/rules/year_cues.json``, compiled (see :mod:`kg.extract.years`)."""

    matcher: PhraseMatcher
    labels: dict[str, str]
    other_time: re.Pattern[str]
    parts: tuple[tuple[re.Pattern[str], str], ...]
    announce: re.Pattern[str]
    periods: dict[str, str]
    occasion: re.Pattern[str]


@cache
def cues() -> Cues:
    rules = load_rules("year_cues")
    literal = [r for r in rules if not r.regex and r.label not in _NOT_LITERAL]

    def alternation(label: str) -> str:
        words = sorted((r.pattern for r in rules if r.label == label), key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)

    return Cues(
        PhraseMatcher(literal),
        {r.id: r.label for r in literal},
        re.compile(rf"(?<!\w)(?:{alternation('OTHER_TIME')})\s+(?:năm\s+)?$", re.IGNORECASE),
        tuple((re.compile(r.pattern), str(r.get("part", "first"))) for r in rules if r.regex),
        re.compile(rf"(?<!\w)(?:{alternation('ANNOUNCE')})(?:\s+các)?\s*$", re.IGNORECASE),
        {r.id: str(r.get("period")) for r in literal if r.get("period")},
        re.compile(rf"(?<!\w)(?:{alternation('OCCASION')})(?=\s+\d)", re.IGNORECASE),
    )


def announces(text: str, pos: int) -> bool:
    """Whether the document reference at ``pos`` is announced (``đã công bố Quyết định``).

    >>> announces("Tại hội nghị, đã công bố Quyết định số 12/QĐ-BQP", 25)
    True
    """
    return bool(cues().announce.search(text, max(0, pos - 30), pos))
