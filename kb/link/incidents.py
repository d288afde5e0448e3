"""Keep the store's incidents up to date: one sem:Event per real incident.

Every event report lives in its article's graph. Linking groups reports into
incidents (:mod:`kb.link.same`) and writes each incident into a graph of its own,
rewritten whole whenever its reports change. Only the stored reports a new report
could match are read (:class:`CandidateIndex`), and only the incidents they belong to
are rewritten, so linking cost does not grow with the store.

The hot path builds pyoxigraph terms (:func:`incident_triples_ox`); the embedded store
takes them as they are, other stores get rdflib terms.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kb.eventtypes import lineage, top_key
from kb.index import IN_BUCKET, buckets, incident_subjects, month_of
from kb.link.headline import headline
from kb.link.same import (
    DATE_TOLERANCE_DAYS,
    PUBLICATION_WINDOW,
    ReportInfo,
    backref_members,
    border_partners,
    coarse_dated,
    components,
    day_dated,
    family,
    reduce_places,
    sea_shores,
    shore_seas,
    strong_actors,
)
from kb.model import ActorRef, Event, Place
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
_LEVEL_RANK = {
    "city": 0, "district": 1, "border": 2, "sea": 2, "region": 3, "area": 3.5, "country": 4,
}  # fmt: skip


def incident_graph(key: str) -> URIRef:
    """The named graph of one incident."""
    return KBG["event/" + key]


def place_display(place: Place) -> str:
    """ "Anbar (Iraq)" for a region, the plain name for a country, a border or an area
    across countries ("Kashmir")."""
    if place.level in ("country", "border") or not place.within:
        return place.name
    if place.level == "area" and not place.country:
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
            affiliations=_target_affiliations(named),
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


def _target_affiliations(named: Sequence[ActorRef]) -> frozenset[str]:
    """What the targets belong to, as :func:`load_reports` reads it back from the store.

    Their organisation, and for a state body (army, police, government) its country:
    two units of one country's forces count as a shared target affiliation.
    """
    out: set[str] = set()
    for a in named:
        if a.role != "target":
            continue
        if a.affiliation:
            out.add(_actor_str(a.affiliation))
        if a.country and a.kind in _STATE_KINDS:
            out.add("country:" + a.country)
    return frozenset(out)


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
SELECT ?r ?actor ?roleType ?label ?kind ?affiliation ?parent ?country ?surface WHERE {
  ?r kb:hasRole ?role . ?role rdf:value ?actor ; sem:roleType ?roleType .
  OPTIONAL { ?role kb:surfaceText ?surface }
  OPTIONAL { ?actor skos:prefLabel ?label }
  OPTIONAL { ?actor kb:actorKind ?kind }
  OPTIONAL { ?actor kb:affiliation ?affiliation }
  OPTIONAL { ?actor kb:parentOrganization ?parent }
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


def load_reports(
    store: Store, iris: Iterable[str], incidents: dict[str, set[str]] | None = None
) -> list[ReportInfo]:
    """Read reports back from the store as ReportInfo (sorted by IRI; unknown IRIs skipped).

    Args:
        incidents: filled with every incident that lists each report. A report is in one
            incident, except after a crash between the two writes of a linking step
            (``ingest``); its ``incident`` is then the smallest of them.
    """
    iris = sorted(set(iris))
    if not iris:
        return []
    out: dict[str, ReportInfo] = {}
    found: dict[str, set[str]] = incidents if incidents is not None else {}
    for start in range(0, len(iris), CHUNK):
        chunk = [URIRef(i) for i in iris[start : start + CHUNK]]
        _load_chunk(store, chunk, out, found)
    return [out[i] for i in iris if i in out]


def _mention_start(mention: str) -> int:
    # Mention IRIs end in "/<start>-<end>" (kb.namespaces.mention_iri).
    try:
        return int(mention.rsplit("/", 1)[-1].split("-", 1)[0])
    except ValueError:
        return 0


def _load_chunk(
    store: Store,
    chunk: list[URIRef],
    out: dict[str, ReportInfo],
    incidents: dict[str, set[str]],
) -> None:
    loaded: dict[str, ReportInfo] = {}
    for row in store.select_values(_Q_SCALARS, {"r": chunk}):
        iri = row["r"]
        if row["ev"] is not None:
            incidents.setdefault(iri, set()).add(row["ev"])  # type: ignore[arg-type]
        if iri in loaded:
            ev = row["ev"]
            if ev is not None and (loaded[iri].incident is None or ev < loaded[iri].incident):
                loaded[iri].incident = ev
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
        # A person's affiliation is kb:affiliation when minted from the text, and
        # kb:parentOrganization for a curated person (CanonicalActor.affiliation):
        # read back, both must give what the extractor gave in memory.
        affiliation = row["affiliation"] or (row["parent"] if kind == "person" else None)
        if role == "target" and affiliation is not None:
            info.affiliations = info.affiliations | {affiliation}
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
# A stored report can be the same incident as a new one only if a place of one lies in
# the place chain of the other, or (when one of the two has no places) they share a
# curated actor. The index reads the stored reports at (and below) a place, or of an
# actor, once per run, with what a first check needs (type, dates), and keeps them up to
# date with the run's own writes: linking does not read a country's reports batch after
# batch.
_ENTRY = """ ; a kb:EventReport ; kb:typeKey ?type ; sem:hasLatestEndTimeStamp ?l .
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  OPTIONAL { ?r time:unitType ?unit }
  OPTIONAL { ?r sem:hasTime/kb:dateBasis ?basis }
  BIND(EXISTS { ?r sem:hasPlace ?x } AS ?placed)
}"""
_FIELDS = "SELECT ?k ?r ?type ?e ?l ?unit ?basis ?placed WHERE { "
_Q_AT = _FIELDS + "?r sem:hasPlace ?k" + _ENTRY
_Q_BELOW = _FIELDS + "?q geo:sfWithin ?k . ?r sem:hasPlace ?q" + _ENTRY
_Q_BY_ACTOR = _FIELDS + "?r sem:hasActor ?k" + _ENTRY
_Q_WITHIN = "SELECT ?q ?k WHERE { ?q geo:sfWithin ?k }"
#: The reports of each key without their fields: a key's reports are read this way and
#: each report's fields once a run (:data:`_Q_ENTRIES`), since one report belongs to many
#: keys (its town, region and country, "at" and "below", and its actors).
_Q_MEMBERS = {
    _Q_AT: "SELECT ?k ?r WHERE { ?r sem:hasPlace ?k . ?r a kb:EventReport }",
    _Q_BELOW: "SELECT DISTINCT ?k ?r WHERE { ?q geo:sfWithin ?k . ?r sem:hasPlace ?q ."
    " ?r a kb:EventReport }",
    _Q_BY_ACTOR: "SELECT ?k ?r WHERE { ?r sem:hasActor ?k . ?r a kb:EventReport }",
}
_Q_ENTRIES = "SELECT ?r ?type ?e ?l ?unit ?basis ?placed WHERE { ?r" + _ENTRY[2:]
# The same rows in a date window (?lo, ?hi, ?hip = ?hi + the publication window), for
# keys too big to read whole: the engine drops what cannot meet the window.
_WINDOW_FILTER = """
  FILTER(?l >= ?lo && ((BOUND(?e) && ?e <= ?hi) || (!BOUND(?e)
         && COALESCE(?basis, "") != "unknown"
         && (COALESCE(?basis, "") != "publication" || ?l <= ?hip))))
}"""
_Q_OF_ARTICLE = """
SELECT DISTINCT ?r ?ev WHERE {
  ?r prov:wasDerivedFrom ?a ; a kb:EventReport .
  OPTIONAL { ?ev kb:hasReport ?r }
}"""
_Q_INCIDENT_REPORTS = """
SELECT DISTINCT ?ev ?r WHERE { ?ev kb:hasReport ?r }"""
_Q_INCIDENT_OF = """
SELECT ?r ?ev WHERE { ?ev kb:hasReport ?r }"""
_SLACK = dt.timedelta(days=DATE_TOLERANCE_DAYS)
_PUBLICATION_SPAN = dt.timedelta(days=PUBLICATION_WINDOW)
#: Span classes of stored reports' intervals (a day, a month, a year, longer or open).
_SPANS = (_PUBLICATION_SPAN, dt.timedelta(days=31), dt.timedelta(days=366), None)


@dataclass(frozen=True)
class _Entry:
    """What the first check needs of a stored report."""

    iri: str
    family: str
    earliest: dt.date | None
    latest: dt.date
    basis: str | None
    precision: str | None
    placed: bool

    def span(self) -> dt.timedelta | None:
        """How far before `latest` the report may begin (None: without limit)."""
        if self.earliest is not None:
            return self.latest - self.earliest
        return _PUBLICATION_SPAN if self.basis == "publication" else None

    def may_match(self, info: ReportInfo, window: tuple[dt.date | None, dt.date]) -> bool:
        """Necessary conditions of :func:`kb.link.same.same_incident`: family and dates.

        With this report's bounds [e, l] and the new one's [lo, hi], rule 3 needs
        ``e <= hi + tolerance`` and ``lo <= l + tolerance`` (`window` holds both with
        the tolerance); a report dated only by its publication covers the days before
        it; one whose date is unknown matches only inside its own article.
        """
        lo, hi = window
        if lo is not None and self.latest < lo:
            return False
        if self.earliest is not None:
            return self.earliest <= hi
        if self.basis == "publication":
            return self.latest - _PUBLICATION_SPAN <= hi
        return self.basis != "unknown"


class _Slot:
    """The stored reports of one place or actor, by family and by latest date."""

    __slots__ = ("entries", "_views")

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self._views: dict[str, list[tuple[dt.timedelta | None, list, list]]] | None = None

    def add(self, entry: _Entry) -> None:
        known = entry.iri in self.entries
        self.entries[entry.iri] = entry
        if self._views is None:
            return
        if known:
            self._views = None  # rare (a report read again): rebuilt when next needed
            return
        # Kept in order rather than rebuilt: a country's slot gains a batch's reports after
        # every write of a run, and sorting it whole each time cost more than the reads.
        k = _span_class(entry)
        if k is None:
            return
        views = self._views.setdefault(entry.family, [])
        # (a family's views are in span-class order, as _build makes them)
        at = bisect_left([_SPANS.index(v[0]) for v in views], k)
        if at == len(views) or views[at][0] is not _SPANS[k]:
            views.insert(at, (_SPANS[k], [], []))
        _, latests, entries = views[at]
        i = bisect_right(latests, entry.latest)
        while i > 0 and latests[i - 1] == entry.latest and entries[i - 1].iri > entry.iri:
            i -= 1
        latests.insert(i, entry.latest)
        entries.insert(i, entry)

    def drop(self, prefixes: tuple[str, ...]) -> None:
        gone = [i for i in self.entries if i.startswith(prefixes)]
        for key in gone:
            del self.entries[key]
        if gone:
            self._views = None

    def near(self, fam: str, window: tuple[dt.date | None, dt.date]) -> Iterable[_Entry]:
        """Entries of a family whose latest date lies where `window` can be met."""
        if self._views is None:
            self._views = self._build()
        lo, hi = window
        for span, latests, entries in self._views.get(fam, ()):
            i = bisect_left(latests, lo) if lo is not None else 0
            if span is None:
                yield from entries[i:]
            else:
                yield from entries[i : bisect_right(latests, hi + span)]

    def _build(self) -> dict[str, list[tuple[dt.timedelta | None, list, list]]]:
        groups: dict[tuple[str, int], list[_Entry]] = {}
        for e in self.entries.values():
            k = _span_class(e)
            if k is not None:
                groups.setdefault((e.family, k), []).append(e)
        views: dict[str, list[tuple[dt.timedelta | None, list, list]]] = {}
        for (fam, k), entries in sorted(groups.items()):
            entries.sort(key=lambda e: (e.latest, e.iri))
            views.setdefault(fam, []).append((_SPANS[k], [e.latest for e in entries], entries))
        return views


def _span_class(e: _Entry) -> int | None:
    """Index in :data:`_SPANS` of the shortest span class holding `e` (None: not kept)."""
    span = e.span()
    if span is None and e.basis == "unknown":
        return None  # an unknown date matches only inside its own (new) article
    return next(n for n, s in enumerate(_SPANS) if s is None or (span is not None and span <= s))


def _window(info: ReportInfo) -> tuple[dt.date | None, dt.date] | None:
    """(lowest latest bound, highest earliest bound) a stored report may have to match `info`.

    None when no stored report of another article can match (no date, or an unknown one).
    """
    lo, hi = info.interval()
    if info.latest is None or (lo is None and info.basis == "unknown"):
        return None
    return (lo - _SLACK if lo is not None else None), (hi or lo) + _SLACK  # type: ignore[operator]


def _entry_of_row(row: dict[str, str | None]) -> _Entry | None:
    latest = _d(row["l"])
    if latest is None:
        return None  # never a candidate: the new report's bounds need one
    return _Entry(
        row["r"],  # type: ignore[arg-type]
        family(_top(row["type"])),  # type: ignore[arg-type]
        _d(row["e"]),
        latest,
        row["basis"],
        PRECISION_OF_UNIT.get(row["unit"]) if row["unit"] else None,  # type: ignore[arg-type]
        row["placed"] == "true",
    )


def _merged(windows: list[tuple]) -> list[tuple[dt.date, dt.date]]:
    """Date windows merged where they overlap (an open start becomes the earliest date)."""
    out: list[tuple[dt.date, dt.date]] = []
    for lo, hi in sorted(((lo or dt.date.min), hi) for lo, hi in windows):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _values_block(names: Sequence[str], rows: Iterable[tuple]) -> str:
    # A multi-variable VALUES block; every term is serialised by rdflib (n3), so a
    # value can never become query text.
    body = " ".join("(" + " ".join(t.n3() for t in row) + ")" for row in rows)
    return "VALUES (" + " ".join("?" + n for n in names) + ") { " + body + " }"


def _date_term(day: dt.date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


class CandidateIndex:
    """Stored reports by place and by actor, for finding a new report's candidates.

    A place's (or actor's) reports are read from the store the first time a new report
    needs them; :meth:`written` then applies each later write of the run to what was
    read, so the index always equals what the queries would return (the run holds the
    store's write lock: nothing else writes meanwhile).
    """

    #: Entries kept before the index starts afresh (bounds memory on a huge store).
    LIMIT = 2_000_000
    #: A key with more reports than this is read per call, in the new reports' date
    #: windows, rather than whole (a country of a big store, for a run of one article).
    BIG = 20_000

    def __init__(self, store: Store) -> None:
        self.store = store
        self._tables: dict[str, dict[str, _Slot]] = {_Q_AT: {}, _Q_BELOW: {}, _Q_BY_ACTOR: {}}
        self._big: dict[str, set[str]] = {_Q_AT: set(), _Q_BELOW: set(), _Q_BY_ACTOR: set()}
        #: Each stored report's fields as read (None: never a candidate), shared by keys.
        self._entries: dict[str, _Entry | None] = {}
        #: Stored reports read back whole this run (:meth:`reports`).
        self._infos: dict[str, ReportInfo] = {}
        self._size = 0

    def candidates(self, infos: Sequence[ReportInfo]) -> set[str]:
        """Stored reports that could be the same incident as one of `infos` (a superset).

        A stored report is a candidate when it passes the necessary conditions of
        :func:`kb.link.same.same_incident` against some new report: the same type family,
        dates that can meet, and a place of one in the place chain of the other (or, when
        either has no places, a shared curated agent or target, both dated to the day).
        """
        work, wanted = self._wanted(infos)
        at, below, by_actor = (self._slots(q, wanted[q]) for q in (_Q_AT, _Q_BELOW, _Q_BY_ACTOR))
        found: set[str] = set()
        for info, window, fam in work:
            # Rule 4: a place of the new report in the stored one's chain (the stored
            # report is at that place or inside it) ...
            for p in info.places:
                for slot in (at[p], below[p]):
                    for e in slot.near(fam, window):
                        if e.iri not in found and e.may_match(info, window):
                            found.add(e.iri)
            # ... or a place of the stored report (its most specific: nothing of it lies
            # inside) in the new one's chain.
            for c in info.place_chain - info.places:
                inside = below[c].entries
                for e in at[c].near(fam, window):
                    if e.iri not in found and e.iri not in inside and e.may_match(info, window):
                        found.add(e.iri)
            # ... or a border and a town near it, either way round (kb.link.same.border_meets).
            for p in border_partners(info.places):
                for e in at[p].near(fam, window):
                    if e.iri not in found and e.may_match(info, window):
                        found.add(e.iri)
            # ... or a sea and a place of a shore country, either way round (no chain
            # holds a sea: kb.link.same._sea_meets).
            for c in sea_shores(info.places):
                for slot in (at[c], below[c]):
                    for e in slot.near(fam, window):
                        if e.iri not in found and e.may_match(info, window):
                            found.add(e.iri)
            for p in shore_seas(info.place_chain):
                for e in at[p].near(fam, window):
                    if e.iri not in found and e.may_match(info, window):
                        found.add(e.iri)
            if info.precision != "day":
                continue
            # Without places on one side: a shared curated agent or target, both by day.
            for a in strong_actors(info.agents) | strong_actors(info.targets):
                for e in by_actor[a].near(fam, window):
                    if e.iri in found or e.precision != "day" or (e.placed and info.places):
                        continue
                    if e.may_match(info, window):
                        found.add(e.iri)
        return found

    def warm(self, infos: Sequence[ReportInfo]) -> bool:
        """Read now what :meth:`candidates` will read of the store for `infos`.

        Afterwards ``candidates(infos)`` reads only the keys too big to keep whole, in date
        windows (see :data:`BIG`). The ingest calls this before writing the articles of
        `infos`, then looks for candidates while the write runs (kb.ingest).

        Returns:
            False when the index is too full to promise that (see :data:`LIMIT`).
        """
        _, wanted = self._wanted(infos)
        for query in (_Q_AT, _Q_BELOW, _Q_BY_ACTOR):
            self._slots(query, wanted[query], windowed=False)
        return self._size <= self.LIMIT

    @staticmethod
    def _wanted(
        infos: Sequence[ReportInfo],
    ) -> tuple[list[tuple[ReportInfo, tuple, str]], dict[str, dict[str, list[tuple]]]]:
        """(each report with its date window and type family, the windows of each key)."""
        work: list[tuple[ReportInfo, tuple, str]] = []
        wanted: dict[str, dict[str, list[tuple]]] = {_Q_AT: {}, _Q_BELOW: {}, _Q_BY_ACTOR: {}}
        for info in infos:
            window = _window(info)
            if window is None:
                continue
            work.append((info, window, family(info.top)))
            for p in info.place_chain:
                wanted[_Q_AT].setdefault(p, []).append(window)
                wanted[_Q_BELOW].setdefault(p, []).append(window)
            for p in border_partners(info.places) | shore_seas(info.place_chain):
                wanted[_Q_AT].setdefault(p, []).append(window)
            for c in sea_shores(info.places):
                wanted[_Q_AT].setdefault(c, []).append(window)
                wanted[_Q_BELOW].setdefault(c, []).append(window)
            if info.precision == "day":
                for a in strong_actors(info.agents) | strong_actors(info.targets):
                    wanted[_Q_BY_ACTOR].setdefault(a, []).append(window)
        return work, wanted

    def _slots(
        self, query: str, windows: dict[str, list[tuple]], windowed: bool = True
    ) -> dict[str, _Slot]:
        """The slot of each key: read whole once, or (a big key) read for these windows."""
        table = self._tables[query]
        if self._size > self.LIMIT:
            for t in self._tables.values():
                t.clear()
            self._entries.clear()
            self._infos.clear()
            self._size = 0
        missing = sorted(k for k in windows if k not in table and k not in self._big[query])
        if missing:
            self._read(query, missing, table)
        big = {k: w for k, w in windows.items() if k in self._big[query]}
        if not windowed:
            return table
        if not big:
            return table
        slots = dict(table)
        for k in big:
            slots[k] = _Slot()
        rows = []
        for k in sorted(big):
            for lo, hi in _merged(big[k]):
                hip = hi + _PUBLICATION_SPAN
                rows.append((URIRef(k), _date_term(lo), _date_term(hi), _date_term(hip)))
        text = query[: query.rindex("}")] + _WINDOW_FILTER
        at = text.index("{") + 1
        for start in range(0, len(rows), CHUNK):
            block = _values_block(("k", "lo", "hi", "hip"), rows[start : start + CHUNK])
            for row in self.store.select_values(text[:at] + " " + block + " " + text[at:]):
                entry = _entry_of_row(row)
                if entry is not None:
                    slots[row["k"]].add(entry)  # type: ignore[index]
        return slots

    def _read(self, query: str, keys: list[str], table: dict[str, _Slot]) -> None:
        """Read the reports of `keys` whole, or mark a key too big for that (see BIG)."""
        members: dict[str, list[str]] = {}
        for start in range(0, len(keys), CHUNK):
            chunk = [URIRef(k) for k in keys[start : start + CHUNK]]
            for row in self.store.select_values(_Q_MEMBERS[query], {"k": chunk}):
                members.setdefault(row["k"], []).append(row["r"])  # type: ignore[arg-type]
        for k in keys:
            if len(members.get(k, ())) > self.BIG:
                self._big[query].add(k)
                members.pop(k)
        self._read_entries({r for rs in members.values() for r in rs})
        for k in keys:
            if k in self._big[query]:
                continue
            slot = table[k] = _Slot()
            for r in members.get(k, ()):
                entry = self._entries[r]
                if entry is not None:
                    slot.add(entry)
                    self._size += 1

    def _read_entries(self, reports: set[str]) -> None:
        """Read the fields of the reports not read yet this run."""
        todo = sorted(r for r in reports if r not in self._entries)
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            for r in chunk:
                self._entries[r] = None
            rows = self.store.select_values(_Q_ENTRIES, {"r": [URIRef(r) for r in chunk]})
            for row in rows:
                self._entries[row["r"]] = _entry_of_row(row)  # type: ignore[index]

    def reports(self, iris: Iterable[str], incidents: dict[str, set[str]]) -> list[ReportInfo]:
        """:func:`load_reports` for a run: a stored report is read whole once a run.

        What a stored report says changes only when its article is replaced or what the
        store says of its actors and places grows (:meth:`written` forgets it then); the
        incidents that list it are read every time.
        """
        iris = set(iris)
        known = {i for i in iris if i in self._infos}
        out = load_reports(self.store, iris - known, incidents)
        if len(self._infos) > self.LIMIT // 20:
            self._infos.clear()
        for info in out:
            self._infos[info.iri] = info
        listed = incidents_of_reports(self.store, known)
        for report in known:
            info = self._infos[report]
            evs = listed.get(report)
            if evs:
                incidents.setdefault(report, set()).update(evs)
            info.incident = min(evs) if evs else None
            out.append(info)
        out.sort(key=lambda r: r.iri)
        return out

    def written(
        self,
        reports: Sequence[tuple[ReportInfo, frozenset[str], frozenset[str]]],
        replaced_articles: Iterable[str] = (),
        described: Iterable[str] = (),
    ) -> None:
        """Apply a committed write: (report, its place IRIs, its actor IRIs) of every article
        written, the ids of articles whose earlier graph it replaced (or may have), and the
        actors and places (IRIs) it said something of."""
        prefixes = tuple(str(report_iri(a, 0))[:-1] for a in replaced_articles)
        if prefixes:
            for table in self._tables.values():
                for slot in table.values():
                    slot.drop(prefixes)
            for gone in [r for r in self._entries if r.startswith(prefixes)]:
                del self._entries[gone]
            for gone in [r for r in self._infos if r.startswith(prefixes)]:
                del self._infos[gone]
        described = set(described)
        if described and self._infos:
            stale = [i for i, info in self._infos.items() if not described.isdisjoint(_about(info))]
            for iri in stale:
                del self._infos[iri]
        # A report just written is known whole: what reading it back would give (the
        # extraction's fields, each actor's and place's name as the write described it),
        # so a later batch of the run that needs it does not read it back. Copies: the
        # caller's linking goes on with its own objects.
        for info, _, _ in reports:
            self._infos[info.iri] = dataclasses.replace(info, labels=dict(info.labels))
        at, below, by_actor = (self._tables[q] for q in (_Q_AT, _Q_BELOW, _Q_BY_ACTOR))
        within: dict[str, set[str]] = {}
        if below:
            # Where each place lies as the store says now (the write may have added to it).
            places = sorted({p for _, ps, _ in reports for p in ps})
            for start in range(0, len(places), CHUNK):
                chunk = [URIRef(p) for p in places[start : start + CHUNK]]
                for row in self.store.select_values(_Q_WITHIN, {"q": chunk}):
                    within.setdefault(row["q"], set()).add(row["k"])  # type: ignore[arg-type]
        for info, ps, actors in reports:
            if info.latest is None:
                continue
            entry = _Entry(
                info.iri,
                family(info.top),
                info.earliest,
                info.latest,
                info.basis,
                info.precision,
                bool(ps),
            )
            for p in ps:
                if p in at:
                    at[p].add(entry)
                for k in within.get(p, ()):
                    if k in below:
                        below[k].add(entry)
            for a in actors:
                if a in by_actor:
                    by_actor[a].add(entry)


def _about(info: ReportInfo) -> Iterable[str]:
    """The actors and places whose description in the store went into `info`."""
    yield from info.labels
    yield from info.agents
    yield from info.targets
    yield from info.participants
    yield from info.place_chain


def report_subjects(
    events: Sequence[Event], infos: Sequence[ReportInfo]
) -> list[tuple[ReportInfo, frozenset[str], frozenset[str]]]:
    """(report, IRIs of all its places, IRIs of its named actors) as an article graph stores them."""
    return [
        (
            info,
            frozenset(_place_str(p.id) for p in ev.places),
            frozenset(_actor_str(a.id) for a in ev.actors if not a.unidentified),
        )
        for ev, info in zip(events, infos, strict=True)
    ]


def candidate_reports(
    store: Store, infos: Sequence[ReportInfo], index: CandidateIndex | None = None
) -> set[str]:
    """Stored reports that could be the same incident as one of `infos` (a superset).

    See :meth:`CandidateIndex.candidates`; without an index, one is read for this call.
    """
    return (index or CandidateIndex(store)).candidates(infos)


def incident_members(store: Store, incidents: Iterable[str]) -> dict[str, set[str]]:
    """Report IRIs of each stored incident."""
    incidents = sorted(set(incidents))
    out: dict[str, set[str]] = {}
    for start in range(0, len(incidents), CHUNK):
        chunk = [URIRef(v) for v in incidents[start : start + CHUNK]]
        for row in store.select_values(_Q_INCIDENT_REPORTS, {"ev": chunk}):
            out.setdefault(row["ev"], set()).add(row["r"])  # type: ignore[arg-type]
    return out


def incidents_of_reports(store: Store, reports: Iterable[str]) -> dict[str, set[str]]:
    """The stored incidents that list each report (one, but see :func:`load_reports`)."""
    reports = sorted(set(reports))
    out: dict[str, set[str]] = {}
    for start in range(0, len(reports), CHUNK):
        chunk = [URIRef(v) for v in reports[start : start + CHUNK]]
        for row in store.select_values(_Q_INCIDENT_OF, {"r": chunk}):
            out.setdefault(row["r"], set()).add(row["ev"])  # type: ignore[arg-type]
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
    """What one linking pass changed (and, with ``write=False``, what it would write)."""

    incidents_written: int = 0
    incidents_dropped: int = 0
    reports_linked: int = 0
    #: Incident graph -> its triples, and the incident graphs to drop: the write.
    graphs: dict = field(default_factory=dict)
    drop: list[URIRef] = field(default_factory=list)
    #: The graphs of `graphs` that replace stored ones (the others are new).
    replaced: set = field(default_factory=set)


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
        key=lambda k: (_top(k) != "killing", counts[k], len(_lineage(k)), k),
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
    # Roles: each named actor once, in the role most reports give it. A back-reference
    # ("a drone strike there in March") tells which incident, not who or where: its
    # actors and places were never compared with the incident's (kb.link.same).
    quiet = backref_members(reports)
    voiced = [r for r in reports if r.iri not in quiet] if quiet else reports
    role_votes: dict[str, Counter[str]] = {}
    labels: dict[str, str] = {}
    for r in reports:
        labels.update(r.labels)
    for r in voiced:
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
    if any(r.unidentified_agent for r in voiced) and not any(role == "agent" for _, role in roles):
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
    places = sorted({p for r in voiced for p in r.places})
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
    # Month buckets (kb.index): named actors, the place chain and the exact places.
    subjects = incident_subjects(
        (actor for actor, _ in roles if not actor.startswith(ev_iri)),
        places,
        (p for r in voiced for p in r.place_chain),
    )
    in_bucket = _IN_BUCKET
    out += [(ev, in_bucket, iri(b)) for b in buckets(subjects, month_of(earliest, latest))]
    quantities: dict[str, int] = {}
    for r in voiced:
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


def relink(
    store: Store,
    new: Sequence[ReportInfo],
    touched: Iterable[str] = (),
    *,
    write: bool = True,
    index: CandidateIndex | None = None,
) -> LinkResult:
    """Regroup the new reports with the stored reports they could match; rewrite incidents.

    Args:
        store: the store (the new reports' article graphs are already written).
        new: reports just written; they are taken as given, not read back.
        touched: incident IRIs whose reports changed (re-ingested or removed articles).
        write: False to only read: the caller writes the result (see
            :func:`write_link`).
        index: the run's index of stored reports (see :class:`CandidateIndex`).
    """
    result = LinkResult()
    touched_set = set(touched)
    new_iris = {n.iri for n in new}
    members = incident_members(store, touched_set)
    wanted = candidate_reports(store, new, index)
    for reps in members.values():
        wanted.update(reps)
    # Every incident that lists a report: normally one; two only when a crash split a
    # linking step's writes (see write_link), and then both are rebuilt.
    listed: dict[str, set[str]] = {}

    def load(iris: set[str]) -> list[ReportInfo]:
        # (a run's index keeps the stored reports it read: see CandidateIndex.reports)
        return load_reports(store, iris, listed) if index is None else index.reports(iris, listed)

    infos = {r.iri: r for r in load(wanted - new_iris)}
    for r, evs in incidents_of_reports(store, new_iris).items():
        listed.setdefault(r, set()).update(evs)
    for r in new:
        evs = listed.setdefault(r.iri, set())
        if r.incident is not None:
            evs.add(r.incident)
        r.incident = min(evs) if evs else None
        infos[r.iri] = r
    # Back-references (kb.link.same.join) are decided by uniqueness: a day-dated report
    # leaving an incident may leave a reference to one incident it can mean.
    day = [infos[i] for reps in members.values() for i in reps if i in infos]
    refs = _BackrefReader(store, index, infos, load)
    # (a removed article's reports are gone: their incident says where and when they were)
    refs.coarse_near([r for r in day if day_dated(r)] + incident_sketches(store, touched_set))
    refs.complete()
    more: dict[str, set[str]] = {}

    def whole() -> None:
        # Whole incidents come along: an incident is rebuilt from all of its reports.
        todo = {ev for evs in listed.values() for ev in evs} - set(more)
        more.update(incident_members(store, todo))
        extra = {i for reps in more.values() for i in reps} - set(infos)
        for r in load(extra):
            infos[r.iri] = r

    whole()
    groups = components(list(infos.values()))
    # Two stored incidents joined (a new report bridging them) may now be the one
    # incident a reference left on its own could mean: read those references and group
    # again (rare: most runs join a new report to one incident or none).
    while refs.coarse_near(_bridged(groups, listed)):
        refs.complete()
        whole()
        groups = components(list(infos.values()))
    old_incidents = {ev for evs in listed.values() for ev in evs} | set(members) | touched_set
    native = native_terms(store)
    kept: set[str] = set()
    for group in groups:
        key = incident_key(group)
        ev = str(event_iri(key))
        kept.add(ev)
        unchanged = all(listed.get(r.iri) == {ev} for r in group) and len(more.get(ev, ())) == len(
            group
        )
        forced = any(listed.get(r.iri, set()) & touched_set for r in group)
        if unchanged and not forced and not any(r.iri in new_iris for r in group):
            continue
        triples = incident_triples_ox(group)[1]
        graph = incident_graph(key)
        if native:
            graph = ox.NamedNode(str(graph))  # type: ignore[assignment]
        else:
            triples = to_rdflib(triples)  # type: ignore[assignment]
        result.graphs[graph] = triples
        if ev in old_incidents:
            result.replaced.add(graph)
        result.reports_linked += len(group)
    result.drop = [incident_graph(key_from_iri(i)) for i in sorted(old_incidents - kept)]
    result.incidents_written = len(result.graphs)
    result.incidents_dropped = len(result.drop)
    if write and (result.graphs or result.drop):
        store.replace_graphs(result.graphs, drop=result.drop)
    return result


_Q_SKETCH = """
SELECT ?ev ?type ?e ?unit ?place WHERE {
  ?ev a sem:Event ; kb:typeKey ?type .
  OPTIONAL { ?ev sem:hasEarliestBeginTimeStamp ?e }
  OPTIONAL { ?ev time:unitType ?unit }
  OPTIONAL { ?ev sem:hasPlace ?place }
}"""


def incident_sketches(store: Store, incidents: Iterable[str]) -> list[ReportInfo]:
    """Stored incidents dated to the day, as reports: their type, day and places.

    What the back-references that could mean an incident are found by when its reports
    are gone (a removed article): see :func:`relink`.
    """
    incidents = sorted(set(incidents))
    found: dict[str, ReportInfo] = {}
    for start in range(0, len(incidents), CHUNK):
        chunk = [URIRef(v) for v in incidents[start : start + CHUNK]]
        for row in store.select_values(_Q_SKETCH, {"ev": chunk}):
            day = _d(row["e"])
            unit = row["unit"]
            if day is None or unit is None or PRECISION_OF_UNIT.get(unit) != "day":
                continue
            ev: str = row["ev"]  # type: ignore[assignment]
            info = found.get(ev)
            if info is None:
                key: str = row["type"]  # type: ignore[assignment]
                info = found[ev] = ReportInfo(
                    iri=ev,
                    article="",
                    type=key,
                    top=_top(key),
                    earliest=day,
                    latest=day,
                    precision="day",
                    basis="explicit",
                )
            if row["place"] is not None:
                info.places = info.places | {row["place"]}  # type: ignore[operator]
    out = [r for r in found.values() if r.places]
    places = sorted({p for r in out for p in r.places})
    within: dict[str, set[str]] = {}
    for start in range(0, len(places), CHUNK):
        chunk = [URIRef(p) for p in places[start : start + CHUNK]]
        for row in store.select_values(_Q_WITHIN, {"q": chunk}):
            within.setdefault(row["q"], set()).add(row["k"])  # type: ignore[arg-type]
    for r in out:
        r.place_chain = r.places.union(*(within.get(p, set()) for p in r.places))
    return out


def _bridged(groups: list[list[ReportInfo]], listed: dict[str, set[str]]) -> list[ReportInfo]:
    """Day-dated reports of the groups that join two or more stored incidents' day reports."""
    out: list[ReportInfo] = []
    for group in groups:
        dated = [r for r in group if day_dated(r)]
        if len({ev for r in dated for ev in listed.get(r.iri, ())}) > 1:
            out += dated
    return out


class _BackrefReader:
    """What :func:`relink` must read for the back-references to be decided as in one run.

    A coarsely dated report (:func:`kb.link.same.coarse_dated`) joins the one day-dated
    incident it can mean: whenever one is grouped, every stored report it could mean must
    be grouped with it (:meth:`complete`); and where day-dated incidents change, the
    stored coarse reports that could mean them must be grouped again (:meth:`coarse_near`).
    Both read :class:`CandidateIndex` candidates, a superset of what
    :func:`kb.link.same.backref_compatible` accepts.
    """

    def __init__(
        self,
        store: Store,
        index: CandidateIndex | None,
        infos: dict[str, ReportInfo],
        load: Callable[[set[str]], list[ReportInfo]],
    ) -> None:
        self.index = index if index is not None else CandidateIndex(store)
        self.infos: dict[str, ReportInfo] = infos
        self.load = load
        self.checked: set[str] = set()  # coarse reports whose candidates were read
        self.near: set[str] = set()  # day-dated reports whose coarse neighbours were read

    def coarse_near(self, reports: Sequence[ReportInfo]) -> bool:
        """Read the stored coarse reports that could mean one of `reports`; True if any new."""
        todo = [r for r in reports if r.iri not in self.near]
        if not todo:
            return False
        self.near.update(r.iri for r in todo)
        found = self.index.candidates(todo) - set(self.infos)
        entries = self.index._entries
        coarse = {
            i for i in found if (e := entries.get(i)) is None or e.precision in ("month", "year")
        }
        for r in self.load(coarse):
            self.infos[r.iri] = r
        return bool(coarse)

    def complete(self) -> None:
        """Read every stored report the coarse reports read so far could mean."""
        while True:
            todo = [r for r in self.infos.values() if r.iri not in self.checked and coarse_dated(r)]
            if not todo:
                return
            self.checked.update(r.iri for r in todo)
            found = self.index.candidates(todo) - set(self.infos)
            for r in self.load(found):
                self.infos[r.iri] = r


def write_link(
    store: Store, result: LinkResult, drop: Sequence[URIRef] = (), *, text: str | None = None
) -> None:
    """Write a linking step in two transactions: the new incidents, then the rest.

    New incident graphs go first, on their own: the engine adds them much faster than
    it replaces graphs (bench/RESULTS.md). A crash between the two leaves some reports
    listed by an old and a new incident; the pending-link note is still there, and the
    repair (:func:`relink`) rebuilds and drops every incident listing those reports.

    Into the embedded store, new graphs none of which is stored yet go as one N-Quads
    ``load`` (one transaction, :meth:`kb.store.embedded.EmbeddedStore.add_new_graphs`):
    the engine parses the text faster than Python builds its quads.

    Args:
        drop: more graphs to drop in the second transaction (the pending-link note).
        text: :func:`fresh_text` of `result`, when the caller has it already.
    """
    fresh = {g: t for g, t in result.graphs.items() if g not in result.replaced}
    rest = {g: t for g, t in result.graphs.items() if g in result.replaced}
    if fresh:
        added = native_terms(store) and store.add_new_graphs(  # type: ignore[attr-defined]
            text if text is not None else fresh_text(result), fresh
        )
        if not added:
            store.replace_graphs(fresh)
    if rest or result.drop or drop:
        store.replace_graphs(rest, drop=[*result.drop, *drop])


def fresh_text(result: LinkResult) -> str:
    """The graphs `result` adds (not those it replaces) as N-Quads: pyoxigraph terms only."""
    predicates: dict[ox.NamedNode, str] = {}
    return "".join(
        nquads(triples, str(graph), predicates)
        for graph, triples in result.graphs.items()
        if graph not in result.replaced
    )


def nquads(
    triples: Iterable[OxTriple],
    graph: str,
    predicates: dict[ox.NamedNode, str] | None = None,
) -> str:
    """Triples of pyoxigraph terms in `graph` (its N-Quads text, ``<iri>``) as N-Quads.

    Args:
        predicates: printed predicates, kept from call to call by callers that print many
            graphs.
    """
    tail = f" {graph} .\n"
    # Printing a term costs more than a look-up: a run of triples shares its subject
    # (the same object), and a few predicates serve them all.
    predicates = {} if predicates is None else predicates
    out = []
    subject, head = None, ""
    for s, p, o in triples:
        if s is not subject:
            subject, head = s, str(s)
        middle = predicates.get(p)
        if middle is None:
            middle = predicates[p] = f" {p} "
        out.append(f"{head}{middle}{o}{tail}")
    return "".join(out)
