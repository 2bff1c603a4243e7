"""Rule files: validation and the one overlap policy."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from kg.rules import PhraseMatcher, Rule, RuleError, load_rules, parse_rules


def test_every_bundled_rule_file_loads() -> None:
    names = sorted(
        p.name[:-5] for p in (resources.files("kg") / "rules").iterdir() if p.name.endswith(".json")
    )
    assert names, "no rule files bundled"
    for name in names:
        assert load_rules(name), name


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ({"label": "A"}, "expected a JSON list"),
        ([{"label": "A", "pattern": "x"}], "lacks 'id'"),
        ([{"label": "A", "pattern": "", "id": "a"}], "lacks 'pattern'"),
        (
            [{"label": "A", "pattern": "x", "id": "a"}, {"label": "A", "pattern": "y", "id": "a"}],
            "used twice",
        ),
        ([{"label": "A", "pattern": "(", "id": "a", "regex": True}], "bad regex"),
        ([{"label": "B", "pattern": "x", "id": "b"}], "unknown label"),
    ],
)
def test_malformed_rules_are_refused_with_the_source_named(items: object, message: str) -> None:
    with pytest.raises(RuleError, match=message) as info:
        parse_rules("ranks.json", items, labels=["A"])
    assert str(info.value).startswith("ranks.json")


def test_longest_match_wins_then_first_then_rule_order() -> None:
    matcher = PhraseMatcher(
        [
            Rule("TITLE", "Chính ủy", "t.chinh-uy"),
            Rule("TITLE", "Phó Chính ủy", "t.pho-chinh-uy"),
            Rule("ORG", "Chính ủy Tổng cục", "o.bad"),
        ]
    )
    found = matcher.find("Phó Chính ủy Tổng cục Kỹ thuật")
    # "Chính ủy Tổng cục" (17 chars) is longer than "Phó Chính ủy" (12) and overlaps it
    assert [(m.surface, m.rule) for m in found] == [("Chính ủy Tổng cục", "o.bad")]


def test_whole_words_only_and_offsets_are_exact() -> None:
    matcher = PhraseMatcher([Rule("RANK", "Đại tá", "r")])
    text = "Đại tá Lê An và Đại táo"
    found = matcher.find(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == found[0].surface == "Đại tá"


def test_ignore_case_and_regex_rules() -> None:
    matcher = PhraseMatcher(
        [
            Rule("KIND", "hội nghị", "k", ignore_case=True),
            Rule("NUM", r"\d+/[A-ZĐ]+", "n", regex=True),
        ]
    )
    found = matcher.find("HỘI NGHỊ về Chỉ thị 12/CT")
    assert [(m.label, m.surface) for m in found] == [("KIND", "HỘI NGHỊ"), ("NUM", "12/CT")]


def test_rule_files_are_json_lists_with_unique_ids() -> None:
    for entry in (resources.files("kg") / "rules").iterdir():
        if entry.name.endswith(".json"):
            items = json.loads(entry.read_text(encoding="utf-8"))
            ids = [i["id"] for i in items]
            assert len(ids) == len(set(ids)), entry.name
