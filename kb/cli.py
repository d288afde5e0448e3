"""The ``kb`` command line: each command parses options, makes one library call, reports.

Errors a user can cause are :class:`kb.errors.KbError`; each becomes one line
``Error: ...`` on stderr with exit code 1 (usage errors: 2). Heavy modules are
imported inside the commands so that ``kb --help`` and quick queries start fast.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from kb.errors import KbError

app = typer.Typer(
    name="kb",
    help="Event-linking knowledge base for conflict and security news.\n\n"
    "Turn articles into linked events (who did what to whom, where, when, according "
    "to whom), store them as RDF, and query them as timelines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
actor_app = typer.Typer(
    help="Correct actor resolution: aliases, merges, splits.", no_args_is_help=True
)
import_app = typer.Typer(help="Import GDELT and ACLED event files.", no_args_is_help=True)
app.add_typer(actor_app, name="actor")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"kb {version('kb')}")
        except PackageNotFoundError:  # running from a source tree that was never installed
            typer.echo("kb (version unknown: the package is not installed)")
        raise typer.Exit(0)


@app.callback()
def _main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print kb's version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Event-linking knowledge base for conflict and security news.

    Turn articles into linked events (who did what to whom, where, when, according to
    whom), store them as RDF, and query them as timelines.
    """


app.add_typer(import_app, name="import")

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        help="Store: a directory (embedded Oxigraph) or an http(s):// SPARQL endpoint. "
        "Default: $KB_STORE, else ~/.local/share/kb/store.",
        show_default=False,
    ),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output format.")]
OutOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
WaitOpt = Annotated[
    float,
    typer.Option("--wait", help="Seconds to wait for another writer to release the store."),
]


def fail(message: str, code: int = 1) -> None:
    """Print one error line and exit."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def handle_errors(fn):
    """Turn kb's errors into one ``Error:`` line and an exit code, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _check_encodable(kwargs)
            return fn(*args, **kwargs)
        except KbError as exc:
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            fail("interrupted", 130)

    return wrapper


def _check_encodable(values: dict[str, Any]) -> None:
    """Refuse arguments that are not valid text (bytes the shell could not decode)."""
    from kb.errors import UsageError

    for name, value in values.items():
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise UsageError(
                        f"--{name.rstrip('_').replace('_', '-')}: the value is not valid UTF-8 text"
                    ) from None


def _open(store: str | None, read_only: bool = False, wait: float = 0.0):
    from kb.store import open_store

    _check_store_scheme(store if store is not None else os.environ.get("KB_STORE"))

    return open_store(store, read_only=read_only, wait=wait)


def _writer(out: Path | None):
    """stdout, or the -o file opened for text (see :func:`_open_output`)."""
    if out is None:
        return sys.stdout
    return _open_output(out)


def _open_output(path: Path, binary: bool = False):
    """Open an ``-o`` file for writing, with an error that says what to do when it fails.

    Every command with ``-o`` opens its file here, so a missing folder, a folder given
    as the file or a file that may not be written get the same clear message.
    """
    from kb.errors import UsageError

    try:
        if binary:
            return open(path, "wb")
        return open(path, "w", encoding="utf-8", newline="")
    except IsADirectoryError:
        raise UsageError(
            f"-o {path}: that is a folder; give a file name inside it, e.g. {path / 'out.txt'}"
        ) from None
    except FileNotFoundError:
        raise UsageError(
            f"-o {path}: the folder {path.parent} does not exist; create it first "
            f"(mkdir -p {path.parent}) or write somewhere else"
        ) from None
    except OSError as exc:
        raise KbError(
            f"-o {path}: cannot write the file ({exc.strerror}); check its permissions "
            "or write somewhere else"
        ) from None


def _plural(count: int, word: str, plural: str | None = None) -> str:
    """ "1 event", "2 events": a count with its noun in agreement."""
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _choose_format(value: str, choices: tuple[str, ...], aliases: dict[str, str], what: str) -> str:
    """A --format value, case-insensitive, with its aliases (``markdown`` for ``md``).

    Raises:
        UsageError: the value is none of them (the message lists `choices`).
    """
    from kb.errors import UsageError

    key = (value or "").strip().lower()
    key = aliases.get(key, key)
    if key not in choices:
        raise UsageError(f"unknown {what} format {value!r}; use one of {', '.join(choices)}")
    return key


def _check_store_scheme(location: str | None) -> None:
    """Refuse a store URL of a scheme kb cannot talk to (ftp://, file://, sparql://)."""
    import re

    from kb.errors import UsageError

    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", location or "")
    if m and m.group(1).lower() not in ("http", "https"):
        raise UsageError(
            f"--store {location}: the {m.group(1)}:// scheme is not supported; give a "
            "directory (an embedded store) or an http(s):// SPARQL endpoint"
        )


def _emit_rows(vars_: list[str], rows: list[dict], fmt: str, out) -> None:
    from kb.output import write_rows

    write_rows(vars_, rows, fmt, out)


# --- store ---------------------------------------------------------------------------
@app.command()
@handle_errors
def init(store: StoreOpt = None) -> None:
    """Create an empty store (a directory) or check that an endpoint answers.

    Example: kb init --store ./kb-store
    """
    with _open(store) as st:
        st.triple_count()
        typer.echo(f"store ready: {st.location}")


@app.command()
@handle_errors
def stats(store: StoreOpt = None, fmt: FormatOpt = "table") -> None:
    """Count articles, incidents, event reports, actors, places and triples in the store.

    An incident is one real event, linked across the articles that report it; an event
    report is an event as one article tells it (what `kb ingest` counts).

    Example: kb stats --store ./kb-store
    """
    from kb.queries import store_stats

    fmt = _choose_format(fmt, ("table", "json"), {}, "stats")
    with _open(store, read_only=True) as st:
        counts = store_stats(st)
    if fmt == "json":
        import json

        typer.echo(json.dumps(counts, indent=2))
    else:
        # "events" are incidents (one per real event, linked across reports) and
        # "reports" the events as each article tells them, which `kb ingest` counts.
        labels = {"events": "incidents", "reports": "event reports"}
        for k, v in counts.items():
            typer.echo(f"{labels.get(k, k):<14} {v}")


@app.command()
@handle_errors
def optimize(store: StoreOpt = None, wait: WaitOpt = 0.0) -> None:
    """Compact an embedded store's files, so that queries read fewer of them.

    Worth running after big imports: every bulk load leaves table files of its own,
    which each look-up then reads until the engine merges them. Takes about as long as
    writing the store once more; the store stays the same triple for triple.

    Example: kb optimize --store ./kb-store
    """
    from kb.errors import UsageError
    from kb.store import backend_name, resolve_location

    location = resolve_location(store)
    if backend_name(location) != "embedded":
        raise UsageError(
            f"kb optimize compacts the embedded store only; the server behind {location} "
            "manages its own files"
        )
    from kb.store.embedded import EmbeddedStore

    with EmbeddedStore(location, create=False, wait=wait) as st:
        before = _table_files(st.path)
        st.optimize()
    after = _table_files(st.path)
    typer.echo(
        f"compacted {st.location}: {before[0]} -> {after[0]} table files, "
        f"{before[1] / 1e6:,.0f} -> {after[1] / 1e6:,.0f} MB"
    )


def _table_files(path: Path) -> tuple[int, int]:
    """(number, total bytes) of the engine's table files in a store directory."""
    sizes = [f.stat().st_size for f in path.glob("*.sst")]
    return len(sizes), sum(sizes)


@app.command()
@handle_errors
def validate(store: StoreOpt = None) -> None:
    """Check the store against the SHACL shapes in ontology/shapes.ttl (exit 1 if not).

    Example: kb validate --store ./kb-store
    """
    from kb.validate import validate_store

    with _open(store, read_only=True) as st:
        report = validate_store(st)
    if report.conforms:
        typer.echo(f"conforms: {report.checked_triples} triples checked")
        return
    typer.echo(report.text())
    raise typer.Exit(1)


#: RDF formats of ``kb export`` (the store's dump formats), and what else users call them.
_RDF_EXPORT = ("ttl", "nt", "nq", "trig", "jsonld", "xml")
_RDF_ALIASES = {
    "turtle": "ttl",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
    "json-ld": "jsonld",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "rdf": "xml",
}


@app.command()
@handle_errors
def export(
    store: StoreOpt = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=f"{', '.join(_RDF_EXPORT)} (also turtle, json-ld, rdfxml; any case).",
        ),
    ] = "trig",
    output: OutOpt = None,
) -> None:
    """Write the whole store as RDF (dataset formats keep the named graphs).

    Example: kb export --format nq -o backup.nq
    """
    fmt = _choose_format(fmt, _RDF_EXPORT, _RDF_ALIASES, "RDF")
    with _open(store, read_only=True) as st:
        if output is None:
            st.dump(sys.stdout.buffer, fmt)
        else:
            with _open_output(output, binary=True) as fh:
                st.dump(fh, fmt)


@app.command()
@handle_errors
def load(
    files: Annotated[
        list[Path], typer.Argument(help="RDF files (.ttl .nt .nq .trig .jsonld .rdf).")
    ],
    store: StoreOpt = None,
    graph: Annotated[str | None, typer.Option(help="Named graph for triple formats.")] = None,
    wait: WaitOpt = 0.0,
) -> None:
    """Load RDF files into the store.

    Example: kb load ontology/actors.ttl --graph https://w3id.org/kb/graph/ontology
    """
    from rdflib import URIRef

    from kb.errors import InputError

    exts = {
        ".ttl": "ttl",
        ".nt": "nt",
        ".nq": "nq",
        ".trig": "trig",
        ".jsonld": "jsonld",
        ".json": "jsonld",
        ".rdf": "xml",
        ".owl": "xml",
        ".xml": "xml",
    }
    for f in files:
        if not f.is_file():
            raise InputError(f"{f}: no such file")
        if f.suffix.lower() not in exts:
            raise InputError(f"{f}: unknown RDF format; use .ttl, .nt, .nq, .trig, .jsonld or .rdf")
    with _open(store, wait=wait) as st:
        for f in files:
            with open(f, "rb") as fh:
                try:
                    n = st.load(fh, exts[f.suffix.lower()], URIRef(graph) if graph else None)
                except KbError as exc:
                    raise KbError(f"{f}: {exc}") from None
            typer.echo(f"{f}: {_plural(n, 'quad')} loaded")


@app.command()
@handle_errors
def sparql(
    query: Annotated[str | None, typer.Argument(help="SPARQL text (or use -f FILE).")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a file.")
    ] = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv (any case).")] = "table",
    update: Annotated[bool, typer.Option("--update", help="Allow SPARQL UPDATE.")] = False,
    output: OutOpt = None,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT) or, with --update, an update.

    Example: kb sparql 'SELECT ?e ?label WHERE { ?e a sem:Event ; rdfs:label ?label } LIMIT 5'
    """
    from kb.errors import UsageError
    from kb.store.base import query_form

    if file is not None:
        try:
            query = file.read_text(encoding="utf-8")
        except OSError as exc:
            hint = ""
            if not file.exists() and str(file).strip().lower() in (*_ROW_FORMATS, "tsv", "xml"):
                # Other commands' -f is --format; here it names the query's file.
                hint = f" (-f is --file here; for the output format use --format {file})"
            raise KbError(f"{file}: {exc.strerror}{hint}") from None
    if not query:
        raise UsageError("give a query or --file FILE")
    fmt = _choose_format(fmt, _ROW_FORMATS, {}, "query result")
    form = query_form(query)
    if form == "UPDATE" and not update:
        raise UsageError("this is a SPARQL update; pass --update to change the store")
    with _open(store, read_only=form != "UPDATE") as st:
        if form == "UPDATE":
            st.update(query)
            typer.echo("update done")
            return
        result = st.query(query)
    _print_result(result, fmt, output)


_ROW_FORMATS = ("table", "json", "csv")


def _print_result(result, fmt: str, output: Path | None) -> None:
    from rdflib import Graph

    from kb.store.base import SelectResult

    out = _writer(output)
    if isinstance(result, bool):
        out.write(("true" if result else "false") + "\n")
    elif isinstance(result, Graph):
        out.write(result.serialize(format="turtle"))
    elif isinstance(result, SelectResult):
        _emit_rows(result.vars, result.rows, fmt, out)
    if out is not sys.stdout:
        out.close()


@app.command()
@handle_errors
def query(
    name: Annotated[str | None, typer.Argument(help="A query of queries/ (see --list).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value")] = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv (any case).")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    output: OutOpt = None,
) -> None:
    """Run a named query from queries/ with parameters bound as values.

    Example: kb query actor-timeline -p actor="Islamic State"
    """
    from kb.errors import UsageError
    from kb.queries import list_queries, run_named

    if list_:
        for q in list_queries():
            params = ", ".join(f"{p.name}" + ("" if p.required else "?") for p in q.params)
            typer.echo(f"{q.name:<24} {q.description}" + (f"  [{params}]" if params else ""))
        return
    if not name:
        raise UsageError("name a query, or pass --list")
    fmt = _choose_format(fmt, _ROW_FORMATS, {}, "query result")
    values: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"parameter {item!r} is not key=value")
        values[key.strip()] = value
    with _open(store, read_only=True) as st:
        _param_notes(st, name, values)
        result = run_named(st, name, values)
    _print_result(result, fmt, output)


def _param_notes(store, name: str, values: dict[str, str]) -> None:
    """The --actor/--place notes of :func:`_filter_notes` for a named query's parameters."""
    from kb.queries import get_query
    from kb.resolve import actor_note, place_for

    for p in get_query(name).params:
        raw = values.get(p.name)
        if not raw:
            continue
        try:
            if p.kind == "actor":
                note = actor_note(store, raw)
            elif p.kind == "place":
                note = place_for(raw, store)[1]
            else:
                continue
        except KbError:
            continue  # binding the parameter reports it, with the query's context
        if note:
            typer.echo(f"Note: -p {p.name}={raw!r}: {note}", err=True)


# --- articles -----------------------------------------------------------------------
PathsArg = Annotated[
    list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")
]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date (overrides).")
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet name (overrides).")]
EncodingOpt = Annotated[str | None, typer.Option("--encoding", help="Text encoding of the files.")]


def _read_options(published: str | None, outlet: str | None, encoding: str | None):
    from kb.extract.dates import parse_published
    from kb.readers import ReadOptions

    pub = None
    if published:
        pub = parse_published(published)
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            from kb.errors import UsageError

            raise UsageError(f"unknown encoding {encoding!r}") from None
    return ReadOptions(encoding=encoding, published=pub, outlet=outlet)


def _warn(msg: str) -> None:
    typer.echo(f"Warning: {msg}", err=True)


@app.command()
@handle_errors
def extract(
    paths: PathsArg,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, json, csv, ttl or table.")
    ] = "jsonl",
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    encoding: EncodingOpt = None,
    output: OutOpt = None,
) -> None:
    """Extract events from articles and print them; nothing is stored.

    Example: kb extract examples/ --format table
    """
    from kb.extract.pipeline import Extractor
    from kb.readers import read_paths

    fmt = _choose_format(
        fmt, ("jsonl", "json", "csv", "ttl", "table"), {"turtle": "ttl"}, "extract"
    )
    options = _read_options(published, outlet, encoding)
    extractor = Extractor()
    out = _writer(output)
    events = []
    import json

    rows = None
    if fmt == "csv":
        from kb.output import ExtractCsv

        rows = ExtractCsv(out)
    for article in read_paths(paths, options, stdin=sys.stdin.buffer, warn=_warn):
        if not article.text.strip():
            _warn(f"{article.path or article.id}: empty article")
            continue
        evs = extractor.extract(article)
        if fmt == "jsonl":
            for ev in evs:
                out.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
        elif rows is not None:
            rows.write(evs)
        else:
            events.extend(evs)
    if fmt == "json":
        json.dump([e.to_json() for e in events], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "ttl":
        from kb.rdfmap import events_graph

        out.write(events_graph(events).serialize(format="turtle"))
    elif fmt == "table":
        from kb.output import events_table

        events_table(events, out)
    if out is not sys.stdout:
        out.close()


@app.command()
@handle_errors
def ingest(
    paths: PathsArg,
    store: StoreOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    encoding: EncodingOpt = None,
    wait: WaitOpt = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Extract and rewrite articles even when unchanged, with their incidents "
            "(after upgrading kb: new extraction rules, the month-bucket index).",
        ),
    ] = False,
) -> None:
    """Extract events from articles, store them and link them into incidents.

    Example: kb ingest examples/ --store ./kb-store
    """
    from kb.ingest_parallel import start_ingest_helper

    options = _read_options(published, outlet, encoding)
    # Extraction's helper process starts first: it builds the extractor while this
    # process imports the store side and opens the store.
    helper = start_ingest_helper()
    try:
        from kb.ingest import ingest_articles
        from kb.readers import read_paths

        with _open(store, wait=wait) as st:
            articles = read_paths(paths, options, stdin=sys.stdin.buffer, warn=_warn)
            summary = ingest_articles(st, articles, force=force, started=helper)
            for w in summary.warnings:
                _warn(w)
            if not quiet:
                typer.echo(
                    f"{_plural(summary.read, 'article')} read, {summary.stored} stored, "
                    f"{summary.unchanged} unchanged, {_plural(summary.events, 'event report')}, "
                    f"{_plural(summary.incidents_written, 'incident')} written into "
                    f"{st.location}"
                )
    finally:
        if helper is not None:
            helper.kill()  # already stopped unless the ingest failed or never started


@app.command()
@handle_errors
def remove(
    article_ids: Annotated[
        list[str],
        typer.Argument(help="Articles to delete: ids, URLs or the paths they were read from."),
    ],
    store: StoreOpt = None,
    wait: WaitOpt = 0.0,
) -> None:
    """Delete exactly the facts of some articles and regroup their incidents.

    Example: kb remove corpus-01 articles/2025-03-04-kirkuk.txt
    """
    from kb.ingest import remove_articles

    with _open(store, wait=wait) as st:
        n = remove_articles(st, article_ids)
    typer.echo(f"{_plural(n, 'article')} removed")


@app.command()
@handle_errors
def articles(
    store: StoreOpt = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", help="Only articles whose id, title, outlet, URL or path contain this text."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """List the stored articles, newest first: id, date, outlet, events, title, source.

    The id (or the URL, or the path it was read from) is what `kb remove` takes.

    Example: kb articles --search kirkuk
    """
    from kb.ingest import list_articles

    fmt = fmt.strip().lower()
    if fmt not in ("table", "json", "csv"):
        from kb.errors import UsageError

        raise UsageError(f"unknown format {fmt!r}: choose one of table, json, csv")
    with _open(store, read_only=True) as st:
        rows = list_articles(st, search)
    if fmt == "json":
        import json

        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rdflib import Literal

    cols = ["id", "published", "outlet", "events", "title", "source"]
    _emit_rows(
        cols,
        [
            {
                c: Literal(
                    (r["url"] or r["path"] or "")
                    if c == "source"
                    else (r[c] if r[c] is not None else "")
                )
                for c in cols
            }
            for r in rows
        ],
        fmt,
        sys.stdout,
    )


# --- events and timelines ------------------------------------------------------------
def _date_opt(value: str | None, name: str, end: bool = False):
    """--since (a period's first day) or --until (with `end`, its last day), or None."""
    from kb.resolve import period_bound

    if not value:
        return None
    return period_bound(value, name, end=end)


def _count_opt(value: int | None, name: str) -> int | None:
    """A count option (--limit, --within, --min-sources): never negative."""
    from kb.errors import UsageError

    if value is not None and value < 0:
        raise UsageError(f"{name}: {value} is negative; give 0 or a positive number")
    return value


def _filter_notes(store, actors: list[str], places: list[str]) -> None:
    """Say on stderr how --actor and --place values were read, when not as written.

    On stderr so that -o files and piped output stay clean; asking about an actor
    nobody knows is not an error (the answer is no events), so this only informs.
    """
    from kb.resolve import actor_note, place_for

    for name in actors:
        note = actor_note(store, name)
        if note:
            typer.echo(f"Note: --actor {name!r}: {note}", err=True)
    for name in places:
        note = place_for(name, store)[1]
        if note:
            typer.echo(f"Note: --place {name!r}: {note}", err=True)


ActorsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor", help="Actor name (repeatable). A name read otherwise is noted on stderr."
    ),
]
PlacesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--place",
        help="Place name or id (repeatable); the place used is noted on stderr when it "
        "may not be the one meant.",
    ),
]
TypesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        help="Event type key (repeatable; any case, spaces or hyphens for '_', plurals).",
    ),
]
_DATE_HELP = (
    " YYYY-MM-DD, YYYY-MM or YYYY. Keeps incidents whose date interval overlaps the "
    "period; one dated only by its report counts on the report's day; undated ones "
    "are left out."
)
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", help="From this day (a month or year: its first day)." + _DATE_HELP),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Up to this day (a month or year: its last day)." + _DATE_HELP),
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", help="At most this many events (0: no limit).")
]


@app.command()
@handle_errors
def events(
    store: StoreOpt = None,
    actor: ActorsOpt = None,
    place: PlacesOpt = None,
    type_: TypesOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, jsonl, json or csv (any case).")
    ] = "table",
    output: OutOpt = None,
) -> None:
    """List stored incidents with their mentions and sources.

    Example: kb events --actor "Islamic State" --since 2025-01 --format jsonl
    """
    from kb.timeline.build import TimelineFilter, timeline
    from kb.timeline.events_out import write_events

    fmt = _choose_format(fmt, ("table", "jsonl", "json", "csv"), {}, "events")
    f = TimelineFilter(
        actors=actor or [],
        places=place or [],
        types=type_ or [],
        since=_date_opt(since, "--since"),
        until=_date_opt(until, "--until", end=True),
        limit=_count_opt(limit, "--limit"),
    )
    with _open(store, read_only=True) as st:
        _filter_notes(st, f.actors, f.places)
        entries = timeline(st, f)
    out = _writer(output)
    write_events(entries, fmt, out)
    if out is not sys.stdout:
        out.close()


@app.command()
@handle_errors
def related(
    event_id: Annotated[str, typer.Argument(help="An event key (e-...) or IRI.")],
    store: StoreOpt = None,
    within: Annotated[int, typer.Option("--within", help="Time window in days.")] = 365,
    limit: LimitOpt = 50,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, jsonl, json or csv (any case).")
    ] = "table",
    output: OutOpt = None,
) -> None:
    """List incidents that share a named actor and a place with an event, best first.

    Example: kb related e-1a2b3c4d5e6f7a8b --within 180
    """
    from kb.timeline.build import ALL_PARTS, entries_for, related_events
    from kb.timeline.events_out import write_events

    fmt = _choose_format(fmt, ("table", "jsonl", "json", "csv"), {}, "related")
    within = _count_opt(within, "--within") or 0
    limit = _count_opt(limit, "--limit")
    with _open(store, read_only=True) as st:
        found = related_events(st, event_id, within)
        if limit:
            found = found[:limit]
        # The table shows the incidents' own values only.
        parts = () if fmt == "table" else ALL_PARTS
        entries = entries_for(st, [r["event"] for r in found], parts)
    by_id = {str(r["event"]): r for r in found}
    for e in entries:
        r = by_id[e["id"]]
        e["related"] = {k: r[k] for k in ("score", "shared_actors", "shared_places", "days")}
    out = _writer(output)
    write_events(entries, fmt, out, related=True)
    if out is not sys.stdout:
        out.close()


@app.command()
@handle_errors
def timeline(
    store: StoreOpt = None,
    actor: ActorsOpt = None,
    place: PlacesOpt = None,
    type_: TypesOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    related_to: Annotated[
        str | None, typer.Option("--related-to", help="Only incidents related to this event.")
    ] = None,
    within: Annotated[int, typer.Option("--within", help="Window for --related-to (days).")] = 365,
    min_sources: Annotated[
        int | None, typer.Option("--min-sources", help="Only incidents with this many sources.")
    ] = None,
    asserted_only: Annotated[
        bool, typer.Option("--asserted-only", help="Leave out hedged and negated incidents.")
    ] = False,
    limit: LimitOpt = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, md, json, csv, html, timelinejs, ics, geojson or jsonld (any case; "
            "also markdown, htm, ical, json-ld).",
        ),
    ] = "table",
    output: OutOpt = None,
    title: Annotated[str, typer.Option("--title", help="Title of the timeline.")] = "kb timeline",
) -> None:
    """Print or export a timeline of incidents, ordered by date at its true precision.

    Example: kb timeline --actor "Islamic State" --place Iraq --format html -o timeline.html
    """
    from kb.timeline.build import ALL_PARTS, TimelineFilter
    from kb.timeline.build import timeline as build
    from kb.timeline.exporters import canonical_format, get_exporter

    fmt = canonical_format(fmt)
    exporter = get_exporter(fmt)
    f = TimelineFilter(
        actors=actor or [],
        places=place or [],
        types=type_ or [],
        since=_date_opt(since, "--since"),
        until=_date_opt(until, "--until", end=True),
        related_to=related_to,
        within_days=_count_opt(within, "--within") or 0,
        min_sources=_count_opt(min_sources, "--min-sources"),
        asserted_only=asserted_only,
        limit=_count_opt(limit, "--limit"),
    )
    # A table shows dates, types, headlines, places and counts: no roles or mentions.
    parts = ("place_names",) if fmt == "table" else ALL_PARTS
    with _open(store, read_only=True) as st:
        _filter_notes(st, f.actors, f.places)
        entries = build(st, f, parts)
    if output is None:
        exporter(entries, sys.stdout, title=title)
        return
    with _open_output(output) as fh:
        exporter(entries, fh, title=title)
    typer.echo(f"{_plural(len(entries), 'event')} written to {output}", err=True)


@app.command("eval")
@handle_errors
def eval_(
    directories: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Corpus folders with articles/ and gold/ (default tests/corpus); with "
            "several, a table of each and of all together.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    no_linking: Annotated[
        bool, typer.Option("--no-linking", help="Skip the same-incident evaluation.")
    ] = False,
) -> None:
    """Score extraction and incident linking against annotated corpora.

    Example: kb eval tests/corpus tests/corpus_heldout*
    """
    import json

    from kb.errors import UsageError
    from kb.evaluate import evaluate, pooled, summary_text

    if fmt not in ("text", "json"):
        raise UsageError(f"--format: {fmt!r} is not a format of kb eval; use text or json")
    folders = directories or [Path("tests/corpus")]
    reports = [(str(d), evaluate(d, linking=not no_linking)) for d in folders]
    if len(reports) == 1:
        report = reports[0][1]
        typer.echo(json.dumps(report.as_dict(), indent=2) if fmt == "json" else report.text())
    elif fmt == "json":
        every = {name: r.as_dict() for name, r in reports}
        whole = pooled([r for _, r in reports]).as_dict()
        typer.echo(json.dumps({"corpora": every, "all": whole}, indent=2))
    else:
        typer.echo(summary_text(reports))
    for name, report in reports:
        for err in report.errors:
            typer.echo(
                f"Warning: {name}: {err}" if len(reports) > 1 else f"Warning: {err}", err=True
            )


# --- actors -----------------------------------------------------------------------------
@app.command()
@handle_errors
def actors(
    store: StoreOpt = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Only actors matching this text.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """List the canonical actors in the store with their aliases and event counts.

    Example: kb actors --search "islamic state"
    """
    from kb.corrections import list_actors

    with _open(store, read_only=True) as st:
        rows = list_actors(st, search)
    if fmt == "json":
        import json

        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rdflib import Literal

    cols = ["key", "label", "kind", "country", "events", "aliases"]
    _emit_rows(
        cols,
        [
            {
                c: Literal(
                    "; ".join(r[c]) if c == "aliases" else (r[c] if r[c] is not None else "")
                )
                for c in cols
            }
            for r in rows
        ],
        fmt,
        sys.stdout,
    )


@actor_app.command("alias")
@handle_errors
def actor_alias(
    name: Annotated[str, typer.Argument(help="The name to add, as articles write it.")],
    canonical: Annotated[str, typer.Argument(help="The actor it stands for (name or key).")],
    store: StoreOpt = None,
    wait: WaitOpt = 0.0,
) -> None:
    """Make a name resolve to an actor from now on, and re-link stored events that use it.

    Example: kb actor alias "Daesh fighters" "Islamic State"
    """
    from kb.corrections import add_alias

    with _open(store, wait=wait) as st:
        key = add_alias(st, name, canonical)
    typer.echo(f"{name!r} now resolves to {key}")


@actor_app.command("merge")
@handle_errors
def actor_merge(
    source: Annotated[str, typer.Argument(help="The actor to merge away (name or key).")],
    target: Annotated[str, typer.Argument(help="The actor that remains (name or key).")],
    store: StoreOpt = None,
    wait: WaitOpt = 0.0,
) -> None:
    """Merge actor A into actor B: B takes over every event of A, now and later.

    Example: kb actor merge x-jaish-al-adl-fighters jaish-al-adl
    """
    from kb.corrections import merge

    with _open(store, wait=wait) as st:
        a, b = merge(st, source, target)
    typer.echo(f"{a} merged into {b}")


@actor_app.command("split")
@handle_errors
def actor_split(
    name: Annotated[str, typer.Argument(help="The name that was resolved wrongly.")],
    from_: Annotated[str, typer.Option("--from", help="The actor it was resolved to.")],
    store: StoreOpt = None,
    wait: WaitOpt = 0.0,
) -> None:
    """Give a name an actor of its own again, taking its mentions from another actor.

    Example: kb actor split "Islamic Jihad" --from islamic-state
    """
    from kb.corrections import split

    with _open(store, wait=wait) as st:
        key = split(st, name, from_)
    typer.echo(f"{name!r} is now actor {key}")


# --- imports ------------------------------------------------------------------------------
def _import(dataset: str, files: list[str], store: str | None, wait: float, quiet: bool) -> None:
    from kb.importers import import_files

    with _open(store, wait=wait) as st:
        summary = import_files(st, dataset, files, quiet=quiet, warn=_warn)
    typer.echo(summary.text())


@import_app.command("gdelt")
@handle_errors
def import_gdelt(
    files: Annotated[
        list[str], typer.Argument(help="GDELT event or mentions files (.csv, .zip, .gz).")
    ],
    store: StoreOpt = None,
    wait: WaitOpt = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Import GDELT 2.0 or 1.0 event files and GDELT 2.0 mentions files.

    Example: kb import gdelt 20250305.export.CSV.zip --store ./kb-store
    """
    _import("gdelt", files, store, wait, quiet)


@import_app.command("acled")
@handle_errors
def import_acled(
    files: Annotated[list[str], typer.Argument(help="ACLED CSV exports.")],
    store: StoreOpt = None,
    wait: WaitOpt = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Import ACLED CSV exports (current or older column layouts).

    Example: kb import acled acled-iraq-2025.csv --store ./kb-store
    """
    _import("acled", files, store, wait, quiet)


def _exit_now(code: Any) -> None:
    """End the process at once once a command has finished and closed its store.

    Every command has written and closed what it opened by the time typer exits, so
    what is left is the interpreter's teardown of its modules: about 35 ms of CPU for a
    read command, a tenth of a whole ``kb timeline`` call. Skipped when something may
    still rely on it (a tracer or coverage saving at exit) and after errors, which take
    the ordinary way out.
    """
    if code not in (None, 0) or sys.gettrace() or "coverage" in sys.modules:
        raise SystemExit(code)
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        # A reader that went away (a closed pipe) has nothing left to lose.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(0)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except SystemExit as exc:
        _exit_now(exc.code)
    except KbError as exc:  # raised outside a command (option parsing callbacks)
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        if os.environ.get("KB_DEBUG"):
            raise
        typer.echo(
            f"Error: unexpected {type(exc).__name__}: {exc} (set KB_DEBUG=1 for details and "
            "report it)",
            err=True,
        )
        sys.exit(1)
