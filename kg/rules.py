"""Rules as data: vocabulary files under ``kg/rules/``, loaded and validated.

Each file is a JSON list of rules ``{"label": ..., "pattern": ..., "id": ...}`` plus any
extra fields the consuming extractor needs (``"expansion"`` for an abbreviation,
``"code"`` for a document type). ``pattern`` is a literal phrase, matched as whole words
and case-sensitively unless the rule says ``"ignore_case": true``; with
``"regex": true`` it is a Python regular expression instead.

Overlap policy (one for every matcher): among overlapping matches the longest wins; on a
tie the one that starts first; then the rule listed first. This is spaCy's
``filter_spans`` order, so ``Phó Chính ủy`` beats ``Chính ủy`` and ``Bộ Chỉ huy Quân sự
tỉnh`` beats ``Bộ Chỉ huy``.

Example:
    >>> m = PhraseMatcher([Rule("RANK", "Đại tá", "r1"), Rule("RANK", "Đại", "r2")])
    >>> [(x.surface, x.rule) for x in m.find("Dự có Đại tá Nguyễn Văn A")]
    [('Đại tá', 'r1')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from kg.model import Mention

# Vietnamese letters include combining-free precomposed forms outside \w's ASCII range,
# but Python's \w already covers them; a boundary is "not a word character" on each side.
_LEFT = r"(?<!\w)"
_RIGHT = r"(?!\w)"


class RuleError(ValueError):
    """A rule file is malformed; the message names the file and the rule."""


@dataclass(frozen=True)
class Rule:
    """One rule: a label, a pattern, a unique id, and optional extra fields."""

    label: str
    pattern: str
    id: str
    regex: bool = False
    ignore_case: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """An extra field of the rule."""
        return self.extra.get(key, default)


def parse_rules(source: str, items: Any, labels: Iterable[str] | None = None) -> tuple[Rule, ...]:
    """Validate a decoded rule list; ``source`` names it in error messages.

    Raises:
        RuleError: when an entry lacks ``label``/``pattern``/``id``, has an unknown label,
            repeats an id, or holds a regex that does not compile.

    >>> parse_rules("x.json", [{"label": "A", "pattern": "p", "id": "a"}])[0].id
    'a'
    >>> parse_rules("x.json", [{"label": "A", "pattern": "p"}])
    Traceback (most recent call last):
    ...
    kg.rules.RuleError: x.json: rule 0 lacks 'id'
    """
    if not isinstance(items, list):
        raise RuleError(f"{source}: expected a JSON list of rules")
    allowed = set(labels) if labels is not None else None
    seen: set[str] = set()
    rules: list[Rule] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise RuleError(f"{source}: rule {i} is not an object")
        for key in ("label", "pattern", "id"):
            if not isinstance(item.get(key), str) or not item[key]:
                raise RuleError(f"{source}: rule {i} lacks {key!r}")
        if allowed is not None and item["label"] not in allowed:
            raise RuleError(f"{source}: rule {item['id']!r} has unknown label {item['label']!r}")
        if item["id"] in seen:
            raise RuleError(f"{source}: rule id {item['id']!r} is used twice")
        seen.add(item["id"])
        extra = {
            k: v
            for k, v in item.items()
            if k not in {"label", "pattern", "id", "regex", "ignore_case"}
        }
        rule = Rule(
            item["label"],
            item["pattern"],
            item["id"],
            bool(item.get("regex", False)),
            bool(item.get("ignore_case", False)),
            extra,
        )
        if rule.regex:
            try:
                re.compile(rule.pattern)
            except re.error as exc:
                raise RuleError(f"{source}: rule {rule.id!r} has a bad regex: {exc}") from None
        rules.append(rule)
    return tuple(rules)


@cache
def load_rules(name: str) -> tuple[Rule, ...]:
    """Load and validate the bundled rule file ``kg/rules/<name>.json``."""
    path = resources.files("kg") / "rules" / f"{name}.json"
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RuleError(f"rules/{name}.json: not valid JSON: {exc}") from None
    return parse_rules(f"rules/{name}.json", items)


class PhraseMatcher:
    """Find every rule's pattern in a text, resolving overlaps by the module's policy.

    Literal phrases are compiled into one alternation per case mode, tried at every word
    start through a look-ahead, so the cost is one pass over the text however many rules
    there are; regex rules run one pass each.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        self._regex = [(i, _compile(r)) for i, r in enumerate(self.rules) if r.regex]
        self._literal: list[tuple[re.Pattern[str], dict[str, int], bool]] = []
        for ignore_case in (False, True):
            index: dict[str, int] = {}
            for i, r in enumerate(self.rules):
                if not r.regex and r.ignore_case == ignore_case:
                    index.setdefault(_phrase_key(r.pattern, ignore_case), i)
            if index:
                alts = sorted(index, key=len, reverse=True)
                body = "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in alts)
                flags = re.IGNORECASE if ignore_case else 0
                pattern = re.compile(_LEFT + "(?=(" + body + ")" + _RIGHT + ")", flags)
                self._literal.append((pattern, index, ignore_case))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Non-overlapping matches in ``text[start:end]``, in text order."""
        stop = len(text) if end is None else end
        found: list[tuple[int, int, int]] = []
        for pattern, index, ignore_case in self._literal:
            for m in pattern.finditer(text, start, stop):
                s, e = m.span(1)
                if e <= stop:
                    found.append((s, e, index[_phrase_key(m.group(1), ignore_case)]))
        for order, compiled in self._regex:
            for m in compiled.finditer(text, start, stop):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), order))
        return [
            Mention(self.rules[o].label, s, e, text[s:e], self.rules[o].id)
            for s, e, o in filter_overlaps(found)
        ]

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id."""
        return next(r for r in self.rules if r.id == rule_id)


def _phrase_key(phrase: str, ignore_case: bool) -> str:
    key = " ".join(phrase.split())
    return key.casefold() if ignore_case else key


def filter_overlaps(spans: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Keep non-overlapping ``(start, end, order)`` spans: longest, then first, then lowest order.

    >>> filter_overlaps([(0, 5, 1), (0, 8, 2), (6, 9, 0), (9, 12, 0)])
    [(0, 8, 2), (9, 12, 0)]
    """
    chosen: list[tuple[int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for s, e, o in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0], x[2])):
        if all(e <= ts or s >= te for ts, te in taken):
            chosen.append((s, e, o))
            taken.append((s, e))
    return sorted(chosen)


def _compile(rule: Rule) -> re.Pattern[str]:
    flags = re.IGNORECASE if rule.ignore_case else 0
    if rule.regex:
        return re.compile(rule.pattern, flags)
    phrase = r"\s+".join(re.escape(w) for w in rule.pattern.split())
    return re.compile(_LEFT + phrase + _RIGHT, flags)
