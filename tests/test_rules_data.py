"""The vocabulary files of the persons and organizations components are well formed."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kg.extract.lexicon import fold_key, lexicon, tokenize_text
from kg.rules import load_rules

FILES = {
    "ranks": {"RANK", "RANK_QUALIFIER"},
    "titles": {"TITLE", "FORMER", "APPOINTED"},
    "honorifics": {"HONORIFIC", "ACADEMIC"},
    "surnames": {"SURNAME"},
    "places": {"PLACE"},
    "name_context": {"BLOCK_BEFORE", "MENTION_BEFORE", "HISTORICAL"},
    "bodies": {"HEAD", "BODY", "ANAPHOR", "ADMIN", "CONTINUE", "STOP", "NOT_BODY"},
    "abbreviations": {"ABBR"},
}
ABBREVIATION_KINDS = {"head", "body", "qualifier", "admin", "title", "term"}


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_loads_with_known_labels(name: str) -> None:
    rules = load_rules(name)
    assert rules, name
    assert {r.label for r in rules} <= FILES[name]


@pytest.mark.parametrize("name", sorted(FILES))
def test_no_phrase_is_listed_twice_under_one_label(name: str) -> None:
    case_sensitive = name == "abbreviations"
    keys = Counter(
        (r.label, r.pattern if case_sensitive else fold_key(r.pattern))
        for r in load_rules(name)
        if not r.regex
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_rank_has_its_canonical_value() -> None:
    for rule in load_rules("ranks"):
        if rule.label == "RANK":
            assert rule.get("value") and fold_key(rule.get("value")) == fold_key(rule.pattern)
    values = {r.get("value") for r in load_rules("ranks") if r.label == "RANK"}
    assert {"Đại tướng", "Thiếu úy", "Đô đốc", "Phó Đô đốc", "Chuẩn Đô đốc"} <= values


def test_abbreviations_have_an_expansion_and_a_known_kind() -> None:
    for rule in load_rules("abbreviations"):
        assert rule.get("expansion"), rule.id
        assert rule.get("kind") in ABBREVIATION_KINDS, rule.id
        if rule.regex:
            assert re.compile(rule.pattern).groups >= 1, rule.id


def test_implied_heads_of_titles_are_body_heads() -> None:
    heads = lexicon("bodies", "HEAD")
    for rule in load_rules("titles"):
        if rule.get("implies"):
            assert rule.get("implies") in heads, rule.id


def test_surnames_are_single_capitalised_words() -> None:
    for rule in load_rules("surnames"):
        words, _keys = tokenize_text(rule.pattern)
        assert len(words) == 1 and words[0][0].isupper(), rule.id
    common = {r.pattern for r in load_rules("surnames") if r.get("common")}
    assert {"Nguyễn", "Trần", "Lê", "Phạm"} <= common


def test_stop_and_continue_words_do_not_contradict() -> None:
    rules = load_rules("bodies")
    stops = {fold_key(r.pattern) for r in rules if r.label == "STOP"}
    conts = {fold_key(r.pattern) for r in rules if r.label == "CONTINUE"}
    assert stops.isdisjoint(conts)


def test_historical_names_are_two_to_four_words() -> None:
    for rule in load_rules("name_context"):
        if rule.label == "HISTORICAL":
            assert 2 <= len(rule.pattern.split()) <= 4, rule.id


def test_lexicon_finds_the_longest_phrase() -> None:
    from kg.document import Document
    from kg.extract.lexicon import tokenize

    toks = tokenize(Document.from_text("t", "Phó Bí thư Thường trực Tỉnh ủy"))
    size, rule = lexicon("titles", "TITLE").match(toks, 0, len(toks))
    assert (size, rule.pattern) == (5, "Phó Bí thư Thường trực")


def test_every_province_and_centrally_run_city_is_a_place() -> None:
    provinces = {
        str(r.get("name", r.pattern)): r.get("province")
        for r in load_rules("places")
        if r.get("province")
    }
    assert set(provinces.values()) == {"tỉnh", "thành phố"}
    cities = {n for n, level in provinces.items() if level == "thành phố"}
    assert cities == {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
    assert len(provinces) >= 63
    # a variant spelling names a province listed under its own name
    patterns = {r.pattern for r in load_rules("places")}
    assert {n for n in provinces if n != "Hồ Chí Minh"} <= patterns


def test_continue_words_with_a_context_name_it_in_lists() -> None:
    for rule in load_rules("bodies"):
        for field in ("after", "not_before"):
            value = rule.get(field)
            assert value is None or (isinstance(value, list) and value), rule.id


def test_committee_levels_are_level_words_and_unit_organs_are_heads() -> None:
    rules = load_rules("bodies")
    levels = {fold_key(r.pattern) for r in rules if r.label == "ADMIN"}
    for rule in rules:
        if rule.get("level"):
            assert rule.label == "HEAD" and rule.get("committee"), rule.id
            assert rule.get("level") in levels, rule.id
        if rule.get("of_unit"):
            assert rule.label == "HEAD", rule.id


def test_kinds_named_by_titles_and_anaphors_are_kinds_of_body_heads() -> None:
    rules = load_rules("bodies")
    kinds = {fold_key(str(r.get("kind") or r.pattern)) for r in rules if r.label == "HEAD"}
    for rule in rules:
        if rule.label == "ANAPHOR":
            assert rule.get("kinds") and {fold_key(k) for k in rule.get("kinds")} <= kinds
        if rule.get("kind"):
            assert rule.label == "HEAD" and fold_key(rule.get("kind")) in kinds, rule.id
    for rule in load_rules("titles"):
        of = rule.get("of")
        if of:
            assert {fold_key(k) for k in ([of] if isinstance(of, str) else of)} <= kinds, rule.id


def test_flags_of_heads_and_continuations_are_where_they_mean_something() -> None:
    for rule in load_rules("bodies"):
        if rule.get("ad_hoc") or rule.get("holds_posts"):
            assert rule.label == "HEAD", rule.id
        if rule.get("ad_hoc"):
            assert rule.get("standalone") and rule.get("kind"), rule.id
        if rule.get("holds_posts"):
            assert rule.get("dependent"), rule.id
        if rule.get("after_and"):
            assert rule.label == "CONTINUE", rule.id
        if rule.get("parent"):
            assert rule.label in ("HEAD", "ANAPHOR"), rule.id
            assert not (rule.get("standalone") or rule.get("dependent")), rule.id
    appointed = [r for r in load_rules("titles") if r.get("post_follows")]
    assert all(r.label == "APPOINTED" for r in appointed)
