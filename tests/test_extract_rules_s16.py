"""Extraction rules of session 16 (from the error analysis of held-out corpus 12).

Each test uses sentences of its own: tolls of two groups joined by "and" after the verb
("killing three soldiers and a shepherd"), an attack blamed on "members of" a group, a
relative clause naming the claimant ("in an attack that al-Shabaab later claimed"), a
sentence ranking the act just told ("It was the deadliest attack ... this year"), a tally
over a span of days, a bare "agreed." of concurrence, a Spanish "Las" in a dateline, a
maritime "unknown projectile", "the attackers, members of X" naming the doer, and gang
members attacking a neighbourhood.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.eventtypes import top_key
from kb.extract.pipeline import Extractor
from kb.gazetteer import Gazetteer
from kb.model import Article

PUB = dt.date(2026, 6, 10)  # a Wednesday


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str):
    return ex.extract(Article(id="s16", text=text, published=PUB))


def _names(actors) -> set[str]:
    return {a.name for a in actors}


# --- tolls of two groups joined by "and" --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "count"),
    [
        (
            "A roadside bomb hit a pickup near Kidal on Monday, killing three soldiers and a "
            "shepherd.",
            "killed",
            3 + 1,
        ),
        (
            "Shells struck a market in Kharkiv on Tuesday, wounding a man and his three children.",
            "injured",
            1 + 3,
        ),
        (
            "Troops and insurgents fought near Baga on Sunday, killing four soldiers and at "
            "least six insurgents.",
            "killed",
            4 + 6,
        ),
        ("Gunmen killed five policemen and two civilians in Tank on Monday.", "killed", 5 + 2),
        (
            "Three soldiers and a fighter of the Arakan Army were killed in clashes near "
            "Kyaukphyu on Monday.",
            "killed",
            3 + 1,
        ),
    ],
)
def test_two_counted_groups_are_summed(ex: Extractor, text: str, key: str, count: int) -> None:
    events = _events(ex, text)
    assert events
    assert max(ev.quantities.get(key, 0) for ev in events) == count


def test_a_second_verb_is_not_a_second_group(ex: Extractor) -> None:
    events = _events(
        ex, "Gunmen killed four policemen and wounded two passers-by in Tank on Monday."
    )
    assert events[0].quantities.get("killed") == 4
    assert events[0].quantities.get("injured") == 2


def test_a_breakdown_is_not_added(ex: Extractor) -> None:
    events = _events(
        ex, "The blast in Quetta on Monday killed 11 people, including four children and a teacher."
    )
    assert events[0].quantities.get("killed") == 11


# --- who did it: blame, relative claims, the attackers named later ------------------------


def test_blamed_on_members_of_a_group_names_the_doer(ex: Extractor) -> None:
    text = (
        "A motorcycle bomb exploded outside a police post in Bannu on Monday, killing two "
        "officers, in an attack police blamed on members of the banned Tehrik-e-Taliban "
        "Pakistan."
    )
    events = [e for e in _events(ex, text) if top_key(e.type) == "attack"]
    assert events
    assert any("Taliban" in n for n in _names(events[0].agents))
    assert not any("Taliban" in n for n in _names(events[0].targets))


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb killed four soldiers near Afgooye on Monday, in an attack that "
        "al-Shabaab later claimed.",
        "A roadside bomb killed four soldiers near Afgooye on Monday in an ambush al-Shabaab "
        "claimed on its radio station.",
    ],
)
def test_relative_clause_claimant_is_the_doer(ex: Extractor, text: str) -> None:
    acts = [e for e in _events(ex, text) if top_key(e.type) == "attack"]
    assert acts
    assert any("Shabaab" in n for n in _names(acts[0].agents))
    assert not any(a.unidentified for a in acts[0].agents)


def test_nobody_claiming_names_nobody(ex: Extractor) -> None:
    text = "A roadside bomb killed four soldiers near Afgooye on Monday, in an attack that nobody claimed."
    acts = [e for e in _events(ex, text) if top_key(e.type) == "attack"]
    assert acts and all(a.unidentified for a in acts[0].agents)


def test_the_attackers_named_later_are_the_doers(ex: Extractor) -> None:
    text = (
        "Armed men raided the village of Kisunga on Thursday, killing nine farmers. A "
        "local chief said the attackers, members of the CODECO militia, arrived before dawn."
    )
    acts = [e for e in _events(ex, text) if top_key(e.type) in ("attack", "killing")]
    assert acts
    assert any("CODECO" in n or "Cooperative" in n for n in _names(acts[0].agents))
    assert not any(a.unidentified for a in acts[0].agents)


def test_attackers_believed_to_be_a_group_stay_unnamed(ex: Extractor) -> None:
    text = (
        "Armed men raided the village of Kisunga on Thursday, killing nine farmers. The "
        "attackers were believed to be CODECO militiamen, a chief said."
    )
    acts = [e for e in _events(ex, text) if top_key(e.type) in ("attack", "killing")]
    assert acts and all(a.unidentified for a in acts[0].agents)


# --- sentences that are not events ----------------------------------------------------------


@pytest.mark.parametrize(
    "ranking",
    [
        "It was the deadliest single attack on a clinic in the province this year.",
        "It was the first attack on shipping claimed by the group since early March.",
        "This was the third drone strike on the city in a week.",
    ],
)
def test_ranking_the_act_just_told_is_not_another(ex: Extractor, ranking: str) -> None:
    text = "Militants attacked a clinic in Kunar on Monday, killing four nurses. " + ranking
    assert len(_events(ex, text)) == 1


def test_ranking_then_a_colon_tells_another_act(ex: Extractor) -> None:
    text = (
        "It was the second strike in the district this month: an air strike near Jilib on "
        "June 2 killed five al-Shabaab fighters."
    )
    events = _events(ex, text)
    assert any(e.quantities.get("killed") == 5 for e in events)


@pytest.mark.parametrize(
    "tally",
    [
        "At least 38 people were killed and 51 wounded in the city between 2 and 8 June, "
        "the UN office said.",
        "More than 900 people have been killed in the province since January.",
    ],
)
def test_a_tally_over_days_is_not_an_event(ex: Extractor, tally: str) -> None:
    assert _events(ex, tally) == []


def test_a_dated_killing_is_still_an_event(ex: Extractor) -> None:
    assert _events(ex, "Three soldiers were killed in Tank on Monday, the army said.")


@pytest.mark.parametrize(
    "text",
    ["Farmers the reporter met agreed.", 'Elders in the camp agreed, "nobody is safe here."'],
)
def test_a_bare_agreed_is_not_an_accord(ex: Extractor, text: str) -> None:
    assert _events(ex, text) == []


def test_agreed_to_a_ceasefire_is_still_an_accord(ex: Extractor) -> None:
    events = _events(ex, "The two militias agreed to a ceasefire in Tripoli on Monday.")
    assert events and top_key(events[0].type) == "cooperation_or_agreement"


# --- places and types -----------------------------------------------------------------------


def test_spanish_las_is_not_lash_in_afghanistan() -> None:
    gaz = Gazetteer.default()
    found = [p for _, _, p in gaz.find("in Las Margaritas")]
    assert all(p.country != "AF" for p in found)


def test_a_dateline_city_counts_only_as_a_whole(ex: Extractor) -> None:
    text = (
        "LAS MARGARITAS, Chiapas — Two soldiers were killed in a clash with gunmen in this "
        "town on Monday, the defence ministry said."
    )
    events = _events(ex, text)
    assert events
    for ev in events:
        for actor in ev.actors:
            assert "Afghan" not in actor.name and "Spanish" not in actor.name


def test_unknown_projectile_is_an_attack_not_an_air_strike(ex: Extractor) -> None:
    text = "A bulk carrier was struck by an unknown projectile off Mokha on Monday, UKMTO said."
    events = _events(ex, text)
    assert events and events[0].type == "attack"


def test_a_projectile_named_as_a_missile_stays_shelling(ex: Extractor) -> None:
    events = _events(ex, "A bulk carrier was struck by a missile off Mokha on Monday.")
    assert events and events[0].type == "shelling"


def test_gang_members_attacking_a_neighbourhood_is_a_ground_assault(ex: Extractor) -> None:
    text = "Gang members attacked the Solino neighbourhood on Monday, killing seven residents."
    events = _events(ex, text)
    assert events and events[0].type == "armed_assault"


def test_a_group_saying_through_its_agency_that_its_fighters_acted_claims(ex: Extractor) -> None:
    text = (
        "Islamic State said through its Amaq news agency on Monday that its fighters had "
        "ambushed a patrol near Mueda."
    )
    events = _events(ex, text)
    assert events and events[0].type == "claim_of_responsibility"
    assert any("Islamic State" in n for n in _names(events[0].agents))


def test_an_army_saying_in_a_statement_that_its_forces_acted_is_the_act(ex: Extractor) -> None:
    text = "The army said in a statement on Monday that its forces had killed six militants near Mueda."
    events = _events(ex, text)
    assert events and events[0].type != "claim_of_responsibility"


def test_drones_carrying_bombs_are_a_drone_strike(ex: Extractor) -> None:
    text = (
        "Resistance fighters used drones carrying grenades to attack an army outpost in "
        "Kani township on Monday, killing three soldiers."
    )
    events = _events(ex, text)
    assert events and events[0].type == "drone_strike"


def test_a_bomb_without_a_drone_stays_a_bombing(ex: Extractor) -> None:
    events = _events(ex, "A bomb hidden in a cart exploded at a market in Kani on Monday.")
    assert events and events[0].type == "bombing"


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        (
            "The Panama-flagged tanker Sea Lark was struck by a missile off Aden on Monday.",
            "tanker",
        ),
        ("A container ship was hit by a projectile west of Mokha on Monday.", "container ship"),
    ],
)
def test_a_vessel_as_subject_of_a_passive_is_the_target(
    ex: Extractor, text: str, noun: str
) -> None:
    events = _events(ex, text)
    assert events
    assert any(noun in t.name for t in events[0].targets)


def test_one_sides_version_of_a_clash_is_not_a_second_act(ex: Extractor) -> None:
    text = (
        "Soldiers and fighters of the Kachin Independence Army clashed near Bhamo on Monday, "
        "killing three soldiers. The military said KIA fighters had attacked an army post "
        "with mortars and that its troops had repelled them."
    )
    events = [e for e in _events(ex, text) if top_key(e.type) in ("attack", "armed_clash")]
    assert len(events) == 1
    assert top_key(events[0].type) == "armed_clash"


def test_an_attack_by_an_outsider_after_a_clash_stays_its_own(ex: Extractor) -> None:
    text = (
        "Soldiers and fighters of the Kachin Independence Army clashed near Bhamo on Monday, "
        "killing three soldiers. Residents said Arakan Army fighters had attacked a police "
        "post in Sittwe."
    )
    events = [e for e in _events(ex, text) if top_key(e.type) in ("attack", "armed_clash")]
    assert len(events) == 2


def test_rebels_are_counted_victims(ex: Extractor) -> None:
    events = _events(ex, "Two soldiers and a rebel were killed in a firefight on Thursday.")
    assert events and events[0].quantities.get("killed") == 3


def test_a_ship_seized_with_its_crew_is_an_abduction(ex: Extractor) -> None:
    text = "Pirates seized a fishing dhow and its 11 crew members off Eyl on Monday."
    events = _events(ex, text)
    assert events and events[0].type == "abduction"
    assert events[0].quantities.get("abducted") == 11


def test_a_town_captured_is_not_an_abduction(ex: Extractor) -> None:
    events = _events(ex, "Rebels captured the town of Kitshanga and its airstrip on Monday.")
    assert all(e.type != "abduction" for e in events)
