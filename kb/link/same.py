"""Decide whether two event reports describe the same real incident.

The rule (documented in docs/linking.md):

1. **Polarity**: a negated report never joins an asserted one.
2. **Type**: the two types share their top concept, or one is a killing and the
   other an act that kills (strike, attack, clash).
3. **Date**: the intervals [earliest, latest] overlap. A report dated only by its
   publication is taken to cover the ``PUBLICATION_WINDOW`` days before it. Two
   undated reports are compatible only inside one article.
4. **Place**: a place of one equals, contains or lies within a place of the other
   (containment through the gazetteer). Reports without places pass only when they
   share a named agent and a named target, or come from one article.
5. **Participants**: named agents that are both given and disjoint, or named
   targets both given and disjoint (with no shared affiliation), separate them.
   Unidentified actors never count as shared.
6. **Evidence**: at least ``MIN_EVIDENCE`` points: +2 a shared named agent,
   +2 a shared named target, +1 a shared affiliation of targets (two "IS
   commanders"), +1 the same specific place (a region, town or border, not only a
   country), +1 the same day, +1 the same specific type, +3 the same article.

Incidents are the connected components of this relation, so the result does not
depend on the order in which articles arrive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: Days before publication an event dated only by its article is assumed to lie in.
PUBLICATION_WINDOW = 3
#: Points of evidence needed to call two compatible reports one incident.
MIN_EVIDENCE = 3

_ACT_TOPS = {"air_or_drone_strike", "attack", "armed_clash"}


@dataclass
class ReportInfo:
    """What the linker needs to know of one event report."""

    iri: str
    article: str
    type: str
    top: str
    types: tuple[str, ...] = ()
    negated: bool = False
    certainty: str = "asserted"
    earliest: dt.date | None = None
    latest: dt.date | None = None
    precision: str | None = None
    basis: str = "unknown"
    date_value: str | None = None
    date_text: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    agents: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()
    affiliations: frozenset[str] = frozenset()
    unidentified_agent: bool = False
    places: frozenset[str] = frozenset()
    place_chain: frozenset[str] = frozenset()  # places and all their ancestors
    specific_places: frozenset[str] = frozenset()  # places below country level
    quantities: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # actor/place id -> label
    mention: str | None = None
    incident: str | None = None  # the incident IRI it belongs to now (store reports)

    def interval(self) -> tuple[dt.date | None, dt.date | None]:
        """The date bounds used for compatibility."""
        if self.basis in ("publication",) and self.latest is not None and self.earliest is None:
            return self.latest - dt.timedelta(days=PUBLICATION_WINDOW), self.latest
        return self.earliest, self.latest


def _types_compatible(a: ReportInfo, b: ReportInfo) -> bool:
    if a.top == b.top:
        return True
    pair = {a.top, b.top}
    return "killing" in pair and bool(pair & _ACT_TOPS)


def _dates_compatible(a: ReportInfo, b: ReportInfo) -> bool:
    a0, a1 = a.interval()
    b0, b1 = b.interval()
    a_known = a0 is not None or (a1 is not None and a.basis != "unknown")
    b_known = b0 is not None or (b1 is not None and b.basis != "unknown")
    if not a_known and not b_known:
        # Neither report dates the event ("earlier", "previously"): one article only.
        return a.article == b.article
    if a_known != b_known:
        # An event said to have happened earlier is not the one dated now.
        return False
    lo = max(d for d in (a0, b0) if d is not None)
    hi = min(d for d in (a1 or a0, b1 or b0) if d is not None)
    return lo <= hi


def _places_compatible(a: ReportInfo, b: ReportInfo) -> bool:
    if not a.places or not b.places:
        return a.article == b.article or bool((a.agents & b.agents) and (a.targets & b.targets))
    # Same or contained: a place of one lies in the other's chain.
    return bool(a.places & b.place_chain) or bool(b.places & a.place_chain)


def evidence(a: ReportInfo, b: ReportInfo) -> int:
    """Points of evidence that two reports are one incident (see module doc)."""
    points = 0
    if a.agents & b.agents:
        points += 2
    if a.targets & b.targets:
        points += 2
    elif a.affiliations & b.affiliations:
        points += 1
    if a.specific_places & b.specific_places:
        points += 1
    if a.precision == "day" and b.precision == "day" and a.earliest == b.earliest:
        points += 1
    if a.type == b.type and a.type != a.top:
        points += 1
    if a.article == b.article:
        points += 3
    return points


def same_incident(a: ReportInfo, b: ReportInfo) -> bool:
    """The linking rule: True when two reports describe one real incident."""
    if a.iri == b.iri:
        return True
    if a.negated != b.negated:
        return False
    if not _types_compatible(a, b):
        return False
    if not _dates_compatible(a, b):
        return False
    if not _places_compatible(a, b):
        return False
    if a.agents and b.agents and not (a.agents & b.agents):
        return False
    if (
        a.targets
        and b.targets
        and not (a.targets & b.targets)
        and not (a.affiliations & b.affiliations)
    ):
        return False
    return evidence(a, b) >= MIN_EVIDENCE


def components(reports: list[ReportInfo]) -> list[list[ReportInfo]]:
    """Group reports into incidents: connected components of :func:`same_incident`.

    Components are returned sorted by their smallest report IRI, each sorted by IRI,
    so the outcome is independent of input order.
    """
    ordered = sorted(reports, key=lambda r: r.iri)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Bucket by top type family first: only compatible types are ever compared.
    buckets: dict[str, list[int]] = {}
    for i, r in enumerate(ordered):
        fam = "violence" if r.top in _ACT_TOPS | {"killing"} else r.top
        buckets.setdefault(fam, []).append(i)
    for idx in buckets.values():
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                i, j = idx[x], idx[y]
                if find(i) != find(j) and same_incident(ordered[i], ordered[j]):
                    parent[find(j)] = find(i)
    groups: dict[int, list[ReportInfo]] = {}
    for i, r in enumerate(ordered):
        groups.setdefault(find(i), []).append(r)
    return sorted(groups.values(), key=lambda g: g[0].iri)
