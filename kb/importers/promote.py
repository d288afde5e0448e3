"""Compact imported incidents that an article ingested later reports, as event reports.

An import writes an event that no stored article reports as one compact incident
(:mod:`kb.importers.compact`): a ``sem:Event`` without event reports. Linking
(:func:`kb.link.incidents.relink`) groups event reports only, so an article ingested
after the import would give the same event a second incident. :func:`promote_matching`
finds the compact incidents that are the same incident as some new reports (the rules of
:mod:`kb.link.same`) and rewrites each, in its file graph and in one update, as the
event reports an import writes for rows that join an article's incident: one report per
source (its first source as ``kbid:report/<dataset>/<id>``, every further one as
``.../<id>/m/<hash>``), with its article and mention. Relinking the new reports together
with the promoted ones then makes one incident of them::

    infos = infos_from_events(...)                  # the batch's new reports
    promoted = promote_matching(store, infos)       # before linking
    relink(store, [*infos, *promoted], touched)

Compact incidents that match nothing are not touched, so the cost is a few candidate
queries per batch (by shared actor with a date window, by specific place and day, as
:func:`kb.importers.linking.stored_candidates` looks for stored reports).

An import compares a batch of groups (thousands) with the compact incidents of other
files through :func:`compact_matches`, which reads the incidents of the days in
question once instead of asking per key; :class:`kb.importers.pipeline._Run` then
promotes the matching ones with the batch's own, so two imports of one incident link
whichever came first.

Sources come back sorted (:func:`load_compact`): RDF keeps no order among a compact
incident's ``prov:wasDerivedFrom`` values, and nothing stored tells which row had which
source, so the first report (``kbid:report/<dataset>/<first id>``) takes the smallest
URL, not necessarily the first row's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from kb.eventtypes import lineage, top_key
from kb.importers.base import (
    ActorIn,
    ArticleIn,
    ImportedReport,
    article_lines,
    mention_iri,
    n_str,
    report_iri,
    report_lines,
    short_hash,
    url_article_id,
)
from kb.importers.compact import Group, linker_dates, stored_basis
from kb.link.same import ReportInfo, reduce_places, same_incident, specific_type
from kb.model import Place
from kb.namespaces import key_from_iri
from kb.rdfmap import PRECISION_OF_UNIT, ROLE_OF, content_hash
from kb.store.base import Store

_DATASET_GRAPHS = "https://w3id.org/kb/graph/dataset/"
_PLACES = "https://w3id.org/kb/id/place/"
_IDENTIFIER = "<http://purl.org/dc/terms/identifier>"
#: Event IRIs per query (VALUES block).
CHUNK = 400

_Q_SCALARS = """
SELECT ?ev ?g ?ds ?id ?type ?e ?l ?unit ?value ?basis ?n ?centroid ?comment ?killed ?injured
       ?arrested
WHERE {
  GRAPH ?g { ?ev a sem:Event ; kb:datasetId ?id ; kb:dataset ?ds ; kb:typeKey ?type . }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/kb/graph/dataset/"))
  FILTER NOT EXISTS { ?ev kb:hasReport ?report }
  OPTIONAL { ?ev sem:hasEarliestBeginTimeStamp ?e }
  OPTIONAL { ?ev sem:hasLatestEndTimeStamp ?l }
  OPTIONAL { ?ev time:unitType ?unit }
  OPTIONAL { ?ev kb:dateValue ?value }
  OPTIONAL { ?ev kb:dateBasis ?basis }
  OPTIONAL { ?ev kb:sourceCount ?n }
  OPTIONAL { ?ev kb:centroid ?centroid }
  OPTIONAL { ?ev rdfs:comment ?comment }
  OPTIONAL { ?ev kb:killed ?killed } OPTIONAL { ?ev kb:injured ?injured }
  OPTIONAL { ?ev kb:arrested ?arrested }
}"""
_Q_MORE = """
SELECT ?ev ?other ?source ?outlet WHERE {
  { ?ev <http://purl.org/dc/terms/identifier> ?other }
  UNION { ?ev prov:wasDerivedFrom ?source }
  UNION { ?ev prov:wasAttributedTo ?outlet }
}"""
_Q_ACTORS = """
SELECT ?ev ?actor ?roleType ?label ?kind WHERE {
  ?ev kb:hasRole ?role . ?role rdf:value ?actor ; sem:roleType ?roleType .
  OPTIONAL { ?actor skos:prefLabel ?label }
  OPTIONAL { ?actor kb:actorKind ?kind }
}"""
_Q_PLACES = """
SELECT ?ev ?place ?label ?level ?anc ?ancLevel ?ancLabel WHERE {
  ?ev sem:hasPlace ?place .
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place kb:placeLevel ?level }
  OPTIONAL { ?place geo:sfWithin ?anc . OPTIONAL { ?anc kb:placeLevel ?ancLevel }
             OPTIONAL { ?anc rdfs:label ?ancLabel } }
}"""


@dataclass
class CompactIncident:
    """A compact imported incident read back from the store.

    Attributes:
        iri: the incident (``kbid:event/<dataset>-<id>``).
        graph: the file graph holding it.
        info: the incident as the linker would see its first report.
        dataset: "gdelt" or "acled".
        ids: dataset ids of its rows, the first row's first.
        centroid: its place is only a region's or country's centroid.
        notes: ACLED's description of the event (``rdfs:comment``).
        sources: its source URLs (or source names), sorted.
        outlets: actor IRIs of the outlets it is attributed to (ACLED).
        places: its ``sem:hasPlace`` values, sorted.
        roles: (actor IRI, label, role, unidentified) of its roles, sorted.
        stored: its date as stored (earliest, latest, value, precision, basis); `info`
            has the date as the linker reads it.
        source_count: its ``kb:sourceCount``.
    """

    iri: str
    graph: str
    info: ReportInfo
    dataset: str
    ids: list[str]
    centroid: bool = False
    notes: str | None = None
    sources: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str, bool]] = field(default_factory=list)
    stored: tuple[Any, ...] = (None, None, None, None, "explicit")
    source_count: int = 1


def compact_candidates(store: Store, infos: Sequence[ReportInfo]) -> set[str]:
    """Compact imported incidents that could be the same incident as one of `infos`.

    A superset, found with the link keys of :func:`kb.importers.linking.link_keys` (a
    shared actor with another actor, a specific place, the day or the specific type; a
    specific place and the day), within each report's dates.
    """
    from kb.importers.linking import stored_candidates

    return stored_candidates(store, infos, compact=True)


#: Compact incidents whose first day is one of ?e, with their actors and places.
_Q_ON_DAYS = """
SELECT ?r ?g ?ds ?basis ?type ?e ?l ?x WHERE {
  ?r sem:hasEarliestBeginTimeStamp ?e ; a sem:Event ; kb:typeKey ?type ;
     sem:hasLatestEndTimeStamp ?l .
  GRAPH ?g { ?r kb:datasetId ?id ; kb:dataset ?ds }
  OPTIONAL { ?r kb:dateBasis ?basis }
  { ?r sem:hasActor ?x } UNION { ?r sem:hasPlace ?x }
}"""
#: Days an imported incident dated to the day may span (ACLED's time_precision 2 is the
#: coded day and three days either side; GDELT's rows are one day).
DAY_SPAN = 7


def first_days(lo: dt.date, hi: dt.date) -> list[dt.date]:
    """Every first day an imported incident meeting [`lo`, `hi`] can have.

    Imported incidents are dated to a day (spanning at most :data:`DAY_SPAN` days), a
    month or a year, so one that meets the interval (one day of tolerance either side,
    :data:`kb.link.same.DATE_TOLERANCE_DAYS`) begins on a day shortly before or inside
    it, or on the first day of a month or year it overlaps. One dated by its report's
    day (GDELT's, basis ``publication``) stands for the days before that day
    (:data:`kb.link.same.PUBLICATION_WINDOW`), so its day may lie that much after the
    interval. Looking these days up is an index probe each, whatever the store holds
    besides.
    """
    from kb.link.same import DATE_TOLERANCE_DAYS, PUBLICATION_WINDOW

    slack = dt.timedelta(days=DATE_TOLERANCE_DAYS)
    lo, hi = lo - slack, hi + slack + dt.timedelta(days=PUBLICATION_WINDOW)
    days = {lo - dt.timedelta(days=DAY_SPAN) + dt.timedelta(days=n)
            for n in range((hi - lo).days + DAY_SPAN + 1)}  # fmt: skip
    month = dt.date(lo.year, lo.month, 1)
    while month <= hi:
        days.add(month)
        days.add(dt.date(month.year, 1, 1))
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return sorted(days)


def _loose_keys(
    type_key: str,
    day: dt.date | None,
    actors: Iterable[str],
    places: Iterable[str],
    all_places: Iterable[str],
    pairs: Iterable[tuple[str, str]] | None = None,
) -> set[tuple[str, ...]]:
    """:func:`kb.importers.linking.link_keys` without roles (agents and targets alike).

    Args:
        type_key: the type.
        day: the first day when dated to the day (else None).
        actors: its actors.
        places: its specific places.
        all_places: more places to key by, for a stored incident (whose places were
            not told specific from country-wide in the query).
        pairs: actor pairs to key by (default every pair of `actors`).
    """
    from kb.importers.linking import family

    top = top_key(type_key)
    fam = family(top)
    actors = sorted(set(actors))
    where = set(places) | set(all_places)
    keys: set[tuple[str, ...]] = set()
    if pairs is None:
        pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1 :]]
    keys.update((fam, "xx", *sorted(p)) for p in pairs)
    d = day.isoformat() if day is not None else None
    specific = specific_type(type_key, top)
    for x in actors:
        keys.update((fam, "xp", x, p) for p in where)
        if d:
            keys.add((fam, "xd", x, d))
        if specific:
            keys.add((fam, "xk", x, specific))
    if d:
        keys.update((fam, "pd", p, d) for p in where)
    return keys


def compact_matches(
    store: Store, infos: Sequence[ReportInfo], *, exclude: Sequence[str] = ()
) -> dict[str, list[CompactIncident]]:
    """The stored compact incidents that are the same incident as each of `infos`.

    Made for many infos at once (the groups of an import batch): the compact incidents
    that begin on the days the infos could meet (:func:`first_days`) are read with their
    actors and places in one query per 400 days, and kept as candidates of an info
    when they share an actor or a specific place with it, are of its type family and
    their dates can meet; candidates are read in full (:func:`load_compact`) and
    compared by :func:`kb.link.same.same_incident`, each only with the infos it shares
    a link key with (two reports without one cannot reach the evidence the rule asks).
    Per-key queries (:func:`compact_candidates`) would each make the engine walk every
    incident of an actor.

    Args:
        store: the store.
        infos: reports, or imported groups seen as reports
            (:func:`kb.importers.compact.group_info`).
        exclude: file graphs whose compact incidents are left out (the file being
            imported: :mod:`kb.importers.fileunion` joins its own rows by the rule).

    Returns:
        Info IRI -> its matching compact incidents, sorted by IRI; infos that match
        nothing are left out.
    """
    from rdflib import Literal
    from rdflib.namespace import XSD

    from kb.importers.linking import link_keys
    from kb.link.same import DATE_TOLERANCE_DAYS, PUBLICATION_WINDOW

    days: set[dt.date] = set()
    for info in infos:
        lo, hi = info.interval()
        if lo is not None or hi is not None:
            days.update(first_days(lo or hi, hi or lo))  # type: ignore[arg-type]
    if not days:
        return {}
    skip = set(exclude)
    # Stored incident -> (type key, earliest, latest, actors, places) from the query.
    seen: dict[str, tuple[str, dt.date | None, dt.date | None, set[str], set[str]]] = {}
    ordered = sorted(days)
    for start in range(0, len(ordered), CHUNK):
        chunk = [Literal(d.isoformat(), datatype=XSD.date) for d in ordered[start : start + CHUNK]]
        for row in store.select_values(_Q_ON_DAYS, {"e": chunk}):
            g = str(row["g"])
            if g in skip or not g.startswith(_DATASET_GRAPHS):
                continue  # this file's own, or an incident that holds reports
            r = str(row["r"])
            rec = seen.get(r)
            if rec is None:
                e = _date(row["e"])
                basis = str(row.get("basis") or stored_basis(str(row["ds"])))
                if basis == "publication" and e is not None:
                    e -= dt.timedelta(days=PUBLICATION_WINDOW)  # as ReportInfo.interval
                rec = seen[r] = (str(row["type"]), e, _date(row["l"]), set(), set())
            x = str(row["x"])
            rec[4 if x.startswith(_PLACES) else 3].add(x)
    if not seen:
        return {}
    # Their link keys, roles unknown: every key an info could share with one of them
    # (kb.importers.linking.link_keys) is among these.
    index: dict[tuple[str, ...], list[str]] = {}
    for r, (type_key, e, _, actors, places) in seen.items():
        for key in _loose_keys(type_key, e, actors, places, places):
            index.setdefault(key, []).append(r)
    slack = dt.timedelta(days=DATE_TOLERANCE_DAYS)
    wanted: set[str] = set()
    for info in infos:
        lo, hi = info.interval()
        lo, hi = (lo or hi), (hi or lo)
        if lo is None or hi is None:
            continue
        day = info.earliest if info.precision == "day" else None
        pairs = {(a, t) for a in info.agents for t in info.targets if a != t}
        keys = _loose_keys(
            info.type, day, info.agents | info.targets, info.specific_places, (), pairs
        )
        for key in keys:
            for r in index.get(key, ()):
                if r in wanted:
                    continue
                _, e, l_, _, _ = seen[r]
                if (e is None or e <= hi + slack) and (l_ is None or l_ >= lo - slack):
                    wanted.add(r)
    compact = load_compact(store, wanted)
    if not compact:
        return {}
    by_key: dict[tuple[str, ...], list[CompactIncident]] = {}
    for _, c in sorted(compact.items()):
        if c.graph in skip:
            continue
        for key in link_keys(c.info):
            by_key.setdefault(key, []).append(c)
    out: dict[str, list[CompactIncident]] = {}
    for info in infos:
        seen: set[str] = set()
        hits: list[CompactIncident] = []
        for key in link_keys(info):
            for c in by_key.get(key, ()):
                if c.iri not in seen:
                    seen.add(c.iri)
                    if same_incident(info, c.info):
                        hits.append(c)
        if hits:
            out[info.iri] = sorted(hits, key=lambda c: c.iri)
    return out


def load_compact(store: Store, iris: Iterable[str]) -> dict[str, CompactIncident]:
    """Read compact imported incidents (those without reports) back from the store."""
    ordered = sorted(set(iris))
    out: dict[str, CompactIncident] = {}
    for start in range(0, len(ordered), CHUNK):
        chunk = [URIRef(i) for i in ordered[start : start + CHUNK]]
        _load_chunk(store, chunk, out)
    return out


def _load_chunk(store: Store, chunk: list[URIRef], out: dict[str, CompactIncident]) -> None:
    found: dict[str, CompactIncident] = {}
    for row in store.select_values(_Q_SCALARS, {"ev": chunk}):
        iri = str(row["ev"])
        if iri in found:
            continue
        key = str(row["type"])
        unit = row.get("unit")
        quantities = {k: int(str(row[k])) for k in ("killed", "injured", "arrested") if row.get(k)}
        basis = str(row.get("basis") or stored_basis(str(row["ds"])))
        stored = (
            _date(row.get("e")),
            _date(row.get("l")),
            row.get("value"),
            PRECISION_OF_UNIT.get(str(unit)) if unit is not None else None,
            basis,
        )
        info = ReportInfo(
            iri=iri,
            article="",
            type=key,
            top=top_key(key),
            types=tuple(lineage(key)),
            quantities=quantities,
            **linker_dates(stored[0], stored[1], stored[2], stored[3], basis),
        )
        found[iri] = CompactIncident(
            iri=iri,
            graph=str(row["g"]),
            info=info,
            dataset=str(row["ds"]),
            ids=[str(row["id"])],
            centroid=str(row.get("centroid")).lower() == "true",
            notes=row.get("comment"),
            stored=stored,
            source_count=int(str(row["n"])) if row.get("n") is not None else 1,
        )
    if not found:
        return
    keys = [URIRef(i) for i in sorted(found)]
    others: dict[str, list[str]] = {}
    for row in store.select_values(_Q_MORE, {"ev": keys}):
        c = found[str(row["ev"])]
        if row.get("other") is not None:
            others.setdefault(c.iri, []).append(str(row["other"]))
        if row.get("source") is not None:
            c.sources.append(str(row["source"]))
        if row.get("outlet") is not None:
            c.outlets.append(str(row["outlet"]))
    roles: dict[str, dict[str, set[str]]] = {}
    for row in store.select_values(_Q_ACTORS, {"ev": keys}):
        c = found[str(row["ev"])]
        actor = str(row["actor"])
        role = ROLE_OF.get(str(row["roleType"]), "participant")
        label = str(row.get("label") or actor.rsplit("/", 1)[-1])
        unidentified = row.get("kind") == "unidentified"
        c.roles.append((actor, label, role, unidentified))
        c.info.labels[actor] = label
        if unidentified:
            if role == "agent":
                c.info.unidentified_agent = True
                c.info.labels["unidentified"] = label
            continue
        roles.setdefault(c.iri, {}).setdefault(role, set()).add(actor)
    parents: dict[str, dict[str, set[str]]] = {}
    for row in store.select_values(_Q_PLACES, {"ev": keys}):
        c = found[str(row["ev"])]
        info = c.info
        place = str(row["place"])
        if place not in c.places:
            c.places.append(place)
        level = str(row.get("level") or "country")
        info.places = info.places | {place}
        info.place_chain = info.place_chain | {place}
        info.labels["level:" + place] = level
        if level != "country":
            info.specific_places = info.specific_places | {place}
        label = str(row.get("label") or place.rsplit("/", 1)[-1])
        if row.get("anc") is not None:
            anc = str(row["anc"])
            info.place_chain = info.place_chain | {anc}
            parents.setdefault(info.iri, {}).setdefault(place, set()).add(anc)
            if row.get("ancLevel") == "country" and level not in ("country", "border"):
                label = f"{label} ({row.get('ancLabel')})"
        if place not in info.labels or "(" in label:
            info.labels[place] = label
    for iri, c in found.items():
        c.ids += sorted(others.get(iri, ()), key=lambda i: (len(i), i))
        c.sources.sort()
        c.outlets.sort()
        c.roles.sort()
        c.places.sort()
        by_role = roles.get(iri, {})
        c.info.agents = frozenset(by_role.get("agent", ()))
        c.info.targets = frozenset(by_role.get("target", ()))
        c.info.participants = frozenset(by_role.get("participant", ()))
        reduce_places(c.info, parents.get(iri, {}))
        # Compared as its first report: the same IRI and article as after promotion.
        c.info.iri = report_iri(c.dataset, c.ids[0])
        c.info.article = _article_id(c, c.sources[0] if c.sources else None)
        out[iri] = c


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _article_id(c: CompactIncident, source: str | None) -> str:
    """The article id an import gives the row of this source (see the importers)."""
    if c.dataset == "acled":
        return f"acled-{c.ids[0]}"
    if source:
        return url_article_id(source, c.dataset)
    return f"{c.dataset}-e-{c.ids[0]}"


def reports_of(c: CompactIncident) -> list[ImportedReport]:
    """The event reports that stand for a compact incident: one per source."""
    from urllib.parse import urlsplit

    info = c.info
    first = c.ids[0]
    sources: list[str | None] = list(c.sources) if c.dataset != "acled" else [None]
    if not sources:
        sources = [None]
    actors = [ActorIn(iri, label, role, unidentified=u) for iri, label, role, u in c.roles]
    publishers = tuple(key_from_iri(o) for o in c.outlets)
    out: list[ImportedReport] = []
    for n, source in enumerate(sources):
        art_id = _article_id(c, source)
        web = bool(source) and source.startswith(("http://", "https://"))  # type: ignore[union-attr]
        outlet = None
        if web:
            outlet = (urlsplit(source).hostname or "").removeprefix("www.") or None
        elif source:
            outlet = source  # GDELT 1.0 names some sources by text
        title = None if web else f"{c.dataset.upper()} event {first}"
        sub = short_hash(art_id) if n else None
        text = c.notes or f"{c.dataset.upper()} event {first}"
        if c.dataset == "gdelt":
            text = f"GDELT event {first}"
        article = ArticleIn(
            id=art_id,
            url=source if web else None,
            outlet=outlet,
            publishers=publishers if c.dataset == "acled" else (),
            title=title,
        )
        if c.notes:
            article.body_hash = content_hash(c.notes)  # as the ACLED importer gives it
        out.append(
            ImportedReport(
                dataset=c.dataset,
                dataset_id=first,
                iri=report_iri(c.dataset, first, sub),
                type=info.type,
                top=info.top,
                trigger="CAMEO" if c.dataset == "gdelt" else "ACLED event",
                article=article,
                mention_iri=mention_iri(c.dataset, first, sub),
                mention_text=text,
                mention_end=len(text) if c.notes else 0,
                actors=actors,
                centroid=c.centroid,
                date_value=info.date_value,
                precision=info.precision,
                earliest=info.earliest,
                latest=info.latest,
                date_text=info.date_text,
                basis=info.basis,
                quantities=dict(info.quantities),
                place_iris=list(c.places),
            )
        )
    return out


def group_of(c: CompactIncident, place_of: Callable[[str], Place | None]) -> Group:
    """A compact incident read back as the group it was written from.

    Args:
        c: the incident (:func:`load_compact`).
        place_of: place IRI -> the place (as described by the run that wrote it).
    """
    earliest, latest, value, precision, basis = c.stored
    return Group(
        dataset=c.dataset,
        ids=list(c.ids),
        seq=0,
        type=c.info.type,
        top=c.info.top,
        actors=[(iri, label, role) for iri, label, role, _ in c.roles],
        places=[p for iri in c.places if (p := place_of(iri)) is not None],
        centroid=c.centroid,
        value=value,
        precision=precision,
        earliest=earliest,
        latest=latest,
        basis=basis,
        sources=dict.fromkeys(c.sources),
        count=max(c.source_count - len(c.sources), 0),
        quantities=dict(c.info.quantities),
        unidentified=[(iri, label) for iri, label, _, u in c.roles if u],
        outlets=tuple(key_from_iri(o) for o in c.outlets),
        notes=c.notes,
    )


def promote(store: Store, incidents: Sequence[CompactIncident]) -> list[str]:
    """Rewrite compact incidents as event reports, each in its graph, in one update.

    Returns:
        The IRIs of the reports written.
    """
    deletes: list[str] = []
    inserts: dict[str, list[str]] = {}
    written: list[str] = []
    for c in incidents:
        g = c.graph
        # One operation per incident: patterns of one DELETE WHERE would be joined.
        deletes.append(f"DELETE WHERE {{ GRAPH <{g}> {{ <{c.iri}> ?p ?o }} }}")
        lines = inserts.setdefault(g, [])
        for n, r in enumerate(reports_of(c)):
            article_lines(r.article, g, lines)
            report_lines(r, g, lines)
            if n == 0:
                end = f" <{g}> .\n"
                lines += [f"<{r.iri}> {_IDENTIFIER} {n_str(i)}{end}" for i in c.ids[1:]]
            written.append(r.iri)
    if not written:
        return []
    body = []
    for g, lines in inserts.items():
        cut = len(f" <{g}> .\n")
        body.append(f"GRAPH <{g}> {{\n" + "".join(x[:-cut] + " .\n" for x in lines) + "}")
    # One request is one transaction: the compact incident and its reports never coexist.
    store.update(" ;\n".join(deletes) + " ;\nINSERT DATA {\n" + "\n".join(body) + "\n}")
    return written


def promote_matching(store: Store, infos: Sequence[ReportInfo]) -> list[ReportInfo]:
    """Promote the compact incidents that are the same incident as one of `infos`.

    Args:
        store: the store (the new reports may already be written).
        infos: new event reports about to be linked.

    Returns:
        The promoted reports as the linker reads them back; link them with `infos`.
    """
    from kb.link.incidents import load_reports

    if not infos or not store.query("ASK { ?ev kb:datasetId ?id }"):
        return []  # nothing was ever imported: one index probe
    compact = load_compact(store, compact_candidates(store, infos))
    matched = [
        c for _, c in sorted(compact.items()) if any(same_incident(i, c.info) for i in infos)
    ]
    if not matched:
        return []
    return load_reports(store, promote(store, matched))
