"""General extraction rules of the second round after the fourth held-out corpus.

Each test pins one rule with sentences of our own, written the way news reports such
things, with negative cases that must not fire: a military's own report of having struck
a military object is an attack of its own.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.eventtypes import top_key
from kb.extract.pipeline import Extractor
from kb.model import Article

DAY = dt.date(2026, 3, 11)  # a Wednesday


def _events(extractor: Extractor, text: str):
    return extractor.extract(Article(id="t", text=text, published=DAY))


def _of_top(events, top: str):
    return [e for e in events if top_key(e.type) == top]


# --- a military's own strike on a military object ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The defence ministry said on Tuesday that its forces had struck a fuel depot of the "
        "rebels near the border.",
        "The army said its troops destroyed an ammunition depot of the militia in the hills.",
        "The navy said on Monday that its forces had destroyed two rebel boats in the Gulf.",
        'The coalition said its forces had struck "a command post of the militia" north of '
        "the town.",
    ],
)
def test_own_strike_on_a_military_object_is_an_attack(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    assert [e.trigger.lower() for e in events if e.type == "attack"] in (
        ["struck"],
        ["destroyed"],
    )


@pytest.mark.parametrize(
    "text",
    [
        # no military object: not this rule
        "The ministry said its forces had destroyed documents before leaving.",
        # someone else's forces
        "Witnesses said the forces had struck the crowd with batons.",
    ],
)
def test_own_strike_needs_its_forces_and_a_military_object(extractor: Extractor, text: str) -> None:
    assert not [e for e in _events(extractor, text) if e.type == "attack"]


def test_own_strike_is_not_folded_into_the_lead_attack(extractor: Extractor) -> None:
    text = (
        "A cargo ship was hit by a projectile off the coast on Monday, its operator said. "
        "The navy said on Tuesday that its forces had destroyed a rebel boat in the strait."
    )
    attacks = [e for e in _events(extractor, text) if e.type == "attack"]
    assert len(attacks) == 2
    assert {e.trigger.lower() for e in attacks} == {"hit", "destroyed"}


# --- a drone strike and a bomb or missile strike: two acts ---------------------------------


@pytest.mark.parametrize(
    "second",
    [
        "Officials said a guided bomb hit the city of Kharkiv, injuring four people.",
        "Officials said a missile struck an apartment block in Dnipro, injuring four people.",
    ],
)
def test_drones_and_a_bomb_are_two_acts(extractor: Extractor, second: str) -> None:
    text = (
        "The air force said Russia launched 60 drones at Ukraine overnight, most of which were "
        f"shot down. {second}"
    )
    tops = sorted(
        e.type
        for e in _events(extractor, text)
        if top_key(e.type) in ("air_or_drone_strike", "shelling")
        or e.type in ("airstrike", "drone_strike", "shelling")
    )
    assert "drone_strike" in tops
    assert len(tops) == 2


def test_one_drone_strike_told_twice_stays_one(extractor: Extractor) -> None:
    text = (
        "A drone strike hit a market in the town on Monday, killing three people. "
        "The drone strike also damaged a school nearby, officials said."
    )
    assert len([e for e in _events(extractor, text) if e.type == "drone_strike"]) == 1


# --- a bare statement is not folded into the same speaker's claim or denial ----------------


def test_a_statement_stays_apart_from_a_claim_and_a_denial(extractor: Extractor) -> None:
    text = (
        "Gunmen attacked a police post in the town of Bannu on Monday, killing three officers. "
        "The Tehreek-e-Taliban Pakistan claimed responsibility for the attack. "
        "The TTP also condemned the arrest of its members in Peshawar. "
        "The army denied that its troops had shelled the village of Mir Ali. "
        "The army also condemned the attack on the police post."
    )
    speech = sorted(e.type for e in _of_top(_events(extractor, text), "statement"))
    assert speech == ["claim_of_responsibility", "statement", "statement"]


# --- counts: a part of a whole, and the dead of both sides ---------------------------------


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Pirates attacked a cargo ship on Monday. Two of the 23 crew were wounded.", "injured", 2),
        ("Gunmen attacked a bus on Monday. Three of its 40 passengers were killed.", "killed", 3),
        ("Rebels ambushed a convoy on Monday. Four of their 12 guards were killed.", "killed", 4),
    ],
)
def test_a_part_of_a_whole_counts_the_part(
    extractor: Extractor, text: str, key: str, value: int
) -> None:
    counts = [e.quantities.get(key) for e in _events(extractor, text) if e.quantities]
    assert counts == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Gunmen ambushed a convoy on Tuesday. Seventeen soldiers and nine attackers were "
            "killed in the fighting.",
            26,
        ),
        ("Militants stormed a base on Tuesday; 12 soldiers and 30 militants were killed.", 42),
        (
            "Gunmen attacked a checkpoint on Tuesday. Five policemen and two civilians had been "
            "killed, officials said.",
            7,
        ),
    ],
)
def test_the_dead_of_both_sides_are_summed(extractor: Extractor, text: str, value: int) -> None:
    counts = [e.quantities["killed"] for e in _events(extractor, text) if "killed" in e.quantities]
    assert counts and set(counts) == {value}


def test_one_side_counted_alone_is_not_summed(extractor: Extractor) -> None:
    text = (
        "Gunmen attacked a checkpoint on Tuesday. Five policemen were killed and two civilians "
        "were wounded."
    )
    [event] = _events(extractor, text)
    assert event.quantities == {"killed": 5, "injured": 2}


# --- captives released unharmed ------------------------------------------------------------


@pytest.mark.parametrize(
    "second",
    [
        "The five engineers were released unharmed late on Thursday, the company said.",
        "The priest was freed unhurt two days later, his diocese said on Friday.",
        "All the hostages were released safely, police said.",
    ],
)
def test_captives_released_unharmed_is_news(extractor: Extractor, second: str) -> None:
    text = f"Gunmen kidnapped a group of travellers near the town on Monday. {second}"
    types = [e.type for e in _events(extractor, text)]
    assert "abduction" in types
    assert "other" in types


def test_a_report_released_is_not_a_release(extractor: Extractor) -> None:
    text = (
        "Gunmen kidnapped a group of travellers near the town on Monday. "
        "A video of the captives was released online."
    )
    assert "other" not in [e.type for e in _events(extractor, text)]


# --- "came under fire during an operation": the raid already told --------------------------


@pytest.mark.parametrize(
    "second",
    [
        "The Israeli army said its soldiers had come under fire during a search operation in "
        "the camp.",
        "The army said its troops came under heavy fire during the raid and responded.",
    ],
)
def test_under_fire_during_the_raid_is_the_raid(extractor: Extractor, second: str) -> None:
    text = (
        "A teenager was killed by Israeli fire during a military raid on a refugee camp near "
        f"Jenin on Tuesday, the health ministry said. {second}"
    )
    acts = [e for e in _events(extractor, text) if top_key(e.type) in ("attack", "armed_clash")]
    assert len(acts) == 1


def test_under_fire_elsewhere_is_a_clash_of_its_own(extractor: Extractor) -> None:
    text = (
        "A teenager was killed by Israeli fire during a military raid on a refugee camp near "
        "Jenin on Tuesday, the health ministry said. Separately, Hamas fighters clashed with "
        "Fatah gunmen in Nablus on Tuesday."
    )
    acts = [e for e in _events(extractor, text) if top_key(e.type) in ("attack", "armed_clash")]
    assert len(acts) == 2
