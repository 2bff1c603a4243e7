"""Stub: the documents component (to be written)."""

from kg.document import Document
from kg.model import ArticleExtraction
from kg.pipeline import component


@component("documents")
def extract_documents(doc: Document, extraction: ArticleExtraction) -> ArticleExtraction:
    """Stub: returns the extraction unchanged."""
    return extraction
