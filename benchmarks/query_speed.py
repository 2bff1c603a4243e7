"""The nine competency queries: kg's store against rdflib's memory store; prints JSON.

Usage: python benchmarks/query_speed.py OUT_DIR [--rdflib] [--repeat 3]

Each query is run ``repeat`` times on the build in OUT_DIR, the way ``kg query NAME``
runs it (the kept answer table of :mod:`kg.answers` when the question has one, else the
store), and once more asked of the store's SPARQL engine; the result is read to the
last row and the median kept. With --rdflib, the same article graphs are loaded into an
rdflib Dataset (in memory, default graph = union) and the same queries are timed there.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import warnings
from pathlib import Path

import pyoxigraph as ox

from kg import answers, queries
from kg.queries import COMPETENCY
from kg.store import Store

NINE = COMPETENCY


def timed(run, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rdflib", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    result: dict[str, dict[str, float | int]] = {}
    with Store.open(args.out, read_only=True) as store:
        for name in NINE:
            text = queries.load(name)
            seconds, rows = timed(lambda n=name: len(answers.ask(store, n)), args.repeat)
            engine, _ = timed(lambda t=text: len(store.select(t)), args.repeat)
            result[name] = {"kg": seconds, "rows": rows, "engine": engine}
        if args.rdflib:
            import rdflib

            data = ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS) or b""
            dataset = rdflib.Dataset(default_union=True)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                started = time.perf_counter()
                dataset.parse(data=data, format="nquads")
                result["_load"] = {"rdflib": time.perf_counter() - started}
                for name in NINE:
                    text = queries.load(name)
                    seconds, rows = timed(lambda t=text: len(list(dataset.query(t))), 1)
                    result[name].update({"rdflib": seconds, "rdflib_rows": rows})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
