"""Unpack the VNTC corpus (JSON lines, gzip) into a folder of .txt articles for kg build.

Usage:
    python benchmarks/corpus.py OUT_DIR [--limit N] [--repeat K] [--corpus DIR]

Each article becomes ``OUT_DIR/<id>.txt`` with the id's ``:`` replaced by ``_``. With
``--repeat K`` the corpus is written K times under new ids (``r1_...``), to make a larger
workload of the same text.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def articles(corpus: Path = CORPUS) -> Iterator[tuple[str, str]]:
    """(id, text) of every corpus article, in file order."""
    for part in sorted(corpus.glob("vntc_*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                yield record["id"].replace(":", "_"), record["text"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="stop after N articles (per repeat)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for round_ in range(args.repeat):
        prefix = f"r{round_}_" if round_ else ""
        for i, (article_id, text) in enumerate(articles(args.corpus)):
            if args.limit and i >= args.limit:
                break
            (args.out / f"{prefix}{article_id}.txt").write_text(text, encoding="utf-8")
            written += 1
    print(f"{written} articles written to {args.out}")


if __name__ == "__main__":
    main()
