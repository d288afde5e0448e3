"""Extraction rules of session 11.

Each test uses sentences of its own: a target described by an earlier deed ("a commander
blamed for last week's bombing near X"), whose date, place and victims are not the main
act's, and aircraft named by model after a demonym ("Iraqi F-16 jets"), which are that
country's military.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.pipeline import Extractor
from kb.model import Article


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str, published: dt.date = dt.date(2026, 11, 26)):
    return ex.extract(Article(id="s11", text=text, published=published))


def _of(events, top: str):
    from kb.eventtypes import top_key

    return [e for e in events if top_key(e.type) == top]


def _ids(refs) -> set[str]:
    return {a.id for a in refs}


def _names(ev) -> set[str]:
    return {p.name for p in ev.places}


# --- a modifier telling the target's earlier deed ------------------------------------

_STRIKE_ON_WANTED_MAN = (
    "Syrian army helicopters killed a Hayat Tahrir al-Sham commander blamed for last "
    "week's deadly raid on troops near Saraqib, along with two of his aides, in a strike "
    "on a farm in Idlib province on Monday, the defence ministry said."
)


def test_main_act_takes_its_own_day_not_the_deed_s(ex: Extractor) -> None:
    strikes = _of(_events(ex, _STRIKE_ON_WANTED_MAN), "air_or_drone_strike")
    assert len(strikes) == 1, strikes
    ev = strikes[0]
    assert ev.date.value == "2026-11-23", ev.date  # Monday, not "last week"
    assert "Saraqib" not in _names(ev)
    assert "Idlib" in _names(ev)


def test_victims_of_the_deed_are_not_targets_of_the_act(ex: Extractor) -> None:
    ev = _of(_events(ex, _STRIKE_ON_WANTED_MAN), "air_or_drone_strike")[0]
    assert "syrian-army" not in _ids(ev.targets)  # "troops" of the earlier raid
    assert "syrian-army" in _ids(ev.agents)


def test_blamed_for_in_a_modifier_is_no_accusation(ex: Extractor) -> None:
    events = _events(ex, _STRIKE_ON_WANTED_MAN)
    assert not [e for e in events if e.type == "accusation"], events


def test_the_deed_told_is_an_event_of_its_own_with_its_date(ex: Extractor) -> None:
    events = _events(
        ex,
        "Pakistani fighter jets killed a Tehrik-i-Taliban Pakistan commander accused of "
        "organising the ambush of a police convoy in Bannu in August, in a strike on a "
        "hideout in North Waziristan on Friday.",
    )
    strikes = [e for e in events if e.type == "airstrike"]
    assert len(strikes) == 1 and strikes[0].date.value == "2026-11-20", events
    ambushes = [e for e in events if e.trigger.lower() == "ambush"]
    assert ambushes and ambushes[0].date.value == "2026-08", events
    assert not [e for e in events if e.type == "accusation"]


def test_an_arrest_keeps_its_day_and_the_bombing_keeps_its_place(ex: Extractor) -> None:
    events = _events(
        ex,
        "Police arrested two men suspected of carrying out Sunday's bombing of a church "
        "in Jolo on Tuesday.",
    )
    arrests = _of(events, "arrest")
    assert len(arrests) == 1 and arrests[0].date.value == "2026-11-24", events
    assert "Jolo" not in _names(arrests[0])
    bombings = [e for e in events if e.type == "bombing"]
    assert bombings and bombings[0].date.value == "2026-11-22"
    assert "Jolo" in _names(bombings[0])


def test_a_modifier_without_a_deed_keeps_the_act_s_place(ex: Extractor) -> None:
    # nothing earlier is told: the town may be where the arrest was
    events = _events(
        ex,
        "Police arrested three men suspected of smuggling fuel to armed groups in Kidal on Sunday.",
    )
    arrests = _of(events, "arrest")
    assert arrests and "Kidal" in _names(arrests[0]), events


def test_a_sentence_saying_who_was_blamed_is_unchanged(ex: Extractor) -> None:
    # "was blamed for" is the sentence's verb, not a modifier of a target
    events = _events(
        ex,
        "Security forces raided a house in Kirkuk on Sunday; its owner was blamed for "
        "last month's bombing of a market in Hawija.",
    )
    raids = [e for e in events if e.trigger.lower() == "raided"]
    assert raids and raids[0].date.value == "2026-11-22", events


# --- aircraft named by model after a demonym -----------------------------------------


@pytest.mark.parametrize(
    ("text", "military"),
    [
        (
            "Iraqi F-16 jets killed an Islamic State leader in a strike in Anbar on Tuesday.",
            "iraqi-security-forces",
        ),
        (
            "Egyptian Apache helicopters struck militants in northern Sinai on Friday.",
            "egyptian-armed-forces",
        ),
        (
            "Turkish Bayraktar TB2 drones struck a PKK convoy near Qandil on Sunday.",
            "turkish-armed-forces",
        ),
        (
            "Israeli F-35 warplanes struck a weapons depot in Homs on Monday.",
            "israel-defense-forces",
        ),
    ],
)
def test_aircraft_named_by_model_are_the_country_s_military(
    ex: Extractor, text: str, military: str
) -> None:
    strikes = _of(_events(ex, text), "air_or_drone_strike")
    assert strikes, text
    assert _ids(strikes[0].agents) == {military}, strikes[0].actors


def test_plural_model_names_are_aircraft_that_strike(ex: Extractor) -> None:
    events = _events(
        ex, "Jordanian F-16s bombed a drug smuggling depot near the Syrian border on Sunday."
    )
    strikes = _of(events, "air_or_drone_strike")
    assert len(strikes) == 1, events
    assert _ids(strikes[0].agents) == {"jordanian-armed-forces"}


# --- background recalled in passing ---------------------------------------------------


def test_a_death_named_to_say_when_is_not_an_event(ex: Extractor) -> None:
    events = _events(
        ex,
        "The militia's fighters regrouped in the hills after the death of their leader in March.",
    )
    assert not [e for e in events if e.type == "killing" or e.trigger.lower() == "death"], events


def test_a_death_told_as_news_is_still_an_event(ex: Extractor) -> None:
    events = _events(
        ex,
        "The deaths of three soldiers in an ambush near Gao on Sunday were confirmed by the army.",
    )
    assert events, events


def test_the_act_s_doer_is_not_the_doer_of_the_deed(ex: Extractor) -> None:
    events = _events(
        ex,
        "The army said it killed a militant who was behind the kidnapping of two aid "
        "workers in Gao in July, in a raid near Menaka on Sunday.",
    )
    kidnaps = [e for e in events if e.trigger.lower() == "kidnapping"]
    assert kidnaps and kidnaps[0].date.value == "2026-07", events
    assert "malian-armed-forces" not in _ids(kidnaps[0].agents)
    raids = [e for e in events if e.trigger.lower() == "raid"]
    assert raids and raids[0].date.value == "2026-11-22"
