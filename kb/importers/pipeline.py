"""Stream dataset files into the store: parse, group, write in bulk, link when needed.

Rows are read one by one and grouped by the event they code
(:class:`kb.importers.compact.Grouper`); every `batch` rows the groups that closed are
written as compact incidents (:mod:`kb.importers.compact`), as N-Quads text that a
writer thread hands to the embedded store's bulk loader while the next rows are parsed.
Memory stays flat: the open groups (at most :data:`~kb.importers.compact.WINDOW` rows'
worth), one batch of text being built and at most two being loaded.

Only when the store holds event reports (ingested articles) are closed groups compared
with them (:class:`kb.importers.linking.ReportMatcher`); a group that is the same
incident as an article's report has its rows written as event reports and linked into
that incident (:class:`kb.importers.linking.Linker`). Only when the store holds what
another file imported (one ASK a file, after the file's own earlier import is removed)
are closed groups compared with the compact incidents of other files
(:func:`kb.importers.promote.compact_matches`), and, once any were promoted, with
their reports: a group that matches is written compact, then promoted together with
what it matches and linked by the usual rule (:meth:`_Run.merge`). An import into an
empty store, or one holding only an earlier import of the same file, asks nothing per
batch. Importing a file again replaces what its earlier import wrote (its graph).
"""

from __future__ import annotations

import csv
import dataclasses
import gc
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
)
from kb.importers.linking import BatchLink, Linker, ReportMatcher, dataset_of
from kb.importers.promote import (
    CompactIncident,
    compact_matches,
    load_compact,
    promote,
    reports_of,
)
from kb.link.same import ReportInfo
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
    batches wait, so memory stays flat. Any other store gets rdflib quads through
    ``bulk_add``, at once. :meth:`wait` returns when everything handed over is stored:
    call it before reading the store.
    """

    def __init__(self, store: Store, loaders: int = LOADERS) -> None:
        self.store = store
        self.load = _bulk_loader(store)
        self.loaders = max(1, loaders)
        self.pending: queue.Queue[tuple[bytes, Any] | None] = queue.Queue(self.loaders + 1)
        self.threads: list[threading.Thread] = []
        self.error: BaseException | None = None
        self.reported = False
        self.stopping = False

    def put(self, lines: list[str]) -> None:
        """Store these N-Quads lines (soon)."""
        if lines:
            self.put_text("".join(lines), trig=False)

    def put_text(self, text: str, *, trig: bool) -> None:
        """Store an N-Quads or TriG document (soon)."""
        data = text.encode("utf-8")
        fmt = ox.RdfFormat.TRIG if trig else ox.RdfFormat.N_QUADS
        if self.load is None:
            self._generic(data, fmt)
            return
        self._check()
        if not self.threads:
            for n in range(self.loaders):
                t = threading.Thread(target=self._run, name=f"kb-import-load-{n}", daemon=True)
                t.start()
                self.threads.append(t)
        self.pending.put((data, fmt))

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
                self.pending.get_nowait()
            except queue.Empty:
                break
            self.pending.task_done()
        self._stop()

    def _stop(self) -> None:
        for _ in self.threads:
            self.pending.put(None)
        for t in self.threads:
            t.join()
        self.threads = []

    def _run(self) -> None:
        while True:
            item = self.pending.get()
            try:
                if item is None:
                    return
                if self.error is None and not self.stopping:
                    self.load(*item)  # type: ignore[misc]
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                self.error = self.error or exc
            finally:
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
    """The embedded store's bulk loader (RDF text, pyoxigraph format), or None.

    Lenient (no IRI re-validation) for the TriG :mod:`kb.importers.compact` writes: its
    IRIs are minted percent-encoded, and dataset text only ever lands in literals.
    """
    method = getattr(store, "bulk_load_text", None)
    if callable(method):

        def load_method(data: bytes, fmt: Any) -> None:
            method(data, fmt, lenient=fmt == ox.RdfFormat.TRIG)

        return load_method
    # Until EmbeddedStore has bulk_load_text: its pyoxigraph store, used the same way.
    ox_store = getattr(store, "_store", None)
    if ox_store is None or not hasattr(ox_store, "bulk_load"):
        return None
    if getattr(store, "read_only", False):
        raise StoreError(f"store {getattr(store, 'location', '')} is open read-only")

    def load_text(data: bytes, fmt: Any) -> None:
        ox_store.bulk_load(input=data, format=fmt, lenient=fmt == ox.RdfFormat.TRIG)

    return load_text


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
        summary = self.summary
        with open_text(source.path) as fh:
            n = 0
            for n, line in enumerate(fh, 1):  # noqa: B007 - n is read after the loop
                fields = line.rstrip("\r\n").split("\t")
                if len(fields) == expected:
                    summary.rows_read += 1
                    yield n, fields
                    continue
                self.where = f"{source.path}:{n}"
                if not line.strip():
                    continue
                summary.rows_read += 1
                if n == 1 and fields[0].strip().upper() == "GLOBALEVENTID":
                    summary.rows_read -= 1  # a header some tools add
                    continue
                self.skip(source.path, n, f"{len(fields)} columns, expected {expected}")
            self.where = f"{source.path}:{n}"

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
        canon: list[str] = []
        keep = self.keep_rows  # raw rows are needed only to write reports for linking
        summary = self.summary
        next_flush = self.seq + self.batch
        if source.kind == "acled":
            for line, row in self.acled_rows(source):
                try:
                    report = self.acled.event(row, line, canon)
                except RowError as exc:
                    self.skip(source.path, line, str(exc))
                    continue
                self.seq += 1
                summary.imported += 1
                # ACLED codes each event once: a repeated id is a newer version of the row.
                grouper.put(report.dataset_id, _acled_group(report, self.seq, keep))
                if self.seq >= next_flush:
                    self.flush(grouper.closed(self.seq), canon, graph, incidents)
                    progress(summary.rows_read)
                    next_flush = self.seq + self.batch
        else:
            row = self.gdelt.row
            kind = source.kind
            for line, fields in self.gdelt_rows(source):
                try:
                    key, event_id, type_key, top, actors, place, day, url = row(fields, kind, canon)
                except RowError as exc:
                    self.skip(source.path, line, str(exc))
                    continue
                self.seq += 1
                summary.imported += 1
                grp = grouper.get(key)
                if grp is None:
                    # Positional: the hottest line of an import (Group's field order).
                    grp = Group(
                        gdelt.DATASET, [event_id], self.seq, type_key, top, list(actors),
                        place[0], place[1], day[1], "day", day[0], day[0],
                        {url: None} if url else {}, 0 if url else 1,
                    )  # fmt: skip
                    if keep:
                        grp.rows = []
                    grouper.open[key] = grp
                else:
                    grp.add(event_id, type_key, url)
                if keep:
                    grp.rows.append((line, fields))  # type: ignore[union-attr]
                if self.seq >= next_flush:
                    self.flush(grouper.closed(self.seq), canon, graph, incidents)
                    progress(summary.rows_read)
                    next_flush = self.seq + self.batch
        self.flush(grouper.drain(), canon, graph, incidents)
        progress(summary.rows_read)

    def flush(
        self, groups: list[Group], canon: list[str], graph: str, incidents: IncidentWriter
    ) -> None:
        """Write closed groups: compact incidents, or reports where they join stored ones.

        A group that is the same incident as an article's report is written as reports,
        row by row (:meth:`join`). A group that is the same incident as what another
        file imported (a compact incident, or the reports of one promoted earlier) is
        written compact like the rest and then promoted together with it
        (:meth:`merge`): the outcome does not depend on which file came first.
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
        hits: dict[int, list[CompactIncident]] = {}
        if self.cross and (groups or joining):
            hits = self._compact_hits([*joining, *groups], graph)
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
                self.writer.put_text(incidents.block(lines, canonical), trig=True)
            canonical = []
            del lines
        self.summary.incidents += len(groups)
        merging = (
            [g for g in groups if id(g) in hits or id(g) in imported] if hits or imported else []
        )
        if joining or merging:
            self.merge(joining, merging, hits, imported, graph)

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
        grouped by key, whichever file came first)."""
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
        rest = [i for i in ids if i not in compact]
        if rest and self.link:
            wanted = {report_iri(gdelt.DATASET, i) for i in rest}
            events = {r.iri: r for r in load_reports(self.store, wanted)}
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
            event = None if found else events.get(report_iri(gdelt.DATASET, event_id))
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
    window: int = WINDOW,
) -> ImportSummary:
    """Import GDELT or ACLED files as incidents, linked with stored article events.

    Files are checked before anything is written. GDELT event files go before mentions
    files, so mentions find the events they name. Rows are streamed: the rows of one
    event (same day, place, CAMEO root code and actors, within `window` rows of each
    other) become one incident, written in bulk to the file's graph
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
                raise type(exc)(f"{exc}; {_stopped(run)}") from exc
            except (OSError, EOFError, zlib.error, zipfile.BadZipFile, csv.Error) as exc:
                raise InputError(f"{run.where}: cannot read on ({exc}); {_stopped(run)}") from exc
            except KeyboardInterrupt:
                if warn is not None:
                    warn(f"interrupted; {_stopped(run)}")
                raise
            summary.files += 1


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
