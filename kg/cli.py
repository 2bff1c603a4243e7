"""The ``kg`` command: a thin click layer over the library.

Every command's help ends with an example. Errors are one line on stderr (``kg: ...``)
with a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import click

from kg import __version__

_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld")
_TABLE_FORMATS = ("graphml", "gexf", "csv")  # kg.export_tables
_PROGRESS_FROM = 50  # files; a bar on shorter runs is only noise


class _Group(click.Group):
    """Turns any library error into one line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # the reader (e.g. `| head`) went away: stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # the one place that owns the user-facing error line
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Knowledge graphs from Vietnamese official news.

    \b
    Example:
        kg build seeds --out out
        kg query --store out --format csv persons
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), required=True, help="Output folder.")
@click.option("--base", default=None, help="Base IRI of the graph's nodes.")
@click.option("--no-html", is_flag=True, help="Do not draw graph.html.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Extraction processes; 0: one per CPU.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Extract here, or on a dask cluster (pip install 'kg[distributed]').",
)
@click.option("--scheduler", metavar="ADDRESS", help="The dask scheduler (with --engine dask).")
@click.option("--prune", is_flag=True, help="Remove stored articles that are not in PATHS.")
def build(
    paths: tuple[Path, ...],
    out: Path,
    base: str | None,
    no_html: bool,
    no_validate: bool,
    quiet: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
    prune: bool,
) -> None:
    """Read article files and folders (.txt, .html) into a graph in OUT.

    Writes the store (OUT/store), OUT/graph.ttl and OUT/graph.html, then prints what it
    found. Articles that cannot be read are reported one per line and skipped; the exit
    status is 1 when any failed. Building again into OUT extracts only the articles that
    changed (OUT/manifest.json keeps a content hash of each); articles no longer in PATHS
    stay in the store unless --prune is given.

    \b
    Example:
        kg build seeds/ more/article.html --out out
        kg build corpus/ --out big --jobs 0
        kg build corpus/ --out big --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from kg.build import BuildOptions
    from kg.build import build as run_build
    from kg.vocab import DEFAULT_BASE

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    options = BuildOptions(
        out=out,
        base=base or DEFAULT_BASE,
        html=not no_html,
        validate=not no_validate,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        prune=prune,
    )
    report = run_build(list(paths), options, progress=None if quiet else _progress)
    for path, reason in report.failed:
        click.echo(
            f"kg: skipped {reason}" if reason.startswith(path) else f"kg: skipped {path}: {reason}",
            err=True,
        )
    if not quiet:
        _summary(report)
    if report.failed:
        sys.exit(1)


def _progress(files: list[Path]) -> Iterable[Path]:
    if len(files) < _PROGRESS_FROM:
        return files
    return _bar(files)


def _bar(files: list[Path]) -> Iterator[Path]:
    with click.progressbar(files, label="Reading articles", file=sys.stderr) as bar:
        yield from bar


def _summary(report: Any) -> None:
    lines = [
        f"articles       {report.articles}"
        + (f" ({len(report.failed)} failed)" if report.failed else ""),
        f"extracted      {report.extracted} ({report.unchanged} unchanged"
        + (f", {report.removed} removed)" if report.removed else ")"),
        f"triples        {report.triples}",
        f"people         {report.persons}",
        f"meetings       {report.meetings}",
        f"documents      {report.documents}",
        f"organizations  {report.organizations}",
        f"warnings       {len(report.warnings)}",
        "shacl          "
        + ("conforms" if not report.violations else f"{report.violations} violations"),
    ]
    click.echo("\n".join(lines))
    for warning in report.warnings[:20]:
        click.echo(f"  warning: {warning}")
    if report.violations:
        click.echo(report.shacl_report)
    for name, path in report.outputs.items():
        click.echo(f"{name:<14} {path}")
    click.echo(f"done in {report.seconds:.1f} s")


@main.command()
@click.argument("query", required=False)
@click.option(
    "--store", "store_dir", type=click.Path(path_type=Path), help="Folder built by kg build."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries.")
def query(query: str | None, store_dir: Path | None, fmt: str, list_queries: bool) -> None:
    """Run a SPARQL SELECT query: SPARQL text, a .rq file, or a bundled query's name.

    \b
    Example:
        kg query --list
        kg query --store out --format csv persons
        kg query --store out "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    """
    from kg import queries

    if list_queries:
        for name in queries.names():
            click.echo(f"{name:<28} {queries.describe(name)}")
        return
    if query is None or store_dir is None:
        raise click.UsageError("give --store DIR and a QUERY (or --list)")
    from kg.answers import ask
    from kg.store import Store

    text = queries.load(query)
    with Store.open(store_dir, read_only=True) as store:
        # a bundled question is answered from the build's kept tables when they are current
        table = ask(store, query) if query in queries.names() else store.select(text)
    queries.write_table(table, cast(queries.TableFormat, fmt), sys.stdout)


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS + _TABLE_FORMATS),
    default="ttl",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File to write (default: STORE/graph.FORMAT); for csv, a folder (STORE/tables).",
)
def export(store_dir: Path, fmt: str, output: Path | None) -> None:
    """Write the graph as Turtle, TriG, N-Quads, N-Triples or JSON-LD, the entity
    network as GraphML or GEXF, or the competency questions as CSV tables.

    TriG and N-Quads keep one named graph per article; Turtle, N-Triples and JSON-LD
    hold their union. GraphML and GEXF hold the network graph.html draws (for Gephi,
    Cytoscape, networkx); csv writes one NAME.csv per competency question.

    \b
    Example:
        kg export --store out --format trig -o out/graph.trig
        kg export --store out --format gexf -o out/graph.gexf
        kg export --store out --format csv -o out/tables
    """
    from kg.export import export as run_export
    from kg.store import Store

    if fmt in _TABLE_FORMATS:
        from kg.export_tables import export_tables

        where = output or store_dir / ("tables" if fmt == "csv" else f"graph.{fmt}")
        with Store.open(store_dir, read_only=True) as store:
            click.echo(export_tables(store, where, fmt))
        return

    target = output or store_dir / f"graph.{fmt}"
    with Store.open(store_dir, read_only=True) as store:
        count = run_export(store, target, fmt)
    click.echo(f"{count} statements written to {target}")


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), required=True)
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The server's SPARQL 1.1 Graph Store endpoint.",
)
@click.option("--user", default=None, help="User name, if the endpoint asks for one.")
@click.option(
    "--password", default=None, envvar="KG_PUSH_PASSWORD", help="Password (or $KG_PUSH_PASSWORD)."
)
@click.option("--auth", type=click.Choice(["digest", "basic", "none"]), default="digest")
@click.option("--prune", is_flag=True, help="Delete graphs pushed before and now gone.")
@click.option("--threads", type=click.IntRange(min=1), default=4, show_default=True)
def push(
    store_dir: Path,
    endpoint: str,
    user: str | None,
    password: str | None,
    auth: str,
    prune: bool,
    threads: int,
) -> None:
    """Copy the article graphs to a SPARQL server (Graph Store Protocol, PUT per graph).

    Each article graph replaces the graph of the same name on the server, so pushing
    again is harmless; STORE/pushed.json remembers what was sent, and the next push sends
    only the graphs that changed.

    \b
    Example:
        kg push --store out --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth \\
            --user dba --password dba
    """
    from kg.push import push as run_push
    from kg.store import Store

    with Store.open(store_dir, read_only=True) as store:
        report = run_push(
            store,
            endpoint,
            out=store_dir,
            user=user,
            password=password,
            auth=auth,
            prune=prune,
            threads=threads,
        )
    click.echo(f"{report.sent} graphs sent, {report.unchanged} unchanged, {report.deleted} deleted")


@main.command(name="eval")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), required=True)
@click.option(
    "--gold",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    required=True,
    help="Gold annotation in the kg-gold/1 format.",
)
@click.option("--verbose", "-v", is_flag=True, help="List misses and extras.")
def evaluate(store_dir: Path, gold: Path, verbose: bool) -> None:
    """Score the graph's answers to the competency questions against a gold file.

    \b
    Example:
        kg eval --store out --gold ../shared/gold/seeds.json
    """
    from kg.evaluate import evaluate as run_eval
    from kg.scoring import format_table
    from kg.store import Store

    with Store.open(store_dir, read_only=True) as store:
        measures = run_eval(store, gold)
    click.echo(format_table(measures, verbose=verbose))


from kg.cli_explore import serve, viz  # noqa: E402  (the group must exist first)

main.add_command(viz)
main.add_command(serve)


if __name__ == "__main__":  # pragma: no cover
    main()
