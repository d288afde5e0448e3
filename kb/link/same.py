"""Decide whether two event reports describe the same real incident.

The rule (documented in docs/linking.md):

1. **Polarity**: a negated report never joins an asserted one.
2. **Type**: the two types share their top concept, or one is a killing and the
   other an act that kills (strike, attack, clash).
3. **Date**: the intervals [earliest, latest] overlap. A report dated only by its
   publication is taken to cover the ``PUBLICATION_WINDOW`` days before it. Two
   undated reports are compatible only inside one article. Across articles, intervals
   up to ``DATE_TOLERANCE_DAYS`` apart still meet when that gap is plausibly one event
   dated two ways (:func:`day_gap_plausible`): one of the dates is uncertain (coarser
   than a day, taken from the publication, or near midnight: "overnight", "late
   Thursday night"), or the two reports share what identifies an incident beyond its
   perpetrator's habits: a curated agent at the same specific place, and that place a
   town or a curated target shared too, and neither names a kind of act the other
   does not (an assault one day, a bombing the next: a generic "attack" names none).
   Two reports that each give their own day, with nothing more in common than a
   perpetrator active every day, are two incidents.
4. **Place**: the most specific place of one equals, contains or lies within a place
   of the other (containment through the gazetteer; a country named beside a town does
   not count), or one is a border area and the other a town near that border
   (:func:`border_meets`: "on the Iraq-Syria border" and "near al-Qaim"; the stored
   containment does not relate them), or one is only at sea and the other in a shore
   country of that sea. Reports without places pass only inside one article, or when
   both are dated to the day and share a curated agent or target; across articles such
   a pair then needs ``PLACELESS_EVIDENCE`` points instead of ``MIN_EVIDENCE`` (see 6),
   and so does a sea met only through its shore countries (it says no more than they).
5. **Participants**: curated agents (not civilians, unidentified or minted names)
   that are both given and disjoint separate them. Across articles targets are
   evidence only (extraction finds them less reliably than agents), except when one
   report has no place (or only a sea): then targets that tell them apart
   (:func:`targets_differ`) separate them, since whom it hit is all that tells one
   force's operations of a day apart. Inside one article, two disjoint sets of targets
   separate two incidents.
6. **Evidence**: at least ``MIN_EVIDENCE`` points: +2 a shared curated agent,
   +2 a shared curated target, else +1 a shared target or target affiliation (two
   "IS commanders", two units of one country's forces), +1 the same specific place
   (a region, town or border, not only a country; a border and a town near it count:
   :func:`shared_places`), +1 the same day (the same earliest date, both at day
   precision; a tolerated day apart earns nothing) and +1 more when
   the shared place is a town and both reports date the event themselves to that same
   day, +1 the same specific type, +3 the same article. Across articles, when one
   report names no place, ``PLACELESS_EVIDENCE`` points: a shared agent and the same
   day are what all of one force's operations that day have in common, so something
   more must agree (the specific type, a target).

Incidents are the connected components of this relation, so the result does not
depend on the order in which articles arrive.

**Back-references** (:func:`join`, after the components). A later article often names
an incident only coarsely: "a drone strike in March", "last month's ambush", with an
unknown attacker. Such a report meets the rule's tests but not its evidence: no shared
day, often no named agent. Whether it refers to a given incident is a property of the
whole set of incidents, not of one pair: it does when that incident is the *only* one it
can mean. So a group of reports that all date the event coarsely (month precision and a
place below country level, or year precision and a town, dated by the text:
:func:`coarse_dated`) joins a group holding a report dated to the day
(:func:`day_dated`) when exactly one such group is compatible with every one of its
reports (:func:`backref_compatible`: another article, the same polarity, rule 2's types
but no statements, the day inside the coarse interval and not after the coarse report's
publication, rule 4's places with places on both sides, no named agents or targets
that tell them apart). Among several compatible groups, the one sharing a named target
with it is taken when it is the only one ("the commander killed in a strike in March").
Two such incidents ("two drone strikes hit al-Qaim that March") leave the reference on
its own; so does a day-dated group that two groups of one article would both join. The
decision reads only the groups the pairs formed, so it too ignores the order of
arrival; :func:`kb.link.incidents.relink` reads every stored report a reference could
mean, so a run over a store decides as one run over all reports does. A reference
names its incident but adds no actors, places or counts to it (:func:`backref_members`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kb.namespaces import KBID_NS

#: Days before publication an event dated only by its article is assumed to lie in.
PUBLICATION_WINDOW = 3
#: Points of evidence needed to call two compatible reports one incident.
MIN_EVIDENCE = 3
#: Day-precision dates this many days apart may still be one incident: outlets in other
#: time zones, "overnight" and "late on Monday" move an event across midnight. Only
#: across articles, and only when :func:`day_gap_plausible` says so.
DATE_TOLERANCE_DAYS = 1
#: Points needed across articles when one of the two reports names no place: the place
#: test is then skipped, so the evidence must make up for it.
PLACELESS_EVIDENCE = MIN_EVIDENCE + 1

#: Words of a date's text that put the event near midnight, where outlets in other time
#: zones, or counting the night from its start or its end, date it a day apart.
_NEAR_MIDNIGHT = re.compile(
    r"\b(?:overnight|(?:to|mid)?night|late|early|dawn|daybreak|small\s+hours)\b", re.I
)

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


def reduce_places(info: ReportInfo, parents: dict[str, set[str]]) -> None:
    """Keep only the most specific places of a report for comparison.

    A report "in al-Qaim, Iraq" is at al-Qaim: the country it also names (or that was
    added as implied) must not make it compatible with every other event in Iraq.

    Args:
        info: the report; its ``places`` are narrowed in place.
        parents: place IRI -> IRIs of all its ancestors.
    """
    specific = {
        p for p in info.places if not any(p != q and p in parents.get(q, ()) for q in info.places)
    }
    if specific:
        info.places = frozenset(specific)
        info.specific_places = frozenset(info.specific_places & specific)


def _types_compatible(a: ReportInfo, b: ReportInfo) -> bool:
    if a.top == b.top:
        # An accusation and the denial that answers it are two statements, two events;
        # a bare "statement" may be either.
        return a.top != "statement" or a.type == b.type or "statement" in (a.type, b.type)
    pair = {a.top, b.top}
    if "killing" in pair and pair <= _ACT_TOPS | {"killing"}:
        return True
    # A bare "attack" (no weapon named) may be any act of violence.
    return "attack" in (a.type, b.type) and pair <= _ACT_TOPS | {"killing"}


def _dated(r: ReportInfo) -> bool:
    lo, hi = r.interval()
    return lo is not None or (hi is not None and r.basis != "unknown")


def _day_gap(a: ReportInfo, b: ReportInfo) -> int:
    """Days by which two dated intervals miss each other (0 or less: they meet).

    An open interval on one side always meets the other; an undated report has no gap
    (whether it may join is decided by :func:`_dates_compatible`).
    """
    a0, a1 = a.interval()
    b0, b1 = b.interval()
    lows = [d for d in (a0, b0) if d is not None]
    highs = [d for d in (a1 or a0, b1 or b0) if d is not None]
    if not _dated(a) or not _dated(b) or not lows or not highs:
        return 0
    return (max(lows) - min(highs)).days


def _dates_compatible(a: ReportInfo, b: ReportInfo) -> bool:
    """Rule 3, the tolerance for a gap across articles aside (see :func:`same_incident`)."""
    a_known, b_known = _dated(a), _dated(b)
    if not a_known and not b_known:
        # Neither report dates the event ("earlier", "previously"): one article only.
        return a.article == b.article
    if a_known != b_known:
        # An event said to have happened earlier is not the one dated now.
        return False
    return _day_gap(a, b) <= (DATE_TOLERANCE_DAYS if a.article != b.article else 0)


def date_uncertain(r: ReportInfo) -> bool:
    """Whether a report's date may be a day off from another outlet's date of the event.

    True when it is coarser than a day, not stated by the text (taken from the
    publication), or near midnight by its own words ("overnight", "late Thursday
    night", "early Friday").
    """
    if r.precision != "day" or r.basis not in ("explicit", "relative"):
        return True
    return bool(r.date_text and _NEAR_MIDNIGHT.search(r.date_text))


def day_gap_plausible(a: ReportInfo, b: ReportInfo) -> bool:
    """Whether two reports of two articles dated a day apart may be one incident.

    Outlets date one event a day apart when it happened near midnight, when one of them
    dates it vaguely, or when a report takes the day of a statement for the day of the
    event. Two reports that each give their own day are otherwise two events: an army
    that strikes in a region on Friday often strikes there again on Saturday. So the
    gap is tolerated when a date is uncertain (:func:`date_uncertain`), or when the
    reports share a curated agent at the same specific place and either that place is
    a town or they share a curated target too: the perpetrator alone, or the
    perpetrator in a province, does not identify one incident.
    """
    if date_uncertain(a) or date_uncertain(b):
        return True
    if not strong_actors(a.agents) & strong_actors(b.agents):
        return False
    if a.type != b.type and a.type != a.top and b.type != b.top:
        # Two kinds of act ("stormed the town", "a bomb went off there") on two days:
        # what a perpetrator does in one place day after day, not one act dated twice.
        return False
    shared = shared_places(a, b)
    if not shared:
        return False
    if _any_town(shared, a, b):
        return True
    return bool(strong_actors(a.targets) & strong_actors(b.targets))


def _any_town(places: frozenset[str], a: ReportInfo, b: ReportInfo) -> bool:
    """Whether one of `places` is a town, as either report's labels tell its level."""
    for p in places:
        key = "level:" + p
        if a.labels.get(key, b.labels.get(key)) == "city":
            return True
    return False


@lru_cache(maxsize=65536)
def strong_actors(actors: frozenset[str]) -> frozenset[str]:
    """Actors that identify an incident: curated ones, not civilians or minted names."""
    return frozenset(
        a
        for a in actors
        if not a.rsplit("/", 1)[-1].startswith(("x-", "person-", "civilians", "unidentified"))
    )


def _places_compatible(a: ReportInfo, b: ReportInfo) -> bool:
    if not a.places or not b.places:
        if a.article == b.article:
            return True
        shared = (strong_actors(a.agents) & strong_actors(b.agents)) or (
            strong_actors(a.targets) & strong_actors(b.targets)
        )
        return bool(shared) and a.precision == "day" and b.precision == "day"
    # Same or contained: a place of one lies in the other's chain.
    if a.places & b.place_chain or b.places & a.place_chain:
        return True
    # A border meets the towns near it ("on the Iraq-Syria border", "near al-Qaim").
    if border_meets(a, b):
        return True
    # A sea meets the places of its shore countries ("in the Red Sea", "off Hodeidah").
    return sea_only_meet(a, b)


def sea_only_meet(a: ReportInfo, b: ReportInfo) -> bool:
    """Whether a sea of one report meets a place of a shore country of the other."""
    return _sea_meets(a.places, b.place_chain) or _sea_meets(b.places, a.place_chain)


def _sea_only(a: ReportInfo, b: ReportInfo) -> bool:
    """Whether two reports' places meet only as a sea and a place of a shore country.

    Such a place says no more than the country does ("on Lake Chad" meets every town of
    four countries), so :func:`same_incident` then asks as much evidence as of a report
    without places. Cheap for two reports on land: :func:`sea_shores` is cached.
    """
    if not (sea_shores(a.places) or sea_shores(b.places)):
        return False
    if a.places & b.place_chain or b.places & a.place_chain:
        return False
    return sea_only_meet(a, b)


_BORDER_IRI = "/place/border/"
_TOWN_IRI = "/place/geonames/"


def has_border(places: frozenset[str]) -> bool:
    """Whether one of `places` (IRIs) is a border area ("the Iraq-Syria border")."""
    return any(_BORDER_IRI in p for p in places)


@lru_cache(maxsize=65536)
def borders_near(places: frozenset[str]) -> frozenset[str]:
    """IRIs of the border places that a town among `places` lies near.

    A town of country X is near the X-Y border when a town of Y lies within
    :data:`kb.gazetteer.core.BORDER_NEAR_KM` of it in the gazetteer's town table, and
    then near X's border whose other side is not named ("the border", ``border:X``)
    too (:meth:`kb.gazetteer.core.Gazetteer.borders_near`). News names one incident by
    the border area and by the border town nearest it ("on the Iraq-Syria border",
    "near al-Qaim"); the stored containment (``geo:sfWithin``) puts the town in its
    province and the border in both countries, so it does not relate them. Only the
    linker reads this relation: it is not containment (a town is not "within" a border).
    """
    if not any(_TOWN_IRI in p for p in places):
        return frozenset()
    from kb.gazetteer.core import Gazetteer
    from kb.namespaces import place_id_from_iri, place_ref

    gaz = Gazetteer.default()
    return frozenset(
        place_ref(border)
        for p in places
        if _TOWN_IRI in p
        for border in gaz.borders_near(place_id_from_iri(p))
    )


@lru_cache(maxsize=65536)
def towns_near(border: str) -> tuple[str, ...]:
    """IRIs of the towns near a border place (IRI): the inverse of :func:`borders_near`."""
    from kb.gazetteer.core import Gazetteer
    from kb.namespaces import place_id_from_iri, place_ref

    towns = Gazetteer.default().towns_near_border(place_id_from_iri(border))
    return tuple(place_ref(t) for t in towns)


def border_partners(places: frozenset[str]) -> frozenset[str]:
    """Places whose reports :func:`border_meets` a report at `places` (IRIs).

    The borders its towns lie near, and the towns near the borders it names. The store
    relates neither (a town is not within a border), so whoever looks up stored reports
    by place (the ingest's index, the import's candidates) asks for these too.
    """
    out = borders_near(places)
    if has_border(places):
        out = out | frozenset(t for b in border_places(places) for t in towns_near(b))
    return out


def border_meets(a: ReportInfo, b: ReportInfo) -> frozenset[str]:
    """The border places of one report that a town of the other lies near (IRIs).

    Cheap when neither report is placed at a border (every pair of a dataset's rows):
    the towns' borders are looked up only for a report facing a border place.
    """
    out: frozenset[str] = frozenset()
    if has_border(a.places):
        out = border_places(a.places) & borders_near(b.places)
    if has_border(b.places):
        out = out | (border_places(b.places) & borders_near(a.places))
    return out


@lru_cache(maxsize=65536)
def border_places(places: frozenset[str]) -> frozenset[str]:
    """The border places among `places` that meet the towns near them (IRIs).

    A border of one country ("the border", ``border:IQ``) is near every border town of
    that country, so it counts only when the report names no border of that country
    with a neighbour: "patrols on the border ... the Iraq-Syria border" means that
    border, not the one with Turkey.
    """
    codes = {p: p.rsplit("/", 1)[-1].split("-") for p in places if _BORDER_IRI in p}
    sides = {cc for pair in codes.values() if len(pair) == 2 for cc in pair}
    return frozenset(p for p, pair in codes.items() if len(pair) == 2 or pair[0] not in sides)


def shared_places(a: ReportInfo, b: ReportInfo) -> frozenset[str]:
    """The specific places (below country level) two reports share, for the evidence.

    Equal or contained places (both reports' chains hold the place), and a border one
    report names that a town of the other lies near (:func:`border_meets`): a border
    area is a specific place like a province, and the town lies in it as far as news
    tells them apart. It is not a town, so it earns no town bonus.
    """
    shared = a.specific_places & b.specific_places
    meets = border_meets(a, b)
    return shared | meets if meets else shared


@lru_cache(maxsize=65536)
def shore_seas(chain: frozenset[str]) -> frozenset[str]:
    """IRIs of the seas with a shore country in `chain` (place IRIs).

    The inverse of :func:`sea_shores`, for whoever looks up stored reports by place: no
    chain holds a sea, so the store's containment does not find a sea report for a town
    on its shore (:class:`kb.link.incidents.CandidateIndex`).
    """
    seas = _seas_of_country()
    return frozenset(s for p in chain for s in seas.get(p, ()))


@lru_cache(maxsize=1)
def _seas_of_country() -> dict[str, tuple[str, ...]]:
    from kb.gazetteer.seas import SEAS
    from kb.namespaces import place_ref

    out: dict[str, list[str]] = {}
    for sea in SEAS:
        for c in sea_shores(frozenset({place_ref(sea.id)})):
            out.setdefault(c, []).append(place_ref(sea.id))
    return {c: tuple(seas) for c, seas in out.items()}


def _sea_meets(places: frozenset[str], chain: frozenset[str]) -> bool:
    """Whether `places` (IRIs) are only seas, one with a shore country in `chain`.

    A report placed on land as well ("Port Sudan, on the Red Sea") is compared by its
    land places: the sea must not join it to any other place of the shore countries.
    """
    return not chain.isdisjoint(sea_shores(places))


@lru_cache(maxsize=65536)
def sea_shores(places: frozenset[str]) -> frozenset[str]:
    """IRIs of the shore countries of `places` (IRIs) when they are only seas, else none.

    A report placed on land as well is compared by its land places (see
    :func:`_sea_meets`), so its seas meet nothing.
    """
    if not places or not all(_SEA_IRI in p for p in places):
        return frozenset()
    from kb.gazetteer.seas import shore_country_ids
    from kb.namespaces import place_ref

    return frozenset(
        place_ref(c) for p in places for c in shore_country_ids(f"sea:{p.rsplit('/', 1)[-1]}")
    )


_SEA_IRI = "/place/sea/"


def evidence(a: ReportInfo, b: ReportInfo) -> int:
    """Points of evidence that two reports are one incident (see module doc)."""
    points = 0
    if strong_actors(a.agents) & strong_actors(b.agents):
        points += 2
    if strong_actors(a.targets) & strong_actors(b.targets):
        points += 2
    elif (a.targets & b.targets) or (a.affiliations & b.affiliations):
        points += 1
    same_day = (
        a.precision == "day"
        and b.precision == "day"
        and a.earliest is not None
        and a.earliest == b.earliest
    )
    if same_day:
        points += 1
    shared = shared_places(a, b)
    if shared:
        points += 1
        dated = a.basis in ("explicit", "relative") and b.basis in ("explicit", "relative")
        if same_day and dated and _any_town(shared, a, b):
            # The same town on the same day is stronger evidence than the same province.
            # Only on the same day: a town's strikes of a month, or of two days, are many
            # (and kb.importers.linking.link_keys reaches this pair by (place, day)).
            points += 1
    if a.type == b.type and specific_type(a.type, a.top):
        points += 1
    if a.article == b.article:
        points += 3
    return points


#: Top concepts with nothing narrower: as specific as a type gets, so two reports of one
#: are of the same specific type ("other" says nothing of the kind of act).
LEAF_TOPS = frozenset({"arrest"})


def specific_type(type_: str, top: str) -> str | None:
    """The type when it says what kind of act (not a top concept with narrower ones)."""
    return type_ if type_ != top or type_ in LEAF_TOPS else None


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
    across = a.article != b.article
    if across and _day_gap(a, b) > 0 and not day_gap_plausible(a, b):
        return False
    sa, sb = strong_actors(a.agents), strong_actors(b.agents)
    if sa and sb and not (sa & sb):
        return False
    ta, tb = strong_actors(a.targets), strong_actors(b.targets)
    if (
        a.article == b.article
        and a.top == b.top
        and ta
        and tb
        and not (ta & tb)
        and not (a.affiliations & b.affiliations)
    ):
        # One article naming two different targets tells two incidents.
        return False
    # A sea met only through its shore countries places no better than no place.
    placeless = across and (not (a.places and b.places) or _sea_only(a, b))
    if placeless and targets_differ(a, b):
        # Without a place, whom it hit is what tells one force's operations of a day
        # apart: its shelling of a town's houses is not its shelling of the front line.
        return False
    needed = PLACELESS_EVIDENCE if placeless else MIN_EVIDENCE
    return evidence(a, b) >= needed


def targets_differ(a: ReportInfo, b: ReportInfo) -> bool:
    """Whether the targets two reports name tell them apart.

    Curated targets on both sides, disjoint and of no common affiliation; or civilians
    only on one side and only a named force or group on the other. Minted names ("a
    school", "a commander") tell nothing: two outlets name one target two ways.
    """
    ta, tb = strong_actors(a.targets), strong_actors(b.targets)
    if ta and tb and not (ta & tb) and not (a.affiliations & b.affiliations):
        return True
    if _civilian_only(a.targets, ta) and tb and not _hits_civilians(b.targets):
        return True
    return bool(_civilian_only(b.targets, tb) and ta and not _hits_civilians(a.targets))


def family(top: str) -> str:
    """The type family of a top concept: reports of different families never match.

    Strikes, attacks, clashes and killings form one family ("violence"), every other top
    concept is a family of its own (see :func:`_types_compatible`).
    """
    return "violence" if top in _VIOLENCE else top


_VIOLENCE = _ACT_TOPS | {"killing"}


def coarse_dated(r: ReportInfo) -> bool:
    """Whether a report dates its event by its text, only coarser than a day, and is placed.

    "In March", "last month", "earlier this week", "last year": what a later article says
    of an incident it refers back to. A date taken from the publication is not one (it
    is the news of the day). The place must narrow what the date leaves open, since
    being the only compatible incident means something only where the store is likely
    to hold every incident: a place below country level for a month ("clashes in Iraq
    in March" are many, most of them never reported to the store), a town for a year
    ("fighting in Idlib this year" sums up a war, it does not name one incident).
    """
    if r.basis not in ("explicit", "relative") or r.earliest is None or r.latest is None:
        return False
    if r.precision == "month":
        return bool(r.specific_places)
    if r.precision == "year":
        return any(r.labels.get("level:" + p) == "city" for p in r.specific_places)
    return False


def day_dated(r: ReportInfo) -> bool:
    """Whether a report gives its incident a day and a place: what a back-reference joins."""
    return r.precision == "day" and r.earliest is not None and bool(r.places)


def backref_compatible(c: ReportInfo, d: ReportInfo) -> bool:
    """Whether a coarsely dated report `c` may refer back to the day-dated report `d`.

    Rules 1, 2 and 4 of :func:`same_incident` (with places on both sides), the day of
    `d` inside the interval of `c` and not after the publication of `c`, and nothing
    that tells them apart: named agents both given and disjoint, or named targets both
    given, disjoint and of no common affiliation, or civilians on one side and only a
    named force or group on the other (a reference that names who was hit is precise
    enough to rule out a strike on someone else). No evidence is asked for:
    whether `c` joins is decided by uniqueness among the candidates (:func:`join`).
    Statements are left out: one place has many a month, told apart by who said what,
    which the rule does not compare.
    """
    if c.article == d.article or c.negated != d.negated or c.top == "statement":
        return False
    day = d.earliest
    if day is None or c.earliest is None or c.latest is None:
        return False
    if not (c.earliest <= day <= c.latest) or (c.published is not None and day > c.published):
        return False
    if not _types_compatible(c, d) or not c.places or not d.places:
        return False
    if not _places_compatible(c, d):
        return False
    sc, sd = strong_actors(c.agents), strong_actors(d.agents)
    if sc and sd and not (sc & sd):
        return False
    return not targets_differ(c, d)


def _hits_civilians(targets: frozenset[str]) -> bool:
    return any(t.rsplit("/", 1)[-1].startswith("civilians") for t in targets)


def _civilian_only(targets: frozenset[str], strong: frozenset[str]) -> bool:
    return not strong and _hits_civilians(targets)


def candidate_pairs(reports: Sequence[ReportInfo]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that :func:`same_incident` could accept.

    Every pair the rule accepts is among them (so components over these pairs are the
    components over all pairs), but most pairs that cannot match are never formed:
    reports are blocked by type family (rule 2), then by place (rule 4: a place of one
    lies in the place chain of the other, or a sea and a shore country's place), by
    article, and, where one of the two has no places, by a shared curated agent or
    target between reports dated to the day.
    """
    pairs: set[tuple[int, int]] = set()
    by_family: dict[str, list[int]] = {}
    for i, r in enumerate(reports):
        by_family.setdefault(family(r.top), []).append(i)
    # Rule 3 too, on dates read once a report: in a place with many stored reports most
    # pairs the places allow are months apart (same_incident would refuse them one by one).
    dates = [_date_key(r) for r in reports]
    for members in by_family.values():
        if len(members) < 2:
            continue
        by_chain: dict[str, list[int]] = {}
        by_article: dict[str, list[int]] = {}
        by_agent: dict[str, list[int]] = {}
        by_target: dict[str, list[int]] = {}
        # A border meets the towns near it (rule 4): they are found under the border too,
        # looked up only when a report of the family is placed at a border.
        borders = any(has_border(reports[i].places) for i in members)
        for i in members:
            r = reports[i]
            for p in r.place_chain:
                by_chain.setdefault(p, []).append(i)
            if borders:
                for p in borders_near(r.places):
                    by_chain.setdefault(p, []).append(i)
            by_article.setdefault(r.article, []).append(i)
            if r.precision == "day":
                for a in strong_actors(r.agents):
                    by_agent.setdefault(a, []).append(i)
                for a in strong_actors(r.targets):
                    by_target.setdefault(a, []).append(i)
        for i in members:
            r = reports[i]
            partners: set[int] = set(by_article[r.article])
            if r.places:
                # A place of `r` in the other's chain; the other direction is found when
                # the partner's own places are looked up.
                for p in r.places:
                    partners.update(by_chain.get(p, ()))
                # A sea meets the places of its shore countries (rule 4): the reports in
                # their chains (a sea lies in no country, so no chain holds it).
                for c in sea_shores(r.places):
                    partners.update(by_chain.get(c, ()))
            elif r.precision == "day":
                # No places: only a shared curated agent or target, both dated to the day.
                for a in strong_actors(r.agents):
                    partners.update(by_agent.get(a, ()))
                for a in strong_actors(r.targets):
                    partners.update(by_target.get(a, ()))
            di = dates[i]
            for j in partners:
                if j != i and _may_meet(di, dates[j], r.article == reports[j].article):
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def _date_key(r: ReportInfo) -> tuple[bool, int | None, int | None]:
    """(dated, lowest day, highest day) of a report, as :func:`_day_gap` reads them."""
    lo, hi = r.interval()
    dated = lo is not None or (hi is not None and r.basis != "unknown")
    top = hi or lo
    return dated, (lo.toordinal() if lo else None), (top.toordinal() if top else None)


def _may_meet(a: tuple[bool, int | None, int | None], b: tuple, same_article: bool) -> bool:
    """:func:`_dates_compatible` on two :func:`_date_key` (equal by construction)."""
    if not a[0] or not b[0]:
        return same_article if a[0] == b[0] else False
    lo = b[1] if a[1] is None else (a[1] if b[1] is None else max(a[1], b[1]))
    hi = b[2] if a[2] is None else (a[2] if b[2] is None else min(a[2], b[2]))
    if lo is None or hi is None:
        return True
    return lo - hi <= (0 if same_article else DATE_TOLERANCE_DAYS)


def components(reports: list[ReportInfo]) -> list[list[ReportInfo]]:
    """Group reports into incidents: connected components of :func:`same_incident`.

    Components are returned sorted by their smallest report IRI, each sorted by IRI,
    so the outcome is independent of input order. Only the pairs of
    :func:`candidate_pairs` are compared. Two reports of one article are never joined,
    and back-references join the one incident they can mean (see :func:`join`).
    """
    ordered = sorted(reports, key=lambda r: r.iri)
    matching = [
        (i, j) for i, j in candidate_pairs(ordered) if same_incident(ordered[i], ordered[j])
    ]
    return join(ordered, matching)


def _extracted_from(r: ReportInfo) -> set[str]:
    """The article kb extracted this report from (none for a dataset's row).

    Rows of GDELT or ACLED have no extraction that kept them apart: two rows coding one
    event from one source are one incident like any other pair.
    """
    iri = r.iri
    if not r.article or not iri.startswith(_REPORTS) or iri.startswith(_DATASET_REPORTS):
        return set()
    return {r.article}


_REPORTS = KBID_NS + "report/"  # kb.namespaces.report_iri
#: Rows of the datasets are reports ``kbid:report/<dataset>/<id>`` (kb.importers).
_DATASET_REPORTS = tuple(_REPORTS + d + "/" for d in ("gdelt", "acled"))


def join(
    ordered: Sequence[ReportInfo],
    matching: Iterable[tuple[int, int]],
    forced: Iterable[tuple[int, int]] = (),
    *,
    backrefs: bool = True,
) -> list[list[ReportInfo]]:
    """Incidents from the pairs of reports that :func:`same_incident` accepts.

    Two events one article tells apart (the extractor merges those it reads as one,
    :func:`kb.extract.pipeline.merge_same_events`) are never one incident, not even
    through a report of another article (rows of a dataset are not held apart so). So the order of joining matters: the pairs
    with the most :func:`evidence` join first ("a drone hit a car near Bint Jbeil,
    killing the commander" joins the commander's killing before the photo caption of a
    strike there does), and a pair that would bring two reports of one article together
    is skipped. Then each group of coarsely dated reports joins the one day-dated group
    it can mean, if there is one (back-references, see the module doc): a decision over
    all the groups, so it is taken here, where :func:`components`, the ingest
    (:func:`kb.link.incidents.relink`) and the import (:func:`kb.importers.linking.group`)
    all form incidents.

    Args:
        ordered: the reports, sorted by IRI; pairs are indices into it.
        matching: index pairs the rule accepts (each once or more).
        forced: index pairs joined whatever the rule says, last (a GDELT mention row and
            the event it names).
        backrefs: False to leave out the back-references (see the module doc): the
            groups the rule's pairs make, as :func:`backref_members` needs them.

    Returns:
        Groups sorted by their smallest report IRI, each sorted by IRI.
    """
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    articles: dict[int, set[str]] = {i: _extracted_from(r) for i, r in enumerate(ordered)}
    pairs = {(i, j) if i < j else (j, i) for i, j in matching}
    for _, i, j in sorted((-evidence(ordered[i], ordered[j]), i, j) for i, j in pairs):
        ri, rj = find(i), find(j)
        if ri == rj or articles[ri] & articles[rj]:
            continue
        parent[rj] = ri
        articles[ri] |= articles.pop(rj)
    for ri, rj in _backrefs(ordered, find, articles) if backrefs else ():
        parent[rj] = ri
        articles[ri] |= articles.pop(rj)
    for i, j in forced:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[ReportInfo]] = {}
    for i, r in enumerate(ordered):
        groups.setdefault(find(i), []).append(r)
    return sorted(groups.values(), key=lambda g: g[0].iri)


def _backrefs(
    ordered: Sequence[ReportInfo], find: Callable[[int], int], articles: dict[int, set[str]]
) -> list[tuple[int, int]]:
    """Back-references to join: (root of a day-dated group, root of a coarse group).

    See the module doc. Every decision is taken on the groups :func:`join` formed from
    the rule's pairs, before any is applied, so none depends on another or on the order
    of the reports. Cheap when no group is coarse only (a dataset's rows are dated to
    the day): one pass over the reports.
    """
    groups: dict[int, list[int]] = {}
    for i in range(len(ordered)):
        groups.setdefault(find(i), []).append(i)
    loose = sorted(
        root for root, members in groups.items() if all(coarse_dated(ordered[i]) for i in members)
    )
    if not loose:
        return []
    # Day-dated reports by their places and by their place chains (rule 4 either way).
    at: dict[str, list[int]] = {}
    inside: dict[str, list[int]] = {}
    dated = [i for i, r in enumerate(ordered) if day_dated(r)]
    if not dated:
        return []
    sea: list[int] = []
    # A border meets the towns near it (rule 4), either way round: a coarse report at a
    # border may mean a day-dated one near it, and one near a border a day-dated border.
    borders = any(has_border(ordered[i].places) for i in dated) or any(
        has_border(ordered[i].places) for root in loose for i in groups[root]
    )
    for i in dated:
        r = ordered[i]
        for p in r.places:
            at.setdefault(p, []).append(i)
        for p in r.place_chain:
            inside.setdefault(p, []).append(i)
        if borders:
            for p in borders_near(r.places):
                inside.setdefault(p, []).append(i)
        if any(_SEA_IRI in p for p in r.places):
            sea.append(i)
    named: dict[int, frozenset[str]] = {}

    def targets_of(root: int) -> frozenset[str]:
        if root not in named:
            named[root] = frozenset(
                a for i in groups[root] for a in strong_actors(ordered[i].targets)
            )
        return named[root]

    choice: dict[int, int] = {}
    for root in loose:
        fitting: set[int] | None = None
        for i in groups[root]:
            c = ordered[i]
            if any(_SEA_IRI in p for p in c.places):
                near: set[int] = set(dated)  # a sea meets its shore countries' places
            else:
                near = set(sea)
                for p in c.places:
                    near.update(inside.get(p, ()))
                for p in c.place_chain:
                    near.update(at.get(p, ()))
                if borders:
                    for p in borders_near(c.places):
                        near.update(at.get(p, ()))
            found = {find(j) for j in near if backref_compatible(c, ordered[j])}
            fitting = found if fitting is None else fitting & found
            if not fitting:
                break
        if not fitting:
            continue
        fitting = {d for d in fitting if not articles[d] & articles[root]}
        if len(fitting) > 1:
            # Several incidents it could mean: the one whose named target it names, if
            # only one (a person is killed once; a perpetrator strikes again and again).
            mine = targets_of(root)
            fitting = {d for d in fitting if mine & targets_of(d)} if mine else set()
        if len(fitting) == 1:
            choice[root] = fitting.pop()
    # A day-dated group that two coarse groups of one article would join: the article
    # tells two events, so neither is known to be this one.
    by_target: dict[int, list[int]] = {}
    for root, d in choice.items():
        by_target.setdefault(d, []).append(root)
    out: list[tuple[int, int]] = []
    for d, roots in sorted(by_target.items()):
        seen: set[str] = set()
        clash: set[str] = set()
        for root in roots:
            clash |= seen & articles[root]
            seen |= articles[root]
        out.extend((d, root) for root in roots if not articles[root] & clash)
    return out


def backref_members(group: Sequence[ReportInfo]) -> set[str]:
    """IRIs of the reports of an incident that are in it only as back-references.

    They name the incident by its month and place; what else they say of it (who did it,
    where else) was not compared with it, so the incident's consensus leaves it out
    (:func:`kb.link.incidents.incident_triples`). Cheap unless the group holds both a
    coarsely dated report and one dated to the day.
    """
    if not any(coarse_dated(r) for r in group) or not any(day_dated(r) for r in group):
        return set()
    ordered = sorted(group, key=lambda r: r.iri)
    matching = [
        (i, j) for i, j in candidate_pairs(ordered) if same_incident(ordered[i], ordered[j])
    ]
    parts = join(ordered, matching, backrefs=False)
    if len(parts) == 1:
        return set()
    return {r.iri for part in parts if all(coarse_dated(r) for r in part) for r in part}
