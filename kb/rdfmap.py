"""Map kb's plain data (articles, events, incidents, actors, places) to RDF triples.

The vocabulary is documented in ``docs/rdf-model.md``. Extraction never touches
rdflib; this module is the one place that knows how events become triples.

Each mapping is written once, building pyoxigraph terms (the ``*_ox`` functions, the
ingest hot path: the embedded store takes them as they are). The public functions
without the suffix return the same triples as rdflib terms.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kb.model import ActorRef, Article, Event, Place, TimeSpan

# UNIT, ROLE and their inverses live with the namespaces, so that readers (timelines)
# get them without importing this module; re-exported here for the writers.
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
from kb.namespaces import PRECISION_OF_UNIT as PRECISION_OF_UNIT
from kb.namespaces import ROLE as ROLE
from kb.namespaces import ROLE_OF as ROLE_OF
from kb.namespaces import UNIT as UNIT
from kb.store.oxterms import (
    XSD_ANY_URI,
    XSD_DECIMAL,
    XSD_NON_NEGATIVE_INTEGER,
    OxNamespace,
    OxTriple,
    bool_lit,
    date_lit,
    int_lit,
    iri,
    lit,
    to_rdflib,
)

Triple = tuple[Node, Node, Node]

# The same vocabulary as pyoxigraph terms (built once).
KBO = OxNamespace(KB)
SEMO = OxNamespace(SEM)
TIMEO = OxNamespace(TIME)
RDFO = OxNamespace(RDF)
RDFSO = OxNamespace(RDFS)
SKOSO = OxNamespace(SKOS)
PROVO = OxNamespace(PROV)
SCHEMAO = OxNamespace(SCHEMA)
NIFO = OxNamespace(NIF)
GAFO = OxNamespace(GAF)
GEOO = OxNamespace(GEO)
WGSO = OxNamespace(WGS)
A = RDFO.type
UNIT_OX = {k: iri(str(v)) for k, v in UNIT.items()}
ROLE_OX = {k: iri(str(v)) for k, v in ROLE.items()}
_QUANTITIES = ("killed", "injured", "arrested")


def content_hash(text: str) -> str:
    """The sha1 of an article body, to tell a changed article from a re-read one."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=65536)
def actor_node_ox(key: str) -> ox.NamedNode:
    """The IRI of a canonical actor as a pyoxigraph term."""
    return ox.NamedNode(str(actor_iri(key)))


@lru_cache(maxsize=65536)
def place_node_ox(place_id: str) -> ox.NamedNode:
    """The IRI of a gazetteer place as a pyoxigraph term."""
    return ox.NamedNode(str(place_iri(place_id)))


@lru_cache(maxsize=4096)
def type_node_ox(key: str) -> ox.NamedNode:
    """The IRI of an event-type concept as a pyoxigraph term."""
    return ox.NamedNode(str(type_iri(key)))


def _actor_node_ox(actor: ActorRef, report: str | None, index: int) -> ox.NamedNode:
    if actor.unidentified:
        base = report if report is not None else str(KBID) + "x"
        return ox.NamedNode(base.replace("/report/", "/actor/unidentified/", 1) + f"/{index}")
    return actor_node_ox(actor.id)


def actor_node(actor: ActorRef, report: Node | None, index: int) -> Node:
    """IRI of an actor as it takes part in one report.

    Unidentified actors get a node of their own per report, so two unnamed
    perpetrators are never the same node (and never a named actor).
    """
    return URIRef(_actor_node_ox(actor, str(report) if report is not None else None, index).value)


def time_triples_ox(subject: ox.NamedNode, span: TimeSpan) -> list[OxTriple]:
    """:func:`time_triples` as pyoxigraph terms."""
    t = ox.NamedNode(subject.value + "/time")
    out: list[OxTriple] = [
        (subject, SEMO.hasTime, t),
        (t, A, SEMO.Time),
        (t, A, TIMEO.GeneralDateTimeDescription),
        (t, KBO.dateBasis, lit(span.basis)),
    ]
    if span.text:
        out.append((t, KBO.dateText, lit(span.text)))
    if span.value:
        value = lit(span.value)
        out.append((t, KBO.dateValue, value))
        out.append((subject, KBO.dateValue, value))
    unit = UNIT_OX.get(span.precision)  # type: ignore[arg-type]
    if unit is not None:
        out.append((t, TIMEO.unitType, unit))
        out.append((subject, TIMEO.unitType, unit))
    if span.earliest:
        out.append((subject, SEMO.hasEarliestBeginTimeStamp, date_lit(span.earliest)))
    if span.latest:
        out.append((subject, SEMO.hasLatestEndTimeStamp, date_lit(span.latest)))
    return out


def time_triples(subject: Node, span: TimeSpan) -> list[Triple]:
    """Triples for when an event happened: a sem:Time node plus bounds on the subject."""
    return to_rdflib(time_triples_ox(ox.NamedNode(str(subject)), span))


def role_triples_ox(subject: ox.NamedNode, actors: Sequence[ActorRef]) -> list[OxTriple]:
    """:func:`role_triples` as pyoxigraph terms."""
    out: list[OxTriple] = []
    s = subject.value
    report = s if "/report/" in s else None
    for i, actor in enumerate(actors):
        node = _actor_node_ox(actor, report, i)
        role = ox.NamedNode(f"{s}/role/{i}")
        out += [
            (subject, SEMO.hasActor, node),
            (subject, KBO.hasRole, role),
            (role, A, SEMO.Role),
            (role, RDFO.value, node),
            (role, SEMO.roleType, ROLE_OX.get(actor.role, KBO.participantRole)),
        ]
        if actor.text:
            out.append((role, KBO.surfaceText, lit(actor.text)))
    return out


def role_triples(subject: Node, actors: Sequence[ActorRef]) -> list[Triple]:
    """sem:hasActor links plus one sem:Role node per actor and role."""
    return to_rdflib(role_triples_ox(ox.NamedNode(str(subject)), actors))


def unidentified_actor_triples_ox(report: str, actors: Sequence[ActorRef]) -> list[OxTriple]:
    """:func:`unidentified_actor_triples` as pyoxigraph terms."""
    out: list[OxTriple] = []
    for i, actor in enumerate(actors):
        if not actor.unidentified:
            continue
        node = _actor_node_ox(actor, report, i)
        out += [
            (node, A, SEMO.Actor),
            (node, SKOSO.prefLabel, lit(actor.name)),
            (node, KBO.actorKind, lit("unidentified")),
        ]
    return out


def unidentified_actor_triples(report: Node, actors: Sequence[ActorRef]) -> list[Triple]:
    """Descriptions of the per-report unidentified actors (they live in the article graph)."""
    return to_rdflib(unidentified_actor_triples_ox(str(report), actors))


def article_triples_ox(article: Article) -> list[OxTriple]:
    """:func:`article_triples` as pyoxigraph terms."""
    a = ox.NamedNode(str(article_iri(article.id)))
    out: list[OxTriple] = [
        (a, A, SCHEMAO.NewsArticle),
        (a, A, PROVO.Entity),
        (a, KBO.articleId, lit(article.id)),
        (a, KBO.contentHash, lit(content_hash(article.text))),
    ]
    if article.title:
        out.append((a, SCHEMAO.headline, lit(article.title)))
    if article.url:
        out.append((a, SCHEMAO.url, ox.Literal(article.url, datatype=XSD_ANY_URI)))
    if article.published:
        out.append((a, SCHEMAO.datePublished, date_lit(article.published)))
    if article.path:
        out.append((a, KBO.sourcePath, lit(article.path)))
    if article.lang:
        out.append((a, SCHEMAO.inLanguage, lit(article.lang)))
    if article.outlet:
        out.append((a, KBO.outletName, lit(article.outlet)))
    return out


def article_triples(article: Article) -> list[Triple]:
    """The article node."""
    return to_rdflib(article_triples_ox(article))


def outlet_link_ox(article: Article, outlet_key: str | None) -> list[OxTriple]:
    """:func:`outlet_link` as pyoxigraph terms."""
    if not outlet_key:
        return []
    a = ox.NamedNode(str(article_iri(article.id)))
    o = actor_node_ox(outlet_key)
    return [(a, SCHEMAO.publisher, o), (a, PROVO.wasAttributedTo, o)]


def outlet_link(article: Article, outlet_key: str | None) -> list[Triple]:
    """Links from an article to its outlet's canonical actor."""
    return to_rdflib(outlet_link_ox(article, outlet_key))


def _mention_triples(
    r: ox.NamedNode, art: ox.NamedNode, article_id: str, start: int, end: int, text: str
) -> list[OxTriple]:
    m = ox.NamedNode(str(mention_iri(article_id, start, end)))
    return [
        (r, GAFO.denotedBy, m),
        (m, A, KBO.Mention),
        (m, NIFO.referenceContext, art),
        (m, NIFO.beginIndex, int_lit(start, XSD_NON_NEGATIVE_INTEGER)),
        (m, NIFO.endIndex, int_lit(end, XSD_NON_NEGATIVE_INTEGER)),
        (m, NIFO.anchorOf, lit(text)),
    ]


def report_triples_ox(event: Event, n: int, reporter_key: str | None = None) -> list[OxTriple]:
    """:func:`report_triples` as pyoxigraph terms."""
    art_id = event.article.id
    r = ox.NamedNode(str(report_iri(art_id, n)))
    a = ox.NamedNode(str(article_iri(art_id)))
    out: list[OxTriple] = [
        (r, A, KBO.EventReport),
        (r, SEMO.eventType, type_node_ox(event.type)),
        (r, KBO.typeKey, lit(event.type)),
        (r, KBO.trigger, lit(event.trigger)),
        (r, KBO.certainty, lit(event.certainty)),
        (r, KBO.negated, bool_lit(bool(event.negated))),
        (r, PROVO.wasDerivedFrom, a),
    ]
    mention = event.mention
    out += _mention_triples(r, a, art_id, mention.start, mention.end, mention.text)
    for extra in event.other_mentions:
        out += _mention_triples(r, a, art_id, extra.start, extra.end, extra.text)
    out += role_triples_ox(r, event.actors)
    out += unidentified_actor_triples_ox(r.value, event.actors)
    for place in event.places:
        out.append((r, SEMO.hasPlace, place_node_ox(place.id)))
    out += time_triples_ox(r, event.date)
    for key, value in sorted(event.quantities.items()):
        if key in _QUANTITIES:
            out.append((r, KBO[key], int_lit(value)))
    if event.attribution.reported_by:
        out.append((r, KBO.reportedByName, lit(event.attribution.reported_by)))
        if reporter_key:
            out.append((r, PROVO.wasAttributedTo, actor_node_ox(reporter_key)))
    if event.attribution.citing:
        out.append((r, KBO.citing, lit(event.attribution.citing)))
    return out


def report_triples(event: Event, n: int, reporter_key: str | None = None) -> list[Triple]:
    """One event as one article reports it (kb:EventReport) plus its mention."""
    return to_rdflib(report_triples_ox(event, n, reporter_key))


@lru_cache(maxsize=8192)
def _decimal(value: float) -> ox.Literal:
    # rdflib's lexical form of a float typed xsd:decimal (what kb has always written).
    return ox.Literal(str(Literal(value, datatype=XSD.decimal)), datatype=XSD_DECIMAL)


def place_triples_ox(place: Place, gazetteer: Any = None) -> list[OxTriple]:
    """:func:`place_triples` as pyoxigraph terms."""
    p = place_node_ox(place.id)
    out: list[OxTriple] = [
        (p, A, SEMO.Place),
        (p, RDFSO.label, lit(place.name)),
        (p, KBO.placeId, lit(place.id)),
        (p, KBO.placeLevel, lit(place.level)),
    ]
    if place.country:
        out.append((p, KBO.countryCode, lit(place.country)))
    if place.lat is not None and place.lon is not None:
        out.append((p, WGSO.lat, _decimal(round(place.lat, 5))))
        out.append((p, WGSO.long, _decimal(round(place.lon, 5))))
    if place.id.startswith("geonames:"):
        out.append((p, KBO.geonamesId, lit(place.id.split(":", 1)[1])))
    for i, parent in enumerate(place.within):
        parent_node = place_node_ox(parent.id)
        out.append((p, GEOO.sfWithin, parent_node))
        if i == 0:
            out.append((p, KBO.parentPlace, parent_node))
        if gazetteer is not None:
            full = gazetteer.get(parent.id)
            if full is not None and full.id != place.id:
                out += place_triples_ox(full, None)
                # (a named area across countries, "Kashmir", lies in one the place is not in)
                for grand in full.within:
                    if grand.id != place.id and all(grand.id != w.id for w in place.within):
                        other = gazetteer.get(grand.id)
                        if other is not None:
                            out += place_triples_ox(other, None)
    return out


def place_triples(place: Place, gazetteer: Any = None) -> list[Triple]:
    """A canonical place with its whole containment chain (each ancestor described too)."""
    return to_rdflib(place_triples_ox(place, gazetteer))


def actor_triples_ox(actor: Any) -> list[OxTriple]:
    """:func:`actor_triples` as pyoxigraph terms."""
    a = actor_node_ox(actor.key)
    out: list[OxTriple] = [
        (a, A, SEMO.Actor),
        (a, SKOSO.prefLabel, lit(actor.label)),
        (a, KBO.actorKind, lit(actor.kind)),
    ]
    if getattr(actor, "country", None):
        out.append((a, KBO.country, lit(actor.country)))
    for alias in getattr(actor, "aliases", ()) or ():
        if alias != actor.label:
            out.append((a, SKOSO.altLabel, lit(alias)))
    parent = getattr(actor, "parent", None)
    if parent:
        out.append((a, KBO.parentOrganization, actor_node_ox(parent)))
    return out


def actor_triples(actor: Any) -> list[Triple]:
    """A canonical actor (kb.actors.CanonicalActor)."""
    return to_rdflib(actor_triples_ox(actor))


def person_triples_ox(actor: ActorRef) -> list[OxTriple]:
    """:func:`person_triples` as pyoxigraph terms."""
    a = actor_node_ox(actor.id)
    out: list[OxTriple] = [
        (a, A, SEMO.Actor),
        (a, SKOSO.prefLabel, lit(actor.name)),
        (a, KBO.actorKind, lit(actor.kind or "person")),
    ]
    if actor.country:
        out.append((a, KBO.country, lit(actor.country)))
    if actor.affiliation:
        out.append((a, KBO.affiliation, actor_node_ox(actor.affiliation)))
    return out


def person_triples(actor: ActorRef) -> list[Triple]:
    """A person actor minted from the text (named, or known only by role)."""
    return to_rdflib(person_triples_ox(actor))


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
