"""Keep the store's incidents up to date: one sem:Event per real incident.

Every event report lives in its article's graph. Linking groups reports into
incidents (:mod:`kb.link.same`) and writes each incident into a graph of its own,
rewritten whole whenever its reports change. Only the incidents a new report
could join are read and rewritten, so linking cost does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kb.eventtypes import lineage, top_key
from kb.index import bucket_triples, incident_subjects, month_of
from kb.link.headline import headline
from kb.link.same import ReportInfo, components, reduce_places
from kb.model import Event, Place
from kb.namespaces import (
    GAF,
    KB,
    KBG,
    SEM,
    TIME,
    actor_iri,
    event_iri,
    key_from_iri,
    mention_iri,
    place_iri,
    report_iri,
    type_iri,
)
from kb.rdfmap import PRECISION_OF_UNIT, ROLE, ROLE_OF, UNIT
from kb.store.base import Store, Triple

_STATE_KINDS = ("state_military", "security_service", "government")
_LEVEL_RANK = {"city": 0, "district": 1, "border": 2, "region": 3, "country": 4}


def incident_graph(key: str) -> URIRef:
    """The named graph of one incident."""
    return KBG["event/" + key]


def place_display(place: Place) -> str:
    """ "Anbar (Iraq)" for a region, the plain name for a country or border."""
    if place.level in ("country", "border") or not place.within:
        return place.name
    return f"{place.name} ({place.within[-1].name})"


def summarize_places(
    places: Iterable[Place],
) -> tuple[set[str], set[str], set[str], dict[str, str]]:
    """What the linker needs of a report's places.

    Returns:
        (place IRIs, the IRIs with all their ancestors, the IRIs below country level,
        labels: IRI -> display name and ``"level:" + IRI`` -> level).
    """
    iris: set[str] = set()
    chain: set[str] = set()
    specific: set[str] = set()
    labels: dict[str, str] = {}
    for p in places:
        iri = str(place_iri(p.id))
        iris.add(iri)
        chain.add(iri)
        labels[iri] = place_display(p)
        labels["level:" + iri] = p.level
        chain.update(str(place_iri(w.id)) for w in p.within)
        if p.level != "country":
            specific.add(iri)
    return iris, chain, specific, labels


def infos_from_events(events: Sequence[Event], numbering: dict[str, int]) -> list[ReportInfo]:
    """ReportInfo for freshly extracted events (numbered per article as stored)."""
    out: list[ReportInfo] = []
    for ev in events:
        n = numbering[ev.id]
        places, chain, specific, labels = summarize_places(ev.places)
        named = [a for a in ev.actors if not a.unidentified]
        for a in ev.actors:
            labels[str(actor_iri(a.id))] = a.name
        unidentified = [a for a in ev.actors if a.unidentified and a.role == "agent"]
        if unidentified:
            labels["unidentified"] = _unidentified_label(unidentified[0].text or "")
        info = ReportInfo(
            iri=str(report_iri(ev.article.id, n)),
            article=ev.article.id,
            type=ev.type,
            top=top_key(ev.type),
            types=tuple(ev.types),
            negated=ev.negated,
            certainty=ev.certainty,
            earliest=ev.date.earliest,
            latest=ev.date.latest,
            precision=ev.date.precision,
            basis=ev.date.basis,
            date_value=ev.date.value,
            date_text=ev.date.text,
            published=ev.article.published,
            outlet=ev.article.outlet,
            agents=frozenset(str(actor_iri(a.id)) for a in named if a.role == "agent"),
            targets=frozenset(str(actor_iri(a.id)) for a in named if a.role == "target"),
            participants=frozenset(str(actor_iri(a.id)) for a in named if a.role == "participant"),
            affiliations=frozenset(
                str(actor_iri(a.affiliation)) for a in named if a.role == "target" and a.affiliation
            ),
            unidentified_agent=bool(unidentified),
            places=frozenset(places),
            place_chain=frozenset(chain),
            specific_places=frozenset(specific),
            quantities=dict(ev.quantities),
            labels=labels,
            mention=str(mention_iri(ev.article.id, ev.mention.start, ev.mention.end)),
        )
        parents = {
            str(place_iri(p.id)): {str(place_iri(w.id)) for w in p.within} for p in ev.places
        }
        reduce_places(info, parents)
        out.append(info)
    return out


def _unidentified_label(text: str) -> str:
    words = text.lower()
    for thing in ("drone", "aircraft", "warplane", "gunmen", "assailants", "attackers"):
        if thing in words:
            return "Unidentified " + thing
    return "Unidentified attackers"


# --- reading reports back from the store -----------------------------------------
_Q_SCALARS = """
SELECT ?r ?type ?article ?neg ?cert ?e ?l ?unit ?basis ?value ?text ?pub ?outlet ?ev
       ?killed ?injured ?arrested ?mention WHERE {
  ?r a kb:EventReport ; kb:typeKey ?type ; prov:wasDerivedFrom ?a ; kb:negated ?neg ;
     kb:certainty ?cert ; gaf:denotedBy ?mention .
  ?a kb:articleId ?article .
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  OPTIONAL { ?r sem:hasLatestEndTimeStamp ?l }
  OPTIONAL { ?r time:unitType ?unit }
  OPTIONAL { ?r sem:hasTime ?t . ?t kb:dateBasis ?basis . OPTIONAL { ?t kb:dateValue ?value }
             OPTIONAL { ?t kb:dateText ?text } }
  OPTIONAL { ?a schema:datePublished ?pub }
  OPTIONAL { ?a kb:outletName ?outlet }
  OPTIONAL { ?ev kb:hasReport ?r }
  OPTIONAL { ?r kb:killed ?killed } OPTIONAL { ?r kb:injured ?injured }
  OPTIONAL { ?r kb:arrested ?arrested }
}"""
_Q_ACTORS = """
SELECT ?r ?actor ?roleType ?label ?kind ?affiliation ?country ?surface WHERE {
  ?r kb:hasRole ?role . ?role rdf:value ?actor ; sem:roleType ?roleType .
  OPTIONAL { ?role kb:surfaceText ?surface }
  OPTIONAL { ?actor skos:prefLabel ?label }
  OPTIONAL { ?actor kb:actorKind ?kind }
  OPTIONAL { ?actor kb:affiliation ?affiliation }
  OPTIONAL { ?actor kb:country ?country }
}"""
_Q_PLACES = """
SELECT ?r ?place ?label ?level ?anc ?ancLevel ?ancLabel WHERE {
  ?r sem:hasPlace ?place .
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place kb:placeLevel ?level }
  OPTIONAL { ?place geo:sfWithin ?anc . OPTIONAL { ?anc kb:placeLevel ?ancLevel }
             OPTIONAL { ?anc rdfs:label ?ancLabel } }
}"""


def load_reports(store: Store, iris: Iterable[str]) -> list[ReportInfo]:
    """Read reports back from the store as ReportInfo."""
    iris = sorted(set(iris))
    if not iris:
        return []
    out: dict[str, ReportInfo] = {}
    for start in range(0, len(iris), 500):
        chunk = [URIRef(i) for i in iris[start : start + 500]]
        _load_chunk(store, chunk, out)
    return [out[i] for i in iris if i in out]


def _load_chunk(store: Store, chunk: list[URIRef], out: dict[str, ReportInfo]) -> None:
    for row in store.select_values(_Q_SCALARS, {"r": chunk}):
        iri = str(row["r"])
        if iri in out:
            continue
        unit = row.get("unit")
        q = {}
        for k in ("killed", "injured", "arrested"):
            if row.get(k) is not None:
                q[k] = int(row[k])  # type: ignore[arg-type]
        key = str(row["type"])
        out[iri] = ReportInfo(
            iri=iri,
            article=str(row["article"]),
            type=key,
            top=top_key(key),
            types=tuple(lineage(key)),
            negated=str(row["neg"]).lower() == "true",
            certainty=str(row["cert"]),
            earliest=_d(row.get("e")),
            latest=_d(row.get("l")),
            precision=PRECISION_OF_UNIT.get(str(unit)) if unit is not None else None,
            basis=str(row["basis"]) if row.get("basis") is not None else "unknown",
            date_value=str(row["value"]) if row.get("value") is not None else None,
            date_text=str(row["text"]) if row.get("text") is not None else None,
            published=_d(row.get("pub")),
            outlet=str(row["outlet"]) if row.get("outlet") is not None else None,
            quantities=q,
            mention=str(row["mention"]),
            incident=str(row["ev"]) if row.get("ev") is not None else None,
        )
    roles: dict[str, dict[str, set[str]]] = {}
    for row in store.select_values(_Q_ACTORS, {"r": chunk}):
        iri = str(row["r"])
        if iri not in out:
            continue
        info = out[iri]
        actor = str(row["actor"])
        role = ROLE_OF.get(str(row["roleType"]), "participant")
        kind = str(row["kind"]) if row.get("kind") is not None else None
        if row.get("label") is not None:
            info.labels[actor] = str(row["label"])
        if kind == "unidentified":
            if role == "agent":
                info.unidentified_agent = True
                info.labels["unidentified"] = _unidentified_label(
                    str(row.get("surface") or row.get("label") or "")
                )
            continue
        roles.setdefault(iri, {}).setdefault(role, set()).add(actor)
        if role == "target" and row.get("affiliation") is not None:
            info.affiliations = info.affiliations | {str(row["affiliation"])}
        if role == "target" and row.get("country") is not None and kind in _STATE_KINDS:
            info.affiliations = info.affiliations | {"country:" + str(row["country"])}
    for iri, by_role in roles.items():
        info = out[iri]
        info.agents = frozenset(by_role.get("agent", ()))
        info.targets = frozenset(by_role.get("target", ()))
        info.participants = frozenset(by_role.get("participant", ()))
    chains: dict[str, set[str]] = {}
    place_parents: dict[str, dict[str, set[str]]] = {}
    for row in store.select_values(_Q_PLACES, {"r": chunk}):
        iri = str(row["r"])
        if iri not in out:
            continue
        info = out[iri]
        place = str(row["place"])
        info.places = info.places | {place}
        chain = chains.setdefault(iri, set())
        chain.add(place)
        level = str(row["level"]) if row.get("level") is not None else "country"
        info.labels["level:" + place] = level
        if level != "country":
            info.specific_places = info.specific_places | {place}
        label = str(row["label"]) if row.get("label") is not None else key_from_iri(place)
        if row.get("anc") is not None:
            chain.add(str(row["anc"]))
            place_parents.setdefault(iri, {}).setdefault(place, set()).add(str(row["anc"]))
            if str(row.get("ancLevel")) == "country" and level not in ("country", "border"):
                label = f"{label} ({row['ancLabel']})"
        if place not in info.labels or "(" in label:
            info.labels[place] = label
    for iri, chain in chains.items():
        out[iri].place_chain = frozenset(chain)
    for iri, parents in place_parents.items():
        reduce_places(out[iri], parents)


def _d(term) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(str(term)[:10])
    except ValueError:
        return None


# --- candidates -------------------------------------------------------------------
_Q_AT = """
SELECT DISTINCT ?r WHERE {
  ?r sem:hasPlace ?p ; a kb:EventReport ; sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
}"""
_Q_BELOW = """
SELECT DISTINCT ?r WHERE {
  ?q geo:sfWithin ?p . ?r sem:hasPlace ?q ; a kb:EventReport ; sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
}"""
_Q_BY_ACTOR = """
SELECT DISTINCT ?r WHERE {
  ?r sem:hasActor ?a ; a kb:EventReport ; sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
}"""
_Q_OF_ARTICLE = """
SELECT DISTINCT ?r ?ev WHERE {
  ?r prov:wasDerivedFrom ?a ; a kb:EventReport .
  OPTIONAL { ?ev kb:hasReport ?r }
}"""
_Q_INCIDENT_REPORTS = """
SELECT DISTINCT ?ev ?r WHERE { ?ev kb:hasReport ?r }"""


def candidate_reports(store: Store, infos: Sequence[ReportInfo]) -> set[str]:
    """Stored reports that could be the same incident as any of `infos`."""
    dated = [i for i in infos if i.latest is not None]
    if not dated:
        return set()
    lo = min((i.interval()[0] or i.latest) for i in dated)  # type: ignore[type-var]
    hi = max(i.latest for i in dated)  # type: ignore[type-var]
    bounds = {
        "lo": Literal(lo.isoformat(), datatype=XSD.date),
        "hi": Literal(hi.isoformat(), datatype=XSD.date),
    }
    at = sorted({p for i in dated for p in i.place_chain})
    below = sorted({p for i in dated for p in i.places})
    actors = sorted({a for i in dated if not i.places for a in i.agents | i.targets})
    found: set[str] = set()
    for query, values in ((_Q_AT, at), (_Q_BELOW, below)):
        for start in range(0, len(values), 400):
            chunk = [URIRef(v) for v in values[start : start + 400]]
            for row in store.select_values(query, {"p": chunk, **bounds}):
                found.add(str(row["r"]))
    for start in range(0, len(actors), 400):
        chunk = [URIRef(v) for v in actors[start : start + 400]]
        for row in store.select_values(_Q_BY_ACTOR, {"a": chunk, **bounds}):
            found.add(str(row["r"]))
    return found


def incident_members(store: Store, incidents: Iterable[str]) -> dict[str, set[str]]:
    """Report IRIs of each stored incident."""
    incidents = sorted(set(incidents))
    out: dict[str, set[str]] = {}
    for start in range(0, len(incidents), 400):
        chunk = [URIRef(v) for v in incidents[start : start + 400]]
        for row in store.select_values(_Q_INCIDENT_REPORTS, {"ev": chunk}):
            out.setdefault(str(row["ev"]), set()).add(str(row["r"]))
    return out


def reports_of_articles(store: Store, article_iris: Iterable[URIRef]) -> tuple[set[str], set[str]]:
    """(report IRIs, incident IRIs) currently stored for some articles."""
    reports: set[str] = set()
    incidents: set[str] = set()
    arts = sorted(set(article_iris))
    for start in range(0, len(arts), 400):
        for row in store.select_values(_Q_OF_ARTICLE, {"a": arts[start : start + 400]}):
            reports.add(str(row["r"]))
            if row.get("ev") is not None:
                incidents.add(str(row["ev"]))
    return reports, incidents


# --- building incidents -------------------------------------------------------------
@dataclass
class LinkResult:
    """What one linking pass changed."""

    incidents_written: int = 0
    incidents_dropped: int = 0
    reports_linked: int = 0


def incident_key(reports: Sequence[ReportInfo]) -> str:
    """A stable key for a group of reports: derived from its smallest report IRI."""
    first = min(r.iri for r in reports)
    return "e-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:16]


def _vote_type(reports: Sequence[ReportInfo]) -> str:
    asserted = [r for r in reports if not r.negated] or list(reports)
    counts = Counter(r.type for r in asserted)
    # Acts beat their outcomes: a strike that killed is a strike.
    return max(
        counts,
        key=lambda k: (top_key(k) != "killing", counts[k], len(lineage(k)), k),
    )


def _best_date(reports: Sequence[ReportInfo]) -> ReportInfo:
    rank = {"day": 0, "month": 1, "year": 2, None: 3}
    basis_rank = {"explicit": 0, "relative": 1, "publication": 2, "unknown": 3}
    return min(
        reports,
        key=lambda r: (
            rank.get(r.precision, 3),
            basis_rank.get(r.basis, 3),
            r.latest or dt.date.max,
            r.iri,
        ),
    )


def incident_triples(reports: Sequence[ReportInfo]) -> tuple[str, list[Triple]]:
    """The incident node for a group of reports: consensus values plus every report."""
    key = incident_key(reports)
    ev = event_iri(key)
    type_key = _vote_type(reports)
    negated = all(r.negated for r in reports)
    certainty = (
        "asserted"
        if any(r.certainty == "asserted" and not r.negated for r in reports)
        else ("hedged")
    )
    out: list[Triple] = [
        (ev, RDF.type, SEM.Event),
        (ev, SEM.eventType, type_iri(type_key)),
        (ev, KB.typeKey, Literal(type_key)),
        (ev, KB.certainty, Literal(certainty)),
        (ev, KB.negated, Literal(negated)),
    ]
    # Roles: each named actor once, in the role most reports give it.
    role_votes: dict[str, Counter[str]] = {}
    labels: dict[str, str] = {}
    for r in reports:
        labels.update(r.labels)
        for role, members in (
            ("agent", r.agents),
            ("target", r.targets),
            ("participant", r.participants),
        ):
            for a in members:
                role_votes.setdefault(a, Counter())[role] += 1
    roles: list[tuple[str, str]] = []
    for actor in sorted(role_votes):
        votes = role_votes[actor]
        role = max(votes, key=lambda k: (votes[k], k == "agent", k))
        roles.append((actor, role))
    if any(r.unidentified_agent for r in reports) and not any(role == "agent" for _, role in roles):
        unid = URIRef(f"{ev}/unidentified")
        out += [
            (unid, RDF.type, SEM.Actor),
            (unid, KB.actorKind, Literal("unidentified")),
            (unid, SKOS.prefLabel, Literal(labels.get("unidentified", "Unidentified attackers"))),
        ]
        roles.insert(0, (str(unid), "agent"))
        labels[str(unid)] = labels.get("unidentified", "Unidentified attackers")
    for i, (actor, role) in enumerate(roles):
        node = URIRef(f"{ev}/role/{i}")
        out += [
            (ev, SEM.hasActor, URIRef(actor)),
            (ev, KB.hasRole, node),
            (node, RDF.type, SEM.Role),
            (node, RDF.value, URIRef(actor)),
            (node, SEM.roleType, ROLE[role]),
        ]
    places = sorted({p for r in reports for p in r.places})
    for p in places:
        out.append((ev, SEM.hasPlace, URIRef(p)))
    best = _best_date(reports)
    t = URIRef(f"{ev}/time")
    out += [
        (ev, SEM.hasTime, t),
        (t, RDF.type, SEM.Time),
        (t, RDF.type, TIME.GeneralDateTimeDescription),
        (t, KB.dateBasis, Literal(best.basis)),
    ]
    if best.date_text:
        out.append((t, KB.dateText, Literal(best.date_text)))
    if best.date_value:
        out += [
            (ev, KB.dateValue, Literal(best.date_value)),
            (t, KB.dateValue, Literal(best.date_value)),
        ]
    if best.precision in UNIT:
        out += [(ev, TIME.unitType, UNIT[best.precision]), (t, TIME.unitType, UNIT[best.precision])]
    earliest, latest = best.earliest, best.latest
    if best.basis == "unknown":
        # "Earlier reports said ...": before publication, but no date to show or sort by.
        earliest = latest = None
    if earliest:
        out.append(
            (ev, SEM.hasEarliestBeginTimeStamp, Literal(earliest.isoformat(), datatype=XSD.date))
        )
    if latest:
        out.append((ev, SEM.hasLatestEndTimeStamp, Literal(latest.isoformat(), datatype=XSD.date)))
    # Month buckets (kb.index): named actors and every place of the chain.
    subjects = incident_subjects(
        (actor for actor, _ in roles if not actor.startswith(str(ev))),
        places,
        (p for r in reports for p in r.place_chain),
    )
    out += bucket_triples(ev, subjects, month_of(earliest, latest))
    quantities: dict[str, int] = {}
    for r in reports:
        for k, v in r.quantities.items():
            quantities[k] = max(quantities.get(k, 0), v)
    for k, v in sorted(quantities.items()):
        out.append((ev, KB[k], Literal(v, datatype=XSD.integer)))
    articles = {r.article for r in reports}
    outlets = {r.outlet for r in reports if r.outlet}
    out += [
        (ev, KB.sourceCount, Literal(len(articles), datatype=XSD.integer)),
        (ev, KB.outletCount, Literal(len(outlets), datatype=XSD.integer)),
    ]
    published = [r.published for r in reports if r.published]
    if published:
        out.append((ev, KB.firstSeen, Literal(min(published).isoformat(), datatype=XSD.date)))
    for r in reports:
        out.append((ev, KB.hasReport, URIRef(r.iri)))
        if r.mention:
            out.append((ev, GAF.denotedBy, URIRef(r.mention)))
    # Headline from the consensus.
    by_role = {"agent": [], "target": [], "participant": []}  # type: dict[str, list[str]]
    for actor, role in roles:
        by_role[role].append(labels.get(actor, key_from_iri(actor)))
    ranked = sorted(
        places, key=lambda p: (_LEVEL_RANK.get(labels.get("level:" + p, "country"), 4), p)
    )
    text = headline(
        type_key,
        by_role["agent"],
        by_role["target"],
        by_role["participant"],
        [labels.get(p, key_from_iri(p)) for p in ranked],
        negated=negated,
    )
    out.append((ev, RDFS.label, Literal(text)))
    return key, out


def relink(store: Store, new: Sequence[ReportInfo], touched: Iterable[str] = ()) -> LinkResult:
    """Regroup the new reports with the stored reports they could match; rewrite incidents.

    Args:
        store: the store (the new reports' article graphs are already written).
        new: reports just written.
        touched: incident IRIs whose reports changed (re-ingested or removed articles).
    """
    result = LinkResult()
    touched_set = set(touched)
    new_iris = {n.iri for n in new}
    candidates = candidate_reports(store, new)
    candidates.update(r.iri for r in new)
    members = incident_members(store, touched_set)
    for reps in members.values():
        candidates.update(reps)
    infos = {r.iri: r for r in load_reports(store, candidates)}
    # Whole incidents come along: an incident is rebuilt from all of its reports.
    more = incident_members(store, {r.incident for r in infos.values() if r.incident})
    extra = {i for reps in more.values() for i in reps} - set(infos)
    for r in load_reports(store, extra):
        infos[r.iri] = r
    for r in new:
        if r.iri in infos:
            stored = infos[r.iri]
            r.incident = stored.incident
            infos[r.iri] = r
    old_incidents = {r.incident for r in infos.values() if r.incident} | set(members) | touched_set
    groups = components(list(infos.values()))
    graphs: dict[URIRef, list[Triple]] = {}
    kept: set[str] = set()
    for group in groups:
        key, triples = incident_triples(group)
        iri = str(event_iri(key))
        kept.add(iri)
        unchanged = all(r.incident == iri for r in group) and len(more.get(iri, ())) == len(group)
        forced = any(r.incident in touched_set for r in group)
        if unchanged and not forced and not any(r.iri in new_iris for r in group):
            continue
        graphs[incident_graph(key)] = triples
        result.reports_linked += len(group)
    drop = [incident_graph(key_from_iri(i)) for i in old_incidents - kept]
    if graphs or drop:
        store.replace_graphs(graphs, drop=drop)
    result.incidents_written = len(graphs)
    result.incidents_dropped = len(drop)
    return result
