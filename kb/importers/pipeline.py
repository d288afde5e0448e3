"""Stream dataset files into the store: parse, write reports in bulk, link per batch."""

from __future__ import annotations

import csv
import dataclasses
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from kb.errors import InputError, KbError, UsageError
from kb.importers import acled, gdelt
from kb.importers.base import (
    ActorIn,
    Canonical,
    ImportedReport,
    RowError,
    article_lines,
    dataset_graph,
    file_id,
    mention_iri,
    open_text,
    report_iri,
    report_lines,
    triple_lines,
)
from kb.importers.linking import BatchLink, Linker
from kb.link.same import ReportInfo
from kb.store.base import Store

#: Rows parsed, written and linked together: big enough for bulk writes to pay off,
#: small enough that memory stays flat (a batch is a few tens of megabytes at most).
BATCH = 5000
#: Problems kept in the summary, and passed to `warn` one by one.
MAX_PROBLEMS = 1000
MAX_WARNINGS = 100
DATASETS = ("gdelt", "acled")


@dataclass
class ImportSummary:
    """What an import did, for the closing line and for tests."""

    dataset: str
    files: int = 0
    rows_read: int = 0
    imported: int = 0
    skipped: int = 0
    merged: int = 0
    incidents: int = 0
    mentions: int = 0
    problems: list[str] = field(default_factory=list)  # "file:line: reason"
    problem_count: int = 0

    def text(self) -> str:
        """One line for the user: what was read, stored, skipped and linked."""
        parts = [
            f"{self.dataset}: {self.files} file{'s' if self.files != 1 else ''}",
            f"{self.rows_read:,} rows read",
            f"{self.imported:,} imported",
            f"{self.skipped:,} skipped",
            f"{self.merged:,} merged with existing events",
            f"{self.incidents:,} incidents written",
        ]
        if self.mentions:
            parts.append(f"{self.mentions:,} mentions attached")
        return ", ".join(parts)


class _Sink:
    """Bulk writes: pyoxigraph parses our N-Quads straight into an embedded store;
    any other store gets rdflib quads through the generic ``bulk_add``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.fast = hasattr(store, "bulk_add_ox")

    def add(self, lines: list[str]) -> None:
        if not lines:
            return
        import pyoxigraph as ox

        data = "".join(lines).encode("utf-8")
        quads = ox.parse(data, format=ox.RdfFormat.N_QUADS)
        if self.fast:
            self.store.bulk_add_ox(quads)  # type: ignore[attr-defined]
            return
        from kb.store.oxterms import from_ox

        self.store.bulk_add(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name))
            for q in quads
        )  # type: ignore[misc]


@dataclass
class _Source:
    path: str
    kind: str  # a gdelt.KINDS value or "acled"


class _Run:
    """One import: shared caches, counters and the batch loop."""

    def __init__(
        self,
        store: Store,
        dataset: str,
        summary: ImportSummary,
        warn: Callable[[str], None] | None,
        registry: Any,
        gazetteer: Any,
        batch: int,
    ) -> None:
        self.store = store
        self.dataset = dataset
        self.summary = summary
        self.warn = warn
        self.sink = _Sink(store)
        self.canonical = Canonical(gazetteer)
        self.gdelt = gdelt.GdeltMapper(registry, gazetteer, self.canonical)
        self.acled = acled.AcledMapper(registry, gazetteer, self.canonical)
        self.batch = batch
        self.articles: set[str] = set()
        self.mentioned: set[int] = set()
        self.where = ""
        before = store.query("ASK { ?r a <https://w3id.org/kb/ns#EventReport> }")
        self.linker = Linker(store, stored_before=bool(before))

    # -- problems ----------------------------------------------------------------------
    def problem(self, message: str) -> None:
        s = self.summary
        s.problem_count += 1
        if len(s.problems) < MAX_PROBLEMS:
            s.problems.append(message)
        if self.warn is not None:
            if s.problem_count <= MAX_WARNINGS:
                self.warn(message)
            elif s.problem_count == MAX_WARNINGS + 1:
                self.warn("further problems are counted in the summary but not shown")

    # -- files -------------------------------------------------------------------------
    def gdelt_rows(self, source: _Source) -> Iterator[tuple[int, list[str]]]:
        """Good-length rows of a GDELT file; bad ones are reported and skipped."""
        expected = next(n for n, k in gdelt.KINDS.items() if k == source.kind)
        with open_text(source.path) as fh:
            for n, line in enumerate(fh, 1):
                self.where = f"{source.path}:{n}"
                line = line.rstrip("\r\n")
                if not line.strip():
                    continue
                fields = line.split("\t")
                self.summary.rows_read += 1
                if len(fields) != expected:
                    if n == 1 and fields[0].strip().upper() == "GLOBALEVENTID":
                        self.summary.rows_read -= 1  # a header some tools add
                        continue
                    self.skip(source.path, n, f"{len(fields)} columns, expected {expected}")
                    continue
                yield n, fields

    def acled_rows(self, source: _Source) -> Iterator[tuple[int, dict[str, str]]]:
        """ACLED records as dicts by normalised column name."""
        with open_text(source.path, encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = acled.normalise_header(next(reader, []))
            width = len(header)
            start = reader.line_num + 1
            for record in reader:
                line, start = start, reader.line_num + 1
                self.where = f"{source.path}:{line}"
                if not any(v.strip() for v in record):
                    continue
                self.summary.rows_read += 1
                if len(record) != width:
                    self.skip(source.path, line, f"{len(record)} columns, header has {width}")
                    continue
                yield line, dict(zip(header, record, strict=True))

    def skip(self, path: str, line: int, reason: str) -> None:
        self.summary.skipped += 1
        self.problem(f"{path}:{line}: {reason}")

    # -- events ------------------------------------------------------------------------
    def import_events(self, source: _Source, progress: Callable[[int], None]) -> None:
        graph = dataset_graph(self.dataset, file_id(source.path))
        batch: list[ImportedReport] = []
        canon: list[str] = []
        rows: Iterator[tuple[int, Any]]
        rows = self.acled_rows(source) if source.kind == "acled" else self.gdelt_rows(source)
        for line, row in rows:
            try:
                if source.kind == "acled":
                    report = self.acled.event(row, line, canon)
                else:
                    report = self.gdelt.event(row, source.kind, line, canon)
            except RowError as exc:
                self.skip(source.path, line, str(exc))
                continue
            batch.append(report)
            if len(batch) >= self.batch:
                self.flush(batch, canon, graph)
                progress(self.summary.rows_read)
                batch, canon = [], []
        self.flush(batch, canon, graph)
        progress(self.summary.rows_read)

    def flush(
        self,
        batch: list[ImportedReport],
        canon: list[str],
        graph: str,
        *,
        must_link: Sequence[tuple[str, str]] = (),
        also: Sequence[str] = (),
        touched: set[str] | None = None,
    ) -> None:
        """Write a batch of reports (replacing earlier imports of the same rows), link it."""
        if not batch and not canon:
            return
        # One report per dataset id: a row repeated in the batch keeps its last version.
        unique = list({r.iri: r for r in batch}.values())
        touched = set(touched or ())
        # Only a report stored before the run, or earlier in it, can be a re-import.
        linker = self.linker
        again = [r.iri for r in unique if linker.stored_before or r.iri in linker.infos]
        if again:
            touched |= self.forget(again)
        lines = list(canon)
        for r in unique:
            if r.article.id not in self.articles:
                self.articles.add(r.article.id)
                article_lines(r.article, graph, lines)
            report_lines(r, graph, lines)
        self.sink.add(lines)
        del lines
        infos = [r.info() for r in unique]
        linked = self.linker.link(infos, touched=touched, must_link=must_link, also=also)
        self.write_incidents(linked)
        self.summary.imported += len(batch)
        self.summary.merged += linked.merged

    def write_incidents(self, linked: BatchLink) -> None:
        lines: list[str] = []
        for graph, triples in linked.fresh.items():
            triple_lines(triples, graph, lines)
        self.sink.add(lines)
        if linked.replaced or linked.drop:
            self.store.replace_graphs(linked.replaced, drop=linked.drop)
        self.summary.incidents += len(linked.fresh) + len(linked.replaced)

    _Q_EXISTING = """
SELECT ?r ?s ?ev WHERE {
  ?r a kb:EventReport .
  OPTIONAL { ?ev kb:hasReport ?r }
  { ?r sem:hasTime ?s } UNION { ?r gaf:denotedBy ?s }
  UNION { ?r kb:hasRole ?s }
  UNION { ?r kb:hasRole/rdf:value ?s FILTER(CONTAINS(STR(?s), "/actor/unidentified/")) }
}"""

    def forget(self, iris: Any) -> set[str]:
        """Delete earlier imports of these reports (a re-imported or updated row).

        Returns:
            The incidents they belonged to, to be regrouped.
        """
        todo = [URIRef(i) for i in iris]
        subjects: set[URIRef] = set()
        incidents: set[str] = set()
        for start in range(0, len(todo), 400):
            for row in self.store.select(self._Q_EXISTING, {"r": todo[start : start + 400]}):
                subjects.add(row["r"])  # type: ignore[arg-type]
                if row.get("s") is not None:
                    subjects.add(row["s"])  # type: ignore[arg-type]
                if row.get("ev") is not None:
                    incidents.add(str(row["ev"]))
        ordered = sorted(subjects)
        for start in range(0, len(ordered), 400):
            values = " ".join(s.n3() for s in ordered[start : start + 400])
            self.store.update(
                "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?s { "
                + values
                + " } GRAPH ?g { ?s ?p ?o } }"
            )
        return incidents

    # -- mentions ----------------------------------------------------------------------
    def import_mentions(self, source: _Source, progress: Callable[[int], None]) -> None:
        graph = dataset_graph(self.dataset, file_id(source.path))
        pending: list[tuple[int, list[str]]] = []
        for line, fields in self.gdelt_rows(source):
            pending.append((line, fields))
            if len(pending) >= self.batch:
                self.flush_mentions(source.path, pending, graph)
                progress(self.summary.rows_read)
                pending = []
        self.flush_mentions(source.path, pending, graph)
        progress(self.summary.rows_read)

    _Q_EVENT_EXTRAS = """
SELECT ?r ?trigger ?anchor ?centroid WHERE {
  ?r kb:trigger ?trigger ; gaf:denotedBy ?m .
  OPTIONAL { ?m nif:anchorOf ?anchor }
  OPTIONAL { ?r kb:centroid ?centroid }
}"""

    def flush_mentions(self, path: str, pending: list[tuple[int, list[str]]], graph: str) -> None:
        """Attach a batch of mentions rows to the events they name, as further reports."""
        from kb.link.incidents import load_reports

        if not pending:
            return
        wanted = {report_iri(gdelt.DATASET, f[0].strip()) for _, f in pending}
        events = {r.iri: r for r in load_reports(self.store, wanted)}
        extras: dict[str, dict[str, Any]] = {}
        iris = sorted(events)
        for start in range(0, len(iris), 400):
            chunk = [URIRef(i) for i in iris[start : start + 400]]
            for row in self.store.select(self._Q_EVENT_EXTRAS, {"r": chunk}):
                extras[str(row["r"])] = row
        canon: list[str] = []
        batch: list[ImportedReport] = []
        pairs: list[tuple[str, str]] = []
        also: set[str] = set()
        touched: set[str] = set()
        attached = 0
        for line, f in pending:
            event_id = f[0].strip()
            event = events.get(report_iri(gdelt.DATASET, event_id))
            if event is None:
                self.skip(path, line, f"GLOBALEVENTID {event_id} is not in the store")
                continue
            try:
                article, offset = self.gdelt.mention_article(f, canon)
            except RowError as exc:
                self.skip(path, line, str(exc))
                continue
            attached += 1
            seen = hash((event_id, article.id))
            if article.id == event.article or seen in self.mentioned:
                continue  # the event's own source, or a mention attached already
            self.mentioned.add(seen)
            batch.append(self._mention_report(event, extras.get(event.iri, {}), article, offset))
            pairs.append((batch[-1].iri, event.iri))
            also.add(event.iri)
            if event.incident:
                touched.add(event.incident)
        self.summary.mentions += attached
        imported_before = self.summary.imported
        self.flush(batch, canon, graph, must_link=pairs, also=sorted(also), touched=touched)
        # Every attached row counts as imported, also those that needed no new report.
        self.summary.imported = imported_before + attached

    def _mention_report(
        self, event: ReportInfo, extra: dict[str, Any], article: Any, offset: int
    ) -> ImportedReport:
        sub = gdelt.mention_sub(article.id)
        event_id = event.iri.rsplit("/", 1)[-1]
        iri = report_iri(gdelt.DATASET, event_id, sub)
        actors = [
            ActorIn(a, event.labels.get(a, a), role)
            for role, members in (
                ("agent", event.agents),
                ("target", event.targets),
                ("participant", event.participants),
            )
            for a in sorted(members)
        ]
        m_iri = mention_iri(gdelt.DATASET, event_id, sub)
        info = dataclasses.replace(
            event,
            iri=iri,
            article=article.id,
            published=article.published,
            outlet=article.outlet,
            mention=m_iri,
            incident=None,
            labels=dict(event.labels),
        )
        anchor = extra.get("anchor")
        centroid = extra.get("centroid")
        return ImportedReport(
            dataset=gdelt.DATASET,
            dataset_id=event_id,
            iri=iri,
            type=event.type,
            top=event.top,
            trigger=str(extra.get("trigger") or "CAMEO"),
            article=article,
            mention_iri=m_iri,
            mention_text=str(anchor) if anchor else f"GDELT event {event_id}",
            mention_start=offset,
            mention_end=offset,
            actors=actors,
            centroid=centroid is not None and str(centroid).lower() == "true",
            date_value=event.date_value,
            precision=event.precision,
            earliest=event.earliest,
            latest=event.latest,
            date_text=event.date_text,
            basis=event.basis,
            quantities=dict(event.quantities),
            place_iris=sorted(event.places),
            linked=info,
        )


def _detect(path: str, dataset: str) -> _Source:
    """Open a file and tell what it is, or raise InputError naming it."""
    if dataset == "acled":
        with open_text(path, encoding="utf-8-sig") as fh:
            try:
                header = acled.normalise_header(next(csv.reader(fh), []))
            except (csv.Error, UnicodeError) as exc:
                raise InputError(f"{path}: not an ACLED CSV export ({exc})") from None
        missing = acled.missing_columns(header)
        if missing:
            raise InputError(
                f"{path}: not an ACLED CSV export: the header lacks {', '.join(missing)}; "
                "export the events as CSV with ACLED's column names"
            )
        return _Source(path, "acled")
    counts: list[int] = []
    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            fields = line.rstrip("\r\n").split("\t")
            kind = gdelt.detect(fields)
            if kind is not None:
                return _Source(path, kind)
            counts.append(len(fields))
            if n >= 50:
                break
    seen = f"its rows have {counts[0]} tab-separated column(s)" if counts else "it is empty"
    raise InputError(
        f"{path}: not a GDELT file: {seen}; expected 61 (2.0 event export), 57 or 58 "
        "(1.0 daily event file) or 16 (2.0 mentions file)"
    )


def import_files(
    store: Store,
    dataset: str,
    paths: Sequence[str],
    *,
    quiet: bool = False,
    warn: Callable[[str], None] | None = None,
    registry: Any = None,
    gazetteer: Any = None,
    batch: int = BATCH,
) -> ImportSummary:
    """Import GDELT or ACLED files as event reports and link them into incidents.

    Files are checked before anything is written. GDELT event files go before mentions
    files, so mentions find the events they name. Rows are streamed in batches of
    `batch`: each batch's reports are bulk-written to the file's graph
    (``.../graph/dataset/<dataset>/<file-id>``), then linked with the stored reports
    they could match.

    Args:
        store: the store to write to.
        dataset: ``"gdelt"`` or ``"acled"``.
        paths: data files (plain, ``.zip`` or ``.gz``).
        quiet: no progress bar (there is none either when stderr is not a terminal).
        warn: called with each problem ("file:line: reason") as it is found.
        registry: the actor registry (default :meth:`kb.actors.ActorRegistry.default`).
        gazetteer: the gazetteer (default :meth:`kb.gazetteer.Gazetteer.default`).
        batch: rows per batch.

    Returns:
        Counts and the problems found (bad rows are skipped, never fatal).

    Raises:
        UsageError: `dataset` is not gdelt or acled.
        InputError: a file is missing, unreadable or not in the dataset's format; or
            it breaks off while being read (the message says what was stored).
        StoreError: the store failed while writing (the message says what was stored).
    """
    if dataset not in DATASETS:
        raise UsageError(f"unknown dataset {dataset!r}; use one of: {', '.join(DATASETS)}")
    sources = [_detect(str(p), dataset) for p in paths]
    sources.sort(key=lambda s: s.kind == gdelt.MENTIONS)  # events first (stable)
    if registry is None:
        from kb.actors import ActorRegistry

        registry = ActorRegistry.default()
    if gazetteer is None:
        from kb.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    summary = ImportSummary(dataset=dataset)
    run = _Run(store, dataset, summary, warn, registry, gazetteer, batch)
    with _progress(quiet) as bar:
        for source in sources:
            task = bar.add_task(_label(source.path), total=None, rows=0, rate="")
            started, base = time.monotonic(), summary.rows_read

            def progress(rows: int, task: Any = task, started: float = started, base: int = base):
                done = rows - base
                rate = done / max(time.monotonic() - started, 1e-6)
                bar.update(task, completed=done, rows=f"{done:,}", rate=f"{rate:,.0f} rows/s")

            try:
                if source.kind == gdelt.MENTIONS:
                    run.import_mentions(source, progress)
                else:
                    run.import_events(source, progress)
            except KbError as exc:
                raise type(exc)(f"{exc}; {_stopped(run)}") from exc
            except (OSError, EOFError, zlib.error, zipfile.BadZipFile, csv.Error) as exc:
                raise InputError(f"{run.where}: cannot read on ({exc}); {_stopped(run)}") from exc
            except KeyboardInterrupt:
                if warn is not None:
                    warn(f"interrupted; {_stopped(run)}")
                raise
            summary.files += 1
    if summary.problem_count > len(summary.problems):
        summary.problems.append(
            f"... and {summary.problem_count - len(summary.problems):,} more problems"
        )
    return summary


def _stopped(run: _Run) -> str:
    return (
        f"import stopped at {run.where or 'the start'}; stored before the stop: "
        f"{run.summary.text()}"
    )


def _label(path: str) -> str:
    from pathlib import Path

    return Path(path).name


class _progress:
    """A rich progress display on stderr, or nothing when quiet or not on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or not sys.stderr.isatty()
        self.progress: Any = None

    def __enter__(self) -> Any:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.fields[rows]} rows"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            disable=self.quiet,
            transient=False,
        )
        self.progress.__enter__()
        return self.progress

    def __exit__(self, *exc: Any) -> None:
        self.progress.__exit__(*exc)


__all__ = ["ImportSummary", "import_files", "DATASETS", "BATCH"]
