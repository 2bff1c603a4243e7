"""Stub: the awards and campaigns components (to be written)."""

from kg.document import Document
from kg.model import ArticleExtraction
from kg.pipeline import component


@component("awards")
def extract_awards(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Stub: returns the extraction unchanged."""
    return extraction


@component("campaigns")
def extract_campaigns(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Stub: returns the extraction unchanged."""
    return extraction
