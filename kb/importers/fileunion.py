"""Rows of one file that are one incident by the linking rule become one incident.

Rows are first gathered by what they code (:class:`kb.importers.compact.Grouper`: the
same day and date basis, place, type and actors), which is cheap and covers GDELT's
copies of one event. :class:`FileUnion` then applies the rule of :mod:`kb.link.same` to
those groups, as the linker applies it to event reports and as
:func:`kb.importers.promote.compact_matches` applies it across files:

* a group whose rows come from several articles is one incident only when two of its
  rows are by the rule (two articles coding "protesters in Iraq" on one day are too
  little evidence); otherwise its rows are split by article;
* groups that are the same incident by the rule are joined, transitively (connected
  components), whichever order and batch their rows came in: the incidents of a file
  are the components of the rule over its rows, whatever the window and batch sizes.

Groups are compared only when they share a link key (those of
:func:`kb.importers.linking.link_keys`, less the agent keys of actors that add no
evidence), through an in-memory index over the whole file: the file is read once and
nothing is asked of the store. Components that close together are merged in memory
before they are written (:func:`kb.importers.compact.merge_groups`); a group that joins
an incident written earlier is held back, and the file's last step
(:meth:`FileUnion.finish`, :meth:`kb.importers.pipeline._Run.rewrite`) writes that
incident again with it.

Memory: a written group is kept as a slim record of what the rule compares (about 250
bytes, plus about 70 for each of its link keys in the index); past `cap` groups the index
is dropped and later groups are compared within their batch only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kb.eventtypes import lineage
from kb.importers.compact import Group, merge_groups, notes_of_rows
from kb.link.incidents import summarize_places
from kb.link.same import ReportInfo, same_incident, strong_actors
from kb.link.same import specific_type as same_specific_type
from kb.namespaces import KBID, segment

#: Groups a file may hold in the index.
CAP = 2_000_000
_VIOLENCE = frozenset({"air_or_drone_strike", "attack", "armed_clash", "killing"})
_NONE: frozenset[str] = frozenset()


def _family(top: str) -> str:
    return "violence" if top in _VIOLENCE else top


@dataclass(slots=True, eq=False)
class _Node:
    """What the rule compares of a group: its rows less their articles, and those."""

    places: tuple[Any, ...]  # (places, place chain, specific places, labels), shared
    actors: tuple[Any, ...]  # (agents, targets, participants, unidentified agent), shared
    type: str
    top: str
    earliest: Any
    latest: Any
    precision: str | None
    basis: str
    value: str | None
    #: Its one article, or all of them (a source URL, or "row:<id>" for a row without).
    arts: str | frozenset[str]
    quantities: dict[str, int]


@dataclass
class Rewrite:
    """An incident to write again at the end of a file, with what joined it.

    Attributes:
        group: the groups of the component at hand, merged: those held back, and with
            `keep` those written too.
        drop: compact incidents of the file that are part of it (deleted first).
        read: those of `drop` whose groups are not at hand: the caller reads them back
            from the store and merges them into `group`.
        reports: reports of the component already in report form (rows that joined an
            article's incident): the merged group is promoted and linked with them.
    """

    group: Group
    drop: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    reports: set[str] = field(default_factory=set)


class FileUnion:
    """The incidents of one file: connected components of the rule over its groups.

    Args:
        cap: groups the index holds at most.
        keep: keep every group whole (else written ones are kept as :class:`_Node`
            only, and read back from the store when a later group joins them).
    """

    def __init__(self, cap: int = CAP, keep: bool = False) -> None:
        self.cap = cap
        self.keep = keep
        #: Groups not written yet (held back) or, with `keep`, every group.
        self.groups: dict[int, Group] = {}
        self.nodes: list[_Node] = []
        self.parent: list[int] = []
        #: hash of a link key -> node, or list of nodes.
        self.index: dict[int, Any] = {}
        #: root -> nodes of a component of more than one node.
        self.members: dict[int, list[int]] = {}
        #: node -> the root its component had when it was written (-1: not written).
        self.written: list[int] = []
        #: root when written -> the incident written (its first dataset id).
        self.incident: dict[int, str] = {}
        self.dataset = ""
        #: roots when written of incidents no longer compact (written as reports).
        self.reported: set[int] = set()
        #: root -> reports of the component in report form.
        self.reports: dict[int, set[str]] = {}
        self.held: set[int] = set()
        self.full = False
        self._places: dict[tuple[str, ...], tuple[Any, ...]] = {}
        self._by_list: dict[int, tuple[Any, ...]] = {}
        self._actors: dict[Any, tuple[Any, ...]] = {}
        self._sets: dict[frozenset[str], frozenset[str]] = {}
        self._pairs: dict[tuple[str, ...], tuple[Any, ...]] = {}
        self._alike: dict[tuple[Any, ...], bool] = {}
        self._lineage: dict[str, tuple[str, ...]] = {}

    # -- union-find -----------------------------------------------------------------------
    def find(self, i: int) -> int:
        """The root of a node's component."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ma = self.members.pop(ra, None) or [ra]
        mb = self.members.pop(rb, None) or [rb]
        if len(ma) < len(mb):
            ra, rb, ma, mb = rb, ra, mb, ma
        self.parent[rb] = ra
        ma.extend(mb)
        self.members[ra] = ma
        moved = self.reports.pop(rb, None)
        if moved:
            self.reports.setdefault(ra, set()).update(moved)

    # -- what the rule compares --------------------------------------------------------------
    def _place_parts(self, g: Group) -> tuple[Any, ...]:
        # Keyed by the list itself (kept alive in its entry, so its id is not reused):
        # GDELT groups share the list their mapper cached for a place.
        found = self._by_list.get(id(g.places))
        if found is not None and found[0] is g.places:
            return found[1]
        pkey = tuple([p.id for p in g.places])
        places = self._places.get(pkey)
        if places is None:
            iris, chain, specific, labels = summarize_places(g.places)
            places = self._places[pkey] = (
                frozenset(iris), frozenset(chain), frozenset(specific), labels
            )  # fmt: skip
        if len(self._by_list) < 200_000:
            self._by_list[id(g.places)] = (g.places, places)
        return places

    def _actor_parts(self, g: Group) -> tuple[Any, ...]:
        ga = g.actors
        if not g.unidentified and len(ga) <= 2:
            # Most rows: an agent and a target at most; their sets are shared by actor.
            key = (
                (ga[0][0], ga[0][2], ga[1][0], ga[1][2])
                if len(ga) == 2
                else ((ga[0][0], ga[0][2]) if ga else ())
            )
            found = self._pairs.get(key)
            if found is None:
                found = self._pairs[key] = self._actor_parts_of(g)
            return found
        return self._actor_parts_of(g)

    def _actor_parts_of(self, g: Group) -> tuple[Any, ...]:
        akey = (tuple(g.actors), tuple(g.unidentified)) if g.unidentified else tuple(g.actors)
        actors = self._actors.get(akey)
        if actors is None:
            unidentified = {u for u, _ in g.unidentified}
            roles: dict[str, set[str]] = {"agent": set(), "target": set(), "participant": set()}
            unid = False
            for a, _, role in g.actors:
                if a in unidentified:
                    # Per-incident actors are never shared: an unidentified agent only.
                    unid = unid or role == "agent"
                else:
                    roles[role].add(a)
            share = self._share
            actors = self._actors[akey] = (
                share(roles["agent"]), share(roles["target"]), share(roles["participant"]), unid
            )  # fmt: skip
        return actors

    def _share(self, members: set[str]) -> frozenset[str]:
        """One frozenset for equal sets of actors (most groups name one or two)."""
        if not members:
            return _NONE
        fs = frozenset(members)
        return self._sets.setdefault(fs, fs)

    def node(self, g: Group) -> _Node:
        """What the rule compares of a group."""
        type_key = g.type_key() if g.votes else g.type
        if g.basis == "publication":
            # As an article without a date of its own (kb.importers.compact.linker_dates).
            earliest, latest, precision, value = None, g.latest or g.earliest, None, None
        else:
            earliest, latest, precision, value = g.earliest, g.latest, g.precision, g.value
        if len(g.ids) == 1:
            arts: str | frozenset[str] = next(iter(g.sources)) if g.sources else "row:" + g.ids[0]
        else:
            found = _articles(g)
            arts = next(iter(found)) if len(found) == 1 else frozenset(found)
        return _Node(
            self._place_parts(g), self._actor_parts(g), type_key, g.top, earliest,
            latest, precision, g.basis, value, arts, g.quantities,
        )  # fmt: skip

    def info(self, x: _Node, article: str, iri: str) -> ReportInfo:
        """A node as the linker sees one of its rows (they differ only by article)."""
        places, actors = x.places, x.actors
        types = self._lineage.get(x.type)
        if types is None:
            types = self._lineage[x.type] = tuple(lineage(x.type))
        # Keywords, not positions: kb.link.same may add fields to ReportInfo.
        return ReportInfo(
            iri=iri,
            article=article,
            type=x.type,
            top=x.top,
            types=types,
            earliest=x.earliest,
            latest=x.latest,
            precision=x.precision,
            basis=x.basis,
            date_value=x.value,
            agents=actors[0],
            targets=actors[1],
            participants=actors[2],
            unidentified_agent=actors[3],
            places=places[0],
            place_chain=places[1],
            specific_places=places[2],
            quantities=x.quantities,
            labels=places[3],
        )

    def _keys(self, x: _Node) -> list[int]:
        """Hashes of the link keys of a node: those of kb.importers.linking.link_keys,
        less the agent keys of actors that add no evidence as agents (not curated)."""
        places, actors = x.places, x.actors
        fam = _family(x.top)
        specific_type = same_specific_type(x.type, x.top)
        if x.arts.__class__ is str:
            keys = [hash((fam, "r", x.arts))]
        else:
            keys = [hash((fam, "r", a)) for a in x.arts]
        for a in strong_actors(actors[0]):
            keys += [hash((fam, "at", a, t)) for t in actors[1]]
            keys += [hash((fam, "ap", a, p)) for p in places[2]]
            if specific_type:
                keys.append(hash((fam, "ak", a, specific_type)))
        for t in actors[1]:
            keys += [hash((fam, "tp", t, p)) for p in places[2]]
            if specific_type:
                keys.append(hash((fam, "tk", t, specific_type)))
        if x.precision == "day":
            day = x.earliest.isoformat() if x.earliest else "-"
            keys += [hash((fam, "ad", a, day)) for a in strong_actors(actors[0])]
            keys += [hash((fam, "td", t, day)) for t in actors[1]]
            keys += [hash((fam, "pd", p, day)) for p in places[2]]
        return keys

    def alike(self, g: Group) -> bool:
        """Whether two rows of a group coming from different articles are one incident."""
        key = (
            g.type_key(), tuple(g.actors), tuple(p.id for p in g.places),
            g.earliest, g.latest, g.precision, g.basis,
        )  # fmt: skip
        found = self._alike.get(key)
        if found is None:
            x = self.node(g)
            found = self._alike[key] = same_incident(self.info(x, "a", "a"), self.info(x, "b", "b"))
        return found

    def linked(self, a: _Node, b: _Node, ia: int, ib: int) -> bool:
        """Whether a row of node `a` and a row of node `b` are one incident by the rule."""
        pa, pb = a.places, b.places
        if pa[0] and pb[0] and not (pa[0] & pb[1] or pb[0] & pa[1]):
            return False  # rule 4 (places), checked first because it is cheap
        iri_a, iri_b = f"node:{ia}", f"node:{ib}"
        arts_a, arts_b = a.arts, b.arts
        if arts_a.__class__ is str and arts_b.__class__ is str and arts_a != arts_b:
            # The common case: one article each, two articles.
            return same_incident(self.info(a, arts_a, iri_a), self.info(b, arts_b, iri_b))  # type: ignore[arg-type]
        set_a = {arts_a} if arts_a.__class__ is str else arts_a
        set_b = {arts_b} if arts_b.__class__ is str else arts_b
        shared = set_a & set_b  # type: ignore[operator]
        if shared:
            s = min(shared)
            if same_incident(self.info(a, s, iri_a), self.info(b, s, iri_b)):
                return True
        # Two different articles, if the nodes have them (which ones does not matter:
        # the rule only asks whether the articles are the same).
        x = min(set_a)  # type: ignore[type-var]
        others = set_b - {x}  # type: ignore[operator]
        if others:
            y = min(others)
        else:
            others_a = set_a - set_b  # type: ignore[operator]
            if not others_a:
                return False
            x, y = min(others_a), min(set_b)  # type: ignore[type-var]
        return same_incident(self.info(a, x, iri_a), self.info(b, y, iri_b))

    # -- a batch ---------------------------------------------------------------------------
    def add(self, groups: Sequence[Group]) -> list[Group]:
        """Take the groups that closed; return what to write now.

        Groups that are one incident with each other are returned merged; groups that
        are one incident with a group written earlier are held back for :meth:`finish`.
        """
        add = self._add
        fresh: list[int] = []
        for g in groups:
            if len(g.ids) == 1:
                fresh.append(add(g))
            else:
                fresh += [add(part) for part in self._split(g)]
        new = set(fresh)
        out: list[Group] = []
        seen: set[int] = set()
        members, parent, groups_of = self.members, self.parent, self.groups
        for n in fresh:
            if parent[n] == n and n not in members:
                # A component of one group (most): written as it is.
                g = groups_of[n]
                self.incident[n] = g.ids[0]
                self.written[n] = n
                if not self.keep:
                    del groups_of[n]
                out.append(g)
                continue
            root = self.find(n)
            if root in seen:
                continue
            seen.add(root)
            nodes = members.get(root)
            if nodes is None:
                out.append(self._write(root, [n]))
            elif all(m in new for m in nodes):
                out.append(self._write(root, sorted(nodes)))
            else:
                self.held.update(m for m in nodes if m in new)
        if len(self.nodes) > self.cap and not self.full:
            # Memory stays bounded: from now on a batch is compared only with itself.
            self.full = True
        if self.full:
            self.index.clear()
        return out

    def _write(self, root: int, nodes: list[int]) -> Group:
        groups = self.groups
        merged = merge_groups([groups[m] for m in nodes])
        merged.node = root
        self.incident[root] = merged.ids[0]
        for m in nodes:
            self.written[m] = root
            if not self.keep:
                del groups[m]
        return merged

    def _split(self, g: Group) -> list[Group]:
        """A group, or its rows by article when two articles' rows are not one incident."""
        if len(g.ids) == 1:
            return [g]
        arts = _row_articles(g)
        if len(set(arts)) < 2 or self.alike(g):
            return [g]
        parts: dict[str, list[int]] = {}
        for i, a in enumerate(arts):
            parts.setdefault(a, []).append(i)
        srcs = g.row_sources or [""] * len(g.ids)
        out = []
        for rows in parts.values():
            mine = [srcs[i] for i in rows]
            ids = [g.ids[i] for i in rows]
            out.append(
                Group(
                    g.dataset,
                    ids,
                    g.seq,
                    g.type,
                    g.top,
                    g.actors,
                    g.places,
                    g.centroid,
                    g.value,
                    g.precision,
                    g.earliest,
                    g.latest,
                    g.basis,
                    dict.fromkeys(s for s in mine if s),
                    sum(1 for s in mine if not s),
                    dict(g.quantities),
                    list(g.unidentified),
                    g.outlets,
                    notes_of_rows(g, ids),
                    dict(g.votes) if g.votes else None,
                    [g.rows[i] for i in rows] if g.rows is not None else None,
                    mine,
                )  # fmt: skip
            )
        return out

    def _add(self, g: Group) -> int:
        n = len(self.nodes)
        g.node = n
        self.dataset = g.dataset
        x = self.node(g)
        self.nodes.append(x)
        self.groups[n] = g
        self.parent.append(n)
        self.written.append(-1)
        index = self.index
        candidates: set[int] = set()
        for k in self._keys(x):
            v = index.get(k)
            if v is None:
                index[k] = n
            elif v.__class__ is int:
                candidates.add(v)
                index[k] = [v, n]
            else:
                candidates.update(v)
                v.append(n)
        if candidates:
            nodes, find = self.nodes, self.find
            for m in sorted(candidates):
                if find(m) != find(n) and self.linked(x, nodes[m], n, m):
                    self._union(n, m)
        return n

    # -- written and reported --------------------------------------------------------------
    def hold(self, g: Group) -> None:
        """Hold back a group :meth:`add` returned: the caller did not write it."""
        if g.node < 0 or g.node >= len(self.parent):
            return
        root = self.find(g.node)
        self.incident.pop(g.node, None)
        nodes = self.members.get(root, [root])
        for m in nodes:
            self.written[m] = -1
            self.held.add(m)
            self.groups.pop(m, None)
        # The merged group stands for its nodes from now on.
        self.groups[root] = g

    def mark_reported(self, g: Group, reports: set[str]) -> None:
        """The group `g` returned by :meth:`add` or :meth:`finish` is in report form now
        (its rows joined an article's incident, or it was promoted)."""
        if g.node < 0 or g.node >= len(self.parent):
            return
        self.reported.add(g.node)
        self.reports.setdefault(self.find(g.node), set()).update(reports)

    def finish(self) -> list[Rewrite]:
        """The incidents to write again: each component that holds back a group.

        Returns:
            For each: the held-back groups merged, the compact incidents written for the
            component (the caller reads them back, merges and deletes them) and the
            reports of its rows in report form.
        """
        roots = sorted({self.find(n) for n in self.held})
        out: list[Rewrite] = []
        for root in roots:
            nodes = sorted(self.members.get(root, [root]))
            at = {self.written[m] for m in nodes if self.written[m] >= 0} - self.reported
            # Groups at hand: held back, and with `keep` the written ones still compact.
            mine = [
                m for m in nodes if m in self.groups and (m in self.held or self.written[m] in at)
            ]
            read = sorted(self._iri(r) for r in at if not any(self.written[m] == r for m in mine))
            drop = sorted(self._iri(r) for r in at)
            reports = set(self.reports.get(root, ()))
            self.held.difference_update(nodes)
            merged = merge_groups([self.groups.pop(m) for m in mine])
            merged.node = root
            out.append(Rewrite(merged, drop, read, reports))
        return out

    def _iri(self, root: int) -> str:
        """The IRI of the incident written for a component (kb.importers.compact.Group.iri)."""
        return str(KBID) + "event/" + self.dataset + "-" + segment(self.incident[root])


def _articles(g: Group) -> set[str]:
    """The articles of a group's rows, as identities (a source, or the row itself)."""
    arts = set(g.sources)
    if g.count:
        rows = g.row_sources or [""] * len(g.ids)
        arts.update("row:" + i for i, s in zip(g.ids, rows, strict=False) if not s)
    return arts or {"row:" + g.ids[0]}


def _row_articles(g: Group) -> list[str]:
    rows = g.row_sources or [next(iter(g.sources), "")] * len(g.ids)
    return [s or "row:" + i for i, s in zip(g.ids, rows, strict=False)]


__all__ = ["CAP", "FileUnion", "Rewrite"]
