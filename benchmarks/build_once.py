"""One kg build, its report as JSON (run by benchmarks/run.py under measurement).

Usage: python benchmarks/build_once.py OUT PATH... [--jobs N] [--no-html] [--no-validate]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.build import BuildOptions, build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args()
    options = BuildOptions(
        out=args.out, jobs=args.jobs, html=not args.no_html, validate=not args.no_validate
    )
    report = build(args.paths, options)
    print(
        json.dumps(
            {
                "articles": report.articles,
                "extracted": report.extracted,
                "failed": len(report.failed),
                "triples": report.triples,
                "violations": report.violations,
                "chars": report.chars,
                "seconds": report.seconds,
                "timings": report.timings,
            }
        )
    )


if __name__ == "__main__":
    main()
