"""kg: knowledge graphs from Vietnamese official news.

Read articles (plain text, HTML, folders of both), extract meetings, people, ranks,
posts, bodies and documents with their provenance, and keep them as RDF in an embedded
SPARQL store, with Turtle and other RDF exports and an interactive HTML graph.
"""

__version__ = "0.1.0"
