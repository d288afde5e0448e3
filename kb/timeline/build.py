"""Build timeline entries (plain dicts, the documented ``--format json`` shape) from a store.

Selection runs as one SPARQL query whose parameters (actor IRIs with their
aliases and merges resolved first, place IRIs, type IRIs, dates) are bound as
VALUES; details are then fetched for the selected events only, a few small
queries keyed by event. Aliases are resolved before the main pattern, never by a
property path inside it (that would make the engine read every actor triple).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kb.namespaces import PRECISION_OF_UNIT, ROLE_OF, key_from_iri, place_id_from_iri
from kb.store.base import Store
from kb.store.oxterms import date_lit, int_lit, iri

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
_LEVEL_RANK = {
    "city": 0, "district": 1, "border": 2, "sea": 2, "region": 3, "area": 3.5, "country": 4,
}  # fmt: skip


@dataclass
class TimelineFilter:
    """What a timeline selects. Lists are OR within one option, AND across options."""

    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    since: dt.date | None = None
    until: dt.date | None = None
    related_to: str | None = None
    within_days: int = 365
    min_sources: int | None = None
    asserted_only: bool = False
    limit: int | None = None

    def __post_init__(self) -> None:
        from kb.errors import UsageError

        # Checked here, not only in the CLI: a library caller gets the same clear errors.
        if self.since and self.until and self.since > self.until:
            raise UsageError(
                f"--since {self.since.isoformat()} is after --until {self.until.isoformat()}; "
                "swap them"
            )
        if self.limit is not None and self.limit < 0:
            raise UsageError(f"--limit: {self.limit} is negative; give 0 (no limit) or more")


def display_date(value: str | None, precision: str | None, basis: str, latest: str | None) -> str:
    """ "27 June 2025", "July 2025", "2025"; never a day the data does not have."""
    if value:
        parts = value.split("-")
        try:
            if precision == "day" and len(parts) == 3:
                return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
            if precision == "month" and len(parts) >= 2:
                return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
        except (ValueError, IndexError):
            return value
        return parts[0]
    if basis == "publication" and latest:
        return "reported " + display_date(latest, "day", "explicit", None)
    return "date unknown"


# --- selection --------------------------------------------------------------------------
def _select_query(f: TimelineFilter, has: dict[str, bool]) -> str:
    lines = ["SELECT DISTINCT ?event ?earliest ?latest ?sortKey WHERE {"]
    if has["actor"]:
        lines.append("  ?event sem:hasActor ?actor .")
    if has["place"]:
        lines.append(
            "  { ?event sem:hasPlace ?place } UNION { ?at geo:sfWithin ?place . "
            "?event sem:hasPlace ?at }"
        )
    if has["type"]:
        lines.append("  ?event sem:eventType ?type .")
    if has.get("bucket"):
        lines.append("  ?event kb:inBucket ?bucket .")
    lines.append("  ?event a sem:Event .")
    lines.append("  OPTIONAL { ?event sem:hasEarliestBeginTimeStamp ?earliest }")
    lines.append("  OPTIONAL { ?event sem:hasLatestEndTimeStamp ?latest }")
    lines.append("  BIND(COALESCE(?earliest, ?latest) AS ?sortKey)")
    # A date filter keeps the incidents whose interval overlaps the period. An interval
    # known at one end only (an incident dated by its report alone has just the report's
    # day as its latest bound) counts as that one day, where it is shown and sorted; an
    # undated incident (no bound at all) fails COALESCE and never matches a date filter.
    if f.since:
        lines.append("  FILTER(COALESCE(?latest, ?earliest) >= ?since)")
    if f.until:
        lines.append("  FILTER(?sortKey <= ?until)")
    if f.min_sources:
        lines.append("  ?event kb:sourceCount ?sources . FILTER(?sources >= ?minSources)")
    if f.asserted_only:
        lines.append('  ?event kb:certainty "asserted" ; kb:negated false .')
    # Dated events first, oldest first; the engine sorts and cuts, so a limit is cheap.
    lines.append("}\nORDER BY (!BOUND(?sortKey)) ?sortKey ?latest ?event")
    if f.limit and f.limit > 0 and not f.related_to:
        lines.append(f"LIMIT {int(f.limit)}")
    return "\n".join(lines)


def select_events(store: Store, f: TimelineFilter) -> list[str]:
    """IRIs of the events a filter selects, oldest first (undated last)."""
    return [str(r["event"]) for r in _selected(store, f)]


def _selected(store: Store, f: TimelineFilter) -> list[dict[str, str | None]]:
    """The rows (event, earliest, latest) of the events a filter selects, in order."""
    from kb.resolve import actor_iris, place_iri_for, type_iris

    bindings: dict[str, Any] = {}
    if f.actors:
        actors = sorted({i for name in f.actors for i in actor_iris(store, name)})
        bindings["actor"] = [iri(a) for a in actors]
    if f.places:
        bindings["place"] = [iri(p) for p in sorted({place_iri_for(p, store) for p in f.places})]
    if f.types:
        bindings["type"] = [iri(t) for t in sorted({i for t in f.types for i in type_iris(t)})]
    if f.since:
        bindings["since"] = date_lit(f.since)
    if f.until:
        bindings["until"] = date_lit(f.until)
    if f.min_sources:
        bindings["minSources"] = int_lit(f.min_sources)
    has = {k: k in bindings for k in ("actor", "place", "type")}
    rows = None
    if f.limit and not f.related_to and (has["actor"] or has["place"]):
        rows = _select_by_buckets(store, f, has, bindings)
    if rows is None:
        rows = store.select_values(_select_query(f, has), bindings)
    if f.related_to:
        related = {str(r["event"]) for r in related_events(store, f.related_to, f.within_days)}
        rows = [r for r in rows if r["event"] in related]
    return rows[: f.limit] if f.limit else rows


_Q_PROBE = "SELECT ?bucket WHERE { FILTER EXISTS { ?event kb:inBucket ?bucket } }"
#: Bucket IRIs per probe query (a VALUES block of this many IRIs is about 0.4 MB).
_PROBE_CHUNK = 6000


def _select_by_buckets(
    store: Store, f: TimelineFilter, has: dict[str, bool], bindings: dict[str, Any]
) -> list[dict[str, str | None]] | None:
    """The first ``f.limit`` events, read month by month through the bucket index.

    The actors (else the places) lead: the engine is asked which of their month buckets
    exist (one index probe per month), then reads the earliest months first, doubling
    the number of months per query, until the limit is reached. The other filters stay
    in the query. Returns None when the buckets give fewer events than the limit (few
    events, undated ones, or a store without buckets): the caller then runs the plain
    query, which is cheap in that case and also finds undated events.
    """
    from kb.index import bucket_iri, month_range, months

    limit = int(f.limit or 0)
    lead = "actor" if has["actor"] else "place"
    subjects = [x.value for x in bindings[lead]]
    lo, hi = month_range(f.since, f.until)
    # Months after next year hold only misdated incidents, and those sort after every
    # other dated one: when the months up to then give the limit they cannot be among
    # the first, and when they do not, the plain query finds them. (A third fewer
    # probes for an unbounded timeline.)
    hi = min(hi, dt.date.today() + dt.timedelta(days=366))
    probe = [bucket_iri(s, m) for m in months(lo, hi) for s in subjects]
    found: dict[str, list[str]] = {}
    for start in range(0, len(probe), _PROBE_CHUNK):
        chunk = [iri(b) for b in probe[start : start + _PROBE_CHUNK]]
        for r in store.select_values(_Q_PROBE, {"bucket": chunk}):
            b = str(r["bucket"])
            found.setdefault(b.rsplit("/", 1)[1], []).append(b)
    ordered = sorted(found)
    rest = {k: v for k, v in bindings.items() if k != lead}
    query_has = {**has, lead: False, "bucket": True}
    rows: list[dict[str, str | None]] = []
    at, step = 0, 1
    while at < len(ordered) and len(rows) < limit:
        batch = ordered[at : at + step]
        at, step = at + len(batch), step * 2
        sub = TimelineFilter(**{**f.__dict__, "limit": limit - len(rows)})
        values = [iri(b) for m in batch for b in found[m]]
        rows += store.select_values(_select_query(sub, query_has), {**rest, "bucket": values})
    return rows[:limit] if len(rows) >= limit else None


# --- details ------------------------------------------------------------------------------
def _scalars_query(extras: bool, dated: bool = False) -> str:
    """An incident's own values; with `extras`, also the date's text, quantities and notes.

    The notes are a dataset's description of the incident (ACLED's ``notes`` column, an
    ``rdfs:comment``), which only compact imported incidents carry themselves.

    A table shows no extras: without them an incident costs twelve lookups, not
    seventeen; `dated` leaves out the date bounds (the selection read them already) and
    the date's basis (only undated incidents need it): eight.
    """
    if dated:
        return """
SELECT ?event ?label ?type ?value ?unit ?certainty ?negated ?sources ?outlets WHERE {
  ?event kb:typeKey ?type ; kb:certainty ?certainty ; kb:negated ?negated .
  OPTIONAL { ?event rdfs:label ?label }
  OPTIONAL { ?event kb:dateValue ?value }
  OPTIONAL { ?event time:unitType ?unit }
  OPTIONAL { ?event kb:sourceCount ?sources }
  OPTIONAL { ?event kb:outletCount ?outlets }
}"""
    text = " ?text" if extras else ""
    quantities = " ?killed ?injured ?arrested ?notes" if extras else ""
    date_text = " OPTIONAL { ?t kb:dateText ?text }" if extras else ""
    more = (
        "  OPTIONAL { ?event kb:killed ?killed } OPTIONAL { ?event kb:injured ?injured }\n"
        "  OPTIONAL { ?event kb:arrested ?arrested }\n"
        # A compact imported incident's dataset description (ACLED's notes).
        "  OPTIONAL { ?event rdfs:comment ?notes }\n"
        if extras
        else ""
    )
    return f"""
SELECT ?event ?label ?type ?value ?unit ?earliest ?latest ?basis{text} ?certainty ?negated
       ?sources ?outlets{quantities} WHERE {{
  ?event kb:typeKey ?type ; kb:certainty ?certainty ; kb:negated ?negated .
  OPTIONAL {{ ?event rdfs:label ?label }}
  OPTIONAL {{ ?event kb:dateValue ?value }}
  OPTIONAL {{ ?event time:unitType ?unit }}
  OPTIONAL {{ ?event sem:hasEarliestBeginTimeStamp ?earliest }}
  OPTIONAL {{ ?event sem:hasLatestEndTimeStamp ?latest }}
  OPTIONAL {{ ?event sem:hasTime ?t . ?t kb:dateBasis ?basis{date_text} }}
  OPTIONAL {{ ?event kb:sourceCount ?sources }}
  OPTIONAL {{ ?event kb:outletCount ?outlets }}
{more}}}"""


_Q_SCALARS = _scalars_query(extras=True)
_Q_SCALARS_LEAN = _scalars_query(extras=False)
_Q_SCALARS_DATED = _scalars_query(extras=False, dated=True)
_Q_BASIS = "SELECT ?event ?basis WHERE { ?event sem:hasTime ?t . ?t kb:dateBasis ?basis }"
_Q_ROLES = """
SELECT ?event ?actor ?roleType ?label ?label2 ?kind WHERE {
  ?event kb:hasRole ?role . ?role rdf:value ?actor ; sem:roleType ?roleType .
  OPTIONAL { ?actor skos:prefLabel ?label }
  OPTIONAL { ?actor rdfs:label ?label2 }
  OPTIONAL { ?actor kb:actorKind ?kind }
}"""
# One pattern per OPTIONAL for coordinates: Oxigraph evaluates a two-pattern OPTIONAL
# ("?place wgs:lat ?lat ; wgs:long ?long") over every place of the store and joins after
# (68 ms per call at 100k incidents, instead of under 1 ms).
_Q_PLACES = """
SELECT ?event ?place ?label ?level ?cc ?lat ?long ?anc ?ancLabel ?ancLevel WHERE {
  ?event sem:hasPlace ?place .
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place kb:placeLevel ?level }
  OPTIONAL { ?place kb:countryCode ?cc }
  OPTIONAL { ?place wgs:lat ?lat }
  OPTIONAL { ?place wgs:long ?long }
  OPTIONAL { ?place geo:sfWithin ?anc . OPTIONAL { ?anc rdfs:label ?ancLabel }
             OPTIONAL { ?anc kb:placeLevel ?ancLevel } }
}"""
# Only what a plain table shows of a place (its name, and its level for the order): a
# third of _Q_PLACES's cost, which also reads ancestors, coordinates and country.
_Q_PLACE_NAMES = """
SELECT ?event ?place ?label ?level WHERE {
  ?event sem:hasPlace ?place .
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place kb:placeLevel ?level }
}"""
# Every OPTIONAL follows all required patterns: Oxigraph plans required patterns that
# come after an OPTIONAL as a group of their own, and here that group (mentions and
# articles) shares no variable, so past ~100 bound events it became a cross product
# (46 s for 150 events of a 10k-incident store instead of 60 ms; see bench/RESULTS.md).
_Q_MENTIONS = """
SELECT ?event ?report ?text ?start ?end ?certainty ?reportedBy ?citing ?article ?title ?url
       ?published ?outlet ?path ?trigger ?dataset WHERE {
  ?event kb:hasReport ?report .
  ?report gaf:denotedBy ?m ; prov:wasDerivedFrom ?a ; kb:certainty ?certainty .
  ?m nif:anchorOf ?text ; nif:beginIndex ?start ; nif:endIndex ?end .
  ?a kb:articleId ?article .
  OPTIONAL { ?report kb:trigger ?trigger }
  OPTIONAL { ?a schema:headline ?title }
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:datePublished ?published }
  OPTIONAL { ?a kb:outletName ?outlet }
  OPTIONAL { ?a kb:sourcePath ?path }
  OPTIONAL { ?report kb:reportedByName ?reportedBy }
  OPTIONAL { ?report kb:citing ?citing }
  OPTIONAL { ?report kb:dataset ?dataset }
}"""

# What an imported incident written compact (kb.importers.compact: no reports) gives as
# its sources: the URLs (GDELT's SOURCEURL; a GDELT 1.0 source may be a name) and the
# outlets (ACLED's source column) of its rows. Incidents with reports have neither.
_Q_DATASET_SOURCES = """
SELECT ?event ?dataset ?id ?source ?outlet ?certainty WHERE {
  ?event kb:dataset ?dataset ; kb:datasetId ?id ; kb:certainty ?certainty .
  OPTIONAL { ?event prov:wasDerivedFrom ?source }
  OPTIONAL { ?event prov:wasAttributedTo ?o . ?o skos:prefLabel ?outlet }
}"""


def _s(term: Any) -> str | None:
    return None if term is None else str(term)


#: Events per detail query (one VALUES block).
_DETAIL_CHUNK = 400


#: What entries carry besides the incident's own values (date, type, headline, ...):
#: ``extras`` are the date's text, the quantities and a compact imported incident's
#: notes (a promoted one's come with its ``mentions``); ``place_names`` is a lighter
#: ``places``: each place's name and level only.
ALL_PARTS = ("roles", "places", "mentions", "extras")
PARTS = (*ALL_PARTS, "place_names")


def _detail_rows(
    store: Store, events: Sequence[str], parts: Sequence[str] = ALL_PARTS, dated: bool = False
) -> Iterator[list[list[dict[str, str | None]]]]:
    """The four detail queries of each chunk of events, run on a few threads.

    The engine releases the GIL while it evaluates, so on two cores the four queries
    of a chunk overlap (2,676 incidents of a 1M store: 1.27 s one after the other,
    0.80 s on threads); a SPARQL server gets concurrent requests. Chunks come back in
    order.
    """
    terms = [iri(str(e)) for e in events]
    chunks = [terms[i : i + _DETAIL_CHUNK] for i in range(0, len(terms), _DETAIL_CHUNK)]
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown entry parts {sorted(unknown)}; use some of {PARTS}")
    lean = _Q_SCALARS_DATED if dated else _Q_SCALARS_LEAN
    scalars = _Q_SCALARS if "extras" in parts else lean
    if "places" in parts:
        places: str | None = _Q_PLACES
    else:
        places = _Q_PLACE_NAMES if "place_names" in parts else None
    queries = [
        scalars,
        _Q_ROLES if "roles" in parts else None,
        places,
        _Q_MENTIONS if "mentions" in parts else None,
        _Q_DATASET_SOURCES if "mentions" in parts else None,
    ]
    wanted = [q for q in queries if q]
    if len(events) <= 50 or len(wanted) == 1:  # not worth a thread pool
        for chunk in chunks:
            yield [store.select_values(q, {"event": chunk}) if q else [] for q in queries]
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [
            [pool.submit(store.select_values, q, {"event": chunk}) if q else None for q in queries]
            for chunk in chunks
        ]
        for fs in futures:
            yield [f.result() if f is not None else [] for f in fs]


def entries_for(
    store: Store,
    events: Sequence[str],
    parts: Sequence[str] = ALL_PARTS,
    dates: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> list[dict[str, Any]]:
    """Timeline entries for some events, in the given order.

    Args:
        store: the store.
        events: incident IRIs (strings, or rdflib or pyoxigraph IRIs).
        parts: which of ``roles``, ``places`` (or the lighter ``place_names``: name
            and level of each place, no ancestors, coordinates or country),
            ``mentions`` and ``extras`` (the date's text, the quantities, the notes)
            to read besides the incident's own values; a format that shows fewer reads
            less (a plain table needs only place names), and what it does not need stays
            empty.
        dates: (earliest, latest) of every event, as the selection read them; without
            extras they are not read again, and the date's basis is read for undated
            events only (the only ones whose display depends on it).

    An imported incident's entry also has ``notes`` (after ``headline``): the
    dataset's description of the event, ACLED's ``notes`` column (merged rows: one
    line per distinct text, naming its rows). A compact incident keeps it as its
    ``rdfs:comment`` (read with ``extras``); a promoted one (rewritten as reports when
    an article matched it) as the quoted text of its dataset reports (read with
    ``mentions``; several reports' texts are joined, each once, in mention order, see
    :func:`_joined_notes`).
    Entries without notes (every article-derived incident) have no ``notes`` key.
    """
    from kb.eventtypes import label as type_label
    from kb.eventtypes import lineage

    entries: dict[str, dict[str, Any]] = {}
    #: type key -> (lineage, label): a few types across thousands of entries.
    type_info: dict[str, tuple[list[str], str]] = {}
    dated = dates is not None and "extras" not in parts
    #: event -> its notes: the incident's own, or (promoted) its dataset reports' texts.
    notes: dict[str, str] = {}
    report_notes: dict[str, list[tuple[str, str, int, str, str]]] = {}
    for scalars, roles, places_rows, mentions, sources in _detail_rows(store, events, parts, dated):
        if dated:
            _add_dates(store, scalars, dates)  # type: ignore[arg-type]
        for row in scalars:
            ev = str(row["event"])
            if ev in entries:
                continue
            if row.get("notes") is not None:
                notes[ev] = str(row["notes"])
            key = str(row["type"])
            info = type_info.get(key)
            if info is None:
                info = type_info[key] = (lineage(key), type_label(key))
            precision = PRECISION_OF_UNIT.get(str(row["unit"])) if row.get("unit") else None
            basis = _s(row.get("basis")) or "unknown"
            value = _s(row.get("value"))
            latest = _s(row.get("latest"))
            quantities = {
                k: int(row[k])  # type: ignore[arg-type]
                for k in ("killed", "injured", "arrested")
                if row.get(k) is not None
            }
            entries[ev] = {
                "id": ev,
                "key": key_from_iri(ev),
                "date": {
                    "text": _s(row.get("text")),
                    "value": value,
                    "precision": precision,
                    "earliest": _s(row.get("earliest")),
                    "latest": latest,
                    "basis": basis,
                    "display": display_date(value, precision, basis, latest),
                },
                "type": key,
                "types": list(info[0]),
                "type_label": info[1],
                "headline": _s(row.get("label")) or type_label(key),
                "actors": [],
                "targets": [],
                "places": [],
                "certainty": str(row["certainty"]),
                "negated": str(row["negated"]).lower() == "true",
                "quantities": quantities,
                "sources": int(row["sources"]) if row.get("sources") is not None else 0,  # type: ignore[arg-type]
                "outlets": int(row["outlets"]) if row.get("outlets") is not None else 0,  # type: ignore[arg-type]
                "mentions": [],
            }
        for row in roles:
            e = entries.get(str(row["event"]))
            if e is None:
                continue
            actor = str(row["actor"])
            role = ROLE_OF.get(str(row["roleType"]), "participant")
            name = _s(row.get("label")) or _s(row.get("label2")) or key_from_iri(actor)
            kind = _s(row.get("kind"))
            ident = "unidentified" if kind == "unidentified" else key_from_iri(actor)
            item = {"id": ident, "name": name, "role": role}
            if kind:
                item["kind"] = kind
            bucket = e["targets"] if role == "target" else e["actors"]
            if not any(x["id"] == ident and x.get("role") == role for x in bucket):
                bucket.append(item if role != "target" else {"id": ident, "name": name})
        places: dict[tuple[str, str], dict[str, Any]] = {}
        for row in places_rows:
            e = entries.get(str(row["event"]))
            if e is None:
                continue
            piri = str(row["place"])
            p = places.get((e["id"], piri))
            if p is None:
                p = {
                    "id": place_id_from_iri(piri),
                    "name": _s(row.get("label")) or place_id_from_iri(piri),
                    "level": _s(row.get("level")),
                    "country": _s(row.get("cc")),
                    "lat": float(row["lat"]) if row.get("lat") is not None else None,  # type: ignore[arg-type]
                    "lon": float(row["long"]) if row.get("long") is not None else None,  # type: ignore[arg-type]
                    "within": [],
                    "_ranks": [],
                }
                places[(e["id"], piri)] = p
                e["places"].append(p)
            if row.get("anc") is not None:
                anc = {"id": place_id_from_iri(str(row["anc"])), "name": _s(row.get("ancLabel"))}
                if anc not in p["within"]:
                    p["within"].append(anc)
                    p["_ranks"].append(_LEVEL_RANK.get(_s(row.get("ancLevel")) or "", 5))
        for p in places.values():
            order = sorted(
                range(len(p["within"])), key=lambda i: (p["_ranks"][i], p["within"][i]["id"])
            )
            p["within"] = [p["within"][i] for i in order]
            del p["_ranks"]
        for row in mentions:
            e = entries.get(str(row["event"]))
            if e is None:
                continue
            if _s(row.get("dataset")) in NOTES_DATASETS and int(row["end"]) > 0:  # type: ignore[arg-type]
                # A promoted incident's dataset report quotes the notes (an empty
                # mention, end 0, when the row had none).
                report_notes.setdefault(e["id"], []).append(
                    (
                        _s(row.get("published")) or "",
                        str(row["article"]),
                        int(row["start"]),  # type: ignore[arg-type]
                        str(row["text"]),
                        str(row["dataset"]),
                    )
                )
            e["mentions"].append(
                {
                    "article": {
                        "id": str(row["article"]),
                        "path": _s(row.get("path")),
                        "url": _s(row.get("url")),
                        "title": _s(row.get("title")),
                        "published": _s(row.get("published")),
                        "outlet": _s(row.get("outlet")),
                    },
                    "text": str(row["text"]),
                    "start": int(row["start"]),  # type: ignore[arg-type]
                    "end": int(row["end"]),  # type: ignore[arg-type]
                    "trigger": _s(row.get("trigger")),
                    "attribution": {
                        "reported_by": _s(row.get("reportedBy")),
                        "citing": _s(row.get("citing")),
                    },
                    "certainty": str(row["certainty"]),
                }
            )
        _add_dataset_sources(entries, sources)
    out = []
    for ev in events:
        e = entries.get(str(ev))
        if e is None:
            continue
        e["places"].sort(key=lambda p: (_LEVEL_RANK.get(p["level"] or "", 5), p["name"]))
        e["mentions"].sort(
            key=lambda m: (m["article"]["published"] or "", m["article"]["id"], m["start"])
        )
        text = notes.get(e["id"])
        if text is None and e["id"] in report_notes:
            text = _joined_notes(sorted(report_notes[e["id"]]))
        if text is not None and text.strip():
            e = _with_notes(e, text)
        out.append(e)
    return out


def _add_dataset_sources(
    entries: dict[str, dict[str, Any]], rows: Sequence[Mapping[str, Any]]
) -> None:
    """Give compact imported incidents (no reports) a mention per source of their rows.

    The mention has the shape of a promoted incident's dataset report
    (:func:`kb.importers.promote.reports_of`): no text of an article, the dataset's
    event id as its title when there is no URL, the URL's host as its outlet (or ACLED's
    outlets), so every format lists where an imported event comes from.
    """
    from urllib.parse import urlsplit

    by_event: dict[str, dict[str, Any]] = {}
    for row in rows:
        ev = str(row["event"])
        e = entries.get(ev)
        if e is None or e["mentions"]:
            continue  # an incident with reports lists those
        info = by_event.setdefault(
            ev,
            {
                "dataset": str(row["dataset"]),
                "id": str(row["id"]),
                "certainty": str(row["certainty"]),
                "sources": set(),
                "outlets": set(),
            },
        )
        if row.get("source") is not None:
            info["sources"].add(str(row["source"]))
        if row.get("outlet") is not None:
            info["outlets"].add(str(row["outlet"]))
    for ev, info in by_event.items():
        name = f"{info['dataset'].upper()} event {info['id']}"
        outlets = sorted(info["outlets"])
        for n, source in enumerate(sorted(info["sources"]) or [None]):
            web = source is not None and source.startswith(("http://", "https://"))
            if web:
                outlet = (urlsplit(source).hostname or "").removeprefix("www.") or None
            else:
                outlet = source or ("; ".join(outlets) or None)
            entries[ev]["mentions"].append(
                {
                    "article": {
                        "id": f"{info['dataset']}-{info['id']}" + (f"-{n}" if n else ""),
                        "path": None,
                        "url": source if web else None,
                        "title": None if web else name,
                        "published": None,
                        "outlet": outlet,
                    },
                    "text": name,
                    "start": 0,
                    "end": 0,
                    "trigger": None,
                    "attribution": {"reported_by": None, "citing": None},
                    "certainty": info["certainty"],
                }
            )


#: Datasets whose reports quote the dataset's own description of the event (ACLED's
#: notes). A GDELT report's text is an article's words or a placeholder, never notes.
NOTES_DATASETS = frozenset({"acled"})


#: A line of merged notes: the rows that give the text, then the text (kb.importers.compact).
_TAGGED = re.compile(r"\[[^\]\n]+\] ")


def _joined_notes(reports: Sequence[tuple[str, str, int, str, str]]) -> str:
    """The notes of an incident promoted from several imported incidents, one text each.

    Each text is a report's (a compact incident's notes, quoted when it was promoted); a
    text of one row gets its row's id (``[IRQ9901] ...``), as merged rows' lines have
    theirs, so the lines say which row says what. `reports` are (published, article id,
    start, text, dataset), in mention order.
    """
    texts = dict.fromkeys(text for *_, text, _ in reports)
    if len(texts) == 1:
        return next(iter(texts))
    row_of: dict[str, str] = {}
    for _, article, _, text, dataset in reports:
        row_of.setdefault(text, article.removeprefix(dataset + "-"))
    return "\n".join(t if _TAGGED.match(t) else f"[{row_of[t]}] {t}" for t in texts)


def _with_notes(entry: dict[str, Any], text: str) -> dict[str, Any]:
    """The entry with ``notes`` right after ``headline`` (where a reader of JSON looks)."""
    out: dict[str, Any] = {}
    for k, v in entry.items():
        out[k] = v
        if k == "headline":
            out["notes"] = text
    return out


def _add_dates(
    store: Store,
    rows: list[dict[str, str | None]],
    dates: Mapping[str, tuple[str | None, str | None]],
) -> None:
    """Put the selection's date bounds into rows, and the basis where there is no date."""
    undated = []
    for row in rows:
        row["earliest"], row["latest"] = dates.get(str(row["event"]), (None, None))
        if row.get("value") is None:
            undated.append(iri(str(row["event"])))
    if undated:
        basis = {
            str(r["event"]): r["basis"] for r in store.select_values(_Q_BASIS, {"event": undated})
        }
        for row in rows:
            row["basis"] = basis.get(str(row["event"]))


def timeline(
    store: Store, f: TimelineFilter, parts: Sequence[str] = ALL_PARTS
) -> list[dict[str, Any]]:
    """Entries of the events a filter selects, in time order (see :func:`entries_for`)."""
    rows = _selected(store, f)
    dates = {str(r["event"]): (r.get("earliest"), r.get("latest")) for r in rows}
    return entries_for(store, [str(r["event"]) for r in rows], parts, dates)


# --- related incidents ----------------------------------------------------------------------
_Q_EVENT_ROLES = """
SELECT ?actor ?kind ?roleType ?group WHERE {
  ?event kb:hasRole ?r . ?r rdf:value ?actor ; sem:roleType ?roleType .
  OPTIONAL { ?actor kb:actorKind ?kind }
  OPTIONAL { ?actor kb:parentOrganization ?group }
}"""
_Q_EVENT_PLACES = """
SELECT ?place ?level ?anc ?ancLevel WHERE {
  ?event sem:hasPlace ?place .
  OPTIONAL { ?place kb:placeLevel ?level }
  OPTIONAL { ?place geo:sfWithin ?anc OPTIONAL { ?anc kb:placeLevel ?ancLevel } }
}"""
_Q_EVENT_DATES = """
SELECT ?earliest ?latest WHERE {
  ?event a sem:Event .
  OPTIONAL { ?event sem:hasEarliestBeginTimeStamp ?earliest }
  OPTIONAL { ?event sem:hasLatestEndTimeStamp ?latest }
}"""
_Q_RELATED_BY_ACTOR = """
SELECT DISTINCT ?other ?actor ?earliest ?latest WHERE {
  ?other sem:hasActor ?actor ; a sem:Event .
  OPTIONAL { ?other sem:hasEarliestBeginTimeStamp ?earliest }
  OPTIONAL { ?other sem:hasLatestEndTimeStamp ?latest }
  FILTER(!BOUND(?lo) || (BOUND(?latest) && ?latest >= ?lo && (!BOUND(?earliest) || ?earliest <= ?hi)))
}"""
_DATE_WINDOW = (
    "  OPTIONAL { ?other sem:hasEarliestBeginTimeStamp ?earliest }\n"
    "  OPTIONAL { ?other sem:hasLatestEndTimeStamp ?latest }\n"
    "  FILTER(!BOUND(?lo) || (BOUND(?latest) && ?latest >= ?lo && "
    "(!BOUND(?earliest) || ?earliest <= ?hi)))\n"
)
_Q_AT_PLACES = (
    "SELECT DISTINCT ?other ?earliest ?latest WHERE {\n  ?other sem:hasPlace ?p ; a sem:Event .\n"
    + _DATE_WINDOW
    + "}"
)
_Q_BELOW_PLACES = (
    "SELECT DISTINCT ?other ?earliest ?latest WHERE {\n  ?q geo:sfWithin ?p . "
    "?other sem:hasPlace ?q ; a sem:Event .\n" + _DATE_WINDOW + "}"
)
_Q_HAS_ACTOR = """
SELECT ?other ?actor WHERE { ?other sem:hasActor ?actor }"""
_Q_RELATED_PLACES = """
SELECT ?other ?place ?level ?anc WHERE {
  ?other sem:hasPlace ?place .
  OPTIONAL { ?place kb:placeLevel ?level }
  OPTIONAL { ?place geo:sfWithin ?anc }
}"""
_Q_RELATED_ROLES = """
SELECT ?other ?actor ?roleType WHERE {
  ?other kb:hasRole ?r . ?r rdf:value ?actor ; sem:roleType ?roleType .
}"""
_PLACE_POINTS = {
    "city": 3.0, "district": 2.5, "border": 2.0, "sea": 1.5, "region": 2.0, "area": 1.5,
    "country": 1.0,
}  # fmt: skip
_ROLE_POINTS = {"agent": 2.0, "target": 1.5, "participant": 1.0}


@dataclass
class Related:
    """One related incident with why it is related."""

    event: str
    score: float
    shared_actors: list[str]
    shared_places: list[str]
    days: int | None


def _mid(earliest: Any, latest: Any) -> dt.date | None:
    e = dt.date.fromisoformat(str(earliest)[:10]) if earliest is not None else None
    l_ = dt.date.fromisoformat(str(latest)[:10]) if latest is not None else None
    if e and l_:
        return e + (l_ - e) / 2
    return e or l_


# Which bucket matched says which place is shared (kb.index: an event place's bucket
# holds the incidents at or inside it, an "at:" bucket those exactly at a place around
# it), so the candidates' places need not be read. (Reading the roles here too, through
# kb:hasRole, made Oxigraph start from every role of the actor: 73 ms instead of 28 for
# an Islamic State event at 1M incidents, 1 s on a cold cache.)
_Q_RELATED_BUCKETS = """
SELECT DISTINCT ?other ?actor ?bucket ?pb ?earliest ?latest WHERE {
  ?other kb:inBucket ?bucket .
  ?other sem:hasActor ?actor . FILTER(?actor IN (%(actors)s))
  %(places)s
  OPTIONAL { ?other sem:hasEarliestBeginTimeStamp ?earliest }
  OPTIONAL { ?other sem:hasLatestEndTimeStamp ?latest }
  FILTER(BOUND(?latest) && ?latest >= ?lo && (!BOUND(?earliest) || ?earliest <= ?hi))
}"""


def _related_by_buckets(
    store: Store,
    actors: dict[str, str],
    places: dict[str, str],
    chain: set[str],
    center: dt.date,
    within_days: int,
    bounds: dict[str, Any],
) -> list[dict[str, str | None]]:
    """Incidents of the time window sharing an actor and a place, read from the buckets.

    A row per incident, shared actor and shared place (``place``:
    the event's place it is at or inside, or the place around the event's it is exactly
    at). "Sharing a place" is: at or inside one of the event's places (the place's bucket),
    or exactly at a place containing one of them (the ``at:`` bucket). When the event
    has a town, district, border or region, those buckets lead (few incidents) and the
    actors filter; when it has only countries, the actors' buckets lead and the places
    filter.
    """
    from kb.index import at_subject, bucket_iri, months

    window = list(
        months(
            center - dt.timedelta(days=within_days + 366),
            center + dt.timedelta(days=within_days),
        )
    )
    place_subjects = set(places) | {at_subject(q) for q in chain - set(places)}
    subject_of = {bucket_iri(p, m): p for m in window for p in sorted(place_subjects)}
    place_buckets = list(subject_of)
    actor_list = ", ".join(str(iri(a)) for a in sorted(actors))
    if any(level != "country" for level in places.values()):
        lead, places_filter = place_buckets, ""
    else:
        lead = [bucket_iri(a, m) for m in window for a in sorted(actors)]
        places_filter = (
            "?other kb:inBucket ?pb . FILTER(?pb IN ("
            + ", ".join(str(iri(b)) for b in place_buckets)
            + "))"
        )
    query = _Q_RELATED_BUCKETS % {"actors": actor_list, "places": places_filter}
    rows = store.select_values(query, {"bucket": [iri(b) for b in lead], **bounds})
    for r in rows:
        subject = subject_of[str(r["pb"] or r["bucket"])]
        r["place"] = subject.removeprefix("at:")
    return rows


def _place_and_role_rows(
    store: Store, candidates: list[str]
) -> tuple[list[dict[str, str | None]], list[dict[str, str | None]]]:
    """Places (with levels and ancestors) and roles of candidate incidents, 500 a query."""

    if len(candidates) < 100:
        return _candidate_rows(store, _Q_RELATED_PLACES, candidates), _role_rows(store, candidates)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        roles = pool.submit(_role_rows, store, candidates)
        return _candidate_rows(store, _Q_RELATED_PLACES, candidates), roles.result()


def _role_rows(store: Store, candidates: list[str]) -> list[dict[str, str | None]]:
    """(other, actor, roleType) of candidate incidents."""
    return _candidate_rows(store, _Q_RELATED_ROLES, candidates)


def _candidate_rows(store: Store, query: str, candidates: list[str]) -> list[dict[str, str | None]]:
    """A query over candidate incidents (``?other``), 500 a VALUES block."""
    out: list[dict[str, str | None]] = []
    for start in range(0, len(candidates), 500):
        chunk = [iri(c) for c in candidates[start : start + 500]]
        # One VALUES block only: Oxigraph 0.5 plans two (?other and ?actor) as a cross
        # product read against every role of the store (2 s for 30 incidents at 100k).
        out += store.select_values(query, {"other": chunk})
    return out


def related_events(store: Store, event: str, within_days: int = 365) -> list[dict[str, Any]]:
    """Incidents sharing a named actor and a place (containment either way) with one event.

    Score (higher is closer): for each shared actor, 2 if it is an agent in both,
    1.5 a target in both, 1 otherwise; plus the most specific shared place (town 3,
    district 2.5, border or region 2, country 1); times a time factor
    ``1 - days / (within_days + 1)``. Unidentified actors never count.
    """
    from kb.errors import NotFoundError
    from kb.resolve import event_iri_for

    event_ref = event_iri_for(event)
    event_term = iri(event_ref)
    found_event = store.select_values(_Q_EVENT_DATES, {"event": event_term})
    if not found_event:
        raise NotFoundError(
            f"no event {event!r} in store {store.location}; list them with 'kb events'"
        )
    earliest, latest = found_event[0].get("earliest"), found_event[0].get("latest")
    actors: dict[str, str] = {}
    groups: dict[str, str] = {}
    for r in store.select_values(_Q_EVENT_ROLES, {"event": event_term}):
        if r.get("kind") != "unidentified":
            actors[r["actor"]] = ROLE_OF.get(str(r["roleType"]), "participant")
            # An unnamed person of a group ("a Hezbollah commander") ties the event to
            # the group's other incidents (as `--actor` takes such people with it).
            group = r.get("group")
            if group and r.get("kind") == "person" and "/actor/person-" in r["actor"]:
                groups[group] = "participant"
    for group, role in groups.items():
        actors.setdefault(group, role)
    places: dict[str, str] = {}
    chain: set[str] = set()
    levels: dict[str, str] = {}  # of every place of the chain
    for r in store.select_values(_Q_EVENT_PLACES, {"event": event_term}):
        places[r["place"]] = levels[r["place"]] = r.get("level") or "country"
        chain.add(r["place"])
        if r.get("anc"):
            chain.add(r["anc"])
            levels[r["anc"]] = r.get("ancLevel") or "country"
    if not actors or not places:
        return []
    center = _mid(earliest, latest)
    bounds: dict[str, Any] = {}
    if center is not None:
        bounds = {
            "lo": date_lit(center - dt.timedelta(days=within_days)),
            "hi": date_lit(center + dt.timedelta(days=within_days)),
        }
    shared_actors: dict[str, set[str]] = {}
    dates: dict[str, tuple[Any, Any]] = {}
    actor_terms = [iri(a) for a in sorted(actors)]
    indexed = center is not None and bool(
        store.select_values(
            "SELECT ?b WHERE { ?event kb:inBucket ?b } LIMIT 1", {"event": event_term}
        )
    )
    shared_places: dict[str, dict[str, float]] = {}
    roles_of: dict[tuple[str, str], set[str]] = {}
    if indexed:
        # Through the month buckets of the window (kb.index): the engine intersects the
        # places' buckets with the actors, whatever the size of either, and the rows
        # carry the shared places and the roles.
        for r in _related_by_buckets(store, actors, places, chain, center, within_days, bounds):
            other = r["other"]
            if other == event_ref:
                continue
            shared_actors.setdefault(other, set()).add(r["actor"])
            dates[other] = (r.get("earliest"), r.get("latest"))
            place = r["place"]
            shared_places.setdefault(other, {})[place] = _PLACE_POINTS.get(levels[place], 1.0)
        for r in _role_rows(store, sorted(shared_actors)):
            if r["actor"] in actors:
                role = ROLE_OF.get(str(r["roleType"]), "participant")
                roles_of.setdefault((r["other"], r["actor"]), set()).add(role)
        return _scored(shared_actors, shared_places, roles_of, dates, actors, center, within_days)
    if all(level != "country" for level in places.values()):
        # 1a. a town, region or border: few incidents there; start from the places.
        found: set[str] = set()
        for query, values in (
            (_Q_AT_PLACES, sorted(chain)),
            (_Q_BELOW_PLACES, sorted(places)),
        ):
            for r in store.select_values(query, {"p": [iri(v) for v in values], **bounds}):
                if r["other"] != event_ref:
                    found.add(r["other"])
                    dates[r["other"]] = (r.get("earliest"), r.get("latest"))
        listed = sorted(found)
        for start in range(0, len(listed), 500):
            chunk = [iri(c) for c in listed[start : start + 500]]
            for r in store.select_values(_Q_HAS_ACTOR, {"other": chunk}):
                if r["actor"] in actors:
                    shared_actors.setdefault(r["other"], set()).add(r["actor"])
    else:
        # 1b. a whole country: start from the actors, inside the time window.
        for r in store.select_values(_Q_RELATED_BY_ACTOR, {"actor": actor_terms, **bounds}):
            other = r["other"]
            if other == event_ref:
                continue
            shared_actors.setdefault(other, set()).add(r["actor"])
            dates[other] = (r.get("earliest"), r.get("latest"))
    # 2. of those, the ones at a place equal to, inside or around one of the event's,
    # 3. and the roles the shared actors play: two queries, side by side on threads
    # when there are many candidates (the engine releases the GIL while it works).
    candidates = sorted(shared_actors)
    place_rows, role_rows = _place_and_role_rows(store, candidates)
    for r in place_rows:
        other, place = r["other"], r["place"]
        level = r.get("level") or "country"
        if place in chain:  # the other's place is the event's place or contains it
            shared_places.setdefault(other, {})[place] = _PLACE_POINTS.get(level, 1.0)
        anc = r.get("anc")
        if anc and anc in places:  # the other's place lies inside one of the event's
            shared_places.setdefault(other, {})[anc] = _PLACE_POINTS.get(places[anc], 1.0)
    for r in role_rows:
        if r["actor"] in actors:
            role = ROLE_OF.get(str(r["roleType"]), "participant")
            roles_of.setdefault((r["other"], r["actor"]), set()).add(role)
    return _scored(shared_actors, shared_places, roles_of, dates, actors, center, within_days)


def _scored(
    shared_actors: dict[str, set[str]],
    shared_places: dict[str, dict[str, float]],
    roles_of: dict[tuple[str, str], set[str]],
    dates: dict[str, tuple[Any, Any]],
    actors: dict[str, str],
    center: dt.date | None,
    within_days: int,
) -> list[dict[str, Any]]:
    """The related incidents, scored (see :func:`related_events`), best first."""
    out: list[dict[str, Any]] = []
    for other in sorted(shared_places):
        mid = _mid(*dates.get(other, (None, None)))
        days = abs((mid - center).days) if (mid and center) else None
        if days is not None and days > within_days:
            continue
        actor_points = 0.0
        for a in shared_actors[other]:
            # An actor with two roles there counts with the one closest to its role here.
            actor_points += max(
                _ROLE_POINTS[role] if actors.get(a) == role else 1.0
                for role in roles_of.get((other, a)) or {"participant"}
            )
        factor = 1.0 - (days / (within_days + 1)) if days is not None else 0.5
        score = (actor_points + max(shared_places[other].values())) * factor
        out.append(
            {
                "event": other,
                "score": round(score, 3),
                "shared_actors": sorted(key_from_iri(a) for a in shared_actors[other]),
                "shared_places": sorted(place_id_from_iri(p) for p in shared_places[other]),
                "days": days,
            }
        )
    out.sort(key=lambda x: (-x["score"], str(x["event"])))
    return out
