"""The component registry and the pipeline's error context."""

from __future__ import annotations

import dataclasses

import pytest

from kg.document import Document
from kg.model import ArticleExtraction, Author, Evidence
from kg.pipeline import DEFAULT_PIPELINE, ExtractionError, Pipeline, component, registered


def test_default_components_are_registered() -> None:
    assert set(DEFAULT_PIPELINE) <= set(registered())


def test_components_run_in_order_and_compose() -> None:
    calls: list[str] = []

    @component("test.first")
    def first(doc: Document, ex: ArticleExtraction) -> ArticleExtraction:
        calls.append("first")
        ev = Evidence(0, 3, 0, "test.first", "r")
        return dataclasses.replace(ex, authors=(Author(doc.text[:3], ev),))

    @component("test.second")
    def second(doc: Document, ex: ArticleExtraction) -> ArticleExtraction:
        calls.append("second")
        assert ex.authors, "second must see what first produced"
        return ex

    result = Pipeline(["test.first", "test.second"])(Document.from_text("x", "Lan viết"))
    assert calls == ["first", "second"]
    assert result.authors[0].name == "Lan"


def test_a_failing_component_names_the_article_and_itself() -> None:
    @component("test.broken")
    def broken(doc: Document, ex: ArticleExtraction) -> ArticleExtraction:
        raise ValueError("boom")

    with pytest.raises(ExtractionError) as info:
        Pipeline(["test.broken"])(Document.from_text("bai-01", "Văn bản"))
    assert "bai-01" in str(info.value) and "test.broken" in str(info.value)


def test_unknown_component_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no extractor component named 'nope'"):
        Pipeline(["nope"])


def test_registering_a_name_twice_is_refused() -> None:
    @component("test.once")
    def once(doc: Document, ex: ArticleExtraction) -> ArticleExtraction:
        return ex

    with pytest.raises(ValueError, match="registered twice"):

        @component("test.once")
        def again(doc: Document, ex: ArticleExtraction) -> ArticleExtraction:
            return ex
