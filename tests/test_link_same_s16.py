"""Same-incident rule: targets of reports without places, two kinds of act a day apart, seas.

- Across articles targets are evidence only, except when one report names no place
  (or only a sea): then whom it hit is what tells one force's operations of a day
  apart (kb.link.same.targets_differ).
- A day's gap tolerated for a named agent at the same town is not tolerated when the
  two reports name two different kinds of act (an assault, then a bombing).
- A sea meets the places of its shore countries; such a meeting says no more than the
  country, so it needs the evidence of a report without places, and the candidate
  lookups (in memory and in the store) find the pair either way round.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from support import GivenEvents, incident_groups

from kb.gazetteer import Gazetteer
from kb.ingest import ingest_articles
from kb.link.same import (
    PLACELESS_EVIDENCE,
    ReportInfo,
    candidate_pairs,
    components,
    day_gap_plausible,
    evidence,
    same_incident,
    sea_shores,
    shore_seas,
    specific_type,
    targets_differ,
)
from kb.model import ActorRef, Article, Event, Mention, Place, TimeSpan
from kb.namespaces import place_ref
from kb.store import open_store

ACTOR = "https://w3id.org/kb/id/actor/"
ARMY = ACTOR + "russian-armed-forces"
OTHER_ARMY = ACTOR + "ukrainian-armed-forces"
GROUP = ACTOR + "jnim"
CIVILIANS = ACTOR + "civilians"
MINTED = ACTOR + "x-apartment-block"
COUNTRY = place_ref("geonames:690791")  # Ukraine
REGION = place_ref("iso3166-2:UA-63")  # Kharkiv oblast
TOWN = place_ref("geonames:706483")  # Kharkiv
MON = dt.date(2025, 3, 3)
TUE = dt.date(2025, 3, 4)

TOPS = {
    "shelling": "attack",
    "armed_assault": "attack",
    "bombing": "attack",
    "attack": "attack",
    "drone_strike": "air_or_drone_strike",
    "arrest": "arrest",
    "protest": "protest",
}


def _report(
    iri: str,
    day: dt.date = MON,
    *,
    place: str | None = TOWN,
    agents: frozenset[str] = frozenset({ARMY}),
    targets: frozenset[str] = frozenset({CIVILIANS}),
    affiliations: frozenset[str] = frozenset(),
    type_: str = "shelling",
    text: str = "on Monday",
) -> ReportInfo:
    """One report of its own article, dated to the day by its text."""
    chain = {TOWN: {TOWN, REGION, COUNTRY}, REGION: {REGION, COUNTRY}, COUNTRY: {COUNTRY}}
    levels = {TOWN: "city", REGION: "region", COUNTRY: "country"}
    places = frozenset({place}) if place else frozenset()
    return ReportInfo(
        iri=iri,
        article="art-" + iri,
        type=type_,
        top=TOPS[type_],
        earliest=day,
        latest=day,
        precision="day",
        basis="relative",
        date_text=text,
        published=day + dt.timedelta(days=1),
        agents=agents,
        targets=targets,
        affiliations=affiliations,
        places=places,
        place_chain=frozenset(chain[place]) if place else frozenset(),
        specific_places=frozenset(p for p in places if p != COUNTRY),
        labels={"level:" + p: levels[p] for p in places},
    )


def _same(a: ReportInfo, b: ReportInfo) -> bool:
    """The rule both ways round (it must be symmetric)."""
    one, two = same_incident(a, b), same_incident(b, a)
    assert one == two, (a.iri, b.iri)
    return one


# --- a top concept with nothing narrower is a specific type ----------------------------


def test_two_arrests_at_one_town_on_one_day_are_one_operation() -> None:
    police = ACTOR + "x-police"  # minted: no evidence as an agent
    suspects = ACTOR + "x-suspects"
    a = _report("a", type_="arrest", agents=frozenset({police}), targets=frozenset({suspects}))
    b = _report("b", type_="arrest", agents=frozenset({police}), targets=frozenset({suspects}))
    # shared (uncurated) target 1, town 1, day 1 (+1 both dated at a town), arrest 1
    assert specific_type("arrest", "arrest") == "arrest"
    assert _same(a, b)
    # "attack" is a top concept with narrower ones: it says no kind of act
    assert specific_type("attack", "attack") is None
    # Two arrests a day apart stay two operations.
    assert not _same(a, _report("c", TUE, type_="arrest", agents=frozenset({police})))


# --- targets of a report without places ---------------------------------------------


def test_without_a_place_civilians_and_a_named_force_are_two_shellings() -> None:
    town = _report("town", targets=frozenset({CIVILIANS}))
    front = _report("front", place=None, targets=frozenset({OTHER_ARMY}))
    # Agent, day and specific type agree: enough points for a report without places ...
    assert evidence(town, front) >= PLACELESS_EVIDENCE
    # ... but one hit a town's people, the other troops: two of the army's shellings.
    assert targets_differ(town, front)
    assert not _same(town, front)


def test_without_a_place_the_same_victims_or_a_vague_target_still_join() -> None:
    town = _report("town", targets=frozenset({CIVILIANS}))
    assert _same(town, _report("c", place=None, targets=frozenset({CIVILIANS})))
    # Civilians and a named force both on one side: nothing tells them apart.
    both = _report("both", place=None, targets=frozenset({CIVILIANS, OTHER_ARMY}))
    assert not targets_differ(town, both)
    assert _same(town, both)
    # A minted target ("an apartment block") or none names nothing to compare.
    assert _same(town, _report("m", place=None, targets=frozenset({MINTED})))
    assert _same(town, _report("n", place=None, targets=frozenset()))


def test_without_a_place_two_named_targets_of_one_side_are_not_told_apart() -> None:
    unit = ACTOR + "ukrainian-national-guard"
    a = _report("a", targets=frozenset({OTHER_ARMY}), affiliations=frozenset({"country:UA"}))
    b = _report("b", place=None, targets=frozenset({unit}), affiliations=frozenset({"country:UA"}))
    assert not targets_differ(a, b)
    assert _same(a, b)
    c = dataclasses.replace(b, iri="c", article="art-c", affiliations=frozenset())
    assert targets_differ(a, c)
    assert not _same(a, c)


def test_with_places_on_both_sides_targets_stay_evidence_only() -> None:
    # Extraction finds targets less reliably than agents: at one town on one day the
    # same army's shelling is one incident whoever each outlet says was hit.
    town = _report("town", targets=frozenset({CIVILIANS}))
    again = _report("again", targets=frozenset({OTHER_ARMY}))
    assert targets_differ(town, again)
    assert _same(town, again)


# --- two kinds of act a day apart ----------------------------------------------------


def _jnim(iri: str, day: dt.date, type_: str, text: str) -> ReportInfo:
    return _report(iri, day, agents=frozenset({GROUP}), targets=frozenset(), type_=type_, text=text)


def test_an_assault_and_a_bombing_on_the_next_day_are_two_incidents() -> None:
    assault = _jnim("assault", MON, "armed_assault", "on Monday")
    bombing = _jnim("bombing", TUE, "bombing", "on Tuesday")
    assert not day_gap_plausible(assault, bombing)
    assert not _same(assault, bombing)


def test_one_kind_of_act_or_a_generic_attack_a_day_apart_may_be_one() -> None:
    # The named group at the same town: one act dated a day apart by two outlets.
    assault = _jnim("assault", MON, "armed_assault", "on Monday")
    assert _same(assault, _jnim("again", TUE, "armed_assault", "on Tuesday"))
    # A bare "attack" names no kind of act that could differ.
    assert _same(assault, _jnim("attack", TUE, "attack", "on Tuesday"))
    # Near midnight the dates are uncertain: the kinds of act do not decide the gap.
    night = _jnim("night", TUE, "bombing", "overnight")
    assert day_gap_plausible(assault, night)


def test_two_kinds_of_act_on_the_same_day_are_unaffected() -> None:
    assault = _jnim("assault", MON, "armed_assault", "on Monday")
    assert _same(assault, _jnim("bombing", MON, "bombing", "on Monday"))


# --- seas ------------------------------------------------------------------------------

GAZ = Gazetteer.default()
LAKE = place_ref("sea:lake-chad")
CHAD = place_ref("geonames:2434508")
LAC = place_ref("iso3166-2:TD-LC")
BOL = place_ref("geonames:2434979")
BOKO = ACTOR + "boko-haram"


def _at(iri: str, places: set[str], chain: set[str], type_: str = "armed_assault") -> ReportInfo:
    return dataclasses.replace(
        _report(iri, agents=frozenset({BOKO}), targets=frozenset(), type_=type_),
        places=frozenset(places),
        place_chain=frozenset(chain),
        specific_places=frozenset(places - {CHAD}),
        labels={},
    )


def test_seas_and_shore_countries_are_inverse_lookups() -> None:
    assert CHAD in sea_shores(frozenset({LAKE}))
    assert LAKE in shore_seas(frozenset({BOL, LAC, CHAD}))
    # A report on land as well is compared by its land places: its sea meets nothing.
    assert sea_shores(frozenset({LAKE, BOL})) == frozenset()
    assert place_ref("sea:black-sea") in shore_seas(frozenset({TOWN, REGION, COUNTRY}))
    assert shore_seas(frozenset({place_ref("geonames:2453866")})) == frozenset()  # Mali


def test_a_lake_report_needs_more_than_a_shared_agent_and_day() -> None:
    lake = _at("lake", {LAKE}, {LAKE})
    bol = _at("bol", {BOL}, {BOL, LAC, CHAD})
    # Agent, day and the specific type: as much as a report without places needs.
    assert _same(lake, bol)
    # A generic "attack" earns no type point: agent and day only, too little for a
    # place that says no more than "somewhere in Chad, Niger, Nigeria or Cameroon".
    vague = _at("vague", {BOL}, {BOL, LAC, CHAD}, type_="attack")
    assert evidence(lake, vague) == PLACELESS_EVIDENCE - 1
    assert not _same(lake, vague)


def test_candidate_pairs_find_a_sea_and_a_shore_town() -> None:
    reports = [_at("a-lake", {LAKE}, {LAKE}), _at("b-bol", {BOL}, {BOL, LAC, CHAD})]
    assert candidate_pairs(reports) == {(0, 1)}
    assert [[r.iri for r in g] for g in components(reports)] == [["a-lake", "b-bol"]]


# --- the store finds the sea pair either way round -------------------------------------


def _event(name: str, place: Place, type_: str) -> tuple[Article, Event]:
    text = f"Boko Haram fighters attacked soldiers near {place.name} on Monday, officials said."
    art = Article(id=name, text=text, title=name, published=TUE, outlet=name)
    event = Event(
        id=name + "-0",
        article=art,
        type=type_,
        types=[type_, "attack"] if type_ != "attack" else ["attack"],
        trigger="attacked",
        mention=Mention(text, 0, len(text)),
        actors=[ActorRef(id="boko-haram", name="Boko Haram", role="agent")],
        places=[place],
        date=TimeSpan(
            text="on Monday",
            value=MON.isoformat(),
            precision="day",
            earliest=MON,
            latest=MON,
            basis="relative",
        ),  # fmt: skip
    )
    return art, event


@pytest.fixture(scope="module")
def sea_events() -> dict[str, tuple[Article, Event]]:
    lake, bol, kousseri = GAZ.get("sea:lake-chad"), GAZ.lookup("Bol"), GAZ.lookup("Kousseri")
    assert lake and bol and kousseri and bol.country == "TD" and kousseri.country == "CM"
    return {
        "lake": _event("lake", lake, "armed_assault"),
        "bol": _event("bol", bol, "armed_assault"),
        # In Cameroon, on the lake's shore too, but a bare "attack": too little evidence.
        "kousseri": _event("kousseri", kousseri, "attack"),
    }


@pytest.mark.parametrize("order", [("lake", "bol", "kousseri"), ("kousseri", "bol", "lake")])
def test_the_store_joins_a_lake_report_and_a_shore_town_report_run_by_run(
    tmp_path, sea_events, order
) -> None:
    with open_store(str(tmp_path / "store")) as st:
        for name in order:  # one run per article: the candidates come from the store
            art, event = sea_events[name]
            ingest_articles(st, [art], extractor=GivenEvents([event]))
        assert incident_groups(st) == [["bol", "lake"], ["kousseri"]]
