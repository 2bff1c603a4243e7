"""kg's benchmarks in one run, printed as one table (``make bench``; takes 30 min or more).

Usage:
    python benchmarks/run.py [--work DIR] [--sizes 1000,10000,20000,100000] [--jobs 2]
                             [--skip-peer] [--skip-jobs1]

Measures, on the VNTC corpus (``../shared/corpus``, unpacked by benchmarks/corpus.py into
WORK; 100,000 articles are the corpus five times under new ids):

- extraction speed of one process on the first 1,000 articles (articles/s, characters/s),
  and underthesea's NER on the same files (installed in its own venv under WORK);
- ``kg build --jobs J`` into a fresh folder at each size: wall time, peak memory of the
  process tree, stage times; at 20,000 also ``--jobs 1`` (same bytes?), a rebuild with
  nothing changed, and one added article;
- the store load against a plain pyoxigraph bulk load of the same N-Quads (the floor);
- the nine competency queries on the 20,000-article build (as ``kg query NAME`` answers
  them, and asked of the SPARQL engine), and on rdflib's memory store (1,000 articles:
  rdflib cannot hold 20,000 in this machine's time budget);
- the 20,000-article page (the capped overview, and a focus page) opening in headless
  Chromium.

Every figure comes from this run; results are also written to WORK/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Measured, measure

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
PY = sys.executable
CORPUS = Path(os.environ.get("KG_CORPUS", ROOT.parent / "shared" / "corpus"))
Row = tuple[str, str, str, str, str]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    mem = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())  # other users of the machine
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {mem / 1024 / 1024:.1f} GB RAM, "
        f"Python {platform.python_version()}, load average {load}"
    )


def corpus(work: Path, size: int) -> Path:
    """WORK/cN: N articles (symlinks into the unpacked corpus; 100k: the corpus 5 times)."""
    full = work / "corpus"
    if not full.is_dir() or len(list(full.iterdir())) < 20000:
        run_checked([PY, str(HERE / "corpus.py"), str(full), "--corpus", str(CORPUS)])
    if size > 20000:
        big = work / f"c{size}"
        if not big.is_dir() or len(list(big.iterdir())) < size:
            repeat = str(-(-size // 20000))
            run_checked(
                [PY, str(HERE / "corpus.py"), str(big), "--repeat", repeat, "--corpus", str(CORPUS)]
            )
        return big
    folder = work / f"c{size}"
    if not folder.is_dir() or len(list(folder.iterdir())) != size:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for path in sorted(full.iterdir())[:size]:
            (folder / path.name).symlink_to(path)
    return folder


def run_checked(command: list[str]) -> Measured:
    result = measure(command, cwd=ROOT)
    if result.returncode not in (0, 1):  # 1: some articles were skipped, still a build
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    return result


def build(
    work: Path, name: str, folder: Path, jobs: int, fresh: bool = True
) -> tuple[Measured, dict[str, Any]]:
    out = work / "out" / name
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    m = run_checked([PY, str(HERE / "build_once.py"), str(out), str(folder), "--jobs", str(jobs)])
    return m, json.loads(m.stdout.strip().splitlines()[-1])


def peer(work: Path, files: list[Path]) -> dict[str, Any] | str:
    venv = work / "peer-venv"
    python = venv / "bin" / "python"
    try:
        if not python.exists():
            subprocess.run([PY, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", "underthesea"],
                check=True,
                capture_output=True,
                text=True,
            )
        m = measure([str(python), str(HERE / "peer_ner.py"), *map(str, files)], cwd=ROOT)
    except (subprocess.CalledProcessError, OSError) as exc:
        return f"not run: {exc}"
    if m.returncode != 0:
        last = (m.stderr.strip().splitlines() or ["?"])[-1]
        return f"not run: {last[:120]}"
    return json.loads(m.stdout.strip().splitlines()[-1])


def stages(report: dict[str, Any]) -> str:
    t = report["timings"]
    keys = ("extract+load", "union", "export", "shacl", "html")
    return ", ".join(f"{k} {t[k]:.1f}" for k in keys if k in t)


def verdict(value: float, limit: float, *, below: bool = True) -> str:
    ok = value < limit if below else value >= limit
    return "met" if ok else f"missed by {abs(value - limit) / limit:.0%}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--sizes", default="1000,10000,20000,100000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-jobs1", action="store_true")
    args = parser.parse_args()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: list[Row] = []
    started = time.perf_counter()
    print(f"machine: {machine()}", flush=True)

    c1k = corpus(work, 1000)
    speed = json.loads(run_checked([PY, str(HERE / "extract_speed.py"), str(c1k)]).stdout)
    mchars = speed["chars"] / speed["extract"] / 1e6
    whole = speed["read"] + speed["extract"] + speed["rdf"]
    ref = "-"
    if not args.skip_peer:
        p = peer(work, sorted(c1k.iterdir()))
        ref = (
            p
            if isinstance(p, str)
            else (
                f"underthesea NER (CRF): {p['articles'] / p['seconds']:.0f} art/s, "
                f"{p['chars'] / p['seconds'] / 1e6:.2f} M chars/s"
            )
        )
    rows.append(
        (
            "extraction, 1 process, 1,000 articles",
            f"{speed['articles'] / speed['extract']:.0f} art/s, {mchars:.2f} M chars/s "
            f"(with reading and RDF: {speed['articles'] / whole:.0f} art/s)",
            ref,
            ">= 1 M chars/s",
            verdict(mchars, 1.0, below=False),
        )
    )
    print(rows[-1], flush=True)

    for size in sizes:
        folder = corpus(work, size)
        m, r = build(work, f"b{size}", folder, args.jobs)
        target, status = "", ""
        if size == 20000:
            target, status = "< 120 s", verdict(m.seconds, 120)
        if size >= 100000:
            target, status = "< 1.5 GB", verdict(m.peak_mb, 1536)
        rows.append(
            (
                f"build {size:,} --jobs {args.jobs}",
                f"{m.seconds:.0f} s ({m.cpu:.0f} s CPU), peak {m.peak_mb:.0f} MB "
                f"(largest process {m.maxrss_mb:.0f} MB); "
                f"{r['triples']:,} triples, {r['violations']} SHACL lines",
                f"{stages(r)}; 1-min load average after: {os.getloadavg()[0]:.1f}",
                target,
                status,
            )
        )
        print(rows[-1], flush=True)
        if size != 20000:
            continue
        out = work / "out" / "b20000"
        if not args.skip_jobs1:
            m1, _ = build(work, "b20000-j1", folder, 1)
            same = all(
                (out / f).read_bytes() == (work / "out" / "b20000-j1" / f).read_bytes()
                for f in ("graph.ttl", "graph.html")
            )
            rows.append(
                (
                    "build 20,000 --jobs 1",
                    f"{m1.seconds:.0f} s, peak {m1.peak_mb:.0f} MB",
                    f"--jobs {args.jobs} is {m1.seconds / m.seconds:.2f}x faster",
                    "same bytes as --jobs 2",
                    "met" if same else "missed: bytes differ",
                )
            )
            print(rows[-1], flush=True)
        again, ra = build(work, "b20000", folder, args.jobs, fresh=False)
        rows.append(
            (
                "rebuild 20,000, nothing changed",
                f"{again.seconds:.1f} s, {ra['extracted']} extracted",
                "",
                "< 10 s",
                verdict(again.seconds, 10),
            )
        )
        print(rows[-1], flush=True)
        extra = work / "extra"
        shutil.rmtree(extra, ignore_errors=True)
        extra.mkdir()
        source = sorted((work / "corpus").iterdir())[-1]
        (extra / "added_article.txt").write_text(
            source.read_text(encoding="utf-8"), encoding="utf-8"
        )
        plus = run_checked(
            [
                PY,
                str(HERE / "build_once.py"),
                str(out),
                str(folder),
                str(extra),
                "--jobs",
                str(args.jobs),
            ]
        )
        rp = json.loads(plus.stdout.strip().splitlines()[-1])
        add = measure([PY, "-c", ADD_ONE, str(out), str(source)], cwd=ROOT)
        add_s, add_all = (float(v) for v in (add.stdout.split() or ["nan", "nan"]))
        rows.append(
            (
                "add 1 article to the 20,000-article store",
                f"store: {add_s * 1000:.0f} ms (read, extract, replace_article); "
                f"with the answer tables: {add_all * 1000:.0f} ms",
                f"whole kg build: {plus.seconds:.1f} s ({rp['extracted']} extracted; {stages(rp)})",
                "< 1 s",
                verdict(add_all, 1.0),
            )
        )
        print(rows[-1], flush=True)
        load = json.loads(
            run_checked(
                [
                    PY,
                    str(HERE / "store_load.py"),
                    str(out),
                    str(work / "load"),
                    "--per-article",
                    "20000",
                ]
            ).stdout
        )
        rows.append(
            (
                "store load, 20,000 articles",
                f"kg: {load['kg']:.1f} s",
                f"pyoxigraph bulk load of the same N-Quads: {load['floor']:.1f} s; "
                f"one replace_article per article (previous): {load.get('per_article', 0):.1f} s",
                "near the floor",
                f"{load['kg'] / load['floor']:.1f}x the floor",
            )
        )
        print(rows[-1], flush=True)
        q20 = json.loads(run_checked([PY, str(HERE / "query_speed.py"), str(out)]).stdout)
        q1 = (
            json.loads(
                run_checked(
                    [PY, str(HERE / "query_speed.py"), str(work / "out" / "b1000"), "--rdflib"]
                ).stdout
            )
            if 1000 in sizes
            else {}
        )
        for name, figures in q20.items():
            small = q1.get(name, {})
            rdf = f"SPARQL engine @20k: {figures['engine'] * 1000:.0f} ms" + (
                f"; rdflib @1k: {small['rdflib'] * 1000:.0f} ms"
                f", kg @1k: {small['kg'] * 1000:.0f} ms"
                if "rdflib" in small
                else ""
            )
            rows.append(
                (
                    f"query {name} @20k",
                    f"{figures['kg'] * 1000:.0f} ms ({figures['rows']:,} rows)",
                    rdf,
                    "< 200 ms",
                    verdict(figures["kg"], 0.2),
                )
            )
        print("queries done", flush=True)
        opened = json.loads(run_checked([PY, str(HERE / "page_open.py"), str(out)]).stdout)
        for view, figures in opened.items():
            about = f"{figures['nodes']:,} nodes, {figures['edges']:,} edges"
            about += f", {figures['bytes'] / 1e6:.1f} MB"
            if "name" in figures:
                about = f"focus {figures['name']}, depth 2: {about}"
            rows.append(
                (
                    f"page @20k opens ({view}), headless Chromium",
                    f"{figures['ms'] / 1000:.1f} s to a settled layout",
                    about,
                    "< 5 s",
                    verdict(figures["ms"] / 1000, 5.0),
                )
            )
        print("page done", flush=True)

    table = ["| measure | kg | reference | target | result |", "|---|---|---|---|---|"]
    table += [f"| {' | '.join(row)} |" for row in rows]
    text = "\n".join(
        [
            f"Machine: {machine()}",
            f"Benchmark time: {(time.perf_counter() - started) / 60:.0f} min",
            "",
            *table,
        ]
    )
    (work / "results.md").write_text(text + "\n", encoding="utf-8")
    print()
    print(text)


# Time adding one article to a built store, in the library: read, extract, map, replace,
# and bring the answer tables up to date; then take it out again (not timed).
ADD_ONE = """
import sys, time
from pathlib import Path
from kg import answers
from kg.document import Document
from kg.identity import article_iri
from kg.ingest import read_article
from kg.pipeline import Pipeline
from kg.rdf import article_quads
from kg.store import Store
from kg.vocab import DEFAULT_BASE
out = Path(sys.argv[1])
pipeline = Pipeline()
with Store.open(out) as store:
    doc = read_article(Path(sys.argv[2]))
    doc = Document.from_text("one_more_article", doc.text, source="one_more_article.txt")
    iri = article_iri(DEFAULT_BASE, doc.id)
    was = answers.current(out)
    started = time.perf_counter()
    quads = article_quads(doc, pipeline(doc))
    store.replace_article(iri, quads)
    store.flush()
    stored = time.perf_counter() - started
    answers.refresh(store, out, changed={iri}, was_current=was)
    print(stored, time.perf_counter() - started)
    store.remove_article(iri)
    answers.refresh(store, out, changed={iri}, was_current=was)
"""


if __name__ == "__main__":
    main()
