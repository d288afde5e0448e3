"""The main job: read articles, extract events, store them per article, link incidents."""

from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kb.errors import KbError
from kb.model import Article, Event, Place
from kb.namespaces import CANONICAL_GRAPH, KB, KBG, article_graph, article_iri
from kb.store.base import Store, Triple
from kb.store.oxterms import OxTriple, lit, to_rdflib

#: Articles written per transaction: a crash never leaves part of a batch (it loses at most
#: the batches extracted but not yet written, see LOOKAHEAD).
BATCH = 50
#: Articles in the first batch of a run. The store can start writing only once a batch is
#: full, and until then it has nothing to do: a small first batch starts its writes (and
#: the linking that follows them) while the next articles are still being extracted.
FIRST_BATCH = 10
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
        outlet = registry.outlet(article.outlet)
        triples += rdfmap.outlet_link_ox(article, outlet.key)
        canonical.extend(described.actor(outlet, registry))
    for n, ev in enumerate(events):
        numbering[ev.id] = n
        reporter = None
        if ev.attribution.reported_by:
            reporter = registry.outlet(ev.attribution.reported_by)
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
    """Article IRI -> :func:`_fingerprint` of the stored copy."""
    res = store.select(
        "SELECT ?a ?h ?p ?o WHERE { ?a kb:contentHash ?h "
        "OPTIONAL { ?a <https://schema.org/datePublished> ?p } "
        "OPTIONAL { ?a kb:outletName ?o } }",
        {"a": [article_iri(a.id) for a in articles]},
    )
    return {
        str(r["a"]): "|".join((str(r["h"]), _text_of(r.get("p")), _text_of(r.get("o"))))
        for r in res.rows
    }


def _text_of(term: Any) -> str:
    return "" if term is None else str(term)


def _fingerprint(article: Article) -> str:
    """What makes a re-read article the same: its body, publication day and outlet.

    The publication day anchors every relative date ("on Tuesday") and the outlet is a
    source, so a re-read with ``--published`` or ``--outlet`` set differently is a
    changed article, re-extracted, not an unchanged one.
    """
    from kb.rdfmap import content_hash

    published = article.published.isoformat() if article.published else ""
    return "|".join((content_hash(article.text), published, article.outlet or ""))


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    extractor=None,
    progress: Callable[[Article, int], None] | None = None,
    force: bool = False,
    started: Any = None,
) -> IngestSummary:
    """Extract, store and link articles, a batch per transaction.

    Re-ingesting an unchanged article changes nothing; a changed one replaces its
    graph and its incidents are regrouped. Linking left unfinished by a killed run
    is finished first (see PENDING_GRAPH).

    When there are more than :data:`HELPER_AFTER` articles, a helper process extracts
    them (:mod:`kb.ingest_parallel`; one process, in input order, so that every event is
    the one this process would extract) while this one stores and links. Set
    ``KB_INGEST_HELPER=0`` to extract everything here. A helper started before the store
    was opened (`started`, from :func:`kb.ingest_parallel.start_ingest_helper`: it builds
    the extractor meanwhile) extracts every article, however few. Without `extractor`, the helper
    builds the default one and this process never does; the actors the helper minted are
    handed to this process's default registry, as a serial run leaves them
    (:func:`kb.actors.registry.adopt_into_default`).

    The store's writes run on a thread of their own (:class:`_Writer`): extraction (or
    the linking of a batch of new articles, see :meth:`_Run._link_early`) goes on while
    the engine writes. The store sees the same writes in the same order as without the
    thread, and every read gives what it gives in a step-by-step ingest, so crash safety
    and results do not change.

    Raises:
        KbError: a batch could not be read or written. The error keeps the class of
            the store's error, says which articles this run stored and where it
            stopped, and carries them as ``stored_ids`` and ``failed_ids``.
    """
    from kb.corrections import Corrections

    summary = IngestSummary()
    try:
        finish_pending_links(store)
        corrections = Corrections.load(store)
        run = _Run(store, summary, force)
    except BaseException:
        if started is not None:
            started.kill()
        raise
    filling = _Batch()
    # Without an extractor of the caller's, one is built on first use: in the helper
    # process when there is one (building the gazetteer and the actor scanner takes a
    # good part of a second, which this process then spends storing instead).
    prep = _Preparer(corrections, extractor)
    prepare = prep.prepare
    batches = 0  # batches filled so far

    def take(article: Article, prepared: _Prepared) -> None:
        nonlocal filling, batches
        run.lines.extend(prepared.new_lines)
        filling.articles.append(article)
        filling.prepared.append(prepared)
        filling.infos.extend(info for info, _, _ in prepared.subjects)
        if len(filling.articles) >= (min(FIRST_BATCH, BATCH) if batches == 0 else BATCH):
            batches += 1
            run.queue.append(filling)
            filling = _Batch()
        # Store work that can go on now; wait only when extraction is far enough ahead.
        run.advance(keep=LOOKAHEAD - 1 if len(run.queue) >= LOOKAHEAD else None)

    helper: Any = None
    waiting: deque[Article] = deque()  # sent to the helper, not taken back yet
    # Set by the helper's results and by the end of each write: what this process waits
    # for when it has nothing to do.
    wake = threading.Event()

    def take_next() -> None:
        article = waiting.popleft()
        try:
            prepared = helper.result()
        except Exception:
            # As before the store had a thread: the whole batches read so far are stored
            # and linked, the one this article is in is not.
            run.advance(keep=0)
            raise
        take(article, prepared)

    def here(article: Article) -> None:
        try:
            prepared = prepare(article)
        except Exception:
            run.advance(keep=0)
            raise
        take(article, prepared)

    def serve() -> bool:
        """Take results and run store steps; True when the helper needs no more input now.

        Results are taken only while that does not wait for the store, so that this process
        keeps the helper supplied with articles (up to IN_FLIGHT) while the store is
        behind; it waits (for a result, or for a write to end) only when it has nothing
        else to do.
        """
        nonlocal flushing, extracted
        wake.clear()
        if not extracted and not more and helper.idle():
            extracted = True
            # Extraction is over: the core it used starts on the engine's final flush.
            flushing = _flush_early(store, run.flush_lock)
        while waiting and helper.ready() and len(run.queue) < LOOKAHEAD:
            take_next()
        run.advance()
        if more and len(waiting) < IN_FLIGHT:
            return False
        if waiting:
            if len(run.queue) >= LOOKAHEAD:
                run.advance(keep=LOOKAHEAD - 1)
            elif not helper.ready() and not run.can_advance():
                # Woken by a result or by the end of a write (the timeout is a safeguard).
                wake.wait(1.0)
        return True

    # The first articles are held back until it is clear whether the input is big enough
    # for a helper; without one (or with too few articles) they are extracted here.
    held: list[Article] | None = [] if _helper_allowed() else None
    # A helper started before the store was opened gets the corrections with the first
    # article (see kb.ingest_parallel.start_ingest_helper).
    setup: Any = None
    if started is not None:
        helper, held, setup = started, None, corrections
        helper.on_result = wake.set
        run.writer.on_done = wake.set
        run.warm()
    flushing: threading.Thread | None = None
    more = True  # the input may have more articles
    extracted = False  # the helper has answered for the whole input
    try:
        it = iter(articles)
        while more or waiting:
            if helper is not None and serve():
                continue
            try:
                article = next(it)
            except StopIteration:
                more = False
                continue
            except Exception:
                # The whole batches read before the failing read are stored first.
                for a in held or ():
                    here(a)
                while waiting:
                    take_next()
                run.advance(keep=0)
                raise
            summary.read += 1
            if not article.text.strip():
                summary.empty += 1
                summary.warnings.append(f"{article.path or article.id}: empty article, skipped")
                continue
            if progress:
                progress(article, summary.read)
            if helper is not None:
                helper.submit(article if setup is None else (setup, article))
                setup = None
                waiting.append(article)
            elif held is None:
                here(article)
            else:
                held.append(article)
                if len(held) > HELPER_AFTER:
                    from kb.ingest_parallel import ExtractionHelper

                    helper = ExtractionHelper(prepare, prep.minted, on_result=wake.set)
                    run.writer.on_done = wake.set
                    for a in held:
                        helper.submit(a)
                    waiting.extend(held)
                    held = None
        for a in held or ():
            here(a)
        if filling.articles:
            run.queue.append(filling)
        run.advance()
        if helper is not None:
            # Extraction is over (every answer is taken): the actors the helper minted, as a
            # serial run leaves them in this process. Taken while the last writes run.
            state = helper.close()
            if prep.built is not None:
                _adopt_registry_state(prep.built.actors, state)
            elif state is not None:
                # This process never loaded the default registry: it takes them when it does.
                from kb.actors.registry import adopt_into_default

                adopt_into_default(state)
            if flushing is None:
                # Every answer was taken before serve() saw the helper idle.
                flushing = _flush_early(store, run.flush_lock)
        run.advance(keep=0)
    finally:
        if helper is not None:
            helper.kill()
        run.writer.close()
        if flushing is not None:
            flushing.join()
    return summary


def _flush_early(store: Store, lock: threading.Lock | None = None) -> threading.Thread | None:
    """Start writing what is stored so far out of the engine's memory, on a thread.

    The embedded store does that when it is closed, after the last write: on the
    command's critical path. Started once extraction is over, most of it runs beside the
    last batches' writes, on the core extraction no longer needs. It changes nothing
    the store holds (every write is in the engine's log already).
    """
    flush = getattr(store, "flush", None)
    if flush is None:
        return None

    def run() -> None:
        # Never beside a flush of the writer's (_Run.flush_now): see FLUSH_AFTER.
        with lock or contextlib.nullcontext(), contextlib.suppress(Exception):
            flush()  # only a head start: close() flushes anyway

    thread = threading.Thread(target=run, name="kb-flush", daemon=True)
    thread.start()
    return thread


#: N-Quads text (characters) of article graphs written before the writer flushes the
#: engine's memory to disk: about 500 wire articles. Unflushed, a run of thousands of
#: articles held every write in memory (800 MB after 1,500 articles, 300 MB flushing
#: this often) and the final flush took seconds. Never two flushes at once: two
#: concurrent flushes can hang the engine (RocksDB issue 12094).
FLUSH_AFTER = 24_000_000

#: A helper process extracts when the input has more articles than this (a small ingest
#: is not worth a fork; see :mod:`kb.ingest_parallel`).
HELPER_AFTER = 25
#: Articles sent to the helper process and not yet taken back, at most.
IN_FLIGHT = 100


def _helper_allowed() -> bool:
    from kb.ingest_parallel import available

    return os.environ.get("KB_INGEST_HELPER", "1") != "0" and available()


@dataclass
class _Prepared:
    """One article extracted and mapped to RDF, ready for the store steps.

    Plain strings and report infos, cheap to send from the helper process: the article
    graph as N-Quads, the canonical descriptions it needs as numbers of N-Triples
    statements without the final dot (the store step adds the graph, once per batch and
    triple). Most articles need descriptions sent before (the actors and places of the
    news repeat), so each statement is sent once per run, with the first article that
    needs it, and numbered in the order sent (see :class:`_Lines`).
    """

    graph: str
    canonical: list[int]
    #: The statements this article is the first to need: numbered from the count before.
    new_lines: list[str]
    events: int
    #: (report, its place IRIs, its actor IRIs): see kb.link.incidents.report_subjects.
    subjects: list


class _Lines:
    """Triples as N-Triples/N-Quads text, canonical ones numbered for the run."""

    def __init__(self) -> None:
        self._seen: dict[tuple, int] = {}
        #: Predicates printed so far (for :meth:`quads`).
        self.predicates: dict[ox.NamedNode, str] = {}

    @staticmethod
    def quads(
        triples: Iterable[OxTriple], graph: str, predicates: dict[ox.NamedNode, str] | None = None
    ) -> str:
        """The triples in `graph`, as an N-Quads document.

        Args:
            predicates: printed predicates, kept from call to call (see :attr:`predicates`).
        """
        from kb.link.incidents import nquads

        return nquads(triples, f"<{graph}>", predicates)

    def triples(self, triples: Iterable[OxTriple]) -> tuple[list[str], list[int]]:
        """(statements new to this run, the number of each triple's statement, no repeats).

        A statement is a triple as ``s p o`` (N-Triples terms, no final dot); the n-th
        new one of the run is number n, so that whoever keeps the new statements of
        every call, in order, can read any number back.
        """
        seen = self._seen
        new: list[str] = []
        numbers: list[int] = []
        for t in triples:
            n = seen.get(t)
            if n is None:
                n = seen[t] = len(seen)
                new.append(f"{t[0]} {t[1]} {t[2]}")
            numbers.append(n)
        return new, list(dict.fromkeys(numbers))


class _Preparer:
    """What is done per article that needs the extractor and its actor registry.

    The registry mints actors as it goes (see :mod:`kb.ingest_parallel`), so every article
    of a run is prepared by one instance, in input order: in this process, or in the
    helper process for most articles.
    """

    def __init__(self, corrections: Any, extractor: Any = None) -> None:
        self.corrections = corrections
        self.built = extractor
        self.described = _Described()
        self.lines = _Lines()

    def extractor(self) -> Any:
        """The extractor (the default one, built on first use, unless one was given)."""
        if self.built is None:
            from kb.extract.pipeline import Extractor

            self.built = Extractor()
        return self.built

    def prepare(self, article: Article) -> _Prepared:
        """Extract `article` and map its events to RDF text for the store steps."""
        from kb.link.incidents import infos_from_events, report_subjects

        ex = self.extractor()
        registry = ex.actors
        events = ex.extract(article)
        self.corrections.apply(events, registry)
        triples, canon, numbering = _payload(
            article, events, registry, ex.gazetteer, self.described
        )
        infos = infos_from_events(events, numbering)
        lines = self.lines
        graph = lines.quads(triples, str(article_graph(article.id)), lines.predicates)
        subjects = report_subjects(events, infos)
        # Last, as it numbers the lines new to this run (take() keeps the same table).
        new_lines, canonical = lines.triples(canon)
        return _Prepared(graph, canonical, new_lines, len(events), subjects)

    def minted(self) -> dict | None:
        """The actors the registry minted (what a helper process hands back at the end)."""
        return _registry_state(self.built.actors) if self.built is not None else None


def _registry_state(registry) -> dict | None:
    """The actors `registry` minted in this process (see ActorRegistry.mint)."""
    return registry.minted() if registry is not None else None


def _adopt_registry_state(registry, state: dict | None) -> None:
    """Take over the actors the helper process minted, as if this process had extracted."""
    if registry is not None and state is not None:
        registry.adopt(state)


#: Batches extracted ahead of the store (a crash loses their extraction, never a write).
LOOKAHEAD = 2


@dataclass
class _Batch:
    """Articles read and extracted, waiting for their store steps."""

    articles: list[Article] = field(default_factory=list)
    prepared: list[_Prepared] = field(default_factory=list)
    infos: list = field(default_factory=list)
    # Filled in by the store steps:
    step: str = "start"
    written: bool = False
    touched: set[str] = field(default_factory=set)
    stored: list[str] = field(default_factory=list)
    canonical: list = field(default_factory=list)
    subjects: dict[str, list] = field(default_factory=dict)
    replaced: list[str] = field(default_factory=list)
    #: Actors and places (IRIs) the batch's canonical statements say something new of.
    described: set[str] = field(default_factory=set)
    #: The linking worked out while the articles were written (see _Run._start), and
    #: the incidents it adds as N-Quads (kb.link.incidents.fresh_text).
    result: Any = None
    link_text: str | None = None


class _Writer:
    """Runs store writes one at a time, in order, on a thread of its own.

    The engine does not hold the GIL while it commits (``Store.extend`` and ``Store.load``
    release it), so extraction or linking goes on meanwhile.
    """

    def __init__(self) -> None:
        self._pool: Any = None
        self._future: Any = None
        #: Called (on the writer's thread) when a write ends.
        self.on_done: Callable[[], None] | None = None

    def submit(self, job: Callable[[], None]) -> None:
        """Start a write (the previous one must be finished: see :meth:`wait`)."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-writer")
        self._future = self._pool.submit(job)
        if self.on_done is not None:
            done = self.on_done
            self._future.add_done_callback(lambda _: done())

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
    single-threaded ingest; the one exception, the linking of a batch of new articles
    during W1, reads only what W1 cannot change (see :meth:`_link_early`).
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
        self.canonical_written: set[int] = set()
        #: The canonical statements of the run, by number (see _Lines.triples).
        self.lines: list[str] = []
        #: Article text written since the engine's memory was last flushed (FLUSH_AFTER).
        self.unflushed = 0
        #: Held by whoever flushes the engine's memory (see _flush_early).
        self.flush_lock = threading.Lock()
        #: Builds what linking needs of the gazetteer (see :meth:`warm`).
        self.warming: threading.Thread | None = None

    def warm(self) -> None:
        """Load the gazetteer and its border towns on a thread, while this process waits.

        Linking asks which borders each new town lies near (kb.link.same.borders_near):
        the first question loads the gazetteer and builds its town grid, about 0.3 s of
        this process's time. With a helper process extracting, this process has nothing
        to do until the first articles come back, so that work is done then; the first
        batch's linking waits for it (:meth:`_start`).
        """

        def run() -> None:
            with contextlib.suppress(Exception):  # linking meets any error again itself
                from kb.gazetteer import Gazetteer

                Gazetteer.default().warm_borders()

        self.warming = threading.Thread(target=run, name="kb-warm", daemon=True)
        self.warming.start()

    def can_advance(self) -> bool:
        """True when :meth:`advance` would run a step now without waiting."""
        return not self.writer.busy() and (self.current is not None or bool(self.queue))

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
                [s for subjects in batch.subjects.values() for s in subjects],
                batch.replaced,
                batch.described,
            )

    def _start(self, batch: _Batch) -> None:
        from kb.link.incidents import reports_of_articles

        if self.warming is not None:
            self.warming.join()
            self.warming = None

        store = self.store
        hashes = {} if self.force else _stored_hashes(store, batch.articles)
        _, batch.touched = reports_of_articles(store, [article_iri(a.id) for a in batch.articles])
        graphs: dict[str, str] = {}
        canonical: list[int] = []
        unchanged_ids: set[str] = set()
        for art, prepared in zip(batch.articles, batch.prepared, strict=True):
            stored_hash = hashes.get(str(article_iri(art.id)))
            if stored_hash == _fingerprint(art):
                unchanged_ids.add(art.id)
                self.summary.unchanged += 1
                continue
            graphs[str(article_graph(art.id))] = prepared.graph
            canonical.extend(prepared.canonical)
            self.summary.events += prepared.events
            # The last copy of an article is the one written.
            batch.subjects[art.id] = prepared.subjects
            if stored_hash is not None or self.force:
                batch.replaced.append(art.id)
        batch.prepared = []
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
        canon = [self.lines[n] for n in batch.canonical]
        fresh = self._fresh_subjects(canon)
        batch.described = (
            {t.value for t in fresh}
            if fresh is not None
            else {line.split(" ", 1)[0][1:-1] for line in canon}
        )
        self.unflushed += sum(map(len, graphs.values()))
        early = self._link_early(batch, unchanged_ids, fresh)
        self.writer.submit(lambda: _write_articles(store, graphs, canon, pending))
        if early:
            # The write runs on the writer thread (the engine does not hold the GIL): the
            # linking is worked out meanwhile, written once the articles are.
            from kb.link.incidents import fresh_text, relink

            try:
                batch.result = relink(store, batch.infos, (), write=False, index=self.index)
            except KbError:
                self._settle(batch)  # the error then says whether the articles are stored
                raise
            # Built here too, while the engine writes, rather than on the writer's thread.
            batch.link_text = fresh_text(batch.result)

    def _fresh_subjects(self, canonical: list[str]) -> set[Any] | None:
        """Subjects of the canonical statements (``s p o``) the store does not hold yet.

        None when the store is not the embedded one (nothing is checked there).
        """
        raw = getattr(self.store, "_store", None) if self.native else None
        if raw is None:
            return None
        canon = ox.NamedNode(str(CANONICAL_GRAPH))
        text = "".join(f"{line} .\n" for line in canonical)
        return {
            t.subject
            for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
            if ox.Quad(t.subject, t.predicate, t.object, canon) not in raw
        }

    def _link_early(self, batch: _Batch, unchanged: set[str], fresh: set[Any] | None) -> bool:
        """Whether a batch's linking may be worked out while its articles are written.

        Linking reads stored reports (of other articles), the incidents that list them and
        what the store says of their actors and places. Writing a batch of articles new to
        the store changes none of that when: no stored article is replaced or re-read (so
        no incident is stale), no import can be promoted, and every canonical triple the
        write adds is either stored already or about an actor or place the store does not
        mention yet (so nothing stored can point to it). The reports the write adds are the
        batch's own, which linking takes as given and leaves out of what it reads. What
        :class:`~kb.link.incidents.CandidateIndex` reads whole is read before the write
        starts (``warm``), so that every read gives what it gives after the write, and the
        linking is the one a step-by-step ingest works out.
        """
        raw = getattr(self.store, "_store", None) if self.native else None
        if raw is None or self.force or unchanged or batch.replaced or batch.touched:
            return False
        if self.has_imports is None:
            self.has_imports = bool(self.store.query("ASK { ?ev kb:datasetId ?id }"))
        if self.has_imports:
            return False
        for subject in fresh or ():
            for pattern in ((subject, None, None), (None, None, subject)):
                if next(iter(raw.quads_for_pattern(*pattern)), None) is not None:
                    return False
        return self.index.warm(batch.infos)

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
        result = batch.result
        if result is None:
            promoted = self._promote(batch.infos)
            if batch.written or promoted or _needs_link(store, batch.infos):
                result = incidents.relink(
                    store, [*batch.infos, *promoted], batch.touched, write=False, index=self.index
                )
        if result is not None:
            self.summary.incidents_written += result.incidents_written
            self.summary.incidents_dropped += result.incidents_dropped
        # The pending-link note goes with the last write of the step.
        pending = [PENDING_GRAPH] if batch.written else []
        flush = self.unflushed >= FLUSH_AFTER and hasattr(store, "flush")
        if flush:
            self.unflushed = 0
        text = batch.link_text

        def write() -> None:
            if result is not None:
                incidents.write_link(store, result, drop=pending, text=text)
            elif pending:
                store.replace_graphs({}, drop=pending)
            if flush:
                self.flush_now()

        if result is not None or pending or flush:
            self.writer.submit(write)

    def flush_now(self) -> None:
        """Write the engine's memory to disk (on the writer's thread, between writes)."""
        with self.flush_lock, contextlib.suppress(OSError):
            # Only memory: every write is in the engine's log already.
            self.store.flush()  # type: ignore[attr-defined]


def _write_articles(
    store: Store, graphs: dict[str, str], canonical: list[str], pending: dict[URIRef, list]
) -> None:
    """Write a batch's article graphs with their canonical triples and the pending-link note.

    One transaction, as ``store.replace_graphs(graphs, additions=...)`` writes it. Into the
    embedded store, a batch of brand-new graphs goes as one N-Quads ``load`` (what the
    helper process sends is text already; see
    :meth:`kb.store.embedded.EmbeddedStore.add_new_graphs`).

    Args:
        graphs: article graph IRI -> its triples as N-Quads.
        canonical: canonical triples as ``s p o`` statements (see :class:`_Lines`).
        pending: the pending-link note (see :func:`_pending`).
    """
    from kb.link.incidents import native_terms
    from kb.store.oxterms import to_ox

    canon = f" <{CANONICAL_GRAPH}> .\n"
    text = [*graphs.values(), *[f"{line}{canon}" for line in canonical]]
    text += [
        f"{to_ox(s)} {to_ox(p)} {to_ox(o)} <{g}> .\n" for g, ts in pending.items() for s, p, o in ts
    ]
    native = native_terms(store)
    if native and store.add_new_graphs("".join(text), graphs):  # type: ignore[attr-defined]
        return
    # Changed articles replace their stored graphs (or another kind of store): the store's
    # own replace, from the same triples.
    parsed: dict[str, list] = {}
    for q in ox.parse("".join(text), format=ox.RdfFormat.N_QUADS):
        parsed.setdefault(q.graph_name.value, []).append((q.subject, q.predicate, q.object))
    new = {g: parsed.get(g, []) for g in graphs}
    additions = {str(CANONICAL_GRAPH): parsed.get(str(CANONICAL_GRAPH), [])}
    additions.update({str(g): parsed.get(str(g), []) for g in pending})
    if native:
        store.replace_graphs(
            {ox.NamedNode(g): t for g, t in new.items()},  # type: ignore[misc]
            additions={ox.NamedNode(g): t for g, t in additions.items()},  # type: ignore[misc]
        )
    else:
        store.replace_graphs(
            {URIRef(g): to_rdflib(t) for g, t in new.items()},
            additions={URIRef(g): to_rdflib(t) for g, t in additions.items()},
        )


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
    article_ids = [_article_id_of(store, a, present) for a in article_ids]
    graphs = [article_graph(a) for a in article_ids]
    missing = [a for a, g in zip(article_ids, graphs, strict=True) if str(g) not in present]
    if missing and len(missing) == len(article_ids):
        raise NotFoundError(
            f"no article {missing[0]!r} in store {store.location}; list them with "
            "'kb articles' (an id, the article's URL or the path it was read from)"
        )
    _, touched = reports_of_articles(store, [article_iri(a) for a in article_ids])
    store.replace_graphs(
        {}, drop=[g for g in graphs if str(g) in present], additions=_pending([], touched)
    )
    relink(store, [], touched)
    store.replace_graphs({}, drop=[PENDING_GRAPH])
    return len(article_ids) - len(missing)


def _article_id_of(store: Store, ref: str, present: set[str]) -> str:
    """The id of the stored article `ref` names: its id, its URL or the path it was read from.

    An id wins; a URL or a path (as given, or made absolute) is looked up among the
    stored articles' ``schema:url`` and ``kb:sourcePath``. Unknown refs come back as they
    are, for the caller to report.
    """
    if str(article_graph(ref)) in present:
        return ref
    candidates = (
        {ref, os.path.abspath(ref)} if not ref.startswith(("http://", "https://")) else {ref}
    )
    rows = store.select_values(
        "SELECT ?id WHERE { { ?a <https://schema.org/url> ?v } UNION { ?a kb:sourcePath ?v } "
        "FILTER(STR(?v) IN (?c0, ?c1)) ?a kb:articleId ?id }",
        {"c0": lit(sorted(candidates)[0]), "c1": lit(sorted(candidates)[-1])},
    )
    ids = sorted({str(r["id"]) for r in rows})
    return ids[0] if len(ids) == 1 else ref


def list_articles(store: Store, search: str | None = None) -> list[dict[str, Any]]:
    """The stored articles, newest first: id, published, outlet, title, url, path, events.

    Args:
        search: only articles whose id, title, outlet, URL or path contain this text
            (case-insensitive).
    """
    rows = store.select_values(
        """SELECT ?id ?published ?outlet ?title ?url ?path (COUNT(DISTINCT ?r) AS ?events)
        WHERE {
          ?a kb:articleId ?id .
          OPTIONAL { ?a <https://schema.org/datePublished> ?published }
          OPTIONAL { ?a kb:outletName ?outlet }
          OPTIONAL { ?a <https://schema.org/headline> ?title }
          OPTIONAL { ?a <https://schema.org/url> ?url }
          OPTIONAL { ?a kb:sourcePath ?path }
          OPTIONAL { ?r prov:wasDerivedFrom ?a ; a kb:EventReport }
        } GROUP BY ?id ?published ?outlet ?title ?url ?path"""
    )
    out: list[dict[str, Any]] = []
    needle = (search or "").casefold()
    for r in rows:
        item = {
            k: (str(r[k]) if r.get(k) is not None else None)
            for k in ("id", "published", "outlet", "title", "url", "path")
        }
        item["events"] = int(str(r["events"])) if r.get("events") is not None else 0
        if needle and not any(
            needle in (v or "").casefold()
            for v in (item["id"], item["title"], item["outlet"], item["url"], item["path"])
        ):
            continue
        out.append(item)
    out.sort(key=lambda x: (x["published"] or "", x["id"]), reverse=True)
    return out
