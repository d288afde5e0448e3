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
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kb.eventtypes import lineage, top_key
from kb.index import IN_BUCKET, buckets, incident_subjects, month_of
from kb.link.headline import headline
from kb.link.same import DATE_TOLERANCE_DAYS, ReportInfo, components, family, reduce_places
from kb.model import Event, Place
from kb.namespaces import (
    KBG,
    actor_iri,
    event_iri,
    key_from_iri,
    mention_iri,
    place_iri,
    report_iri,
)
from kb.rdfmap import (
    GAFO,
    KBO,
    PRECISION_OF_UNIT,
    RDFO,
    RDFSO,
    ROLE_OF,
    ROLE_OX,
    SEMO,
    SKOSO,
    TIMEO,
    UNIT_OX,
    A,
    type_node_ox,
)
from kb.store.base import Store, Triple
from kb.store.oxterms import OxTriple, bool_lit, date_lit, int_lit, iri, lit, to_rdflib

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
        node = _place_str(p.id)
        iris.add(node)
        chain.add(node)
        labels[node] = place_display(p)
        labels["level:" + node] = p.level
        chain.update(_place_str(w.id) for w in p.within)
        if p.level != "country":
            specific.add(node)
    return iris, chain, specific, labels


@lru_cache(maxsize=65536)
def _place_str(place_id: str) -> str:
    return str(place_iri(place_id))


@lru_cache(maxsize=65536)
def _actor_str(key: str) -> str:
    return str(actor_iri(key))


def infos_from_events(events: Sequence[Event], numbering: dict[str, int]) -> list[ReportInfo]:
    """ReportInfo for freshly extracted events (numbered per article as stored)."""
    out: list[ReportInfo] = []
    for ev in events:
        n = numbering[ev.id]
        places, chain, specific, labels = summarize_places(ev.places)
        named = [a for a in ev.actors if not a.unidentified]
        for a in ev.actors:
            labels[_actor_str(a.id)] = a.name
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
            agents=frozenset(_actor_str(a.id) for a in named if a.role == "agent"),
            targets=frozenset(_actor_str(a.id) for a in named if a.role == "target"),
            participants=frozenset(_actor_str(a.id) for a in named if a.role == "participant"),
            affiliations=frozenset(
                _actor_str(a.affiliation) for a in named if a.role == "target" and a.affiliation
            ),
            unidentified_agent=bool(unidentified),
            places=frozenset(places),
            place_chain=frozenset(chain),
            specific_places=frozenset(specific),
            quantities=dict(ev.quantities),
            labels=labels,
            mention=str(mention_iri(ev.article.id, ev.mention.start, ev.mention.end)),
        )
        parents = {_place_str(p.id): {_place_str(w.id) for w in p.within} for p in ev.places}
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
# Every query starts from the bound reports (or places, actors), required patterns come
# before the OPTIONALs and each OPTIONAL holds one pattern: Oxigraph plans anything else
# over the whole store (bench/RESULTS.md, "Query-plan traps").
_Q_SCALARS = """
SELECT ?r ?type ?article ?neg ?cert ?e ?l ?unit ?pub ?outlet ?ev ?killed ?injured ?arrested
WHERE {
  ?r a kb:EventReport ; kb:typeKey ?type ; prov:wasDerivedFrom ?a ; kb:negated ?neg ;
     kb:certainty ?cert .
  ?a kb:articleId ?article .
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  OPTIONAL { ?r sem:hasLatestEndTimeStamp ?l }
  OPTIONAL { ?r time:unitType ?unit }
  OPTIONAL { ?a schema:datePublished ?pub }
  OPTIONAL { ?a kb:outletName ?outlet }
  OPTIONAL { ?ev kb:hasReport ?r }
  OPTIONAL { ?r kb:killed ?killed }
  OPTIONAL { ?r kb:injured ?injured }
  OPTIONAL { ?r kb:arrested ?arrested }
}"""
_Q_TIME = """
SELECT ?r ?basis ?value ?text WHERE {
  ?r sem:hasTime ?t . ?t kb:dateBasis ?basis .
  OPTIONAL { ?t kb:dateValue ?value }
  OPTIONAL { ?t kb:dateText ?text }
}"""
_Q_MENTIONS = """
SELECT ?r ?mention WHERE { ?r gaf:denotedBy ?mention }"""
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
SELECT ?r ?place ?label ?level WHERE {
  ?r sem:hasPlace ?place .
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place kb:placeLevel ?level }
}"""
_Q_ANCESTORS = """
SELECT ?place ?anc ?ancLevel ?ancLabel WHERE {
  ?place geo:sfWithin ?anc .
  OPTIONAL { ?anc kb:placeLevel ?ancLevel }
  OPTIONAL { ?anc rdfs:label ?ancLabel }
}"""
#: Bound values per query.
CHUNK = 400


def load_reports(store: Store, iris: Iterable[str]) -> list[ReportInfo]:
    """Read reports back from the store as ReportInfo (sorted by IRI; unknown IRIs skipped)."""
    iris = sorted(set(iris))
    if not iris:
        return []
    out: dict[str, ReportInfo] = {}
    for start in range(0, len(iris), CHUNK):
        chunk = [URIRef(i) for i in iris[start : start + CHUNK]]
        _load_chunk(store, chunk, out)
    return [out[i] for i in iris if i in out]


def _mention_start(mention: str) -> int:
    # Mention IRIs end in "/<start>-<end>" (kb.namespaces.mention_iri).
    try:
        return int(mention.rsplit("/", 1)[-1].split("-", 1)[0])
    except ValueError:
        return 0


def _load_chunk(store: Store, chunk: list[URIRef], out: dict[str, ReportInfo]) -> None:
    loaded: dict[str, ReportInfo] = {}
    for row in store.select_values(_Q_SCALARS, {"r": chunk}):
        iri = row["r"]
        if iri in loaded:
            continue
        q = {}
        for k in ("killed", "injured", "arrested"):
            if row[k] is not None:
                q[k] = int(row[k])  # type: ignore[arg-type]
        key = row["type"]
        unit = row["unit"]
        loaded[iri] = ReportInfo(  # type: ignore[index]
            iri=iri,  # type: ignore[arg-type]
            article=row["article"],  # type: ignore[arg-type]
            type=key,  # type: ignore[arg-type]
            top=_top(key),  # type: ignore[arg-type]
            types=_lineage(key),  # type: ignore[arg-type]
            negated=row["neg"].lower() == "true",  # type: ignore[union-attr]
            certainty=row["cert"],  # type: ignore[arg-type]
            earliest=_d(row["e"]),
            latest=_d(row["l"]),
            precision=PRECISION_OF_UNIT.get(unit) if unit is not None else None,
            published=_d(row["pub"]),
            outlet=row["outlet"],
            quantities=q,
            incident=row["ev"],
        )
    if not loaded:
        return
    out.update(loaded)
    timed: set[str] = set()
    for row in store.select_values(_Q_TIME, {"r": chunk}):
        info = loaded.get(row["r"])  # type: ignore[arg-type]
        if info is None or info.iri in timed:
            continue
        timed.add(info.iri)
        info.basis = row["basis"] or "unknown"
        info.date_value = row["value"]
        info.date_text = row["text"]
    # The main mention is the first in the text (later ones were merged into it).
    for row in store.select_values(_Q_MENTIONS, {"r": chunk}):
        info = loaded.get(row["r"])  # type: ignore[arg-type]
        m = row["mention"]
        if info is None or m is None:
            continue
        if info.mention is None or (_mention_start(m), m) < (
            _mention_start(info.mention),
            info.mention,
        ):
            info.mention = m
    roles: dict[str, dict[str, set[str]]] = {}
    for row in store.select_values(_Q_ACTORS, {"r": chunk}):
        iri = row["r"]
        info = loaded.get(iri)  # type: ignore[arg-type]
        if info is None:
            continue
        actor = row["actor"]
        role = ROLE_OF.get(row["roleType"], "participant")  # type: ignore[arg-type]
        kind = row["kind"]
        if row["label"] is not None:
            info.labels[actor] = row["label"]  # type: ignore[index]
        if kind == "unidentified":
            if role == "agent":
                info.unidentified_agent = True
                info.labels["unidentified"] = _unidentified_label(
                    row["surface"] or row["label"] or ""
                )
            continue
        roles.setdefault(iri, {}).setdefault(role, set()).add(actor)  # type: ignore[arg-type]
        if role == "target" and row["affiliation"] is not None:
            info.affiliations = info.affiliations | {row["affiliation"]}
        if role == "target" and row["country"] is not None and kind in _STATE_KINDS:
            info.affiliations = info.affiliations | {"country:" + row["country"]}
    for iri, by_role in roles.items():
        info = loaded[iri]
        info.agents = frozenset(by_role.get("agent", ()))
        info.targets = frozenset(by_role.get("target", ()))
        info.participants = frozenset(by_role.get("participant", ()))
    place_rows = store.select_values(_Q_PLACES, {"r": chunk})
    places = sorted({row["place"] for row in place_rows})  # type: ignore[type-var]
    ancestors: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for start in range(0, len(places), CHUNK):
        values = [URIRef(p) for p in places[start : start + CHUNK]]  # type: ignore[arg-type]
        for row in store.select_values(_Q_ANCESTORS, {"place": values}):
            ancestors.setdefault(row["place"], []).append(  # type: ignore[arg-type]
                (row["anc"], row["ancLevel"], row["ancLabel"])  # type: ignore[arg-type]
            )
    chains: dict[str, set[str]] = {}
    place_parents: dict[str, dict[str, set[str]]] = {}
    for row in place_rows:
        iri = row["r"]
        info = loaded.get(iri)  # type: ignore[arg-type]
        if info is None:
            continue
        place: str = row["place"]  # type: ignore[assignment]
        info.places = info.places | {place}
        chain = chains.setdefault(iri, set())  # type: ignore[arg-type]
        chain.add(place)
        level = row["level"] if row["level"] is not None else "country"
        info.labels["level:" + place] = level
        if level != "country":
            info.specific_places = info.specific_places | {place}
        own = row["label"] if row["label"] is not None else key_from_iri(place)
        # A region is shown with its country: "Anbar (Iraq)".
        for anc, anc_level, anc_label in ancestors.get(place) or [(None, None, None)]:
            label = own
            if anc is not None:
                chain.add(anc)
                place_parents.setdefault(iri, {}).setdefault(place, set()).add(anc)  # type: ignore[arg-type]
                if str(anc_level) == "country" and level not in ("country", "border"):
                    label = f"{own} ({anc_label})"
            if place not in info.labels or "(" in label:
                info.labels[place] = label
    for iri, chain in chains.items():
        loaded[iri].place_chain = frozenset(chain)
    for iri, parents in place_parents.items():
        reduce_places(loaded[iri], parents)


@lru_cache(maxsize=4096)
def _top(key: str) -> str:
    return top_key(key)


@lru_cache(maxsize=4096)
def _lineage(key: str) -> tuple[str, ...]:
    return tuple(lineage(key))


def _d(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- candidates -------------------------------------------------------------------
# Stored reports near one of the new ones, with what a first check needs (type, dates).
# Each VALUES row binds a place (or actor) with a date window, so a report is read only
# when its dates can meet a new report's at that place.
_WINDOW = """ ; kb:typeKey ?type ; a kb:EventReport ; sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
}"""
_Q_AT = "SELECT ?r ?p ?type ?e ?l WHERE { ?r sem:hasPlace ?p" + _WINDOW
_Q_BELOW = "SELECT ?r ?p ?type ?e ?l WHERE { ?q geo:sfWithin ?p . ?r sem:hasPlace ?q" + _WINDOW
_Q_BY_ACTOR = "SELECT ?r ?p ?type ?e ?l WHERE { ?r sem:hasActor ?p" + _WINDOW
_Q_OF_ARTICLE = """
SELECT DISTINCT ?r ?ev WHERE {
  ?r prov:wasDerivedFrom ?a ; a kb:EventReport .
  OPTIONAL { ?ev kb:hasReport ?r }
}"""
_Q_INCIDENT_REPORTS = """
SELECT DISTINCT ?ev ?r WHERE { ?ev kb:hasReport ?r }"""
_Q_INCIDENT_OF = """
SELECT ?r ?ev WHERE { ?ev kb:hasReport ?r }"""
_EARLIEST = dt.date(1, 1, 1)
_SLACK = dt.timedelta(days=DATE_TOLERANCE_DAYS)


def _window(info: ReportInfo) -> tuple[dt.date, dt.date] | None:
    """Dates a stored report must reach to be compatible with `info` (None: none can).

    A stored report with bounds [e, l] can meet [lo, hi] only if ``l >= lo - tolerance``
    and ``e <= hi + tolerance`` (kb.link.same, rule 3). Reports whose date is unknown
    match only inside their own article, whose reports are all new.
    """
    lo, hi = info.interval()
    if info.latest is None or (lo is None and info.basis == "unknown"):
        return None
    return (lo - _SLACK if lo is not None else _EARLIEST), (hi or lo) + _SLACK  # type: ignore[operator]


def _values_block(names: Sequence[str], rows: Iterable[tuple]) -> str:
    # A multi-variable VALUES block; every term is serialised by rdflib (n3), so a
    # value can never become query text.
    body = " ".join("(" + " ".join(t.n3() for t in row) + ")" for row in rows)
    return "VALUES (" + " ".join("?" + n for n in names) + ") { " + body + " }"


def _merged(windows: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    out: list[tuple[dt.date, dt.date]] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _windowed_rows(
    store: Store, query: str, keyed: dict[str, list[tuple[ReportInfo, tuple]]]
) -> Iterable[tuple[dict[str, str | None], list[tuple[ReportInfo, tuple]]]]:
    """Rows of a candidate query over (key, window) VALUES rows, with the new reports behind each."""
    rows = []
    for key in sorted(keyed):
        node = URIRef(key)
        for lo, hi in _merged([w for _, w in keyed[key]]):
            rows.append((node, _date_term(lo), _date_term(hi)))
    at = query.index("{") + 1
    for start in range(0, len(rows), CHUNK):
        text = query[:at] + " " + _values_block(("p", "lo", "hi"), rows[start : start + CHUNK])
        for row in store.select_values(text + " " + query[at:]):
            yield row, keyed[row["p"]]  # type: ignore[index]


def _date_term(day: dt.date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def _may_match(row: dict[str, str | None], info: ReportInfo, window: tuple) -> bool:
    """A first check of a stored report against a new one: type family and dates."""
    if family(_top(row["type"])) != family(info.top):  # type: ignore[arg-type]
        return False
    lo, hi = window
    latest = _d(row["l"])
    earliest = _d(row["e"])
    return (latest is None or latest >= lo) and (earliest is None or earliest <= hi)


def candidate_reports(store: Store, infos: Sequence[ReportInfo]) -> set[str]:
    """Stored reports that could be the same incident as one of `infos` (a superset).

    A stored report is a candidate when it passes the necessary conditions of
    :func:`kb.link.same.same_incident` against some new report: the same type family,
    dates that can meet, and a place of one in the place chain of the other (or, when
    either has no places, a shared curated agent or target, both dated to the day).
    """
    from kb.link.same import _strong

    at: dict[str, list[tuple[ReportInfo, tuple]]] = {}
    below: dict[str, list[tuple[ReportInfo, tuple]]] = {}
    by_actor: dict[str, list[tuple[ReportInfo, tuple]]] = {}
    for info in infos:
        window = _window(info)
        if window is None:
            continue
        for p in info.place_chain:  # a stored place in this chain (or equal)
            at.setdefault(p, []).append((info, window))
        for p in info.places:  # a stored place inside one of these
            below.setdefault(p, []).append((info, window))
        if info.precision == "day":
            # Rule 4 without places on one side: a shared curated agent or target.
            for a in _strong(info.agents) | _strong(info.targets):
                by_actor.setdefault(a, []).append((info, window))
    found: set[str] = set()
    for query, keyed in ((_Q_AT, at), (_Q_BELOW, below), (_Q_BY_ACTOR, by_actor)):
        if not keyed:
            continue
        for row, news in _windowed_rows(store, query, keyed):
            r = row["r"]
            if r not in found and any(_may_match(row, info, w) for info, w in news):
                found.add(r)  # type: ignore[arg-type]
    return found


def incident_members(store: Store, incidents: Iterable[str]) -> dict[str, set[str]]:
    """Report IRIs of each stored incident."""
    incidents = sorted(set(incidents))
    out: dict[str, set[str]] = {}
    for start in range(0, len(incidents), CHUNK):
        chunk = [URIRef(v) for v in incidents[start : start + CHUNK]]
        for row in store.select_values(_Q_INCIDENT_REPORTS, {"ev": chunk}):
            out.setdefault(row["ev"], set()).add(row["r"])  # type: ignore[arg-type]
    return out


def incidents_of_reports(store: Store, reports: Iterable[str]) -> dict[str, str]:
    """The stored incident of each report that has one (the smallest, should there be two)."""
    reports = sorted(set(reports))
    out: dict[str, str] = {}
    for start in range(0, len(reports), CHUNK):
        chunk = [URIRef(v) for v in reports[start : start + CHUNK]]
        for row in store.select_values(_Q_INCIDENT_OF, {"r": chunk}):
            r, ev = row["r"], row["ev"]
            if r not in out or ev < out[r]:  # type: ignore[operator]
                out[r] = ev  # type: ignore[index,assignment]
    return out


def reports_of_articles(store: Store, article_iris: Iterable[URIRef]) -> tuple[set[str], set[str]]:
    """(report IRIs, incident IRIs) currently stored for some articles."""
    reports: set[str] = set()
    incidents: set[str] = set()
    arts = sorted(set(article_iris))
    for start in range(0, len(arts), CHUNK):
        for row in store.select_values(_Q_OF_ARTICLE, {"a": arts[start : start + CHUNK]}):
            reports.add(row["r"])  # type: ignore[arg-type]
            if row["ev"] is not None:
                incidents.add(row["ev"])
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
    key, triples = incident_triples_ox(reports)
    return key, to_rdflib(triples)


def incident_triples_ox(reports: Sequence[ReportInfo]) -> tuple[str, list[OxTriple]]:
    """:func:`incident_triples` as pyoxigraph terms (what the embedded store takes)."""
    key = incident_key(reports)
    ev_iri = str(event_iri(key))
    ev = ox.NamedNode(ev_iri)
    type_key = _vote_type(reports)
    negated = all(r.negated for r in reports)
    certainty = (
        "asserted"
        if any(r.certainty == "asserted" and not r.negated for r in reports)
        else ("hedged")
    )
    out: list[OxTriple] = [
        (ev, A, SEMO.Event),
        (ev, SEMO.eventType, type_node_ox(type_key)),
        (ev, KBO.typeKey, lit(type_key)),
        (ev, KBO.certainty, lit(certainty)),
        (ev, KBO.negated, bool_lit(negated)),
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
        unid_iri = f"{ev_iri}/unidentified"
        unid = ox.NamedNode(unid_iri)
        out += [
            (unid, A, SEMO.Actor),
            (unid, KBO.actorKind, lit("unidentified")),
            (unid, SKOSO.prefLabel, lit(labels.get("unidentified", "Unidentified attackers"))),
        ]
        roles.insert(0, (unid_iri, "agent"))
        labels[unid_iri] = labels.get("unidentified", "Unidentified attackers")
    for i, (actor, role) in enumerate(roles):
        node = ox.NamedNode(f"{ev_iri}/role/{i}")
        actor_node = iri(actor)
        out += [
            (ev, SEMO.hasActor, actor_node),
            (ev, KBO.hasRole, node),
            (node, A, SEMO.Role),
            (node, RDFO.value, actor_node),
            (node, SEMO.roleType, ROLE_OX[role]),
        ]
    places = sorted({p for r in reports for p in r.places})
    for p in places:
        out.append((ev, SEMO.hasPlace, iri(p)))
    best = _best_date(reports)
    t = ox.NamedNode(f"{ev_iri}/time")
    out += [
        (ev, SEMO.hasTime, t),
        (t, A, SEMO.Time),
        (t, A, TIMEO.GeneralDateTimeDescription),
        (t, KBO.dateBasis, lit(best.basis)),
    ]
    if best.date_text:
        out.append((t, KBO.dateText, lit(best.date_text)))
    if best.date_value:
        value = lit(best.date_value)
        out += [(ev, KBO.dateValue, value), (t, KBO.dateValue, value)]
    unit = UNIT_OX.get(best.precision)  # type: ignore[arg-type]
    if unit is not None:
        out += [(ev, TIMEO.unitType, unit), (t, TIMEO.unitType, unit)]
    earliest, latest = best.earliest, best.latest
    if best.basis == "unknown":
        # "Earlier reports said ...": before publication, but no date to show or sort by.
        earliest = latest = None
    if earliest:
        out.append((ev, SEMO.hasEarliestBeginTimeStamp, date_lit(earliest)))
    if latest:
        out.append((ev, SEMO.hasLatestEndTimeStamp, date_lit(latest)))
    # Month buckets (kb.index): named actors and every place of the chain.
    subjects = incident_subjects(
        (actor for actor, _ in roles if not actor.startswith(ev_iri)),
        places,
        (p for r in reports for p in r.place_chain),
    )
    in_bucket = _IN_BUCKET
    out += [(ev, in_bucket, iri(b)) for b in buckets(subjects, month_of(earliest, latest))]
    quantities: dict[str, int] = {}
    for r in reports:
        for k, v in r.quantities.items():
            quantities[k] = max(quantities.get(k, 0), v)
    for k, v in sorted(quantities.items()):
        out.append((ev, KBO[k], int_lit(v)))
    articles = {r.article for r in reports}
    outlets = {r.outlet for r in reports if r.outlet}
    out += [
        (ev, KBO.sourceCount, int_lit(len(articles))),
        (ev, KBO.outletCount, int_lit(len(outlets))),
    ]
    published = [r.published for r in reports if r.published]
    if published:
        out.append((ev, KBO.firstSeen, date_lit(min(published))))
    for r in reports:
        out.append((ev, KBO.hasReport, ox.NamedNode(r.iri)))
        if r.mention:
            out.append((ev, GAFO.denotedBy, ox.NamedNode(r.mention)))
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
    out.append((ev, RDFSO.label, lit(text)))
    return key, out


_IN_BUCKET = iri(str(IN_BUCKET))


def native_terms(store: Store) -> bool:
    """True when the store takes pyoxigraph terms as they are (the embedded store)."""
    from kb.store.embedded import EmbeddedStore

    return isinstance(store, EmbeddedStore)


def relink(store: Store, new: Sequence[ReportInfo], touched: Iterable[str] = ()) -> LinkResult:
    """Regroup the new reports with the stored reports they could match; rewrite incidents.

    Args:
        store: the store (the new reports' article graphs are already written).
        new: reports just written; they are taken as given, not read back.
        touched: incident IRIs whose reports changed (re-ingested or removed articles).
    """
    result = LinkResult()
    graphs, drop = plan_relink(store, new, touched, result)
    if graphs or drop:
        if not native_terms(store):
            graphs = {g: to_rdflib(t) for g, t in graphs.items()}
        store.replace_graphs(graphs, drop=drop)
    return result


def plan_relink(
    store: Store,
    new: Sequence[ReportInfo],
    touched: Iterable[str] = (),
    result: LinkResult | None = None,
) -> tuple[dict[URIRef, list[OxTriple]], list[URIRef]]:
    """What :func:`relink` writes: (incident graph -> triples, incident graphs to drop).

    Reads the store, writes nothing: the caller writes both in one transaction.
    """
    result = result if result is not None else LinkResult()
    touched_set = set(touched)
    new_iris = {n.iri for n in new}
    members = incident_members(store, touched_set)
    wanted = candidate_reports(store, new)
    for reps in members.values():
        wanted.update(reps)
    infos = {r.iri: r for r in load_reports(store, wanted - new_iris)}
    # The new reports' current incidents (a re-ingested article's reports keep their IRIs).
    current = {m: ev for ev, reps in members.items() for m in reps}
    unknown = [r.iri for r in new if r.incident is None and r.iri not in current]
    if unknown:
        current.update(incidents_of_reports(store, unknown))
    for r in new:
        if r.incident is None:
            r.incident = current.get(r.iri)
        infos[r.iri] = r
    # Whole incidents come along: an incident is rebuilt from all of its reports.
    more = incident_members(store, {r.incident for r in infos.values() if r.incident})
    extra = {i for reps in more.values() for i in reps} - set(infos)
    for r in load_reports(store, extra):
        infos[r.iri] = r
    old_incidents = {r.incident for r in infos.values() if r.incident} | set(members) | touched_set
    graphs: dict[URIRef, list[OxTriple]] = {}
    kept: set[str] = set()
    for group in components(list(infos.values())):
        key = incident_key(group)
        ev = str(event_iri(key))
        kept.add(ev)
        unchanged = all(r.incident == ev for r in group) and len(more.get(ev, ())) == len(group)
        forced = any(r.incident in touched_set for r in group)
        if unchanged and not forced and not any(r.iri in new_iris for r in group):
            continue
        graphs[incident_graph(key)] = incident_triples_ox(group)[1]
        result.reports_linked += len(group)
    drop = [incident_graph(key_from_iri(i)) for i in sorted(old_incidents - kept)]
    result.incidents_written = len(graphs)
    result.incidents_dropped = len(drop)
    return graphs, drop
