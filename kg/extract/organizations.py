"""Stub: the organizations component (to be written)."""

from kg.document import Document
from kg.model import ArticleExtraction
from kg.pipeline import component


@component("organizations")
def extract_organizations(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Stub: returns the extraction unchanged."""
    return extraction
