"""Link imported rows with stored event reports, a batch of rows at a time.

Only where the store holds event reports (ingested articles) does an import link at
all. :class:`ReportMatcher` finds the imported groups (:mod:`kb.importers.compact`)
that are the same incident as a stored report; their rows are written as event reports
and :class:`Linker` joins them into that incident. The outcome is the one
:func:`kb.link.incidents.relink` gives (connected components of
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

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kb.link import same
from kb.link.incidents import (
    incident_graph,
    incident_key,
    incident_members,
    incident_triples,
    load_reports,
)
from kb.link.same import ReportInfo, same_incident
from kb.namespaces import KB, KBID, event_iri, key_from_iri
from kb.store.base import Store, Triple

#: Type tops that count as one family for grouping (acts that kill and killings).
VIOLENCE_TOPS = frozenset({"air_or_drone_strike", "attack", "armed_clash", "killing"})
#: Rows of a VALUES block per candidate query.
CHUNK = 400


def family(top: str) -> str:
    """The bucket of comparable types a top concept belongs to."""
    return "violence" if top in VIOLENCE_TOPS else top


def link_keys(r: ReportInfo, borders: bool = False) -> set[tuple[str, ...]]:
    """Keys two reports must share (one at least) to be the same incident.

    Evidence of 3 points needs a shared agent or target together with one more point
    (a shared target or agent, the specific place, the day, the specific type), the same
    article, a shared target affiliation, or the same specific place and day; each
    combination is one key, prefixed by the type family.

    Args:
        borders: also key a town by the borders it lies near, as if it were at them (a
            border and a town near it share a specific place: kb.link.same.shared_places).
            Needed only when some report is placed at a border.
    """
    places = _places(r) if borders else r.specific_places
    fam = family(r.top)
    keys: set[tuple[str, ...]] = {(fam, "r", r.article)}
    keys.update((fam, "f", f) for f in r.affiliations)
    # "The same day" is equal earliest dates at day precision (two missing ones count).
    day = (r.earliest.isoformat() if r.earliest else "-") if r.precision == "day" else None
    specific_type = same.specific_type(r.type, r.top)
    for role, members in (("a", r.agents), ("t", r.targets)):
        for x in members:
            if role == "a":
                keys.update((fam, "at", x, y) for y in r.targets)
            keys.update((fam, role + "p", x, p) for p in places)
            if day:
                keys.add((fam, role + "d", x, day))
            if specific_type:
                keys.add((fam, role + "k", x, specific_type))
    if day:
        keys.update((fam, "pd", p, day) for p in places)
    return keys


def _places(r: ReportInfo) -> frozenset[str]:
    """A report's specific places and the borders its towns lie near (a border report
    holds its border among them already, so the two meet on that key)."""
    return r.specific_places | same.borders_near(r.places)


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
    # Dates this many days apart are still compatible (kb.link.same tolerates a day).
    slack = dt.timedelta(days=getattr(same, "DATE_TOLERANCE_DAYS", 0))
    blocks: dict[tuple[str, ...], list[int]] = {}
    # A border meets the towns near it (kb.link.same.border_meets): keyed so only when
    # some report is at a border (a dataset's rows never are).
    borders = any(same.has_border(r.places) for r in ordered)
    for i, r in enumerate(ordered):
        for key in link_keys(r, borders):
            blocks.setdefault(key, []).append(i)
    compared: set[tuple[int, int]] = set()
    matching: list[tuple[int, int]] = []
    for members in blocks.values():
        if len(members) < 2:
            continue
        # Dates must overlap: sorted by start, a report is compared with those starting
        # before its end only (undated reports go first and meet everyone).
        spans = sorted(members, key=lambda i: _start(ordered[i]))
        for x, i in enumerate(spans):
            end_i = _end(ordered[i])
            if end_i < dt.date.max - slack:
                end_i += slack
            for j in spans[x + 1 :]:
                if _start(ordered[j]) > end_i:
                    break
                pair = (i, j) if i < j else (j, i)
                if pair in compared:
                    continue
                compared.add(pair)
                if same_incident(ordered[i], ordered[j]):
                    matching.append(pair)
    index = {r.iri: i for i, r in enumerate(ordered)}
    forced = [(index[a], index[b]) for a, b in must_link if a in index and b in index]
    return same.join(ordered, matching, forced)


def _start(r: ReportInfo) -> dt.date:
    # Mirrors kb.link.same._dates_compatible: a missing start is open (it meets anything
    # that starts before its end); an undated report meets everyone (same article).
    lo, _ = r.interval()
    return lo if lo is not None else dt.date.min


def _end(r: ReportInfo) -> dt.date:
    lo, hi = r.interval()
    return hi or lo or dt.date.max


# --- stored candidates ---------------------------------------------------------------------
_WINDOW = """
  ?r a kb:EventReport ; sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
}"""
_Q_AT = "SELECT DISTINCT ?r WHERE { ?r sem:hasActor ?a . ?r sem:hasActor ?t ." + _WINDOW
_Q_AP = "SELECT DISTINCT ?r WHERE { ?r sem:hasActor ?a ; sem:hasPlace ?p ." + _WINDOW
_Q_AK = "SELECT DISTINCT ?r WHERE { ?r sem:hasActor ?a ; kb:typeKey ?k ." + _WINDOW
_Q_AD = """SELECT DISTINCT ?r WHERE {
  ?r sem:hasActor ?a ; sem:hasEarliestBeginTimeStamp ?d ; a kb:EventReport }"""
_Q_PD = """SELECT DISTINCT ?r WHERE {
  ?r sem:hasPlace ?p ; sem:hasEarliestBeginTimeStamp ?d ; a kb:EventReport }"""
_Q_ART = "SELECT DISTINCT ?r WHERE { ?r prov:wasDerivedFrom ?art ; a kb:EventReport }"


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


def stored_candidates(
    store: Store, infos: Sequence[ReportInfo], *, compact: bool = False
) -> set[str]:
    """Stored reports that could be the same incident as one of `infos` (a superset).

    The queries follow :func:`link_keys`: a shared actor together with another actor, a
    specific place, the day or the specific type; a specific place and day; the article.

    Args:
        store: the store.
        infos: the new reports.
        compact: find compact imported incidents (:mod:`kb.importers.compact`, a
            ``kb:datasetId`` and no reports) instead of reports; they name no article.
    """
    slack = dt.timedelta(days=getattr(same, "DATE_TOLERANCE_DAYS", 0))
    at: set[tuple] = set()
    ap: set[tuple] = set()
    ad: set[tuple] = set()
    ak: set[tuple] = set()
    pd: set[tuple] = set()
    art: set[tuple] = set()
    for r in infos:
        art.add((URIRef(_article_iri(r.article)),))
        lo, hi = r.interval()
        if lo is None and hi is None:
            continue  # undated: only its own article's reports can match
        # A compact GDELT incident's stored day is its report's: it stands for the days
        # before it too (kb.importers.compact.linker_dates), so it may begin that late.
        late = slack + dt.timedelta(days=same.PUBLICATION_WINDOW if compact else 0)
        win = (_d((lo or hi) - slack), _d((hi or lo) + late))  # type: ignore[operator]
        day = _d(r.earliest) if r.precision == "day" and r.earliest else None
        specific_type = Literal(r.type) if same.specific_type(r.type, r.top) else None
        # Stored reports at a border a town of `r` lies near, or at a town near a border
        # `r` names, share a specific place with it (kb.link.same.shared_places).
        places = r.specific_places | same.border_partners(r.places)
        for x in r.agents | r.targets:
            a = URIRef(x)
            at.update((a, URIRef(t), *win) for t in r.targets if t != x)
            ap.update((a, URIRef(p), *win) for p in places)
            if day is not None:
                ad.add((a, day))
            if specific_type is not None:
                ak.add((a, specific_type, *win))
        if day is not None:
            pd.update((URIRef(p), day) for p in places)
    found: set[str] = set()

    def q(text: str) -> str:
        # Compact incidents are sem:Events that carry their dataset id themselves.
        return (
            text.replace("a kb:EventReport", "a sem:Event ; kb:datasetId ?datasetId")
            if compact
            else text
        )

    _run(store, q(_Q_AT), ("a", "t", "lo", "hi"), at, found)
    _run(store, q(_Q_AP), ("a", "p", "lo", "hi"), ap, found)
    _run(store, q(_Q_AD), ("a", "d"), ad, found)
    _run(store, q(_Q_AK), ("a", "k", "lo", "hi"), ak, found)
    _run(store, q(_Q_PD), ("p", "d"), pd, found)
    if not compact:
        _run(store, _Q_ART, ("art",), art, found)
    return found


def _article_iri(article_id: str) -> str:
    from kb.namespaces import article_iri

    return str(article_iri(article_id))


_DATASET_REPORT = re.compile(re.escape(str(KBID)) + r"report/(gdelt|acled)/([^/]+)")


def dataset_of(report: str) -> tuple[str, str] | None:
    """(dataset, dataset id) of an imported report, read from its IRI."""
    m = _DATASET_REPORT.match(report)
    return (m.group(1), unquote(m.group(2))) if m else None


# --- linking a run, batch by batch -------------------------------------------------------------


@dataclass
class BatchLink:
    """What linking one batch produced."""

    fresh: dict[str, list[Triple]] = field(default_factory=dict)  # new incident graphs
    replaced: dict[URIRef, list[Triple]] = field(default_factory=dict)
    drop: list[URIRef] = field(default_factory=list)
    merged: int = 0  # new reports that joined reports stored before the run


class Linker:
    """Links the batches of one import run.

    Reports written earlier in the run are kept in memory, slimmed (labels in one shared
    table, equal sets shared), and indexed by link key, so a batch is grouped with
    them without querying the store. Reports stored before the run are found with
    :func:`stored_candidates`, and only when there were any. Past `cap` reports the
    index is dropped and the store is asked for everything (memory stays bounded).
    """

    def __init__(self, store: Store, *, stored_before: bool, cap: int = 400_000) -> None:
        self.store = store
        self.stored_before = stored_before
        self.cap = cap
        self.infos: dict[str, ReportInfo] = {}
        self.keys: dict[int, list[str]] = {}
        self.incident_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.labels: dict[str, str] = {}
        self._shared: dict[frozenset[str], frozenset[str]] = {}

    def _slim(self, r: ReportInfo) -> ReportInfo:
        def share(fs: frozenset[str]) -> frozenset[str]:
            return self._shared.setdefault(fs, fs) if fs else fs

        for k, v in r.labels.items():
            if k != "unidentified":
                self.labels.setdefault(k, v)
        keep = {"unidentified": r.labels["unidentified"]} if "unidentified" in r.labels else {}
        return dataclasses.replace(
            r,
            labels=keep,
            agents=share(r.agents),
            targets=share(r.targets),
            participants=share(r.participants),
            places=share(r.places),
            place_chain=share(r.place_chain),
            specific_places=share(r.specific_places),
            incident=None,
        )

    def _labelled(self, reports: list[ReportInfo]) -> list[ReportInfo]:
        labels: dict[str, str] = {}
        for r in reports:
            for x in r.agents | r.targets | r.participants | r.places:
                if x in self.labels:
                    labels[x] = self.labels[x]
                if "level:" + x in self.labels:
                    labels["level:" + x] = self.labels["level:" + x]
            labels.update(r.labels)
        return [dataclasses.replace(reports[0], labels=labels), *reports[1:]]

    def link(
        self,
        new: Sequence[ReportInfo],
        *,
        touched: Iterable[str] = (),
        must_link: Iterable[tuple[str, str]] = (),
        also: Iterable[str] = (),
        counted: Iterable[str] | None = None,
        search: bool = True,
    ) -> BatchLink:
        """Group a batch's reports (already written) with the run's and the store's.

        Args:
            new: the batch's reports.
            touched: incidents whose reports changed (re-imported rows).
            must_link: report IRI pairs that are one incident (mentions and their event).
            also: stored reports to regroup with the batch whatever the keys say.
            counted: the new reports that count in ``merged`` (default: all of them;
                promoted incidents are new reports but no rows of the run).
            search: False when the caller found the stored reports to regroup already
                (`also`): the store is then not searched for candidates.

        Returns:
            The incident graphs to write and drop; nothing is written here.
        """
        result = BatchLink()
        new_iris = {r.iri for r in new}
        count = new_iris if counted is None else set(counted)
        touched = set(touched)
        # Earlier reports of this run sharing a link key.
        run: set[str] = set()
        for r in new:
            for key in link_keys(r):
                run.update(self.keys.get(hash(key), ()))
        # Reports stored before the run (or named by the caller).
        stored: set[str] = set(also)
        if self.stored_before and search:
            stored |= stored_candidates(self.store, new)
        if touched:
            for reps in incident_members(self.store, touched).values():
                stored |= reps
        run |= {i for i in stored if i in self.infos}
        stored -= set(self.infos) | new_iris
        run -= new_iris
        # Whole incidents come along: an incident is rebuilt from all its reports.
        for i in list(run):
            inc = self.incident_of.get(i)
            for m in self.members.get(inc, ()) if inc else ():
                (run if m in self.infos else stored).add(m)
        run -= new_iris
        stored -= new_iris
        infos: dict[str, ReportInfo] = {}
        if stored:
            loaded = {r.iri: r for r in load_reports(self.store, stored)}
            more = incident_members(self.store, {r.incident for r in loaded.values() if r.incident})
            extra = {i for reps in more.values() for i in reps} - set(loaded) - new_iris
            run |= {i for i in extra if i in self.infos}
            loaded.update({r.iri: r for r in load_reports(self.store, extra - set(self.infos))})
            infos.update(loaded)
        for i in run:
            infos[i] = dataclasses.replace(self.infos[i], incident=self.incident_of.get(i))
        old_of_new = _stored_incidents(self.store, new_iris) if touched else {}
        for r in new:
            r.incident = old_of_new.get(r.iri)
            infos[r.iri] = r
        before = {i for i in infos if i not in self.infos and i not in new_iris}
        old_incidents = {r.incident for r in infos.values() if r.incident} | touched
        kept: set[str] = set()
        written: list[tuple[str, list[ReportInfo]]] = []
        for reports in group(list(infos.values()), must_link):
            key = incident_key(reports)
            iri = str(event_iri(key))
            kept.add(iri)
            if not any(r.iri in new_iris for r in reports):
                old = self.members.get(iri)
                if all(r.incident == iri for r in reports) and (
                    old is None or len(old) == len(reports)
                ):
                    continue  # regrouped exactly as stored: nothing to write
            key, triples = incident_triples(self._labelled(reports))
            imported = sorted(d for r in reports if (d := dataset_of(r.iri)))
            if imported:
                ev = event_iri(key)
                ds, ds_id = imported[0]
                triples += [(ev, KB.dataset, Literal(ds)), (ev, KB.datasetId, Literal(ds_id))]
            if any(r.incident for r in reports):
                result.replaced[incident_graph(key)] = triples
            else:
                result.fresh[str(incident_graph(key))] = triples
            written.append((iri, reports))
            if any(r.iri in before for r in reports):
                result.merged += sum(1 for r in reports if r.iri in count)
        dropped = sorted(old_incidents - kept)
        result.drop = [incident_graph(key_from_iri(i)) for i in dropped]
        self._remember(new, written, dropped)
        return result

    def _remember(
        self,
        new: Sequence[ReportInfo],
        written: list[tuple[str, list[ReportInfo]]],
        dropped: list[str],
    ) -> None:
        if len(self.infos) + len(new) > self.cap:
            # Bounded memory: forget the run and let the store answer from now on.
            self.infos.clear()
            self.keys.clear()
            self.incident_of.clear()
            self.members.clear()
            self._shared.clear()
            self.stored_before = True
            return
        for r in new:
            self.infos[r.iri] = self._slim(r)
            for key in link_keys(r):
                self.keys.setdefault(hash(key), []).append(r.iri)
        for iri in dropped:
            self.members.pop(iri, None)
        for iri, reports in written:
            self.members[iri] = [r.iri for r in reports]
            for r in reports:
                if r.iri in self.infos:
                    self.incident_of[r.iri] = iri


_Q_OF = "SELECT ?r ?ev WHERE { ?ev kb:hasReport ?r }"


def _stored_incidents(store: Store, iris: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    ordered = sorted(set(iris))
    for start in range(0, len(ordered), CHUNK):
        chunk = [URIRef(i) for i in ordered[start : start + CHUNK]]
        for row in store.select(_Q_OF, {"r": chunk}):
            out[str(row["r"])] = str(row["ev"])
    return out


# --- imported groups against stored reports ----------------------------------------------------
_Q_WINDOW = """
SELECT ?r ?type ?e ?l ?p ?anc WHERE {
  ?r a kb:EventReport ; kb:typeKey ?type ; sem:hasLatestEndTimeStamp ?l .
  FILTER(?l >= ?lo)
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?e }
  FILTER(!BOUND(?e) || ?e <= ?hi)
  OPTIONAL { ?r sem:hasPlace ?p OPTIONAL { ?p geo:sfWithin ?anc } }
}"""


class ReportMatcher:
    """Finds the imported groups that are the same incident as a stored event report.

    Per batch of groups: one query per stretch of days the groups cover (each day
    widened by :data:`kb.link.same.DATE_TOLERANCE_DAYS`) reads the stored reports of
    those days with their places; a group's candidates are those whose place equals,
    contains or lies within its place, of the same type family; only candidates are
    read in full (:func:`kb.link.incidents.load_reports`) and compared by
    :func:`kb.link.same.same_incident`. Used only when the store holds reports at all.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def matching(
        self,
        groups: Sequence[Any],
        article_of: Any,
        matches: dict[int, set[str]] | None = None,
    ) -> list[Any]:
        """The groups that join a stored report.

        Args:
            groups: :class:`kb.importers.compact.Group` objects.
            article_of: group -> the article id its first source has.
            matches: when given, filled with every stored report each matching group
                matches, by the group's position in `groups` (the caller tells an
                article's report from an imported one); else the first match is enough.
        """
        from kb.eventtypes import top_key
        from kb.importers.compact import group_info
        from kb.namespaces import place_iri

        slack = dt.timedelta(days=getattr(same, "DATE_TOLERANCE_DAYS", 0))
        spans: list[tuple[dt.date, dt.date]] = []
        for g in groups:
            if g.earliest is not None and g.latest is not None:
                spans.append((g.earliest - _before(g) - slack, g.latest + slack))
        reports: dict[str, list[Any]] = {}
        for lo, hi in _merged(spans):
            bounds = {"lo": _d(lo), "hi": _d(hi)}
            # Plain text values: no rdflib terms for what may be thousands of rows.
            for row in self.store.select_values(_Q_WINDOW, bounds):
                rec = reports.get(str(row["r"]))
                if rec is None:
                    e, l_ = row.get("e"), row["l"]
                    latest = dt.date.fromisoformat(str(l_)[:10])
                    earliest = (
                        dt.date.fromisoformat(str(e)[:10])
                        if e is not None
                        else latest - dt.timedelta(days=same.PUBLICATION_WINDOW)
                    )
                    fam = family(top_key(str(row["type"])))
                    rec = reports[str(row["r"])] = [earliest, latest, fam, set(), set()]
                if row.get("p") is not None:
                    rec[3].add(str(row["p"]))
                    rec[4].add(str(row["p"]))
                if row.get("anc") is not None:
                    rec[4].add(str(row["anc"]))
        if not reports:
            return []
        at: dict[str, list[str]] = {}
        within: dict[str, list[str]] = {}
        placeless: list[str] = []
        for iri, rec in reports.items():
            for p in rec[3]:
                at.setdefault(p, []).append(iri)
            for c in rec[4]:
                within.setdefault(c, []).append(iri)
            if not rec[3]:
                placeless.append(iri)
        wanted: dict[int, set[str]] = {}
        border_reports = same.has_border(frozenset(at))
        for n, g in enumerate(groups):
            if g.earliest is None or g.latest is None:
                continue
            places = [str(place_iri(p.id)) for p in g.places]
            chain = set(places) | {str(place_iri(w.id)) for p in g.places for w in p.within}
            found: set[str] = set(placeless)
            for c in chain:
                found.update(at.get(c, ()))
            for p in places:
                found.update(within.get(p, ()))
            # A report at a border the group's town lies near (kb.link.same.border_meets).
            for b in same.borders_near(frozenset(places)) if border_reports else ():
                found.update(at.get(b, ()))
            lo, hi = g.earliest - _before(g) - slack, g.latest + slack
            fam = family(g.top)
            keep = {
                r
                for r in found
                if reports[r][2] == fam and reports[r][0] <= hi and reports[r][1] >= lo
            }
            if keep:
                wanted[n] = keep
        if not wanted:
            return []
        infos = {
            r.iri: r for r in load_reports(self.store, {r for rs in wanted.values() for r in rs})
        }
        out = []
        for n, candidates in sorted(wanted.items()):
            mine = group_info(groups[n], article_of(groups[n]))
            if matches is None:
                if any(c in infos and same_incident(mine, infos[c]) for c in sorted(candidates)):
                    out.append(groups[n])
                continue
            hits = {c for c in candidates if c in infos and same_incident(mine, infos[c])}
            if hits:
                matches[n] = hits
                out.append(groups[n])
        return out


def _before(g: Any) -> dt.timedelta:
    """How far before its stored day a group may have happened: GDELT's day is its
    report's (basis ``publication``), which the linker reads as the days before it too."""
    days = same.PUBLICATION_WINDOW if getattr(g, "basis", "") == "publication" else 0
    return dt.timedelta(days=days)


def _merged(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    out: list[list[dt.date]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + dt.timedelta(days=1):
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]
