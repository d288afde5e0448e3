"""Map kb's plain data (articles, events, incidents, actors, places) to RDF triples.

The vocabulary is documented in ``docs/rdf-model.md``. Extraction never touches
rdflib; this module is the one place that knows how events become triples.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kb.model import ActorRef, Article, Event, Place, TimeSpan
from kb.namespaces import (
    GAF,
    GEO,
    KB,
    KBID,
    NIF,
    PREFIXES,
    SCHEMA,
    SEM,
    TIME,
    WGS,
    actor_iri,
    article_iri,
    mention_iri,
    place_iri,
    report_iri,
    segment,
    type_iri,
)

Triple = tuple[Node, Node, Node]

UNIT = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}
PRECISION_OF_UNIT = {str(v): k for k, v in UNIT.items()}
ROLE = {"agent": KB.agentRole, "target": KB.targetRole, "participant": KB.participantRole}
ROLE_OF = {str(v): k for k, v in ROLE.items()}


def content_hash(text: str) -> str:
    """The sha1 of an article body, to tell a changed article from a re-read one."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _date(d) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


def actor_node(actor: ActorRef, report: URIRef | None, index: int) -> URIRef:
    """IRI of an actor as it takes part in one report.

    Unidentified actors get a node of their own per report, so two unnamed
    perpetrators are never the same node (and never a named actor).
    """
    if actor.unidentified:
        base = str(report) if report is not None else str(KBID) + "x"
        return URIRef(base.replace("/report/", "/actor/unidentified/", 1) + f"/{index}")
    return actor_iri(actor.id)


def time_triples(subject: URIRef, span: TimeSpan) -> list[Triple]:
    """Triples for when an event happened: a sem:Time node plus bounds on the subject."""
    out: list[Triple] = []
    t = URIRef(str(subject) + "/time")
    out += [
        (subject, SEM.hasTime, t),
        (t, RDF.type, SEM.Time),
        (t, RDF.type, TIME.GeneralDateTimeDescription),
        (t, KB.dateBasis, Literal(span.basis)),
    ]
    if span.text:
        out.append((t, KB.dateText, Literal(span.text)))
    if span.value:
        out.append((t, KB.dateValue, Literal(span.value)))
        out.append((subject, KB.dateValue, Literal(span.value)))
    if span.precision in UNIT:
        out.append((t, TIME.unitType, UNIT[span.precision]))
        out.append((subject, TIME.unitType, UNIT[span.precision]))
    if span.earliest:
        out.append((subject, SEM.hasEarliestBeginTimeStamp, _date(span.earliest)))
    if span.latest:
        out.append((subject, SEM.hasLatestEndTimeStamp, _date(span.latest)))
    return out


def role_triples(subject: URIRef, actors: Sequence[ActorRef]) -> list[Triple]:
    """sem:hasActor links plus one sem:Role node per actor and role."""
    out: list[Triple] = []
    for i, actor in enumerate(actors):
        node = actor_node(actor, subject if "/report/" in str(subject) else None, i)
        role = URIRef(f"{subject}/role/{i}")
        out += [
            (subject, SEM.hasActor, node),
            (subject, KB.hasRole, role),
            (role, RDF.type, SEM.Role),
            (role, RDF.value, node),
            (role, SEM.roleType, ROLE.get(actor.role, KB.participantRole)),
        ]
        if actor.text:
            out.append((role, KB.surfaceText, Literal(actor.text)))
    return out


def unidentified_actor_triples(report: URIRef, actors: Sequence[ActorRef]) -> list[Triple]:
    """Descriptions of the per-report unidentified actors (they live in the article graph)."""
    out: list[Triple] = []
    for i, actor in enumerate(actors):
        if not actor.unidentified:
            continue
        node = actor_node(actor, report, i)
        out += [
            (node, RDF.type, SEM.Actor),
            (node, SKOS.prefLabel, Literal(actor.name)),
            (node, KB.actorKind, Literal("unidentified")),
        ]
    return out


def article_triples(article: Article) -> list[Triple]:
    """The article node."""
    a = article_iri(article.id)
    out: list[Triple] = [
        (a, RDF.type, SCHEMA.NewsArticle),
        (a, RDF.type, PROV.Entity),
        (a, KB.articleId, Literal(article.id)),
        (a, KB.contentHash, Literal(content_hash(article.text))),
    ]
    if article.title:
        out.append((a, SCHEMA.headline, Literal(article.title)))
    if article.url:
        out.append((a, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.published:
        out.append((a, SCHEMA.datePublished, _date(article.published)))
    if article.path:
        out.append((a, KB.sourcePath, Literal(article.path)))
    if article.lang:
        out.append((a, SCHEMA.inLanguage, Literal(article.lang)))
    if article.outlet:
        out.append((a, KB.outletName, Literal(article.outlet)))
    return out


def outlet_link(article: Article, outlet_key: str | None) -> list[Triple]:
    """Links from an article to its outlet's canonical actor."""
    if not outlet_key:
        return []
    a = article_iri(article.id)
    o = actor_iri(outlet_key)
    return [(a, SCHEMA.publisher, o), (a, PROV.wasAttributedTo, o)]


def report_triples(event: Event, n: int, reporter_key: str | None = None) -> list[Triple]:
    """One event as one article reports it (kb:EventReport) plus its mention."""
    art = event.article
    r = report_iri(art.id, n)
    m = mention_iri(art.id, event.mention.start, event.mention.end)
    out: list[Triple] = [
        (r, RDF.type, KB.EventReport),
        (r, SEM.eventType, type_iri(event.type)),
        (r, KB.typeKey, Literal(event.type)),
        (r, KB.trigger, Literal(event.trigger)),
        (r, KB.certainty, Literal(event.certainty)),
        (r, KB.negated, Literal(bool(event.negated))),
        (r, GAF.denotedBy, m),
        (r, PROV.wasDerivedFrom, article_iri(art.id)),
        (m, RDF.type, KB.Mention),
        (m, NIF.referenceContext, article_iri(art.id)),
        (m, NIF.beginIndex, Literal(event.mention.start, datatype=XSD.nonNegativeInteger)),
        (m, NIF.endIndex, Literal(event.mention.end, datatype=XSD.nonNegativeInteger)),
        (m, NIF.anchorOf, Literal(event.mention.text)),
    ]
    for extra in event.other_mentions:
        em = mention_iri(art.id, extra.start, extra.end)
        out += [
            (r, GAF.denotedBy, em),
            (em, RDF.type, KB.Mention),
            (em, NIF.referenceContext, article_iri(art.id)),
            (em, NIF.beginIndex, Literal(extra.start, datatype=XSD.nonNegativeInteger)),
            (em, NIF.endIndex, Literal(extra.end, datatype=XSD.nonNegativeInteger)),
            (em, NIF.anchorOf, Literal(extra.text)),
        ]
    out += role_triples(r, event.actors)
    out += unidentified_actor_triples(r, event.actors)
    for place in event.places:
        out.append((r, SEM.hasPlace, place_iri(place.id)))
    out += time_triples(r, event.date)
    for key, value in sorted(event.quantities.items()):
        if key in ("killed", "injured", "arrested"):
            out.append((r, KB[key], Literal(int(value), datatype=XSD.integer)))
    if event.attribution.reported_by:
        out.append((r, KB.reportedByName, Literal(event.attribution.reported_by)))
        if reporter_key:
            out.append((r, PROV.wasAttributedTo, actor_iri(reporter_key)))
    if event.attribution.citing:
        out.append((r, KB.citing, Literal(event.attribution.citing)))
    return out


def place_triples(place: Place, gazetteer: Any = None) -> list[Triple]:
    """A canonical place with its whole containment chain (each ancestor described too)."""
    out: list[Triple] = []
    p = place_iri(place.id)
    out += [
        (p, RDF.type, SEM.Place),
        (p, RDFS.label, Literal(place.name)),
        (p, KB.placeId, Literal(place.id)),
        (p, KB.placeLevel, Literal(place.level)),
    ]
    if place.country:
        out.append((p, KB.countryCode, Literal(place.country)))
    if place.lat is not None and place.lon is not None:
        out.append((p, WGS.lat, Literal(round(place.lat, 5), datatype=XSD.decimal)))
        out.append((p, WGS.long, Literal(round(place.lon, 5), datatype=XSD.decimal)))
    if place.id.startswith("geonames:"):
        out.append((p, KB.geonamesId, Literal(place.id.split(":", 1)[1])))
    for i, parent in enumerate(place.within):
        out.append((p, GEO.sfWithin, place_iri(parent.id)))
        if i == 0:
            out.append((p, KB.parentPlace, place_iri(parent.id)))
        if gazetteer is not None:
            full = gazetteer.get(parent.id)
            if full is not None and full.id != place.id:
                out += [t for t in place_triples(full, None)]
    return out


def actor_triples(actor: Any) -> list[Triple]:
    """A canonical actor (kb.actors.CanonicalActor)."""
    a = actor_iri(actor.key)
    out: list[Triple] = [
        (a, RDF.type, SEM.Actor),
        (a, SKOS.prefLabel, Literal(actor.label)),
        (a, KB.actorKind, Literal(actor.kind)),
    ]
    if getattr(actor, "country", None):
        out.append((a, KB.country, Literal(actor.country)))
    for alias in getattr(actor, "aliases", ()) or ():
        if alias != actor.label:
            out.append((a, SKOS.altLabel, Literal(alias)))
    parent = getattr(actor, "parent", None)
    if parent:
        out.append((a, KB.parentOrganization, actor_iri(parent)))
    return out


def person_triples(actor: ActorRef) -> list[Triple]:
    """A person actor minted from the text (named, or known only by role)."""
    a = actor_iri(actor.id)
    out: list[Triple] = [
        (a, RDF.type, SEM.Actor),
        (a, SKOS.prefLabel, Literal(actor.name)),
        (a, KB.actorKind, Literal(actor.kind or "person")),
    ]
    if actor.country:
        out.append((a, KB.country, Literal(actor.country)))
    if actor.affiliation:
        out.append((a, KB.affiliation, actor_iri(actor.affiliation)))
    return out


def events_graph(events: Iterable[Event]) -> Graph:
    """The events of `kb extract --format ttl`: articles, reports, actors, places."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    seen_articles: set[str] = set()
    per_article: dict[str, int] = {}
    for event in events:
        if event.article.id not in seen_articles:
            seen_articles.add(event.article.id)
            for t in article_triples(event.article):
                g.add(t)
        n = per_article.get(event.article.id, 0)
        per_article[event.article.id] = n + 1
        for t in report_triples(event, n):
            g.add(t)
        for actor in event.actors:
            if not actor.unidentified:
                for t in person_triples(actor):
                    g.add(t)
        for place in event.places:
            for t in place_triples(place):
                g.add(t)
    return g


__all__ = [
    "article_triples",
    "report_triples",
    "place_triples",
    "actor_triples",
    "person_triples",
    "time_triples",
    "role_triples",
    "events_graph",
    "content_hash",
    "segment",
]
