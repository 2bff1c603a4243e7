"""Stub: the bylines component (to be written)."""

from kg.document import Document
from kg.model import ArticleExtraction
from kg.pipeline import component


@component("bylines")
def extract_bylines(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Stub: returns the extraction unchanged."""
    return extraction
