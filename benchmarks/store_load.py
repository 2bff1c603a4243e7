"""Store load: kg's build path against a plain pyoxigraph bulk load of the same N-Quads.

Usage: python benchmarks/store_load.py OUT_DIR WORK_DIR [--per-article N]

Reads the article graphs of the store in OUT_DIR/store, writes them as N-Quads (and the
same statements as N-Triples, the union copies a kg build also loads) into WORK_DIR,
then times, each into a fresh store: (1) pyoxigraph's bulk loader on the N-Quads alone
(the floor), (2) kg's path (Store.bulk_add in 64 MB batches: the N-Quads and the union
copies), (3) optionally the previous path, one Store.replace_article per article, for
the first N articles. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from kg.store import Store

BATCH = 64 << 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--per-article", type=int, default=0)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    nq, nt = args.work / "articles.nq", args.work / "union.nt"
    with Store.open(args.out, read_only=True) as store, nq.open("wb") as q, nt.open("wb") as t:
        articles = store.articles()
        for iri in articles:
            quads = list(store.quads(iri))
            q.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
            t.write(ox.serialize([x.triple for x in quads], format=ox.RdfFormat.N_TRIPLES) or b"")
    result: dict[str, float | int] = {
        "articles": len(articles),
        "nquads_mb": nq.stat().st_size / 1e6,
    }

    floor = args.work / "floor"
    shutil.rmtree(floor, ignore_errors=True)
    started = time.perf_counter()
    plain = ox.Store(str(floor))
    plain.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
    plain.flush()
    result["floor"] = time.perf_counter() - started
    del plain

    ours = args.work / "ours"
    shutil.rmtree(ours, ignore_errors=True)
    started = time.perf_counter()
    with Store.open(ours) as store, nq.open("rb") as q, nt.open("rb") as t:
        while True:
            a, b = q.read(BATCH), t.read(BATCH)
            if not a and not b:
                break
            # cut at line ends so that no statement is split between two loads
            a += q.readline()
            b += t.readline()
            store.bulk_add(a, b)
        store.flush()
    result["kg"] = time.perf_counter() - started

    if args.per_article:
        old = args.work / "old"
        shutil.rmtree(old, ignore_errors=True)
        quads = ox.parse(path=nq, format=ox.RdfFormat.N_QUADS)
        graphs = groupby(quads, key=lambda x: x.graph_name.value)
        started = time.perf_counter()
        done = 0
        with Store.open(old) as store:
            for iri, group in graphs:
                store.replace_article(iri, list(group))
                done += 1
                if done >= args.per_article:
                    break
            store.flush()
        result["per_article"] = time.perf_counter() - started
        result["per_article_n"] = done
    for name in ("floor", "ours", "old"):
        shutil.rmtree(args.work / name, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
