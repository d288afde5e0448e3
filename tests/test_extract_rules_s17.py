"""Extraction rules of session 17 (from a user review and the last extraction round).

Each test uses sentences of its own: a group's people in the plural ("fighters of X",
"members of X") as the doer stand for the group; an explicit day beats "overnight"; a place
named with a common first word ("Port Sudan") stays whole; a country's forces named by the
country ("United States forces"); "responded with <act>" and "the following day"; a
spokesman's denial credited to his organisation; a follow-up sentence detailing the act
just told; and an "earlier this month" sentence telling a separate act.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.eventtypes import top_key
from kb.extract.pipeline import Extractor
from kb.model import Article

PUB = dt.date(2026, 3, 11)  # a Wednesday


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _events(ex: Extractor, text: str, published: dt.date = PUB):
    return ex.extract(Article(id="s17", text=text, published=published))


def _names(actors) -> set[str]:
    return {a.name for a in actors}


def _acts(events):
    return [
        e
        for e in events
        if top_key(e.type) in ("attack", "killing", "armed_clash", "air_or_drone_strike")
    ]


# --- 1. a group's people in the plural are the group -----------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Fighters of the Arakan Army attacked a police outpost near Maungdaw on Monday, "
            "killing three officers.",
            "Arakan Army",
        ),
        (
            "Members of al-Shabaab stormed a hotel in Kismayo on Monday, killing nine people, "
            "police said.",
            "al-Shabaab",
        ),
        (
            "Suspected militants of the Allied Democratic Forces raided a village near Beni on "
            "Monday, killing 14 civilians.",
            "Allied Democratic Forces",
        ),
    ],
)
def test_plural_people_of_a_group_are_the_group(ex: Extractor, text: str, group: str) -> None:
    acts = _acts(_events(ex, text))
    assert acts
    agents = acts[0].agents
    assert any(a.name.lower() == group.lower() for a in agents), _names(agents)
    assert not any(a.kind == "person" for a in agents)


def test_a_single_commander_of_a_group_stays_a_person(ex: Extractor) -> None:
    events = _events(
        ex, "Troops killed a senior commander of al-Shabaab near Jilib on Monday, the army said."
    )
    assert events
    assert any(a.kind == "person" for a in events[0].targets)


def test_the_groups_fighters_in_the_plural_are_the_group(ex: Extractor) -> None:
    text = (
        "The Islamic State claimed an attack on a checkpoint in Kirkuk on Monday. On Tuesday "
        "the group's fighters attacked an army post near Hawija, killing two soldiers."
    )
    acts = [e for e in _acts(_events(ex, text)) if "Hawija" in e.mention.text]
    assert acts
    assert not any(a.kind == "person" for a in acts[0].agents)


# --- 2. an explicit day beats "overnight" ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Troops killed four suspected rebels in an overnight raid on a hideout near Beni on "
            "Monday night, the army said on Tuesday.",
            dt.date(2026, 3, 9),
        ),
        (
            "Police killed two gunmen in an overnight operation in Tank on Sunday, officials said.",
            dt.date(2026, 3, 8),
        ),
        # "overnight" alone: the night that ends on the publication day (the convention)
        (
            "Troops killed four suspected rebels in an overnight raid on a hideout near Beni, "
            "the army said.",
            PUB,
        ),
    ],
)
def test_an_explicit_day_beats_overnight(ex: Extractor, text: str, day: dt.date) -> None:
    acts = _acts(_events(ex, text))
    assert acts
    assert acts[0].date.value == day.isoformat()


# --- 3. a place named with a common first word stays whole ---------------------------------


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("A drone strike on Port Sudan airport on Monday damaged a hangar.", "Port Sudan"),
        ("Drones struck Port Sudan airport on Monday, officials said.", "Port Sudan"),
        ("Gunmen attacked Port Harcourt on Monday, killing two policemen.", "Port Harcourt"),
    ],
)
def test_a_place_name_is_not_cut_into_a_target(ex: Extractor, text: str, city: str) -> None:
    events = _events(ex, text)
    assert events
    ev = events[0]
    assert city in {p.name for p in ev.places}
    assert not any(t.name in ("Port", "port") for t in ev.targets)


def test_a_facility_of_a_named_place_keeps_both(ex: Extractor) -> None:
    text = "The paramilitaries launched a drone strike on Port Sudan airport on Monday."
    ev = _events(ex, text)[0]
    assert "Port Sudan" in {p.name for p in ev.places}
    assert any("airport" in t.name.lower() for t in ev.targets)


# --- 4. a country's forces named by the country ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "United States forces carried out an airstrike near Jilib on Monday, killing "
            "three militants.",
            "us-military",
        ),
        (
            "United Kingdom forces raided a compound in Helmand on Monday, killing two men.",
            "british-armed-forces",
        ),
        (
            "South Sudan forces shelled rebel positions near Nasir on Monday.",
            "south-sudan-peoples-defence-forces",
        ),
        (
            "Burundian troops killed 11 rebels near Uvira on Monday.",
            "burundi-national-defence-force",
        ),
    ],
)
def test_forces_named_by_their_country_are_its_military(ex: Extractor, text: str, key: str) -> None:
    events = _events(ex, text)
    assert events
    assert key in {a.id for a in events[0].agents}
    assert not any(a.unidentified for a in events[0].agents)


def test_a_country_after_in_is_still_a_place(ex: Extractor) -> None:
    events = _events(ex, "Gunmen killed four villagers in Mali on Monday, officials said.")
    assert events and "Mali" in {p.name for p in events[0].places}


@pytest.mark.parametrize(
    "text",
    [
        "In neighbouring Uganda, gunmen attacked a police post near Kasese on Monday.",
        "In south-western Niger, gunmen attacked a market near Tera on Monday.",
    ],
)
def test_a_country_after_in_and_an_adjective_is_no_doer(ex: Extractor, text: str) -> None:
    events = _events(ex, text)
    assert events
    assert all(a.unidentified for a in events[0].agents)


# --- 5. "responded with <act>" and "the following day" ---------------------------------------


def test_a_response_in_the_same_sentence_is_its_own_act(ex: Extractor) -> None:
    text = (
        "Militants shelled an army base near Tillaberi on Friday, and the army responded "
        "with artillery fire the following day."
    )
    acts = sorted(_acts(_events(ex, text)), key=lambda e: e.mention.start)
    assert len(acts) == 2
    first, response = sorted(acts, key=lambda e: e.date.value or "")
    assert first.date.value == "2026-03-06"
    assert response.date.value == "2026-03-07"
    assert "artillery" in response.trigger
    assert any(not a.unidentified for a in response.agents)


def test_a_response_told_next_is_dated_from_the_act_before(ex: Extractor) -> None:
    text = (
        "Rebels fired mortars at a government post near Beni on Sunday, the army said. "
        "The army retaliated with air strikes on rebel positions the next day."
    )
    acts = [e for e in _acts(_events(ex, text)) if "air strikes" in e.trigger]
    assert len(acts) == 1
    assert acts[0].date.value == "2026-03-09"
    assert any(not a.unidentified for a in acts[0].agents)


# --- 6. whose soldiers; whose spokesman ------------------------------------------------------


def test_soldiers_reported_by_their_army_are_its_soldiers(ex: Extractor) -> None:
    text = (
        "Three soldiers were killed when rebels ambushed a patrol on Monday, the Nigerian Army "
        "said."
    )
    acts = _acts(_events(ex, text))
    assert acts
    assert "nigerian-army" in {a.id for a in acts[0].targets}
    assert "nigerian-army" not in {a.id for a in acts[0].agents}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A spokesman for the junta denied the report on Monday.", "government"),
        (
            "Residents said troops burned 40 homes near Tera. A spokesman for the military "
            "government denied the report.",
            "government",
        ),
    ],
)
def test_a_spokesman_for_the_junta_speaks_for_it(ex: Extractor, text: str, kind: str) -> None:
    denials = [e for e in _events(ex, text) if e.type == "denial"]
    assert denials
    assert [a.kind for a in denials[0].agents] == [kind]
    assert "spokesman" not in {a.name for a in denials[0].agents}


# --- 7. a sentence detailing the weapon of the act just told --------------------------------

_BOMBING = "A bomb exploded at a bus station in Gombe on Monday, killing five people, police said. "


@pytest.mark.parametrize(
    "detail",
    [
        "The explosives had been hidden near a police post by the gate and were detonated as "
        "a patrol passed.",
        "Police said the device had been planted under a bench and was detonated by a "
        "suspected member of a militia.",
    ],
)
def test_a_detail_of_the_weapon_is_the_same_act(ex: Extractor, detail: str) -> None:
    acts = _acts(_events(ex, _BOMBING + detail))
    assert len(acts) == 1
    assert acts[0].date.value == "2026-03-09"


def test_a_second_blast_on_another_day_is_another_act(ex: Extractor) -> None:
    text = _BOMBING + "The second bomb had been left at a market and was detonated on Tuesday."
    acts = _acts(_events(ex, text))
    assert len({e.date.value for e in acts}) == 2


# --- 8. a sentence opened by an earlier time tells another act -----------------------------

_LEDE = (
    "Insurgents attacked an army base near Macomia on Monday, killing six soldiers, "
    "officials said. "
)


@pytest.mark.parametrize(
    "opener",
    ["Earlier this month", "Last month", "Two weeks ago", "In early February"],
)
def test_an_earlier_time_opens_another_act(ex: Extractor, opener: str) -> None:
    text = _LEDE + f"{opener}, insurgents ambushed a truck on the road north of the town."
    acts = _acts(_events(ex, text))
    assert len(acts) == 2
    assert {e.date.value for e in acts} >= {"2026-03-09"}


def test_a_detail_without_a_time_stays_the_same_act(ex: Extractor) -> None:
    text = _LEDE + "The insurgents attacked the base from two sides, a resident said."
    assert len(_acts(_events(ex, text))) == 1


@pytest.mark.parametrize(
    ("follow", "key"),
    [
        ("The army responded with artillery the following day.", "shelling"),
        ("Troops responded with a counter-offensive the next day.", "armed_clash"),
    ],
)
def test_a_response_by_weapon_or_counter_offensive_is_an_act(
    ex: Extractor, follow: str, key: str
) -> None:
    text = "Rebels attacked an army post near Beni on Sunday, killing two soldiers. " + follow
    later = [e for e in _events(ex, text) if e.type == key]
    assert later and later[0].date.value == "2026-03-09"


def test_a_counter_offensive_as_a_campaign_is_no_act(ex: Extractor) -> None:
    assert _events(ex, "Rights groups say the counter-offensive has come at a heavy cost.") == []


def test_a_junta_the_registry_knows_is_read_as_it_says(ex: Extractor) -> None:
    text = (
        "Villagers said an air strike hit a school in Sagaing region on Sunday. A spokesman "
        "for the junta denied the report on Monday."
    )
    denials = [e for e in _events(ex, text) if e.type == "denial"]
    assert denials and [a.id for a in denials[0].agents] == ["myanmar-military"]
