"""Imported incidents in their compact form: one ``sem:Event`` per real event, no reports.

A GDELT daily file codes one real event many times: every article that reports it gives
a row of its own, with the same day, place, type and actors. Writing each row as an
event report (report, time description, roles, mention, article: about 60 quads) and
then linking the reports would cost far more than the rows are worth, so rows are
grouped while they are read (:class:`Grouper`), the groups are joined by the linking
rule (:mod:`kb.importers.fileunion`) and each incident is written directly
(:meth:`IncidentWriter.lines`), in the file's graph
``https://w3id.org/kb/graph/dataset/<dataset>/<file-id>``::

    kbid:event/gdelt-1001 a sem:Event ;
        sem:eventType kbt:armed_clash ; kb:typeKey "armed_clash" ;
        rdfs:label "Islamic State clashes with Iraqi Army, Ramadi (Iraq)" ;
        kb:certainty "asserted" ; kb:negated false ;
        kb:dataset "gdelt" ; kb:datasetId "1001" ;   # the first row
        dcterms:identifier "1002" ;                   # every further row
        sem:hasActor kbid:actor/islamic-state, kbid:actor/iraqi-army ;
        kb:hasRole kbid:role/gdelt/20240305.export/agent/islamic-state, ... ;
        sem:hasPlace kbid:place/geonames/99237 ;
        sem:hasEarliestBeginTimeStamp "2024-03-05"^^xsd:date ;
        sem:hasLatestEndTimeStamp "2024-03-05"^^xsd:date ;
        kb:dateValue "2024-03-05" ; time:unitType time:unitDay ;
        kb:inBucket <https://w3id.org/kb/id/bucket/0c1d2e3f4a5b/2024-03>, ... ;
        kb:sourceCount 2 ;
        prov:wasDerivedFrom "https://example.org/a"^^xsd:anyURI,
                            "https://example.net/b"^^xsd:anyURI .

The month buckets (``kb:inBucket``, :mod:`kb.index`) are those an article incident
gets: one per named actor, per place of the place chain and "at" each place, for the
month of the earliest date (about 5.5 quads of an incident's 23 in a GDELT file).

Role nodes of imported incidents are shared within their file:
``kbid:role/<dataset>/<file-id>/<role>/<actor-key>`` (a ``sem:Role`` with ``rdf:value``
and ``sem:roleType``) is written once in the file graph and used by every incident of
the file where that actor plays that role, so a role costs one triple per incident
instead of four. ``kb.corrections`` rewrites them like any other role (its updates
work graph by graph).

Only when the store holds event reports (articles were ingested) are groups compared
with them (:mod:`kb.importers.linking`); the rows of a group that is the same incident
as an article's report are written as full event reports instead and linked by the
usual rules, so later articles and relinking keep them. Only when the store holds what
another file imported (another dataset, or another file of the same one) are groups
compared with its compact incidents (:func:`kb.importers.promote.compact_matches`) and
with its promoted reports: a group that matches is written compact like every other,
then it and the compact incidents it matches are promoted
(:func:`kb.importers.promote.promote`) and linked into one incident, so the store does
not depend on which file came first. An article ingested *after* the import finds a
compact incident only through :func:`kb.importers.promote.promote_matching`, which
rewrites it as reports first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kb.importers.base import XSD, escape, n_str
from kb.index import at_subject, bucket_prefix, month_of
from kb.link.headline import headline
from kb.link.incidents import place_display, summarize_places
from kb.link.same import ReportInfo
from kb.model import Place
from kb.namespaces import CANONICAL_GRAPH, KB, KBID, SEM, place_iri, segment, type_iri

#: Rows alike further apart than this (counted from the group's first row) make a second
#: group (which :mod:`kb.importers.fileunion` joins to the first when the rule does):
#: groups are held in memory this long.
WINDOW = 20_000

_EVENT = "<" + str(KBID) + "event/"
_ROLE = str(KBID) + "role/"
_ACTOR = str(KBID) + "actor/"


@dataclass(slots=True, eq=False)
class Group:
    """Rows of one dataset that stand for one real event (one incident).

    Attributes:
        dataset: "gdelt" or "acled".
        ids: dataset ids of the rows, first row first.
        seq: the run's row number of the first row (groups close `WINDOW` rows later).
        actors: (actor IRI, label, role) of the first row; role is agent, target or
            participant.
        unidentified: per-incident actors (ACLED's "Unidentified Armed Group"):
            (IRI, label), described in the file graph with the incident.
        basis: how the date was obtained (GDELT: ``publication`` or ``relative``, see
            :mod:`kb.importers.gdelt`); the stored date is the dataset's day either way.
        sources: source URLs of the rows, in order, each once.
        count: rows without a source URL (GDELT 1.0 files before April 2013).
        notes: the dataset's description (ACLED's ``notes``): a row's own text; for an
            incident of several rows, one line per distinct text naming the rows that
            give it (see :func:`merge_notes`).
        votes: rows per event type, kept only once two rows disagree.
        rows: the raw rows, kept only when groups may join stored reports.
        row_sources: the source of each row ("" when it names none), as `ids`.
        node: its number in :class:`kb.importers.fileunion.FileUnion` (-1 before).
    """

    dataset: str
    ids: list[str]
    seq: int
    type: str
    top: str
    actors: Sequence[tuple[str, str, str]]
    places: list[Place]
    centroid: bool
    value: str | None
    precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    basis: str = "explicit"
    sources: dict[str, None] = field(default_factory=dict)
    count: int = 0
    quantities: dict[str, int] = field(default_factory=dict)
    unidentified: list[tuple[str, str]] = field(default_factory=list)
    outlets: tuple[str, ...] = ()
    notes: str | None = None
    votes: dict[str, int] | None = None
    rows: list[Any] | None = None
    row_sources: list[str] | None = None
    node: int = -1

    @property
    def iri(self) -> str:
        """``kbid:event/<dataset>-<first row id>``."""
        return str(KBID) + "event/" + self.dataset + "-" + segment(self.ids[0])

    def add(self, dataset_id: str, type_key: str, source: str | None) -> None:
        """Take a further row of the same event."""
        self.ids.append(dataset_id)
        if self.row_sources is not None:
            self.row_sources.append(source or "")
        if source:
            self.sources[source] = None
        else:
            self.count += 1
        if type_key != self.type or self.votes is not None:
            if self.votes is None:
                self.votes = {self.type: len(self.ids) - 1}
            self.votes[type_key] = self.votes.get(type_key, 0) + 1

    def type_key(self) -> str:
        """The type most rows give (the first row's on a tie, else the first by name)."""
        votes = self.votes
        if not votes:
            return self.type
        best = max(votes.values())
        if votes.get(self.type) == best:
            return self.type
        return next(k for k in sorted(votes) if votes[k] == best)

    def sources_count(self) -> int:
        """Distinct sources: URLs, plus rows that name none."""
        return len(self.sources) + self.count


class Grouper:
    """Collects rows into groups by key and hands back groups as they close.

    A group takes the rows of its key among the `window` rows from its first one, or a
    few more: groups are closed when a batch is written, and at the end of a file. A
    later row of the same key opens a new group; whether it is the same incident as
    the first, :class:`kb.importers.fileunion.FileUnion` decides by the linking rule.
    """

    def __init__(self, window: int = WINDOW) -> None:
        self.window = window
        self.open: dict[Any, Group] = {}

    def get(self, key: Any) -> Group | None:
        """The open group of a key."""
        return self.open.get(key)

    def put(self, key: Any, group: Group) -> None:
        """Open a group (replacing an open group of the key: a newer version of a row)."""
        # Popping first keeps the dict in first-row order, which closed() relies on.
        self.open.pop(key, None)
        self.open[key] = group

    def closed(self, seq: int) -> list[Group]:
        """Groups that can take no more rows once row `seq` has been read.

        A group spans `window` rows from its first (rows ``first .. first + window - 1``).
        """
        limit = seq - self.window + 1
        keys: list[Any] = []
        # Insertion order is first-row order, so the closed groups are a prefix.
        for key, g in self.open.items():
            if g.seq > limit:
                break
            keys.append(key)
        return [self.open.pop(k) for k in keys]

    def drain(self) -> list[Group]:
        """Every open group (the end of a file)."""
        out = list(self.open.values())
        self.open.clear()
        return out


#: Prefixes of the TriG text incidents are written in (a quarter of N-Quads' size).
TRIG_PREFIXES = "".join(
    f"@prefix {p}: <{ns}> .\n"
    for p, ns in (
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", XSD),
        ("sem", str(SEM)),
        ("kb", str(KB)),
        ("time", "http://www.w3.org/2006/time#"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("dct", "http://purl.org/dc/terms/"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
    )
)
#: How every N-Quads line of the canonical graph ends.
CANONICAL_END = " <" + str(CANONICAL_GRAPH) + "> .\n"
_ROLE_TYPE = {
    "agent": "kb:agentRole",
    "target": "kb:targetRole",
    "participant": "kb:participantRole",
}
_UNIT = {"day": "time:unitDay", "month": "time:unitMonth", "year": "time:unitYear"}


class IncidentWriter:
    """TriG text of the compact incidents of one file graph.

    Every piece of text that repeats (what a type, an actor in a role, a place and its
    containment chain, a date or a count contributes) is built once and reused; an
    incident is its subject and its pieces joined. Data IRIs are written whole,
    vocabulary with the prefixes of :data:`TRIG_PREFIXES`.

    Each incident also gets its month buckets (:mod:`kb.index`): one ``kb:inBucket``
    per subject of :func:`kb.index.incident_subjects` (its named actors, its places and
    every place containing them, and "at" each of its places), for the month of its
    earliest date, as :func:`kb.link.incidents.incident_triples` gives article incidents. The hash part
    of a bucket IRI is kept per actor and per place, the month is added per incident,
    so the caches grow with the actors and places of a file, not with its months.
    """

    def __init__(self, graph: str) -> None:
        self.graph = graph
        # Role nodes are shared within the file graph only: a node written into two
        # graphs would be read twice through the union default graph.
        self._role = _ROLE + graph.rsplit("/graph/dataset/", 1)[-1] + "/"
        #: How the IRIs of the file's role nodes begin (role, then the actor's key follow).
        self.role_prefix = self._role
        self._roles: set[tuple[str, str]] = set()
        self._types: dict[str, str] = {}
        #: (actor IRI, role) -> (actor IRI text, role node text, bucket IRI prefix)
        self._actors: dict[tuple[str, str], tuple[str, str, str]] = {}
        #: place id -> (IRI text, display name, level, bucket IRI prefixes of its subjects)
        self._places: dict[str, tuple[str, str, str, tuple[str, ...]]] = {}
        #: (earliest, latest, value, precision) -> (TriG text, bucket month or None)
        self._dates: dict[tuple[Any, ...], tuple[str, str | None]] = {}
        self._datasets: dict[str, str] = {}

    def block(self, lines: list[str], canonical: Sequence[str] = ()) -> str:
        """A TriG document of incident text in this writer's graph.

        Args:
            lines: statements from :meth:`lines`.
            canonical: N-Quads lines of the canonical graph (actors and places new to
                the run, each ending with :data:`CANONICAL_END`), written in the same
                document so that one bulk load stores both: every load costs a set of
                files that RocksDB later compacts.
        """
        parts = [TRIG_PREFIXES]
        if canonical:
            # N-Quads terms are Turtle terms: dropping the graph name leaves a triple.
            cut = len(CANONICAL_END)
            parts += ["<", str(CANONICAL_GRAPH), "> {\n"]
            parts += [line[:-cut] + " .\n" for line in canonical]
            parts.append("}\n")
        parts += ["<", self.graph, "> {\n", *lines, "}\n"]
        return "".join(parts)

    def _type(self, key: str) -> str:
        text = self._types[key] = (
            " a sem:Event;sem:eventType <" + str(type_iri(key)) + ">;kb:typeKey "
            + n_str(key) + ';kb:certainty "asserted";kb:negated false'
        )  # fmt: skip
        return text

    def _actor(self, iri: str, role: str, out: list[str]) -> tuple[str, str, str]:
        node = "<" + self._role + role + "/" + iri[len(_ACTOR) :] + ">"
        if (iri, role) not in self._roles:
            # The shared role node, once per file graph.
            self._roles.add((iri, role))
            out.append(
                node + " a sem:Role;rdf:value <" + iri + ">;sem:roleType " + _ROLE_TYPE[role]
                + ".\n"
            )  # fmt: skip
        found = self._actors[(iri, role)] = ("<" + iri + ">", node, _bucket_prefix(iri))
        return found

    def _place(self, p: Place) -> tuple[str, str, str, tuple[str, ...]]:
        iri = str(place_iri(p.id))
        # kb.index.incident_subjects: the place, every place containing it, and "at" it.
        subjects = dict.fromkeys([iri, *(str(place_iri(w.id)) for w in p.within), at_subject(iri)])
        found = self._places[p.id] = (
            "<" + iri + ">",
            place_display(p),
            p.level,
            tuple(_bucket_prefix(c) for c in subjects),
        )
        return found

    def _date(self, grp: Group) -> tuple[str, str | None]:
        key = (grp.earliest, grp.latest, grp.value, grp.precision, grp.basis, grp.dataset)
        text = ""
        if grp.basis != stored_basis(grp.dataset):
            # The dataset's usual basis goes without saying (a triple an incident saved).
            text += ";kb:dateBasis " + n_str(grp.basis)
        if grp.earliest is not None:
            text += ';sem:hasEarliestBeginTimeStamp "' + grp.earliest.isoformat() + '"^^xsd:date'
        if grp.latest is not None:
            text += ';sem:hasLatestEndTimeStamp "' + grp.latest.isoformat() + '"^^xsd:date'
        if grp.value:
            text += ";kb:dateValue " + n_str(grp.value)
            if grp.precision in _UNIT:
                text += ";time:unitType " + _UNIT[grp.precision]
        found = self._dates[key] = (text, month_of(grp.earliest, grp.latest))
        return found

    def _dataset(self, name: str) -> str:
        text = self._datasets[name] = ';kb:dataset "' + name + '";kb:datasetId '
        return text

    def lines(self, grp: Group, out: list[str]) -> None:
        """Append the TriG statements of one incident (and of role nodes new to the file)."""
        first = grp.ids[0]
        plain = first.isascii() and first.isalnum()
        type_key = grp.type_key() if grp.votes else grp.type
        parts = [
            _EVENT,
            grp.dataset,
            "-",
            first if plain else segment(first),
            ">",
            self._types.get(type_key) or self._type(type_key),
            self._datasets.get(grp.dataset) or self._dataset(grp.dataset),
            '"' + first + '"' if plain else n_str(first),
        ]
        if len(grp.ids) > 1:
            parts.append(";dct:identifier " + ",".join(n_str(i) for i in grp.ids[1:]))
        agents: list[str] = []
        targets: list[str] = []
        participants: list[str] = []
        by_role = {"agent": agents, "target": targets, "participant": participants}
        buckets: list[str] = []
        if grp.actors:
            actors = self._actors
            nodes: list[tuple[str, str, str]] = []
            unidentified = {iri for iri, _ in grp.unidentified} if grp.unidentified else ()
            for iri, label, role in grp.actors:
                found = actors.get((iri, role)) or self._actor(iri, role, out)
                nodes.append(found)
                by_role[role].append(label)
                if iri not in unidentified:  # per-incident actors have no buckets
                    buckets.append(found[2])
            parts.append(";sem:hasActor " + ",".join([a for a, _, _ in nodes]))
            parts.append(";kb:hasRole " + ",".join([r for _, r, _ in nodes]))
        for iri, label in grp.unidentified:
            out.append(
                "<" + iri + "> a sem:Actor;skos:prefLabel " + n_str(label)
                + ';kb:actorKind "unidentified".\n'
            )  # fmt: skip
        shown: list[tuple[str, str]] = []
        if grp.places:
            where: list[str] = []
            for p in grp.places:
                iri, display, level, chain = self._places.get(p.id) or self._place(p)
                where.append(iri)
                shown.append((level, display))
                buckets += chain
            parts.append(";sem:hasPlace " + ",".join(where))
        if grp.centroid:
            parts.append(";kb:centroid true")
        dates = self._dates.get(
            (grp.earliest, grp.latest, grp.value, grp.precision, grp.basis, grp.dataset)
        )
        text, month = dates if dates is not None else self._date(grp)
        parts.append(text)
        if month is not None and buckets:
            buckets = list(dict.fromkeys(buckets))  # two places in one country: once
            tail = month + ">"
            parts.append(";kb:inBucket " + ",".join([b + tail for b in buckets]))
        for k, v in grp.quantities.items():
            parts.append(";<" + str(KB[k]) + "> " + str(int(v)))
        parts.append(";kb:sourceCount " + str(max(grp.sources_count(), 1)))
        if grp.sources:
            parts.append(";prov:wasDerivedFrom " + ",".join(map(_source, grp.sources)))
        if grp.outlets:
            parts.append(
                ";prov:wasAttributedTo "
                + ",".join("<" + _ACTOR + segment(k) + ">" for k in grp.outlets)
            )
        if grp.notes:
            parts.append(";rdfs:comment " + n_str(grp.notes))
        if len(shown) > 1:
            shown.sort(key=lambda x: _LEVEL_RANK.get(x[0], 4))
        label = headline(type_key, agents, targets, participants, [d for _, d in shown])
        parts.append(";rdfs:label " + n_str(label) + ".\n")
        out.append("".join(parts))


def _bucket_prefix(subject: str) -> str:
    """``<.../bucket/<hash>/``: a bucket IRI of `subject` without its month and ``>``."""
    return "<" + bucket_prefix(subject)


def _source(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return '"' + escape(url) + '"^^xsd:anyURI'
    return n_str(url)  # GDELT 1.0 names some sources by text ("BBC Monitoring")


_LEVEL_RANK = {"city": 0, "district": 1, "border": 2, "region": 3, "country": 4}


def group_info(grp: Group, article: str) -> ReportInfo:
    """The group as the linker sees a report (to compare it with stored reports).

    Args:
        grp: the group.
        article: the article id of its first source (evidence counts a shared article).
    """
    from kb.eventtypes import lineage

    places, chain, specific, labels = summarize_places(grp.places)
    roles: dict[str, set[str]] = {"agent": set(), "target": set(), "participant": set()}
    unidentified = {iri for iri, _ in grp.unidentified}
    unidentified_agent = False
    for iri, label, role in grp.actors:
        if iri in unidentified:
            # Per-incident actors (ACLED's "Unidentified Armed Group") are never shared:
            # the linker knows them only as an unidentified agent, as it reads reports.
            if role == "agent":
                unidentified_agent = True
                labels["unidentified"] = label
            continue
        labels[iri] = label
        roles[role].add(iri)
    type_key = grp.type_key()
    from kb.importers.base import report_iri

    return ReportInfo(
        iri=report_iri(grp.dataset, grp.ids[0]),
        article=article,
        type=type_key,
        top=grp.top,
        types=tuple(lineage(type_key)),
        agents=frozenset(roles["agent"]),
        targets=frozenset(roles["target"]),
        participants=frozenset(roles["participant"]),
        unidentified_agent=unidentified_agent,
        places=frozenset(places),
        place_chain=frozenset(chain),
        specific_places=frozenset(specific),
        quantities=dict(grp.quantities),
        labels=labels,
        **linker_dates(grp.earliest, grp.latest, grp.value, grp.precision, grp.basis),
    )


def stored_basis(dataset: str) -> str:
    """The date basis of an imported incident that states none (``kb:dateBasis``).

    GDELT dates most events by the report's day (:mod:`kb.importers.gdelt`), ACLED by
    the day the event happened: only other bases are written.
    """
    return "publication" if dataset == "gdelt" else "explicit"


def linker_dates(
    earliest: dt.date | None,
    latest: dt.date | None,
    value: str | None,
    precision: str | None,
    basis: str,
) -> dict[str, Any]:
    """The date fields of a ReportInfo for a stored imported date.

    A publication-based date (GDELT's day of the report) is what an article without a
    date of its own gives the linker: the publication day as the latest end and nothing
    else, which :meth:`kb.link.same.ReportInfo.interval` widens to the days before.
    """
    if basis == "publication":
        return {"basis": basis, "latest": latest or earliest, "date_text": value}
    return {
        "basis": basis,
        "earliest": earliest,
        "latest": latest,
        "precision": precision,
        "date_value": value,
    }


def id_order(dataset_id: str) -> tuple[bool, int, str]:
    """Sort key of dataset ids: numbers by value (GDELT), the rest as text (ACLED)."""
    digits = dataset_id.isdigit()
    return (not digits, len(dataset_id) if digits else 0, dataset_id)


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_BASIS_RANK = {"explicit": 0, "relative": 1, "publication": 2, "unknown": 3}


def merge_groups(groups: Sequence[Group]) -> Group:
    """One group of several that are one incident, the same whatever their order.

    As :func:`kb.link.incidents.incident_triples` sums up reports: the type most rows
    give (acts before killings, then the more specific), each actor in the role most rows
    give it, every place, the most precise date, the largest counts; every row id (the
    smallest first: it names the incident) and every source.
    """
    if len(groups) == 1:
        return groups[0]
    from collections import Counter

    from kb.eventtypes import lineage, top_key

    members = sorted(groups, key=lambda g: id_order(min(g.ids, key=id_order)))
    rows = [(i, s) for g in members for i, s in zip(g.ids, _row_sources(g), strict=True)]
    rows.sort(key=lambda r: id_order(r[0]))
    votes: Counter[str] = Counter()
    for g in members:
        if g.votes:
            votes.update(g.votes)
        else:
            votes[g.type] += len(g.ids)
    type_key = max(
        votes,
        key=lambda k: (top_key(k) != "killing", votes[k], len(lineage(k)), k),
    )
    role_votes: dict[str, Counter[str]] = {}
    labels: dict[str, str] = {}
    for g in members:
        for iri, label, role in g.actors:
            role_votes.setdefault(iri, Counter())[role] += len(g.ids)
            labels.setdefault(iri, label)
    actors = []
    for iri in sorted(role_votes):
        v = role_votes[iri]
        actors.append((iri, labels[iri], max(v, key=lambda k: (v[k], k == "agent", k))))
    places = {p.id: p for g in members for p in g.places}
    best = min(
        members,
        key=lambda g: (
            _PRECISION_RANK.get(g.precision or "", 3),
            _BASIS_RANK.get(g.basis, 3),
            g.latest or dt.date.max,
            id_order(min(g.ids, key=id_order)),
        ),
    )
    quantities: dict[str, int] = {}
    for g in members:
        for k, n in g.quantities.items():
            quantities[k] = max(quantities.get(k, 0), n)
    unidentified = sorted({u for g in members for u in g.unidentified})
    merged = Group(
        dataset=members[0].dataset,
        ids=[i for i, _ in rows],
        seq=min(g.seq for g in members),
        type=type_key,
        top=top_key(type_key),
        actors=actors,
        places=[places[k] for k in sorted(places)],
        centroid=all(g.centroid for g in members),
        value=best.value,
        precision=best.precision,
        earliest=best.earliest,
        latest=best.latest,
        basis=best.basis,
        sources=dict.fromkeys(sorted({s for g in members for s in g.sources})),
        count=sum(g.count for g in members),
        quantities=quantities,
        unidentified=unidentified,
        outlets=tuple(sorted({o for g in members for o in g.outlets})),
        notes=merge_notes(members),
        rows=[r for g in members for r in g.rows or ()] if members[0].rows is not None else None,
        row_sources=[s for _, s in rows],
    )
    return merged


#: Distinct notes an incident keeps (ACLED: its rows' ``notes``), smallest row id first;
#: the rows of any further text are only counted. ACLED codes an event once, so an
#: incident of several rows is rare and seldom has more than two or three.
NOTES_KEPT = 10
_NOTE_LINE = re.compile(r"\[([^\]\n]+)\] ([^\n]*)")
_NOTES_LEFT = re.compile(r"\(notes of (\d+) more rows? not kept\)")


def note_parts(g: Group) -> tuple[list[tuple[list[str], str]], int]:
    """A group's notes as (row ids, text) parts, and how many rows' notes were left out.

    A one-row group's notes are its row's text. A group of several rows holds one line
    ``[ID, ID] text`` per distinct text (as :func:`merge_notes` writes it); an untagged
    text there (an incident stored before notes were merged) is its first row's.
    """
    if not g.notes:
        return [], 0
    if len(g.ids) == 1:
        return [([g.ids[0]], g.notes)], 0
    parts: list[tuple[list[str], str]] = []
    left = 0
    for line in g.notes.split("\n"):
        if m := _NOTES_LEFT.fullmatch(line):
            left += int(m[1])
        elif m := _NOTE_LINE.fullmatch(line):
            parts.append((m[1].split(", "), m[2]))
        elif line:
            parts.append(([g.ids[0]], line))
    return parts, left


def format_notes(
    parts: Sequence[tuple[Sequence[str], str]], rows: int, left: int = 0
) -> str | None:
    """The notes of an incident: one line ``[ID, ID] text`` per distinct text, bounded.

    Texts are ordered by their smallest row id; after :data:`NOTES_KEPT` of them, the
    rows of the rest are counted in a last line ``(notes of N more rows not kept)``.
    The text of an incident of one row (`rows`) is kept as it is.
    """
    texts: dict[str, set[str]] = {}
    for ids, text in parts:
        texts.setdefault(text, set()).update(ids)
    if not texts:
        return None
    if rows == 1 and len(texts) == 1 and not left:
        return next(iter(texts))
    ordered = sorted(
        ((sorted(ids, key=id_order), text) for text, ids in texts.items()),
        key=lambda part: (id_order(part[0][0]), part[1]),
    )
    lines = [f"[{', '.join(ids)}] {text}" for ids, text in ordered[:NOTES_KEPT]]
    left += sum(len(ids) for ids, _ in ordered[NOTES_KEPT:])
    if left:
        lines.append(f"(notes of {left} more row{'s' if left > 1 else ''} not kept)")
    return "\n".join(lines)


def merge_notes(groups: Sequence[Group]) -> str | None:
    """The notes of one incident made of `groups`: every row's distinct text, tagged.

    Before, an incident kept its first row's notes only, and an analyst never saw what
    the other rows (other sources' codings of the event) said.
    """
    parts: list[tuple[list[str], str]] = []
    left = 0
    for g in groups:
        mine, n = note_parts(g)
        parts += mine
        left += n
    return format_notes(parts, sum(len(g.ids) for g in groups), left)


def notes_of_rows(g: Group, ids: Sequence[str]) -> str | None:
    """The part of a group's notes that rows `ids` give (a group split by article)."""
    parts, _ = note_parts(g)
    keep = set(ids)
    mine = [(rows, text) for rows, text in parts if keep.intersection(rows)]
    return format_notes([([i for i in rows if i in keep], text) for rows, text in mine], len(ids))


def _row_sources(g: Group) -> list[str]:
    if g.row_sources is not None and len(g.row_sources) == len(g.ids):
        return g.row_sources
    first = next(iter(g.sources), "")
    return [first] * len(g.ids)


def iter_chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    """`items` in slices of `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
