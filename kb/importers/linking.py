"""Link imported reports into incidents, a batch of rows at a time, at import speed.

The outcome is the one :func:`kb.link.incidents.relink` gives (connected components of
:func:`kb.link.same.same_incident` over the new reports, the stored reports they could
match and the whole incidents those belong to), reached with less work:

* **Grouping** compares only pairs that share a *link key* instead of every pair of a
  type family. Two reports can only reach :data:`~kb.link.same.MIN_EVIDENCE` (3) points
  by sharing a named agent, a named target, a target affiliation or the article (2 points
  each, or the only way to use the 1-point affiliation), or else a specific place *and*
  the same day (1 + 1, plus the same specific type or affiliation). So the keys are
  ``agent``, ``target``, ``affiliation``, ``article`` and ``(specific place, day)``, each
  within a type family; :func:`group` equals :func:`kb.link.same.components` (a property
  test in ``tests/test_importers.py`` holds it to that).
* **Stored candidates** are looked up with the same keys (:func:`stored_candidates`):
  reports sharing an actor at a compatible place and date, sharing a specific place and
  day, or the article; not every report of the region and week.
* **Writing**: an incident made only of new reports is new: its graph is bulk-loaded
  with the reports. Only incidents that absorb stored reports go through
  ``replace_graphs`` (dropping the incidents they replace).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kb.link.incidents import (
    incident_graph,
    incident_members,
    incident_triples,
    load_reports,
)
from kb.link.same import ReportInfo, same_incident
from kb.namespaces import KB, event_iri, key_from_iri
from kb.store.base import Store, Triple

#: Type tops that count as one family for grouping (acts that kill and killings).
VIOLENCE_TOPS = frozenset({"air_or_drone_strike", "attack", "armed_clash", "killing"})
#: Rows of a VALUES block per candidate query.
CHUNK = 400


def family(top: str) -> str:
    """The bucket of comparable types a top concept belongs to."""
    return "violence" if top in VIOLENCE_TOPS else top


def link_keys(r: ReportInfo) -> set[tuple[str, ...]]:
    """Keys two reports must share (one at least) to be the same incident."""
    fam = family(r.top)
    keys: set[tuple[str, ...]] = {(fam, "r", r.article)}
    keys.update((fam, "a", a) for a in r.agents)
    keys.update((fam, "t", t) for t in r.targets)
    keys.update((fam, "f", f) for f in r.affiliations)
    if r.precision == "day" and r.earliest is not None:
        day = r.earliest.isoformat()
        keys.update((fam, "pd", p, day) for p in r.specific_places)
    return keys


def group(
    reports: Sequence[ReportInfo], must_link: Iterable[tuple[str, str]] = ()
) -> list[list[ReportInfo]]:
    """Incidents among reports: :func:`kb.link.same.components`, comparing fewer pairs.

    Args:
        reports: the reports to group.
        must_link: pairs of report IRIs that are one incident whatever the rule says
            (a GDELT mention row and the event it names).

    Returns:
        Groups sorted by their smallest report IRI, each sorted by IRI.
    """
    ordered = sorted(reports, key=lambda r: r.iri)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    blocks: dict[tuple[str, ...], list[int]] = {}
    for i, r in enumerate(ordered):
        for key in link_keys(r):
            blocks.setdefault(key, []).append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        # Dates must overlap: sorted by start, a report is compared with those starting
        # before its end only (undated reports go first and meet everyone).
        spans = sorted(members, key=lambda i: _start(ordered[i]))
        for x, i in enumerate(spans):
            end_i = _end(ordered[i])
            for j in spans[x + 1 :]:
                if _start(ordered[j]) > end_i:
                    break
                if find(i) != find(j) and same_incident(ordered[i], ordered[j]):
                    union(i, j)
    index = {r.iri: i for i, r in enumerate(ordered)}
    for a, b in must_link:
        if a in index and b in index:
            union(index[a], index[b])
    groups: dict[int, list[ReportInfo]] = {}
    for i, r in enumerate(ordered):
        groups.setdefault(find(i), []).append(r)
    return sorted(groups.values(), key=lambda g: g[0].iri)


def _start(r: ReportInfo) -> dt.date:
    # Mirrors kb.link.same._dates_compatible: a missing start is open (it meets anything
    # that starts before its end); an undated report meets everyone (same article).
    lo, _ = r.interval()
    return lo if lo is not None else dt.date.min


def _end(r: ReportInfo) -> dt.date:
    lo, hi = r.interval()
    return hi or lo or dt.date.max


# --- stored candidates ---------------------------------------------------------------------
_Q_ACTOR_AT = """
SELECT DISTINCT ?r WHERE {
  ?r sem:hasActor ?a ; sem:hasPlace ?p ; a kb:EventReport ; sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
}"""
_Q_ACTOR_BELOW = """
SELECT DISTINCT ?r WHERE {
  ?q geo:sfWithin ?p . ?r sem:hasPlace ?q ; sem:hasActor ?a ; a kb:EventReport ;
     sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
}"""
_Q_ACTOR_ANY = """
SELECT DISTINCT ?r WHERE {
  ?r sem:hasActor ?a ; a kb:EventReport ; sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
}"""
_Q_PLACE_DAY = """
SELECT DISTINCT ?r WHERE {
  ?r sem:hasPlace ?p ; sem:hasEarliestBeginTimeStamp ?d ; a kb:EventReport .
}"""
_Q_ARTICLE = """
SELECT DISTINCT ?r WHERE { ?r prov:wasDerivedFrom ?art ; a kb:EventReport . }"""


def _values(names: Sequence[str], rows: Iterable[tuple]) -> str:
    # A multi-variable VALUES block; every term is serialised by rdflib (n3), so a
    # value can never become query text.
    body = " ".join("(" + " ".join(t.n3() for t in row) + ")" for row in rows)
    return "VALUES (" + " ".join("?" + n for n in names) + ") { " + body + " }"


def _run(store: Store, query: str, names: Sequence[str], rows: set[tuple], found: set[str]) -> None:
    ordered = sorted(rows)
    for start in range(0, len(ordered), CHUNK):
        block = _values(names, ordered[start : start + CHUNK])
        at = query.index("{") + 1
        text = query[:at] + " " + block + " " + query[at:]
        for row in store.select(text):
            found.add(str(row["r"]))


def _d(day: dt.date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def stored_candidates(store: Store, infos: Sequence[ReportInfo]) -> set[str]:
    """Stored reports that could be the same incident as one of `infos` (a superset)."""
    at: set[tuple] = set()
    below: set[tuple] = set()
    anywhere: set[tuple] = set()
    place_day: set[tuple] = set()
    articles: set[tuple] = set()
    for r in infos:
        articles.add((URIRef(_article_iri(r.article)),))
        lo, hi = r.interval()
        if lo is None and hi is None:
            continue  # undated: only its own article's reports can match
        lo_l, hi_l = _d(lo or hi), _d(hi or lo)  # type: ignore[arg-type]
        named = r.agents | r.targets
        for a in named:
            a_ref = URIRef(a)
            if not r.places or (r.agents and r.targets):
                # Placeless reports pass on a shared agent and target, wherever they are.
                anywhere.add((a_ref, lo_l, hi_l))
            for p in r.place_chain:
                at.add((a_ref, URIRef(p), lo_l, hi_l))
            for p in r.places:
                below.add((a_ref, URIRef(p), lo_l, hi_l))
        if r.precision == "day" and r.earliest is not None:
            for p in r.specific_places:
                place_day.add((URIRef(p), _d(r.earliest)))
    found: set[str] = set()
    _run(store, _Q_ACTOR_AT, ("a", "p", "lo", "hi"), at, found)
    _run(store, _Q_ACTOR_BELOW, ("a", "p", "lo", "hi"), below, found)
    _run(store, _Q_ACTOR_ANY, ("a", "lo", "hi"), anywhere, found)
    _run(store, _Q_PLACE_DAY, ("p", "d"), place_day, found)
    _run(store, _Q_ARTICLE, ("art",), articles, found)
    return found


def _article_iri(article_id: str) -> str:
    from kb.namespaces import article_iri

    return str(article_iri(article_id))


_Q_DATASET = """
SELECT ?r ?ds ?id WHERE { ?r kb:dataset ?ds ; kb:datasetId ?id . }"""


def dataset_ids(store: Store, iris: Iterable[str]) -> dict[str, tuple[str, str]]:
    """(dataset, dataset id) of stored imported reports."""
    out: dict[str, tuple[str, str]] = {}
    ordered = sorted(set(iris))
    for start in range(0, len(ordered), CHUNK):
        chunk = [URIRef(i) for i in ordered[start : start + CHUNK]]
        for row in store.select(_Q_DATASET, {"r": chunk}):
            out[str(row["r"])] = (str(row["ds"]), str(row["id"]))
    return out


# --- one batch --------------------------------------------------------------------------------


@dataclass
class BatchLink:
    """What linking one batch produced."""

    fresh: dict[str, list[Triple]] = field(default_factory=dict)  # new incident graphs
    replaced: dict[URIRef, list[Triple]] = field(default_factory=dict)
    drop: list[URIRef] = field(default_factory=list)
    merged: int = 0  # new reports that joined reports stored before the run


def link_batch(
    store: Store,
    new: Sequence[ReportInfo],
    datasets: dict[str, tuple[str, str]],
    *,
    touched: Iterable[str] = (),
    must_link: Iterable[tuple[str, str]] = (),
    also: Iterable[str] = (),
    from_run: set[int] | None = None,
) -> BatchLink:
    """Group a batch's reports (already written) with what the store holds.

    Args:
        store: the store; the batch's reports are in it.
        new: the batch's reports.
        datasets: report IRI -> (dataset, dataset id) for the batch's reports.
        touched: incidents whose reports changed (re-imported rows).
        must_link: report IRI pairs that are one incident (mentions and their event).
        also: stored reports to regroup with the batch whatever the candidate search finds.
        from_run: hashes of report IRIs written by this import run, to count reports
            merged with events that were there before.

    Returns:
        The incident graphs to write and drop; nothing is written here.
    """
    result = BatchLink()
    new_iris = {r.iri for r in new}
    candidates = stored_candidates(store, new) | set(also)
    members = incident_members(store, set(touched))
    for reps in members.values():
        candidates.update(reps)
    candidates -= new_iris
    infos = {r.iri: r for r in load_reports(store, candidates)}
    more = incident_members(store, {r.incident for r in infos.values() if r.incident})
    extra = {i for reps in more.values() for i in reps} - set(infos) - new_iris
    for r in load_reports(store, extra):
        infos[r.iri] = r
    old_of_new = _stored_incidents(store, new_iris) if touched else {}
    for r in new:
        r.incident = old_of_new.get(r.iri)
        infos[r.iri] = r
    if not infos:
        return result
    stored_ds = dataset_ids(store, set(infos) - new_iris)
    all_ds = {**stored_ds, **datasets}
    old_incidents = {r.incident for r in infos.values() if r.incident} | set(members)
    old_incidents |= set(touched)
    kept: set[str] = set()
    for reports in group(list(infos.values()), must_link):
        key, triples = incident_triples(reports)
        iri = str(event_iri(key))
        kept.add(iri)
        imported = sorted(r.iri for r in reports if r.iri in all_ds)
        if imported:
            ds, ds_id = all_ds[imported[0]]
            ev = event_iri(key)
            triples += [(ev, KB.dataset, Literal(ds)), (ev, KB.datasetId, Literal(ds_id))]
        has_new = any(r.iri in new_iris for r in reports)
        before = [r for r in reports if r.iri not in new_iris]
        if not has_new:
            unchanged = all(r.incident == iri for r in reports) and len(more.get(iri, ())) == len(
                reports
            )
            if unchanged:
                continue
        if not before and not any(r.incident for r in reports):
            result.fresh[str(incident_graph(key))] = triples
        else:
            result.replaced[incident_graph(key)] = triples
        if before and from_run is not None:
            if any(hash(r.iri) not in from_run for r in before):
                result.merged += sum(1 for r in reports if r.iri in new_iris)
    result.drop = [incident_graph(key_from_iri(i)) for i in sorted(old_incidents - kept)]
    return result


_Q_OF = "SELECT ?r ?ev WHERE { ?ev kb:hasReport ?r }"


def _stored_incidents(store: Store, iris: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    ordered = sorted(set(iris))
    for start in range(0, len(ordered), CHUNK):
        chunk = [URIRef(i) for i in ordered[start : start + CHUNK]]
        for row in store.select(_Q_OF, {"r": chunk}):
            out[str(row["r"])] = str(row["ev"])
    return out
