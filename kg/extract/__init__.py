"""Built-in extractor components; importing this package registers them.

Each module registers one or more components with :func:`kg.pipeline.component`:

- ``organizations``: named bodies and abbreviations (:mod:`kg.extract.organizations`)
- ``persons``: names, ranks, posts (:mod:`kg.extract.persons`)
- ``documents``: numbered legal and party documents (:mod:`kg.extract.documents`)
- ``meetings``: gatherings, dates, places, roles (:mod:`kg.extract.meetings`)
- ``bylines``: authors (:mod:`kg.extract.bylines`)
- ``awards`` and ``campaigns``: (:mod:`kg.extract.awards`)
"""

from kg.extract import awards, bylines, documents, meetings, organizations, persons

__all__ = ["awards", "bylines", "documents", "meetings", "organizations", "persons"]
