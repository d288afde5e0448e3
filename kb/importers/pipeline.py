"""Stream dataset files into the store: parse, group, write in bulk, link when needed.

Rows are read one by one and grouped by the event they code
(:class:`kb.importers.compact.Grouper`); every `batch` rows the groups that closed are
joined by the linking rule (:class:`kb.importers.fileunion.FileUnion`) and written as
compact incidents (:mod:`kb.importers.compact`), as TriG text that a writer thread
hands to the embedded store's bulk loader while the next rows are parsed. A group that
joins an incident written earlier is held back and that incident is written again at
the end of the file (:meth:`_Run.rewrite`). Memory: the open groups (at most
:data:`~kb.importers.compact.WINDOW` rows' worth), one batch of text being built, at
most two being loaded, and a slim record per group of the file (FileUnion's index).

Only when the store holds event reports (ingested articles) are closed groups compared
with them (:class:`kb.importers.linking.ReportMatcher`); a group that is the same
incident as an article's report has its rows written as event reports and linked into
that incident (:class:`kb.importers.linking.Linker`). Only when the store holds what
another file imported (one ASK a file, after the file's own earlier import is removed)
are closed groups compared with the compact incidents of other files
(:func:`kb.importers.promote.compact_matches`), and, once any were promoted, with
their reports: a group that matches is written compact, then promoted together with
what it matches and linked by the usual rule (:meth:`_Run.merge`), at the end of the
file, so that every row of the file that joins it is in it. An import into an
empty store, or one holding only an earlier import of the same file, asks nothing per
batch. Importing a file again replaces what its earlier import wrote (its graph).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gc
import gzip
import json
import os
import queue
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kb.errors import InputError, KbError, StoreError, UsageError
from kb.importers import acled, gdelt
from kb.importers.base import (
    XSD,
    ActorIn,
    Canonical,
    ImportedReport,
    P,
    RowError,
    article_lines,
    dataset_graph,
    file_id,
    mention_iri,
    n_str,
    open_text,
    report_iri,
    report_lines,
    sniff,
    triple_lines,
)
from kb.importers.compact import (
    CANONICAL_END,
    WINDOW,
    Group,
    Grouper,
    IncidentWriter,
    group_info,
    iter_chunks,
    merge_groups,
)
from kb.importers.fileunion import FileUnion, Rewrite
from kb.importers.linking import BatchLink, Linker, ReportMatcher, dataset_of
from kb.importers.promote import (
    CompactIncident,
    compact_matches,
    group_of,
    load_compact,
    promote,
    reports_of,
)
from kb.link.same import ReportInfo
from kb.namespaces import KB, KBID, SEM, key_from_iri
from kb.store.base import Store

#: Rows between two writes: big enough for the bulk loader to pay off (each load leaves
#: files RocksDB compacts later: 110k quads a load cost 17% more CPU than 440k), small
#: enough for memory: a load holds about 700 bytes a quad (16,000 GDELT rows are about
#: 360,000 quads, ~250 MB, and two loads run at once).
BATCH = 16_000
#: Problems kept in the summary, and passed to `warn` one by one.
MAX_PROBLEMS = 1000
MAX_WARNINGS = 100
DATASETS = ("gdelt", "acled")
#: Bulk loads run side by side (each is single-threaded in pyoxigraph).
LOADERS = 2 if (os.cpu_count() or 1) > 1 else 1
#: A loader that finds several batches waiting loads them as one, up to this much text
#: (a full GDELT batch is 17-19 MB): the small loads of a file's end, its canonical
#: N-Quads and the batches of a short file then cost one set of new files for RocksDB
#: to compact instead of several. Loads of two full batches (40 MB) were measured too
#: (100,000 GDELT rows, 2.3 M quads): RocksDB's compaction during the loads halved
#: (4.8 -> 2.4 CPU-s) but sorting the bigger loads took most of it back (loader 23.7 ->
#: 21.5 CPU-s, 3 % more rows/s) and the import's peak memory went from 950 to 1,500 MB.
LOAD_BYTES = 20_000_000
_DATASET_GRAPHS = "https://w3id.org/kb/graph/dataset/"


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


class _Writer:
    """Bulk writes of RDF text (N-Quads or TriG).

    An embedded store gets the text in pyoxigraph's bulk loader, on `loaders` threads of
    its own: the loader releases the GIL and two loads run side by side (measured 1.6x
    on two cores), and loading overlaps parsing the next rows. At most ``loaders + 1``
    batches wait, so memory stays flat; a loader takes the batches waiting in one load
    (up to `load_bytes` of text, see :data:`LOAD_BYTES`). Any other store gets rdflib
    quads through ``bulk_add``, at once. :meth:`wait` returns when everything handed
    over is stored: call it before reading the store.
    """

    def __init__(self, store: Store, loaders: int = LOADERS, load_bytes: int = LOAD_BYTES) -> None:
        self.store = store
        self.load = _bulk_loader(store)
        self.loaders = max(1, loaders)
        self.load_bytes = load_bytes
        #: Loads run so far (a load may take several batches).
        self.loads = 0
        #: Incidents of batches that were handed over but never loaded (after a failed
        #: load, or dropped by :meth:`abort`).
        self.dropped = 0
        self.pending: queue.Queue[tuple[bytes, Any, int, int] | None] = queue.Queue(
            self.loaders + 1
        )
        self.threads: list[threading.Thread] = []
        self.error: BaseException | None = None
        self.reported = False
        self.stopping = False
        #: Batches handed over so far; the number of each is its ticket.
        self.sent = 0
        #: Every ticket below this one is stored (and those in `_done` beyond it).
        self._stored = 0
        self._done: set[int] = set()
        self._cond = threading.Condition()

    def put(self, lines: list[str]) -> None:
        """Store these N-Quads lines (soon)."""
        if lines:
            self.put_text("".join(lines), trig=False)

    def put_text(self, text: str, *, trig: bool, incidents: int = 0) -> None:
        """Store an N-Quads or TriG document (soon); it holds `incidents` incidents."""
        data = text.encode("utf-8")
        fmt = ox.RdfFormat.TRIG if trig else ox.RdfFormat.N_QUADS
        ticket = self.sent
        self.sent += 1
        if self.load is None:
            self._generic(data, fmt)
            self._mark(ticket)
            return
        self._check()
        if not self.threads:
            for n in range(self.loaders):
                t = threading.Thread(target=self._run, name=f"kb-import-load-{n}", daemon=True)
                t.start()
                self.threads.append(t)
        self.pending.put((data, fmt, ticket, incidents))

    def wait_for(self, tickets: int) -> None:
        """Block until the first `tickets` batches handed over are stored (later ones may
        still be loading): what they hold can be read and changed."""
        with self._cond:
            while self._stored < tickets and self.error is None and self.threads:
                self._cond.wait(0.5)
        self._check()

    def _mark(self, ticket: int) -> None:
        with self._cond:
            self._done.add(ticket)
            while self._stored in self._done:
                self._done.discard(self._stored)
                self._stored += 1
            self._cond.notify_all()

    def wait(self) -> None:
        """Block until every batch handed over is stored; raise what the loader raised."""
        if self.threads:
            self.pending.join()
        self._check()

    def close(self) -> None:
        """Finish the writes and stop the threads."""
        self._stop()
        self._check()

    def abort(self) -> None:
        """Stop after the batches being loaded, dropping those still waiting."""
        self.stopping = True
        while True:
            try:
                item = self.pending.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                self.dropped += item[3]
            self.pending.task_done()
        self._stop()

    def _stop(self) -> None:
        for _ in self.threads:
            self.pending.put(None)
        for t in self.threads:
            t.join()
        self.threads = []

    def _run(self) -> None:
        carry: tuple[bytes, Any, int, int] | None = None
        stop = False
        while not stop:
            item = carry if carry is not None else self.pending.get()
            carry = None
            if item is None:
                self.pending.task_done()
                return
            items = [item]
            size = len(item[0])
            # The batches waiting join this load while they fit: one format, one size cap.
            while size < self.load_bytes:
                try:
                    more = self.pending.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True  # after this load
                    self.pending.task_done()
                    break
                if more[1] != item[1] or size + len(more[0]) > self.load_bytes:
                    carry = more  # the next load
                    break
                items.append(more)
                size += len(more[0])
            try:
                if self.error is None and not self.stopping:
                    # Whole TriG (or N-Quads) documents one after another are one document.
                    data = item[0] if len(items) == 1 else b"".join([x[0] for x in items])
                    self.loads += 1
                    self.load(data, item[1])  # type: ignore[misc]
                    del data
                else:
                    self.dropped += sum(x[3] for x in items)
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                self.error = self.error or exc
                self.dropped += sum(x[3] for x in items)
            finally:
                for x in items:
                    self._mark(x[2])
                    self.pending.task_done()

    def _check(self) -> None:
        exc = self.error
        if exc is None or self.reported:
            return
        self.reported = True
        if isinstance(exc, KbError):
            raise exc
        where = getattr(self.store, "location", "")
        raise StoreError(f"cannot write store {where}: {exc}") from exc

    def _generic(self, data: bytes, fmt: Any) -> None:
        from kb.store.oxterms import from_ox

        quads = ox.parse(data, format=fmt)
        self.store.bulk_add(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name))
            for q in quads
        )  # type: ignore[misc]


def _bulk_loader(store: Store) -> Callable[[bytes, Any], None] | None:
    """The store's bulk loader of RDF text (pyoxigraph format), or None.

    Lenient (no IRI re-validation) for the TriG :mod:`kb.importers.compact` writes: its
    IRIs are minted percent-encoded, and dataset text only ever lands in literals.
    """
    method = getattr(store, "bulk_load_text", None)
    if not callable(method):
        return None
    if getattr(store, "read_only", False):
        raise StoreError(f"store {getattr(store, 'location', '')} is open read-only")

    def load_text(data: bytes, fmt: Any) -> None:
        method(data, fmt, lenient=fmt == ox.RdfFormat.TRIG)

    return load_text


@dataclass
class _Source:
    """A file to import and how to read it (found by :func:`_detect`)."""

    path: str
    kind: str  # a gdelt.KINDS value or "acled"
    #: Column separator of a file with a header (ACLED; GDELT exported with a header).
    delimiter: str = "\t"
    #: A GDELT file with a header: where each column of the kind's layout is.
    columns: list[int | None] | None = None
    #: An ACLED API answer in JSON instead of CSV.
    json: bool = False
    #: How an ACLED file writes dates like 05/03/2019 ("dmy" or "mdy").
    order: str = "dmy"


#: What a compressed file that breaks off raises while it is read.
_BROKEN = (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile)


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
        window: int,
    ) -> None:
        self.store = store
        self.dataset = dataset
        self.summary = summary
        self.warn = warn
        self.writer = _Writer(store)
        self.canonical = Canonical(gazetteer, registry)
        self.gdelt = gdelt.GdeltMapper(registry, gazetteer, self.canonical)
        self.acled = acled.AcledMapper(registry, gazetteer, self.canonical)
        self.batch = batch
        self.window = window
        self.seq = 0
        self.articles: set[str] = set()
        self.mentioned: set[int] = set()
        self.where = ""
        #: The line of the GDELT row read last, in file `line_path` (0: see `where`).
        self.line = 0
        self.line_path = ""
        self.kind = ""
        self.graphs: dict[str, IncidentWriter] = {}
        # Asked once: a store without event reports (no articles) has nothing to link to.
        self.link = bool(store.query("ASK { ?r a <https://w3id.org/kb/ns#EventReport> }"))
        self.linker = Linker(store, stored_before=True) if self.link else None
        self.matcher = ReportMatcher(store) if self.link else None
        # Raw rows are kept only where rows may join an article's incident as reports.
        self.keep_rows = self.link
        #: Whether the file being read is compared with what other files imported
        #: (asked once a file: see import_events).
        self.cross = False
        #: Reports written into the graph of the file being read (by promotion or as rows).
        self.own_reports: set[str] = set()
        #: The incidents of the file being read, by the linking rule.
        self.union: FileUnion | None = None

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
        if source.columns is not None:
            yield from self._gdelt_header_rows(source)
            return
        kind = source.kind
        expected = gdelt.WIDTH[kind]
        # A row may lack its empty last column(s) when a tool trimmed trailing tabs: a
        # mentions row its translation info and extras, an event row its SOURCEURL.
        shortest = 10 if kind == gdelt.MENTIONS else expected - 1
        summary = self.summary
        n = 0
        # Where a stop happened: the file, and the line of the row read last (an int a row
        # is cheaper than the text of `where`, which is kept for the other lines).
        self.where = f"{source.path}:1"
        self.line_path = source.path
        with open_text(source.path) as fh:
            try:
                for n, line in enumerate(fh, 1):  # noqa: B007 - n is read after the loop
                    fields = line.rstrip("\r\n").split("\t")
                    if len(fields) == expected:
                        summary.rows_read += 1
                        self.line = n
                        yield n, fields
                        continue
                    self.line = 0
                    self.where = f"{source.path}:{n}"
                    if not line.strip():
                        continue
                    summary.rows_read += 1
                    if n == 1 and fields[0].strip().lstrip("\ufeff").upper() == "GLOBALEVENTID":
                        summary.rows_read -= 1  # a header some tools add
                        continue
                    if shortest <= len(fields) < expected and _trimmed(fields, kind):
                        yield n, fields + [""] * (expected - len(fields))
                        continue
                    self.skip(source.path, n, f"{len(fields)} columns, expected {expected}")
            except _BROKEN as exc:
                self.broken(source.path, n, exc)
            self.line = 0
            self.where = f"{source.path}:{n}"

    def _gdelt_header_rows(self, source: _Source) -> Iterator[tuple[int, list[str]]]:
        """Rows of a GDELT export with a header (BigQuery's CSV, a spreadsheet's TSV)."""
        positions = source.columns or []
        self.line = 0  # `where` says where, row by row
        with open_text(source.path) as fh:
            reader = csv.reader(fh, delimiter=source.delimiter)
            width = 0
            start = 1
            try:
                for record in reader:
                    line, start = start, reader.line_num + 1
                    if not width:
                        width = len(record)  # the header
                        continue
                    self.where = f"{source.path}:{line}"
                    if not any(v.strip() for v in record):
                        continue
                    self.summary.rows_read += 1
                    if len(record) != width:
                        self.skip(source.path, line, f"{len(record)} columns, header has {width}")
                        continue
                    yield line, [record[i] if i is not None else "" for i in positions]
            except (*_BROKEN, csv.Error) as exc:
                self.broken(source.path, start, exc)

    def acled_rows(self, source: _Source) -> Iterator[tuple[int, dict[str, str]]]:
        """ACLED records as dicts by normalised column name."""
        if source.json:
            yield from self._acled_json(source)
            return
        self.line = 0  # `where` says where, row by row
        with open_text(source.path) as fh:
            reader = csv.reader(fh, delimiter=source.delimiter)
            start = 1
            try:
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
                        if len(record) < width and reader.line_num > line:
                            # An unclosed quote swallowed the lines after it.
                            reason = "an unclosed quote runs on to line " + str(reader.line_num)
                        else:
                            reason = f"{len(record)} columns, header has {width}"
                        self.skip(source.path, line, reason)
                        continue
                    yield line, dict(zip(header, record, strict=True))
            except (*_BROKEN, csv.Error) as exc:
                self.broken(source.path, start, exc)

    def _acled_json(self, source: _Source) -> Iterator[tuple[int, dict[str, str]]]:
        """Records of an ACLED API answer in JSON; "line" is the record's number."""
        records = _json_records(source.path)
        n = 0
        while True:
            try:
                record = next(records, _END)
            except JsonBreak as exc:
                self.problem(
                    f"{source.path}: record {n + 1}: {exc}; the {n} record(s) before it were "
                    "imported, download the file again for the rest"
                )
                return
            if record is _END:
                return
            n += 1
            self.where = f"{source.path}: record {n}"
            self.summary.rows_read += 1
            if not isinstance(record, dict):
                self.skip(source.path, n, "the record is not a JSON object")
                continue
            keys = acled.normalise_header([str(k) for k in record])
            values = ["" if v is None else str(v) for v in record.values()]
            yield n, dict(zip(keys, values, strict=True))

    def broken(self, path: str, line: int, exc: BaseException) -> None:
        """A compressed file that breaks off: what was read stays, the rest is reported."""
        self.problem(
            f"{path}:{line}: the file breaks off after this line ({_short(exc)}); "
            "the rows before it were imported, download the file again for the rest"
        )

    def skip(self, path: str, line: int, reason: str) -> None:
        self.summary.skipped += 1
        self.problem(f"{path}:{line}: {reason}")

    def prepare(self, graph: str) -> IncidentWriter:
        """The writer of a file's graph; an earlier import of the file is removed first."""
        found = self.graphs.get(graph)
        if found is not None:
            return found  # the same file id twice in one run: add to it
        self.graphs[graph] = IncidentWriter(graph)
        g = URIRef(graph)
        if self.store.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": g}):
            touched: list[str] = []
            if self.link:
                rows = self.store.select(
                    "SELECT DISTINCT ?ev WHERE { GRAPH ?g { ?r a kb:EventReport } "
                    "?ev kb:hasReport ?r }",
                    {"g": g},
                )
                touched = sorted(str(r["ev"]) for r in rows)
            self.writer.wait()
            self.store.replace_graphs({}, drop=[g])
            if touched:
                from kb.link.incidents import relink

                # Incidents that held the file's rows are rebuilt from their other reports.
                relink(self.store, [], touched)
        return self.graphs[graph]

    # -- events ------------------------------------------------------------------------
    def import_events(self, source: _Source, progress: Callable[[int], None]) -> None:
        graph = dataset_graph(self.dataset, file_id(source.path))
        incidents = self.prepare(graph)
        self.kind = source.kind
        self.own_reports = set()
        # One index probe a file: only a store holding what another file imported (its
        # own earlier import is gone by now) has anything to compare the rows with.
        self.cross = bool(self.store.query("ASK { ?ev kb:datasetId ?id }"))
        grouper = Grouper(self.window)
        self.union = union = FileUnion(keep=self.keep_rows)
        canon: list[str] = []
        keep = self.keep_rows  # raw rows are needed only to write reports for linking
        summary = self.summary
        next_flush = self.seq + self.batch
        path = source.path
        #: Line of each dataset id read (a repeated id is reported, see below).
        seen: dict[str, int] = {}
        if source.kind == "acled":
            self.acled.order = source.order
            stamps: dict[str, int] = {}
            for line, row in self.acled_rows(source):
                try:
                    report = self.acled.event(row, line, canon)
                except RowError as exc:
                    self.skip(path, line, str(exc))
                    continue
                event_id = report.dataset_id
                stamp = _stamp(row.get("timestamp"))
                if event_id in seen:
                    # ACLED codes each event once: a repeated id is another version of
                    # the row, the later timestamp (else the later line) wins while the
                    # first is in memory; one already written stays.
                    if grouper.get(event_id) is None:
                        self.skip(path, line, f"event {event_id} repeats line {seen[event_id]}")
                        continue
                    if stamp < stamps.get(event_id, 0):
                        self.skip(path, line, f"event {event_id} is older than line "
                                  f"{seen[event_id]}")  # fmt: skip
                        continue
                    summary.skipped += 1
                    summary.imported -= 1
                    self.problem(f"{path}:{seen[event_id]}: event {event_id} is replaced by "
                                 f"line {line}")  # fmt: skip
                else:
                    self.seq += 1
                seen[event_id] = line
                stamps[event_id] = stamp
                summary.imported += 1
                grouper.put(event_id, _acled_group(report, self.seq, keep))
                if self.seq >= next_flush:
                    self.flush(union.add(grouper.closed(self.seq)), canon, graph, incidents)
                    progress(summary.rows_read)
                    next_flush = self.seq + self.batch
        else:
            row = self.gdelt.row
            kind = source.kind
            ids: set[int] = set()  # GLOBALEVENTIDs read (a repeat is reported)
            for line, fields in self.gdelt_rows(source):
                try:
                    key, event_id, type_key, top, actors, place, day, url, basis = row(
                        fields, kind, canon
                    )
                except RowError as exc:
                    self.skip(path, line, str(exc))
                    continue
                number = int(event_id)
                if number in ids:
                    self.skip(path, line, f"GLOBALEVENTID {event_id} was read already")
                    continue
                ids.add(number)
                self.seq += 1
                summary.imported += 1
                grp = grouper.get(key)
                if grp is None:
                    # Positional: the hottest line of an import (Group's field order).
                    grp = Group(
                        gdelt.DATASET, [event_id], self.seq, type_key, top, actors,
                        place[0], place[1], day[1], "day", day[0], day[0], basis,
                        {url: None} if url else {}, 0 if url else 1,
                    )  # fmt: skip
                    grp.row_sources = [url]
                    if keep:
                        grp.rows = []
                    grouper.open[key] = grp
                else:
                    grp.add(event_id, type_key, url)
                if keep:
                    grp.rows.append((line, fields))  # type: ignore[union-attr]
                if self.seq >= next_flush:
                    self.flush(union.add(grouper.closed(self.seq)), canon, graph, incidents)
                    progress(summary.rows_read)
                    next_flush = self.seq + self.batch
        # Incidents written before the last batch are all that the end of the file can
        # write again: it reads them while the last batch is still being loaded.
        before_last = self.writer.sent
        self.flush(union.add(grouper.drain()), canon, graph, incidents)
        self.rewrite(union.finish(), canon, graph, incidents, before_last)
        self.union = None
        progress(summary.rows_read)

    def rewrite(
        self,
        todo: list[Rewrite],
        canon: list[str],
        graph: str,
        incidents: IncidentWriter,
        stored: int | None = None,
    ) -> None:
        """Write again the incidents that groups held back by :class:`FileUnion` join.

        The file's compact incidents of each component are read back (unless their
        groups are at hand), merged with the held-back groups, deleted, and the merged
        incident is written like any group, in the file's last step.
        """
        if not todo:
            return
        drop = sorted({i for r in todo for i in r.drop})
        read = sorted({i for r in todo for i in r.read})
        if drop:
            # `stored`: the batches that hold every incident of `drop` (the default: all).
            if stored is None:
                self.writer.wait()
            else:
                self.writer.wait_for(stored)
        # The statements read back are those deleted next: read once (every read of a
        # just bulk-loaded store seeks through each of its loads' files).
        read_quads: dict[str, list[Any]] = {}
        back_of = self.read_back(graph, read, incidents, read_quads) if read else {}
        groups: list[Group] = []
        seeded: dict[int, set[str]] = {}
        for r in todo:
            back = [back_of[i] for i in r.read if i in back_of]
            g = merge_groups([r.group, *back]) if back else r.group
            g.node = r.group.node
            groups.append(g)
            if r.reports:
                seeded[id(g)] = r.reports
        self.drop_compact(graph, drop, read_quads)
        self.summary.incidents -= len(drop)
        self.flush(groups, canon, graph, incidents, seeded, final=True)

    def read_back(
        self,
        graph: str,
        iris: list[str],
        incidents: IncidentWriter,
        quads: dict[str, list[Any]] | None = None,
    ) -> dict[str, Group]:
        """Compact incidents of the file being imported, as the groups they were written from.

        A store with local pattern reads (:attr:`Store.local_patterns`: the embedded
        store) is read subject by subject with :meth:`Store.quads_for_pattern` (a
        SPARQL read of a thousand incidents costs seconds), and the quads read are put
        in `quads` (IRI -> its statements), when given, for :meth:`drop_compact`; any
        other store through :func:`kb.importers.promote.load_compact`.
        """
        if not self.store.local_patterns:
            found = load_compact(self.store, iris)
            return {i: group_of(c, self.canonical.by_iri.get) for i, c in found.items()}
        g = ox.NamedNode(graph)
        out: dict[str, Group] = {}
        for iri in iris:
            facts: dict[str, list[Any]] = {}
            mine = list(self.store.quads_for_pattern(ox.NamedNode(iri), None, None, g))
            if quads is not None:
                quads[iri] = mine
            for q in mine:
                facts.setdefault(q.predicate.value, []).append(q.object)
            if facts:
                out[iri] = _group_of_facts(
                    facts, incidents.role_prefix, self.canonical, self.store, g
                )
        return out

    def drop_compact(
        self, graph: str, iris: list[str], known: dict[str, list[Any]] | None = None
    ) -> None:
        """Delete compact incidents of the file being imported (their own statements).

        Args:
            known: statements of some of them read already (:meth:`read_back`).
        """
        if not iris:
            return
        if self.store.local_patterns:
            g = ox.NamedNode(graph)
            known = known or {}
            for chunk in iter_chunks(iris, 2000):
                # One removal a chunk: a transaction a quad costs ten times more.
                self.store.remove_quads(
                    q
                    for iri in chunk
                    for q in (
                        known[iri]
                        if iri in known
                        else self.store.quads_for_pattern(ox.NamedNode(iri), None, None, g)
                    )
                )
            return
        for chunk in iter_chunks(iris, 200):
            # One operation per incident: patterns of one DELETE WHERE would be joined.
            self.store.update(
                " ;\n".join(f"DELETE WHERE {{ GRAPH <{graph}> {{ <{i}> ?p ?o }} }}" for i in chunk)
            )

    def flush(
        self,
        groups: list[Group],
        canon: list[str],
        graph: str,
        incidents: IncidentWriter,
        seeded: dict[int, set[str]] | None = None,
        *,
        final: bool = False,
    ) -> None:
        """Write closed groups: compact incidents, or reports where they join stored ones.

        A group that is the same incident as an article's report is written as reports,
        row by row (:meth:`join`). A group that is the same incident as what another
        file imported (a compact incident, or the reports of one promoted earlier) is
        written compact like the rest and then promoted together with it
        (:meth:`merge`): the outcome does not depend on which file came first.

        Until the file's last step (`final`), a group that matches what another file
        imported is held back (:meth:`FileUnion.hold`): rows of the file read later may
        join its incident, and it is promoted once, whole, whichever row came first.

        Args:
            seeded: id(group) -> reports of this file it is one incident with (by
                :class:`FileUnion`), to promote and link it with like other matches.
            final: the file's last step: nothing is held back any more.
        """
        joining: list[Group] = []
        imported: dict[int, set[str]] = {}  # id(group) -> imported reports it matches
        if self.matcher is not None and groups:
            self.writer.wait()
            found: dict[int, set[str]] = {}
            matched = self.matcher.matching(groups, self._article_of, found)
            if matched:
                joining, imported = self._sort_matches(groups, found)
                ids = {id(g) for g in joining}
                groups = [g for g in groups if id(g) not in ids]
        for g in groups:
            if seeded and id(g) in seeded:
                imported.setdefault(id(g), set()).update(seeded[id(g)])
        hits: dict[int, list[CompactIncident]] = {}
        if self.cross and (groups or joining):
            hits = self._compact_hits([*joining, *groups], graph)
        if not final and self.union is not None and (hits or imported):
            held = [g for g in groups if id(g) in hits or id(g) in imported]
            for g in held:
                self.union.hold(g)
            groups = [g for g in groups if id(g) not in hits and id(g) not in imported]
            hits = {k: v for k, v in hits.items() if any(id(g) == k for g in joining)}
        canonical = [x for x in canon if x.endswith(CANONICAL_END)]
        if len(canonical) < len(canon):
            self.writer.put([x for x in canon if not x.endswith(CANONICAL_END)])
        canon.clear()
        # At most a batch of incidents a load: the end of a file closes every open group
        # at once (a window's worth), and a load's memory grows with its quads.
        for chunk in iter_chunks(groups, max(self.batch, 1)) if groups else [[]]:
            lines: list[str] = []
            for g in chunk:
                incidents.lines(g, lines)
            if lines or canonical:
                self.writer.put_text(
                    incidents.block(lines, canonical), trig=True, incidents=len(chunk)
                )
            canonical = []
            del lines
        self.summary.incidents += len(groups)
        merging = (
            [g for g in groups if id(g) in hits or id(g) in imported] if hits or imported else []
        )
        if joining or merging:
            self.merge(joining, merging, hits, imported, graph)
            if self.union is not None:
                for g in joining:
                    self.union.mark_reported(g, {report_iri(g.dataset, i) for i in g.ids})
                for g in merging:
                    self.union.mark_reported(g, {report_iri(g.dataset, g.ids[0])})

    def _article_of(self, g: Group) -> str:
        if g.dataset == acled.DATASET:
            return f"{acled.DATASET}-{g.ids[0]}"
        if g.sources:
            from kb.importers.base import url_article_id

            return url_article_id(next(iter(g.sources)), gdelt.DATASET)
        return f"{gdelt.DATASET}-e-{g.ids[0]}"

    def _sort_matches(
        self, groups: list[Group], found: dict[int, set[str]]
    ) -> tuple[list[Group], dict[int, set[str]]]:
        """Groups that join an article's incident, and the rest by the imported reports
        of other files they match (reports of this file count for neither: its rows are
        joined by :class:`FileUnion`, whichever file came first)."""
        joining: list[Group] = []
        imported: dict[int, set[str]] = {}
        for n, reports in found.items():
            g = groups[n]
            if g.rows is not None and any(dataset_of(r) is None for r in reports):
                joining.append(g)
                continue
            others = {r for r in reports if dataset_of(r) is not None} - self.own_reports
            if others:
                imported[id(g)] = others
        return joining, imported

    def _compact_hits(self, groups: list[Group], graph: str) -> dict[int, list[CompactIncident]]:
        """The compact incidents of other files that each group is the same incident as."""
        infos = {}
        for g in groups:
            # Compared as its first report would be once promoted (its first source).
            info = group_info(g, _promoted_article(g))
            infos[info.iri] = (g, info)
        matches = compact_matches(self.store, [i for _, i in infos.values()], exclude=[graph])
        out: dict[int, list[CompactIncident]] = {}
        for iri, found in matches.items():
            g = infos[iri][0]
            # The same dataset id in another file is the same node already.
            others = [c for c in found if c.iri != g.iri]
            if others:
                out[id(g)] = others
        return out

    def merge(
        self,
        joining: list[Group],
        merging: list[Group],
        hits: dict[int, list[CompactIncident]],
        imported: dict[int, set[str]],
        graph: str,
    ) -> None:
        """Promote and link the groups that are the same incident as stored ones.

        The compact incidents of other files the groups match, and the groups of
        `merging` (written compact a moment ago), are rewritten as event reports
        (:func:`kb.importers.promote.promote`); the rows of `joining` are written as
        reports; then all of them are linked, with the stored reports they match, by
        the usual rule.
        """
        from kb.link.incidents import load_reports

        self.writer.wait()
        stored = {c.iri: c for g in [*joining, *merging] for c in hits.get(id(g), ())}
        own = load_compact(self.store, [g.iri for g in merging])
        promoting = [c for _, c in sorted({**stored, **own}.items())]
        promoted = load_reports(self.store, promote(self.store, promoting))
        for c in own.values():
            self.own_reports.update(r.iri for r in reports_of(c))
        also = sorted({r for g in merging for r in imported.get(id(g), ())})
        self.summary.incidents -= len(own)  # written compact, now parts of incidents
        self.summary.merged += sum(len(g.ids) for g in merging)
        self.join(joining, graph, promoted, also)
        if promoted or also:
            # What other files imported is in report form from now on.
            self.link = True
            if self.matcher is None:
                self.matcher = ReportMatcher(self.store)

    def join(
        self,
        groups: list[Group],
        graph: str,
        extra: Sequence[ReportInfo] = (),
        also: Sequence[str] = (),
    ) -> None:
        """Write the rows of groups that join stored reports as reports, and link them.

        Args:
            groups: the groups whose rows become reports (row by row).
            graph: the file's graph.
            extra: reports written already (promoted) to link with them.
            also: stored reports to regroup with them.
        """
        canon: list[str] = []
        reports: list[ImportedReport] = []
        for g in groups:
            for line, row in g.rows or ():
                if isinstance(row, ImportedReport):
                    reports.append(row)
                else:
                    reports.append(self.gdelt.event(row, self.kind, line, canon))
        imported = self.summary.imported
        self.write_reports(reports, canon, graph, extra=extra, also=also)
        self.summary.imported = imported  # counted as they were read

    def write_reports(
        self,
        batch: list[ImportedReport],
        canon: list[str],
        graph: str,
        *,
        must_link: Sequence[tuple[str, str]] = (),
        also: Sequence[str] = (),
        touched: set[str] | None = None,
        extra: Sequence[ReportInfo] = (),
    ) -> None:
        """Write event reports (one per dataset id, the last version) and link them.

        Args:
            batch: the reports to write.
            canon: canonical N-Quads lines to write with them.
            graph: the graph they go to.
            must_link: report IRI pairs that are one incident.
            also: stored reports to regroup with them.
            touched: incidents whose reports changed.
            extra: reports written already (promoted incidents) to link with them; they
                are no rows of this run, so they count neither as imported nor merged.
        """
        if not batch and not canon and not extra:
            return
        unique = list({r.iri: r for r in batch}.values())
        lines = list(canon)
        for r in unique:
            if r.article.id not in self.articles:
                self.articles.add(r.article.id)
                article_lines(r.article, graph, lines)
            report_lines(r, graph, lines)
        self.writer.put(lines)
        self.writer.wait()
        del lines
        self.own_reports.update(r.iri for r in unique)
        if self.linker is None:  # a mentions file naming reports of a store without them
            self.linker = Linker(self.store, stored_before=True)
        infos = [r.info() for r in unique]
        counted = [r.iri for r in infos]
        # Promoted incidents alone come with the stored reports they match (`also`,
        # found by ReportMatcher): the store is searched for rows only.
        linked = self.linker.link(
            [*infos, *extra],
            touched=touched or set(),
            must_link=must_link,
            also=also,
            counted=counted,
            search=bool(unique),
        )
        self.write_incidents(linked)
        self.summary.imported += len(batch)
        self.summary.merged += linked.merged

    def write_incidents(self, linked: BatchLink) -> None:
        lines: list[str] = []
        for graph, triples in linked.fresh.items():
            triple_lines(triples, graph, lines)
        self.writer.put(lines)
        self.writer.wait()
        if linked.replaced or linked.drop:
            self.store.replace_graphs(linked.replaced, drop=linked.drop)
        self.summary.incidents += len(linked.fresh) + len(linked.replaced)

    # -- mentions ----------------------------------------------------------------------
    def import_mentions(self, source: _Source, progress: Callable[[int], None]) -> None:
        graph = dataset_graph(self.dataset, file_id(source.path))
        self.prepare(graph)
        pending: list[tuple[int, list[str]]] = []
        for line, fields in self.gdelt_rows(source):
            pending.append((line, fields))
            if len(pending) >= self.batch:
                self.flush_mentions(source.path, pending, graph)
                progress(self.summary.rows_read)
                pending = []
        self.flush_mentions(source.path, pending, graph)
        progress(self.summary.rows_read)

    _Q_COMPACT = """
SELECT ?id ?ev ?g ?n WHERE {
  GRAPH ?g { { ?ev kb:datasetId ?id } UNION { ?ev <http://purl.org/dc/terms/identifier> ?id }
             ?ev kb:dataset "gdelt" ; kb:sourceCount ?n }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/kb/graph/dataset/"))
}"""
    _Q_SOURCES = "SELECT ?ev ?u WHERE { ?ev prov:wasDerivedFrom ?u }"
    #: Promoted incidents' first reports list the ids of the incident's other rows.
    _Q_LISTED = """
SELECT ?id ?r WHERE {
  ?r <http://purl.org/dc/terms/identifier> ?id ; a kb:EventReport ; kb:dataset "gdelt"
}"""
    _Q_EVENT_EXTRAS = """
SELECT ?r ?trigger ?anchor ?centroid WHERE {
  ?r kb:trigger ?trigger ; gaf:denotedBy ?m .
  OPTIONAL { ?m nif:anchorOf ?anchor }
  OPTIONAL { ?r kb:centroid ?centroid }
}"""

    def flush_mentions(self, path: str, pending: list[tuple[int, list[str]]], graph: str) -> None:
        """Attach a batch of mentions rows to the events they name.

        A compact incident gets the article's URL (``prov:wasDerivedFrom``) and a higher
        ``kb:sourceCount``, in its own graph; an event stored as a report (it joined an
        article's incident) gets a further report, linked to it.
        """
        from rdflib import Literal

        from kb.link.incidents import load_reports

        if not pending:
            return
        self.writer.wait()
        ids = sorted({f[0].strip() for _, f in pending})
        compact: dict[str, tuple[str, str, int]] = {}
        for chunk in iter_chunks(ids, 400):
            rows = self.store.select(self._Q_COMPACT, {"id": [Literal(i) for i in chunk]})
            for row in rows:
                compact.setdefault(str(row["id"]), (str(row["ev"]), str(row["g"]), int(row["n"])))  # type: ignore[arg-type]
        events: dict[str, ReportInfo] = {}
        # The report that stands for each other id: its own (a row written as a report),
        # or the first report of a promoted incident, which lists the incident's other ids.
        report_of: dict[str, str] = {}
        rest = [i for i in ids if i not in compact]
        if rest and (self.link or self.store.query("ASK { ?r a kb:EventReport }")):
            report_of = {i: report_iri(gdelt.DATASET, i) for i in rest}
            for chunk in iter_chunks(rest, 400):
                rows = self.store.select(self._Q_LISTED, {"id": [Literal(i) for i in chunk]})
                for row in rows:
                    report_of[str(row["id"])] = str(row["r"])
            events = {r.iri: r for r in load_reports(self.store, set(report_of.values()))}
        extras: dict[str, dict[str, Any]] = {}
        iris = sorted(events)
        for chunk in iter_chunks(iris, 400):
            for row in self.store.select(self._Q_EVENT_EXTRAS, {"r": [URIRef(i) for i in chunk]}):
                extras[str(row["r"])] = row
        canon: list[str] = []
        batch: list[ImportedReport] = []
        pairs: list[tuple[str, str]] = []
        also: set[str] = set()
        touched: set[str] = set()
        sources: dict[str, dict[str, bool]] = {}  # incident -> new source -> is a URL
        attached = 0
        for line, f in pending:
            event_id = f[0].strip()
            found = compact.get(event_id)
            event = None if found else events.get(report_of.get(event_id, ""))
            if found is None and event is None:
                self.skip(path, line, f"GLOBALEVENTID {event_id} is not in the store")
                continue
            try:
                article, offset = self.gdelt.mention_article(f, canon)
            except RowError as exc:
                self.skip(path, line, str(exc))
                continue
            attached += 1
            if found is not None:
                ident = f[5].strip()
                sources.setdefault(found[0], {})[ident] = article.url is not None
                continue
            assert event is not None
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
        self.add_sources(sources, {ev: (g, n) for ev, g, n in compact.values()}, canon)
        if batch:
            # A report of that event and article stored already (an earlier run, or a
            # promoted incident: kb.importers.promote) is the mention attached already.
            stored = self._stored_reports([r.iri for r in batch])
            if stored:
                batch = [r for r in batch if r.iri not in stored]
                pairs = [p for p in pairs if p[0] not in stored]
        if batch:
            self.write_reports(
                batch, [], graph, must_link=pairs, also=sorted(also), touched=touched
            )
        # Every attached row counts as imported, also those that needed no new report.
        self.summary.imported = imported_before + attached

    def _stored_reports(self, iris: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in iter_chunks(sorted(set(iris)), 400):
            rows = self.store.select_values(
                "SELECT ?r WHERE { ?r a kb:EventReport }", {"r": [URIRef(i) for i in chunk]}
            )
            found.update(str(row["r"]) for row in rows)
        return found

    def add_sources(
        self,
        sources: dict[str, dict[str, bool]],
        where: dict[str, tuple[str, int]],
        canon: list[str],
    ) -> None:
        """Add sources to compact incidents and raise their ``kb:sourceCount``."""
        self.writer.put(canon)
        self.writer.wait()
        todo = sorted(sources)
        for chunk in iter_chunks(todo, 200):
            have: dict[str, set[str]] = {}
            rows = self.store.select(self._Q_SOURCES, {"ev": [URIRef(e) for e in chunk]})
            for row in rows:
                have.setdefault(str(row["ev"]), set()).add(str(row["u"]))
            deletes: list[str] = []
            inserts: list[str] = []
            for ev in chunk:
                new = [u for u in sources[ev] if u not in have.get(ev, ())]
                if not new:
                    continue
                graph, n = where[ev]
                s = "<" + ev + "> "
                g = "GRAPH <" + graph + "> { "
                deletes.append(g + s + P.SOURCE_COUNT + ' "' + str(n) + '"^^<' + XSD + "integer> }")
                triples = [
                    s + P.SOURCE_COUNT + ' "' + str(n + len(new)) + '"^^<' + XSD + "integer> ."
                ]
                for u in new:
                    typed = "^^<" + XSD + "anyURI>" if sources[ev][u] else ""
                    triples.append(s + P.DERIVED + " " + n_str(u) + typed + " .")
                inserts.append(g + " ".join(triples) + " }")
            if deletes:
                self.store.update(
                    "DELETE DATA { " + " ".join(deletes) + " } ;\n"
                    "INSERT DATA { " + " ".join(inserts) + " }"
                )

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


_TYPE_KEY = str(KB.typeKey)
_DATASET = str(KB.dataset)
_DATASET_ID = str(KB.datasetId)
_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_HAS_ROLE = str(KB.hasRole)
_HAS_PLACE = str(SEM.hasPlace)
_CENTROID = str(KB.centroid)
_EARLIEST = str(SEM.hasEarliestBeginTimeStamp)
_LATEST = str(SEM.hasLatestEndTimeStamp)
_DATE_VALUE = str(KB.dateValue)
_UNIT = "http://www.w3.org/2006/time#unitType"
_BASIS = str(KB.dateBasis)
_SOURCE_COUNT = str(KB.sourceCount)
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_ATTRIBUTED = "http://www.w3.org/ns/prov#wasAttributedTo"
_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_ACTOR_NS = str(KBID) + "actor/"


def _group_of_facts(
    facts: dict[str, list[Any]], role_prefix: str, canonical: Canonical, store: Store, g: Any
) -> Group:
    """A compact incident's statements (predicate IRI -> objects) as its group."""
    from kb.eventtypes import top_key
    from kb.importers.compact import id_order, stored_basis
    from kb.namespaces import PRECISION_OF_UNIT

    def one(p: str) -> str | None:
        values = facts.get(p)
        return values[0].value if values else None

    def day(p: str) -> dt.date | None:
        text = one(p)
        return dt.date.fromisoformat(text[:10]) if text else None

    dataset = one(_DATASET) or ""
    type_key = one(_TYPE_KEY) or "other"
    actors: list[tuple[str, str, str]] = []
    unidentified: list[tuple[str, str]] = []
    for node in facts.get(_HAS_ROLE, ()):
        rest = node.value[len(role_prefix) :]
        role, _, key = rest.partition("/")
        iri = _ACTOR_NS + key
        label = canonical.labels.get(iri)
        if "/actor/unidentified/" in iri:
            found = list(
                store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(_PREF_LABEL), None, g)
            )
            label = found[0].object.value if found else "Unidentified"
            unidentified.append((iri, label))
        actors.append((iri, label or key_from_iri(iri), role))
    sources = [o.value for o in facts.get(_DERIVED, ())]
    count = int(one(_SOURCE_COUNT) or 1)
    unit = one(_UNIT)
    quantities = {}
    for k in ("killed", "injured", "arrested"):
        v = one(str(KB[k]))
        if v is not None:
            quantities[k] = int(v)
    first = one(_DATASET_ID) or ""
    others = sorted((o.value for o in facts.get(_IDENTIFIER, ())), key=id_order)
    return Group(
        dataset=dataset,
        ids=[first, *others],
        seq=0,
        type=type_key,
        top=top_key(type_key),
        actors=sorted(actors),
        places=[p for o in facts.get(_HAS_PLACE, ()) if (p := canonical.by_iri.get(o.value))],
        centroid=(one(_CENTROID) or "").lower() == "true",
        value=one(_DATE_VALUE),
        precision=PRECISION_OF_UNIT.get(unit) if unit else None,
        earliest=day(_EARLIEST),
        latest=day(_LATEST),
        basis=one(_BASIS) or stored_basis(dataset),
        sources=dict.fromkeys(sorted(sources)),
        count=max(count - len(sources), 0),
        quantities=quantities,
        unidentified=sorted(unidentified),
        outlets=tuple(sorted(key_from_iri(o.value) for o in facts.get(_ATTRIBUTED, ()))),
        notes=one(_COMMENT),
    )


def _stamp(value: str | None) -> int:
    """An ACLED timestamp (seconds) as a number; 0 when missing or not one."""
    text = (value or "").strip().split(".", 1)[0]
    return int(text) if text.isdigit() else 0


def _promoted_article(g: Group) -> str:
    """The article id the first report of a group's incident gets once promoted.

    :func:`kb.importers.promote.load_compact` reads the sources back in sorted order:
    RDF keeps no order among them.
    """
    if g.dataset == acled.DATASET:
        return f"{acled.DATASET}-{g.ids[0]}"
    if g.sources:
        from kb.importers.base import url_article_id

        return url_article_id(min(g.sources), gdelt.DATASET)
    return f"{gdelt.DATASET}-e-{g.ids[0]}"


def _acled_group(report: ImportedReport, seq: int, keep: bool) -> Group:
    """An ACLED row as a group of its own (ACLED codes each event once)."""
    actors = [(a.iri, a.label, a.role) for a in report.actors]
    unidentified = [(a.iri, a.label) for a in report.actors if a.unidentified]
    notes = report.mention_text if report.mention_end > 0 else None
    return Group(
        dataset=acled.DATASET,
        ids=[report.dataset_id],
        seq=seq,
        type=report.type,
        top=report.top,
        actors=actors,
        places=report.places,
        centroid=report.centroid,
        value=report.date_value,
        precision=report.precision,
        earliest=report.earliest,
        latest=report.latest,
        count=max(len(report.article.publishers), 1),
        quantities=dict(report.quantities),
        unidentified=unidentified,
        outlets=report.article.publishers,
        notes=notes,
        rows=[(report.line, report)] if keep else None,
    )


def _trimmed(fields: list[str], kind: str) -> bool:
    """Whether a short GDELT row only lacks empty last columns (trailing tabs trimmed)."""
    if kind == gdelt.MENTIONS:
        return fields[0].strip().isdigit()
    # An event row then ends with its DATEADDED (YYYYMMDD or YYYYMMDDHHMMSS).
    last = fields[-1].strip()
    return len(fields) == gdelt.WIDTH[kind] - 1 and last.isdigit() and len(last) in (8, 14)


def _short(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


_END = object()


class JsonBreak(Exception):
    """An ACLED JSON answer that stops being valid JSON after some records."""


#: Characters read from a JSON file at a time, and the most one record may take.
_JSON_READ = 1 << 20
_JSON_RECORD_MAX = 64 << 20


def _json_records(path: str) -> Iterator[Any]:
    """The records of an ACLED API answer, ``{"data": [...]}`` or a bare list, one at a time.

    An API answer holds every record of a download in one document, so the records are
    decoded one by one from a window of the text (``json.JSONDecoder.raw_decode``) and
    memory stays flat whatever the size. The other members of the answer ("status",
    "count", ...) are read and dropped.

    Raises:
        InputError: the text is not JSON, or holds no list of records (before any record).
        JsonBreak: the text stops being valid JSON after the records already yielded.
    """
    decoder = json.JSONDecoder()
    with open_text(path) as fh:
        buf, at, eof = "", 0, False

        def fill() -> bool:
            """More text in the window; False at the end of the file."""
            nonlocal buf, at, eof
            if eof:
                return False
            try:
                more = fh.read(_JSON_READ)
            except _BROKEN as exc:
                raise JsonBreak(f"the file breaks off ({_short(exc)})") from None
            eof = not more
            buf, at = buf[at:] + more, 0
            return bool(more)

        def peek() -> str:
            """The next character that is not white space ("" at the end)."""
            nonlocal at
            while True:
                while at < len(buf) and buf[at] in " \t\r\n":
                    at += 1
                if at < len(buf) or not fill():
                    return buf[at : at + 1]

        def value(what: str) -> Any:
            """The JSON value at the window's start, reading more text while it is cut."""
            nonlocal at
            peek()
            while True:
                try:
                    found, end = decoder.raw_decode(buf, at)
                except json.JSONDecodeError as exc:
                    # Cut by the window's end: read on (no record comes near the cap).
                    if len(buf) - at < _JSON_RECORD_MAX and fill():
                        continue
                    raise JsonBreak(f"{what} is not valid JSON ({exc.msg})") from None
                at = end
                return found

        def expect(chars: str, what: str) -> str:
            nonlocal at
            c = peek()
            if not c or c not in chars:
                raise JsonBreak(f"expected {' or '.join(map(repr, chars))} {what}")
            at += 1
            return c

        try:
            first = peek()
            if first == "{":
                at += 1
                while True:
                    if peek() == "}":
                        raise JsonBreak("no list")
                    key = value("a member name")
                    expect(":", "after a member name")
                    if key == "data" and peek() == "[":
                        break
                    value(f"the member {key!r}")
                    if expect(",}", "between members") == "}":
                        raise JsonBreak("no list")
            elif first != "[":
                raise JsonBreak("no list")
        except JsonBreak as exc:
            if str(exc) == "no list":
                raise InputError(
                    f"{path}: JSON without a list of events (an ACLED API answer has them "
                    'under "data"); export the events as CSV or JSON from ACLED'
                ) from None
            raise InputError(f"{path}: not valid JSON ({exc})") from None
        at += 1  # the list's "["
        n = 0
        if peek() == "]":
            return
        while True:
            n += 1
            try:
                record = value(f"record {n}")
            except JsonBreak:
                if n == 1:
                    raise InputError(
                        f"{path}: not valid JSON (record 1 is cut or broken)"
                    ) from None
                raise
            yield record
            if expect(",]", f"after record {n}") == "]":
                return


#: Lines read to tell a file's kind, and ACLED rows read to learn its date order.
_SNIFF_LINES = 50
_SNIFF_DATES = 2000


def _detect(path: str, dataset: str) -> _Source:
    """Open a file and tell what it is, or raise InputError naming it."""
    if dataset == "acled":
        return _detect_acled(path)
    counts: list[int] = []
    first = ""
    with open_text(path) as fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                first = first or line
                if len(counts) == 0 and "globaleventid" in line[:40].lower():
                    return _gdelt_with_header(path, line)
                fields = line.rstrip("\r\n").split("\t")
                kind = gdelt.detect(fields)
                if kind is not None:
                    return _Source(path, kind)
                counts.append(len(fields))
                if n >= _SNIFF_LINES:
                    break
        except _BROKEN as exc:
            raise InputError(f"{path}: cannot read the file ({_short(exc)})") from None
    seen = f"its rows have {counts[0]} tab-separated column(s)" if counts else "it is empty"
    hint = sniff(path, first)
    if hint:
        seen = f"it is {hint}"
    elif "event_id_cnty" in first.lower() or "event_date" in first.lower():
        seen = "it is an ACLED export; import it with `kb import acled`"
    elif counts and counts[0] in (11, 27) and first[:1].isdigit():
        seen = f"it is a GDELT Global Knowledge Graph file ({counts[0]} columns), not events"
    raise InputError(
        f"{path}: not a GDELT file: {seen}; expected 61 (2.0 event export), 57 or 58 "
        "(1.0 daily event file) or 16 (2.0 mentions file) tab-separated columns"
    )


def _gdelt_with_header(path: str, line: str) -> _Source:
    delimiter = "\t" if line.count("\t") >= line.count(",") else ","
    names = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter))
    found = gdelt.header_kind(names)
    if found is None:
        raise InputError(
            f"{path}: not a GDELT file: its header names no GDELT event or mentions "
            "columns (GLOBALEVENTID, SQLDATE, EventCode ...)"
        )
    kind, columns = found
    return _Source(path, kind, delimiter=delimiter, columns=columns)


def _detect_acled(path: str) -> _Source:
    with open_text(path) as fh:
        try:
            sample = fh.read(1 << 16)
        except _BROKEN as exc:
            raise InputError(f"{path}: cannot read the file ({_short(exc)})") from None
    hint = sniff(path, sample)
    if hint == "JSON":
        try:
            first = next(_json_records(path), None)
        except JsonBreak as exc:
            raise InputError(f"{path}: not valid JSON ({exc})") from None
        keys = acled.normalise_header([str(k) for k in first]) if isinstance(first, dict) else []
        if isinstance(first, dict) and acled.missing_columns(keys):
            raise InputError(
                f"{path}: not an ACLED export: its events lack "
                f"{', '.join(acled.missing_columns(keys))}"
            )
        return _Source(path, "acled", json=True)
    if hint:
        raise InputError(f"{path}: not an ACLED CSV export: it is {hint}")
    first = sample.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    delimiter = max((",", ";", "\t", "|"), key=lambda d: (first.count(d), d == ","))
    try:
        header = acled.normalise_header(next(csv.reader([first], delimiter=delimiter), []))
    except csv.Error as exc:
        raise InputError(f"{path}: not an ACLED CSV export ({exc})") from None
    missing = acled.missing_columns(header)
    if missing:
        looks = ""
        if first.count("\t") >= 56 and first.split("\t", 1)[0].strip().isdigit():
            looks = " (it looks like a GDELT file: use `kb import gdelt`)"
        raise InputError(
            f"{path}: not an ACLED CSV export: the header lacks {', '.join(missing)}"
            f"{looks}; export the events as CSV with ACLED's column names"
        )
    return _Source(path, "acled", delimiter=delimiter, order=_date_order(path, delimiter))


def _date_order(path: str, delimiter: str) -> str:
    """How an ACLED file writes dates like 05/03/2019 (:func:`kb.importers.acled.slash_order`)."""
    dates: list[str] = []
    with open_text(path) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = acled.normalise_header(next(reader, []))
            if "event_date" not in header:
                return "dmy"
            at = header.index("event_date")
            for record in reader:
                if len(record) > at and "/" in record[at]:
                    dates.append(record[at])
                if reader.line_num > _SNIFF_DATES:
                    break
        except (*_BROKEN, csv.Error):
            pass
    return acled.slash_order(dates)


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
    window: int = WINDOW,
) -> ImportSummary:
    """Import GDELT or ACLED files as incidents, linked with stored article events.

    Files are checked before anything is written. GDELT event files go before mentions
    files, so mentions find the events they name. Rows are streamed: rows that code one
    event alike are gathered (within `window` rows of each other), rows of a file that
    are one incident by the linking rule become one incident
    (:mod:`kb.importers.fileunion`), written in bulk to the file's graph
    (``.../graph/dataset/<dataset>/<file-id>``) every `batch` rows; where the store
    holds article events, an incident that is one of them joins it instead. Importing
    a file again replaces its earlier import.

    Args:
        store: the store to write to.
        dataset: ``"gdelt"`` or ``"acled"``.
        paths: data files (plain, ``.zip`` or ``.gz``).
        quiet: no progress bar (there is none either when stderr is not a terminal).
        warn: called with each problem ("file:line: reason") as it is found.
        registry: the actor registry (default :meth:`kb.actors.ActorRegistry.default`).
        gazetteer: the gazetteer (default :meth:`kb.gazetteer.Gazetteer.default`).
        batch: rows per batch.
        window: rows within which rows of one event are grouped (memory grows with it).

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
    run = _Run(store, dataset, summary, warn, registry, gazetteer, batch, window)
    done = False
    # The cyclic garbage collector would scan the run's caches and open groups again
    # and again (a sixth of the parsing time); rows make no reference cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _run_files(run, sources, quiet, warn)
        done = True
    finally:
        if collecting:
            gc.enable()
        if done:
            run.writer.close()
        else:
            run.writer.abort()
    if summary.problem_count > len(summary.problems):
        summary.problems.append(
            f"... and {summary.problem_count - len(summary.problems):,} more problems"
        )
    return summary


def _run_files(
    run: _Run, sources: list[_Source], quiet: bool, warn: Callable[[str], None] | None
) -> None:
    summary = run.summary
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
                run.writer.wait()
                progress(summary.rows_read)
            except KbError as exc:
                run.writer.abort()  # first: the message says what was stored
                raise type(exc)(f"{exc}; {_stopped(run)}") from exc
            except (OSError, EOFError, zlib.error, zipfile.BadZipFile, csv.Error) as exc:
                run.writer.abort()
                raise InputError(f"{_where(run)}: cannot read on ({exc}); {_stopped(run)}") from exc
            except KeyboardInterrupt:
                run.writer.abort()
                if warn is not None:
                    warn(f"interrupted; {_stopped(run)}")
                raise
            summary.files += 1


def _where(run: _Run) -> str:
    """Where the import is: the line of the GDELT row read last, or `run.where`."""
    if run.line:
        return f"{run.line_path}:{run.line}"
    return run.where or "the start"


def _stopped(run: _Run) -> str:
    text = f"import stopped at {_where(run)}; stored before the stop: {run.summary.text()}"
    dropped = run.writer.dropped
    if dropped:
        # Loads run on their own threads: batches handed over were not all stored.
        text += (
            f" ({dropped:,} of those incidents were not stored yet; importing the file "
            "again replaces what it stored)"
        )
    return text


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
