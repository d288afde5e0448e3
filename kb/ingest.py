"""The main job: read articles, extract events, store them per article, link incidents."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import URIRef

from kb.model import Article, Event
from kb.namespaces import CANONICAL_GRAPH, article_graph, article_iri
from kb.store.base import Store, Triple

#: Articles written per transaction: a crash loses at most the batch in flight.
BATCH = 50


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
    from kb import rdfmap

    if registry is None:
        from kb.actors import ActorRegistry

        registry = ActorRegistry.default()
    if gazetteer is None:
        from kb.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    triples: list[Triple] = rdfmap.article_triples(article)
    canonical: list[Triple] = []
    numbering: dict[str, int] = {}
    seen_actors: set[str] = set()
    seen_places: set[str] = set()

    def canon_actor(key: str) -> None:
        if key in seen_actors:
            return
        seen_actors.add(key)
        actor = registry.get(key)
        if actor is not None:
            canonical.extend(rdfmap.actor_triples(actor))

    if article.outlet:
        outlet = registry.resolve(article.outlet)
        triples += rdfmap.outlet_link(article, outlet.key)
        canonical.extend(rdfmap.actor_triples(outlet))
    for n, ev in enumerate(events):
        numbering[ev.id] = n
        reporter = None
        if ev.attribution.reported_by:
            reporter = registry.resolve(ev.attribution.reported_by)
            canonical.extend(rdfmap.actor_triples(reporter))
        triples += rdfmap.report_triples(ev, n, reporter.key if reporter else None)
        for a in ev.actors:
            if a.unidentified:
                continue
            if registry.get(a.id) is not None:
                canon_actor(a.id)
            elif a.id not in seen_actors:
                seen_actors.add(a.id)
                canonical.extend(rdfmap.person_triples(a))
            if a.affiliation:
                canon_actor(a.affiliation)
        for p in ev.places:
            if p.id not in seen_places:
                seen_places.add(p.id)
                canonical.extend(rdfmap.place_triples(p, gazetteer))
    return triples, canonical, numbering


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
    graph and its incidents are regrouped.
    """
    from kb.link.incidents import infos_from_events, relink, reports_of_articles
    from kb.rdfmap import content_hash

    if extractor is None:
        from kb.extract.pipeline import Extractor

        extractor = Extractor()
    from kb.corrections import Corrections

    summary = IngestSummary()
    batch: list[Article] = []
    corrections = Corrections.load(store)

    def flush() -> None:
        if not batch:
            return
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
            summary.stored += 1
            summary.events += len(events)
            summary.stored_ids.append(art.id)
        if graphs:
            store.replace_graphs(graphs, additions={CANONICAL_GRAPH: canonical})
        if graphs or _needs_link(store, infos):
            result = relink(store, infos, touched)
            summary.incidents_written += result.incidents_written
            summary.incidents_dropped += result.incidents_dropped
        batch.clear()

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

    present = {str(g) for g in store.graph_names()}
    graphs = [article_graph(a) for a in article_ids]
    missing = [a for a, g in zip(article_ids, graphs, strict=True) if str(g) not in present]
    if missing and len(missing) == len(article_ids):
        raise NotFoundError(
            f"no article {missing[0]!r} in store {store.location}; list them with 'kb stats'"
        )
    _, touched = reports_of_articles(store, [article_iri(a) for a in article_ids])
    store.replace_graphs({}, drop=[g for g in graphs if str(g) in present])
    relink(store, [], touched)
    return len(article_ids) - len(missing)
