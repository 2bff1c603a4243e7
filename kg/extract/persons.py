"""Stub: the persons component (to be written)."""

from kg.document import Document
from kg.model import ArticleExtraction
from kg.pipeline import component


@component("persons")
def extract_persons(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Stub: returns the extraction unchanged."""
    return extraction
