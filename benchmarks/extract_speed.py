"""Extraction throughput of one process: read, extract, map to RDF; prints JSON.

Usage: python benchmarks/extract_speed.py DIR [--limit N]

Characters are those of the article text the extractors read (after ingestion).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kg.ingest import discover, read_article
from kg.pipeline import Pipeline
from kg.rdf import article_quads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    files = discover([args.folder])[: args.limit]
    pipeline = Pipeline()
    started = time.perf_counter()
    docs = [read_article(f) for f in files]
    read = time.perf_counter() - started
    started = time.perf_counter()
    extractions = [pipeline(d) for d in docs]
    extract = time.perf_counter() - started
    started = time.perf_counter()
    quads = sum(len(article_quads(d, e)) for d, e in zip(docs, extractions, strict=True))
    mapping = time.perf_counter() - started
    chars = sum(len(d.text) for d in docs)
    print(
        json.dumps(
            {
                "articles": len(docs),
                "chars": chars,
                "quads": quads,
                "read": read,
                "extract": extract,
                "rdf": mapping,
            }
        )
    )


if __name__ == "__main__":
    main()
