"""The main job: read articles, extract events, store them per article, link incidents."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import URIRef

from kb.errors import KbError
from kb.model import Article, Event
from kb.namespaces import CANONICAL_GRAPH, KB, KBG, article_graph, article_iri
from kb.store.base import Store, Triple

#: Articles written per transaction: a crash loses at most the batch in flight.
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
            canonical.extend(described.actor(actor))

    if article.outlet:
        outlet = registry.resolve(article.outlet)
        triples += rdfmap.outlet_link_ox(article, outlet.key)
        canonical.extend(described.actor(outlet))
    for n, ev in enumerate(events):
        numbering[ev.id] = n
        reporter = None
        if ev.attribution.reported_by:
            reporter = registry.resolve(ev.attribution.reported_by)
            canonical.extend(described.actor(reporter))
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

    def actor(self, actor) -> list[OxTriple]:
        from kb import rdfmap

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
        return found

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

    Raises:
        KbError: a batch could not be read or written. The error keeps the class of
            the store's error, says which articles this run stored and where it
            stopped, and carries them as ``stored_ids`` and ``failed_ids``.
    """
    from kb.link.incidents import infos_from_events, relink, reports_of_articles
    from kb.rdfmap import content_hash

    if extractor is None:
        from kb.extract.pipeline import Extractor

        extractor = Extractor()
    from kb.corrections import Corrections

    summary = IngestSummary()
    batch: list[Article] = []
    finish_pending_links(store)
    corrections = Corrections.load(store)

    written = [False]  # whether the articles of the batch in flight reached the store

    def flush() -> None:
        if not batch:
            return
        try:
            write_batch()
        except KbError as exc:
            raise _stopped(exc, summary, batch, written[0]) from None
        batch.clear()

    def write_batch() -> None:
        written[0] = False
        hashes = {} if force else _stored_hashes(store, batch)
        todo: list[Article] = []
        for art in batch:
            if hashes.get(str(article_iri(art.id))) == content_hash(art.text):
                todo.append(art)  # checked for complete linking below
            else:
                todo.append(art)
        _, touched = reports_of_articles(store, [article_iri(a.id) for a in todo])
        graphs: dict[URIRef, list[Triple]] = {}
        canonical: list[Triple] = []
        infos = []
        unchanged_ids = set()
        for art in todo:
            same = hashes.get(str(article_iri(art.id))) == content_hash(art.text)
            events = extractor.extract(art)
            corrections.apply(events, extractor.actors)
            triples, canon, numbering = article_payload(
                art, events, extractor.actors, extractor.gazetteer
            )
            infos.extend(infos_from_events(events, numbering))
            if same:
                unchanged_ids.add(art.id)
                summary.unchanged += 1
                continue
            graphs[article_graph(art.id)] = triples
            canonical.extend(canon)
            summary.events += len(events)
        if graphs:
            pending = _pending(
                [article_iri(a.id) for a in todo if a.id not in unchanged_ids], touched
            )
            store.replace_graphs(graphs, additions={CANONICAL_GRAPH: canonical, **pending})
            written[0] = True
            ids = list(dict.fromkeys(a.id for a in todo if a.id not in unchanged_ids))
            summary.stored += len(ids)
            summary.stored_ids.extend(ids)
        if graphs or _needs_link(store, infos):
            result = relink(store, infos, touched)
            summary.incidents_written += result.incidents_written
            summary.incidents_dropped += result.incidents_dropped
        if graphs:
            store.replace_graphs({}, drop=[PENDING_GRAPH])

    for article in articles:
        summary.read += 1
        if not article.text.strip():
            summary.empty += 1
            summary.warnings.append(f"{article.path or article.id}: empty article, skipped")
            continue
        batch.append(article)
        if progress:
            progress(article, summary.read)
        if len(batch) >= BATCH:
            flush()
    flush()
    return summary


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
            " and nothing after it was read"
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
