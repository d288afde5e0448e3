"""The main job: read articles, extract events, store them per article, link incidents."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kb.errors import KbError
from kb.model import Article, Event, Place
from kb.namespaces import CANONICAL_GRAPH, KB, KBG, article_graph, article_iri
from kb.store.base import Store, Triple
from kb.store.oxterms import OxTriple, to_rdflib

#: Articles written per transaction: a crash never leaves part of a batch (it loses at most
#: the batches extracted but not yet written, see LOOKAHEAD).
BATCH = 50
#: What a write has left to link: written in the same transaction as the articles and
#: dropped once their incidents are rewritten, so that the next ingest or remove can
#: finish the linking a crash between the two writes interrupted.
PENDING_GRAPH = KBG["pending-link"]


@dataclass
class IngestSummary:
    """What an ingest did, for the closing line and for tests."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    empty: int = 0
    events: int = 0
    incidents_written: int = 0
    incidents_dropped: int = 0
    warnings: list[str] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)


def article_payload(
    article: Article, events: Sequence[Event], registry=None, gazetteer=None
) -> tuple[list[Triple], list[Triple], dict[str, int]]:
    """(article graph triples, canonical triples, event id -> report number) for one article."""
    from kb.store.oxterms import to_rdflib

    triples, canonical, numbering = _payload(article, events, registry, gazetteer)
    return to_rdflib(triples), to_rdflib(canonical), numbering


def _payload(
    article: Article,
    events: Sequence[Event],
    registry=None,
    gazetteer=None,
    described: _Described | None = None,
) -> tuple[list[OxTriple], list[OxTriple], dict[str, int]]:
    """:func:`article_payload` as pyoxigraph terms.

    Args:
        described: canonical descriptions already built in this run, reused rather than
            built again (the store keeps one copy of each triple anyway).
    """
    from kb import rdfmap

    if registry is None:
        from kb.actors import ActorRegistry

        registry = ActorRegistry.default()
    if gazetteer is None:
        from kb.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    described = described if described is not None else _Described()
    triples: list[OxTriple] = rdfmap.article_triples_ox(article)
    canonical: list[OxTriple] = []
    numbering: dict[str, int] = {}
    seen_actors: set[str] = set()
    seen_places: set[str] = set()

    def canon_actor(key: str) -> None:
        if key in seen_actors:
            return
        seen_actors.add(key)
        actor = registry.get(key)
        if actor is not None:
            canonical.extend(described.actor(actor, registry))

    if article.outlet:
        outlet = registry.resolve(article.outlet)
        triples += rdfmap.outlet_link_ox(article, outlet.key)
        canonical.extend(described.actor(outlet, registry))
    for n, ev in enumerate(events):
        numbering[ev.id] = n
        reporter = None
        if ev.attribution.reported_by:
            reporter = registry.resolve(ev.attribution.reported_by)
            canonical.extend(described.actor(reporter, registry))
        triples += rdfmap.report_triples_ox(ev, n, reporter.key if reporter else None)
        for a in ev.actors:
            if a.unidentified:
                continue
            if registry.get(a.id) is not None:
                canon_actor(a.id)
            elif a.id not in seen_actors:
                seen_actors.add(a.id)
                canonical.extend(rdfmap.person_triples_ox(a))
            if a.affiliation:
                canon_actor(a.affiliation)
        for p in ev.places:
            if p.id not in seen_places:
                seen_places.add(p.id)
                canonical.extend(described.place(p, gazetteer))
    return triples, canonical, numbering


class _Described:
    """Canonical actor and place triples built once per run, keyed by everything they show."""

    def __init__(self) -> None:
        self._actors: dict[tuple, list[OxTriple]] = {}
        self._places: dict[tuple, list[OxTriple]] = {}

    def actor(self, actor, registry=None) -> list[OxTriple]:
        """The actor's triples, and those of the organisations it belongs to.

        kb:parentOrganization must name a described actor (the shapes check it), so a
        parent is described with its child.
        """
        from kb import rdfmap

        out: list[OxTriple] = []
        seen: set[str] = set()
        while actor is not None and actor.key not in seen:
            seen.add(actor.key)
            key = (
                actor.key,
                actor.label,
                actor.kind,
                getattr(actor, "country", None),
                tuple(getattr(actor, "aliases", ()) or ()),
                getattr(actor, "parent", None),
            )
            found = self._actors.get(key)
            if found is None:
                found = self._actors[key] = rdfmap.actor_triples_ox(actor)
            out += found
            parent = getattr(actor, "parent", None)
            actor = registry.get(parent) if parent and registry is not None else None
        return out

    def place(self, place: Place, gazetteer) -> list[OxTriple]:
        from kb import rdfmap

        key = (
            place.id,
            place.name,
            place.level,
            place.country,
            place.lat,
            place.lon,
            tuple((w.id, w.name) for w in place.within),
        )
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = rdfmap.place_triples_ox(place, gazetteer)
        return found


def _stored_hashes(store: Store, articles: Sequence[Article]) -> dict[str, str]:
    res = store.select(
        "SELECT ?a ?h WHERE { ?a kb:contentHash ?h }",
        {"a": [article_iri(a.id) for a in articles]},
    )
    return {str(r["a"]): str(r["h"]) for r in res.rows}


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    extractor=None,
    progress: Callable[[Article, int], None] | None = None,
    force: bool = False,
) -> IngestSummary:
    """Extract, store and link articles, a batch per transaction.

    Re-ingesting an unchanged article changes nothing; a changed one replaces its
    graph and its incidents are regrouped. Linking left unfinished by a killed run
    is finished first (see PENDING_GRAPH).

    The store's writes run on a thread of their own (:class:`_Writer`) while the next
    articles are extracted: the store does its share of the work on the other core. The
    store sees the same reads and writes in the same order as without the thread (every
    read waits for the write before it), so crash safety and results do not change.

    Raises:
        KbError: a batch could not be read or written. The error keeps the class of
            the store's error, says which articles this run stored and where it
            stopped, and carries them as ``stored_ids`` and ``failed_ids``.
    """
    from kb.corrections import Corrections
    from kb.link.incidents import infos_from_events, report_subjects

    if extractor is None:
        from kb.extract.pipeline import Extractor

        extractor = Extractor()
    summary = IngestSummary()
    finish_pending_links(store)
    corrections = Corrections.load(store)
    run = _Run(store, summary, force)
    described = _Described()
    filling = _Batch()
    try:
        for article in _reading(articles, run):
            summary.read += 1
            if not article.text.strip():
                summary.empty += 1
                summary.warnings.append(f"{article.path or article.id}: empty article, skipped")
                continue
            filling.articles.append(article)
            if progress:
                progress(article, summary.read)
            try:
                events = extractor.extract(article)
                corrections.apply(events, extractor.actors)
                triples, canon, numbering = _payload(
                    article, events, extractor.actors, extractor.gazetteer, described
                )
                infos = infos_from_events(events, numbering)
            except Exception:
                # As before the store had a thread: the whole batches read so far are
                # stored and linked, the one this article is in is not.
                run.advance(keep=0)
                raise
            filling.payloads.append((triples, canon, len(events), report_subjects(events, infos)))
            filling.infos.extend(infos)
            if len(filling.articles) >= BATCH:
                run.queue.append(filling)
                filling = _Batch()
            # Store work that can go on now; wait only when extraction is far enough ahead.
            run.advance(keep=LOOKAHEAD - 1 if len(run.queue) >= LOOKAHEAD else None)
        if filling.articles:
            run.queue.append(filling)
        run.advance(keep=0)
    finally:
        run.writer.close()
    return summary


#: Batches extracted ahead of the store (a crash loses their extraction, never a write).
LOOKAHEAD = 2


def _reading(articles: Iterable[Article], run: _Run) -> Iterator[Article]:
    """The articles; when reading them fails, the whole batches read so far are stored first."""
    it = iter(articles)
    while True:
        try:
            article = next(it)
        except StopIteration:
            return
        except Exception:
            run.advance(keep=0)
            raise
        yield article


@dataclass
class _Batch:
    """Articles read and extracted, waiting for their store steps."""

    articles: list[Article] = field(default_factory=list)
    #: (article graph triples, canonical triples, number of events, report subjects) per
    #: article (see kb.link.incidents.report_subjects).
    payloads: list[tuple[list, list, int, list]] = field(default_factory=list)
    infos: list = field(default_factory=list)
    # Filled in by the store steps:
    step: str = "start"
    written: bool = False
    touched: set[str] = field(default_factory=set)
    stored: list[str] = field(default_factory=list)
    canonical: list = field(default_factory=list)
    subjects: dict[str, list] = field(default_factory=dict)
    replaced: list[str] = field(default_factory=list)


class _Writer:
    """Runs store writes one at a time, in order, on a thread of its own.

    The engine does not hold the GIL while it commits, so extraction goes on meanwhile.
    """

    def __init__(self) -> None:
        self._pool: Any = None
        self._future: Any = None

    def submit(self, job: Callable[[], None]) -> None:
        """Start a write (the previous one must be finished: see :meth:`wait`)."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-writer")
        self._future = self._pool.submit(job)

    def busy(self) -> bool:
        """True while a write runs."""
        return self._future is not None and not self._future.done()

    def wait(self) -> None:
        """Wait for the write in flight; raise its error, if any."""
        future, self._future = self._future, None
        if future is not None:
            future.result()

    def close(self) -> None:
        """Let a write in flight finish (a transaction is never cut), then stop the thread."""
        if self._future is not None:
            # Its error, if any, was reported already or the run is failing anyway.
            with contextlib.suppress(BaseException):
                self._future.result()
            self._future = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


class _Run:
    """The store steps of an ingest, batch after batch.

    Each batch goes through: read its stored hashes and incidents (``start``), write its
    article graphs with the pending-link note (W1), read what linking needs and work it
    out (``link``), write the incidents and drop the note (W2). A step starts only when
    the write before it has finished, so the store sees exactly the sequence of a
    single-threaded ingest.
    """

    def __init__(self, store: Store, summary: IngestSummary, force: bool) -> None:
        from kb.link.incidents import CandidateIndex, native_terms

        self.store = store
        self.index = CandidateIndex(store)
        self.summary = summary
        self.force = force
        self.native = native_terms(store)
        self.queue: deque[_Batch] = deque()
        self.current: _Batch | None = None
        self.writer = _Writer()
        #: Whether the store holds imported events (asked on first need).
        self.has_imports: bool | None = None
        #: Canonical triples written by this run: the store keeps one copy of each, so
        #: they are not sent again (re-adding costs the engine more than adding).
        self.canonical_written: set = set()

    def advance(self, keep: int | None = None) -> None:
        """Run the store steps that can run now.

        Args:
            keep: wait for writes until at most this many batches are queued (0: until
                all are stored and linked); None never waits.
        """
        while True:
            if self.current is None and not self.queue:
                self._settle(None)
                return
            must_wait = keep is not None and (
                len(self.queue) > keep or (keep == 0 and self.current is not None)
            )
            if self.writer.busy() and not must_wait:
                return
            self._settle(self.current)
            if self.current is None:
                self.current = self.queue.popleft()
            batch = self.current
            try:
                if batch.step == "start":
                    self._start(batch)
                elif batch.step == "link":
                    self._link(batch)
                else:
                    self.current = None
            except KbError as exc:
                raise _stopped(exc, self.summary, batch.articles, batch.written) from None
            if keep is None and not self.writer.busy() and self.current is None:
                return

    def _settle(self, batch: _Batch | None) -> None:
        """Wait for the write in flight (it belongs to `batch`) and account for it."""
        try:
            self.writer.wait()
        except KbError as exc:
            assert batch is not None
            raise _stopped(exc, self.summary, batch.articles, batch.written) from None
        if batch is not None and batch.step == "link" and not batch.written and batch.stored:
            # W1 has committed: the batch's articles are in the store.
            batch.written = True
            self.summary.stored += len(batch.stored)
            self.summary.stored_ids.extend(batch.stored)
            self.canonical_written.update(batch.canonical)
            self.index.written(
                [s for subjects in batch.subjects.values() for s in subjects], batch.replaced
            )

    def _start(self, batch: _Batch) -> None:
        from kb.link.incidents import reports_of_articles
        from kb.rdfmap import content_hash

        store = self.store
        hashes = {} if self.force else _stored_hashes(store, batch.articles)
        _, batch.touched = reports_of_articles(store, [article_iri(a.id) for a in batch.articles])
        graphs: dict[URIRef, list] = {}
        canonical: list = []
        unchanged_ids: set[str] = set()
        for art, (triples, canon, n_events, subjects) in zip(
            batch.articles, batch.payloads, strict=True
        ):
            stored_hash = hashes.get(str(article_iri(art.id)))
            if stored_hash == content_hash(art.text):
                unchanged_ids.add(art.id)
                self.summary.unchanged += 1
                continue
            graphs[article_graph(art.id)] = triples
            canonical.extend(canon)
            self.summary.events += n_events
            batch.subjects[art.id] = subjects  # the last copy of an article is the one written
            if stored_hash is not None or self.force:
                batch.replaced.append(art.id)
        batch.payloads = []
        batch.step = "link"
        if not graphs:
            return
        batch.canonical = [t for t in dict.fromkeys(canonical) if t not in self.canonical_written]
        batch.stored = list(
            dict.fromkeys(a.id for a in batch.articles if a.id not in unchanged_ids)
        )
        pending = _pending(
            [article_iri(a.id) for a in batch.articles if a.id not in unchanged_ids], batch.touched
        )
        additions = {CANONICAL_GRAPH: batch.canonical, **pending}
        if self.native:
            # Graph names as engine terms too: the store converts each quad's graph.
            graphs = {ox.NamedNode(str(g)): t for g, t in graphs.items()}  # type: ignore[misc]
            additions = {ox.NamedNode(str(g)): t for g, t in additions.items()}  # type: ignore[misc]
        else:
            graphs = {g: to_rdflib(t) for g, t in graphs.items()}
            additions = {g: to_rdflib(t) for g, t in additions.items()}
        self.writer.submit(lambda: store.replace_graphs(graphs, additions=additions))

    def _promote(self, infos: Sequence[Any]) -> list[Any]:
        """Imported (compact) incidents these reports match, rewritten as reports to link.

        Only stores that hold an import are asked, once per run (the write lock keeps
        imports out while this run writes). Runs after the batch's article write has
        finished, like every read of the link step.
        """
        if not infos:
            return []
        if self.has_imports is None:
            self.has_imports = bool(self.store.query("ASK { ?ev kb:datasetId ?id }"))
        if not self.has_imports:
            return []
        from kb.importers.promote import promote_matching

        return promote_matching(self.store, infos)

    def _link(self, batch: _Batch) -> None:
        from kb.link import incidents

        store = self.store
        batch.step = "done"
        result = None
        promoted = self._promote(batch.infos)
        if batch.written or promoted or _needs_link(store, batch.infos):
            result = incidents.relink(
                store, [*batch.infos, *promoted], batch.touched, write=False, index=self.index
            )
            self.summary.incidents_written += result.incidents_written
            self.summary.incidents_dropped += result.incidents_dropped
        # The pending-link note goes with the last write of the step.
        pending = [PENDING_GRAPH] if batch.written else []
        if result is not None:
            self.writer.submit(lambda: incidents.write_link(store, result, drop=pending))
        elif pending:
            self.writer.submit(lambda: store.replace_graphs({}, drop=pending))


def _stopped(
    exc: KbError, summary: IngestSummary, batch: Sequence[Article], written: bool
) -> KbError:
    """The error of a failed batch, saying which articles are stored and which are not.

    It keeps the class of the original error (a caller catching EndpointError still
    does) and carries the ids as ``stored_ids`` and ``failed_ids``.
    """
    first = batch[0]
    where = f"{first.id} ({first.path})" if first.path else first.id
    stored = list(summary.stored_ids)
    if stored:
        done = f"{len(stored)} articles stored in this run ({stored[0]} ... {stored[-1]})"
    else:
        done = "no article stored in this run"
    if written:
        # The articles reached the store; only their incidents are missing.
        todo = (
            f"the batch of {len(batch)} from {where} is stored but not linked into incidents,"
            " and nothing after it was stored"
        )
        failed: list[str] = []
    else:
        todo = f"not stored: the batch of {len(batch)} from {where} and everything after it"
        failed = [a.id for a in batch]
    err = type(exc)(
        f"{exc}; ingest stopped: {done}; {todo}; run the same command again to finish "
        "(stored articles are skipped, unlinked ones are linked)"
    )
    err.stored_ids = stored  # type: ignore[attr-defined]
    err.failed_ids = failed  # type: ignore[attr-defined]
    return err


def _pending(articles: Iterable[URIRef], incidents: Iterable[str]) -> dict[URIRef, list[Triple]]:
    """The pending-link record of a write: its articles and the incidents it made stale."""
    triples: list[Triple] = [(PENDING_GRAPH, KB.pendingArticle, a) for a in articles]
    triples += [(PENDING_GRAPH, KB.pendingIncident, URIRef(i)) for i in incidents]
    return {PENDING_GRAPH: triples}


def finish_pending_links(store: Store) -> bool:
    """Link what an interrupted ingest or remove left unlinked (see PENDING_GRAPH).

    Returns:
        True when there was something to finish.
    """
    from kb.link.incidents import load_reports, relink, reports_of_articles

    rows = store.select("SELECT ?p ?x WHERE { GRAPH ?g { ?g ?p ?x } }", {"g": PENDING_GRAPH}).rows
    if not rows:
        return False
    articles = [URIRef(str(r["x"])) for r in rows if r["p"] == KB.pendingArticle]
    stale = {str(r["x"]) for r in rows if r["p"] == KB.pendingIncident}
    reports, incidents = reports_of_articles(store, articles)
    # Imported incidents promoted to reports just before the crash have no incident yet.
    orphans = store.select_values(
        "SELECT ?r WHERE { ?r a kb:EventReport ; kb:dataset ?d "
        "FILTER NOT EXISTS { ?ev kb:hasReport ?r } }"
    )
    reports = set(reports) | {str(r["r"]) for r in orphans}
    relink(store, load_reports(store, reports), stale | incidents)
    store.replace_graphs({}, drop=[PENDING_GRAPH])
    return True


def _needs_link(store: Store, infos) -> bool:
    """True when some stored report of these articles belongs to no incident (a crash)."""
    if not infos:
        return False
    res = store.select(
        "SELECT ?r WHERE { ?r a kb:EventReport . FILTER NOT EXISTS { ?ev kb:hasReport ?r } }",
        {"r": [URIRef(i.iri) for i in infos]},
    )
    return bool(res.rows)


def remove_articles(store: Store, article_ids: Sequence[str]) -> int:
    """Delete exactly the facts of some articles and regroup their incidents.

    Returns:
        How many of the articles were in the store.
    """
    from kb.errors import NotFoundError
    from kb.link.incidents import relink, reports_of_articles

    finish_pending_links(store)
    present = {str(g) for g in store.graph_names()}
    graphs = [article_graph(a) for a in article_ids]
    missing = [a for a, g in zip(article_ids, graphs, strict=True) if str(g) not in present]
    if missing and len(missing) == len(article_ids):
        raise NotFoundError(
            f"no article {missing[0]!r} in store {store.location}; list them with 'kb stats'"
        )
    _, touched = reports_of_articles(store, [article_iri(a) for a in article_ids])
    store.replace_graphs(
        {}, drop=[g for g in graphs if str(g) in present], additions=_pending([], touched)
    )
    relink(store, [], touched)
    store.replace_graphs({}, drop=[PENDING_GRAPH])
    return len(article_ids) - len(missing)
